"""The factor table of the default model: what each rating means, in both languages.

A :class:`Factor` is one rating column and everything said about it: direction,
scale, default priority, the factor that cancels it, its colour and its texts.
:class:`interview_lab.Model` holds a tuple of them; nothing else in the package
spells out a factor's range, pairing, weight, colour or label.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from .i18n import Language, Message, check_language, message, texts
from .wording import shown

Direction = Literal["benefit", "cost"]
TextField = Literal["label", "short", "question", "help_low", "help_high"]

#: Every rating is mapped onto this scale before it is scored.
RATING_MIN = 0.0
RATING_MAX = 10.0
#: Default upper bound of a priority (weight) slider; any non-negative weight is valid in code.
WEIGHT_SLIDER_MAX = 5.0


@dataclass(frozen=True)
class Factor:
    """One rating column of an invitation and everything the tool says about it.

    ``cancelled_by`` names the factor that cancels this one (a reason's caveat): a
    cost cancels it the higher it is rated, a benefit the lower (low interest
    cancels doors). ``neutral`` is the rating that neither speaks for nor against
    going (5 for interest, 0 for the reasons and costs). ``low``/``high`` are the
    column's own scale, mapped onto 0-10 before scoring.
    """

    name: str
    direction: Direction
    weight: float
    colour: str
    label: Mapping[Language, str]
    short: Mapping[Language, str]
    question: Mapping[Language, str]
    help_low: Mapping[Language, str]
    help_high: Mapping[Language, str]
    cancelled_by: str | None = None
    neutral: float = 0.0
    low: float = RATING_MIN
    high: float = RATING_MAX
    weight_max: float = WEIGHT_SLIDER_MAX

    def text(self, field: TextField, lang: str) -> str:
        """Return one of the factor's texts in ``lang`` (``"en"`` or ``"de"``)."""
        texts: Mapping[Language, str] = getattr(self, field)
        return texts[check_language(lang)]


#: Name, default weight, colour, neutral rating, direction and caveat of the six factors of
#: the domain (shared/domain.md), in table order; their texts are in the catalogue
#: (``core/catalogue/factors.toml``).
_DEFAULTS: tuple[tuple[str, float, str, float, Direction, str | None], ...] = (
    ("interest", 3.5, "#AA3377", 5.0, "benefit", None),
    ("practice", 2.5, "#4477AA", 0.0, "benefit", "time_cost"),
    ("surprise", 1.5, "#CCBB44", 0.0, "benefit", "confusion"),
    ("doors", 2.0, "#66CCEE", 0.0, "benefit", "interest"),
    ("time_cost", 3.0, "#EE6677", 0.0, "cost", None),
    ("confusion", 1.5, "#BBBBBB", 0.0, "cost", None),
)


def _catalogue_factor(
    name: str, weight: float, colour: str, neutral: float, direction: Direction, caveat: str | None
) -> Factor:
    fields = {
        part: MappingProxyType(texts(f"factors.{name}.{part}"))
        for part in ("label", "short", "question", "help_low", "help_high")
    }
    return Factor(
        name=name,
        weight=weight,
        colour=colour,
        neutral=neutral,
        direction=direction,
        cancelled_by=caveat,
        **fields,  # type: ignore[arg-type]
    )


#: The six factors of the domain, in table order.
DEFAULT_FACTORS: tuple[Factor, ...] = tuple(_catalogue_factor(*row) for row in _DEFAULTS)


@dataclass(frozen=True)
class Dealbreaker:
    """One hard limit on a numeric column: below ``min`` or above ``max`` breaks it."""

    column: str
    label: Mapping[Language, str]
    min: float | None = None
    max: float | None = None

    def text(self, lang: str) -> str:
        """Return the rule's label in ``lang`` (what the person reads when it is broken)."""
        return self.label[check_language(lang)]

    def problems(self, where: object) -> Iterator[Message]:
        """Every reason this rule is not valid, for a model's structure check.

        ``where`` names the rule (a :class:`~interview_lab.core.i18n.Message` or a text).
        """
        if not isinstance(self.column, str) or not self.column.strip():
            yield message("core.dealbreakers.no_column_named", where=where)
        bounds = {"min": self.min, "max": self.max}
        if all(value is None for value in bounds.values()):
            yield message("core.dealbreakers.no_bounds", where=where)
        for key, value in bounds.items():
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
            ):
                yield message(
                    "core.dealbreakers.bound_not_finite", where=where, key=key, value=shown(value)
                )
        if (
            isinstance(self.min, int | float)
            and isinstance(self.max, int | float)
            and self.min > self.max
        ):
            yield message(
                "core.dealbreakers.min_above_max", where=where, low=self.min, high=self.max
            )
