"""What every app shares: priority sliders per factor of the model, presets, language.

:class:`PrioritiesApp` builds one weight slider per factor of its
:class:`~interview_lab.Model` (bounds and labels from the factor), the preset
dropdown (the presets that fit the model), the language toggle, the reset button and
the error display; an app subclasses it, builds its own widgets and defines
:meth:`PrioritiesApp.refresh`. Every widget is an attribute, so a plain test can
drive an app as a person would.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from ..charts.common import VERDICT_TEXT_COLOURS, escape
from ..charts.comparison import benefit_cost_key, wrap_text
from ..charts.live import LiveChart, Spec, SpecFunction, sync_front_end_state
from ..core.errors import InterviewLabError
from ..core.factors import Factor
from ..core.i18n import Language, check_language, has_text, number, text
from ..core.model import Model, check_model
from ..io.presets import Preset, presets_for

#: The preset dropdown's value while the sliders match no preset.
CUSTOM = "custom"
#: Weight step of the priority sliders.
WEIGHT_SLIDER_STEP = 0.1
#: Rating step of the rating sliders on the 0-10 scale; other scales get as many steps.
RATING_SLIDER_STEP = 0.5
#: Steps of a rating slider over its whole scale, about (a round step is taken).
RATING_SLIDER_STEPS = 20
#: Marks a broken deal-breaker wherever an app shows one.
DEALBREAKER_MARK = "⛔"
#: Height of each chart, in pixels.
CHART_HEIGHT = 420


def app_text(area: str, key: str, lang: str, /, **values: object) -> str:
    """Return an app's text: ``apps.<area>.<key>``, else the shared ``apps.base.<key>``."""
    own = f"apps.{area}.{key}"
    return text(own if has_text(own) else f"apps.base.{key}", lang, **values)


Handler = TypeVar("Handler", bound=Callable[..., None])


def libraries() -> Any:
    """Return ``ipywidgets``, or explain which extra installs the apps' libraries."""
    try:
        import anywidget  # noqa: F401  # plotly's FigureWidget needs it
        import ipywidgets
        import plotly.graph_objects  # noqa: F401
    except ImportError as error:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "interview_lab's apps need ipywidgets, plotly and anywidget: "
            "pip install 'interview-lab[notebook]'"
        ) from error
    return ipywidgets


