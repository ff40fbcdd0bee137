"""interview_lab: should I go to this interview? An explicit, tunable answer.

A transparent, tunable model of the decision: three reasons to go (practice,
surprise, doors), each cancelled by its caveat (time cost, confusion, low interest),
plus how much you want the role. See :mod:`interview_lab.core.model` for the formula.

>>> import interview_lab as il
>>> result = il.evaluate(il.load_example_offers())
>>> sorted(result["verdict"].unique())
['accept', 'decline', 'decline_keep_in_touch']

Importing the package loads only numpy and pandas; charts and widgets (plotly,
ipywidgets) are imported lazily by their own modules.
"""

from __future__ import annotations

from .analysis.budget import DEFAULT_PREP_HOURS, plan
from .analysis.evaluate import evaluate, resolve_weights
from .core import __version__
from .core.errors import (
    BudgetError,
    InterviewLabError,
    ModelError,
    OfferDataError,
    PresetError,
    WeightsError,
)
from .core.factors import Factor
from .core.i18n import LANGUAGES
from .core.model import (
    DEFAULT_MODEL,
    DEFAULT_WEIGHTS,
    FACTOR_NAMES,
    FACTORS,
    RESULT_COLUMNS,
    VERDICTS,
    Model,
    factor_table,
)
from .core.model_file import load_model
from .io.offers import load_example_offers, load_offers, random_offers, save_offers, validate_offers
from .io.presets import Preset, load_presets, load_weights, preset_weights
from .text.advice import advice
from .text.replies import ReplyTemplateError, draft_reply, follow_up_checklist, starter_templates

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_PREP_HOURS",
    "DEFAULT_WEIGHTS",
    "FACTORS",
    "FACTOR_NAMES",
    "LANGUAGES",
    "RESULT_COLUMNS",
    "VERDICTS",
    "BudgetError",
    "Factor",
    "InterviewLabError",
    "Model",
    "ModelError",
    "OfferDataError",
    "Preset",
    "PresetError",
    "ReplyTemplateError",
    "WeightsError",
    "__version__",
    "advice",
    "draft_reply",
    "evaluate",
    "factor_table",
    "follow_up_checklist",
    "load_example_offers",
    "load_model",
    "load_offers",
    "load_presets",
    "load_weights",
    "plan",
    "preset_weights",
    "random_offers",
    "resolve_weights",
    "save_offers",
    "starter_templates",
    "validate_offers",
]
