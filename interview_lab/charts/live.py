"""The live-update engine: figures built from chart specs, and redrawn in place.

Every chart is described by a *spec function* returning a :data:`Spec` (plain trace
dicts, each with its plotly ``type``, and a layout dict); :func:`figure_from_spec`
turns a spec into a new ``Figure``, and :class:`LiveChart` keeps a ``FigureWidget``
drawn from the same spec function, handing plotly only what changed. So the static
charts and the apps cannot drift apart.

Numeric data in specs are numpy arrays: plotly keeps them as they are (no per-number
validation) and sends them to the browser as binary buffers.
"""

from __future__ import annotations

import functools
import json
import os
import pickle
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from ..core.model import Model

if TYPE_CHECKING:
    import plotly.graph_objects as go

#: A chart as plain data: trace dicts (each with its plotly ``type``) and a layout dict.
Spec = tuple[list[dict[str, Any]], dict[str, Any]]

#: The chart toolbar without plotly's cloud buttons ("Share chart" would upload the
#: client's data to a third party) and without the plotly logo link.
MODEBAR_CONFIG: Mapping[str, Any] = {
    "showSendToCloud": False,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["sendChartToCloud", "sendDataToCloud"],
}


class SpecFunction(Protocol):
    """Describe a chart of ``source`` (a table an analysis returned) in ``lang``."""

    def __call__(self, source: Any, lang: str = ..., /, *, model: Model | None = ...) -> Spec:
        """Return the chart's traces and layout."""
        ...


_TRACE_TYPES = {
    "bar": "Bar",
    "scatter": "Scatter",
    "scatterpolar": "Scatterpolar",
    "waterfall": "Waterfall",
    "heatmap": "Heatmap",
}


def plotly_objects() -> Any:
    """Return ``plotly.graph_objects``, or explain which extra installs it."""
    try:
        import plotly.graph_objects as go
    except ImportError as error:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "interview_lab's charts need plotly: pip install 'interview-lab[notebook]'"
        ) from error
    return go


def _trace(spec: Mapping[str, Any]) -> Any:
    kind = getattr(plotly_objects(), _TRACE_TYPES[spec["type"]])
    return kind(**{k: v for k, v in spec.items() if k != "type"})


def figure_from_spec(spec: Spec) -> go.Figure:
    """Build a new Figure from a chart's traces and layout."""
    traces, layout = spec
    return plotly_objects().Figure(data=[_trace(t) for t in traces], layout=layout)


def same(old: object, new: object) -> bool:
    """Whether two spec values are equal (numpy arrays compared element by element)."""
    if old is new:
        return True
    if isinstance(old, np.ndarray) or isinstance(new, np.ndarray):
        return (
            isinstance(old, np.ndarray)
            and isinstance(new, np.ndarray)
            and old.shape == new.shape
            and old.dtype == new.dtype
            and bool(np.array_equal(old, new))
        )
    try:
        return bool(old == new)
    except ValueError:  # a container holding arrays: compare it part by part
        if isinstance(old, dict) and isinstance(new, dict):
            return old.keys() == new.keys() and all(same(old[k], new[k]) for k in old)
        if isinstance(old, list | tuple) and isinstance(new, list | tuple):
            return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
        return False


def sync_front_end_state(figure: Any) -> None:
    """Make a FigureWidget's synced state its current state.

    A FigureWidget shown inside a container, not on its own, hands a new view only
    the data it was created with (plotly issue 4998): a chart updated before it is
    first shown, or a page opened later (Voila, a reload), would show the initial
    state. Plotly makes this same assignment when a FigureWidget is shown directly.
    """
    # A pickle round trip deep-copies this JSON-like data 4x faster than deepcopy.
    figure._widget_layout = pickle.loads(pickle.dumps(figure._layout_obj._props, -1))
    figure._widget_data = pickle.loads(pickle.dumps(figure._data, -1))


def _shared_bundle() -> str | None:
    """Return the widget module for a page served by ``scripts/serve-app``, else None.

    Under the app server every chart imports plotly's widget module from one URL (fetched
    and compiled once per page) instead of each sending its own 5 MB copy through the
    kernel, which made the first chart slow and let a chart miss its first updates
    while its copy was still being compiled. In JupyterLab plotly's own module is used.
    """
    bundle = os.environ.get("INTERVIEW_LAB_PLOTLY_WIDGET_URL")
    if not bundle or not os.environ.get("VOILA_BASE_URL"):
        return None
    return _ONE_AT_A_TIME.replace("BUNDLE", json.dumps(bundle))


