"""Pieces the coach analyses share: reading offers, weights, roots and intervals.

Everything about the decision (factors, pairings, coefficients, kinks, the
keep-in-touch rule, thresholds) is read from the :class:`~interview_lab.Model`
given; nothing here knows a factor by name.

Two facts of the model make the weight analyses exact:

* :meth:`Model.coefficients` is homogeneous of degree one in the weights (each
  coefficient is a constant times a weight or the ``min`` of two weights), so
  ``coefficients(raw) @ features`` is the unnormalised score ``T·score`` (``T`` the
  weight total). In one raw weight ``x``, the others fixed, it is linear between
  the kinks :meth:`Model.kinks` names (the partners' weights): roots of
  ``T·score − accept_above·T`` per piece are closed-form.
* The keep-in-touch test does not depend on the size of any weight, only on
  whether the keep-in-touch factor's weight is above zero: in a weight, it changes
  at most at 0, the end of every weight range.

Deal-breakers (:attr:`Model.dealbreakers`) are checked once per table, by
:func:`~interview_lab.core.dealbreakers.check_dealbreakers` as
:func:`~interview_lab.evaluate` checks them, and every verdict an analysis computes
goes through :func:`decide`: an offer that breaks one is never ``accept`` (its
verdict is what declining would be), whatever the weights. They do not depend on
the weights at all, and on a rating only when the rule is on that factor's column.

Internal entry points
---------------------
Reading, validating and scaling the offers and checking their deal-breakers
(:func:`prepare`) does not depend on the weights. An app that runs several analyses
of the same offers after each priority change prepares the offers once
(:func:`prepare`, then :meth:`Prepared.with_weights` per change, and
:meth:`Prepared.rows` for some of the offers) and calls each analysis's ``*_of``
twin with the :class:`Prepared` table: :func:`~.stability.stability_intervals_of`,
:func:`~.stability.tornado_of`, :func:`~.acceptability.rank_acceptability_of` and
:func:`~.changes.what_would_change_of`. Each public analysis is exactly
:func:`prepare` followed by its twin, so the results are the same, bit for bit.
The twins are internal: they trust the table they are given.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from os import PathLike
from typing import cast

import numpy as np
import pandas as pd

from ..core.dealbreakers import check_dealbreakers
from ..core.errors import WeightsError
from ..core.i18n import Language, message, number, quote
from ..core.i18n import percent as i18n_percent
from ..core.model import VERDICT_DTYPE, Model
from ..core.offers import OFFER_COLUMN, Where
from ..io.offers import checked_columns, read_source
from ..io.presets import preset_weights

Offers = pd.DataFrame | str | PathLike[str]
WeightsLike = Mapping[str, object] | str | None
#: Points whose keep-in-touch test :func:`point_verdicts` asks the model for at once.
_POINT_BLOCK = 128


@dataclass(frozen=True)
class Prepared:
    """Validated offers and weights, ready for an analysis."""

    model: Model
    names: list[str]  # offer names, in input order
    values: np.ndarray  # (K, n) ratings in each factor's own units
    cols: np.ndarray  # (K, n) the same on the model's 0-10 scale
    raw: np.ndarray  # (K,) complete raw weights in table order
    broken: np.ndarray  # (n, R) which of the model's deal-breakers each offer breaks

    @property
    def blocked(self) -> np.ndarray:
        """Whether each offer breaks a deal-breaker (n,): then it is never ``accept``."""
        return any_broken(self.broken)

    def with_weights(self, weights: WeightsLike) -> Prepared:
        """Return the same offers under ``weights`` (checked as :func:`prepare` checks them).

        Nothing about the offers is read or checked again: what a slider move needs.
        """
        return replace(self, raw=raw_weights(weights, self.model))

    def rows(self, positions: Sequence[int] | np.ndarray) -> Prepared:
        """Only the offers at ``positions`` (in that order), the weights unchanged.

        The same as preparing those rows of the table: every check and the scaling
        are per offer.
        """
        index = np.asarray(positions, dtype=np.intp)
        return Prepared(
            self.model,
            [self.names[k] for k in index.tolist()],
            self.values[:, index],
            self.cols[:, index],
            self.raw,
            self.broken[index],
        )


def prepare(offers: Offers, weights: WeightsLike, model: Model) -> Prepared:
    """Validate offers (a table or a path) and weights (a mapping or a preset name).

    The offers are read once; the deal-breakers are checked on the same table (a
    blank value is unknown, not a breach, as in :func:`~interview_lab.evaluate`).
    """
    table, where = read_source(offers)
    checked, columns, values = checked_columns(table, where, model)
    names = [str(name) for name in cast(Iterable[object], columns[OFFER_COLUMN])]
    return Prepared(
        model,
        names,
        values,
        model.to_scale(values),
        raw_weights(weights, model),
        dealbreakers_broken(model, checked, where),
    )


def dealbreakers_broken(model: Model, table: pd.DataFrame, where: Where) -> np.ndarray:
    """Which of the model's deal-breakers each row of ``table`` breaks, (n, R).

    :func:`~interview_lab.core.dealbreakers.check_dealbreakers`: a blank value is
    unknown, not a breach; a rule on a column the table lacks, or a value that is not
    a number, raises :class:`~interview_lab.OfferDataError`. (n, 0) without rules.
    """
    if not model.dealbreakers:
        return np.zeros((len(table), 0), dtype=bool)
    broken, _ = check_dealbreakers(table, model.dealbreakers, where, model.source)
    return broken


def any_broken(broken: np.ndarray) -> np.ndarray:
    """Whether each row of ``broken`` (n, R) breaks a deal-breaker: ``blocked`` (n,)."""
    return np.asarray(np.any(broken, axis=1), dtype=bool)


def rechecked(model: Model, broken: np.ndarray, column: str, values: np.ndarray) -> np.ndarray:
    """``broken`` (n, R) with the rules on ``column`` checked again at ``values`` (n,).

    For a rating moved by an analysis: a rule on that factor's column may now be
    broken or kept; the rules on other columns stay as they were.
    """
    on_column = [r for r, rule in enumerate(model.dealbreakers) if rule.column == column]
    if not on_column:
        return broken
    rules = [model.dealbreakers[r] for r in on_column]
    table = pd.DataFrame({OFFER_COLUMN: np.arange(len(values)), column: values})
    again, _ = check_dealbreakers(table, rules, Where(source="moved ratings"), model.source)
    result = broken.copy()
    result[:, on_column] = again
    return result


def raw_weights(weights: WeightsLike, model: Model) -> np.ndarray:
    """Complete raw weights (K,) of a mapping or a preset name, checked against ``model``."""
    if isinstance(weights, str):
        weights = preset_weights(weights, model=model)
    return model.weight_vector(weights)


def check_factors(factors: Sequence[str] | None, model: Model) -> list[str]:
    """Return the factors asked for (all by default), each one of the model's."""
    if factors is None:
        return list(model.names)
    unknown = [name for name in factors if name not in model.index]
    if unknown:
        raise WeightsError(
            message("analysis.error.unknown_factors", unknown=unknown, expected=list(model.names))
        )
    return list(factors)


