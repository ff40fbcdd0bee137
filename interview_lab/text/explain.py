"""Plain-language explanations of a verdict, in English and German.

An explanation names the factors that carried the verdict (the largest
contributions for and against), the caveats that cancelled most of a reason, and
says plainly when the verdict is borderline.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from ..core.i18n import Language, check_language
from ..core.model import ACCEPT, DEFAULT_MODEL, NO_FLIP, VERDICTS, Model, Scores

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


#: Code spaces up to this size are tabulated densely; larger ones are sorted.
_DENSE = 1 << 22


def _rounded(values: np.ndarray, digits: int) -> tuple[np.ndarray, np.ndarray]:
    """Sign bits and ``|values|`` in units of ``10**-digits``, rounded as ``format`` rounds.

    ``f"{v:.{digits}f}"`` rounds the exact value ``|v|·10^d`` half to even. Its
    floating-point product ``p`` rounds to the same integer unless ``p`` is exactly
    a half; there the product's rounding error (exact, by Dekker's split) says
    whether the exact value lies above, below or on the half.
    """
    scale = 10.0**digits
    magnitude = np.abs(values)
    scaled = magnitude * scale
    if not np.all(scaled < 2.0**52):  # scores and ratings are a few points at most
        raise ValueError("explanations: a number to show is not finite or too large")
    units = np.rint(scaled)  # half to even: right when the product is exact
    half = np.flatnonzero(scaled - np.floor(scaled) == 0.5)
    if half.size:
        a = magnitude.reshape(-1)[half]
        p = scaled.reshape(-1)[half]
        split = a * 134217729.0  # 2**27 + 1: a = high + low, each exact times the scale
        high = split - (split - a)
        error = (high * scale - p) + (a - high) * scale  # |v|·10^d − p, exactly
        flat = units.reshape(-1)
        flat[half] = np.where(error > 0, p + 0.5, np.where(error < 0, p - 0.5, flat[half]))
    return np.signbit(values), units.astype(np.int64)


def _number(negative: int, units: int, digits: int, lang: Language, signed: bool) -> str:
    """:func:`format_number` of the number ``±units·10^-digits``, from integers."""
    whole, fraction = divmod(units, 10**digits)
    text = f"{'-' if negative else '+' if signed else ''}{whole}.{fraction:0{digits}d}"
    if not signed:
        text = text.removesuffix(".0")
    return text.replace(".", ",") if lang == "de" else text


def _split(template: str, **fields: str) -> tuple[str, str]:
    """Text before and after the one field of ``template`` that is left as a marker."""
    before, after = template.format(**fields).split("\x00")
    return before, after


def _clause(lang: Language, key: str, count: int) -> tuple[str, str]:
    """Split a clause template around its items; its verb agrees with their number."""
    text = _TEXT[lang]
    verb = text.get("verb_one" if count == 1 else "verb_many", "")
    return _split(text[key], items="\x00", verb=verb)


def _bucket(units: int) -> int:
    """Return a table size above ``units``, rounded up so that tables are reused."""
    return 1 << max(7, int(units).bit_length())


def _objects(strings: Iterable[str]) -> np.ndarray:
    """Strings as an object array (a table that integer codes index)."""
    listed = list(strings)
    out = np.empty(len(listed), dtype=object)
    out[:] = listed
    return out


def _present(codes: np.ndarray, space: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct codes (sorted) and, per row, where its code is among them."""
    if space > _DENSE:
        distinct, position = np.unique(codes, return_inverse=True)
        return distinct, position.reshape(-1)
    seen = np.zeros(space, dtype=bool)
    seen[codes] = True
    distinct = np.flatnonzero(seen)
    lookup = np.empty(space, dtype=np.intp)
    lookup[distinct] = np.arange(len(distinct))
    return distinct, lookup[codes]


class _ClausePieces(NamedTuple):
    """The pieces of the clauses, as tables that integer codes index (see below)."""

    items: int  # how many items there are, the empty one (the last) included
    lead: np.ndarray
    middle: np.ndarray
    separator: np.ndarray
    end: tuple[str, ...]


