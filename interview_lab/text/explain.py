"""Plain-language explanations of a verdict, in English and German.

An explanation names the factors that carried the verdict (the largest
contributions for and against), the caveats that cancelled most of a reason, and
says plainly when the verdict is borderline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np

from ..core.i18n import (
    LANGUAGES,
    Language,
    _symbols,
    check_language,
    fill,
    has_text,
    number,
    template,
    text,
)
from ..core.i18n import words as i18n_words
from ..core.model import (
    ACCEPT,
    DECLINE,
    DEFAULT_MODEL,
    KEEP_IN_TOUCH,
    NO_FLIP,
    VERDICTS,
    Model,
    Scores,
)

#: How many factors for and against an explanation names at most.
NAMED_FACTORS = 2
#: Contributions smaller than this (rating points) are not worth naming; as they are
#: shown to one decimal, this names exactly those that do not show as 0.0.
NEGLIGIBLE = 0.1
#: A caveat is named when it cancels at least this share of its reason...
CANCELLED_SHARE = 0.5
#: ...and the reason would have been worth at least this much without it.
CANCELLED_MIN = 0.75

#: The default model's reason–caveat pairs that have a sentence of their own
#: (``explain.cancelled.<reason>_<caveat>``); own factors use the general one.
_OWN_CANCEL_SENTENCE = frozenset(
    {("practice", "time_cost"), ("surprise", "confusion"), ("doors", "interest")}
)
_MARK = "\x00"
_MARK2 = "\x01"


def _field(name: str) -> re.Pattern[str]:
    return re.compile(r"\{" + re.escape(name) + r"(?::[^}]*)?\}")


def _marked(key: str, lang: Language, marks: Sequence[str], /, **values: object) -> list[str]:
    """Return the text ``key`` with the fields ``marks`` left open: the pieces between them.

    The other fields are filled as :func:`~interview_lab.core.i18n.text` fills them, so
    a fast path can put numbers it formats itself between the pieces.
    """
    pattern = template(key, lang)
    for k, name in enumerate(marks):
        pattern = _field(name).sub(chr(0xE000 + k), pattern)
    filled = fill(pattern, lang, **values)
    return re.split("[\ue000-\ue0ff]", filled)


def verdict_label(verdict: str, lang: str = "en") -> str:
    """Return the short, human label of a verdict code in ``lang`` (``common.verdict.*``)."""
    language = check_language(lang)
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}; expected one of {list(VERDICTS)}.")
    return text(f"common.verdict.{verdict}", language)


def format_number(value: float, lang: str, signed: bool = False, digits: int = 1) -> str:
    """Format a number (one decimal by default) for ``lang``: ``6,5``, ``−0,7``, ``+1,25``.

    :func:`interview_lab.core.i18n.number`; without ``signed``, one decimal that is
    zero is left out (``9``, not ``9.0``).
    """
    language = check_language(lang)
    shown = number(value, language, digits, signed=signed)
    if not signed and digits == 1:
        shown = shown.removesuffix(_symbols(language)[0] + "0")
    return shown


def join_words(words: Sequence[str], lang: str) -> str:
    """Join words as "a, b, and c" (English) or "a, b und c" (German)."""
    return i18n_words(words, check_language(lang))


@functools.lru_cache(maxsize=16)
def _caveat_sentences(lang: Language, model: Model) -> list[str]:
    """Return, per reason of the model's pairs, the sentence that its caveat cancels it."""
    sentences = []
    for reason, caveat in model.pairs:
        reason_factor, caveat_factor = model.factor(reason), model.factor(caveat)
        own = (reason, caveat) in _OWN_CANCEL_SENTENCE and all(
            has_text(f"factors.{f.name}.short")
            and f.short == {k: text(f"factors.{f.name}.short", k) for k in LANGUAGES}
            for f in (reason_factor, caveat_factor)
        )
        if own:
            sentences.append(text(f"explain.cancelled.{reason}_{caveat}", lang))
            continue
        key = "general_low" if model.cancels_when_low(caveat) else "general"
        sentence = text(
            f"explain.cancelled.{key}",
            lang,
            caveat=caveat_factor.text("short", lang),
            reason=reason_factor.text("short", lang),
        )
        sentences.append(sentence[:1].upper() + sentence[1:])
    return sentences


#: Code spaces up to this size are tabulated densely; larger ones are sorted.
_DENSE = 1 << 23


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
    """:func:`format_number` of the number ``±units·10^-digits``, from integers.

    The decimal and minus signs are the language's (:mod:`interview_lab.core.i18n`);
    a number that shows as zero has no sign.
    """
    decimal, _, minus, _ = _symbols(lang)
    whole, fraction = divmod(units, 10**digits)
    sign = "" if units == 0 else minus if negative else "+" if signed else ""
    if not signed and digits == 1 and fraction == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}{decimal}{fraction:0{digits}d}"


