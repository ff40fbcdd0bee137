"""The coach's app: two personas side by side, flip points, rank acceptability, unknowns.

    app = coach(il.load_example_offers(), first="new_graduate", second="busy_full_timer")
    app.factor.value = "time_cost"
    app.sliders["time_cost"].value = 4      # the flip points follow
    app.acceptability.loc[:, "p_accept"]

As in :mod:`interview_lab.app`, every widget is an attribute and every figure a
``FigureWidget`` redrawn in place, so a plain test can drive it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from os import PathLike
from typing import Any

import pandas as pd

from ..analysis import sensitivity
from .compare import _CONTROL_LOOK, CHART_HEIGHT, _libraries, _PrioritiesApp, _shown
from ..charts.comparison import LiveChart, escape
from ..charts.coach import COACH_SPECS
from ..core.errors import WeightsError
from ..text.explain import format_number, verdict_label
from ..core.model import DEFAULT_MODEL, FACTORS, FACTOR_NAMES
from ..io.offers import load_offers

#: Weight draws behind the rank acceptability (fast enough to follow a slider).
DEFAULT_DRAWS = 10_000
#: The slider scale ROC weights are put on: the most important factor gets this.
RANKING_TOP_WEIGHT = 5.0

_TEXT: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Coach view: how robust is the answer?",
        "first": "Persona A",
        "second": "Persona B",
        "factor": "Flip points of",
        "ranking": "Rank the factors",
        "ranking_hint": "most important first, e.g. time_cost, interest, practice",
        "use_ranking": "Use ranking",
        "offer": "Invitation",
        "changes": "What would have to change",
        "find_out": "What to find out first (widen the ratings the client is unsure of)",
        "nothing_unknown": "Every rating is known: widen a range to see what to ask first.",
        "personas_differ": "Verdicts that differ between the personas: {offers}.",
        "personas_agree": "Both personas give every invitation the same verdict.",
    },
    "de": {
        "title": "Coach-Ansicht: Wie belastbar ist die Antwort?",
        "first": "Persona A",
        "second": "Persona B",
        "factor": "Kipppunkte von",
        "ranking": "Faktoren ordnen",
        "ranking_hint": "wichtigster zuerst, z. B. time_cost, interest, practice",
        "use_ranking": "Reihenfolge übernehmen",
        "offer": "Einladung",
        "changes": "Was sich ändern müsste",
        "find_out": "Was zuerst klären (Bewertungen weiten, bei denen die Person unsicher ist)",
        "nothing_unknown": "Alle Bewertungen sind bekannt: einen Bereich weiten, um zu sehen, "
        "was zuerst zu fragen ist.",
        "personas_differ": "Empfehlungen, die sich zwischen den Personas unterscheiden: {offers}.",
        "personas_agree": "Beide Personas geben jeder Einladung dieselbe Empfehlung.",
    },
}


class CoachApp(_PrioritiesApp):
    """Trade-offs for a coach and a client; see :func:`coach`."""

    def __init__(
        self,
        offers: pd.DataFrame | str | PathLike[str],
        first: str = "coach_neutral",
        second: str = "busy_full_timer",
        weights: Mapping[str, object] | None = None,
        lang: str = "en",
        draws: int = DEFAULT_DRAWS,
    ) -> None:
        widgets = _libraries()
        self._init_priorities(weights, lang)
        self.offers = load_offers(offers)
        self.draws = draws
        persona_options = list(self.presets)
        for name in (first, second):
            if name not in self.presets:
                raise WeightsError(f"unknown preset {name!r}; expected one of {persona_options}.")
        self.first = widgets.Dropdown(options=persona_options, value=first, **_CONTROL_LOOK)
        self.second = widgets.Dropdown(options=persona_options, value=second, **_CONTROL_LOOK)
        for persona in (self.first, self.second):
            persona.observe(self._personas_chosen, names="value")
        self.factor = widgets.Dropdown(options=list(FACTOR_NAMES), value="time_cost",
                                       **_CONTROL_LOOK)  # fmt: skip
        self.factor.observe(self._factor_chosen, names="value")
        self.ranking = widgets.Text(**_CONTROL_LOOK)
        self.use_ranking = widgets.Button(icon="sort-amount-desc")
        self.use_ranking.on_click(self._ranking_used)
        names = [str(name) for name in self.offers["offer"]]
        self.offer = widgets.Dropdown(options=names, value=names[0], **_CONTROL_LOOK)
        self.offer.observe(self._offer_chosen, names="value")
        self.ranges = {
            f.name: widgets.FloatRangeSlider(min=f.low, max=f.high, step=0.5,
                                             continuous_update=False, **_CONTROL_LOOK)
            for f in FACTORS
        }  # fmt: skip
        for name, slider in self.ranges.items():
            slider.observe(functools.partial(self._range_moved, name), names="value")
        self.title = widgets.HTML()
        self.personas_note = widgets.HTML()
        self.changes_title = widgets.HTML()
        self.changes_table = widgets.HTML()
        self.find_out_title = widgets.HTML()
        self.find_out_table = widgets.HTML()

        self._compute()
        self.compared = self._side_by_side()
        sources = self._chart_sources()
        self.charts = {
            name: LiveChart(COACH_SPECS[name], sources[name], self.lang) for name in COACH_SPECS
        }
        self.figures: dict[str, Any] = {name: c.figure for name, c in self.charts.items()}
        for figure in self.figures.values():
            figure.update_layout(height=CHART_HEIGHT, margin={"t": 60})
        with self._quietly():
            self._show_offer_ratings()
        self.root = widgets.VBox(
            [
                self.title,
                self.language,
                widgets.HBox([self.first, self.second]),
                self.personas_note,
                self.figures["personas"],
                self.priorities_title,
                self.preset,
                *self.sliders.values(),
                self.reset,
                widgets.HBox([self.ranking, self.use_ranking]),
                self.messages,
                self.factor,
                self.figures["stability"],
                self.figures["acceptability"],
                self.figures["verdict_probability"],
                self.changes_title,
                self.changes_table,
                self.offer,
                self.figures["tornado"],
                self.find_out_title,
                *self.ranges.values(),
                self.find_out_table,
            ]
        )
        with self._quietly():
            self._relabel()
            self._match_preset()
        self._show_tables()

    # --- analyses ----------------------------------------------------------------------

    def _compute(self) -> None:
        """Run the analyses that follow the priority sliders."""
        self.intervals = sensitivity.stability_intervals(self.offers, self.weights)
        self.tornado = sensitivity.tornado(self.offers, self.weights)
        self.acceptability = sensitivity.rank_acceptability(
            self.offers, self.weights, n=self.draws, seed=0
        )
        self.changes = sensitivity.what_would_change(self.offers, self.weights, self.lang)

    def _side_by_side(self) -> pd.DataFrame:
        return sensitivity.side_by_side(self.offers, self.first.value, self.second.value)

    def _chart_sources(self) -> dict[str, pd.DataFrame]:
        return {
            "personas": self.compared,
            "stability": self.intervals[self.intervals["factor"] == self.factor.value],
            "tornado": self.tornado[self.tornado["offer"] == self.offer.value],
            "acceptability": self.acceptability,
            "verdict_probability": self.acceptability,
        }

    def find_out_first(self) -> pd.DataFrame:
        """Rank the unsure ratings of the chosen invitation: what to find out first."""
        offer = {name: tuple(slider.value) for name, slider in self.ranges.items()}
        return sensitivity.what_to_find_out_first(offer, self.weights, self.lang)

    def refresh(self, offers_changed: bool = True) -> None:
        """Recompute the analyses and redraw every chart and table in place."""
        self._compute()
        if offers_changed:
            self.compared = self._side_by_side()
        self._draw(offers_changed)
        self.messages.value = ""

    def _draw(self, personas: bool = False) -> None:
        sources = self._chart_sources()
        for name, chart in self.charts.items():
            if personas or name != "personas":
                chart.draw(sources[name], self.lang)
        self._show_tables()

    # --- callbacks ---------------------------------------------------------------------

    @_shown
    def _personas_chosen(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.compared = self._side_by_side()
            self.charts["personas"].draw(self.compared, self.lang)
            self._show_tables()

    @_shown
    def _factor_chosen(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.charts["stability"].draw(self._chart_sources()["stability"], self.lang)

    @_shown
    def _offer_chosen(self, change: Mapping[str, Any]) -> None:
        if self._quiet:
            return
        with self._quietly():
            self._show_offer_ratings()
        self.charts["tornado"].draw(self._chart_sources()["tornado"], self.lang)
        self._show_tables()

    @_shown
    def _range_moved(self, name: str, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self._show_tables()

    @_shown
    def _ranking_used(self, _button: object = None) -> None:
        order = [part.strip() for part in self.ranking.value.replace(";", ",").split(",")]
        weights = sensitivity.roc_weights([part for part in order if part])
        top = max(weights.values())
        self._set_weights({k: round(v / top * RANKING_TOP_WEIGHT, 2) for k, v in weights.items()})

    # --- helpers -----------------------------------------------------------------------

    def _coach_text(self, key: str) -> str:
        return _TEXT[self.lang][key]

    def _show_offer_ratings(self) -> None:
        row = self.offers[self.offers["offer"] == self.offer.value].iloc[0]
        for name, slider in self.ranges.items():
            rating = float(row[name])
            slider.value = (rating, rating)

    def _relabel(self) -> None:
        self._relabel_priorities()
        self.title.value = f"<h2>{escape(self._coach_text('title'))}</h2>"
        self.first.description = self._coach_text("first")
        self.second.description = self._coach_text("second")
        self.factor.description = self._coach_text("factor")
        chosen = self.factor.value
        self.factor.options = [
            (DEFAULT_MODEL.factor(name).text("label", self.lang), name) for name in FACTOR_NAMES
        ]
        self.factor.value = chosen
        self.ranking.description = self._coach_text("ranking")
        self.ranking.placeholder = self._coach_text("ranking_hint")
        self.use_ranking.description = self._coach_text("use_ranking")
        self.offer.description = self._coach_text("offer")
        for factor in FACTORS:
            self.ranges[factor.name].description = factor.text("label", self.lang)
        self.changes_title.value = f"<h3>{escape(self._coach_text('changes'))}</h3>"
        self.find_out_title.value = f"<h3>{escape(self._coach_text('find_out'))}</h3>"

    def _show_tables(self) -> None:
        differ = self.compared.loc[self.compared["verdict_changed"], "offer"].tolist()
        self.personas_note.value = escape(
            self._coach_text("personas_differ").format(offers=", ".join(differ))
            if differ
            else self._coach_text("personas_agree")
        )
        first_per_offer = self.changes.drop_duplicates("offer")
        self.changes_table.value = (
            "<ul>"
            + "".join(
                f"<li><b>{escape(offer)}</b>: {escape(text)}</li>"
                for offer, text in zip(
                    first_per_offer["offer"], first_per_offer["text"], strict=True
                )
            )
            + "</ul>"
        )
        found = self.find_out_first()
        if found.empty:
            self.find_out_table.value = f"<p>{escape(self._coach_text('nothing_unknown'))}</p>"
            return
        probabilities = found.attrs["probabilities"]
        summary = ", ".join(
            f"{verdict_label(v, self.lang)} {format_number(100 * p, self.lang, digits=0)} %"
            for v, p in probabilities.items()
            if p > 0
        )
        self.find_out_table.value = (
            f"<p>{escape(summary)}</p><ol>"
            + "".join(f"<li>{escape(text)}</li>" for text in found["text"])
            + "</ol>"
        )


def coach(
    offers: pd.DataFrame | str | PathLike[str],
    first: str = "coach_neutral",
    second: str = "busy_full_timer",
    weights: Mapping[str, object] | None = None,
    lang: str = "en",
    draws: int = DEFAULT_DRAWS,
) -> CoachApp:
    """Build the coach's app for ``offers`` (a DataFrame or a CSV path).

    ``first`` and ``second`` are the preset names compared side by side; ``weights``
    start the priority sliders that the flip points, rank acceptability (``draws``
    weight draws) and "what would have to change" follow.
    """
    return CoachApp(offers, first, second, weights, lang, draws)


__all__ = ["CoachApp", "coach"]
