"""The comparison app: priority sliders, an offer editor and live plotly charts.

    app = compare(il.load_example_offers())
    app.sliders["time_cost"].value = 4
    app.result[["offer", "verdict"]]

Everything the page shows is an attribute, so a plain test can drive the app as a
person would (set a slider's ``value``, click a button with ``.click()``) and check
``app.result``, ``app.figures`` and ``app.table``. Figures are ``FigureWidget`` s that
are redrawn in place inside ``batch_update()``; they are never rebuilt.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from ..charts.comparison import VERDICT_COLOURS, ChartData, LiveChart, escape, sync_front_end_state
from ..core.errors import InterviewLabError, OfferDataError
from ..text.explain import format_number, verdict_label
from ..core.factors import RATING_MAX, RATING_MIN, check_language
from ..core.model import FACTORS, FACTOR_NAMES
from ..io.offers import load_offers, load_offers_bytes, save_offers
from ..text.replies import REPLY_FIELDS, clean_field, draft_reply, follow_up_checklist
from ..analysis.evaluate import evaluate, resolve_weights
from ..io.presets import Preset, load_presets
from ..core.resources import EXAMPLE_OFFERS, data_path

#: The preset dropdown's value while the sliders match no preset.
CUSTOM = "custom"
#: Rating step of the offer editor's sliders.
RATING_SLIDER_STEP = 0.5
#: Weight step of the priority sliders.
WEIGHT_SLIDER_STEP = 0.1
#: The comparison app's charts, in page order.
COMPARISON_CHARTS = ("contributions", "profile", "ranking", "benefit_cost")
#: Charts that show the offers' ratings only, so a change of priorities leaves them be.
RATINGS_ONLY = frozenset({"profile"})
#: Height of each chart, in pixels.
CHART_HEIGHT = 420

_TEXT: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Compare your invitations",
        "priorities": "Your priorities (weights)",
        "preset": "Preset",
        "custom": "(your own)",
        "reset": "Reset priorities",
        "editor": "Edit the offers",
        "offer": "Offer",
        "new_offer": "name of a new offer",
        "add": "Add offer",
        "remove": "Remove offer",
        "save_path": "Save as",
        "save": "Save offers",
        "saved": "Saved {n} offers to {path}.",
        "score": "score",
        "verdict": "verdict",
        "borderline": "borderline",
        "why": "why",
        "yes": "yes",
        "blank_name": "Type a name for the new offer first.",
        "taken": "There is already an offer called {name!r}; offer names must be unique.",
        "last_offer": "The last offer cannot be removed; add another one first.",
        "no_path": "Type a file name to save to, e.g. my_offers.csv.",
        "error": "Could not do that",
        "quick_title": "Should I take this interview?",
        "this_invitation": "this invitation",
        "details": "For the reply (optional)",
        "company": "Company",
        "role": "Role",
        "recruiter": "Recruiter",
        "other_roles": "Other roles that fit",
        "priorities_optional": "Priorities (optional)",
        "warning": "Borderline: not sure? This is one to talk through with a coach.",
        "reply": "Draft reply (copy and adapt)",
        "next": "Next steps (for you, not part of the reply)",
        "upload": "Open your own CSV",
        "uploaded": "Opened {n} offers from {name}.",
        "case": "Client case",
        "case_path": "Case file",
        "notes": "Notes",
        "save_case": "Save case",
        "open_case": "Open case",
        "case_saved": "Saved the case (offers, priorities, language, notes) to {path}.",
        "case_opened": "Opened the case {path} (saved {saved}).",
        "report_path": "Report file",
        "make_report": "Write report",
        "report_written": "Wrote the report to {path}; it opens offline in any browser.",
        "budget_title": "Which invitations fit your time?",
        "hours": "Preparation hours available",
        "interviews": "Interviews you can afford",
        "action": "plan",
        "reason": "why",
        "prep_hours": "preparation (h)",
    },
    "de": {
        "title": "Einladungen vergleichen",
        "priorities": "Ihre Prioritäten (Gewichte)",
        "preset": "Voreinstellung",
        "custom": "(eigene)",
        "reset": "Prioritäten zurücksetzen",
        "editor": "Angebote bearbeiten",
        "offer": "Angebot",
        "new_offer": "Name eines neuen Angebots",
        "add": "Angebot hinzufügen",
        "remove": "Angebot entfernen",
        "save_path": "Speichern als",
        "save": "Angebote speichern",
        "saved": "{n} Angebote in {path} gespeichert.",
        "score": "Bewertung",
        "verdict": "Empfehlung",
        "borderline": "Grenzfall",
        "why": "Begründung",
        "yes": "ja",
        "blank_name": "Bitte zuerst einen Namen für das neue Angebot eingeben.",
        "taken": "Es gibt schon ein Angebot namens {name!r}; Namen müssen eindeutig sein.",
        "last_offer": "Das letzte Angebot kann nicht entfernt werden; erst ein anderes hinzufügen.",
        "no_path": "Bitte einen Dateinamen eingeben, z. B. meine_angebote.csv.",
        "error": "Das ging nicht",
        "quick_title": "Soll ich zu diesem Gespräch gehen?",
        "this_invitation": "diese Einladung",
        "details": "Für die Antwort (optional)",
        "company": "Firma",
        "role": "Stelle",
        "recruiter": "Ansprechperson",
        "other_roles": "Andere passende Stellen",
        "priorities_optional": "Prioritäten (optional)",
        "warning": "Grenzfall: unsicher? Das bespricht man am besten mit einem Coach.",
        "reply": "Antwortentwurf (kopieren und anpassen)",
        "next": "Nächste Schritte (für Sie, nicht Teil der Antwort)",
        "upload": "Eigene CSV öffnen",
        "uploaded": "{n} Angebote aus {name} geöffnet.",
        "case": "Fall der Klientin / des Klienten",
        "case_path": "Falldatei",
        "notes": "Notizen",
        "save_case": "Fall speichern",
        "open_case": "Fall öffnen",
        "case_saved": "Fall (Angebote, Prioritäten, Sprache, Notizen) in {path} gespeichert.",
        "case_opened": "Fall {path} geöffnet (gespeichert {saved}).",
        "report_path": "Berichtsdatei",
        "make_report": "Bericht schreiben",
        "report_written": "Bericht in {path} geschrieben; er öffnet sich offline in jedem Browser.",
        "budget_title": "Welche Einladungen passen in Ihre Zeit?",
        "hours": "Verfügbare Stunden Vorbereitung",
        "interviews": "Mögliche Gespräche (Abwesenheiten)",
        "action": "Plan",
        "reason": "Begründung",
        "prep_hours": "Vorbereitung (Std.)",
    },
}

Handler = TypeVar("Handler", bound=Callable[..., None])


def _libraries() -> Any:
    try:
        import anywidget  # noqa: F401  # plotly's FigureWidget needs it
        import ipywidgets
        import plotly.graph_objects  # noqa: F401
    except ImportError as error:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "interview_lab.app needs ipywidgets, plotly and anywidget: "
            "pip install 'interview-lab[notebook]'"
        ) from error
    return ipywidgets


#: Wide, aligned labels: the factor labels are long, in German more so.
_CONTROL_LOOK: Mapping[str, Any] = {
    "style": {"description_width": "17em"},
    "layout": {"width": "38em"},
}


def html_table(css_class: str, headers: Sequence[str], rows: Sequence[str]) -> str:
    """Build an HTML table: escaped ``headers`` over ready ``<tr>`` rows, padded, top-aligned."""
    cells = "".join(f"<th style='text-align:left'>{escape(h)}</th>" for h in headers)
    style = f"<style>.{css_class} td,.{css_class} th{{padding:3px 10px;vertical-align:top}}</style>"
    return f"{style}<table class='{css_class}'><tr>{cells}</tr>{''.join(rows)}</table>"


def _slider(widgets: Any, **options: Any) -> Any:
    return widgets.FloatSlider(readout_format=".1f", **_CONTROL_LOOK, **options)


def _shown(handler: Handler) -> Handler:
    """Show an error raised in a widget callback in the app instead of losing it.

    ipywidgets would only log it to the browser console, where nobody looks.
    """

    @functools.wraps(handler)
    def guarded(self: _PrioritiesApp, *args: Any, **kwargs: Any) -> None:
        try:
            handler(self, *args, **kwargs)
        except Exception as error:  # every error must reach the user
            self.show_error(error)

    return guarded  # type: ignore[return-value]


class _PrioritiesApp:
    """Priority sliders, presets, language, reset and error display, shared by the apps.

    A subclass builds its own widgets, then calls :meth:`_relabel` and defines
    :meth:`refresh` (redraw after a change) and ``figures`` and ``root``.
    """

    figures: dict[str, Any]
    root: Any

    def _init_priorities(self, weights: Mapping[str, object] | None, lang: str) -> None:
        widgets = _libraries()
        self.lang = check_language(lang)
        self.presets: dict[str, Preset] = load_presets()
        self.initial_weights = resolve_weights(weights)
        self.weights = dict(self.initial_weights)
        self.errors: list[str] = []
        self._quiet = False
        self.sliders = {
            f.name: _slider(
                widgets,
                value=self.weights[f.name],
                min=0.0,
                max=max(f.weight_max, self.weights[f.name]),
                step=WEIGHT_SLIDER_STEP,
                continuous_update=True,
            )
            for f in FACTORS
        }
        for name, slider in self.sliders.items():
            slider.observe(functools.partial(self._weight_moved, name), names="value")
        self.preset = widgets.Dropdown(value=None, **_CONTROL_LOOK)
        self.preset.observe(self._preset_chosen, names="value")
        self.language = widgets.ToggleButtons(
            options=[("English", "en"), ("Deutsch", "de")], value=self.lang
        )
        self.language.observe(self._language_chosen, names="value")
        self.reset = widgets.Button(icon="undo")
        self.reset.on_click(self._reset)
        self.messages = widgets.HTML()
        self.priorities_title = widgets.HTML()

    def refresh(self, offers_changed: bool = True) -> None:
        """Re-evaluate and redraw in place (``offers_changed=False``: priorities only)."""
        raise NotImplementedError

    def _relabel(self) -> None:
        """Put every label in the current language."""
        self._relabel_priorities()

    def show_error(self, error: BaseException) -> None:
        """Show an error in the app (and keep it in ``errors``)."""
        message = str(error) if isinstance(error, InterviewLabError) else repr(error)
        self.errors.append(message)
        self.messages.value = (
            f'<div style="color:{VERDICT_COLOURS["decline"]}"><b>'
            f"{escape(self._text('error'))}:</b> {escape(message)}</div>"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for figure in self.figures.values():
            sync_front_end_state(figure)
        display(self.root)  # type: ignore[no-untyped-call]

    @_shown
    def _weight_moved(self, name: str, change: Mapping[str, Any]) -> None:
        self.weights[name] = float(change["new"])
        if not self._quiet:
            self._match_preset()
            self.refresh(offers_changed=False)

    @_shown
    def _preset_chosen(self, change: Mapping[str, Any]) -> None:
        if self._quiet or change["new"] in (None, CUSTOM):
            return
        self._set_weights(self.presets[change["new"]].weights)

    @_shown
    def _language_chosen(self, change: Mapping[str, Any]) -> None:
        self.lang = check_language(change["new"])
        with self._quietly():
            self._relabel()
        self.refresh()

    @_shown
    def _input_changed(self, change: Mapping[str, Any]) -> None:
        """Redraw after an input changed (unless several are being set at once)."""
        if not self._quiet:
            self.refresh()

    @_shown
    def _reset(self, _button: object = None) -> None:
        self._set_weights(self.initial_weights)

    def _text(self, key: str) -> str:
        return _TEXT[self.lang][key]

    @contextlib.contextmanager
    def _quietly(self) -> Iterator[None]:
        """Change several widgets without each change redrawing everything."""
        quiet, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = quiet

    def _set_weights(self, weights: Mapping[str, float], offers_changed: bool = False) -> None:
        with self._quietly():
            for name in FACTOR_NAMES:
                slider = self.sliders[name]
                slider.max = max(slider.max, float(weights[name]))
                slider.value = float(weights[name])
            self.weights = {name: float(weights[name]) for name in FACTOR_NAMES}
            self._match_preset()
        self.refresh(offers_changed=offers_changed)

    def _match_preset(self) -> None:
        """Select the preset the sliders match, or "custom"."""
        matching = [
            name
            for name, preset in self.presets.items()
            if all(abs(preset.weights[f] - self.weights[f]) < 1e-9 for f in FACTOR_NAMES)
        ]
        with self._quietly():
            self.preset.value = matching[0] if matching else CUSTOM

    def _relabel_priorities(self) -> None:
        for factor in FACTORS:
            self.sliders[factor.name].description = factor.text("label", self.lang)
        value = self.preset.value
        self.preset.options = [
            *((preset.text("label", self.lang), name) for name, preset in self.presets.items()),
            (self._text("custom"), CUSTOM),
        ]
        self.preset.value = value
        self.preset.description = self._text("preset")
        self.reset.description = self._text("reset")
        self.priorities_title.value = f"<b>{escape(self._text('priorities'))}</b>"
        if self.language.value != self.lang:
            self.language.value = self.lang


class CompareApp(_PrioritiesApp):
    """Compare several invitations; see :func:`compare`."""

    def __init__(
        self,
        offers: pd.DataFrame | str | PathLike[str],
        weights: Mapping[str, object] | None = None,
        lang: str = "en",
    ) -> None:
        widgets = _libraries()
        self._init_priorities(weights, lang)
        self.source = Path(offers) if isinstance(offers, str | PathLike) else None
        self.offers = load_offers(offers)
        self.last_saved: Path | None = None
        self.result = evaluate(self.offers, self.weights, lang=self.lang)

        self.table = widgets.HTML()

        self.editor_offer = widgets.Dropdown(options=self._offer_names())
        self.editor_offer.observe(self._offer_picked, names="value")
        # Ratings redraw on release: an offer's numbers are typed in, not explored.
        self.editor_sliders = {
            f.name: _slider(
                widgets, min=f.low, max=f.high, step=RATING_SLIDER_STEP, continuous_update=False
            )
            for f in FACTORS
        }
        for name, slider in self.editor_sliders.items():
            slider.observe(functools.partial(self._rating_moved, name), names="value")
        self.new_offer = widgets.Text()
        self.add_offer = widgets.Button(icon="plus")
        self.add_offer.on_click(self._add_offer)
        self.remove_offer = widgets.Button(icon="trash")
        self.remove_offer.on_click(self._remove_offer)
        self.save_path = widgets.Text(value=str(self.proposed_save_path()))
        self.save = widgets.Button(icon="save")
        self.save.on_click(self._save)
        self.upload = widgets.FileUpload(accept=".csv,.txt", multiple=False)
        self.upload.observe(self._uploaded, names="value")
        self.case_path = widgets.Text(value="my_case.json", **_CONTROL_LOOK)
        self.notes = widgets.Textarea(layout={"width": "38em", "height": "6em"})
        self.save_case = widgets.Button(icon="save")
        self.save_case.on_click(self._save_case)
        self.open_case = widgets.Button(icon="folder-open")
        self.open_case.on_click(self._open_case)
        self.report_path = widgets.Text(value="interview_report.html", **_CONTROL_LOOK)
        self.make_report = widgets.Button(icon="file")
        self.make_report.on_click(self._make_report)
        self.case_title = widgets.HTML()

        data = ChartData.of(self.result)
        self.charts = {name: LiveChart(name, data, self.lang) for name in COMPARISON_CHARTS}
        #: Chart name -> its plotly FigureWidget (the same objects for the app's life).
        self.figures: dict[str, Any] = {name: c.figure for name, c in self.charts.items()}
        for figure in self.figures.values():
            figure.update_layout(height=CHART_HEIGHT, margin={"t": 60})

        self.title = widgets.HTML()
        self.editor_title = widgets.HTML()
        self.root = widgets.VBox(
            [
                self.title,
                widgets.HBox(
                    [
                        widgets.VBox(
                            [self.priorities_title, self.preset, *self.sliders.values(), self.reset]
                        ),
                        self.language,
                    ]
                ),
                self.messages,
                self.table,
                widgets.VBox(list(self.figures.values()), layout={"width": "100%"}),
                self.editor_title,
                self.editor_offer,
                *self.editor_sliders.values(),
                widgets.HBox([self.new_offer, self.add_offer, self.remove_offer]),
                widgets.HBox([self.save_path, self.save]),
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
        result = evaluate(self.offers, self.weights, lang=self.lang)
        self.result = result
        data = ChartData.of(result)
        for name, chart in self.charts.items():
            if offers_changed or name not in RATINGS_ONLY:
                chart.draw(data, self.lang)
        self._show_table()
        self.messages.value = ""

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

    @_shown
    def _offer_picked(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            with self._quietly():
                self._show_offer_ratings()

    @_shown
    def _rating_moved(self, name: str, change: Mapping[str, Any]) -> None:
        if self._quiet or self.editor_offer.value is None:
            return
        row = self.offers.index[self.offers["offer"] == self.editor_offer.value][0]
        self.offers.loc[row, name] = float(change["new"])
        self.refresh()

    @_shown
    def _add_offer(self, _button: object = None) -> None:
        name = self.new_offer.value.strip()
        if not name:
            raise OfferDataError(self._text("blank_name"))
        if name in set(self.offers["offer"]):
            raise OfferDataError(self._text("taken").format(name=name))
        midpoint = (RATING_MIN + RATING_MAX) / 2
        row = pd.DataFrame([{"offer": name, **dict.fromkeys(FACTOR_NAMES, midpoint)}])
        self.offers = load_offers(pd.concat([self.offers, row], ignore_index=True))
        self.new_offer.value = ""
        self._offers_changed(select=name)

    @_shown
    def _remove_offer(self, _button: object = None) -> None:
        if len(self.offers) <= 1:
            raise OfferDataError(self._text("last_offer"))
        keep = self.offers["offer"] != self.editor_offer.value
        self.offers = self.offers[keep].reset_index(drop=True)
        self._offers_changed(select=None)

    @_shown
    def _save(self, _button: object = None) -> None:
        text = self.save_path.value.strip()
        if not text:
            raise OfferDataError(self._text("no_path"))
        path = save_offers(self.offers, Path(text).expanduser())
        self.last_saved = path
        self._say(self._text("saved").format(n=len(self.offers), path=path))

    @_shown
    def _uploaded(self, change: Mapping[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        # Validated before anything is replaced: a bad file changes nothing.
        offers = load_offers_bytes(bytes(upload["content"]), str(upload["name"]))
        self.offers = offers
        self.source = None
        self.save_path.value = str(self.proposed_save_path())
        self._offers_changed(select=None)
        self._say(self._text("uploaded").format(n=len(offers), name=upload["name"]))

    @_shown
    def _save_case(self, _button: object = None) -> None:
        from ..io.case import save_case

        path = save_case(
            self._typed_path(self.case_path), self.offers, self.weights,
            lang=self.lang, notes=self.notes.value,
        )  # fmt: skip
        self._say(self._text("case_saved").format(path=path))

    @_shown
    def _open_case(self, _button: object = None) -> None:
        from ..io.case import load_case

        path = self._typed_path(self.case_path)
        case = load_case(path)
        self.offers = case.offers
        self.source = None
        with self._quietly():
            self.notes.value = case.notes
            self.lang = check_language(case.lang)
            self._relabel()
            names = self._offer_names()
            self.editor_offer.options = names
            self.editor_offer.value = names[0]
            self._show_offer_ratings()
        self._set_weights(case.weights, offers_changed=True)  # one redraw of everything
        self._say(self._text("case_opened").format(path=path, saved=case.saved_at))

    @_shown
    def _make_report(self, _button: object = None) -> None:
        from .report import write_report

        path = write_report(
            self._typed_path(self.report_path), self.offers, self.weights, lang=self.lang
        )
        self._say(self._text("report_written").format(path=path))

    # --- helpers -----------------------------------------------------------------------

    def _typed_path(self, field: Any) -> Path:
        text = str(field.value).strip()
        if not text:
            raise OfferDataError(self._text("no_path"))
        return Path(text).expanduser()

    def _say(self, message: str) -> None:
        self.messages.value = (
            f'<div style="color:{VERDICT_COLOURS["accept"]}">{escape(message)}</div>'
        )

    def _offer_names(self) -> list[str]:
        return [str(name) for name in self.offers["offer"]]

    def _relabel(self) -> None:
        """Put every label in the current language."""
        self._relabel_priorities()
        for factor in FACTORS:
            self.editor_sliders[factor.name].description = factor.text("label", self.lang)
        self.editor_offer.description = self._text("offer")
        self.new_offer.placeholder = self._text("new_offer")
        self.add_offer.description = self._text("add")
        self.remove_offer.description = self._text("remove")
        self.save_path.description = self._text("save_path")
        self.save.description = self._text("save")
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

    def _show_offer_ratings(self) -> None:
        chosen = self.offers[self.offers["offer"] == self.editor_offer.value]
        if chosen.empty:
            return
        for name, slider in self.editor_sliders.items():
            slider.value = float(chosen[name].to_numpy(dtype=float)[0])

    def _offers_changed(self, select: str | None) -> None:
        with self._quietly():
            names = self._offer_names()
            self.editor_offer.options = names
            self.editor_offer.value = select if select in names else names[0]
            self._show_offer_ratings()
        self.refresh()

    def _show_table(self) -> None:
        head = (self._text("offer"), self._text("score"), self._text("verdict"),
                self._text("borderline"), self._text("why"))  # fmt: skip
        ordered = self.result.sort_values("score", ascending=False)
        rows = []
        for offer, score, verdict, borderline, why in zip(
            ordered["offer"].tolist(),
            ordered["score"].tolist(),
            ordered["verdict"].astype(str).tolist(),
            ordered["borderline"].tolist(),
            ordered["explanation"].tolist(),
            strict=True,
        ):
            rows.append(
                "<tr>"
                f"<td>{escape(offer)}</td>"
                "<td style='text-align:right'>"
                f"{format_number(score, self.lang, signed=True, digits=2)}</td>"
                f"<td><span style='color:{VERDICT_COLOURS[verdict]};font-weight:bold'>"
                f"{escape(verdict_label(verdict, self.lang))}</span></td>"
                f"<td>{escape(self._text('yes')) if borderline else ''}</td>"
                f"<td>{escape(why)}</td>"
                "</tr>"
            )
        self.table.value = html_table("il-verdicts", head, rows)


class QuickCheckApp(_PrioritiesApp):
    """One invitation, right now: the questions, the verdict and a reply; see quick_check."""

    def __init__(
        self,
        offer: Mapping[str, Any] | pd.Series | None = None,
        weights: Mapping[str, object] | None = None,
        lang: str = "en",
    ) -> None:
        widgets = _libraries()
        self._init_priorities(weights, lang)
        start = {str(k): v for k, v in (offer.items() if offer is not None else [])}
        self.offer_name = clean_field(start.get("offer"))
        midpoint = (RATING_MIN + RATING_MAX) / 2
        self.answers = {
            f.name: _slider(
                widgets,
                value=float(start.get(f.name, midpoint)),
                min=f.low,
                max=f.high,
                step=RATING_SLIDER_STEP,
                continuous_update=True,
            )
            for f in FACTORS
        }
        for slider in self.answers.values():
            slider.observe(self._input_changed, names="value")
        self.questions = {f.name: widgets.HTML() for f in FACTORS}
        self.scale_help = {f.name: widgets.HTML() for f in FACTORS}
        self.details = {
            field: widgets.Text(value=clean_field(start.get(field)), **_CONTROL_LOOK)
            for field in REPLY_FIELDS
        }
        for text in self.details.values():
            text.observe(self._input_changed, names="value")
        self.title = widgets.HTML()
        self.details_title = widgets.HTML()
        self.verdict = widgets.HTML()
        self.reply_title = widgets.HTML()
        self.reply = widgets.Textarea(layout={"width": "100%", "height": "15em"})
        self.checklist = widgets.HTML()
        self.result = evaluate(pd.DataFrame([self.offer_row()]), self.weights, lang=self.lang)
        self.chart = LiveChart("waterfall", self.result, self.lang)
        self.figures = {"waterfall": self.chart.figure}
        self.chart.figure.update_layout(height=CHART_HEIGHT)
        self.priorities = widgets.Accordion(
            [widgets.VBox([self.preset, *self.sliders.values(), self.reset])]
        )
        self.root = widgets.VBox(
            [
                self.title,
                self.language,
                *(
                    widget
                    for f in FACTORS
                    for widget in (
                        self.questions[f.name],
                        self.answers[f.name],
                        self.scale_help[f.name],
                    )
                ),
                self.priorities,
                self.messages,
                self.verdict,
                self.chart.figure,
                self.details_title,
                *self.details.values(),
                self.reply_title,
                self.reply,
                self.checklist,
            ]
        )
        with self._quietly():
            self._relabel()
            self._match_preset()
        self.refresh()

    def offer_row(self) -> dict[str, Any]:
        """Return the invitation as one offer row: name, six answers, reply fields."""
        name = (
            self.offer_name or self.details["role"].value.strip() or self._text("this_invitation")
        )
        return {
            "offer": name,
            **{name_: float(slider.value) for name_, slider in self.answers.items()},
            **{field: text.value for field, text in self.details.items()},
        }

    def refresh(self, offers_changed: bool = True) -> None:
        """Re-evaluate the invitation and update the verdict, the chart and the reply."""
        row = self.offer_row()
        result = evaluate(pd.DataFrame([row]), self.weights, lang=self.lang)
        self.result = result
        self.chart.draw(result, self.lang)
        verdict = str(result["verdict"].iloc[0])
        colour = VERDICT_COLOURS[verdict]
        warning = (
            f"<p style='background:#FFF4CC;padding:6px'><b>{escape(self._text('warning'))}</b></p>"
            if bool(result["borderline"].iloc[0])
            else ""
        )
        self.verdict.value = (
            f"<h3 style='color:{colour}'>{escape(verdict_label(verdict, self.lang))}</h3>"
            f"{warning}<p>{escape(result['explanation'].iloc[0])}</p>"
        )
        self.reply.value = draft_reply(row, verdict=verdict, lang=self.lang)
        steps = follow_up_checklist(self.lang) if verdict == "decline_keep_in_touch" else []
        self.checklist.value = (
            f"<b>{escape(self._text('next'))}</b><ul>"
            + "".join(f"<li>{escape(step)}</li>" for step in steps)
            + "</ul>"
            if steps
            else ""
        )
        self.messages.value = ""

    def _relabel(self) -> None:
        self._relabel_priorities()
        for factor in FACTORS:
            self.questions[
                factor.name
            ].value = f"<b>{escape(factor.text('question', self.lang))}</b>"
            self.answers[factor.name].description = factor.text("short", self.lang)
            self.scale_help[factor.name].value = (
                f"<small>{escape(factor.text('help_low', self.lang))} · "
                f"{escape(factor.text('help_high', self.lang))}</small>"
            )
        for field, text in self.details.items():
            text.description = self._text(field)
        self.title.value = f"<h2>{escape(self._text('quick_title'))}</h2>"
        self.details_title.value = f"<h3>{escape(self._text('details'))}</h3>"
        self.reply_title.value = f"<h3>{escape(self._text('reply'))}</h3>"
        self.priorities.set_title(0, self._text("priorities_optional"))


def quick_check(
    offer: Mapping[str, Any] | pd.Series | None = None,
    weights: Mapping[str, object] | None = None,
    lang: str = "en",
) -> QuickCheckApp:
    """Build the quick check for one invitation.

    ``offer`` optionally pre-fills the answers and the reply fields (a row or a
    mapping with the six ratings, ``company``, ``role``, ``recruiter``,
    ``other_roles``); every answer starts at 5 otherwise.
    """
    return QuickCheckApp(offer, weights, lang)


def compare(
    offers: pd.DataFrame | str | PathLike[str],
    weights: Mapping[str, object] | None = None,
    lang: str = "en",
) -> CompareApp:
    """Build the comparison app for ``offers`` (a DataFrame or a CSV path).

    ``weights`` are the starting priorities (omitted factors keep their defaults,
    and "Reset priorities" returns to them); ``lang`` is ``"en"`` or ``"de"``. Show
    the app by making it the last expression of a notebook cell.
    """
    return CompareApp(offers, weights, lang)