#: The app page's chart module: plotly's (which the page template has already begun
#: to import while the page loads), with the charts drawn one at a time. Each chart
#: waits until the browser has shown the one before, so the first chart is on screen
#: after one drawing instead of after all of them (the same work in total). The queue
#: lives on ``globalThis``: every chart of the page shares it.
_ONE_AT_A_TIME = """\
const url = new URL(document.body.dataset.baseUrl + BUNDLE, location.href);
const plotly = (await import(url.href)).default;
const shown = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
export default () => {
  const widget = plotly();
  return {
    initialize: (context) => widget.initialize(context),
    render(context) {
      const charts = (globalThis.__interviewLabCharts ??= { drawn: Promise.resolve() });
      const drawn = charts.drawn.then(shown).then(() => widget.render(context));
      charts.drawn = drawn.catch(() => undefined);
      return drawn;
    },
  };
};
"""


@functools.cache
def live_figure_widget() -> type:
    """Return a FigureWidget class whose every full-state read is current.

    Updates reach existing views as small restyle messages, so nothing is copied per
    slider move; a view that joins later (a new page, Voila) asks for the full state
    and gets the figure as it is now, not as it was created. A view that is still
    starting up may miss a restyle message (plotly issue 4998): until the browser
    reports its first drawing, every change resends the whole state.
    """
    from traitlets import observe

    shared = _shared_bundle()

    class LiveFigureWidget(plotly_objects().FigureWidget):  # type: ignore[misc]
        if shared is not None:
            _esm = shared

        def get_state(self, key: Any = None, drop_defaults: bool = False) -> Any:
            if key is None and getattr(self, "_layout_obj", None) is not None:
                sync_front_end_state(self)
                # A real front end is making a view (no front end: a dummy comm).
                comm = getattr(self, "comm", None)
                if comm is not None and type(comm).__name__ != "DummyComm":
                    self._il_view_drawn = False
            return super().get_state(key=key, drop_defaults=drop_defaults)

        @observe("_js2py_traceDeltas")
        def _il_view_reported(self, change: Any) -> None:
            self._il_view_drawn = True  # the browser sends this once it has drawn

    return LiveFigureWidget


class LiveChart:
    """A FigureWidget kept drawn from a chart's spec, changing only what changed.

    ``draw`` compares the new spec with the one last drawn and hands plotly just the
    properties that differ, inside ``batch_update()``, so a slider move costs a few
    property updates and one message to the browser, and no new figure.
    """

    def __init__(
        self,
        spec_function: SpecFunction,
        source: Any,
        lang: str = "en",
        *,
        model: Model | None = None,
    ) -> None:
        self.spec_function = spec_function
        self.model = model
        self._drawn = spec_function(source, lang, model=model)
        self.figure = live_figure_widget()(figure_from_spec(self._drawn))
        self.figure._config = {**self.figure._config, **MODEBAR_CONFIG}

    def draw(self, source: Any, lang: str, *, model: Model | None = None) -> bool:
        """Redraw the figure in place for a new source, language or model.

        ``model`` replaces the chart's model from now on (default: keep it). Returns
        whether anything changed.
        """
        if model is not None:
            self.model = model
        traces, layout = self.spec_function(source, lang, model=self.model)
        drawn_traces, drawn_layout = self._drawn
        figure = self.figure
        keep = 0
        while (
            keep < min(len(traces), len(drawn_traces))
            and traces[keep]["type"] == drawn_traces[keep]["type"]
        ):
            keep += 1
        if keep < len(figure.data):  # plotly cannot remove traces inside a batch
            figure.data = figure.data[:keep]
        touched = keep < len(drawn_traces) or keep < len(traces)
        # Property assignment replaces a value whole (like update(overwrite=True))
        # at a third of update()'s cost, which parses every key as a path.
        with figure.batch_update():
            for index in range(keep):
                new, old = traces[index], drawn_traces[index]
                trace = figure.data[index]
                for key in old.keys() - new.keys():
                    trace[key] = None
                    touched = True
                for key, value in new.items():
                    if key not in old or not same(old[key], value):
                        trace[key] = value
                        touched = True
            for key in drawn_layout.keys() - layout.keys():
                figure.layout[key] = None
                touched = True
            for key, value in layout.items():
                if key not in drawn_layout or not same(drawn_layout[key], value):
                    figure.layout[key] = value
                    touched = True
        for spec in traces[keep:]:
            figure.add_trace(_trace(spec))
        self._drawn = (traces, layout)
        if touched and not getattr(figure, "_il_view_drawn", True):
            sync_front_end_state(figure)  # a view still starting up gets the whole state
        return touched


__all__ = [
    "MODEBAR_CONFIG",
    "LiveChart",
    "Spec",
    "SpecFunction",
    "figure_from_spec",
    "live_figure_widget",
    "plotly_objects",
    "same",
    "sync_front_end_state",
]