#: Aligned labels beside their controls, as wide as the page allows: the factor labels
#: are long, in German more so, and wrap onto a second line rather than being cut
#: (:data:`APP_CSS`); on a phone each label stands above its control.
CONTROL_LOOK: Mapping[str, Any] = {
    "style": {"description_width": "15em"},
    "layout": {"width": "calc(100% - 4px)", "max_width": "44em"},  # 4px: the margins
}
#: The class of an app's outer box (added when it is shown); :data:`APP_CSS` applies
#: inside it only.
APP_CLASS = "il-app"
#: Up to this page width a control's label stands above the control, not beside it.
NARROW_PAGE = "640px"
#: The page look of every app, in JupyterLab as in the app page: ipywidgets cuts a
#: label, a button or a check box text off at a fixed width ("Chance auf eine positive
#: Überr…"); here texts wrap, buttons are as wide as their text, rows of buttons and
#: boxes side by side wrap, and nothing is wider than the page. A slider's track has
#: room for its handle even when nothing else shares its line. On a narrow page
#: labels stand above their controls and the verdict table becomes a list.
APP_CSS = f"""<style>
.{APP_CLASS} {{ max-width: 100%; box-sizing: border-box; }}
.{APP_CLASS} .widget-box {{ max-width: 100%; min-width: 0; }}
.{APP_CLASS} .widget-hbox {{ flex-wrap: wrap; }}
.{APP_CLASS} .widget-hbox.il-row {{ flex-wrap: nowrap; }}
.{APP_CLASS} .widget-hbox > .widget-vbox {{ flex: 1 1 24em; max-width: 46em; }}
.{APP_CLASS} .widget-inline-hbox {{ height: auto; min-height: var(--jp-widgets-inline-height);
  flex-wrap: wrap; align-items: center; max-width: 100%; }}
.{APP_CLASS} .widget-hbox.il-row > .widget-inline-hbox {{ flex: 1 1 auto; min-width: 0; }}
.{APP_CLASS} .widget-label, .{APP_CLASS} .widget-label-basic,
.{APP_CLASS} .widget-label-basic span {{ white-space: normal; overflow: visible;
  text-overflow: clip; height: auto; line-height: 1.3; overflow-wrap: break-word; }}
.{APP_CLASS} .jupyter-button, .{APP_CLASS} .widget-toggle-button {{ width: auto;
  max-width: 100%; height: auto; min-height: var(--jp-widgets-inline-height);
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.3;
  padding-top: 4px; padding-bottom: 4px; }}
.{APP_CLASS} .widget-dropdown {{ width: 44em; }}
.{APP_CLASS} .widget-text, .{APP_CLASS} .widget-textarea, .{APP_CLASS} .widget-dropdown,
.{APP_CLASS} .widget-hslider, .{APP_CLASS} .widget-checkbox,
.{APP_CLASS} .widget-html, .{APP_CLASS} .widget-html-content {{
  max-width: calc(100% - 2 * var(--jp-widgets-margin)); }}
.{APP_CLASS} .widget-checkbox {{ width: auto; }}
.{APP_CLASS} .widget-hslider .slider-container {{ padding: 12px 0; }}
.{APP_CLASS} .widget-textarea {{ height: auto !important; }}
.{APP_CLASS} .widget-textarea textarea {{ min-height: 6em; }}
.{APP_CLASS} .widget-vbox > .jupyter-button {{ align-self: flex-start; }}
.{APP_CLASS} .widget-html-content {{ white-space: normal; overflow-wrap: break-word; }}
.{APP_CLASS} .il-chart-key {{ margin: 0 0 0.8em; padding-left: 0; list-style: none; }}
.{APP_CLASS} .il-chart-key li {{ display: inline-block; margin-right: 1.2em; }}
@media (max-width: {NARROW_PAGE}) {{
  .{APP_CLASS} .widget-inline-hbox > .widget-label {{ width: 100% !important;
    max-width: 100%; text-align: left; margin-right: 0; }}
  .{APP_CLASS} .widget-dropdown > select {{ flex-basis: 100%; }}
}}
</style>"""


def html_table(css_class: str, headers: Sequence[str], rows: Sequence[str]) -> str:
    """Build an HTML table: escaped ``headers`` over ready ``<tr>`` rows, padded, top-aligned.

    On a narrow page (a phone) the table becomes a list: a block per row, its first
    cell in bold, every other cell led by its column's heading ("Score: +1.25").
    """
    cells = "".join(f"<th style='text-align:left'>{escape(h)}</th>" for h in headers)
    table = f".{APP_CLASS} .{css_class}"
    headings = "".join(
        f"{table} td:nth-child({k}):not(:empty)::before{{content:{_css_string(_lead(h))};"
        "font-weight:600}"
        for k, h in enumerate(headers, start=1)
        if k > 1 and h
    )
    style = (
        f"<style>.{css_class} td,.{css_class} th"
        "{padding:3px 10px;vertical-align:top;line-height:1.45}"
        f"@media (max-width:{NARROW_PAGE}){{"
        f"{table},{table} tbody,{table} tr,{table} td{{display:block}}"
        f"{table} tr:first-child{{display:none}}"
        f"{table} tr{{border-top:1px solid #ccc;padding:6px 0}}"
        f"{table} td{{padding:1px 0 !important;text-align:left !important}}"
        f"{table} td:first-child{{font-weight:600}}{headings}}}</style>"
    )
    return f"{style}<table class='{css_class}'><tr>{cells}</tr>{''.join(rows)}</table>"


