"""The comparison app: priority sliders, an offer editor and live plotly charts.

    app = compare(il.load_example_offers())
    app.sliders["time_cost"].value = 4
    app.result[["offer", "verdict"]]

Everything the page shows is an attribute, so a plain test can drive the app as a
person would (set a slider's ``value``, click a button with ``.click()``) and check
``app.result``, ``app.figures`` and ``app.table``. Figures are ``FigureWidget`` s that
are redrawn in place inside ``batch_update()``; they are never rebuilt. Sliders,
labels and charts follow the app's model (``model=``): one rating slider per factor
on its own scale, and for a model with deal-breakers a column of the rules each
offer breaks (a field per deal-breaker column that is no factor, blank: not known).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..analysis.evaluate import evaluate, evaluate_at
from ..charts.common import VERDICT_TEXT_COLOURS, broken_rules, escape, verdict_label
from ..charts.comparison import SPECS, ChartData, close_call_text
from ..core.errors import OfferDataError
from ..core.i18n import check_language, datetime, errors_in, message, number
from ..core.model import VERDICTS, Model
from ..core.resources import EXAMPLE_OFFERS, data_path
from ..io.case import load_case, save_case
from ..io.offers import (
    load_offers,
    read_offers_bytes,
    save_offers,
    validate_offers,
)
from ..io.safety import NotReplacedError
from .base import (
    CONTROL_LOOK,
    ChartPanel,
    PrioritiesApp,
    dealbreaker_columns,
    dealbreaker_html,
    dealbreaker_label,
    html_table,
    libraries,
    map_key,
    rating_slider,
    shown,
)
from .report import write_report

#: The comparison app's charts, in page order.
COMPARISON_CHARTS = ("contributions", "profile", "ranking", "benefit_cost")
#: What the upload accepts: the files :func:`interview_lab.load_offers` reads.
UPLOAD_ACCEPT = ".csv,.txt,.tsv,.xlsx,.xlsm,.ods,.json"
#: Under a chart, a key to its marks: the names of the benefit/cost map's numbered points.
CHART_KEYS = {"benefit_cost": map_key}
#: Charts that show the offers' ratings only, so a change of priorities leaves them be.
RATINGS_ONLY = frozenset({"profile"})


class CompareApp(PrioritiesApp):
    """Compare several invitations; see :func:`compare`."""

    AREA = "compare"

    def __init__(
        self,
        offers: pd.DataFrame | str | PathLike[str],
        weights: Mapping[str, object] | None = None,
        lang: str = "en",
        *,
        model: Model | None = None,
    ) -> None:
        widgets = libraries()
        self._init_priorities(weights, lang, model)
        self.source = Path(offers) if isinstance(offers, str | PathLike) else None
        self.offers = load_offers(offers, self.model)
        self.last_saved: Path | None = None
        self.result = self._evaluate()

        self.table = widgets.HTML()

        self.editor_offer = widgets.Dropdown(options=self._offer_names())
        self.editor_offer.observe(self._offer_picked, names="value")
        # Ratings redraw on release: an offer's numbers are typed in, not explored.
        self.editor_sliders = {
            f.name: rating_slider(widgets, f, continuous_update=False) for f in self.model.factors
        }
        for name, slider in self.editor_sliders.items():
            slider.observe(functools.partial(self._rating_moved, name), names="value")
        self.editor_rows = [self.readouts.row(slider) for slider in self.editor_sliders.values()]
        #: A field per deal-breaker column that is no factor (rebuilt with the model).
        self.editor_values: dict[str, Any] = {}
        self.editor_values_box = widgets.VBox()
        self._build_value_fields()
        self.new_offer = widgets.Text()
        self.add_offer = widgets.Button(icon="plus")
        self.add_offer.on_click(self._add_offer)
        self.remove_offer = widgets.Button(icon="trash")
        self.remove_offer.on_click(self._remove_offer)
        self.save_path = widgets.Text(value=str(self.proposed_save_path()))
        self.save = widgets.Button(icon="save")
        self.save.on_click(self._save)
        #: Ticked, "Save offers" replaces a file interview_lab did not write (force).
        self.replace = widgets.Checkbox(value=False, indent=False)
        #: Next to the save button: why a file was not replaced.
        self.save_status = widgets.HTML()
        self.upload = widgets.FileUpload(accept=UPLOAD_ACCEPT, multiple=False)
        self.upload.observe(self._uploaded, names="value")
        self.case_path = widgets.Text(value="my_case.json", **CONTROL_LOOK)
        self.notes = widgets.Textarea(layout={"width": "38em", "height": "6em"})
        self.save_case = widgets.Button(icon="save")
        self.save_case.on_click(self._save_case)
        self.open_case = widgets.Button(icon="folder-open")
        self.open_case.on_click(self._open_case)
        self.report_path = widgets.Text(value="interview_report.html", **CONTROL_LOOK)
        self.make_report = widgets.Button(icon="file")
        self.make_report.on_click(self._make_report)
        self.case_title = widgets.HTML()

        data = ChartData.of(self.result, self.model)
        #: Chart name -> its chart (as wide as the page) and the key under it, if any.
        self.panels = {
            name: ChartPanel(SPECS[name], data, self.lang, CHART_KEYS.get(name))
            for name in COMPARISON_CHARTS
        }
        self.charts = {name: panel.chart for name, panel in self.panels.items()}
        #: Chart name -> its plotly FigureWidget (the same objects for the app's life).
        self.figures: dict[str, Any] = {name: c.figure for name, c in self.charts.items()}

        self.title = widgets.HTML()
        self.editor_title = widgets.HTML()
        self.root = widgets.VBox(
            [
                self.title,
                widgets.HBox(
                    [
                        widgets.VBox(
                            [self.priorities_title, self.preset, *self.slider_rows, self.reset]
                        ),
                        self.language,
                    ]
                ),
                self.messages,
                self.table,
                widgets.VBox(
                    [w for p in self.panels.values() for w in p.widgets], layout={"width": "100%"}
                ),
                self.editor_title,
                self.editor_offer,
                *self.editor_rows,
                self.editor_values_box,
                widgets.HBox([self.new_offer, self.add_offer, self.remove_offer]),
                widgets.HBox([self.save_path, self.save, self.replace, self.save_status]),
                self.upload,
                self.case_title,
                self.notes,
                widgets.HBox([self.case_path, self.save_case, self.open_case]),
                widgets.HBox([self.report_path, self.make_report]),
            ]
        )
        with self._quietly():
            self._relabel()
            self._match_preset()
            self._show_offer_ratings()
        self._show_table()

    # --- what the app shows ----------------------------------------------------------

    def refresh(self, offers_changed: bool = True) -> None:
        """Re-evaluate and redraw the charts and the table in place.

        ``offers_changed=False`` (only priorities moved) skips the charts that show
        ratings alone.
        """
        result = self._evaluate()
        self.result = result
        data = ChartData.of(result, self.model)
        for name, chart in self.charts.items():
            if offers_changed or name not in RATINGS_ONLY:
                chart.draw(data, self.lang)
        self._show_table()
        self.messages.value = ""

    def _evaluate(self) -> pd.DataFrame:
        return evaluate(self.offers, self.weights, model=self.model, lang=self.lang)

    def proposed_save_path(self) -> Path:
        """Where "Save offers" writes by default: the user's own file, else a new one."""
        bundled = data_path(EXAMPLE_OFFERS).resolve()
        if self.source is not None and self.source.resolve() != bundled:
            return self.source
        candidate = Path("my_offers.csv")
        counter = 2
        while candidate.exists():
            candidate = Path(f"my_offers_{counter}.csv")
            counter += 1
        return candidate

    # --- callbacks ---------------------------------------------------------------------

    @shown
    def _offer_picked(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            with self._quietly():
                self._show_offer_ratings()

    @shown
    def _rating_moved(self, name: str, change: Mapping[str, Any]) -> None:
        if self._quiet or self.editor_offer.value is None:
            return
        row = self.offers.index[self.offers["offer"] == self.editor_offer.value][0]
        self.offers.loc[row, name] = float(change["new"])
        self.refresh()

    @shown
    def _value_typed(self, column: str, change: Mapping[str, Any]) -> None:
        if self._quiet or self.editor_offer.value is None:
            return
        row = self.offers.index[self.offers["offer"] == self.editor_offer.value][0]
        text = str(change["new"]).strip()
        value = _typed_number(text) if text else math.nan  # blank: not known
        if value is None:
            raise OfferDataError(message("apps.compare.not_a_number", column=column, text=text))
        if column not in self.offers.columns:
            self.offers[column] = math.nan
        self.offers[column] = pd.to_numeric(self.offers[column], errors="coerce")
        self.offers.loc[row, column] = value
        self.refresh()

    @shown
    def _add_offer(self, _button: object = None) -> None:
        name = self.new_offer.value.strip()
        if not name:
            raise OfferDataError(message("apps.compare.blank_name"))
        if name in set(self.offers["offer"]):
            raise OfferDataError(message("apps.compare.taken", name=name))
        middle = {f.name: (f.low + f.high) / 2 for f in self.model.factors}
        row = pd.DataFrame([{"offer": name, **middle}])
        self.offers = load_offers(pd.concat([self.offers, row], ignore_index=True), self.model)
        self.new_offer.value = ""
        self._offers_changed(select=name)

    @shown
    def _remove_offer(self, _button: object = None) -> None:
        if len(self.offers) <= 1:
            raise OfferDataError(message("apps.compare.last_offer"))
        keep = self.offers["offer"] != self.editor_offer.value
        self.offers = self.offers[keep].reset_index(drop=True)
        self._offers_changed(select=None)

    @shown
    def _save(self, _button: object = None) -> None:
        """Save the offers; a file not written here is replaced only if "replace" is ticked.

        A refusal is shown next to the button (and kept in ``errors``); after a save
        that replaced such a file the box is cleared again, so each replacement is
        asked for.
        """
        self.save_status.value = ""
        text = self.save_path.value.strip()
        if not text:
            raise OfferDataError(message("apps.compare.no_path"))
        try:
            path = save_offers(self.offers, Path(text).expanduser(), force=self.replace.value)
        except NotReplacedError as error:
            said = error.render(self.lang)
            self.errors.append(said)
            # Ticking "replace" helps with a file of another kind, never with the bundled data.
            never = "bundled" in error.code or "never overwritten" in error.render("en")
            hint = "" if never else f" {self._text('replace_hint')}"
            colour = VERDICT_TEXT_COLOURS["decline"]
            self.save_status.value = f'<span style="color:{colour}">{escape(said + hint)}</span>'
            return
        self.replace.value = False
        self.last_saved = path
        self._say(self._counted("saved", len(self.offers), path=path))

    @shown
    def _uploaded(self, change: Mapping[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        # Validated before anything is replaced: a bad file changes nothing.
        read = read_offers_bytes(bytes(upload["content"]), str(upload["name"]))
        offers = validate_offers(*read, self.model)[0]
        if self.model.dealbreakers:  # their columns are checked too, naming the file
            evaluate_at(offers, read[1], self.weights, model=self.model, explain=False)
        self.offers = offers
        self.source = None
        self.save_path.value = str(self.proposed_save_path())
        self._offers_changed(select=None)
        self._say(self._counted("uploaded", len(offers), name=upload["name"]))

    @shown
    def _save_case(self, _button: object = None) -> None:
        path = save_case(
            self._typed_path(self.case_path), self.offers, self.weights,
            model=self.model, lang=self.lang, notes=self.notes.value,
        )  # fmt: skip
        self._say(self._text("case_saved", path=path))

    @shown
    def _open_case(self, _button: object = None) -> None:
        path = self._typed_path(self.case_path)
        # The case's factors must be the app's (its sliders are built for them); its
        # model, as recorded, then scores and labels everything.
        case = load_case(path, model=self.model)
        self.offers = case.offers
        self.source = None
        self.model = case.model
        with self._quietly():
            self._build_value_fields()
            self.notes.value = case.notes
            self.lang = check_language(case.lang)
            self._relabel()
            names = self._offer_names()
            self.editor_offer.options = names
            self.editor_offer.value = names[0]
            self._show_offer_ratings()
        self._set_weights(case.weights, offers_changed=True)  # one redraw of everything
        self._say(self._text("case_opened", path=path, saved=_saved_at(case.saved_at, self.lang)))

    @shown
    def _make_report(self, _button: object = None) -> None:
        path = write_report(
            self._typed_path(self.report_path), self.offers, self.weights,
            model=self.model, lang=self.lang,
        )  # fmt: skip
        self._say(self._text("report_written", path=path))

    # --- helpers -----------------------------------------------------------------------

    def _typed_path(self, field: Any) -> Path:
        text = str(field.value).strip()
        if not text:
            raise OfferDataError(message("apps.compare.no_path"))
        return Path(text).expanduser()

    def _counted(self, key: str, count: int, **values: object) -> str:
        """Say ``key`` for ``count`` things (``<key>_one`` for a single one)."""
        return self._text(f"{key}_one" if count == 1 else key, n=count, **values)

    def _say(self, message: str) -> None:
        self.messages.value = (
            f'<div style="color:{VERDICT_TEXT_COLOURS["accept"]}">{escape(message)}</div>'
        )

    def _offer_names(self) -> list[str]:
        return [str(name) for name in self.offers["offer"]]

    def _relabel(self) -> None:
        """Put every label in the current language."""
        self._relabel_priorities()
        for factor in self.model.factors:
            self.editor_sliders[factor.name].description = factor.text("label", self.lang)
        for column, field in self.editor_values.items():
            field.description = dealbreaker_label(self.model, column, self.lang)
        self.editor_offer.description = self._text("offer")
        self.new_offer.placeholder = self._text("new_offer")
        self.add_offer.description = self._text("add")
        self.remove_offer.description = self._text("remove")
        self.save_path.description = self._text("save_path")
        self.save.description = self._text("save")
        self.replace.description = self._text("replace")
        self.upload.description = self._text("upload")
        self.case_title.value = f"<h3>{escape(self._text('case'))}</h3>"
        self.case_path.description = self._text("case_path")
        self.notes.description = self._text("notes")
        self.save_case.description = self._text("save_case")
        self.open_case.description = self._text("open_case")
        self.report_path.description = self._text("report_path")
        self.make_report.description = self._text("make_report")
        self.title.value = f"<h2>{escape(self._text('title'))}</h2>"
        self.editor_title.value = f"<h3>{escape(self._text('editor'))}</h3>"

    def _build_value_fields(self) -> None:
        """Build a text field per deal-breaker column that is no factor, for the model."""
        widgets = libraries()
        self.editor_values = {
            column: widgets.Text(continuous_update=False, **CONTROL_LOOK)
            for column in dealbreaker_columns(self.model)
        }
        for column, field in self.editor_values.items():
            field.observe(functools.partial(self._value_typed, column), names="value")
        self.editor_values_box.children = list(self.editor_values.values())

    def _show_offer_ratings(self) -> None:
        chosen = self.offers[self.offers["offer"] == self.editor_offer.value]
        if chosen.empty:
            return
        for name, slider in self.editor_sliders.items():
            slider.value = float(chosen[name].to_numpy(dtype=float)[0])
        for column, field in self.editor_values.items():
            value = chosen[column].iloc[0] if column in chosen.columns else math.nan
            typed = _typed_number(str(value)) if not pd.isna(value) else None
            field.value = "" if typed is None else number(typed, self.lang)

    def _offers_changed(self, select: str | None) -> None:
        with self._quietly():
            names = self._offer_names()
            self.editor_offer.options = names
            self.editor_offer.value = select if select in names else names[0]
            self._show_offer_ratings()
        self.refresh()

    def _show_table(self) -> None:
        rules = self.model.dealbreakers
        head = (self._text("offer"), self._text("score"), self._text("verdict"),
                *((self._text("dealbreakers"),) if rules else ()),
                self._text("borderline"), self._text("why"))  # fmt: skip
        result, lang = self.result, self.lang
        broken = [
            f"<td>{dealbreaker_html(text)}</td>" if rules else "" for text in broken_rules(result)
        ]
        verdict_cells = {
            verdict: f"<td><span style='color:{VERDICT_TEXT_COLOURS[verdict]};font-weight:bold'>"
            f"{escape(verdict_label(verdict, lang))}</span></td>"
            for verdict in VERDICTS
        }
        offers, scores = result["offer"].tolist(), result["score"].tolist()
        verdicts, borderline = result["verdict"].astype(str).tolist(), result["borderline"].tolist()
        flips, why = result["flips_to"].tolist(), result["explanation"].tolist()
        rows = [
            "<tr>"
            f"<td>{escape(offers[k])}</td>"
            f"<td style='text-align:right'>{number(scores[k], lang, 2, signed=True)}</td>"
            f"{verdict_cells[verdicts[k]]}"
            f"{broken[k]}"
            f"<td>{escape(close_call_text(borderline[k], flips[k], lang))}</td>"
            f"<td>{escape(why[k])}</td>"
            "</tr>"
            for k in np.argsort(-result["score"].to_numpy(dtype=float), kind="stable").tolist()
        ]
        self.table.value = html_table("il-verdicts", head, rows)


def _typed_number(text: str) -> float | None:
    """Read a number typed into a field (a decimal comma is fine); None if it is none."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _saved_at(stamp: object, lang: str) -> str:
    """Say when a case was saved as tables show a time ("01.12.2026, 10:15 Uhr")."""
    try:
        return datetime(str(stamp), lang)
    except ValueError:  # not a time stamp: shown as it was written
        return str(stamp)


def compare(
    offers: pd.DataFrame | str | PathLike[str],
    weights: Mapping[str, object] | None = None,
    lang: str = "en",
    *,
    model: Model | None = None,
) -> CompareApp:
    """Build the comparison app for ``offers`` (a DataFrame or a CSV path).

    ``weights`` are the starting priorities (omitted factors keep the model's
    defaults, and "Reset priorities" returns to them); ``lang`` is ``"en"`` or
    ``"de"``; ``model`` (default :data:`interview_lab.DEFAULT_MODEL`) gives the
    factors, their sliders and labels. Show the app by making it the last expression
    of a notebook cell.
    """
    with errors_in(lang):
        return CompareApp(offers, weights, lang, model=model)


__all__ = ["COMPARISON_CHARTS", "UPLOAD_ACCEPT", "CompareApp", "compare"]
