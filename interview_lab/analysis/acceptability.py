"""Uncertain weights: rank-order-centroid weights, weight draws and SMAA-2.

>>> weights = roc_weights(["time_cost", "interest"])
>>> weights["time_cost"], weights["interest"], weights["doors"]
(0.75, 0.25, 0.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..core.errors import WeightsError
from ..core.i18n import message
from ..core.model import ACCEPT, DECLINE, KEEP_IN_TOUCH, VERDICTS, Model, check_model
from ._common import (
    Offers,
    Prepared,
    Shown,
    WeightsLike,
    accepts,
    keeps_in_touch_table,
    prepare,
    raw_weights,
)

#: Dirichlet concentration of :func:`rank_acceptability` around the given weights.
#: A normalised weight ŵ then has a standard deviation of ``sqrt(ŵ(1-ŵ)/(c+1))``: at
#: 150, about ±18 % of a weight of 1/6, every weight at once, which is as disruptive
#: as the ``borderline`` check's ±25 % of one weight (see rank_acceptability).
DEFAULT_CONCENTRATION = 150.0
#: Offers from which :func:`rank_acceptability` ranks each draw by a quicksort (and
#: sorts only the draws with ties again, stably); fewer are sorted stably at once.
_QUICKSORT_FROM = 32


def roc_weights(ranking: Iterable[str], *, model: Model | None = None) -> dict[str, float]:
    """Rank-order-centroid weights from factors ordered most important first.

    ``roc_weights(["time_cost", "interest", "practice"])`` gives the k-th of K ranked
    factors ``(1/K)·Σ_{i=k..K} 1/i`` (they sum to 1); factors left out get 0. Every
    factor of the model appears in the result, in table order.
    """
    model = check_model(model)
    order = _check_ranking(ranking, model)
    count = len(order)
    weights = dict.fromkeys(model.names, 0.0)
    for k, name in enumerate(order):
        weights[name] = sum(1.0 / i for i in range(k + 1, count + 1)) / count
    return weights


def _check_ranking(ranking: Iterable[str], model: Model) -> list[str]:
    if isinstance(ranking, str):
        raise WeightsError(
            message(
                "analysis.error.ranking_string",
                value=Shown(ranking),
                example=list(model.names[:2]),
            )
        )
    order = list(ranking)
    problems = [
        message("analysis.error.ranking_unknown", value=Shown(name), expected=list(model.names))
        for name in order
        if name not in model.index
    ]
    repeated = sorted({name for name in order if order.count(name) > 1})
    problems += [message("analysis.error.ranking_repeated", value=Shown(n)) for n in repeated]
    if not order:
        problems.append(message("analysis.error.ranking_empty"))
    if problems:
        raise WeightsError(problems)
    return order


def _draws(
    raw: np.ndarray,
    n: int,
    seed: int,
    concentration: float,
    ranking: Sequence[str] | None,
    model: Model,
) -> np.ndarray:
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise WeightsError(message("analysis.error.draws", value=Shown(n)))
    rng = np.random.default_rng(seed)
    draws = np.zeros((n, len(model)))
    if ranking is not None:
        order = [model.index[name] for name in _check_ranking(ranking, model)]
        uniform = rng.dirichlet(np.ones(len(order)), size=n)
        draws[:, order] = -np.sort(-uniform, axis=1)
        return draws
    if not (
        isinstance(concentration, int | float)
        and not isinstance(concentration, bool)
        and concentration > 0
    ):
        raise WeightsError(message("analysis.error.concentration", value=Shown(concentration)))
    positive = raw > 0
    draws[:, positive] = rng.dirichlet(concentration * raw[positive] / raw.sum(), size=n)
    return draws


def weight_draws(
    weights: WeightsLike = None,
    n: int = 10_000,
    seed: int = 0,
    *,
    concentration: float = DEFAULT_CONCENTRATION,
    ranking: Sequence[str] | None = None,
    model: Model | None = None,
) -> np.ndarray:
    """Draw ``n`` normalised weight vectors (n, K), seeded, factors in table order.

    Around ``weights``: Dirichlet with parameters ``concentration · ŵ`` (a factor
    weighted 0 stays 0; larger concentration, tighter draws). From ``ranking`` (most
    important first) instead: uniform over all weights in that order, factors left
    out at 0.
    """
    model = check_model(model)
    raw = raw_weights(weights, model)
    return _draws(raw, n, seed, concentration, ranking, model)


def _rank_counts(scores: np.ndarray) -> np.ndarray:
    """How often each offer has each rank (offers, ranks) in draws of ``scores`` (draws, offers).

    Rank 1 is the best score; ties rank the offer listed first higher: what counting
    a stable argsort of the negated scores gives. From :data:`_QUICKSORT_FROM` offers
    on, at the cost of a quicksort: a draw without equal scores has one order however
    it is sorted, so each draw's offers are sorted (ascending, the best last) by a
    quicksort, and only if some draw has a tie (or a NaN) are those draws sorted
    again, stably, from their scores scattered back out of the sorted ones. A stable
    argsort of 200 offers costs about five quicksorts. ``scores`` is sorted in place:
    the caller is done with it.
    """
    count = scores.shape[1]
    if count < _QUICKSORT_FROM:  # short rows: a stable sort is as quick as any
        order = np.argsort(-scores, axis=1, kind="stable")
        order *= count  # offer · count + rank − 1
        order += np.arange(count)
    else:
        order = np.argsort(scores, axis=1)
        scores.sort(axis=1)  # the same values, to find the ties
        equal = scores[:, 1:] == scores[:, :-1]
        nan = np.isnan(scores[:, -1])
        if equal.any() or nan.any():
            tied = equal.any(axis=1) | nan
            original = np.empty_like(scores[tied])
            np.put_along_axis(original, order[tied], scores[tied], axis=1)
            order[tied] = np.argsort(-original, axis=1, kind="stable")[:, ::-1]
        order *= count  # offer · count + rank − 1, the rank counted from the last column
        order += np.arange(count - 1, -1, -1)
    counts: np.ndarray = np.bincount(order.ravel(), minlength=count * count)
    return counts.reshape(count, count)


def rank_acceptability(
    offers: Offers,
    weights: WeightsLike = None,
    n: int = 10_000,
    seed: int = 0,
    *,
    concentration: float = DEFAULT_CONCENTRATION,
    ranking: Sequence[str] | None = None,
    model: Model | None = None,
) -> pd.DataFrame:
    """SMAA-2 rank acceptability: how likely each rank and verdict is, weights uncertain.

    Weights are drawn by :func:`weight_draws` (around ``weights`` or from a
    ``ranking`` of the factors). Returns a DataFrame indexed by ``offer`` with
    ``rank_1 ... rank_N`` (the share of draws in which the offer has that rank; 1 is
    the best score, ties to the offer listed first) and ``p_accept,
    p_decline_keep_in_touch, p_decline``; each offer's ranks sum to 1, as do its
    verdicts. ``attrs`` records the draws' settings. An offer that breaks a
    deal-breaker has ``p_accept`` 0 (its ranks still follow its score).

    Relation to ``borderline``: :func:`interview_lab.evaluate` flags an offer whose
    go / don't-go answer one ±25 % change of one weight (or ±1 of one rating) flips.
    The default concentration moves every weight by about a fifth at once, so the two
    agree in spirit: an offer that is not borderline keeps its go / don't-go answer
    in at least 80 % of the draws (nearly always: 99 % of random offers), while a
    borderline one, sitting near the accept line, mostly keeps it in under 90 % of
    them (about three quarters on average). ``tests/test_sensitivity`` checks this on
    400 random offers. The flag stays the quick, deterministic test; rank
    acceptability says how sure, and for all weights moving together.
    """
    p = prepare(offers, weights, check_model(model))
    return rank_acceptability_of(p, n, seed, concentration=concentration, ranking=ranking)


def rank_acceptability_of(
    p: Prepared,
    n: int = 10_000,
    seed: int = 0,
    *,
    concentration: float = DEFAULT_CONCENTRATION,
    ranking: Sequence[str] | None = None,
) -> pd.DataFrame:
    """:func:`rank_acceptability` of offers and weights already prepared (internal).

    See "Internal entry points" in :mod:`interview_lab.analysis._common`.
    """
    model = p.model
    draws = _draws(p.raw, n, seed, concentration, ranking, model)
    scores = model.coefficients(draws) @ model.features(p.cols)
    count = len(p.names)
    # Verdicts counted without building the (draws x offers) verdict code table: the
    # verdict rule of Model.verdict_codes, with the accept test of the analyses.
    accepted = accepts(model, scores, p.blocked)
    ranks = _rank_counts(scores)  # sorts the scores in place: they are not needed after
    in_touch = keeps_in_touch_table(model, p.cols, draws)
    accept_count = np.count_nonzero(accepted, axis=0)
    in_touch_count = np.count_nonzero(in_touch & ~accepted, axis=0)
    verdict_counts = np.empty((count, len(VERDICTS)), dtype=np.int64)
    verdict_counts[:, ACCEPT] = accept_count
    verdict_counts[:, KEEP_IN_TOUCH] = in_touch_count
    verdict_counts[:, DECLINE] = n - accept_count - in_touch_count
    table = pd.DataFrame(
        ranks / n,
        index=pd.Index(p.names, name="offer"),
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


__all__ = ["DEFAULT_CONCENTRATION", "rank_acceptability", "roc_weights", "weight_draws"]