def _clause(lang: Language, key: str) -> tuple[str, str]:
    """Split a clause text around its items."""
    before, after = _marked(f"explain.clause.{key}", lang, ["items"])
    return before, after


def _separators(lang: Language, count: int) -> list[str]:
    """Return what stands before each of ``count`` items joined in words (the first: "")."""
    marks = [chr(0xE000 + k) for k in range(count)]
    joined = i18n_words(marks, lang)
    pieces = re.split("[\ue000-\ue0ff]", joined)
    return pieces[:-1]


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
                lead = _clause(lang, f"lead_{sides[0]}")
                opens.append(" " + lead[0])
                if second:
                    then = _clause(lang, f"then_{sides[1]}")
                    middles.append(lead[1] + "; " + then[0])
                    ends.append(then[1] + ".")
                else:
                    middles.append(lead[1])
                    ends.append(".")
    # join_words: before item k of count items ("" past the last one).
    joins = [_separators(lang, count) for count in range(named + 1)]
    separators = [
        joins[count][k] if k < count else "" for k in range(1, named) for count in range(named + 1)
    ]
    return _ClausePieces(
        items=len(items),
        lead=_objects(a + b for a in opens for b in items),
        middle=_objects(a + b for a in middles for b in items),
        separator=_objects(a + b for a in separators for b in items),
        end=tuple(ends),
    )


def _line_in_units(model: Model) -> float:
    """Return the keep-in-touch line in the keep-in-touch factor's own units."""
    factor = model.factor(model.keep_in_touch or "")
    return factor.low + (model.keep_in_touch_from / 10.0) * (factor.high - factor.low)


@functools.lru_cache(maxsize=4096)
def _tail(lang: Language, model: Model, code: int) -> str:
    """Return the sentences after the clauses (caveats, then a close call) of a code.

    A code is ``notes·7 + state``: bit ``k`` of ``notes`` says the ``k``-th caveat cancels
    most of its reason; ``state`` is 0, ``1 + flips_to`` for a close call, ``4 + flips_to``
    for a decline near the keep-in-touch line.
    """
    labels = [verdict_label(v, lang) for v in VERDICTS]
    notes, state = divmod(code, 7)
    sentences = [s for k, s in enumerate(_caveat_sentences(lang, model)) if notes >> k & 1]
    if 1 <= state <= 3:
        sentences.append(text("explain.close_call.sentence", lang, flips_to=labels[state - 1]))
    elif state >= 4 and model.keep_in_touch is not None:
        flips = state - 4
        sentences.append(
            text(
                "explain.close_call."
                + ("near_line_up" if flips == KEEP_IN_TOUCH else "near_line_down"),
                lang,
                factor=model.factor(model.keep_in_touch).text("short", lang),
                line=float(_line_in_units(model)),
                flips_to=labels[flips],
            )
        )
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


def own_units(model: Model, cols: np.ndarray) -> np.ndarray:
    """Ratings (K, n) on the 0-10 scale back in each factor's own units."""
    lows = np.array([f.low for f in model.factors])[:, None]
    spans = np.array([f.high - f.low for f in model.factors])[:, None]
    values: np.ndarray = lows + np.asarray(cols, dtype=float) * (spans / 10.0)
    return values


def _signed_tenths(values: np.ndarray) -> np.ndarray:
    """Numbers in tenths, rounded as :func:`format_number` rounds them, with their sign."""
    negative, units = _rounded(values, 1)
    units[negative] *= -1
    return units


def _in_units(model: Model, cols: np.ndarray, factor: np.ndarray | int) -> np.ndarray:
    """Ratings on the 0-10 scale of the factors ``factor`` (per row, or one) in own units."""
    lows = np.array([f.low for f in model.factors])
    spans = np.array([f.high - f.low for f in model.factors])
    if np.all(lows == 0) and np.all(spans == 10):
        return cols
    values: np.ndarray = lows[factor] + cols * (spans[factor] / 10.0)
    return values


