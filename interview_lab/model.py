r"""The decision model: six weighted ratings, each reason to go cancelled by its caveat.

Formula
-------
Ratings ``r`` are on the 0-10 scale. Weights are normalised to sum to one
(``ŵ = w / Σw``), so a score is in rating points, comparable across weight scales,
and multiplying every weight by a constant changes nothing. With
``m(a, b) = min(ŵ_a, ŵ_b)``, each factor's contribution is

=============  =====================================================================
interest       ``ŵ_interest · (interest − 5)`` (a 5 neither speaks for nor against)
practice       ``ŵ_practice · practice − m(practice, time_cost) · practice · time_cost/10``
surprise       ``ŵ_surprise · surprise − m(surprise, confusion) · surprise · confusion/10``
doors          ``ŵ_doors · doors − m(doors, interest) · doors · (10 − interest)/10``
time_cost      ``−ŵ_time_cost · time_cost``
confusion      ``−ŵ_confusion · confusion``
=============  =====================================================================

and ``score`` is their sum. The second term of each reason is the domain's pairing:
practice is worth less the higher the time cost (unprepared, it teaches nothing),
surprise the higher the confusion (one more option makes a hard search harder), doors
the lower the interest (a visibly uninterested candidate burns the bridge). A caveat
cancels its reason completely at rating 10 when it is weighted at least as much as
the reason, proportionally less when weighted less, and not at all at weight zero:
so a weight of zero removes its factor from the decision entirely, the caveat role
included. Every contribution is affine in each single rating, increasing in
interest/practice/surprise/doors and decreasing in time_cost/confusion.

Verdicts
--------
``accept``
    ``score > 0`` (:data:`ACCEPT_ABOVE`): the reasons, after their caveats, outweigh the costs.
``decline_keep_in_touch``
    not accepted, but the company or recruiter is worth it: ``ŵ_doors · doors >=``
    :data:`KEEP_IN_TOUCH_MIN` (doors rated 6.5 or more at default priorities). The
    doors rating counts here before the interest caveat: declining politely burns
    no bridge, showing up uninterested would.
``decline``
    everything else.

Default weights
---------------
:data:`DEFAULT_WEIGHTS` were chosen against ``shared/scenarios/public.csv`` and our
own scenarios (``tests/scenarios.csv``) so that every one gets its expected verdict
with the widest margin, then rounded:

* ``interest`` 2.5, the largest: "the more you want it, the less the rest matters".
  A 9 must carry a busy month (P08); a role you would never take starts two points
  down, which only strong practice or surprise with time to spare can make up (P02, P04).
* ``practice`` 2 and ``time_cost`` 2: practice is the main reason to sit an interview
  for a role you do not want (P02), and time is what cancels it (P03). Equal weights
  make the cancellation complete at time_cost 10.
* ``surprise`` 1.5 and ``confusion`` 1.5: a vague description can hide a great fit
  (P04, P10), but not for someone already torn (P05); equal, so confusion 10 cancels
  surprise completely.
* ``doors`` 2: it counts fully when you want the role (S03) and is the reason to
  decline politely and stay in touch when you do not (P06, P09). Interest (2.5)
  outweighs it, so an interest of 0 cancels doors fully (the time-waster risk).

Among the rounded weight sets that keep every caveat at least as heavy as its
reason, this one leaves the widest smallest margin (0.41 rating points, P02).

Borderline
----------
An offer is ``borderline`` when its verdict changes under any one of these small
perturbations: one weight ×0.75 or ×1.25 (:data:`WEIGHT_STEP`), or one rating ±1
(:data:`RATING_STEP`, clipped to 0-10). Because each contribution is affine in each
rating and linear in the (piecewise-linear) coefficients, all 24 perturbed scores
come from one matrix product and one slope per rating, not from 24 model runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from types import MappingProxyType

import numpy as np
import pandas as pd

from .factors import FACTOR_NAMES, FACTORS, RATING_MAX, RATING_MIN, check_language
from .validation import Where, check_weights

#: Default priorities; see the module docs for the reasoning. Read-only.
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "interest": 2.5,
        "practice": 2.0,
        "surprise": 1.5,
        "doors": 2.0,
        "time_cost": 2.0,
        "confusion": 1.5,
    }
)

#: Doors rating from which declining keeps in touch, at the default priorities.
KEEP_IN_TOUCH_DOORS = 6.5
#: Rating points of ``ŵ_doors · doors`` from which declining keeps in touch: doors
#: :data:`KEEP_IN_TOUCH_DOORS` at default weights; weigh doors more, and less will do.
KEEP_IN_TOUCH_MIN = KEEP_IN_TOUCH_DOORS * DEFAULT_WEIGHTS["doors"] / sum(DEFAULT_WEIGHTS.values())
#: A score must exceed this to accept: zero, plus room for rounding, so that an exact
#: tie of reasons and costs declines whatever the floating-point noise.
ACCEPT_ABOVE = 1e-9
#: Neutral interest: a rating that neither speaks for nor against going.
NEUTRAL_INTEREST = 5.0
#: Relative weight change of the borderline check (×0.75 and ×1.25).
WEIGHT_STEP = 0.25
#: Rating change of the borderline check (±1 point).
RATING_STEP = 1.0

VERDICTS: tuple[str, ...] = ("decline", "decline_keep_in_touch", "accept")
"""Verdict codes, from worst to best (their index is the verdict's order)."""

#: dtype of the ``verdict`` column: ordered, so sorting puts ``accept`` last.
VERDICT_DTYPE = pd.CategoricalDtype(list(VERDICTS), ordered=True)

RESULT_COLUMNS: tuple[str, ...] = (
    "score",
    "verdict",
    "borderline",
    *(f"contribution_{name}" for name in FACTOR_NAMES),
    "explanation",
)

# Column positions in the rating matrix, in factor-table order.
_I, _P, _S, _D, _T, _C = (FACTOR_NAMES.index(n) for n in FACTOR_NAMES)
_DECLINE, _KEEP_IN_TOUCH, _ACCEPT = range(3)


@dataclass(frozen=True)
class Scores:
    """Everything the kernel computes for a rating matrix, as plain arrays."""

    score: np.ndarray  # (n,)
    contributions: np.ndarray  # (n, 6), rows sum to score
    verdict: np.ndarray  # (n,) int index into VERDICTS
    borderline: np.ndarray  # (n,) bool
    cancelled: np.ndarray  # (n, 6) how much each reason lost to its caveat (>= 0)


def normalise(weights: Mapping[str, float]) -> np.ndarray:
    """Return weights as an array in factor order, scaled to sum to one."""
    vector = np.array([float(weights[name]) for name in FACTOR_NAMES])
    normalised: np.ndarray = vector / vector.sum()
    return normalised


def _pair_minimums(w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return how hard each caveat bites: min(reason weight, caveat weight)."""
    return (
        np.minimum(w[..., _P], w[..., _T]),
        np.minimum(w[..., _S], w[..., _C]),
        np.minimum(w[..., _D], w[..., _I]),
    )


def _columns(ratings: np.ndarray) -> np.ndarray:
    """Return ratings as six contiguous rows (6, n): numpy is fastest along them."""
    return np.ascontiguousarray(np.asarray(ratings, dtype=float).T)


# Rows of the feature matrix (see _features); the score is a weighted sum of them.
_F_INTEREST, _F_PRACTICE, _F_PRACTICE_CUT, _F_SURPRISE, _F_SURPRISE_CUT = range(5)
_F_DOORS, _F_DOORS_CUT, _F_TIME, _F_CONFUSION = range(5, 9)


def _features(cols: np.ndarray) -> np.ndarray:
    """Rating terms (9, n) whose weighted sum is the score (see :func:`_coefficients`)."""
    i, p, s, d, t, c = cols
    scale = RATING_MAX - RATING_MIN
    features = np.empty((9, cols.shape[1]))
    np.subtract(i, NEUTRAL_INTEREST, out=features[_F_INTEREST])
    features[_F_PRACTICE] = p
    np.multiply(p, t / scale, out=features[_F_PRACTICE_CUT])
    features[_F_SURPRISE] = s
    np.multiply(s, c / scale, out=features[_F_SURPRISE_CUT])
    features[_F_DOORS] = d
    np.multiply(d, (RATING_MAX - i) / scale, out=features[_F_DOORS_CUT])
    features[_F_TIME] = t
    features[_F_CONFUSION] = c
    return features


def _coefficients(w: np.ndarray) -> np.ndarray:
    """Coefficients (m, 9) of :func:`_features` for normalised weights ``w`` (m, 6)."""
    m_pt, m_sc, m_di = _pair_minimums(w)
    return np.column_stack(
        [w[:, _I], w[:, _P], -m_pt, w[:, _S], -m_sc, w[:, _D], -m_di, -w[:, _T], -w[:, _C]]
    )


def _verdict_codes(score: np.ndarray, door_value: np.ndarray) -> np.ndarray:
    codes: np.ndarray = np.where(
        score > ACCEPT_ABOVE,
        _ACCEPT,
        np.where(door_value >= KEEP_IN_TOUCH_MIN, _KEEP_IN_TOUCH, _DECLINE),
    )
    return codes


def score_ratings(ratings: np.ndarray, weights: np.ndarray) -> Scores:
    """Score a validated (n, 6) rating matrix with normalised weights (the bare kernel).

    No validation happens here: :func:`evaluate` is the checked public entry point.
    """
    cols = _columns(ratings)
    w = np.asarray(weights, dtype=float)
    features = _features(cols)
    m_pt, m_sc, m_di = _pair_minimums(w)

    cancelled = np.zeros_like(cols)
    np.multiply(features[_F_PRACTICE_CUT], m_pt, out=cancelled[_P])
    np.multiply(features[_F_SURPRISE_CUT], m_sc, out=cancelled[_S])
    np.multiply(features[_F_DOORS_CUT], m_di, out=cancelled[_D])
    contributions = np.empty_like(cols)
    np.multiply(features[_F_INTEREST], w[_I], out=contributions[_I])
    for factor, row in ((_P, _F_PRACTICE), (_S, _F_SURPRISE), (_D, _F_DOORS)):
        np.multiply(features[row], w[factor], out=contributions[factor])
        contributions[factor] -= cancelled[factor]
    np.multiply(features[_F_TIME], -w[_T], out=contributions[_T])
    np.multiply(features[_F_CONFUSION], -w[_C], out=contributions[_C])
    score = contributions.sum(axis=0)
    verdict = _verdict_codes(score, w[_D] * cols[_D])
    return Scores(
        score=score,
        contributions=contributions.T,
        verdict=verdict,
        borderline=_borderline(cols, features, w, score, verdict),
        cancelled=cancelled.T,
    )


def _borderline(
    cols: np.ndarray, features: np.ndarray, w: np.ndarray, score: np.ndarray, verdict: np.ndarray
) -> np.ndarray:
    """Flag offers whose verdict one small change of one weight or one rating flips.

    A verdict flips when the accept test (``score > ACCEPT_ABOVE``) changes or, for an
    offer that is not accepted, when the keep-in-touch test changes. So it is enough to
    know the lowest and highest score and door value over all the perturbations.
    """
    # Weight perturbations: 12 re-normalised weight vectors, one matrix product.
    factors = np.concatenate([np.eye(len(w)) * -WEIGHT_STEP, np.eye(len(w)) * WEIGHT_STEP]) + 1
    perturbed = w * factors
    perturbed /= perturbed.sum(axis=1, keepdims=True)
    scores_w = _coefficients(perturbed) @ features
    lowest, highest = scores_w.min(axis=0), scores_w.max(axis=0)

    # Rating perturbations: the score is affine in each rating, so slope × step is
    # exact. Benefit slopes are >= 0 and cost slopes <= 0, so a step up is the largest
    # change of a benefit and the smallest of a cost (and a step down the reverse).
    i, p, s, d, t, c = cols
    m_pt, m_sc, m_di = _pair_minimums(w)
    scale = RATING_MAX - RATING_MIN
    slopes = (
        w[_I] + m_di * d / scale,
        w[_P] - m_pt * t / scale,
        w[_S] - m_sc * c / scale,
        w[_D] - m_di * (RATING_MAX - i) / scale,
        -w[_T] - m_pt * p / scale,
        -w[_C] - m_sc * s / scale,
    )
    most = np.zeros_like(score)
    least = np.zeros_like(score)
    for factor, rating, slope in zip(FACTORS, cols, slopes, strict=True):
        up = slope * np.minimum(RATING_MAX - rating, RATING_STEP)
        down = slope * -np.minimum(rating - RATING_MIN, RATING_STEP)
        if factor.direction == "cost":
            up, down = down, up
        np.maximum(most, up, out=most)
        np.minimum(least, down, out=least)
    np.minimum(lowest, score + least, out=lowest)
    np.maximum(highest, score + most, out=highest)

    accepted = verdict == _ACCEPT
    accept_flips = np.where(accepted, lowest <= ACCEPT_ABOVE, highest > ACCEPT_ABOVE)

    # The door value ŵ_doors · doors moves with the doors weight (also through the
    # normalisation after any other weight change) and with the doors rating.
    door_low = np.minimum(
        d * perturbed[:, _D].min(), w[_D] * np.maximum(d - RATING_STEP, RATING_MIN)
    )
    door_high = np.maximum(
        d * perturbed[:, _D].max(), w[_D] * np.minimum(d + RATING_STEP, RATING_MAX)
    )
    keeps_in_touch = w[_D] * d >= KEEP_IN_TOUCH_MIN
    door_flips = np.where(
        keeps_in_touch, door_low < KEEP_IN_TOUCH_MIN, door_high >= KEEP_IN_TOUCH_MIN
    )
    flips: np.ndarray = accept_flips | (~accepted & door_flips)
    return flips


def resolve_weights(
    weights: Mapping[str, object] | None = None, source: str = "weights"
) -> dict[str, float]:
    """Complete, validated weights: ``weights`` over :data:`DEFAULT_WEIGHTS`."""
    return check_weights(weights, DEFAULT_WEIGHTS, source=source)


def evaluate(
    offers: pd.DataFrame | str | PathLike[str],
    weights: Mapping[str, object] | None = None,
    *,
    lang: str = "en",
    explain: bool = True,
) -> pd.DataFrame:
    """Score every offer and return a new DataFrame with the verdicts.

    Parameters
    ----------
    offers
        One row per invitation with the columns ``offer`` and the six ratings
        (0-10); any other columns are kept as they are. A path is read as
        :func:`interview_lab.load_offers` reads it.
    weights
        Priorities, factor -> non-negative number on any scale. Factors left out
        keep their :data:`DEFAULT_WEIGHTS` value; zero removes a factor.
    lang
        Language of the ``explanation`` column: ``"en"`` or ``"de"``.
    explain
        ``False`` leaves out the ``explanation`` column (fast bulk scoring).

    Returns
    -------
    pandas.DataFrame
        The input columns in order (results of an earlier ``evaluate`` are
        replaced), then ``score``, ``verdict`` (an ordered categorical:
        ``decline`` < ``decline_keep_in_touch`` < ``accept``), ``borderline``, one
        ``contribution_<factor>`` per factor (they sum to ``score``) and
        ``explanation``. The input is never mutated. ``result.attrs["weights"]``
        holds the complete weights used.

    """
    from .io import read_source

    return evaluate_at(*read_source(offers), weights, lang=lang, explain=explain)


def evaluate_at(
    offers: object,
    where: Where,
    weights: Mapping[str, object] | None = None,
    *,
    lang: str = "en",
    explain: bool = True,
) -> pd.DataFrame:
    """:func:`evaluate` a table read from ``where``, so errors name its file and rows."""
    from .io import checked_columns

    lang = check_language(lang)
    resolved = resolve_weights(weights)
    table, columns, ratings = checked_columns(offers, where)
    normalised = normalise(resolved)
    scores = score_ratings(ratings, normalised)

    # Results of an earlier evaluate are replaced; everything else is kept in order.
    for name in RESULT_COLUMNS:
        columns.pop(name, None)
    columns["score"] = scores.score
    columns["verdict"] = pd.Categorical.from_codes(scores.verdict, dtype=VERDICT_DTYPE)
    columns["borderline"] = scores.borderline
    for j, name in enumerate(FACTOR_NAMES):
        columns[f"contribution_{name}"] = scores.contributions[:, j]
    if explain:
        from .explain import explanations

        verdicts = [VERDICTS[code] for code in scores.verdict]
        columns["explanation"] = explanations(scores, ratings, normalised, verdicts, lang)
    result = pd.DataFrame(columns, index=table.index)
    result.attrs["weights"] = dict(resolved)
    return result


__all__ = [
    "DEFAULT_WEIGHTS",
    "FACTORS",
    "KEEP_IN_TOUCH_MIN",
    "RESULT_COLUMNS",
    "VERDICTS",
    "Scores",
    "evaluate",
    "evaluate_at",
    "normalise",
    "resolve_weights",
    "score_ratings",
]
