r"""How robust is the answer, and what would change it: analyses for coaches.

Every function takes an offers table (or path) and optional weights as
:func:`interview_lab.evaluate` does, and returns a DataFrame. All are vectorised
over offers; the exact ones use the model's shape rather than a grid:

* Raising one raw weight ``x`` (others fixed) changes the *unnormalised* score
  ``T·score`` (``T`` the weight sum) piecewise linearly in ``x``, with one kink where
  ``x`` passes the weight of its pair partner (the ``min`` of reason and caveat).
  The accept test ``score > ACCEPT_ABOVE`` and the keep-in-touch test
  ``ŵ_doors·doors >= KEEP_IN_TOUCH_MIN`` are therefore signs of piecewise linear
  functions of ``x``: their roots are closed-form, and between roots and kinks a
  verdict or a ranking cannot change (:func:`stability_intervals`,
  :func:`top_offer_intervals`). On each piece the score itself is a ratio of two
  linear functions, so it is monotone, and its extremes over a weight range lie at
  the range's ends or the kink (:func:`tornado`).
* Each score is affine in each single rating (the model's docs), so the rating at
  which a verdict flips is a root too (:func:`what_would_change`).

:func:`rank_acceptability` (SMAA-2) and :func:`what_to_find_out_first` integrate
over uncertain weights or ratings: seeded Monte Carlo draws and a product grid.

>>> import interview_lab as il
>>> intervals = stability_intervals(il.load_example_offers())
>>> row = intervals[(intervals["factor"] == "time_cost")].iloc[0]
>>> row["offer"], row["verdict"], float(row["low"]), round(float(row["high"]), 2)
('Nordlicht Analytics — Data Analyst', 'accept', 0.0, 5.7)
>>> weights = roc_weights(["time_cost", "interest"])
>>> weights["time_cost"], weights["interest"], weights["doors"]
(0.75, 0.25, 0.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from ..core.errors import OfferDataError, WeightsError
from ..text.explain import format_number, verdict_label
from ..core.factors import RATING_MAX, RATING_MIN, Language, check_language
from ..core.model import DEFAULT_MODEL, FACTORS, FACTOR_NAMES
from ..io.offers import checked_columns, read_source
from ..core.model import ACCEPT_ABOVE, KEEP_IN_TOUCH_MIN, VERDICT_DTYPE, VERDICTS, _coefficients, _columns, _features, _verdict_codes
from .evaluate import resolve_weights
from ..io.presets import preset_weights

Offers = pd.DataFrame | str | PathLike[str]
WeightsLike = Mapping[str, object] | str | None

_D = FACTOR_NAMES.index("doors")
#: Each factor's pair partner: the weight at which its min() term kinks.
PARTNER: Mapping[str, str] = {
    "practice": "time_cost",
    "time_cost": "practice",
    "surprise": "confusion",
    "confusion": "surprise",
    "doors": "interest",
    "interest": "doors",
}
#: Dirichlet concentration of :func:`rank_acceptability` around the given weights.
#: A normalised weight ŵ then has a standard deviation of ``sqrt(ŵ(1-ŵ)/(c+1))``: at
#: 150, about ±18 % of a weight of 1/6, every weight at once, which is as disruptive
#: as the ``borderline`` check's ±25 % of one weight (see rank_acceptability).
DEFAULT_CONCENTRATION = 150.0
#: Rating grid of :func:`what_would_change`: people rate in tenths.
RATING_RESOLUTION = 0.1
#: Upper end of a weight sweep or tornado when the weight is below it.
SWEEP_MAX_FACTOR = 2.0


# --- shared pieces ----------------------------------------------------------------


def _prepare(offers: Offers, weights: WeightsLike) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Validate; return offer names, the (6, n) rating rows and complete raw weights."""
    table, where = read_source(offers)
    _, columns, ratings = checked_columns(table, where)
    names = [str(name) for name in columns["offer"]]  # type: ignore[attr-defined]
    return names, _columns(ratings), _raw_weights(weights)


def _raw_weights(weights: WeightsLike) -> np.ndarray:
    resolved = preset_weights(weights) if isinstance(weights, str) else resolve_weights(weights)
    return np.array([resolved[name] for name in FACTOR_NAMES], dtype=float)


