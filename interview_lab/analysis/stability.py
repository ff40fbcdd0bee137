"""How far can one priority move before the answer changes: sweeps, intervals, tornado.

Each function moves one raw weight ``x`` (the others fixed) and reads the rest from
the model. The unnormalised score ``T·score`` is linear in ``x`` between the kinks
:meth:`~interview_lab.Model.kinks` names, so the accept test changes only at a
closed-form root per piece, and the keep-in-touch test only where the keep-in-touch
factor's weight reaches 0: :func:`stability_intervals` and
:func:`top_offer_intervals` are exact. On each piece the score itself is a ratio of
two linear functions of ``x``, hence monotone, so :func:`tornado` only needs the
ends of the range and the kinks.

An offer that breaks a deal-breaker is never ``accept``, whatever the weights
(:func:`~interview_lab.analysis._common.decide`): :func:`sweep` and
:func:`stability_intervals` give it what declining would be, so its interval only
ends where the keep-in-touch test changes. Scores, and so :func:`tornado` and
:func:`top_offer_intervals` (the best score), are the same as without the rule.

>>> import interview_lab as il
>>> intervals = stability_intervals(il.load_example_offers())
>>> list(intervals.columns)
['offer', 'factor', 'weight', 'low', 'high', 'verdict']
>>> bool(intervals["low"].le(intervals["weight"]).all())
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..core.model import Model, check_model
from ._common import (
    Offers,
    Prepared,
    WeightsLike,
    check_factors,
    decide,
    interval_around,
    keeps_in_touch_table,
    piece_roots,
    pieces,
    point_verdicts,
    prepare,
    unnormalised_scores,
    verdict_column,
    verdict_table,
    with_weight,
)

#: Upper end of a weight sweep or tornado when twice the weight is above the slider's.
SWEEP_MAX_FACTOR = 2.0


def sweep_max(model: Model, raw: np.ndarray, j: int, max_weight: float | None = None) -> float:
    """Return the top of factor j's sweep: ``max_weight``, or the slider maximum or 2 × weight."""
    if max_weight is not None:
        return float(max_weight)
    return max(model.factors[j].weight_max, SWEEP_MAX_FACTOR * float(raw[j]))


