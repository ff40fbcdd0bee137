"""Priorities (weights): the one rule that checks them, for any model's factors.

>>> check_weights({"b": -1}, ("a", "b"), {"a": 1.0, "b": 1.0})
Traceback (most recent call last):
...
interview_lab.core.errors.WeightsError: weights: 'b' must be a number >= 0, got -1.
>>> check_weights({"c": 2}, ("a", "b"), {"a": 1.0, "b": 1.0})
Traceback (most recent call last):
...
interview_lab.core.errors.WeightsError: weights: unknown factor 'c'; expected one of ['a', 'b'].
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence

from .errors import WeightsError

#: The largest total weight: beyond it a sum of weights could overflow to infinity.
WEIGHT_TOTAL_MAX = 1e300


def check_weights(
    weights: Mapping[str, object] | None,
    names: Sequence[str],
    defaults: Mapping[str, float],
    source: str = "weights",
) -> dict[str, float]:
    """Return complete weights (every factor, in ``names`` order), or raise ``WeightsError``.

    Factors left out of ``weights`` keep their value in ``defaults``. Weights are
    non-negative numbers on any scale; at least one must be above zero.
    """
    base = {name: float(defaults[name]) for name in names}
    if weights is None:
        weights = {}
    if not isinstance(weights, Mapping):
        raise WeightsError(
            f"{source}: expected a mapping factor -> weight, e.g. {{'{names[-1]}': 3}}, "
            f"got {type(weights).__name__}."
        )
    problems: list[str] = []
    for key, value in weights.items():
        if key not in base:
            problems.append(f"{source}: unknown factor {key!r}; expected one of {list(names)}")
            continue
        number = _weight_value(value)
        if number is None:
            problems.append(f"{source}: {key!r} must be a number >= 0, got {value!r}")
        else:
            base[key] = number
    if problems:
        raise WeightsError([p + "." for p in problems])
    if not any(value > 0 for value in base.values()):
        raise WeightsError(
            f"{source}: all weights are zero; give at least one factor a weight above 0."
        )
    if math.fsum(value / WEIGHT_TOTAL_MAX for value in base.values()) > 1:  # no overflow
        raise WeightsError(
            f"{source}: the weights add up to more than {WEIGHT_TOTAL_MAX:g}; only their "
            "ratios matter, so divide them all by the same number."
        )
    return base


def _weight_value(value: object) -> float | None:
    """Return a valid weight as float, or None if it is not a finite number >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    if not math.isfinite(number) or number < 0:
        return None
    return number