@functools.lru_cache(maxsize=8)
def _clause_pieces(lang: Language, model: Model, named: int, item_units: int) -> _ClausePieces:
    """Return the clause pieces, each glued to the named factor after it, by code.

    An item's code is ``factor·2·size + negative·size + tenths`` and the last one,
    ``len(items) − 1``, is the empty item. A clause code is ``(first side is cons,
    its count, the second side's count)`` in base ``named + 1``. ``lead`` and
    ``middle`` are indexed by ``clause·len(items) + item``, ``separator`` by
    ``((position − 1)·(named + 1) + count)·len(items) + item`` and ``end`` by clause.
    """
    text = _TEXT[lang]
    items = [
        f"{factor.text('short', lang)} ({_number(neg, u, 1, lang, True)})"
        for factor in model.factors
        for neg in (0, 1)
        for u in range(item_units)
    ]
    items.append("")
    opens, middles, ends = [], [], []
    for first in (0, 1):
        sides = ("pros", "cons") if first == 0 else ("cons", "pros")
        for count in range(named + 1):
            for second in range(named + 1):
                if count == 0:  # no clause at all, so no second one either
                    opens.append("")
                    middles.append("")
                    ends.append("")
                    continue
                lead = _clause(lang, f"lead_{sides[0]}", count)
                opens.append(" " + lead[0])
                if second:
                    then = _clause(lang, f"then_{sides[1]}", second)
                    middles.append(lead[1] + "; " + then[0])
                    ends.append(then[1] + ".")
                else:
                    middles.append(lead[1])
                    ends.append(".")
    conjunction = f" {text['and']} "  # join_words: "a, b and c"
    separators = [
        "" if k >= count else conjunction if k == count - 1 else ", "  # before item k
        for k in range(1, named)
        for count in range(named + 1)
    ]
    return _ClausePieces(
        items=len(items),
        lead=_objects(a + b for a in opens for b in items),
        middle=_objects(a + b for a in middles for b in items),
        separator=_objects(a + b for a in separators for b in items),
        end=tuple(ends),
    )


def _tail(lang: Language, model: Model, code: int) -> str:
    """Return the sentences after the clauses (caveats, then a close call) of a code.

    A code is ``notes·7 + state``: bit ``k`` of ``notes`` says the ``k``-th caveat cancels
    most of its reason; ``state`` is 0, ``1 + flips_to`` for a close call, ``4 + flips_to``
    for a decline near the keep-in-touch line.
    """
    text = _TEXT[lang]
    labels = [verdict_label(v, lang) for v in VERDICTS]
    notes, state = divmod(code, 7)
    sentences = [s for k, s in enumerate(_caveat_sentences(lang, model)) if notes >> k & 1]
    if 1 <= state <= 3:
        sentences.append(text["borderline"].format(flips_to=labels[state - 1]))
    elif state >= 4:
        doors = model.factor(model.keep_in_touch).text("short", lang) if model.keep_in_touch else ""
        sentences.append(text["near_line"].format(factor=doors, flips_to=labels[state - 4]))
    return "".join(" " + sentence for sentence in sentences)


def explanations(
    scores: Scores,
    cols: np.ndarray,
    weights: np.ndarray,
    lang: str = "en",
    model: Model = DEFAULT_MODEL,
) -> list[str]:
    """Explain every row of a scored table (``cols`` (K, n) on 0-10, ``weights`` normalised).

    The texts of :func:`explanation_array`, as a list.
    """
    texts: list[str] = explanation_array(scores, cols, weights, lang, model).tolist()
    return texts


