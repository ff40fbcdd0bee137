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

Files go through the browser, never a path on the machine the app runs on: "Open
invitations" and "Open case" are uploads (:class:`~interview_lab.apps.upload.Upload`:
``app.upload``, ``app.open_case``), and the
download buttons build the file in memory and hand it to the browser
(:class:`~interview_lab.apps.download.Download`: ``app.offers_file.data``,
``app.case_file.data``, ``app.report_file.data``). What a control did, or why it
could not, is said in the status line under its row (``app.editor_status``,
``app.offers_status``, ``app.case_status``, ``app.report_status``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from ..analysis.evaluate import evaluate, evaluate_at
from ..charts.common import VERDICT_TEXT_COLOURS, broken_rules, escape, verdict_label
from ..charts.comparison import SPECS, ChartData, close_call_text
from ..core.errors import OfferDataError
from ..core.i18n import LANGUAGES, check_language, datetime, errors_in, message, number
from ..core.model import VERDICTS, Model
from ..core.offers import Where
from ..io.case import case_bytes, load_case_bytes
from ..io.offers import load_offers, read_offers_bytes, validate_offers
from ..io.writing import Format, table_bytes
from .base import (
    CONTROL_LOOK,
    ChartPanel,
    PrioritiesApp,
    app_text,
    dealbreaker_columns,
    dealbreaker_html,
    dealbreaker_label,
    html_table,
    libraries,
    map_key,
    rating_slider,
    shown,
)
from .report import build_report

#: The comparison app's charts, in page order.
COMPARISON_CHARTS = ("contributions", "profile", "ranking", "benefit_cost")
#: What the upload accepts: the files :func:`interview_lab.load_offers` reads.
UPLOAD_ACCEPT = ".csv,.txt,.tsv,.xlsx,.xlsm,.ods,.json"
#: Under a chart, a key to its marks: the names of the benefit/cost map's numbered points.
CHART_KEYS = {"benefit_cost": map_key}
#: Charts that show the offers' ratings only, so a change of priorities leaves them be.
RATINGS_ONLY = frozenset({"profile"})
#: What "Open case" accepts.
CASE_ACCEPT = ".json"
#: The kinds of file the app hands out: catalogue key of its name, suffix, media type.
DOWNLOADS = {
    "report": ("file_report", ".html", "text/html"),
    "case": ("file_case", ".json", "application/json"),
    "csv": ("file_offers", ".csv", "text/csv"),
    "xlsx": (
        "file_offers",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}

Handler = TypeVar("Handler", bound=Callable[..., None])


def beside(status: str) -> Callable[[Handler], Handler]:
    """Show an error a callback raises in the status line ``status``, next to its control.

    Like :func:`~interview_lab.apps.base.shown` (the error is kept in ``errors``,
    said in the app's language), but where the person is looking: under the row of
    the control that failed, not at the top of the page. A handler clears its line
    itself when it starts (an upload widget emptied again must not clear it).
    """

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def guarded(self: CompareApp, *args: Any, **kwargs: Any) -> None:
            line = getattr(self, status)
            try:
                handler(self, *args, **kwargs)
            except Exception as error:  # every error must reach the user
                top, self.messages = self.messages, line
                try:
                    self.show_error(error)
                finally:
                    self.messages = top

        return guarded  # type: ignore[return-value]

    return decorate


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
        # anywidget: after libraries() checked it is there.
        from .download import Download
        from .upload import Upload

        self._init_priorities(weights, lang, model)
        #: Names the files downloaded: the stem of the file last opened, if any.
        self.file_stem = Path(offers).stem if isinstance(offers, str | PathLike) else ""
        self.offers = load_offers(offers, self.model)
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
        #: Under the editor: what adding or removing did, or why a value was refused.
        self.editor_status = widgets.HTML()
        # Files: uploads in, downloads out; each row says what it did right under it.
        button = {"layout": {"width": "auto"}}
        self.upload = Upload(accept=UPLOAD_ACCEPT, **button)
        self.upload.observe(self._uploaded, names="value")
        self.download_csv = widgets.Button(icon="download", **button)
        self.download_csv.on_click(functools.partial(self._download_offers, "csv"))
        self.download_xlsx = widgets.Button(icon="download", **button)
        self.download_xlsx.on_click(functools.partial(self._download_offers, "xlsx"))
        self.offers_status = widgets.HTML()
        self.offers_file = Download()
        self.notes = widgets.Textarea(layout={"width": "38em", "height": "6em"})
        self.open_case = Upload(accept=CASE_ACCEPT, **button)
        self.open_case.observe(self._open_case, names="value")
        self.download_case = widgets.Button(icon="download", **button)
        self.download_case.on_click(self._download_case)
        self.case_status = widgets.HTML()
        self.case_file = Download()
        self.download_report = widgets.Button(icon="download", **button)
        self.download_report.on_click(self._download_report)
        self.report_status = widgets.HTML()
        self.report_file = Download()
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
        #: A row of buttons, or a status line and its file, wraps on a narrow screen.
        wrap = {"layout": {"flex_flow": "row wrap", "align_items": "baseline"}}
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
                widgets.HBox([self.new_offer, self.add_offer, self.remove_offer], **wrap),
                self.editor_status,
                widgets.HBox([self.upload, self.download_csv, self.download_xlsx], **wrap),
                widgets.HBox([self.offers_status, self.offers_file], **wrap),
                self.case_title,
                self.notes,
                widgets.HBox([self.open_case, self.download_case], **wrap),
                widgets.HBox([self.case_status, self.case_file], **wrap),
                widgets.HBox([self.download_report], **wrap),
                widgets.HBox([self.report_status, self.report_file], **wrap),
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

    def download_name(self, kind: str) -> str:
        """Name the file a download button hands out now: ``kind`` is a key of :data:`DOWNLOADS`.

        ``klient_report_2026-12-01_10-15-32.html``: the file last opened, what the
        file holds (in the app's language) and when it was made, so no two are alike.
        """
        from .download import file_name  # the module needs anywidget, as the app does

        key, suffix, _ = DOWNLOADS[kind]
        kinds = tuple(app_text(self.AREA, k, lang) for k, *_ in DOWNLOADS.values()
                      for lang in LANGUAGES)  # fmt: skip
        return file_name(self.file_stem, self._text(key), suffix, kinds=kinds)

    # --- callbacks ---------------------------------------------------------------------

    @shown
    def _offer_picked(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            with self._quietly():
                self._show_offer_ratings()

    @beside("editor_status")
    def _rating_moved(self, name: str, change: Mapping[str, Any]) -> None:
        if self._quiet or self.editor_offer.value is None:
            return
        row = self.offers.index[self.offers["offer"] == self.editor_offer.value][0]
        self.offers.loc[row, name] = float(change["new"])
        self.refresh()

    @beside("editor_status")
    def _value_typed(self, column: str, change: Mapping[str, Any]) -> None:
        if self._quiet or self.editor_offer.value is None:
            return
        self.editor_status.value = ""
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

    @beside("editor_status")
    def _add_offer(self, _button: object = None) -> None:
        self.editor_status.value = ""
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
        self._say(self.editor_status, self._text("added", name=name))

    @beside("editor_status")
    def _remove_offer(self, _button: object = None) -> None:
        self.editor_status.value = ""
        if len(self.offers) <= 1:
            raise OfferDataError(message("apps.compare.last_offer"))
        name = self.editor_offer.value
        keep = self.offers["offer"] != name
        self.offers = self.offers[keep].reset_index(drop=True)
        self._offers_changed(select=None)
        self._say(self.editor_status, self._text("removed", name=name))

    @beside("offers_status")
    def _uploaded(self, change: Mapping[str, Any]) -> None:
        """Open the invitations of an uploaded file (checked first: a bad one changes nothing)."""
        files = change["new"]
        if not files:
            return
        self.offers_status.value = ""
        upload = files[0]
        try:
            read = read_offers_bytes(bytes(upload["content"]), str(upload["name"]))
            offers = validate_offers(*read, self.model)[0]
            if self.model.dealbreakers:  # their columns are checked too, naming the file
                evaluate_at(offers, read[1], self.weights, model=self.model, explain=False)
        finally:
            self.upload.value = ()  # the same file, chosen again, is read again
        self.offers = offers
        self.file_stem = Path(str(upload["name"])).stem
        self._offers_changed(select=None)
        self._say(self.offers_status, self._counted("uploaded", len(offers), name=upload["name"]))

    @beside("offers_status")
    def _download_offers(self, kind: str, _button: object = None) -> None:
        """Hand the invitations to the browser as CSV (German Excel's in German) or .xlsx."""
        self._preparing(self.offers_status)
        where = Where(source=self._text("file_offers"))
        clean, _ = validate_offers(self.offers, where, self.model)
        form: Format = "xlsx" if kind == "xlsx" else "excel-de" if self.lang == "de" else "csv"
        self._hand_out(self.offers_file, kind, table_bytes(clean, form, "offers"))
        ready = self._counted("offers_ready", len(clean))
        self._say(self.offers_status, ready)

    @beside("case_status")
    def _download_case(self, _button: object = None) -> None:
        self._preparing(self.case_status)
        data = case_bytes(
            self.offers, self.weights, model=self.model, lang=self.lang, notes=self.notes.value
        )
        self._hand_out(self.case_file, "case", data)
        self._say(self.case_status, self._text("case_ready"))

    @beside("report_status")
    def _download_report(self, _button: object = None) -> None:
        self._preparing(self.report_status)
        document = build_report(self.offers, self.weights, model=self.model, lang=self.lang)
        self._hand_out(self.report_file, "report", document.encode("utf-8"))
        self._say(self.report_status, self._text("report_ready"))

    @beside("case_status")
    def _open_case(self, change: Mapping[str, Any]) -> None:
        """Open an uploaded case file: its invitations, priorities, language and notes."""
        files = change["new"]
        if not files:
            return
        self.case_status.value = ""
        upload = files[0]
        name = str(upload["name"])
        try:
            # The case's factors must be the app's (its sliders are built for them); its
            # model, as recorded, then scores and labels everything.
            case = load_case_bytes(bytes(upload["content"]), name, model=self.model, lang=self.lang)
        finally:
            self.open_case.value = ()  # the same file, chosen again, is read again
        self.offers = case.offers
        self.file_stem = Path(name).stem
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
        saved = _saved_at(case.saved_at, self.lang)
        self._say(self.case_status, self._text("case_opened", name=name, saved=saved))

    # --- helpers -----------------------------------------------------------------------

    def _counted(self, key: str, count: int, **values: object) -> str:
        """Say ``key`` for ``count`` things (``<key>_one`` for a single one)."""
        return self._text(f"{key}_one" if count == 1 else key, n=count, **values)

    def _say(self, line: Any, message: str) -> None:
        """Say what a control did in its status ``line``, right under it."""
        colour = VERDICT_TEXT_COLOURS["accept"]
        line.value = f'<div role="status" style="color:{colour}">{escape(message)}</div>'

    def _preparing(self, line: Any) -> None:
        """Say at once that a file is being made: a report takes a moment."""
        line.value = f'<div role="status">{escape(self._text("preparing"))}</div>'

    def _hand_out(self, link: Any, kind: str, data: bytes) -> None:
        """Have the browser save ``data`` as a ``kind`` file (see :data:`DOWNLOADS`)."""
        link.offer(data, self.download_name(kind), DOWNLOADS[kind][2])

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
        self.upload.description = self._text("upload")
        self.upload.tooltip = self._text("upload_tooltip")
        self.download_csv.description = self._text("download_csv")
        self.download_xlsx.description = self._text("download_xlsx")
        self.case_title.value = f"<h3>{escape(self._text('case'))}</h3>"
        self.notes.description = self._text("notes")
        self.open_case.description = self._text("open_case")
        self.open_case.tooltip = self._text("open_case_tooltip")
        self.download_case.description = self._text("download_case")
        self.download_report.description = self._text("download_report")
        # What a control said was said in the language before: the next action speaks anew.
        for line in (self.editor_status, self.offers_status, self.case_status,
                     self.report_status):  # fmt: skip
            line.value = ""
        for link in (self.offers_file, self.case_file, self.report_file):
            link.clear()
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