def explanation_array(
    scores: Scores,
    cols: np.ndarray,
    weights: np.ndarray,
    lang: str = "en",
    model: Model = DEFAULT_MODEL,
) -> np.ndarray:
    """Explain every row of a scored table, as an object array of ``str``.

    An explanation is: the verdict sentence with its score, what carried the verdict
    (the strongest factor of the losing side, with its rating), the clauses naming
    the factors for and against (four pieces, each glued to the factor it names
    first), the end of the clauses with the closing sentences, and for a close call
    where it would tip (:func:`close_call_tips`). Every piece is looked up by an
    integer code computed on whole arrays (tables of the codes present are formatted
    once), then each row is joined. Numbers are rounded exactly as
    :func:`format_number` rounds them.
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
    side_items, side_counts, side_top = [], [], []
    for largest in (True, False):
        order = _first(contributions, named, largest)
        listed = np.logical_and.accumulate(item_units[order, rows] > 0, axis=0)
        side_items.append(np.where(listed, item_codes[order, rows], empty))
        side_counts.append(listed.sum(axis=0))
        side_top.append(order[0])
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

    opening, carrier = _openings(
        scores, cols, language, model, verdict, side_top, pros_count, cons_count
    )
    columns = [opening, carrier]
    for start, side, counts in (
        (pieces.lead, first_items, first_count),
        (pieces.middle, second_items, second_count),
    ):
        columns.append(start[clause * items + side[0]])
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
    ending = endings[position]
    if borderline.any():  # a close call ends with where it would tip: few rows
        where = np.flatnonzero(borderline)
        ending[where] += _objects(close_call_tips(scores, cols, weights, language, model, where))
    columns.append(ending)
    return _join_rows(columns)


def close_call_tips(
    scores: Scores,
    cols: np.ndarray,
    weights: np.ndarray,
    lang: Language,
    model: Model,
    rows: np.ndarray,
) -> list[str]:
    """Where each close call at ``rows`` would tip, and the advice (each with a leading space).

    The nearest change of one rating, in tenths of its own units, that takes the
    offer across the accept line (the score is affine in each rating: the model's
    slopes give the exact root), the other ratings and the priorities fixed; a rule
    of a deal-breaker on the moved rating's column counts too. None within the
    scale: only the advice.
    """
    advice = " " + text("explain.close_call.advice", lang)
    tip = nearest_flips(scores, cols, weights, model, rows)
    if tip is None:
        return [advice] * len(rows)
    factor, needed, current, new = tip
    size = _bucket(int(max(np.abs(needed).max(), np.abs(current).max()) * 10 + 1))
    need_neg, need_units = _rounded(needed, 1)
    cur_neg, cur_units = _rounded(current, 1)
    code = (
        (((factor + 1) * len(VERDICTS) + new) * 2 * size + need_neg * size + need_units) * 2 * size
        + cur_neg * size
        + cur_units
    )
    distinct, position = _present(code, (len(model.factors) + 1) * len(VERDICTS) * 4 * size * size)
    made = []
    labels = [verdict_label(v, lang) for v in VERDICTS]
    tenths = _tenths(lang, size)
    pieces: dict[tuple[int, int], tuple[str, str, str]] = {}
    for c in distinct.tolist():
        rest, current_code = divmod(c, 2 * size)
        rest, needed_code = divmod(rest, 2 * size)
        j, verdict = divmod(rest, len(VERDICTS))
        if j == 0:
            made.append(advice)
            continue
        if (j, verdict) not in pieces:  # a local table: hashing the model costs more
            pieces[j, verdict] = _tip_pieces(lang, model, j - 1, labels[verdict])
        before, middle, after = pieces[j, verdict]
        made.append(f" {before}{tenths[needed_code]}{middle}{tenths[current_code]}{after}{advice}")
    tips: list[str] = _objects(made)[position.reshape(-1)].tolist()
    return tips


@functools.lru_cache(maxsize=64)
def _tip_pieces(lang: Language, model: Model, j: int, label: str) -> tuple[str, str, str]:
    factor = model.factors[j].text("short", lang)
    before, middle, after = _marked(
        "explain.close_call.tip", lang, ["needed", "current"], factor=factor, verdict=label
    )
    return before, middle, after


def nearest_flips(
    scores: Scores, cols: np.ndarray, weights: np.ndarray, model: Model, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Return the nearest one-rating change that takes each row at ``rows`` across the accept line.

    Returns ``(factor, needed, current, new_verdict)`` per row (ratings in the factor's
    own units, on tenths; factor −1 where no rating within its scale flips it), or None
    for no rows. The rule of :func:`interview_lab.analysis.what_would_change`: a rating
    moves in tenths, the others and the weights fixed; the nearest change (in rating
    points of the 0-10 scale) wins, ties to the factor listed first.
    """
    m = len(rows)
    if m == 0:
        return None
    w = np.asarray(weights, dtype=float)
    part = np.ascontiguousarray(np.asarray(cols, dtype=float)[:, rows])
    score = np.asarray(scores.score, dtype=float)[rows]
    accepted = np.asarray(scores.verdict)[rows] == ACCEPT
    lows = np.array([f.low for f in model.factors])[:, None]
    highs = np.array([f.high for f in model.factors])[:, None]
    per_unit = 10.0 / (highs - lows)  # 0-10 points per own unit
    slope = model.slopes(part, w) * per_unit  # score per own unit, (K, m)
    values = lows + part / per_unit
    theta = model.accept_above
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        target = values + (theta - score) / slope  # a tiny slope: no reachable root
    finite = np.isfinite(target) & (slope != 0)
    target = np.where(finite, target, values)
    # A root beyond the scale is no answer: clipped just outside it, it stays rejected
    # below, and the steps never reach huge numbers (slow, overflowing arithmetic).
    np.clip(target, lows - 1.0, highs + 1.0, out=target)
    step = np.where(target > values, 0.1, -0.1)
    steps = target * 10.0
    needed = np.where(step > 0, np.ceil(steps - 1e-9), np.floor(steps + 1e-9)) / 10.0
    shown_now = np.round(values * 10.0)

    def flipped(at: np.ndarray) -> np.ndarray:
        moved = score + slope * (at - values)
        result: np.ndarray = np.where(accepted, moved <= theta, moved > theta)
        return result

    for _ in range(3):  # a root on the grid may not flip yet, or show as the rating does
        again = finite & (~flipped(needed) | (np.round(needed * 10.0) == shown_now))
        needed = np.where(again, needed + step, needed)
    needed = np.round(needed, 10)
    ok = finite & (needed >= lows) & (needed <= highs) & flipped(needed)
    ok &= np.round(needed * 10.0) != shown_now
    for rule in model.dealbreakers:  # a rule on a rating's column may keep it from going
        if rule.column not in model.index:
            continue
        j = model.index[rule.column]
        broken = np.zeros(m, dtype=bool)
        if rule.max is not None:
            broken |= needed[j] > rule.max
        if rule.min is not None:
            broken |= needed[j] < rule.min
        ok[j] &= accepted | ~broken
    distance = np.where(ok, np.abs(needed - values) * per_unit, np.inf)
    best = np.argmin(distance, axis=0)  # ties: the factor listed first
    columns = np.arange(m)
    found = np.isfinite(distance[best, columns])
    factor = np.where(found, best, -1)
    best_needed = needed[best, columns]
    doors = model.index.get(model.keep_in_touch or "", -1)
    if doors >= 0 and w[doors] > 0:
        door_at = np.where(best == doors, best_needed, values[doors])
        in_touch = (door_at - lows[doors, 0]) * per_unit[doors, 0] >= model.keep_in_touch_from
    else:
        in_touch = np.zeros(m, dtype=bool)
    new = np.where(~accepted, ACCEPT, np.where(in_touch, KEEP_IN_TOUCH, DECLINE))
    return factor, best_needed, values[best, columns], new