def _verdicts(raw_weights: np.ndarray, features: np.ndarray, doors: np.ndarray) -> np.ndarray:
    """Verdict codes for per-point raw weights (m, 6), features (9, m) and doors (m,)."""
    w = raw_weights / raw_weights.sum(axis=1, keepdims=True)
    score = np.einsum("mk,km->m", _coefficients(w), features)
    return _verdict_codes(score, w[:, _D] * doors)


def _scores(raw_weights: np.ndarray, features: np.ndarray) -> np.ndarray:
    """Scores (m, n) of n offers (features (9, n)) under m raw weight vectors (m, 6)."""
    w = raw_weights / raw_weights.sum(axis=1, keepdims=True)
    scores: np.ndarray = _coefficients(w) @ features
    return scores


def _with_weight(raw: np.ndarray, j: int, values: np.ndarray) -> np.ndarray:
    """Raw weight vectors (len(values), 6): ``raw`` with factor j set to each value."""
    table = np.repeat(raw[None, :], len(values), axis=0)
    table[:, j] = values
    return table


def _linear_roots(f0: np.ndarray, f1: np.ndarray, x0: float, x1: float) -> np.ndarray:
    """Root of the line through (x0, f0), (x1, f1), elementwise; NaN where it is flat."""
    slope = (f1 - f0) / (x1 - x0)
    with np.errstate(divide="ignore", invalid="ignore"):
        roots: np.ndarray = np.where(slope != 0, x0 - f0 / slope, np.nan)
    return np.asarray(roots, dtype=float)


def _pieces(raw: np.ndarray, j: int) -> list[tuple[float, float]]:
    """Split factor j's weight range where the unnormalised score is linear."""
    kink = float(raw[FACTOR_NAMES.index(PARTNER[FACTOR_NAMES[j]])])
    return [(0.0, kink), (kink, math.inf)] if kink > 0 else [(0.0, math.inf)]


def _piece_roots(
    raw: np.ndarray, j: int, linear_in_weight: Any, pieces: list[tuple[float, float]]
) -> list[np.ndarray]:
    """Roots, within each piece, of a function piecewise linear in factor j's weight.

    ``linear_in_weight(x)`` returns the function's values (any shape) at weight x.
    """
    roots = []
    for low, high in pieces:
        x1 = high if math.isfinite(high) else low + 1.0
        root = _linear_roots(linear_in_weight(low), linear_in_weight(x1), low, x1)
        roots.append(np.where((root > low) & (root < high), root, np.nan))
    return roots