def _lead(heading: str) -> str:
    """Lead a cell's text with its column heading: "Score: ", "Close call? "."""
    return f"{heading} " if heading.endswith(("?", ":")) else f"{heading}: "


def _css_string(value: str) -> str:
    """Quote ``value`` as a CSS string (for ``content:``), safe inside a ``<style>``."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " :.,-()/%" else f"\\{ord(ch):x} " for ch in value
    )
    return f'"{escaped}"'


def float_slider(widgets: Any, **options: Any) -> Any:
    """Build a FloatSlider with the apps' look."""
    options.setdefault("readout_format", ".1f")
    return widgets.FloatSlider(**CONTROL_LOOK, **options)


def _digits(readout_format: str) -> int:
    """Return the decimals of an ipywidgets readout format (".1f" -> 1, "d" -> 0)."""
    _, _, rest = readout_format.partition(".")
    return int(rest.rstrip("f") or 0) if rest else 0


def readout_text(slider: Any, lang: str) -> str:
    """Write a slider's value as its read-out shows it, in ``lang`` ("6,5" in German).

    A range slider reads "2,0–5,0"; an integer slider has no decimals.
    """
    digits = _digits(getattr(slider, "readout_format", "d") or "d")
    value = slider.value
    if isinstance(value, tuple | list):
        return "–".join(number(float(v), lang, digits) for v in value)
    return number(float(value), lang, digits)


class Readouts:
    """Slider read-outs in the app's language.

    ipywidgets writes a read-out with ``readout_format``, which knows only the decimal
    point. In English the slider's own read-out stays (it can be typed into); in
    German it is hidden and a label beside the slider shows the value with a decimal
    comma ("6,5"). :meth:`row` puts a slider and its label side by side.
    """

    def __init__(self, widgets: Any) -> None:
        self._widgets = widgets
        self.labels: dict[int, tuple[Any, Any]] = {}
        self.lang: Language = "en"

    def row(self, slider: Any) -> Any:
        """Return the slider with its read-out label beside it (an HBox)."""
        label = self._widgets.Label(layout={"min_width": "5em"})
        self.labels[id(slider)] = (slider, label)
        slider.observe(lambda _change: self._show(slider, label), names="value")
        self._show(slider, label)
        row = self._widgets.HBox([slider, label], layout={"width": "100%", "max_width": "49em"})
        row.add_class("il-row")  # the read-out stays beside its slider (APP_CSS)
        return row

    def label(self, slider: Any) -> Any:
        """Return the read-out label of a slider made by :meth:`row`."""
        return self.labels[id(slider)][1]

    def relabel(self, lang: Language) -> None:
        """Show every read-out in ``lang``."""
        self.lang = lang
        for slider, label in self.labels.values():
            self._show(slider, label)

    def _show(self, slider: Any, label: Any) -> None:
        german = self.lang != "en"
        slider.readout = not german
        label.layout.display = None if german else "none"
        label.value = readout_text(slider, self.lang) if german else ""


def rating_step(factor: Factor) -> float:
    """Return a round step for a rating slider on the factor's own scale.

    About :data:`RATING_SLIDER_STEPS` steps over the scale, rounded down to 1, 2, 2.5
    or 5 times a power of ten: 0.5 on 0-10, 5 on 0-120 minutes, 2500 on 35000-90000.
    """
    target = (factor.high - factor.low) / RATING_SLIDER_STEPS
    power = 10.0 ** math.floor(math.log10(target))
    return max(m * power for m in (1.0, 2.0, 2.5, 5.0) if m * power <= target * (1 + 1e-9))


def rating_slider(widgets: Any, factor: Factor, **options: Any) -> Any:
    """Build a slider for one factor's rating: its own scale, a round step, as many digits."""
    step = rating_step(factor)
    digits = f"{step:g}".partition(".")[2]
    return float_slider(
        widgets, min=factor.low, max=factor.high, step=step,
        readout_format=f".{len(digits)}f", **options,
    )  # fmt: skip