def sweep(
    offers: Offers,
    weights: WeightsLike = None,
    *,
    factors: Sequence[str] | None = None,
    max_weight: float | None = None,
    steps: int = 51,
    model: Model | None = None,
) -> pd.DataFrame:
    """Score every offer as one weight goes from 0 to a maximum, the others fixed.

    Returns a long table ``factor, weight, offer, score, verdict``; the maximum is
    ``max_weight`` or, by default, the larger of the factor's slider maximum and twice
    its current weight. ``weights`` may also be a preset name. Weight vectors that
    are all zero are left out. An offer that breaks a deal-breaker is never
    ``accept`` at any weight (its score is shown as it is).
    """
    model = check_model(model)
    p = prepare(offers, weights, model)
    features = model.features(p.cols)
    frames = []
    for factor in check_factors(factors, model):
        j = model.index[factor]
        grid = np.linspace(0.0, sweep_max(model, p.raw, j, max_weight), steps)
        table = with_weight(p.raw, j, grid)
        valid = table.sum(axis=1) > 0
        table, grid = table[valid], grid[valid]
        w = model.normalise(table)
        scores = model.scores(w, features)
        codes = decide(model, scores, keeps_in_touch_table(model, p.cols, w), p.blocked)
        frames.append(
            pd.DataFrame(
                {
                    "factor": factor,
                    "weight": np.repeat(grid, len(p.names)),
                    "offer": np.tile(p.names, len(grid)),
                    "score": scores.ravel(),
                    "verdict": verdict_column(codes.ravel()),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def stability_intervals(
    offers: Offers, weights: WeightsLike = None, *, model: Model | None = None
) -> pd.DataFrame:
    """For each offer and factor, the weight range over which its verdict stays the same.

    Exact (see the module docs). Returns one row per offer and factor: ``offer,
    factor, weight`` (the current weight), ``low, high`` (the range of that weight,
    the others fixed; ``high`` may be ``inf``) and ``verdict`` (the current one). At
    ``low`` and ``high`` (when finite and not 0) the verdict changes; strictly inside
    it never does. The rows of one offer are together, factors in table order. An
    offer that breaks a deal-breaker cannot become ``accept`` by any weight, so its
    range ends only where keep in touch <-> decline changes (the keep-in-touch
    factor's weight reaching 0).
    """
    return stability_intervals_of(prepare(offers, weights, check_model(model)))


def stability_intervals_of(p: Prepared) -> pd.DataFrame:
    """:func:`stability_intervals` of offers and weights already prepared (internal).

    See "Internal entry points" in :mod:`interview_lab.analysis._common`.
    """
    model = p.model
    raw, cols, blocked = p.raw, p.cols, p.blocked
    features = model.features(cols)
    n = len(p.names)
    current = verdict_table(model, cols, model.normalise(raw), blocked=blocked)[0]
    total = float(raw.sum())
    lows, highs = np.empty((len(model), n)), np.empty((len(model), n))
    for j in range(len(model)):
        others = total - float(raw[j])

        def accept_margin(x: float, j: int = j, others: float = others) -> np.ndarray:
            # T·(score − accept_above): linear per piece, the sign of the accept test.
            margin: np.ndarray = unnormalised_scores(
                model, with_weight(raw, j, np.array([x]))[0], features
            ) - model.accept_above * (others + x)
            return margin

        ranges = pieces(model, raw, j)
        kinks = np.repeat([[high for _, high in ranges[:-1]]], n, axis=0)
        roots = np.column_stack(piece_roots(accept_margin, ranges))
        roots[blocked] = np.nan  # the accept test of a blocked offer never passes
        points = np.column_stack([kinks, roots])

        def same(middle: np.ndarray, j: int = j) -> np.ndarray:
            k = middle.shape[1]
            table = with_weight(raw, j, middle.ravel())
            codes = point_verdicts(
                model, table, np.repeat(cols, k, axis=1), blocked=np.repeat(blocked, k)
            )
            matches: np.ndarray = codes.reshape(n, k) == current[:, None]
            return matches

        lows[j], highs[j] = interval_around(float(raw[j]), points, same)
    # One row per offer and factor: the offers in input order, each one's factors in
    # table order.
    return pd.DataFrame(
        {
            "offer": [name for name in p.names for _ in model.names],
            "factor": list(model.names) * n,
            "weight": np.tile(raw, n),
            "low": lows.T.ravel(),
            "high": highs.T.ravel(),
            "verdict": verdict_column(np.repeat(current, len(model))),
        }
    )


def top_offer_intervals(
    offers: Offers, weights: WeightsLike = None, *, model: Model | None = None
) -> pd.DataFrame:
    """For each factor, the weight range over which the top-ranked offer stays on top.

    Exact: the score differences to the top offer are piecewise linear in the raw
    weight (up to the common positive factor ``1/T``), so the range ends at one of
    their roots or kinks. Ties rank the offer listed first higher. Returns ``factor,
    offer`` (the top offer now), ``weight``, ``low``, ``high``.
    """
    model = check_model(model)
    p = prepare(offers, weights, model)
    raw = p.raw
    features = model.features(p.cols)
    top = int(np.argmax(model.scores(model.normalise(raw), features)[0]))
    rows = []
    for j, factor in enumerate(model.names):

        def lead(x: float, j: int = j) -> np.ndarray:
            scores = unnormalised_scores(model, with_weight(raw, j, np.array([x]))[0], features)
            gaps: np.ndarray = scores[top] - np.delete(scores, top)
            return gaps

        ranges = pieces(model, raw, j)
        kinks = [high for _, high in ranges[:-1]]
        points = np.concatenate([kinks, *piece_roots(lead, ranges)])[None, :]

        def same(middle: np.ndarray, j: int = j) -> np.ndarray:
            table = with_weight(raw, j, middle[0])
            valid = table.sum(axis=1) > 0
            scores = model.scores(model.normalise(np.where(valid[:, None], table, 1.0)), features)
            on_top: np.ndarray = (np.argmax(scores, axis=1) == top) | ~valid
            return on_top[None, :]

        low, high = interval_around(float(raw[j]), points, same)
        rows.append(
            {
                "factor": factor,
                "offer": p.names[top],
                "weight": raw[j],
                "low": float(low[0]),
                "high": float(high[0]),
            }
        )
    return pd.DataFrame(rows)


def tornado(
    offers: Offers, weights: WeightsLike = None, *, model: Model | None = None
) -> pd.DataFrame:
    """How far each weight, moved over its whole range, moves each offer's score.

    Each weight in turn goes from 0 to the sweep maximum (see :func:`sweep`), the
    others fixed. Returns ``offer, factor, score`` (now), ``lowest, highest`` (exact:
    the score is monotone between the kinks and the ends) and ``swing`` (their
    difference), the rows of each offer sorted by swing, largest first.
    """
    return tornado_of(prepare(offers, weights, check_model(model)))


def tornado_of(p: Prepared) -> pd.DataFrame:
    """:func:`tornado` of offers and weights already prepared (internal).

    See "Internal entry points" in :mod:`interview_lab.analysis._common`.
    """
    model = p.model
    raw = p.raw
    features = model.features(p.cols)
    now = model.scores(model.normalise(raw), features)[0]
    n = len(p.names)
    lowest, highest = np.empty((len(model), n)), np.empty((len(model), n))
    for j, factor in enumerate(model.names):
        top = sweep_max(model, raw, j)
        inside = [kink for kink in model.kinks(raw, factor) if kink < top]
        table = with_weight(raw, j, np.array([0.0, *inside, top]))
        valid = table.sum(axis=1) > 0
        scores = model.scores(model.normalise(table[valid]), features)
        lowest[j], highest[j] = scores.min(axis=0), scores.max(axis=0)
    swing = highest - lowest
    # The rows of each offer together, largest swing first, equal swings in table order.
    offer_of = np.tile(np.arange(n), len(model))
    factor_of = np.repeat(np.arange(len(model)), n)
    order = np.lexsort((factor_of, -swing.ravel(), offer_of))
    offer_at, factor_at = order % n, factor_of[order]
    return pd.DataFrame(
        {
            "offer": [p.names[k] for k in offer_at.tolist()],
            "factor": [model.names[j] for j in factor_at.tolist()],
            "score": now[offer_at],
            "lowest": lowest.ravel()[order],
            "highest": highest.ravel()[order],
            "swing": swing.ravel()[order],
        }
    )


__all__ = [
    "SWEEP_MAX_FACTOR",
    "stability_intervals",
    "sweep",
    "top_offer_intervals",
    "tornado",
]