def _interval_around(
    current: float, points: np.ndarray, same: Any
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


# --- weights: sweeps, intervals, tornado -------------------------------------------


def _sweep_max(raw: np.ndarray, j: int, max_weight: float | None) -> float:
    if max_weight is not None:
        return float(max_weight)
    return max(FACTORS[j].weight_max, SWEEP_MAX_FACTOR * float(raw[j]))


def sweep(
    offers: Offers,
    weights: WeightsLike = None,
    *,
    factors: Sequence[str] | None = None,
    max_weight: float | None = None,
    steps: int = 51,
) -> pd.DataFrame:
    """Score every offer as one weight goes from 0 to a maximum, the others fixed.

    Returns a long table ``factor, weight, offer, score, verdict``; the maximum is
    ``max_weight`` or, by default, the larger of the factor's slider maximum and twice
    its current weight. ``weights`` may also be a preset name.
    """
    names, cols, raw = _prepare(offers, weights)
    chosen = _check_factors(factors)
    features = _features(cols)
    frames = []
    for factor in chosen:
        j = FACTOR_NAMES.index(factor)
        grid = np.linspace(0.0, _sweep_max(raw, j, max_weight), steps)
        table = _with_weight(raw, j, grid)
        valid = table.sum(axis=1) > 0
        table, grid = table[valid], grid[valid]
        w = table / table.sum(axis=1, keepdims=True)
        scores = _coefficients(w) @ features
        codes = _verdict_codes(scores, w[:, _D : _D + 1] * cols[_D][None, :])
        frames.append(
            pd.DataFrame(
                {
                    "factor": factor,
                    "weight": np.repeat(grid, len(names)),
                    "offer": np.tile(names, len(grid)),
                    "score": scores.ravel(),
                    "verdict": pd.Categorical.from_codes(codes.ravel(), dtype=VERDICT_DTYPE),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def stability_intervals(offers: Offers, weights: WeightsLike = None) -> pd.DataFrame:
    """For each offer and factor, the weight range over which its verdict stays the same.

    Exact (roots of the accept and keep-in-touch tests, see the module docs). Returns
    one row per offer and factor: ``offer, factor, weight`` (the current weight),
    ``low, high`` (the range of that weight, the others fixed; ``high`` may be
    ``inf``) and ``verdict`` (the current one). At ``low`` and ``high`` (when finite
    and not 0) the verdict changes; strictly inside it never does.
    """
    names, cols, raw = _prepare(offers, weights)
    features = _features(cols)
    n = len(names)
    current = _verdicts(raw[None, :].repeat(n, 0), features, cols[_D])
    total = raw.sum()
    rows = []
    for j, factor in enumerate(FACTOR_NAMES):
        others = total - raw[j]

        def accept_margin(x: float, j: int = j, others: float = others) -> np.ndarray:
            # T·(score - ACCEPT_ABOVE): piecewise linear in x, the sign of the accept test.
            weights_at = raw.copy()
            weights_at[j] = x
            margin: np.ndarray = _coefficients(weights_at[None, :])[0] @ features - (
                ACCEPT_ABOVE * (others + x)
            )
            return margin

        def door_margin(x: float, j: int = j, others: float = others) -> np.ndarray:
            door_weight = x if j == _D else raw[_D]
            margin: np.ndarray = door_weight * cols[_D] - KEEP_IN_TOUCH_MIN * (others + x)
            return margin

        pieces = _pieces(raw, j)
        kink = np.full(n, pieces[0][1] if len(pieces) > 1 else np.nan)
        door_root = _piece_roots(raw, j, door_margin, [(0.0, math.inf)])[0]
        points = np.column_stack([kink, *_piece_roots(raw, j, accept_margin, pieces), door_root])

        def same(middle: np.ndarray, j: int = j) -> np.ndarray:
            k = middle.shape[1]
            table = _with_weight(raw, j, middle.ravel())
            codes = _verdicts(table, np.repeat(features, k, axis=1), np.repeat(cols[_D], k))
            matches: np.ndarray = codes.reshape(n, k) == current[:, None]
            return matches

        low, high = _interval_around(float(raw[j]), points, same)
        rows.append(
            pd.DataFrame(
                {
                    "offer": names,
                    "factor": factor,
                    "weight": raw[j],
                    "low": low,
                    "high": high,
                    "verdict": pd.Categorical.from_codes(current, dtype=VERDICT_DTYPE),
                }
            )
        )
    # One offer's rows together, factors in table order.
    result = pd.concat(rows, ignore_index=True)
    order = np.argsort(np.tile(np.arange(n), len(FACTOR_NAMES)), kind="stable")
    return result.iloc[order].reset_index(drop=True)


def top_offer_intervals(offers: Offers, weights: WeightsLike = None) -> pd.DataFrame:
    """For each factor, the weight range over which the top-ranked offer stays on top.

    Exact: the score differences to the top offer are piecewise linear in the raw
    weight (up to the common positive factor ``1/T``), so the range ends at one of
    their roots. Ties rank the offer listed first higher. Returns ``factor, offer``
    (the top offer now), ``weight``, ``low``, ``high``.
    """
    names, cols, raw = _prepare(offers, weights)
    features = _features(cols)
    top = int(np.argmax(_scores(raw[None, :], features)[0]))
    rows = []
    for j, factor in enumerate(FACTOR_NAMES):

        def lead(x: float, j: int = j) -> np.ndarray:
            weights_at = raw.copy()
            weights_at[j] = x
            raw_scores = _coefficients(weights_at[None, :])[0] @ features
            gaps: np.ndarray = raw_scores[top] - np.delete(raw_scores, top)
            return gaps

        pieces = _pieces(raw, j)
        kink = [pieces[0][1]] if len(pieces) > 1 else []
        points = np.concatenate([kink, *_piece_roots(raw, j, lead, pieces)])[None, :]

        def same(middle: np.ndarray, j: int = j) -> np.ndarray:
            table = _with_weight(raw, j, middle[0])
            valid = table.sum(axis=1) > 0
            tops = np.argmax(_scores(np.where(valid[:, None], table, 1.0), features), axis=1)
            on_top: np.ndarray = (tops == top) | ~valid
            return on_top[None, :]

        low, high = _interval_around(float(raw[j]), points, same)
        rows.append(
            {
                "factor": factor,
                "offer": names[top],
                "weight": raw[j],
                "low": float(low[0]),
                "high": float(high[0]),
            }
        )
    return pd.DataFrame(rows)


def tornado(offers: Offers, weights: WeightsLike = None) -> pd.DataFrame:
    """How far each weight, moved over its whole range, moves each offer's score.

    Each weight in turn goes from 0 to the sweep maximum (see :func:`sweep`), the
    others fixed. Returns ``offer, factor, score`` (now), ``lowest, highest`` (exact:
    the score is monotone between the kink and the ends) and ``swing`` (their
    difference), the rows of each offer sorted by swing, largest first.
    """
    names, cols, raw = _prepare(offers, weights)
    features = _features(cols)
    now = _scores(raw[None, :], features)[0]
    frames = []
    for j, factor in enumerate(FACTOR_NAMES):
        top = _sweep_max(raw, j, None)
        kink = float(raw[FACTOR_NAMES.index(PARTNER[factor])])
        points = np.array([0.0, min(kink, top), top])
        table = _with_weight(raw, j, points)
        valid = table.sum(axis=1) > 0
        scores = _scores(table[valid], features)
        frames.append(
            pd.DataFrame(
                {
                    "offer": names,
                    "factor": factor,
                    "score": now,
                    "lowest": scores.min(axis=0),
                    "highest": scores.max(axis=0),
                }
            )
        )
    result = pd.concat(frames, ignore_index=True)
    result["swing"] = result["highest"] - result["lowest"]
    position = {name: k for k, name in enumerate(names)}
    result["_position"] = result["offer"].map(position)
    result = result.sort_values(["_position", "swing"], ascending=[True, False], kind="stable")
    return result.drop(columns="_position").reset_index(drop=True)


# --- ratings: what would have to change ---------------------------------------------

_TEXT: Mapping[Language, Mapping[str, str]] = {
    "en": {
        "change": "If {factor} were {needed} instead of {current}, this would be “{verdict}”.",
        "none": "No single rating change would change the verdict “{verdict}”.",
        "find_out": (
            "{factor} ({low} to {high}): at {low} the answer is “{at_low}”, at {high} "
            "“{at_high}”; knowing it would change today's answer with probability {p}."
        ),
        "no_difference": "{factor} ({low} to {high}) does not change the answer “{verdict}”.",
        "little": (
            "{factor} ({low} to {high}) matters little: at either end the answer is most "
            "likely “{at_low}”."
        ),
        "known": "known",
    },
    "de": {
        "change": "Wäre {factor} {needed} statt {current}, hieße es „{verdict}“.",
        "none": "Keine einzelne Bewertung würde die Empfehlung „{verdict}“ ändern.",
        "find_out": (
            "{factor} ({low} bis {high}): bei {low} heißt es „{at_low}“, bei {high} "
            "„{at_high}“; zu wissen würde die heutige Antwort mit Wahrscheinlichkeit {p} "
            "ändern."
        ),
        "no_difference": ("{factor} ({low} bis {high}) ändert die Antwort „{verdict}“ nicht."),
        "known": "bekannt",
    },
}


def _rating_slopes(cols: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Return d score / d rating (6, n) at normalised weights w (exact: it is affine)."""
    i, p, s, d, t, c = cols
    scale = RATING_MAX - RATING_MIN
    m_pt, m_sc, m_di = min(w[1], w[4]), min(w[2], w[5]), min(w[3], w[0])
    return np.array(
        [
            w[0] + m_di * d / scale,
            w[1] - m_pt * t / scale,
            w[2] - m_sc * c / scale,
            w[3] - m_di * (RATING_MAX - i) / scale,
            -w[4] - m_pt * p / scale,
            -w[5] - m_sc * s / scale,
        ]
    )


def _on_grid(value: np.ndarray, upwards: np.ndarray) -> np.ndarray:
    """Return the first rating-grid value at or beyond ``value`` in the direction of change."""
    steps = value / RATING_RESOLUTION
    snapped = np.where(upwards, np.ceil(steps - 1e-9), np.floor(steps + 1e-9))
    rounded: np.ndarray = np.round(snapped * RATING_RESOLUTION, 10)
    return rounded


def what_would_change(
    offers: Offers, weights: WeightsLike = None, lang: str = "en"
) -> pd.DataFrame:
    """For each offer, the smallest change of one rating that flips its verdict.

    Ratings are moved in tenths (:data:`RATING_RESOLUTION`), one at a time, the others
    and the weights fixed. Returns rows ``offer, factor, current, needed,
    new_verdict, change, text``: for each offer one row per factor that can flip it,
    smallest change first; an offer no single rating can flip gets one row with
    ``factor`` and ``needed`` missing and a ``text`` that says so.
    """
    language = check_language(lang)
    names, cols, raw = _prepare(offers, weights)
    n = len(names)
    w = raw / raw.sum()
    features = _features(cols)
    score = (_coefficients(w[None, :]) @ features)[0]
    verdict = _verdict_codes(score, w[_D] * cols[_D])
    slopes = _rating_slopes(cols, w)

    candidates = []  # (factor j, needed (n,), new code (n,))
    for j in range(len(FACTORS)):
        with np.errstate(divide="ignore", invalid="ignore"):
            accept_root = cols[j] + (ACCEPT_ABOVE - score) / slopes[j]
        roots = [accept_root]
        if j == _D and w[_D] > 0:
            roots.append(np.full(n, KEEP_IN_TOUCH_MIN / w[_D]))
        for root in roots:
            finite = np.isfinite(root)
            target = np.where(finite, root, cols[j])
            upwards = target > cols[j]
            for extra in (0.0, RATING_RESOLUTION):  # a root on the grid may not flip yet
                needed = _on_grid(target + np.where(upwards, extra, -extra), upwards)
                needed = np.clip(needed, RATING_MIN, RATING_MAX)
                moved = cols.copy()
                moved[j] = needed
                new = _verdict_codes(
                    (_coefficients(w[None, :]) @ _features(moved))[0], w[_D] * moved[_D]
                )
                flips = finite & (new != verdict) & (needed != cols[j])
                candidates.append((j, np.where(flips, needed, np.nan), new))

    rows = []
    for k, name in enumerate(names):
        best: dict[int, tuple[float, int]] = {}
        for j, needed, new in candidates:
            if np.isnan(needed[k]):
                continue
            distance = abs(needed[k] - cols[j, k])
            if j not in best or distance < abs(best[j][0] - cols[j, k]) - 1e-12:
                best[j] = (float(needed[k]), int(new[k]))
        current_label = verdict_label(VERDICTS[verdict[k]], language)
        if not best:
            rows.append(
                {
                    "offer": name,
                    "factor": None,
                    "current": np.nan,
                    "needed": np.nan,
                    "new_verdict": None,
                    "change": np.nan,
                    "text": _TEXT[language]["none"].format(verdict=current_label),
                }
            )
            continue
        for j, (needed_value, new_code) in sorted(
            best.items(), key=lambda item: (abs(item[1][0] - cols[item[0], k]), item[0])
        ):
            factor = FACTORS[j]
            rows.append(
                {
                    "offer": name,
                    "factor": factor.name,
                    "current": float(cols[j, k]),
                    "needed": needed_value,
                    "new_verdict": VERDICTS[new_code],
                    "change": needed_value - float(cols[j, k]),
                    "text": _TEXT[language]["change"].format(
                        factor=factor.text("short", language),
                        needed=format_number(needed_value, language),
                        current=format_number(float(cols[j, k]), language),
                        verdict=verdict_label(VERDICTS[new_code], language),
                    ),
                }
            )
    result = pd.DataFrame(rows)
    result["new_verdict"] = result["new_verdict"].astype(VERDICT_DTYPE)
    return result


# --- uncertain weights: rank acceptability ------------------------------------------


def roc_weights(ranking: Iterable[str]) -> dict[str, float]:
    """Rank-order-centroid weights from factors ordered most important first.

    ``roc_weights(["time_cost", "interest", "practice"])`` gives the k-th of K ranked
    factors ``(1/K)·Σ_{i=k..K} 1/i`` (they sum to 1); factors left out get 0. Every
    factor appears in the result, in table order.
    """
    order = _check_ranking(ranking)
    count = len(order)
    weights = dict.fromkeys(FACTOR_NAMES, 0.0)
    for k, name in enumerate(order):
        weights[name] = sum(1.0 / i for i in range(k + 1, count + 1)) / count
    return weights


def _check_ranking(ranking: Iterable[str]) -> list[str]:
    if isinstance(ranking, str):
        raise WeightsError(
            f"ranking: expected a list of factors, most important first, got the string "
            f"{ranking!r}; e.g. ['time_cost', 'interest']."
        )
    order = list(ranking)
    problems = [
        f"ranking: unknown factor {name!r}; expected some of {list(FACTOR_NAMES)}"
        for name in order
        if name not in FACTOR_NAMES
    ]
    repeated = sorted({name for name in order if order.count(name) > 1})
    problems += [f"ranking: {name!r} is listed more than once" for name in repeated]
    if not order:
        problems.append("ranking: empty; list at least one factor, most important first")
    if problems:
        raise WeightsError([p + "." for p in problems])
    return order


def _check_factors(factors: Sequence[str] | None) -> list[str]:
    if factors is None:
        return list(FACTOR_NAMES)
    unknown = [name for name in factors if name not in FACTOR_NAMES]
    if unknown:
        raise WeightsError(f"factors: unknown {unknown}; expected some of {list(FACTOR_NAMES)}.")
    return list(factors)


def weight_draws(
    weights: WeightsLike = None,
    n: int = 10_000,
    seed: int = 0,
    *,
    concentration: float = DEFAULT_CONCENTRATION,
    ranking: Sequence[str] | None = None,
) -> np.ndarray:
    """Draw ``n`` normalised weight vectors (n, 6), seeded.

    Around ``weights``: Dirichlet with parameters ``concentration · ŵ`` (a factor
    weighted 0 stays 0; larger concentration, tighter draws). From ``ranking`` (most
    important first) instead: uniform over all weights in that order, factors left
    out at 0.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise WeightsError(f"n: the number of draws must be a whole number >= 1, got {n!r}.")
    rng = np.random.default_rng(seed)
    draws = np.zeros((n, len(FACTOR_NAMES)))
    if ranking is not None:
        order = [FACTOR_NAMES.index(name) for name in _check_ranking(ranking)]
        uniform = rng.dirichlet(np.ones(len(order)), size=n)
        draws[:, order] = -np.sort(-uniform, axis=1)
        return draws
    if not (isinstance(concentration, int | float) and concentration > 0):
        raise WeightsError(f"concentration: must be a number > 0, got {concentration!r}.")
    raw = _raw_weights(weights)
    positive = raw > 0
    draws[:, positive] = rng.dirichlet(concentration * raw[positive] / raw.sum(), size=n)
    return draws


def rank_acceptability(
    offers: Offers,
    weights: WeightsLike = None,
    n: int = 10_000,
    seed: int = 0,
    *,
    concentration: float = DEFAULT_CONCENTRATION,
    ranking: Sequence[str] | None = None,
) -> pd.DataFrame:
    """SMAA-2 rank acceptability: how likely each rank and verdict is, weights uncertain.

    Weights are drawn by :func:`weight_draws` (around ``weights`` or from a
    ``ranking`` of the factors). Returns a DataFrame indexed by ``offer`` with
    ``rank_1 ... rank_N`` (the share of draws in which the offer has that rank; 1 is
    the best score, ties to the offer listed first) and ``p_accept,
    p_decline_keep_in_touch, p_decline``; each offer's ranks sum to 1, as do its
    verdicts. ``attrs`` records the draws' settings.

    Relation to ``borderline``: :func:`interview_lab.evaluate` flags an offer whose
    verdict one ±25 % change of one weight (or ±1 of one rating) flips. The default
    concentration moves every weight by about a fifth at once, so the two agree in
    spirit: an offer that is not borderline keeps its verdict in at least 80 % of the
    draws (in 95 % of cases), while a borderline one, sitting near a threshold, keeps
    it far less often, nearly always in under 90 % of them. ``tests/test_sensitivity``
    checks exactly this on 400 random offers. The flag stays the quick, deterministic
    test; rank acceptability says how sure, and for all weights moving together.
    """
    names, cols, _ = _prepare(offers, weights)
    draws = weight_draws(weights, n, seed, concentration=concentration, ranking=ranking)
    scores = _coefficients(draws) @ _features(cols)
    count = len(names)
    # Stable sort of the negated scores: ties rank the offer listed first higher.
    order = np.argsort(-scores, axis=1, kind="stable")
    ranks = np.bincount(
        (order * count + np.arange(count)).ravel(), minlength=count * count
    ).reshape(count, count)
    # Verdicts counted without building the (draws x offers) verdict table.
    accepted = scores > ACCEPT_ABOVE
    in_touch = draws[:, _D : _D + 1] * cols[_D][None, :] >= KEEP_IN_TOUCH_MIN
    accept_count = np.count_nonzero(accepted, axis=0)
    in_touch_count = np.count_nonzero(in_touch & ~accepted, axis=0)
    verdict_counts = np.column_stack(
        [n - accept_count - in_touch_count, in_touch_count, accept_count]
    )
    table = pd.DataFrame(
        ranks / n,
        index=pd.Index(names, name="offer"),
        columns=[f"rank_{k + 1}" for k in range(count)],
    )
    for code, verdict in reversed(list(enumerate(VERDICTS))):
        table[f"p_{verdict}"] = verdict_counts[:, code] / n
    table.attrs["draws"] = {
        "n": n,
        "seed": seed,
        "concentration": None if ranking is not None else concentration,
        "ranking": list(ranking) if ranking is not None else None,
    }
    return table


# --- uncertain ratings: what to find out first --------------------------------------

#: Grid points of :func:`what_to_find_out_first` in all (at most this many in total).
FIND_OUT_GRID = 200_000
#: Information (bits) below which an unknown is taken to make no difference: rounding.
INFORMATION_NONE = 1e-12


def _rating_ranges(offer: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Validate ratings that are numbers or (low, high) ranges; return ranges."""
    problems: list[str] = []
    ranges: dict[str, tuple[float, float]] = {}
    for factor in FACTORS:
        if factor.name not in offer:
            problems.append(f"offer: {factor.name!r} is missing; give a rating or a range")
            continue
        value = offer[factor.name]
        pair = tuple(value) if isinstance(value, list | tuple) else (value, value)
        numbers = [v for v in pair if isinstance(v, int | float) and not isinstance(v, bool)]
        if len(pair) != 2 or len(numbers) != 2 or not all(map(math.isfinite, numbers)):
            problems.append(
                f"offer: {factor.name!r} must be a rating or a (low, high) range of "
                f"ratings, got {value!r}"
            )
            continue
        low, high = float(numbers[0]), float(numbers[1])
        if not factor.low <= low <= high <= factor.high:
            problems.append(
                f"offer: {factor.name!r} range {value!r} must satisfy "
                f"{factor.low:g} <= low <= high <= {factor.high:g}"
            )
            continue
        ranges[factor.name] = (low, high)
    if problems:
        raise OfferDataError([p + "." for p in problems])
    return ranges


def _entropy(probabilities: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(probabilities > 0, -probabilities * np.log2(probabilities), 0.0)
    entropy: np.ndarray = terms.sum(axis=-1)
    return entropy


def what_to_find_out_first(
    offer: Mapping[str, Any], weights: WeightsLike = None, lang: str = "en"
) -> pd.DataFrame:
    """Which uncertain rating, if the client found it out, would most change the verdict.

    ``offer`` maps each factor to a rating or a ``(low, high)`` range (e.g.
    ``"surprise": (3, 8)``); an unknown is taken as uniform over its range, all
    independent, on an even grid that includes both ends. For each unknown, the rows
    give ``factor, low, high``, ``information`` (bits the rating carries about the
    verdict: the mutual information), ``p_change`` (the probability that knowing it
    changes today's most likely answer), ``at_low, at_high`` (the most likely verdict
    with the rating at either end) and ``text``; the most informative first.
    """
    language = check_language(lang)
    ranges = _rating_ranges(offer)
    w = _raw_weights(weights)
    w = w / w.sum()
    unknown = [name for name, (low, high) in ranges.items() if high > low]
    points = max(3, min(41, int(FIND_OUT_GRID ** (1 / max(len(unknown), 1)))))
    axes = {
        name: np.linspace(low, high, points) if name in unknown else np.array([low])
        for name, (low, high) in ranges.items()
    }
    mesh = np.meshgrid(*(axes[name] for name in FACTOR_NAMES), indexing="ij")
    cols = np.stack([m.ravel() for m in mesh])
    score = (_coefficients(w[None, :]) @ _features(cols))[0]
    codes = _verdict_codes(score, w[_D] * cols[_D]).reshape(mesh[0].shape)
    one_hot = np.stack([codes == c for c in range(len(VERDICTS))], axis=-1).astype(float)
    overall = one_hot.reshape(-1, len(VERDICTS)).mean(axis=0)
    today = int(np.argmax(overall))  # ties go to the more cautious verdict
    entropy = float(_entropy(overall))
    text = _TEXT[language]
    rows = []
    for name in unknown:
        j = FACTOR_NAMES.index(name)
        other_axes = tuple(k for k in range(len(FACTOR_NAMES)) if k != j)
        conditional = one_hot.mean(axis=other_axes)  # (points, verdicts)
        information = max(0.0, entropy - float(_entropy(conditional).mean()))
        best = np.argmax(conditional, axis=1)
        p_change = float((best != today).mean())
        low, high = ranges[name]
        fill = {
            "factor": DEFAULT_MODEL.factor(name).text("short", language),
            "low": format_number(low, language),
            "high": format_number(high, language),
            "at_low": verdict_label(VERDICTS[best[0]], language),
            "at_high": verdict_label(VERDICTS[best[-1]], language),
            "p": format_number(100 * p_change, language, digits=0)
            + (" %" if language == "de" else "%"),
            "verdict": verdict_label(VERDICTS[today], language),
        }
        rows.append(
            {
                "factor": name,
                "low": low,
                "high": high,
                "information": information,
                "p_change": p_change,
                "at_low": VERDICTS[best[0]],
                "at_high": VERDICTS[best[-1]],
                "text": text[_find_out_wording(information, best[0], best[-1], p_change)].format(
                    **fill
                ),
            }
        )
    columns = ["factor", "low", "high", "information", "p_change", "at_low", "at_high", "text"]
    result = pd.DataFrame(rows, columns=columns)
    result = result.sort_values(["information", "p_change"], ascending=False, kind="stable")
    result = result.reset_index(drop=True)
    for column in ("at_low", "at_high"):
        result[column] = result[column].astype(VERDICT_DTYPE)
    result.attrs["verdict"] = VERDICTS[today]
    result.attrs["probabilities"] = dict(zip(VERDICTS, overall.tolist(), strict=True))
    return result


def _find_out_wording(information: float, at_low: int, at_high: int, p_change: float) -> str:
    """Pick the sentence: no effect, a small one, or what each end of the range gives."""
    if information <= INFORMATION_NONE:
        return "no_difference"
    if at_low == at_high and p_change == 0:
        return "little"
    return "find_out"


# --- two personas side by side ---------------------------------------------------------


def side_by_side(offers: Offers, first: WeightsLike, second: WeightsLike) -> pd.DataFrame:
    """Evaluate the same offers under two priorities (preset names or weight mappings).

    Returns one row per offer: ``offer``, then for ``first`` and ``second`` each the
    ``score``, ``verdict``, ``rank`` (1 = best) and every ``contribution_<factor>``
    (columns prefixed ``first_`` and ``second_``), and ``verdict_changed`` and
    ``rank_change`` (second minus first; negative means it moved up). ``attrs["names"]``
    holds the two names ("first"/"second" for mappings).
    """
    from .evaluate import evaluate_at

    table, where = read_source(offers)
    columns: dict[str, Any] = {}
    labels = []
    for prefix, weights in (("first", first), ("second", second)):
        resolved = preset_weights(weights) if isinstance(weights, str) else weights
        result = evaluate_at(table, where, resolved, explain=False)
        labels.append(weights if isinstance(weights, str) else prefix)
        columns.setdefault("offer", result["offer"].to_numpy())
        columns[f"{prefix}_score"] = result["score"].to_numpy()
        columns[f"{prefix}_verdict"] = result["verdict"].to_numpy()
        rank = result["score"].rank(ascending=False, method="first").astype(int)
        columns[f"{prefix}_rank"] = rank.to_numpy()
        for name in FACTOR_NAMES:
            columns[f"{prefix}_contribution_{name}"] = result[f"contribution_{name}"].to_numpy()
    compared = pd.DataFrame(columns)
    for prefix in ("first", "second"):
        compared[f"{prefix}_verdict"] = compared[f"{prefix}_verdict"].astype(VERDICT_DTYPE)
    compared["verdict_changed"] = compared["first_verdict"] != compared["second_verdict"]
    compared["rank_change"] = compared["second_rank"] - compared["first_rank"]
    compared.attrs["names"] = tuple(labels)
    return compared


__all__ = [
    "DEFAULT_CONCENTRATION",
    "rank_acceptability",
    "roc_weights",
    "side_by_side",
    "stability_intervals",
    "sweep",
    "top_offer_intervals",
    "tornado",
    "weight_draws",
    "what_to_find_out_first",
    "what_would_change",
]
