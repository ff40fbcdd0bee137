"""Priorities (weights): the one rule that checks them, for any model's factors.

>>> check_weights({"b": -1}, ("a", "b"), {"a": 1.0, "b": 1.0})
Traceback (most recent call last):
...
interview_lab.core.errors.WeightsError: weights: 'b' must be a number >= 0, got -1.
>>> check_weights({"c": 2}, ("a", "b"), {"a": 1.0, "b": 1.0})
Traceback (most recent call last):
...
interview_lab.core.errors.WeightsError: weights: unknown factor 'c'; expected one of 'a', 'b'.

The messages are catalogue texts (``core.weights.*``): ``error.render("de")`` is German.
A weight is named by its key as the caller wrote it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence

from .errors import WeightsError
from .i18n import Message, message
from .wording import quoted_all, shown

#: The largest total weight: beyond it a sum of weights could overflow to infinity.
WEIGHT_TOTAL_MAX = 1e300


def check_weights(
    weights: Mapping[str, object] | None,
    names: Sequence[str],
    defaults: Mapping[str, float],
    source: object = "weights",
) -> dict[str, float]:
    """Return complete weights (every factor, in ``names`` order), or raise ``WeightsError``.

    Factors left out of ``weights`` keep their value in ``defaults``. Weights are
    non-negative numbers on any scale; at least one must be above zero. ``source``
    names where the weights come from (a file name, or a :class:`Message`); the
    default ``"weights"`` reads as the word in the caller's language.
    """
    origin = message("core.where.weights") if source == "weights" else source
    base = {name: float(defaults[name]) for name in names}
    if weights is None:
        weights = {}
    if not isinstance(weights, Mapping):
        raise WeightsError(
            message(
                "core.weights.not_a_mapping",
                source=origin,
                example=names[-1],
                kind=type(weights).__name__,
            )
        )
    problems: list[Message] = []
    for key, value in weights.items():
        if key not in base:
            problems.append(
                message(
                    "core.weights.unknown_factor",
                    source=origin,
                    key=str(key),
                    names=quoted_all(names),
                )
            )
            continue
        number = _weight_value(value)
        if number is None:
            problems.append(
                message("core.weights.not_a_weight", source=origin, key=key, value=shown(value))
            )
        else:
            base[key] = number
    if problems:
        raise WeightsError(problems)
    if not any(value > 0 for value in base.values()):
        raise WeightsError(message("core.weights.all_zero", source=origin))
    if math.fsum(value / WEIGHT_TOTAL_MAX for value in base.values()) > 1:  # no overflow
        raise WeightsError(message("core.weights.too_large", source=origin, limit=WEIGHT_TOTAL_MAX))
    return base


def _weight_value(value: object) -> float | None:
    """Return a valid weight as float, or None if it is not a finite number >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    if not math.isfinite(number) or number < 0:
        return None
    return number
