"""Plotly charts of evaluated offers, plans and the coach analyses (plotly loads lazily).

* :mod:`.common`: escaping user text, the verdict palette, the model a table was
  made with;
* :mod:`.live`: chart specs into figures, and :class:`LiveChart`, which redraws a
  ``FigureWidget`` in place;
* :mod:`.comparison`: contributions, profile, ranking, benefit/cost, waterfall and
  plan charts;
* :mod:`.coach`: tornado, stability, rank acceptability, verdict probability and
  personas charts.

Every chart function takes ``lang`` and ``model=`` (default: the model the table
was evaluated with, else :data:`interview_lab.DEFAULT_MODEL`); factor colours,
labels and order come from the model.
"""

from __future__ import annotations

from .coach import (
    COACH_SPECS,
    acceptability_chart,
    personas_chart,
    stability_chart,
    tornado_chart,
    verdict_probability_chart,
)
from .common import VERDICT_COLOURS, chart_model, escape
from .comparison import (
    ACTION_COLOURS,
    SPECS,
    ChartData,
    benefit_cost,
    benefit_cost_chart,
    close_call_text,
    contributions_chart,
    plan_chart,
    profile_chart,
    ranking_chart,
    waterfall_chart,
)
from .live import LiveChart, Spec, SpecFunction, figure_from_spec

__all__ = [
    "ACTION_COLOURS",
    "COACH_SPECS",
    "SPECS",
    "VERDICT_COLOURS",
    "ChartData",
    "LiveChart",
    "Spec",
    "SpecFunction",
    "acceptability_chart",
    "benefit_cost",
    "benefit_cost_chart",
    "chart_model",
    "close_call_text",
    "contributions_chart",
    "escape",
    "figure_from_spec",
    "personas_chart",
    "plan_chart",
    "profile_chart",
    "ranking_chart",
    "stability_chart",
    "tornado_chart",
    "verdict_probability_chart",
    "waterfall_chart",
]