def explanation_array(
    scores: Scores,
    cols: np.ndarray,
    weights: np.ndarray,
    lang: str = "en",
    model: Model = DEFAULT_MODEL,
) -> np.ndarray:
    """Explain every row of a scored table, as an object array of ``str``.

    An explanation is six pieces: the verdict sentence with its score, the clauses
    naming the factors for and against (four pieces, each glued to the factor it
    names first), and the end of the clauses with the closing sentences. Every piece
    is looked up by an integer code computed on whole arrays (tables of the codes
    present are formatted once), then each row is joined. Numbers are rounded
    exactly as :func:`format_number` rounds them.
    """
    language = check_language(lang)
    n = len(scores.score)
    if n == 0:
        return np.empty(0, dtype=object)
    named = min(NAMED_FACTORS, len(model.factors))
    wide = named + 1
    contributions = np.asarray(scores.contributions, dtype=float)
    verdict = np.asarray(scores.verdict).astype(np.int64)
    flips = np.asarray(scores.flips_to).astype(np.int64)

    # The factors named for and against: the largest contributions each way, up to
    # the first one that would show as 0.0.
    item_negative, item_units = _rounded(contributions, 1)
    size = _bucket(int(item_units.max()))
    pieces = _clause_pieces(language, model, named, size)
    items = pieces.items
    empty = items - 1
    item_codes = np.arange(len(model.factors))[:, None] * (2 * size) + item_units
    item_codes += item_negative * size
    rows = np.arange(n)
    side_items, side_counts = [], []
    for largest in (True, False):
        order = _first(contributions, named, largest)
        listed = np.logical_and.accumulate(item_units[order, rows] > 0, axis=0)
        side_items.append(np.where(listed, item_codes[order, rows], empty))
        side_counts.append(listed.sum(axis=0))
    # An accept leads with the reasons, anything else with the costs; a side
    # without items leaves the lead to the other.
    lead_cons = verdict != ACCEPT
    pros_count, cons_count = side_counts
    lead_count = np.where(lead_cons, cons_count, pros_count)
    other_count = np.where(lead_cons, pros_count, cons_count)
    first_cons = np.where(lead_count > 0, lead_cons, ~lead_cons)
    first_count = np.where(lead_count > 0, lead_count, other_count)
    second_count = np.where(lead_count > 0, other_count, 0)
    first_items = np.where(first_cons, side_items[1], side_items[0])
    second_items = np.where(first_cons, side_items[0], side_items[1])
    second_items[:, second_count == 0] = empty
    clause = (first_cons * wide + first_count) * wide + second_count

    columns = [_openings(scores, cols, language, model, verdict)]
    for opening, side, counts in (
        (pieces.lead, first_items, first_count),
        (pieces.middle, second_items, second_count),
    ):
        columns.append(opening[clause * items + side[0]])
        for k in range(1, named):
            columns.append(pieces.separator[((k - 1) * wide + counts) * items + side[k]])

    # The end of the clauses, the caveats that cancelled most of their reason, and
    # the close call or the keep-in-touch line.
    reasons = [model.index[reason] for reason, _ in model.pairs]
    raw = cols[reasons] * np.asarray(weights)[reasons][:, None]
    cancelled = (
        np.zeros_like(raw) if scores.cancelled is None else np.asarray(scores.cancelled)[reasons]
    )
    notes = (raw >= CANCELLED_MIN) & (cancelled >= CANCELLED_SHARE * raw)
    bits = (notes.astype(np.int64) << np.arange(len(reasons), dtype=np.int64)[:, None]).sum(axis=0)
    borderline = np.asarray(scores.borderline, dtype=bool)
    state = np.where(borderline, 1 + flips, np.where(flips != NO_FLIP, 4 + flips, 0))
    tails = 7 << len(reasons)
    distinct, position = _present(clause * tails + bits * 7 + state, 2 * wide * wide * tails)
    clauses, tail_codes = np.divmod(distinct, tails)
    endings = _objects(
        pieces.end[c] + _tail(language, model, t)
        for c, t in zip(clauses.tolist(), tail_codes.tolist(), strict=True)
    )
    columns.append(endings[position])
    return _join_rows(columns)


