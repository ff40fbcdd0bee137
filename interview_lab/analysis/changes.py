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

import numpy as np
import pandas as pd

from ..core.factors import Language, check_language
from ..core.model import ACCEPT, VERDICT_DTYPE, VERDICTS, Model, check_model
from ..text.explain import format_number, verdict_label
from ._common import (
    TEXT,
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

    candidates = []  # (factor j, needed (n,), new code (n,))
    for j, name in enumerate(model.names):
        # Where to look: (target rating, whether it lies upwards), per offer.
        with np.errstate(divide="ignore", invalid="ignore"):
            root = values[j] + (model.accept_above - score) / slopes[j]
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
            for extra in (0.0, RATING_RESOLUTION):  # a root on the grid may not flip yet
                needed = _on_grid(target + np.where(upwards, extra, -extra), upwards)
                needed = np.clip(needed, lows[j], highs[j])
                moved = values.copy()
                moved[j] = needed
                blocked = any_broken(rechecked(model, p.broken, name, needed))
                new = verdict_table(model, model.to_scale(moved), w, blocked=blocked)[0]
                flips = finite & (new != verdict) & (needed != values[j])
                candidates.append((j, np.where(flips, needed, np.nan), new))

    ruled_out = _ruled_out(model, p.broken, language)
    text = TEXT[language]
    rows = []
    for k, name in enumerate(p.names):
        best: dict[int, tuple[float, int]] = {}
        for j, needed, new in candidates:
            if np.isnan(needed[k]):
                continue
            distance = abs(needed[k] - values[j, k])
            if j not in best or distance < abs(best[j][0] - values[j, k]) - 1e-12:
                best[j] = (float(needed[k]), int(new[k]))
        if not best:
            rows.append(
                {
                    "offer": name,
                    "factor": None,
                    "current": np.nan,
                    "needed": np.nan,
                    "new_verdict": None,
                    "change": np.nan,
                    "text": ruled_out[k]
                    + text["none"].format(verdict=verdict_label(VERDICTS[verdict[k]], language)),
                }
            )
            continue
        for j, (needed_value, new_code) in sorted(
            best.items(), key=lambda item: (abs(item[1][0] - values[item[0], k]), item[0])
        ):
            factor = model.factors[j]
            current = float(values[j, k])
            rows.append(
                {
                    "offer": name,
                    "factor": factor.name,
                    "current": current,
                    "needed": needed_value,
                    "new_verdict": VERDICTS[new_code],
                    "change": needed_value - current,
                    "text": ruled_out[k]
                    + text["change"].format(
                        factor=factor.text("short", language),
                        needed=format_number(needed_value, language),
                        current=format_number(current, language),
                        verdict=verdict_label(VERDICTS[new_code], language),
                    ),
                }
            )
    result = pd.DataFrame(rows)
    result["new_verdict"] = result["new_verdict"].astype(VERDICT_DTYPE)
    return result


def _ruled_out(model: Model, broken: np.ndarray, language: Language) -> list[str]:
    """Per offer, the sentences that open its rows: each deal-breaker it breaks (or "")."""
    text = TEXT[language]
    go = verdict_label(VERDICTS[ACCEPT], language)
    sentences = [
        text["dealbreaker_own" if rule.column in model.index else "dealbreaker"].format(
            rule=rule.text(language), verdict=go
        )
        for rule in model.dealbreakers
    ]
    return [
        "".join(f"{sentence} " for sentence, hit in zip(sentences, row, strict=True) if hit)
        for row in broken.tolist()
    ]


__all__ = ["RATING_RESOLUTION", "what_would_change"]
