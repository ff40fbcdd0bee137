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

Language = Literal["en", "de"]
LANGUAGES: tuple[Language, ...] = ("en", "de")

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


def _texts(en: str, de: str) -> Mapping[Language, str]:
    return MappingProxyType({"en": en, "de": de})


#: The six factors of the domain (shared/domain.md), in table order.
DEFAULT_FACTORS: tuple[Factor, ...] = (
    Factor(
        name="interest",
        weight=3.5,
        colour="#AA3377",
        neutral=5.0,
        direction="benefit",
        label=_texts("Interest in the role", "Interesse an der Stelle"),
        short=_texts("interest", "Interesse"),
        question=_texts(
            "How much do you want this particular role?",
            "Wie sehr möchten Sie genau diese Stelle?",
        ),
        help_low=_texts("0 = I would never take it", "0 = würde ich nie annehmen"),
        help_high=_texts("10 = exactly what I want", "10 = genau das, was ich will"),
    ),
    Factor(
        name="practice",
        weight=2.5,
        colour="#4477AA",
        cancelled_by="time_cost",
        direction="benefit",
        label=_texts("Interview practice", "Interview-Übung"),
        short=_texts("practice", "Übung"),
        question=_texts(
            "How much would this interview sharpen your interviewing?",
            "Wie sehr würde Sie dieses Gespräch für künftige Interviews schulen?",
        ),
        help_low=_texts("0 = I would learn nothing", "0 = ich würde nichts lernen"),
        help_high=_texts(
            "10 = I am rusty, this is exactly the rehearsal I need",
            "10 = ich bin eingerostet, genau diese Übung brauche ich",
        ),
    ),
    Factor(
        name="surprise",
        weight=1.5,
        colour="#CCBB44",
        cancelled_by="confusion",
        direction="benefit",
        label=_texts("Chance of a pleasant surprise", "Chance auf eine positive Überraschung"),
        short=_texts("surprise", "Überraschung"),
        question=_texts(
            "How likely is the role better than the description makes it look?",
            "Wie wahrscheinlich ist die Stelle besser, als die Ausschreibung vermuten lässt?",
        ),
        help_low=_texts("0 = it is exactly what it says", "0 = sie ist genau, was dort steht"),
        help_high=_texts(
            "10 = vague description or unknown company, could be a great fit",
            "10 = vage Ausschreibung oder unbekannte Firma, könnte sehr gut passen",
        ),
    ),
    Factor(
        name="doors",
        weight=2.0,
        colour="#66CCEE",
        cancelled_by="interest",
        direction="benefit",
        label=_texts("Doors it could open", "Türen, die sich öffnen könnten"),
        short=_texts("doors", "Türen"),
        question=_texts(
            "How likely does it lead to other roles or useful contacts at the company?",
            "Wie wahrscheinlich führt es zu anderen Stellen oder nützlichen Kontakten dort?",
        ),
        help_low=_texts("0 = a dead end", "0 = eine Sackgasse"),
        help_high=_texts(
            "10 = the recruiter fills many roles at a company I admire",
            "10 = die Personalerin besetzt viele Stellen bei einer Firma, die ich schätze",
        ),
    ),
    Factor(
        name="time_cost",
        weight=3.0,
        colour="#EE6677",
        direction="cost",
        label=_texts("Cost in time and absence", "Aufwand an Zeit und Abwesenheit"),
        short=_texts("time cost", "Zeitaufwand"),
        question=_texts(
            "How much does going cost you in preparation time and absence from work?",
            "Wie viel kostet Sie das Gespräch an Vorbereitungszeit und Abwesenheit?",
        ),
        help_low=_texts("0 = costs me nothing", "0 = kostet mich nichts"),
        help_high=_texts(
            "10 = I cannot afford the time or the absence",
            "10 = die Zeit oder die Abwesenheit kann ich mir nicht leisten",
        ),
    ),
    Factor(
        name="confusion",
        weight=1.5,
        colour="#BBBBBB",
        direction="cost",
        label=_texts("Risk of more confusion", "Gefahr zusätzlicher Verwirrung"),
        short=_texts("confusion", "Verwirrung"),
        question=_texts(
            "How torn are you already between other options?",
            "Wie hin- und hergerissen sind Sie schon zwischen anderen Optionen?",
        ),
        help_low=_texts("0 = clear head", "0 = klarer Kopf"),
        help_high=_texts(
            "10 = already torn between several options",
            "10 = schon zwischen mehreren Optionen hin- und hergerissen",
        ),
    ),
)


def check_language(lang: str) -> Language:
    """Return ``lang`` if it is a supported language, else raise a clear ``ValueError``."""
    if lang == "en":
        return "en"
    if lang == "de":
        return "de"
    raise ValueError(f"lang must be one of {list(LANGUAGES)}, got {lang!r}.")


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

    def problems(self, where: str) -> Iterator[str]:
        """Every reason this rule is not valid, for a model's structure check."""
        if not isinstance(self.column, str) or not self.column.strip():
            yield f"{where}: 'column' must name a column of the offers"
        bounds = {"min": self.min, "max": self.max}
        if all(value is None for value in bounds.values()):
            yield f"{where}: give 'min', 'max' or both (numbers in the column's own units)"
        for key, value in bounds.items():
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
            ):
                yield f"{where}: {key!r} must be a finite number, got {value!r}"
        if (
            isinstance(self.min, int | float)
            and isinstance(self.max, int | float)
            and self.min > self.max
        ):
            yield f"{where}: 'min' ({self.min:g}) is above 'max' ({self.max:g})"