def _rating_pieces(lang: Language, model: Model, j: int) -> tuple[str, str]:
    """Text around a rating of factor j: ``9/10`` on the 0-10 scale, else the number."""
    factor = model.factors[j]
    if factor.low == 0 and factor.high == 10:
        before, after = _marked("common.rating_scale", lang, ["value"])
        return before, after
    return "", ""


@functools.lru_cache(maxsize=16)
def _carrier_parts(lang: Language, model: Model) -> dict[str, Any]:
    """Return the pieces of the carrier sentences, split around the factor's rating."""
    opening = {v: _marked(f"explain.opening.{v}", lang, ["score", "carrier"]) for v in VERDICTS}
    sides = {}
    for key in ("for_wins", "against_wins"):
        sides[key] = [
            _marked(f"explain.carrier.{key}", lang, ["rating"], factor=f.text("short", lang))
            for f in model.factors
        ]
    plain = {
        key: text(f"explain.carrier.{key}", lang)
        for key in ("nothing_against", "nothing_for", "blocked")
    }
    keep = None
    if model.keep_in_touch is not None:
        door = model.factor(model.keep_in_touch).text("short", lang)
        keep = _marked("explain.carrier.keep_in_touch", lang, ["carrier", "rating"], factor=door)
    ratings = [_rating_pieces(lang, model, j) for j in range(len(model.factors))]
    return {"opening": opening, "sides": sides, "plain": plain, "keep": keep, "ratings": ratings}


#: Carrier states: what the verdict sentence says carried it.
_FOR_WINS, _NOTHING_AGAINST, _BLOCKED, _AGAINST_WINS, _NOTHING_FOR = range(5)