@functools.lru_cache(maxsize=16)
def _verdict_parts(lang: Language, doors_half: int) -> tuple[list[tuple[str, str]], np.ndarray]:
    """Each verdict sentence split around its score, by ``verdict·2·size + doors code``.

    Also which verdicts show the doors rating (so the others ignore it).
    """
    text = _TEXT[lang]
    parts = []
    for verdict in VERDICTS:
        for code in range(2 * doors_half):
            doors = _number(code // doors_half, code % doors_half, 1, lang, False)
            before, after = text[verdict].format(score="\x00", doors=doors).split("\x00")
            parts.append((before, after))
    marked = [text[v].format(score="", doors="\x01") for v in VERDICTS]
    return parts, np.array(["\x01" in sentence for sentence in marked])


@functools.lru_cache(maxsize=16)
def _score_texts(lang: Language, score_half: int) -> list[str]:
    """Every signed score, two decimals, by ``negative·size + hundredths``."""
    return [_number(neg, u, 2, lang, True) for neg in (0, 1) for u in range(score_half)]


def _openings(
    scores: Scores, cols: np.ndarray, lang: Language, model: Model, verdict: np.ndarray
) -> np.ndarray:
    """Return the verdict sentence of each row, with its score (and doors rating).

    Sentences are put together once per distinct (verdict, doors, score), the doors
    rating counting only for the verdicts whose sentence shows it.
    """
    score_negative, score_units = _rounded(np.asarray(scores.score, dtype=float), 2)
    doors_at = model.index.get(model.keep_in_touch or "", 0)
    doors_negative, doors_units = _rounded(np.asarray(cols[doors_at], dtype=float), 1)
    score_half, doors_half = _bucket(int(score_units.max())), _bucket(int(doors_units.max()))
    parts, shows_doors = _verdict_parts(lang, doors_half)
    texts = _score_texts(lang, score_half)
    doors = np.where(shows_doors[verdict], doors_negative * doors_half + doors_units, 0)
    code = (verdict * 2 * doors_half + doors) * (2 * score_half)
    code += score_negative * score_half + score_units
    distinct, position = _present(code, len(VERDICTS) * 2 * doors_half * 2 * score_half)
    sentence, score = np.divmod(distinct, 2 * score_half)
    made = [
        f"{parts[s][0]}{texts[c]}{parts[s][1]}"
        for s, c in zip(sentence.tolist(), score.tolist(), strict=True)
    ]
    sentences: np.ndarray = _objects(made)[position]
    return sentences


def _first(values: np.ndarray, count: int, largest: bool) -> np.ndarray:
    """Rows (count, n) of each column's ``count`` largest (or smallest) values.

    Ties go to the lower row, so this is the start of a stable ``argsort``. Each row
    is inserted into a short sorted list per column, with exact ``min``/``max`` and
    integer steps into arrays that exist already (no full-length temporaries).
    """
    n = values.shape[1]
    best = np.full((count, n), -np.inf if largest else np.inf)
    order = np.zeros((count, n), dtype=np.int16)
    ahead = np.empty((count, n), dtype=bool)
    step = np.empty(n, dtype=np.int16)
    lower = np.empty(n)
    beats = np.greater if largest else np.less  # strictly: an equal later row stays behind
    keep, give = (np.maximum, np.minimum) if largest else (np.minimum, np.maximum)
    for row, value in enumerate(values):
        for j in range(count):
            beats(value, best[j], out=ahead[j])
        for j in reversed(range(count)):  # from the bottom, so best[j - 1] is still the old one
            # order[j] becomes the row if it goes here, or order[j - 1] if it goes above.
            np.subtract(row, order[j], out=step)
            step *= ahead[j]
            order[j] += step
            if j:
                np.subtract(order[j - 1], order[j], out=step)
                step *= ahead[j - 1]
                order[j] += step
                give(best[j - 1], value, out=lower)
                keep(best[j], lower, out=best[j])
            else:
                keep(best[j], value, out=best[j])
    return order.astype(np.intp)


def _join_rows(columns: list[np.ndarray]) -> np.ndarray:
    """Concatenate, row by row, the strings of equally long object arrays."""
    rows = map("".join, zip(*(column.tolist() for column in columns), strict=True))
    return np.fromiter(rows, dtype=object, count=len(columns[0]))
