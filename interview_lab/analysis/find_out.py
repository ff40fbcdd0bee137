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
from ..core.i18n import Language, Message, check_language, errors_in, message, text
from ..core.model import VERDICT_DTYPE, VERDICTS, Model, check_model
from ..core.offers import OFFER_COLUMN, Where, is_blank
from ..text.explain import format_number, verdict_label
from ._common import (
    Shown,
    WeightsLike,
    any_broken,
    dealbreakers_broken,
    raw_weights,
    verdict_table,
)

#: Grid points of :func:`what_to_find_out_first` in all (at most this many in total).
FIND_OUT_GRID = 200_000
#: Information (bits) below which an unknown is taken to make no difference: rounding.
INFORMATION_NONE = 1e-12


def _rating_ranges(
    offer: Mapping[str, Any], model: Model, problems: list[Message]
) -> dict[str, tuple[float, float]]:
    """Validate ratings that are numbers or (low, high) ranges on each factor's scale.

    Keys that are not factors of the model (an ``offer`` name, say) are ignored.
    Problems are added to ``problems``.
    """
    ranges: dict[str, tuple[float, float]] = {}
    for factor in model.factors:
        if factor.name not in offer:
            problems.append(message("analysis.error.rating_missing", factor=Shown(factor.name)))
            continue
        value = offer[factor.name]
        pair = _number_pair(value)
        if pair is None:
            problems.append(
                message(
                    "analysis.error.rating_not_range", factor=Shown(factor.name), value=Shown(value)
                )
            )
            continue
        low, high = pair
        if not factor.low <= low <= high <= factor.high:
            problems.append(
                message(
                    "analysis.error.rating_outside",
                    factor=Shown(factor.name),
                    value=Shown(value),
                    low=float(factor.low),
                    high=float(factor.high),
                )
            )
            continue
        ranges[factor.name] = (low, high)
    return ranges


def _dealbreaker_ranges(
    offer: Mapping[str, Any], model: Model, problems: list[Message]
) -> dict[str, tuple[float, float] | None]:
    """Values of the deal-breaker columns that are not factors: ``(low, high)``, or None.

    A number is a range of one value; a missing or blank value (None, NaN, "") is
    unknown, which is no breach (as in :func:`~interview_lab.evaluate`). A factor's
    column is read by :func:`_rating_ranges`. Problems are added to ``problems``.
    """
    values: dict[str, tuple[float, float] | None] = {}
    for rule in model.dealbreakers:
        column = rule.column
        if column in model.index or column in values:
            continue
        value = offer.get(column)
        if is_blank(value):
            values[column] = None
            continue
        pair = _number_pair(value)
        if pair is None:
            problems.append(
                message(
                    "analysis.error.dealbreaker_not_number",
                    column=Shown(column),
                    rule=_RuleText(rule.text("en"), rule.text("de")),
                    value=Shown(value),
                )
            )
        elif pair[0] > pair[1]:
            problems.append(
                message(
                    "analysis.error.dealbreaker_range", column=Shown(column), value=Shown(value)
                )
            )
        else:
            values[column] = pair
    return values


class _RuleText:
    """A deal-breaker's text in both languages, rendered in the message's language."""

    def __init__(self, en: str, de: str) -> None:
        self.texts = {"en": en, "de": de}

    def render(self, lang: str = "en") -> str:
        return self.texts.get(lang, self.texts["en"])


def _number_pair(value: object) -> tuple[float, float] | None:
    """``(low, high)`` of a finite number or a pair of them; None for anything else."""
    pair = tuple(value) if isinstance(value, list | tuple) else (value, value)
    numbers = [v for v in pair if isinstance(v, int | float) and not isinstance(v, bool)]
    if len(pair) != 2 or len(numbers) != 2 or not all(map(math.isfinite, numbers)):
        return None
    return float(numbers[0]), float(numbers[1])


def _blocked(model: Model, grid: Mapping[str, np.ndarray], size: int) -> np.ndarray | None:
    """Which grid points break a deal-breaker (size,); a column not on the grid is unknown."""
    if not model.dealbreakers:
        return None
    columns = {rule.column: grid.get(rule.column) for rule in model.dealbreakers}
    table = pd.DataFrame(
        {
            OFFER_COLUMN: np.arange(size),
            **{c: np.full(size, np.nan) if v is None else v for c, v in columns.items()},
        }
    )
    return any_broken(dealbreakers_broken(model, table, Where(source="offer")))


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

    Deal-breakers: an offer that breaks one is never ``accept``. A rule on a factor
    is checked at each rating of its range. A rule on another column is checked if
    ``offer`` has that column: a number, or a ``(low, high)`` range (in the column's
    own units), which is an unknown like the ratings, uniform over the range and
    ranked with them (its row's ``factor`` is the column); a missing or blank
    (None) value is unknown and, as in :func:`~interview_lab.evaluate`, no breach.
    """
    language = check_language(lang)
    with errors_in(language):
        return _what_to_find_out_first(offer, weights, language, check_model(model))


def _what_to_find_out_first(
    offer: Mapping[str, Any], weights: WeightsLike, language: Language, model: Model
) -> pd.DataFrame:
    problems: list[Message] = []
    ranges: dict[str, tuple[float, float]] = dict(_rating_ranges(offer, model, problems))
    for column, value in _dealbreaker_ranges(offer, model, problems).items():
        if value is not None:
            ranges[column] = value
    if problems:
        raise OfferDataError(problems)
    w = model.normalise(raw_weights(weights, model))
    unknown = [name for name, (low, high) in ranges.items() if high > low]
    points = max(3, min(41, int(FIND_OUT_GRID ** (1 / max(len(unknown), 1)))))
    axes = [
        np.linspace(low, high, points) if name in unknown else np.array([low])
        for name, (low, high) in ranges.items()
    ]
    mesh = np.meshgrid(*axes, indexing="ij")
    grid = {name: m.ravel() for name, m in zip(ranges, mesh, strict=True)}
    values = np.stack([grid[name] for name in model.names])
    blocked = _blocked(model, grid, values.shape[1])
    codes = verdict_table(model, model.to_scale(values), w, blocked=blocked)[0]
    codes = codes.reshape(mesh[0].shape)
    one_hot = np.stack([codes == c for c in range(len(VERDICTS))], axis=-1).astype(float)
    overall = one_hot.reshape(-1, len(VERDICTS)).mean(axis=0)
    today = int(np.argmax(overall))  # ties go to the more cautious verdict
    entropy = float(_entropy(overall))
    rows = []
    for name in unknown:
        j = list(ranges).index(name)
        other_axes = tuple(k for k in range(len(ranges)) if k != j)
        conditional = one_hot.mean(axis=other_axes)  # (points, verdicts)
        information = max(0.0, entropy - float(_entropy(conditional).mean()))
        best = np.argmax(conditional, axis=1)
        p_change = float((best != today).mean())
        low, high = ranges[name]
        fill = {
            "factor": model.factor(name).text("short", language) if name in model.index else name,
            "low": format_number(low, language),
            "high": format_number(high, language),
            "at_low": verdict_label(VERDICTS[best[0]], language),
            "at_high": verdict_label(VERDICTS[best[-1]], language),
            "p": p_change,
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
                "text": text(f"analysis.find_out.{wording}", language, **fill),
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
