"""The factor table: the one place that says what each rating means.

Validation, the model, slider bounds, chart labels, questions and tests all read
:data:`FACTORS`; nothing else in the package spells out a factor's range or label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import pandas as pd

Language = Literal["en", "de"]
LANGUAGES: tuple[Language, ...] = ("en", "de")

Direction = Literal["benefit", "cost"]
Role = Literal["baseline", "reason", "caveat"]

RATING_MIN = 0.0
RATING_MAX = 10.0
#: Bounds of the priority (weight) sliders; any non-negative weight is valid in code.
WEIGHT_SLIDER_MAX = 5.0


@dataclass(frozen=True)
class Factor:
    """One rating column of an offer and everything the tool says about it.

    ``pairs_with`` names the other half of a reason/caveat pair: the caveat that
    cancels a reason, or the reason a caveat cancels. ``cancels_when_low`` is True
    for the one caveat that bites when its rating is *low* (low interest is the
    time-waster risk that cancels doors).
    """

    name: str
    direction: Direction
    role: Role
    pairs_with: str | None
    cancels_when_low: bool
    label: Mapping[Language, str]
    short: Mapping[Language, str]
    question: Mapping[Language, str]
    help_low: Mapping[Language, str]
    help_high: Mapping[Language, str]
    low: float = RATING_MIN
    high: float = RATING_MAX
    weight_max: float = WEIGHT_SLIDER_MAX

    def text(
        self,
        field: Literal["label", "short", "question", "help_low", "help_high"],
        lang: str,
    ) -> str:
        """Return one of the factor's texts in ``lang`` (``"en"`` or ``"de"``)."""
        texts: Mapping[Language, str] = getattr(self, field)
        return texts[check_language(lang)]


def _texts(en: str, de: str) -> Mapping[Language, str]:
    return MappingProxyType({"en": en, "de": de})


FACTORS: tuple[Factor, ...] = (
    Factor(
        name="interest",
        direction="benefit",
        role="baseline",
        pairs_with="doors",
        cancels_when_low=True,
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
        direction="benefit",
        role="reason",
        pairs_with="time_cost",
        cancels_when_low=False,
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
        direction="benefit",
        role="reason",
        pairs_with="confusion",
        cancels_when_low=False,
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
        direction="benefit",
        role="reason",
        pairs_with="interest",
        cancels_when_low=False,
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
        direction="cost",
        role="caveat",
        pairs_with="practice",
        cancels_when_low=False,
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
        direction="cost",
        role="caveat",
        pairs_with="surprise",
        cancels_when_low=False,
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

FACTOR_NAMES: tuple[str, ...] = tuple(factor.name for factor in FACTORS)
FACTORS_BY_NAME: Mapping[str, Factor] = MappingProxyType({f.name: f for f in FACTORS})

#: The three reasons to go, each with the caveat that cancels it (domain.md).
REASON_CAVEAT_PAIRS: tuple[tuple[str, str], ...] = (
    ("practice", "time_cost"),
    ("surprise", "confusion"),
    ("doors", "interest"),
)


def check_language(lang: str) -> Language:
    """Return ``lang`` if it is a supported language, else raise a clear ``ValueError``."""
    if lang == "en":
        return "en"
    if lang == "de":
        return "de"
    raise ValueError(f"lang must be one of {list(LANGUAGES)}, got {lang!r}.")


def factor_table(lang: str = "en") -> pd.DataFrame:
    """Return the factor table as a DataFrame, one row per factor, texts in ``lang``.

    Columns: ``factor, direction, role, pairs_with, low, high, label, short, question,
    help_low, help_high``.
    """
    check_language(lang)
    return pd.DataFrame(
        [
            {
                "factor": f.name,
                "direction": f.direction,
                "role": f.role,
                "pairs_with": f.pairs_with,
                "low": f.low,
                "high": f.high,
                "label": f.text("label", lang),
                "short": f.text("short", lang),
                "question": f.text("question", lang),
                "help_low": f.text("help_low", lang),
                "help_high": f.text("help_high", lang),
            }
            for f in FACTORS
        ]
    )
