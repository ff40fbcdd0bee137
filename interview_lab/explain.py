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
        "accept": "Go ({score}).",
        "decline": "Decline ({score}): nothing speaks for it strongly enough.",
        "decline_keep_in_touch": (
            "Decline, but stay in touch ({score}): the interview is not worth it, but the "
            "company is (doors {doors}/10)."
        ),
        "lead_pros": "For it mainly {items}",
        "lead_cons": "Against it mainly {items}",
        "then_pros": "for it {items}",
        "then_cons": "against it {items}",
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
        "accept": "Hingehen ({score}).",
        "decline": "Absagen ({score}): nichts spricht stark genug dafür.",
        "decline_keep_in_touch": (
            "Absagen, aber in Kontakt bleiben ({score}): das Gespräch lohnt sich nicht, "
            "die Firma aber schon (Türen {doors}/10)."
        ),
        "lead_pros": "Dafür {verb} vor allem {items}",
        "lead_cons": "Dagegen {verb} vor allem {items}",
        "then_pros": "dafür {items}",
        "then_cons": "dagegen {items}",
        "verb_one": "spricht",
        "verb_many": "sprechen",
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


def format_number(value: float, lang: str, signed: bool = False, digits: int = 1) -> str:
    """Format a number (one decimal by default), with a decimal comma in German."""
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}".removesuffix(".0")
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
    score = format_number(float(contributions.sum()), language, signed=True, digits=2)
    doors = format_number(float(ratings[_DOORS]), language)
    sentences = [text[verdict].format(score=score, doors=doors)]
    # Lead with what carried the verdict: the reasons for a yes, the costs for a no.
    sides = [("pros", pros), ("cons", cons)]
    if verdict != "accept":
        sides.reverse()
    clauses = []
    for k, (side, items) in enumerate(s for s in sides if s[1]):
        verb = text.get("verb_one" if len(items) == 1 else "verb_many", "")
        template = text[f"lead_{side}" if k == 0 else f"then_{side}"]
        clauses.append(template.format(items=join_words(items, language), verb=verb))
    if clauses:
        sentences.append("; ".join(clauses) + ".")

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
