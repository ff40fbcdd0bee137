"""Uncertain ratings: which one to find out first.

>>> found = what_to_find_out_first(
...     {"interest": 5, "practice": 5, "surprise": 5, "doors": 3,
...      "time_cost": (0, 10), "confusion": 3})
>>> found["factor"].tolist()
['time_cost']
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..core.errors import OfferDataError
from ..core.factors import check_language
from ..core.model import VERDICT_DTYPE, VERDICTS, Model, check_model
from ..text.explain import format_number, verdict_label
from ._common import TEXT, WeightsLike, percent, raw_weights, verdict_table

#: Grid points of :func:`what_to_find_out_first` in all (at most this many in total).
FIND_OUT_GRID = 200_000
#: Information (bits) below which an unknown is taken to make no difference: rounding.
INFORMATION_NONE = 1e-12


def _rating_ranges(offer: Mapping[str, Any], model: Model) -> dict[str, tuple[float, float]]:
    """Validate ratings that are numbers or (low, high) ranges on each factor's scale.

    Keys that are not factors of the model (an ``offer`` name, say) are ignored.
    """
    problems: list[str] = []
    ranges: dict[str, tuple[float, float]] = {}
    for factor in model.factors:
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
    offer: Mapping[str, Any],
    weights: WeightsLike = None,
    lang: str = "en",
    *,
    model: Model | None = None,
) -> pd.DataFrame:
    """Which uncertain rating, if the client found it out, would most change the verdict.

    ``offer`` maps each factor of the model to a rating or a ``(low, high)`` range on
    the factor's own scale (e.g. ``"surprise": (3, 8)``); an unknown is taken as
    uniform over its range, all independent, on an even grid that includes both
    ends. For each unknown, the rows give ``factor, low, high``, ``information``
    (bits the rating carries about the verdict: the mutual information),
    ``p_change`` (the probability that knowing it changes today's most likely
    answer), ``at_low, at_high`` (the most likely verdict with the rating at either
    end) and ``text``; the most informative first. ``attrs`` holds today's most
    likely ``verdict`` and the ``probabilities`` of all three.
    """
    language = check_language(lang)
    model = check_model(model)
    ranges = _rating_ranges(offer, model)
    w = model.normalise(raw_weights(weights, model))
    unknown = [name for name, (low, high) in ranges.items() if high > low]
    points = max(3, min(41, int(FIND_OUT_GRID ** (1 / max(len(unknown), 1)))))
    axes = [
        np.linspace(low, high, points) if name in unknown else np.array([low])
        for name, (low, high) in ranges.items()
    ]
    mesh = np.meshgrid(*axes, indexing="ij")
    values = np.stack([m.ravel() for m in mesh])
    codes = verdict_table(model, model.to_scale(values), w)[0].reshape(mesh[0].shape)
    one_hot = np.stack([codes == c for c in range(len(VERDICTS))], axis=-1).astype(float)
    overall = one_hot.reshape(-1, len(VERDICTS)).mean(axis=0)
    today = int(np.argmax(overall))  # ties go to the more cautious verdict
    entropy = float(_entropy(overall))
    text = TEXT[language]
    rows = []
    for name in unknown:
        j = model.index[name]
        other_axes = tuple(k for k in range(len(model)) if k != j)
        conditional = one_hot.mean(axis=other_axes)  # (points, verdicts)
        information = max(0.0, entropy - float(_entropy(conditional).mean()))
        best = np.argmax(conditional, axis=1)
        p_change = float((best != today).mean())
        low, high = ranges[name]
        fill = {
            "factor": model.factor(name).text("short", language),
            "low": format_number(low, language),
            "high": format_number(high, language),
            "at_low": verdict_label(VERDICTS[best[0]], language),
            "at_high": verdict_label(VERDICTS[best[-1]], language),
            "p": percent(p_change, language),
            "verdict": verdict_label(VERDICTS[today], language),
        }
        wording = _find_out_wording(information, int(best[0]), int(best[-1]), p_change)
        rows.append(
            {
                "factor": name,
                "low": low,
                "high": high,
                "information": information,
                "p_change": p_change,
                "at_low": VERDICTS[best[0]],
                "at_high": VERDICTS[best[-1]],
                "text": text[wording].format(**fill),
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


__all__ = ["FIND_OUT_GRID", "INFORMATION_NONE", "what_to_find_out_first"]
