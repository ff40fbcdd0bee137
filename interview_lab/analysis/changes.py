"""What would have to change: the smallest change of one rating that flips a verdict.

A score is affine in each single rating (:meth:`~interview_lab.Model.slopes` gives
the exact slope), so the rating at which the accept test flips is a closed-form
root; the keep-in-touch test flips where the keep-in-touch factor's rating crosses
:attr:`~interview_lab.Model.keep_in_touch_from`, when that factor counts at all.

An offer that breaks a deal-breaker is never ``accept``: no change of another
rating can make it go, and its rows start with a sentence that says which rule
rules it out. A deal-breaker on a factor's own column (``commute_min`` over 90, say)
is kept or broken as that rating moves, so the rating may flip a verdict at the
rule's bound too: lifting the rule, or breaking it.

>>> import interview_lab as il
>>> changes = what_would_change(il.load_example_offers())
>>> list(changes.columns)
['offer', 'factor', 'current', 'needed', 'new_verdict', 'change', 'text']
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..core.i18n import Language, check_language, errors_in, text
from ..core.model import ACCEPT, VERDICT_DTYPE, VERDICTS, Model, check_model
from ..text.explain import format_number, verdict_label
from ._common import (
    Offers,
    Prepared,
    WeightsLike,
    any_broken,
    prepare,
    rechecked,
    scale_map,
    verdict_table,
)

#: Rating grid of :func:`what_would_change`, in each factor's own units: people rate in tenths.
RATING_RESOLUTION = 0.1


def _on_grid(value: np.ndarray, upwards: np.ndarray) -> np.ndarray:
    """Return the first rating-grid value at or beyond ``value`` in the direction of change."""
    steps = value / RATING_RESOLUTION
    snapped = np.where(upwards, np.ceil(steps - 1e-9), np.floor(steps + 1e-9))
    rounded: np.ndarray = np.round(snapped * RATING_RESOLUTION, 10)
    return rounded


def what_would_change(
    offers: Offers, weights: WeightsLike = None, lang: str = "en", *, model: Model | None = None
) -> pd.DataFrame:
    """For each offer, the smallest change of one rating that flips its verdict.

    Ratings are moved in tenths of their own units (:data:`RATING_RESOLUTION`), one
    at a time, the others and the weights fixed. Returns rows ``offer, factor,
    current, needed, new_verdict, change, text`` (ratings in the factor's own units):
    for each offer one row per factor that can flip it, smallest change first; an
    offer no single rating can flip gets one row with ``factor`` and ``needed``
    missing and a ``text`` that says so. The ``text`` of every row of an offer that
    breaks a deal-breaker starts with the rules that rule out "go" (see the module
    docs); its flips are those the rule leaves: keep in touch <-> decline, or a
    change of the rule's own column.
    """
    language = check_language(lang)
    with errors_in(language):
        return what_would_change_of(prepare(offers, weights, check_model(model)), language)


def what_would_change_of(p: Prepared, lang: str = "en") -> pd.DataFrame:
    """:func:`what_would_change` of offers and weights already prepared (internal).

    See "Internal entry points" in :mod:`interview_lab.analysis._common`.
    """
    language = check_language(lang)
    model = p.model
    values = p.values
    n = len(p.names)
    w = model.normalise(p.raw)
    verdict = verdict_table(model, p.cols, w, blocked=p.blocked)[0]
    score = model.scores(w, model.features(p.cols))[0]
    offset, per_unit = scale_map(model)
    # d score / d rating in each factor's own units.
    slopes = model.slopes(p.cols, w) * per_unit[:, None]
    lows = np.array([f.low for f in model.factors])
    highs = np.array([f.high for f in model.factors])
    in_touch = model.index[model.keep_in_touch] if model.keep_in_touch is not None else -1

    # Each factor's best candidate so far, per offer (needed NaN: none yet). The
    # candidates come in a fixed order (factor, root, then a step beyond it); a later
    # one wins only if it is nearer by more than rounding (1e-12).
    best_needed = np.full(values.shape, np.nan)
    best_new = np.zeros(values.shape, dtype=np.int8)
    best_distance = np.full(values.shape, np.inf)
    for j, name in enumerate(model.names):
        # Where to look: (target rating, whether it lies upwards), per offer.
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # a tiny slope
            root = values[j] + (model.accept_above - score) / slopes[j]
        # A root far beyond the scale ends at its bound below anyway: kept just outside
        # it, the grid arithmetic never meets huge numbers.
        root = np.where(np.isfinite(root), np.clip(root, lows[j] - 1.0, highs[j] + 1.0), root)
        roots = [(root, root > values[j])]
        if j == in_touch and w[j] > 0:
            line = np.full(n, (model.keep_in_touch_from - offset[j]) / per_unit[j])
            roots.append((line, line > values[j]))
        for rule in model.dealbreakers:  # a rule on this column: kept or broken at a bound
            if rule.column != name:
                continue
            if rule.max is not None:  # broken above max: go up past it, or down to it
                roots.append((np.full(n, float(rule.max)), values[j] <= rule.max))
            if rule.min is not None:  # broken below min: go up to it, or down past it
                roots.append((np.full(n, float(rule.min)), values[j] < rule.min))
        for target_root, towards in roots:
            finite = np.isfinite(target_root)
            target = np.where(finite, target_root, values[j])
            upwards = towards & finite
            tried = np.full(n, np.nan)
            for extra in (0.0, RATING_RESOLUTION):  # a root on the grid may not flip yet
                needed = _on_grid(target + np.where(upwards, extra, -extra), upwards)
                needed = np.clip(needed, lows[j], highs[j])
                distance = np.abs(needed - values[j])
                # Only a rating not tried yet can flip anew, and it only counts if it is
                # nearer than the best so far: without any such offer, nothing is moved.
                nearer = np.isnan(best_needed[j]) | (distance < best_distance[j] - 1e-12)
                if not np.any(finite & (needed != values[j]) & (needed != tried) & nearer):
                    continue
                tried = needed
                moved = values.copy()
                moved[j] = needed
                blocked = any_broken(rechecked(model, p.broken, name, needed))
                new = verdict_table(model, model.to_scale(moved), w, blocked=blocked)[0]
                wins = finite & (new != verdict) & (needed != values[j]) & nearer
                best_needed[j] = np.where(wins, needed, best_needed[j])
                best_new[j] = np.where(wins, new, best_new[j])
                best_distance[j] = np.where(wins, distance, best_distance[j])
    return _change_rows(p, language, verdict, best_needed, best_new, best_distance)


def _change_rows(
    p: Prepared,
    language: Language,
    verdict: np.ndarray,
    needed: np.ndarray,
    new: np.ndarray,
    distance: np.ndarray,
) -> pd.DataFrame:
    """Build the rows of :func:`what_would_change` from each factor's best flip (K, n).

    Per offer in input order, its flips nearest first (ties: table order), or one row
    that says no single rating flips it.
    """
    model, values = p.model, p.values
    flips = ~np.isnan(needed)
    factor_of, offer_of = np.nonzero(flips)
    (unflippable,) = np.nonzero(~flips.any(axis=0))
    offers = np.concatenate([offer_of, unflippable])
    factors = np.concatenate([factor_of, np.full(len(unflippable), -1)])
    nearness = np.concatenate([distance[factor_of, offer_of], np.zeros(len(unflippable))])
    order = np.lexsort((factors, nearness, offers))
    offers, factors = offers[order], factors[order]
    changes = factors >= 0
    rows = np.maximum(factors, 0)
    current = np.where(changes, values[rows, offers], np.nan)
    target = np.where(changes, needed[rows, offers], np.nan)
    codes = np.where(changes, new[rows, offers], -1)

    ruled_out = _ruled_out(model, p.broken, language)
    labels = [verdict_label(v, language) for v in VERDICTS]
    # Each sentence filled once per factor and new verdict, the numbers put in after.
    flip_pieces = {
        (j, code): text(
            "analysis.change.flip",
            language,
            factor=factor.text("short", language),
            verdict=labels[code],
            needed="\x00",
            current="\x01",
        )
        for j, factor in enumerate(model.factors)
        for code in range(len(VERDICTS))
    }
    nothing = [text("analysis.change.none", language, verdict=label) for label in labels]
    names = model.names
    numbers: dict[tuple[float, float], str] = {}  # each number formatted once (0 ≠ -0)

    def number(value: float) -> str:
        key = (value, math.copysign(1.0, value))
        if key not in numbers:
            numbers[key] = format_number(value, language)
        return numbers[key]

    texts = [
        ruled_out[k]
        + (
            flip_pieces[j, code].replace("\x00", number(x)).replace("\x01", number(c))
            if j >= 0
            else nothing[verdict[k]]
        )
        for k, j, x, c, code in zip(
            offers.tolist(),
            factors.tolist(),
            target.tolist(),
            current.tolist(),
            codes.tolist(),
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "offer": [p.names[k] for k in offers.tolist()],
            "factor": [names[j] if j >= 0 else None for j in factors.tolist()],
            "current": current,
            "needed": target,
            "new_verdict": pd.Categorical.from_codes(codes, dtype=VERDICT_DTYPE),
            "change": target - current,
            "text": texts,
        }
    )


def _ruled_out(model: Model, broken: np.ndarray, language: Language) -> list[str]:
    """Per offer, the sentences that open its rows: each deal-breaker it breaks (or "")."""
    go = verdict_label(VERDICTS[ACCEPT], language)
    sentences = [
        text(
            "analysis.change."
            + ("dealbreaker_own" if rule.column in model.index else "dealbreaker"),
            language,
            rule=rule.text(language),
            verdict=go,
        )
        for rule in model.dealbreakers
    ]
    return [
        "".join(f"{sentence} " for sentence, hit in zip(sentences, row, strict=True) if hit)
        for row in broken.tolist()
    ]


__all__ = ["RATING_RESOLUTION", "what_would_change"]