def verdict_column(codes: np.ndarray) -> pd.Categorical:
    """Verdict codes as the package's ordered verdict categorical."""
    return pd.Categorical.from_codes(codes, dtype=VERDICT_DTYPE)


# --- scales --------------------------------------------------------------------------


def scale_map(model: Model) -> tuple[np.ndarray, np.ndarray]:
    """``(offset, per_unit)`` (K,) with ``model.to_scale(v) == offset + per_unit·v``.

    Read off :meth:`Model.to_scale` at each factor's ``low`` and ``high``, so the
    analyses can go back from the 0-10 scale to a factor's own units.
    """
    ends = np.array([[f.low, f.high] for f in model.factors])
    scaled = model.to_scale(ends)
    per_unit = (scaled[:, 1] - scaled[:, 0]) / (ends[:, 1] - ends[:, 0])
    return scaled[:, 0] - per_unit * ends[:, 0], per_unit


# --- verdicts at many weight vectors --------------------------------------------------


def keeps_in_touch_table(model: Model, cols: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Return the keep-in-touch test (m, n) of ratings ``cols`` (K, n) under weights (m, K)."""
    shape = (w.shape[0], cols.shape[1])
    if model.keep_in_touch is None:
        # No rule: nothing is kept in touch with. (Model.keeps_in_touch returns shape
        # (n,) here for 2-D weights instead of (m, n).)
        return np.zeros(shape, dtype=bool)
    return np.broadcast_to(model.keeps_in_touch(cols, w), shape)


def accepts(model: Model, scores: np.ndarray, blocked: np.ndarray | None) -> np.ndarray:
    """Return the accept test of the analyses, deal-breakers applied (offers last).

    Above :attr:`Model.accept_above`, and the offer is not ``blocked`` (it breaks no
    deal-breaker): a blocked offer is never ``accept``, whatever its score, as
    :meth:`Model.block_accept` makes it in :func:`~interview_lab.evaluate`. The one
    place the analyses apply that rule. ``blocked`` has one entry per offer (the last
    axis of ``scores``); None: no offer breaks one.
    """
    accepted: np.ndarray = scores > model.accept_above
    if blocked is not None and np.any(blocked):
        accepted &= ~np.asarray(blocked, dtype=bool)
    return accepted


def decide(
    model: Model, scores: np.ndarray, in_touch: np.ndarray, blocked: np.ndarray | None
) -> np.ndarray:
    """Verdict codes of ``scores`` and the keep-in-touch test, deal-breakers applied.

    :meth:`Model.verdict_codes` with the accept test of :func:`accepts`: a blocked
    offer's verdict is what declining would be, keep in touch by its own rule or
    decline.
    """
    if blocked is not None and np.any(blocked):
        scores = np.where(accepts(model, scores, blocked), scores, -np.inf)
    codes: np.ndarray = model.verdict_codes(scores, in_touch)
    return codes


def verdict_table(
    model: Model, cols: np.ndarray, w: np.ndarray, *, blocked: np.ndarray | None
) -> np.ndarray:
    """Verdict codes (m, n) of ratings ``cols`` (K, n) under normalised weights ``w`` (m, K).

    :meth:`Model.verdicts`, with the keep-in-touch test of :func:`keeps_in_touch_table`
    and the deal-breakers of :func:`decide` (``blocked`` (n,), None: no offer breaks one).
    """
    w = np.atleast_2d(w)
    scores = model.scores(w, model.features(cols))
    return decide(model, scores, keeps_in_touch_table(model, cols, w), blocked)


def point_verdicts(
    model: Model, raw_table: np.ndarray, cols: np.ndarray, *, blocked: np.ndarray | None
) -> np.ndarray:
    """Verdict codes (m,) of m points: ratings ``cols[:, i]`` under raw weights ``raw_table[i]``.

    Scores per point in one product; the keep-in-touch test is the model's own,
    asked for blocks of points (its diagonal: each point with its own weights);
    ``blocked`` (m,) says which points break a deal-breaker (see :func:`decide`).
    """
    w = model.normalise(raw_table)
    score = np.einsum("mr,rm->m", model.coefficients(w), model.features(cols))
    count = cols.shape[1]
    in_touch = np.empty(count, dtype=bool)
    for start in range(0, count, _POINT_BLOCK):
        part = slice(start, min(start + _POINT_BLOCK, count))
        both = keeps_in_touch_table(model, cols[:, part], w[part])
        in_touch[part] = np.diagonal(both)
    return decide(model, score, in_touch, blocked)


# --- one weight moving: pieces, roots, intervals ---------------------------------------


def with_weight(raw: np.ndarray, j: int, values: np.ndarray) -> np.ndarray:
    """Raw weight vectors (len(values), K): ``raw`` with factor j set to each value."""
    table = np.repeat(raw[None, :], len(values), axis=0)
    table[:, j] = values
    return table


def unnormalised_scores(model: Model, raw: np.ndarray, features: np.ndarray) -> np.ndarray:
    """``T·score`` (n,) at raw weights ``raw`` (K,): linear in each weight between kinks."""
    scores: np.ndarray = model.coefficients(raw)[0] @ features
    return scores


def pieces(model: Model, raw: np.ndarray, j: int) -> list[tuple[float, float]]:
    """Factor j's weight range split at its kinks: ``T·score`` is linear on each piece."""
    edges = [0.0, *model.kinks(raw, model.names[j]), math.inf]
    return list(itertools.pairwise(edges))


def linear_roots(f0: np.ndarray, f1: np.ndarray, x0: float, x1: float) -> np.ndarray:
    """Root of the line through (x0, f0), (x1, f1), elementwise; NaN where it is flat."""
    slope = (f1 - f0) / (x1 - x0)
    with np.errstate(divide="ignore", invalid="ignore"):
        roots = np.where(slope != 0, x0 - f0 / slope, np.nan)
    return np.asarray(roots, dtype=float)


def piece_roots(
    linear_in_weight: Callable[[float], np.ndarray], ranges: Sequence[tuple[float, float]]
) -> list[np.ndarray]:
    """Roots within each piece of a function linear on each piece of a weight's range.

    ``linear_in_weight(x)`` returns the function's values (any shape) at weight x.
    A root outside its piece (or none) is NaN.
    """
    roots = []
    for low, high in ranges:
        x1 = high if math.isfinite(high) else low + 1.0
        root = linear_roots(linear_in_weight(low), linear_in_weight(x1), low, x1)
        roots.append(np.where((root > low) & (root < high), root, np.nan))
    return roots


def interval_around(
    current: float, points: np.ndarray, same: Callable[[np.ndarray], np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Widest range around ``current`` over which a piecewise-constant property holds.

    ``points`` (rows, k) are each row's candidate change points (NaN: none), and
    ``same(midpoints)`` says, for midpoints (rows, k + 1) of the segments between
    them, whether the property there is what it is at ``current``.
    """
    rows = points.shape[0]
    cuts = np.sort(np.where(np.isnan(points), np.inf, points), axis=1)
    starts = np.concatenate([np.zeros((rows, 1)), cuts], axis=1)
    ends = np.concatenate([cuts, np.full((rows, 1), np.inf)], axis=1)
    beyond = starts + np.maximum(1.0, starts)
    with np.errstate(invalid="ignore"):
        middle = np.where(np.isfinite(ends), (starts + ends) / 2, beyond)
    degenerate = ~np.isfinite(starts) | (ends <= starts)
    middle = np.where(degenerate, 1.0, middle)  # any valid weight; the result is ignored
    holds = same(middle) | degenerate
    left = (ends <= current) & ~holds
    right = (starts >= current) & ~holds
    low = np.where(left, ends, 0.0).max(axis=1)
    high = np.where(right, starts, np.inf).min(axis=1)
    return low, high


# --- texts -----------------------------------------------------------------------------


class Shown:
    """A value a person gave, as an error message shows it in a language.

    English shows it as Python writes it (``'lots'``, ``(3, 11)``); German writes
    numbers with a decimal comma and quotes text („viel“).
    """

    def __init__(self, value: object) -> None:
        self.value = value

    def render(self, lang: str = "en") -> str:
        """Return the value for ``lang``."""
        if lang == "en":
            return repr(self.value)
        return _shown(self.value, lang)


def _shown(value: object, lang: str) -> str:
    if isinstance(value, bool) or value is None:
        return quote(str(value), lang)
    if isinstance(value, int | float | np.integer | np.floating):
        x = float(value)
        if x.is_integer() and abs(x) < 1e15:
            return number(x, lang, 0, grouping=abs(x) >= 10_000)
        return number(x, lang)
    if isinstance(value, list | tuple):
        return "(" + "; ".join(_shown(v, lang) for v in value) + ")"
    return quote(str(value), lang)


def percent(share: float, lang: Language) -> str:
    """Format a share as whole percent: ``37%``, in German ``37 %``."""
    return i18n_percent(share, lang)
