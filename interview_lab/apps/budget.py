"""The interview-budget app: two limits, the priorities, and the plan they give.

    app = budget(il.load_example_offers(), hours=10, interviews=2)
    app.hours.value = 6
    app.result.loc[app.result["chosen"], "offer"]

As in :mod:`interview_lab.apps.compare`, every widget is an attribute, so a plain
test can move a slider and check ``app.result``, ``app.figures["plan"]`` and
``app.table``; the priority sliders follow the app's model (``model=``). The plan
never chooses an offer that breaks one of the model's deal-breakers; its row is
marked and says which rule rules it out ("out: deal-breaker: …").
"""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from ..analysis.budget import check_hours, check_interviews, plan
from ..charts.common import broken_rules, escape
from ..charts.comparison import ACTION_TEXT_COLOURS, SPECS
from ..core.i18n import errors_in, text
from ..core.model import Model
from ..io.offers import load_offers
from .base import (
    CONTROL_LOOK,
    DEALBREAKER_MARK,
    ChartPanel,
    PrioritiesApp,
    html_table,
    libraries,
)

#: Range of the hours slider (wider when the starting value is larger).
HOURS_SLIDER_MAX = 40.0
#: Step of the hours slider: half an hour.
HOURS_SLIDER_STEP = 0.5


class BudgetApp(PrioritiesApp):
    """Choose invitations within an hours and an interviews limit; see :func:`budget`."""

    AREA = "budget"

    def __init__(
        self,
        offers: pd.DataFrame | str | PathLike[str],
        hours: float = 10.0,
        interviews: int = 2,
        weights: Mapping[str, object] | None = None,
        lang: str = "en",
        *,
        model: Model | None = None,
    ) -> None:
        widgets = libraries()
        self._init_priorities(weights, lang, model)
        with errors_in(lang):
            start_hours, start_interviews = check_hours(hours), check_interviews(interviews)
        self.offers = load_offers(offers, self.model)
        self.hours = widgets.FloatSlider(
            value=start_hours,
            min=0.0,
            max=max(HOURS_SLIDER_MAX, start_hours),
            step=HOURS_SLIDER_STEP,
            readout_format=".1f",
            continuous_update=True,
            **CONTROL_LOOK,
        )
        self.interviews = widgets.IntSlider(
            value=start_interviews,
            min=0,
            max=max(len(self.offers), start_interviews),
            continuous_update=True,
            **CONTROL_LOOK,
        )
        for limit in (self.hours, self.interviews):
            limit.observe(self._input_changed, names="value")
        self.hours_row = self.readouts.row(self.hours)
        self.result = self._plan()
        # As wide as the page, and as high as its rows (each offer and "hours used") need.
        self.chart = ChartPanel(SPECS["plan"], self.result, self.lang, model=self.model).chart
        self.figures: dict[str, Any] = {"plan": self.chart.figure}
        self.title = widgets.HTML()
        self.table = widgets.HTML()
        self.priorities = widgets.Accordion(
            [widgets.VBox([self.preset, *self.slider_rows, self.reset])]
        )
        self.root = widgets.VBox(
            [
                self.title,
                self.language,
                self.hours_row,
                self.interviews,
                self.priorities,
                self.messages,
                self.chart.figure,
                self.table,
            ]
        )
        with self._quietly():
            self._relabel()
            self._match_preset()
        self._show_table()

    def _plan(self) -> pd.DataFrame:
        return plan(
            self.offers,
            hours=float(self.hours.value),
            interviews=int(self.interviews.value),
            weights=self.weights,
            model=self.model,
            lang=self.lang,
            explain=False,  # the plan's reasons say what the app shows
        )

    def refresh(self, offers_changed: bool = True) -> None:
        """Plan again and redraw the chart and the table in place."""
        self.result = self._plan()
        self.chart.draw(self.result, self.lang)
        self._show_table()
        self.messages.value = ""

    def _relabel(self) -> None:
        self._relabel_priorities()
        self.hours.description = self._text("hours")
        self.interviews.description = self._text("interviews")
        self.title.value = f"<h2>{escape(self._text('title'))}</h2>"
        self.priorities.set_title(0, self._text("priorities_optional"))

    def _show_table(self) -> None:
        head = [self._text(key) for key in ("offer", "prep_hours", "action", "reason")]
        planned, lang = self.result, self.lang
        action_cells = {
            (action, chosen): f"<td><span style='color:{colour};font-weight:bold'>"
            f"{'✔' if chosen else '–'}</span></td>"
            for action, colour in ACTION_TEXT_COLOURS.items()
            for chosen in (True, False)
        }
        offers, prep = planned["offer"].tolist(), planned["prep_hours"].tolist()
        actions, chosen = planned["action"].astype(str).tolist(), planned["chosen"].tolist()
        reasons = planned["reason"].tolist()
        blocked = [bool(rules) for rules in broken_rules(planned)]
        mark = (
            f"<td><span title='{escape(self._text('dealbreakers'))}'>{DEALBREAKER_MARK}</span></td>"
        )
        # The chosen offers first, each group by score, best first (ties as listed).
        order = np.lexsort((-planned["score"].to_numpy(dtype=float), ~np.array(chosen, bool)))
        rows = [
            "<tr>"
            f"<td>{escape(offers[k])}</td>"
            f"<td style='text-align:right'>{escape(_hours(prep[k], lang))}</td>"
            f"{mark if blocked[k] else action_cells[actions[k], chosen[k]]}"
            f"<td>{escape(reasons[k])}</td>"
            "</tr>"
            for k in order.tolist()
        ]
        self.table.value = html_table("il-plan", head, rows)


def _hours(hours: float, lang: str) -> str:
    """Write preparation hours for the table: "1.5 h" / "1,5 Std." (at most two decimals)."""
    return text("common.hours", lang, hours=round(float(hours), 2))


def budget(
    offers: pd.DataFrame | str | PathLike[str],
    hours: float = 10.0,
    interviews: int = 2,
    weights: Mapping[str, object] | None = None,
    lang: str = "en",
    *,
    model: Model | None = None,
) -> BudgetApp:
    """Build the interview-budget app: sliders for the two limits and the priorities.

    ``offers`` is a DataFrame or CSV path with an optional ``prep_hours`` column
    (see :func:`interview_lab.plan`); ``hours`` and ``interviews`` are where the
    limits start; ``model`` (default :data:`interview_lab.DEFAULT_MODEL`) scores them.
    """
    with errors_in(lang):
        return BudgetApp(offers, hours, interviews, weights, lang, model=model)


__all__ = ["BudgetApp", "budget"]
