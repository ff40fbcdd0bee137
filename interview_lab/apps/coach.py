"""The coach's app: two personas side by side, flip points, rank acceptability, unknowns.

    app = coach(il.load_example_offers(), first="new_graduate", second="busy_full_timer")
    app.factor.value = "time_cost"
    app.sliders["time_cost"].value = 4      # the flip points follow
    app.acceptability.loc[:, "p_accept"]

As in :mod:`interview_lab.apps.compare`, every widget is an attribute and every
figure a ``FigureWidget`` redrawn in place, so a plain test can drive it. Every
analysis runs with the app's model (``model=``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from os import PathLike
from typing import Any

import pandas as pd

from ..analysis import roc_weights, side_by_side, what_to_find_out_first
from ..analysis._common import Prepared, prepare
from ..analysis.acceptability import rank_acceptability_of
from ..analysis.changes import what_would_change_of
from ..analysis.stability import stability_intervals_of, tornado_of
from ..charts.coach import COACH_SPECS, MODEL_DEFAULTS, persona_label
from ..charts.common import escape, verdict_label
from ..core.errors import WeightsError
from ..core.i18n import LANGUAGES, errors_in, message
from ..core.model import Model
from ..io.offers import load_offers
from ..io.presets import Preset
from .base import (
    CONTROL_LOOK,
    ChartPanel,
    PrioritiesApp,
    libraries,
    shown,
)

#: Weight draws behind the rank acceptability, at most (fast enough to follow a slider).
DEFAULT_DRAWS = 10_000
#: Scores drawn per redraw at most (draws x offers): a long list of offers gets fewer
#: draws, never under MIN_DRAWS (a share then has a standard error of at most 1.6
#: points), so the rank acceptability follows a slider at 200 offers too.
DRAWN_SCORES = 200_000
MIN_DRAWS = 1_000
#: The slider scale ROC weights are put on: the most important factor gets this.
RANKING_TOP_WEIGHT = 5.0
#: The personas compared first when none is named, if they fit the model (see
#: :meth:`CoachApp._default_personas`).
DEFAULT_FIRST = "coach_neutral"
DEFAULT_SECOND = "busy_full_timer"


def personas_for(model: Model, presets: Mapping[str, Preset]) -> dict[str, Mapping[str, float]]:
    """Return the personas the coach can compare: name -> complete weights.

    The presets that fit the model, and first the model's own default priorities
    (:data:`~interview_lab.charts.coach.MODEL_DEFAULTS`) unless one of those presets
    has exactly those weights: so a model that no preset fits still has one.
    """
    defaults = dict(model.default_weights)
    personas: dict[str, Mapping[str, float]] = {
        name: preset.weights for name, preset in presets.items()
    }
    if not any(dict(weights) == defaults for weights in personas.values()):
        personas = {MODEL_DEFAULTS: defaults, **personas}
    return personas


def _most_weighted_cost(model: Model) -> str:
    """Name the factor whose flip points show first: the heaviest cost, else the first."""
    costs = [f for f in model.factors if f.direction == "cost"]
    return max(costs, key=lambda f: f.weight).name if costs else model.names[0]


class CoachApp(PrioritiesApp):
    """Trade-offs for a coach and a client; see :func:`coach`."""

    AREA = "coach"

    def __init__(
        self,
        offers: pd.DataFrame | str | PathLike[str],
        first: str | None = None,
        second: str | None = None,
        weights: Mapping[str, object] | None = None,
        lang: str = "en",
        draws: int = DEFAULT_DRAWS,
        *,
        model: Model | None = None,
    ) -> None:
        widgets = libraries()
        self._init_priorities(weights, lang, model)
        self.offers = load_offers(offers, self.model)
        self.draws = draws
        self._preparation: tuple[pd.DataFrame, Prepared] | None = None
        #: The personas the dropdowns offer: name -> complete weights (see personas_for).
        self.personas = personas_for(self.model, self.presets)
        options = list(self.personas)
        default_first, default_second = self._default_personas()
        first = default_first if first is None else self._persona_name(first)
        second = default_second if second is None else self._persona_name(second)
        for name in (first, second):
            if name not in self.personas:
                with errors_in(lang):
                    raise WeightsError(
                        message("apps.coach.unknown_persona", name=name, names=options)
                    )
        self.first = widgets.Dropdown(options=options, value=first, **CONTROL_LOOK)
        self.second = widgets.Dropdown(options=options, value=second, **CONTROL_LOOK)
        for persona in (self.first, self.second):
            persona.observe(self._personas_chosen, names="value")
        self.factor = widgets.Dropdown(
            options=list(self.model.names), value=_most_weighted_cost(self.model), **CONTROL_LOOK
        )
        self.factor.observe(self._factor_chosen, names="value")
        self.ranking = widgets.Text(**CONTROL_LOOK)
        self.use_ranking = widgets.Button(icon="sort-amount-desc")
        self.use_ranking.on_click(self._ranking_used)
        names = [str(name) for name in self.offers["offer"]]
        self.offer = widgets.Dropdown(options=names, value=names[0], **CONTROL_LOOK)
        self.offer.observe(self._offer_chosen, names="value")
        self.ranges = {
            f.name: widgets.FloatRangeSlider(min=f.low, max=f.high, step=0.5, readout_format=".1f",
                                             continuous_update=False, **CONTROL_LOOK)
            for f in self.model.factors
        }  # fmt: skip
        for name, slider in self.ranges.items():
            slider.observe(functools.partial(self._range_moved, name), names="value")
        #: Each range slider beside its read-out, as the page shows them.
        self.range_rows = [self.readouts.row(slider) for slider in self.ranges.values()]
        self.title = widgets.HTML()
        self.personas_note = widgets.HTML()
        self.changes_title = widgets.HTML()
        self.changes_table = widgets.HTML()
        self.find_out_title = widgets.HTML()
        self.find_out_table = widgets.HTML()

        self._compute()
        self.compared = self._side_by_side()
        sources = self._chart_sources()
        #: Chart name -> its chart, as wide as the page (and following it).
        self.charts = {
            name: ChartPanel(COACH_SPECS[name], sources[name], self.lang, model=self.model).chart
            for name in COACH_SPECS
        }
        self.figures: dict[str, Any] = {name: c.figure for name, c in self.charts.items()}
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
                *self.slider_rows,
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
                *self.range_rows,
                self.find_out_table,
            ]
        )
        with self._quietly():
            self._relabel()
            self._match_preset()
        self._show_tables()

    # --- analyses ----------------------------------------------------------------------

    def _compute(self) -> None:
        """Run the analyses that follow the priority sliders.

        The offers are prepared once (:meth:`_prepared`) and every analysis runs on
        that table under the current weights, through the analyses' internal entry
        points: the same numbers as :func:`~interview_lab.analysis.stability_intervals`,
        :func:`~interview_lab.analysis.tornado`,
        :func:`~interview_lab.analysis.rank_acceptability` and
        :func:`~interview_lab.analysis.what_would_change` called on the offers.
        """
        prepared = self._prepared()
        self.intervals = stability_intervals_of(prepared)
        self.tornado = self._tornado(prepared)
        self.acceptability = rank_acceptability_of(prepared, n=self.draws_used, seed=0)
        self.changes = what_would_change_of(prepared, self.lang)

    def _prepared(self) -> Prepared:
        """Return the offers, read and checked once, under the current weights.

        The preparation is kept for the offers table it was made of (by identity)
        and made again when :attr:`offers` is another table or :meth:`refresh` is
        told the offers changed; a priority change only swaps the weights.
        """
        cached = self._preparation
        if cached is None or cached[0] is not self.offers:
            cached = (self.offers, prepare(self.offers, None, self.model))
            self._preparation = cached
        return cached[1].with_weights(self.weights)

    @property
    def draws_used(self) -> int:
        """The weight draws per redraw: ``draws``, fewer for a long list of offers."""
        return min(self.draws, max(MIN_DRAWS, DRAWN_SCORES // len(self.offers)))

    def _tornado(self, prepared: Prepared | None = None) -> pd.DataFrame:
        """Compute the chosen invitation's tornado (an offer's bars ignore the others)."""
        prepared = self._prepared() if prepared is None else prepared
        chosen = [k for k, name in enumerate(prepared.names) if name == self.offer.value]
        return tornado_of(prepared.rows(chosen))

    def _default_personas(self) -> tuple[str, str]:
        """Return the personas compared when none is named.

        :data:`DEFAULT_FIRST` and :data:`DEFAULT_SECOND` when they fit the model;
        else the first persona offered (the model's default priorities when no preset
        fits) and the next one, or the same one twice when there is only one.
        """
        options = list(self.personas)
        first = DEFAULT_FIRST if DEFAULT_FIRST in self.personas else options[0]
        if DEFAULT_SECOND in self.personas and first != DEFAULT_SECOND:
            return first, DEFAULT_SECOND
        return first, next((name for name in options if name != first), first)

    def _persona_name(self, name: str) -> str:
        """Return the persona offered for ``name``.

        The model's default priorities (:data:`~interview_lab.charts.coach.MODEL_DEFAULTS`)
        are the preset that has them, when one does.
        """
        if name == MODEL_DEFAULTS and name not in self.personas:
            defaults = dict(self.model.default_weights)
            return next(n for n, w in self.personas.items() if dict(w) == defaults)
        return name

    def _side_by_side(self) -> pd.DataFrame:
        first, second = (self.personas[p.value] for p in (self.first, self.second))
        compared = side_by_side(self.offers, first, second, model=self.model)
        compared.attrs["names"] = (self.first.value, self.second.value)
        return compared

    def _chart_sources(self) -> dict[str, pd.DataFrame]:
        return {
            "personas": self.compared,
            "stability": self.intervals[self.intervals["factor"] == self.factor.value],
            "tornado": self.tornado,
            "acceptability": self.acceptability,
            "verdict_probability": self.acceptability,
        }

    def find_out_first(self) -> pd.DataFrame:
        """Rank the unsure ratings of the chosen invitation: what to find out first."""
        offer = {name: tuple(slider.value) for name, slider in self.ranges.items()}
        return what_to_find_out_first(offer, self.weights, self.lang, model=self.model)

    def refresh(self, offers_changed: bool = True) -> None:
        """Recompute the analyses and redraw every chart and table in place."""
        if offers_changed:
            self._preparation = None
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

    @shown
    def _personas_chosen(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.compared = self._side_by_side()
            self.charts["personas"].draw(self.compared, self.lang)
            self._show_tables()

    @shown
    def _factor_chosen(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.charts["stability"].draw(self._chart_sources()["stability"], self.lang)

    @shown
    def _offer_chosen(self, change: Mapping[str, Any]) -> None:
        if self._quiet:
            return
        with self._quietly():
            self._show_offer_ratings()
        self.tornado = self._tornado()
        self.charts["tornado"].draw(self.tornado, self.lang)
        self._show_tables()

    @shown
    def _range_moved(self, name: str, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self._show_tables()

    @shown
    def _ranking_used(self, _button: object = None) -> None:
        order = self.ranked_factors(self.ranking.value)
        weights = roc_weights(order, model=self.model)
        top = max(weights.values())
        self._set_weights({k: round(v / top * RANKING_TOP_WEIGHT, 2) for k, v in weights.items()})

    # --- helpers -----------------------------------------------------------------------

    def ranked_factors(self, typed: str) -> list[str]:
        """Read a ranking typed into the box: factor names, most important first.

        Each part (separated by commas or semicolons) may be a factor's name, its
        label or its short name, in English or German, in any case: "Zeitaufwand",
        "time cost", "Interest in the role" and "time_cost" all name a factor. The
        names come from the model, so a model's own factors are known too.
        """
        known = self._factor_words()
        order: list[str] = []
        for part in typed.replace(";", ",").split(","):
            word = " ".join(part.split())
            if not word:
                continue
            name = known.get(word.casefold())
            if name is None:
                shown = [f.text("short", self.lang) for f in self.model.factors]
                raise WeightsError(message("apps.coach.unknown_factor", name=word, names=shown))
            if name in order:
                raise WeightsError(message("apps.coach.repeated_factor", name=word))
            order.append(name)
        if not order:
            raise WeightsError(message("apps.coach.empty_ranking"))
        return order

    def _factor_words(self) -> dict[str, str]:
        """Every way to name a factor of the model (casefolded) -> its name."""
        words: dict[str, str] = {}
        for factor in self.model.factors:
            names = [factor.name, factor.name.replace("_", " ")]
            names += [factor.text(kind, lang) for kind in ("label", "short") for lang in LANGUAGES]
            for name in names:
                words.setdefault(" ".join(name.split()).casefold(), factor.name)
        return words

    def _show_offer_ratings(self) -> None:
        row = self.offers[self.offers["offer"] == self.offer.value].iloc[0]
        for name, slider in self.ranges.items():
            rating = float(row[name])
            slider.value = (rating, rating)

    def _relabel(self) -> None:
        self._relabel_priorities()
        self.title.value = f"<h2>{escape(self._text('title'))}</h2>"
        self.first.description = self._text("first")
        self.second.description = self._text("second")
        labels = [(persona_label(name, self.lang, model=self.model), name)
                  for name in self.personas]  # fmt: skip
        for persona in (self.first, self.second):
            chosen = persona.value
            persona.options = labels
            persona.value = chosen
        self.factor.description = self._text("factor")
        chosen = self.factor.value
        self.factor.options = [(f.text("label", self.lang), f.name) for f in self.model.factors]
        self.factor.value = chosen
        self.ranking.description = self._text("ranking")
        by_weight = sorted(self.model.factors, key=lambda f: -f.weight)
        example = ", ".join(f.text("short", self.lang) for f in by_weight[:3])
        self.ranking.placeholder = self._text("ranking_hint", example=example)
        self.use_ranking.description = self._text("use_ranking")
        self.offer.description = self._text("offer")
        for factor in self.model.factors:
            self.ranges[factor.name].description = factor.text("label", self.lang)
        self.changes_title.value = f"<h3>{escape(self._text('changes'))}</h3>"
        self.find_out_title.value = f"<h3>{escape(self._text('find_out'))}</h3>"

    def _show_tables(self) -> None:
        differ = self.compared.loc[self.compared["verdict_changed"], "offer"].tolist()
        self.personas_note.value = escape(
            self._text("personas_differ", offers=differ) if differ else self._text("personas_agree")
        )
        listed: set[str] = set()  # each offer's first row: its smallest change
        items = []
        for offer, text in zip(
            self.changes["offer"].tolist(), self.changes["text"].tolist(), strict=True
        ):
            if offer not in listed:
                listed.add(offer)
                items.append(f"<li><b>{escape(offer)}</b>: {escape(text)}</li>")
        self.changes_table.value = "<ul>" + "".join(items) + "</ul>"
        # Nothing widened: what_to_find_out_first would list nothing, so it is not asked.
        widened = any(low < high for low, high in (r.value for r in self.ranges.values()))
        found = self.find_out_first() if widened else None
        if found is None or found.empty:
            self.find_out_table.value = f"<p>{escape(self._text('nothing_unknown'))}</p>"
            return
        probabilities = found.attrs["probabilities"]
        summary = ", ".join(
            self._text("chance", verdict=verdict_label(v, self.lang), share=float(p))
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
    first: str | None = None,
    second: str | None = None,
    weights: Mapping[str, object] | None = None,
    lang: str = "en",
    draws: int = DEFAULT_DRAWS,
    *,
    model: Model | None = None,
) -> CoachApp:
    """Build the coach's app for ``offers`` (a DataFrame or a CSV path).

    ``first`` and ``second`` are the personas compared side by side: names of presets
    that fit the model, or :data:`~interview_lab.charts.coach.MODEL_DEFAULTS` (the
    model's default priorities: offered as such when no fitting preset has them, else
    that preset); by default
    ``coach_neutral`` and ``busy_full_timer`` when the model has them, else the first
    personas offered (see :func:`personas_for`), so the app opens with any model. ``weights``
    start the priority sliders that the flip points, rank acceptability (``draws``
    weight draws; fewer beyond :data:`DRAWN_SCORES` draws x offers, see
    :attr:`CoachApp.draws_used`) and "what would have to change" follow. Every
    analysis runs with ``model`` (default :data:`interview_lab.DEFAULT_MODEL`).
    """
    with errors_in(lang):
        return CoachApp(offers, first, second, weights, lang, draws, model=model)


__all__ = ["DEFAULT_FIRST", "DEFAULT_SECOND", "CoachApp", "coach", "personas_for"]