def scale_ends(factor: Factor, lang: str) -> tuple[str, str]:
    """Say what the two ends of a factor's scale mean, in ``lang``.

    A factor of one's own without help texts has only its name there; its scale's
    numbers say more ("0", "10").
    """
    low, high = factor.text("help_low", lang), factor.text("help_high", lang)
    if low == high == factor.name:
        return number(factor.low, lang, grouping=True), number(factor.high, lang, grouping=True)
    return low, high


def dealbreaker_columns(model: Model) -> list[str]:
    """Return the columns the model's deal-breakers check that are not factors, in order.

    An app asks for these next to the ratings (a blank answer is not known).
    """
    columns: list[str] = []
    for rule in model.dealbreakers:
        if rule.column not in model.index and rule.column not in columns:
            columns.append(rule.column)
    return columns


def dealbreaker_label(model: Model, column: str, lang: str) -> str:
    """Name a deal-breaker column that is no factor: the label of its first rule."""
    rule = next(rule for rule in model.dealbreakers if rule.column == column)
    return text("apps.base.dealbreaker_field", lang, column=column, rule=rule.text(lang))


def dealbreaker_html(rules: str, lang: str | None = None) -> str:
    """Show broken deal-breakers as an escaped, marked sentence ("" when none).

    With ``lang`` the sentence says "Deal-breaker: …" in that language; without, it
    lists the rules alone (a table's column already says what they are).
    """
    if not rules:
        return ""
    sentence = rules if lang is None else text("apps.base.dealbreaker", lang, rules=rules)
    return (
        f"<span style='color:{VERDICT_TEXT_COLOURS['decline']};font-weight:bold'>"
        f"{DEALBREAKER_MARK} {escape(sentence)}</span>"
    )


def advice_html(paragraphs: Sequence[str], heading: str = "h4") -> str:
    """Show advice paragraphs as HTML: a paragraph of steps ("- " lines) as a list.

    A paragraph whose later lines start with "- " (see
    :func:`interview_lab.text.advice.advice`) is its first line in bold over a list.
    """
    parts: list[str] = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        steps = [line[2:] for line in lines[1:] if line.startswith("- ")]
        if steps:
            items = "".join(f"<li>{escape(step)}</li>" for step in steps)
            parts.append(f"<p><b>{escape(lines[0])}</b></p><ul>{items}</ul>")
        else:
            parts.append(f"<p>{escape(paragraph)}</p>")
    return "".join(parts)


def fit_page(root: Any, *hidden: Any) -> None:
    """Give an app's outer box the apps' page look (:data:`APP_CSS`), once.

    Its charts follow the width of their boxes too
    (:class:`~interview_lab.apps.page.FitCharts`). ``hidden`` are more widgets that
    show nothing (:class:`~interview_lab.apps.page.PageLanguage`), added with them.
    """
    from .page import FitCharts  # anywidget: after libraries() checked it is there

    root.add_class(APP_CLASS)
    children = tuple(root.children)
    if not any(getattr(child, "_il_page_style", False) for child in children):
        style = libraries().HTML(APP_CSS)
        style._il_page_style = True
        # Last: the app's parts keep their places.
        root.children = (*children, style, FitCharts(), *hidden)


#: An app's chart: as wide as the page, its legend under the plot, its height.
APP_CHART_LAYOUT: Mapping[str, Any] = {
    "autosize": True,
    "height": CHART_HEIGHT,
    "margin": {"t": 40, "r": 12, "l": 12, "b": 8, "autoexpand": True},
}
#: The legend of an app's chart: a row (wrapping) at the bottom of the chart.
APP_LEGEND: Mapping[str, Any] = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "yref": "container",
    "y": 0,
    "yanchor": "bottom",
}
#: The toolbar of an app's chart, and the chart follows its box's width.
APP_CHART_CONFIG: Mapping[str, Any] = {"responsive": True}