def _openings(
    scores: Scores,
    cols: np.ndarray,
    lang: Language,
    model: Model,
    verdict: np.ndarray,
    top: list[np.ndarray],
    pros_count: np.ndarray,
    cons_count: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the verdict sentence of each row in two columns: up to the score, the rest.

    The rest says what carried the verdict: the strongest factor of the side that
    lost, with its rating (and, for keep in touch, the keep-in-touch factor's
    rating). Sentences are put together once per distinct code.
    """
    parts = _carrier_parts(lang, model)
    score_negative, score_units = _rounded(np.asarray(scores.score, dtype=float), 2)
    score_half = _bucket(int(score_units.max()))
    score_texts = _score_texts(lang, score_half)
    code = verdict * (2 * score_half) + score_negative * score_half + score_units
    distinct, position = _present(code, len(VERDICTS) * 2 * score_half)
    head, score_code = np.divmod(distinct, 2 * score_half)
    opening = parts["opening"]
    made = [
        f"{opening[VERDICTS[v]][0]}{score_texts[c]}{opening[VERDICTS[v]][1]}"
        for v, c in zip(head.tolist(), score_code.tolist(), strict=True)
    ]
    heads: np.ndarray = _objects(made)[position]

    # What carried it: a state (below), the strongest factor of the losing side and
    # its rating, and for keep in touch the keep-in-touch factor's rating.
    accepted = verdict == ACCEPT
    state = np.where(cons_count > 0, _FOR_WINS, _NOTHING_AGAINST)
    declined = np.flatnonzero(~accepted)
    if declined.size:
        blocked = np.asarray(scores.score)[declined] > model.accept_above
        state[declined] = np.where(
            blocked, _BLOCKED, np.where(pros_count[declined] > 0, _AGAINST_WINS, _NOTHING_FOR)
        )
    loser = np.where(accepted, top[1], top[0])
    rating = _signed_tenths(_in_units(model, cols[loser, np.arange(len(verdict))], loser))
    names_rating = (state == _FOR_WINS) | (state == _AGAINST_WINS)
    rating[~names_rating] = 0
    loser[~names_rating] = 0
    keep_at = model.index.get(model.keep_in_touch or "", 0)
    door = np.zeros_like(rating)
    keeps = np.flatnonzero(verdict == KEEP_IN_TOUCH)
    door[keeps] = _signed_tenths(_in_units(model, cols[keep_at, keeps], keep_at))
    low = int(min(rating.min(), door.min()))
    span = int(max(rating.max(), door.max())) - low + 1
    k = len(model.factors)
    code = (verdict * 5 + state) * k + loser
    code *= span
    code += rating - low
    code *= span
    code += door - low
    distinct, position = _present(code, len(VERDICTS) * 5 * k * span * span)
    made = []
    sides = parts["sides"]
    plain = parts["plain"]
    ratings = parts["ratings"]
    keep = parts["keep"]
    keep_rating = ratings[keep_at]
    shown: dict[int, str] = {}

    def tenths(value: int) -> str:
        if value not in shown:
            shown[value] = _number(int(value < 0), abs(value), 1, lang, False)
        return shown[value]

    for c in distinct.tolist():
        rest, door_code = divmod(c, span)
        rest, rating_code = divmod(rest, span)
        rest, j = divmod(rest, k)
        v, s = divmod(rest, 5)
        if s in (_FOR_WINS, _AGAINST_WINS):
            before, after = sides["for_wins" if s == _FOR_WINS else "against_wins"][j]
            sentence = f"{before}{ratings[j][0]}{tenths(rating_code + low)}{ratings[j][1]}{after}"
        else:
            sentence = plain[("", "nothing_against", "blocked", "", "nothing_for")[s]]
        if v == KEEP_IN_TOUCH and keep is not None:
            rated = f"{keep_rating[0]}{tenths(door_code + low)}{keep_rating[1]}"
            sentence = f"{keep[0]}{sentence}{keep[1]}{rated}{keep[2]}"
        made.append(sentence + opening[VERDICTS[v]][2])
    carriers: np.ndarray = _objects(made)[position]
    return heads, carriers


@functools.lru_cache(maxsize=16)
def _tenths(lang: Language, half: int) -> list[str]:
    """Every number in tenths as :func:`format_number` writes it, by ``negative·half + tenths``."""
    return [_number(neg, u, 1, lang, False) for neg in (0, 1) for u in range(half)]


@functools.lru_cache(maxsize=16)
def _score_texts(lang: Language, score_half: int) -> list[str]:
    """Every signed score, two decimals, by ``negative·size + hundredths``."""
    return [_number(neg, u, 2, lang, True) for neg in (0, 1) for u in range(score_half)]


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
