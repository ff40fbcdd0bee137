"""Plain-language explanations of a verdict, in English and German.

An explanation names the factors that carried the verdict (the largest
contributions for and against), the caveats that cancelled most of a reason, and
says plainly when the verdict is borderline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .factors import FACTORS, FACTORS_BY_NAME, REASON_CAVEAT_PAIRS, Language, check_language

if TYPE_CHECKING:
    from .model import Scores

#: How many factors for and against an explanation names at most.
NAMED_FACTORS = 2
#: Contributions smaller than this (rating points) are not worth naming.
NEGLIGIBLE = 0.05
#: A caveat is named when it cancels at least this share of its reason...
CANCELLED_SHARE = 0.5
#: ...and the reason would have been worth at least this much without it.
CANCELLED_MIN = 0.75

_TEXT: Mapping[Language, Mapping[str, str]] = {
    "en": {
        "accept": "Go: {pros} outweigh {cons}.",
        "accept_no_cons": "Go: {pros} speak for it and nothing much against.",
        "decline": "Decline: {cons} outweigh {pros}.",
        "decline_no_pros": "Decline: nothing speaks for it strongly enough; {cons} count against.",
        "decline_keep_in_touch": (
            "Decline, but stay in touch: {cons} outweigh {pros}, so the interview is not "
            "worth it, but the company is (doors {doors}/10)."
        ),
        "decline_keep_in_touch_no_pros": (
            "Decline, but stay in touch: nothing speaks for the interview and {cons} "
            "count against, but the company is worth it (doors {doors}/10)."
        ),
        "nothing": "nothing",
        "and": "and",
        "cancelled": "{caveat} cancels most of what {reason} would give.",
        "cancelled_low_interest": (
            "Low interest cancels most of what {reason} would give (a visibly "
            "uninterested candidate burns the bridge)."
        ),
        "borderline": (
            "Borderline: a small change of priorities or ratings flips this. Not sure? "
            "This is one to talk through with a coach."
        ),
    },
    "de": {
        "accept": "Hingehen: {pros} überwiegen {cons}.",
        "accept_no_cons": "Hingehen: {pros} sprechen dafür, kaum etwas dagegen.",
        "decline": "Absagen: {cons} überwiegen {pros}.",
        "decline_no_pros": ("Absagen: nichts spricht stark genug dafür; {cons} sprechen dagegen."),
        "decline_keep_in_touch": (
            "Absagen, aber in Kontakt bleiben: {cons} überwiegen {pros}, das Gespräch "
            "lohnt sich also nicht, die Firma aber schon (Türen {doors}/10)."
        ),
        "decline_keep_in_touch_no_pros": (
            "Absagen, aber in Kontakt bleiben: nichts spricht für das Gespräch und {cons} "
            "sprechen dagegen, die Firma lohnt sich aber (Türen {doors}/10)."
        ),
        "nothing": "nichts",
        "and": "und",
        "cancelled": "{caveat} hebt den Großteil dessen auf, was {reason} bringen würde.",
        "cancelled_low_interest": (
            "Geringes Interesse hebt den Großteil dessen auf, was {reason} bringen würde "
            "(wer sichtbar desinteressiert auftritt, verbrennt die Brücke)."
        ),
        "borderline": (
            "Grenzfall: eine kleine Änderung der Prioritäten oder Bewertungen kippt das "
            "Ergebnis. Unsicher? Das bespricht man am besten mit einem Coach."
        ),
    },
}

_VERDICT_LABELS: Mapping[Language, Mapping[str, str]] = {
    "en": {
        "accept": "go",
        "decline_keep_in_touch": "decline, keep in touch",
        "decline": "decline",
    },
    "de": {
        "accept": "hingehen",
        "decline_keep_in_touch": "absagen, in Kontakt bleiben",
        "decline": "absagen",
    },
}


def verdict_label(verdict: str, lang: str = "en") -> str:
    """Return the short, human label of a verdict code in ``lang``."""
    labels = _VERDICT_LABELS[check_language(lang)]
    if verdict not in labels:
        raise ValueError(f"unknown verdict {verdict!r}; expected one of {list(labels)}.")
    return labels[verdict]


_REASON_INDEX = {reason: j for j, reason in enumerate(f.name for f in FACTORS)}
_DOORS = _REASON_INDEX["doors"]


def format_number(value: float, lang: str, signed: bool = False) -> str:
    """Format a number to one decimal, with a decimal comma in German."""
    text = f"{value:+.1f}" if signed else f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if check_language(lang) == "de" else text


def join_words(words: Sequence[str], lang: str) -> str:
    """Join words as "a, b and c" (English) or "a, b und c" (German)."""
    if len(words) <= 1:
        return "".join(words)
    conjunction = _TEXT[check_language(lang)]["and"]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _named(contributions: np.ndarray, order: np.ndarray, lang: Language) -> list[str]:
    names = []
    for j in order[:NAMED_FACTORS]:
        if abs(contributions[j]) < NEGLIGIBLE:
            break
        label = FACTORS[j].text("short", lang)
        names.append(f"{label} ({format_number(float(contributions[j]), lang, signed=True)})")
    return names


def explain_row(
    verdict: str,
    contributions: np.ndarray,
    cancelled: np.ndarray,
    ratings: np.ndarray,
    weights: np.ndarray,
    borderline: bool,
    lang: str = "en",
) -> str:
    """Explain one offer's verdict from its contributions (one value per factor)."""
    language = check_language(lang)
    text = _TEXT[language]
    pros = _named(contributions, np.argsort(-contributions, kind="stable"), language)
    cons = _named(contributions, np.argsort(contributions, kind="stable"), language)
    pros_text = join_words(pros, language) or text["nothing"]
    cons_text = join_words(cons, language) or text["nothing"]
    doors = format_number(float(ratings[_DOORS]), language)
    if verdict == "accept":
        key = "accept" if cons else "accept_no_cons"
    else:
        key = verdict if pros else f"{verdict}_no_pros"
    sentences = [text[key].format(pros=pros_text, cons=cons_text, doors=doors)]

    for reason, caveat in REASON_CAVEAT_PAIRS:
        j = _REASON_INDEX[reason]
        raw = weights[j] * ratings[j]
        if raw >= CANCELLED_MIN and cancelled[j] >= CANCELLED_SHARE * raw:
            reason_label = FACTORS[j].text("short", language)
            if FACTORS_BY_NAME[caveat].cancels_when_low:
                sentences.append(text["cancelled_low_interest"].format(reason=reason_label))
            else:
                caveat_label = FACTORS_BY_NAME[caveat].text("short", language)
                sentences.append(
                    text["cancelled"].format(
                        caveat=caveat_label[:1].upper() + caveat_label[1:], reason=reason_label
                    )
                )
    if borderline:
        sentences.append(text["borderline"])
    return " ".join(sentences)


def explanations(
    scores: Scores,
    ratings: np.ndarray,
    weights: np.ndarray,
    verdicts: Sequence[str],
    lang: str = "en",
) -> list[str]:
    """Explain every row of a scored table (``weights`` normalised, in factor order)."""
    return [
        explain_row(
            verdicts[k],
            scores.contributions[k],
            scores.cancelled[k],
            ratings[k],
            weights,
            bool(scores.borderline[k]),
            lang,
        )
        for k in range(len(verdicts))
    ]