#: A chart title longer than this (characters) is broken into lines: plotly does not
#: wrap, and a phone shows about 40 characters of a title (an axis title about 34).
TITLE_LINE = 40
#: A chart title's font size, the height of each of its lines and the room for the
#: chart's toolbar above it (pixels).
TITLE_SIZE = 15
TITLE_LINE_HEIGHT = 21
TOOLBAR_HEIGHT = 30
AXIS_TITLE_LINE = 26
#: Height of an app's chart: enough for every offer's name (two lines) on a phone too.
CHART_ROW_HEIGHT = 44


class ChartPanel:
    """A live chart as an app shows it: the chart as wide as the page, and its key.

    The chart fills the width of its box (and follows it), its legend sits under the
    plot, its axes make room for their labels and a long title is broken into lines.
    ``key`` (optional) writes HTML shown under the chart from the same source, e.g.
    the names of a map's numbered points. The panel is the spec function its
    :class:`~interview_lab.charts.live.LiveChart` draws from, so the key follows
    every redraw. :attr:`widgets` are what the page shows.
    """

    def __init__(
        self,
        spec_function: SpecFunction,
        source: Any,
        lang: str,
        key: Callable[[Any, str], str] | None = None,
        *,
        model: Model | None = None,
    ) -> None:
        self.spec_function = spec_function
        self.key_function = key
        self.key = libraries().HTML()
        self.chart = LiveChart(self, source, lang, model=model)
        figure = self.chart.figure
        figure._config = {**figure._config, **APP_CHART_CONFIG}
        self.widgets = [figure, *([self.key] if key is not None else [])]

    def __call__(self, source: Any, lang: str = "en", /, *, model: Model | None = None) -> Spec:
        """Describe the chart as the app shows it (and write its key)."""
        traces, layout = self.spec_function(source, lang, model=model)
        if self.key_function is not None:
            self.key.value = self.key_function(source, lang)
        shown = dict(layout)
        margin = dict(APP_CHART_LAYOUT["margin"])
        height = CHART_HEIGHT
        if "categoryarray" in shown.get("yaxis", {}):  # a row per offer: room for each
            height = max(height, 240 + CHART_ROW_HEIGHT * len(shown["yaxis"]["categoryarray"]))
        if "title" in shown:  # under the chart's toolbar, line by line, above the plot
            title = shown["title"]
            wrapped = wrap_text(str(title.get("text", "")), TITLE_LINE)
            # Plotly puts the first line of a title by its anchor, the others under it.
            first = 1 - (TOOLBAR_HEIGHT + TITLE_LINE_HEIGHT) / height
            shown["title"] = {**title, "text": wrapped, "font": {"size": TITLE_SIZE},
                              "x": 0, "xanchor": "left", "yref": "container",
                              "y": round(first, 4), "yanchor": "bottom"}  # fmt: skip
            margin["t"] = TOOLBAR_HEIGHT + TITLE_LINE_HEIGHT * (wrapped.count("<br>") + 1) + 12
        for name in ("xaxis", "yaxis", "xaxis2"):
            if name in shown:
                axis = dict(shown[name])
                title = axis.get("title")
                if isinstance(title, Mapping) and title.get("text"):
                    wrapped = wrap_text(str(title["text"]), AXIS_TITLE_LINE)
                    axis["title"] = {**title, "text": wrapped}
                shown[name] = {**axis, "automargin": True}
        shown["legend"] = {**shown.get("legend", {}), **APP_LEGEND}
        return traces, {**shown, **APP_CHART_LAYOUT, "height": height, "margin": margin}


def map_key(source: Any, lang: str) -> str:
    """Name the numbered points of the benefit/cost map, each number in its verdict's colour.

    Nothing when the points carry no numbers (many offers: the hover names them).
    """
    keyed = benefit_cost_key(source)
    if not keyed:
        return ""
    items = "".join(
        f"<li><b style='color:{VERDICT_TEXT_COLOURS[verdict]}'>{number_}</b> {name}</li>"
        for number_, name, verdict in keyed
    )
    label = escape(text("charts.benefit_cost.key", lang))
    return f"<ul class='il-chart-key' aria-label='{label}'><li><b>{label}:</b></li>{items}</ul>"


