"""Plain-language explanations of a verdict, in English and German.

An explanation names the factors that carried the verdict (the largest
contributions for and against), the caveats that cancelled most of a reason, and
says plainly when the verdict is borderline.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import numpy as np

from ..core.factors import RATING_MAX, RATING_MIN, Language, check_language
from ..core.model import DEFAULT_MODEL, NO_FLIP, VERDICTS, Model, Scores

#: How many factors for and against an explanation names at most.
NAMED_FACTORS = 2
#: Contributions smaller than this (rating points) are not worth naming; as they are
#: shown to one decimal, this names exactly those that do not show as 0.0.
NEGLIGIBLE = 0.1
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
            "Close call: a small change of priorities or ratings could tip this to "
            "“{flips_to}”. Not sure? This is one to talk through with a coach."
        ),
        "near_line": (
            "Near the keep-in-touch line: one point more or less for {factor} would make "
            "it “{flips_to}”."
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
            "Knappe Entscheidung: Schon eine kleine Änderung der Prioritäten oder "
            "Einschätzungen könnte das Ergebnis zu „{flips_to}“ kippen. Unsicher? Besprechen "
            "Sie das am besten mit einem Karrierecoach."
        ),
        "near_line": (
            "Nahe an der Grenze zu „in Kontakt bleiben“: Ein Punkt mehr oder weniger bei "
            "„{factor}“ ergäbe „{flips_to}“."
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


def _caveat_sentences(lang: Language, model: Model) -> list[str]:
    """Return, per reason of the model's pairs, the sentence that its caveat cancels it."""
    text = _TEXT[lang]
    sentences = []
    for reason, caveat in model.pairs:
        reason_label = model.factor(reason).text("short", lang)
        if model.cancels_when_low(caveat):
            sentences.append(text["cancelled_low_interest"].format(reason=reason_label))
        else:
            caveat_label = model.factor(caveat).text("short", lang)
            sentences.append(
                text["cancelled"].format(
                    caveat=caveat_label[:1].upper() + caveat_label[1:], reason=reason_label
                )
            )
    return sentences


@functools.cache
def _items_table(lang: Language, model: Model) -> list[dict[int, str]]:
    """Return, per factor, "label (+x.y)" for every contribution in tenths of a point."""
    span = int(10 * (RATING_MAX - RATING_MIN))
    return [
        {
            q: f"{factor.text('short', lang)} ({format_number(q / 10, lang, signed=True)})"
            for q in range(-span, span + 1)
        }
        for factor in model.factors
    ]


def explanations(
    scores: Scores,
    cols: np.ndarray,
    weights: np.ndarray,
    verdicts: Sequence[str],
    lang: str = "en",
    model: Model = DEFAULT_MODEL,
) -> list[str]:
    """Explain every row of a scored table (``cols`` (K, n) on 0-10, ``weights`` normalised).

    The ranking of factors and the caveat tests run on whole arrays; only the
    wording is assembled row by row.
    """
    language = check_language(lang)
    text = _TEXT[language]
    caveat_sentences = _caveat_sentences(language, model)
    contributions = np.asarray(scores.contributions).T
    pros_order = np.argsort(-contributions, axis=1, kind="stable")[:, :NAMED_FACTORS]
    cons_order = np.argsort(contributions, axis=1, kind="stable")[:, :NAMED_FACTORS]
    reasons = [model.index[reason] for reason, _ in model.pairs]
    raw = cols[reasons].T * weights[reasons]
    cancelled = (
        np.zeros_like(raw) if scores.cancelled is None else np.asarray(scores.cancelled)[reasons].T
    )
    cancelled_most = (raw >= CANCELLED_MIN) & (cancelled >= CANCELLED_SHARE * raw)
    doors_at = model.index.get(model.keep_in_touch or "", 0)
    doors_label = (
        model.factor(model.keep_in_touch).text("short", language) if model.keep_in_touch else ""
    )
    flip_labels = [verdict_label(v, language) for v in VERDICTS]

    # Contributions are shown to one decimal: look the few hundred possible
    # "label (+x.y)" items up instead of formatting each one.
    tenths = np.clip(np.rint(contributions * 10), -100, 100).astype(int).tolist()
    items_table = _items_table(language, model)

    def named(row: list[int], order: list[int]) -> list[str]:
        items = []
        for j in order:
            if abs(row[j]) < NEGLIGIBLE * 10:
                break
            items.append(items_table[j][row[j]])
        return items

    result = []
    rows = zip(
        verdicts,
        np.asarray(scores.score).tolist(),
        tenths,
        pros_order.tolist(),
        cons_order.tolist(),
        cancelled_most.tolist(),
        cols[doors_at].tolist(),
        np.asarray(scores.borderline).tolist(),
        np.asarray(scores.flips_to).tolist(),
        strict=True,
    )
    for verdict, total, row, pro_order, con_order, notes, doors, borderline, flips in rows:
        score = format_number(total, language, signed=True, digits=2)
        sentences = [text[verdict].format(score=score, doors=format_number(doors, language))]
        # Lead with what carried the verdict: the reasons for a yes, the costs for a no.
        sides = [("pros", named(row, pro_order)), ("cons", named(row, con_order))]
        if verdict != "accept":
            sides.reverse()
        clauses = []
        for k, (side, items) in enumerate(side for side in sides if side[1]):
            verb = text.get("verb_one" if len(items) == 1 else "verb_many", "")
            template = text[f"lead_{side}" if k == 0 else f"then_{side}"]
            clauses.append(template.format(items=join_words(items, language), verb=verb))
        if clauses:
            sentences.append("; ".join(clauses) + ".")
        sentences.extend(
            sentence for sentence, note in zip(caveat_sentences, notes, strict=True) if note
        )
        if borderline:
            sentences.append(text["borderline"].format(flips_to=flip_labels[flips]))
        elif flips != NO_FLIP:
            sentences.append(
                text["near_line"].format(factor=doors_label, flips_to=flip_labels[flips])
            )
        result.append(" ".join(sentences))
    return result