def shown(handler: Handler) -> Handler:
    """Show an error raised in a widget callback in the app instead of losing it.

    ipywidgets would only log it to the browser console, where nobody looks.
    """

    @functools.wraps(handler)
    def guarded(self: PrioritiesApp, *args: Any, **kwargs: Any) -> None:
        try:
            handler(self, *args, **kwargs)
        except Exception as error:  # every error must reach the user
            self.show_error(error)

    return guarded  # type: ignore[return-value]


class PrioritiesApp:
    """Priority sliders, presets, language, reset and error display, shared by the apps.

    A subclass sets :attr:`AREA`, builds its own widgets after
    :meth:`_init_priorities`, then calls :meth:`_relabel` and defines
    :meth:`refresh` (redraw after a change), ``figures`` and ``root``. Every text
    comes from the catalogue: ``apps.<AREA>.<key>``, else ``apps.base.<key>``.
    """

    #: The app's part of the catalogue (``apps.<AREA>``).
    AREA: ClassVar[str] = "base"

    figures: dict[str, Any]
    root: Any

    def _init_priorities(
        self, weights: Mapping[str, object] | None, lang: str, model: Model | None
    ) -> None:
        widgets = libraries()
        #: The decision model: factors, labels, slider ranges, verdict rules.
        self.model = check_model(model)
        self.lang = check_language(lang)
        self.presets: dict[str, Preset] = presets_for(self.model)
        self.initial_weights = self.model.resolve_weights(weights)
        self.weights = dict(self.initial_weights)
        self.errors: list[str] = []
        self._quiet = False
        #: The sliders' read-outs in the app's language (see :class:`Readouts`).
        self.readouts = Readouts(widgets)
        from .page import PageLanguage  # anywidget: after libraries() checked it is there

        #: The language and title of a page that shows this app alone (the app page).
        self.page = PageLanguage(lang=self.lang)
        self.sliders = {
            f.name: float_slider(
                widgets,
                value=self.weights[f.name],
                min=0.0,
                max=max(f.weight_max, self.weights[f.name]),
                step=WEIGHT_SLIDER_STEP,
                continuous_update=True,
            )
            for f in self.model.factors
        }
        for name, weight in self.sliders.items():
            weight.observe(functools.partial(self._weight_moved, name), names="value")
        self.preset = widgets.Dropdown(value=None, **CONTROL_LOOK)
        self.preset.observe(self._preset_chosen, names="value")
        self.language = widgets.ToggleButtons(
            options=[("English", "en"), ("Deutsch", "de")], value=self.lang
        )
        self.language.observe(self._language_chosen, names="value")
        self.reset = widgets.Button(icon="undo")
        self.reset.on_click(self._reset)
        self.messages = widgets.HTML()
        self.priorities_title = widgets.HTML()
        #: Each priority slider beside its read-out, as the page shows them.
        self.slider_rows = [self.readouts.row(slider) for slider in self.sliders.values()]

    def refresh(self, offers_changed: bool = True) -> None:
        """Re-evaluate and redraw in place (``offers_changed=False``: priorities only)."""
        raise NotImplementedError

    def _relabel(self) -> None:
        """Put every label in the current language."""
        self._relabel_priorities()

    def show_error(self, error: BaseException) -> None:
        """Show an error in the app, in the app's language (and keep it in ``errors``).

        An interview_lab error says what was wrong in the app's language. Anything
        else is a bug: the app says so in its language and keeps the technical
        details (never a traceback) folded away under the message.
        """
        colour = VERDICT_TEXT_COLOURS["decline"]
        head = f"<b>{escape(self._text('error'))}:</b>"
        if isinstance(error, InterviewLabError):
            message = error.render(self.lang)
            self.errors.append(message)
            self.messages.value = f'<div style="color:{colour}">{head} {escape(message)}</div>'
            return
        details = f"{type(error).__name__}: {error}"
        self.errors.append(details)
        self.messages.value = (
            f'<div style="color:{colour}">{head} {escape(self._text("unexpected"))}'
            f"<details><summary>{escape(self._text('details'))}</summary>"
            f"<code>{escape(details)}</code></details></div>"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        fit_page(self.root, self.page)
        for figure in self.figures.values():
            sync_front_end_state(figure)
        display(self.root)  # type: ignore[no-untyped-call]

    @shown
    def _weight_moved(self, name: str, change: Mapping[str, Any]) -> None:
        self.weights[name] = float(change["new"])
        if not self._quiet:
            self._match_preset()
            self.refresh(offers_changed=False)

    @shown
    def _preset_chosen(self, change: Mapping[str, Any]) -> None:
        if self._quiet or change["new"] in (None, CUSTOM):
            return
        self._set_weights(self.presets[change["new"]].weights)

    @shown
    def _language_chosen(self, change: Mapping[str, Any]) -> None:
        self.lang = check_language(change["new"])
        with self._quietly():
            self._relabel()
        self.refresh()

    @shown
    def _input_changed(self, change: Mapping[str, Any]) -> None:
        """Redraw after an input changed (unless several are being set at once)."""
        if not self._quiet:
            self.refresh()

    @shown
    def _reset(self, _button: object = None) -> None:
        self._set_weights(self.initial_weights)

    def _text(self, key: str, /, **values: object) -> str:
        """Return the app's text ``key`` in its language (``apps.<AREA>``, else ``apps.base``)."""
        return app_text(self.AREA, key, self.lang, **values)

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
            for name in self.model.names:
                weight = self.sliders[name]
                weight.max = max(weight.max, float(weights[name]))
                weight.value = float(weights[name])
            self.weights = {name: float(weights[name]) for name in self.model.names}
            self._match_preset()
        self.refresh(offers_changed=offers_changed)

    def _match_preset(self) -> None:
        """Select the preset the sliders match, or "custom"."""
        names = self.model.names
        matching = [
            name
            for name, preset in self.presets.items()
            if all(abs(preset.weights[f] - self.weights[f]) < 1e-9 for f in names)
        ]
        with self._quietly():
            self.preset.value = matching[0] if matching else CUSTOM

    def _relabel_priorities(self) -> None:
        self.readouts.relabel(self.lang)
        self.page.lang = self.lang
        if has_text(f"apps.{self.AREA}.title"):
            self.page.title = f"{self._text('title')} · interview_lab"
        for factor in self.model.factors:
            self.sliders[factor.name].description = factor.text("label", self.lang)
        value = self.preset.value
        self.preset.options = [
            *((preset.text("label", self.lang), name) for name, preset in self.presets.items()),
            (self._text("custom"), CUSTOM),
        ]
        self.preset.value = value
        self.preset.description = self._text("preset")
        self.reset.description = self._text("reset")
        self.reset.tooltip = self._text("reset_tooltip")
        self.priorities_title.value = f"<b>{escape(self._text('priorities'))}</b>"
        if self.language.value != self.lang:
            self.language.value = self.lang


__all__ = [
    "APP_CLASS",
    "APP_CSS",
    "CHART_HEIGHT",
    "CONTROL_LOOK",
    "CUSTOM",
    "DEALBREAKER_MARK",
    "RATING_SLIDER_STEP",
    "RATING_SLIDER_STEPS",
    "WEIGHT_SLIDER_STEP",
    "ChartPanel",
    "PrioritiesApp",
    "Readouts",
    "advice_html",
    "app_text",
    "dealbreaker_columns",
    "dealbreaker_html",
    "dealbreaker_label",
    "fit_page",
    "float_slider",
    "html_table",
    "libraries",
    "map_key",
    "rating_slider",
    "rating_step",
    "readout_text",
    "scale_ends",
    "shown",
]
