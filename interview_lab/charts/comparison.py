"""Plotly charts of evaluated offers, in English or German.

Every public ``*_chart`` function takes the DataFrame :func:`interview_lab.evaluate`
returns and returns a :class:`plotly.graph_objects.Figure`; none of them shows
anything. Each is a thin wrapper over a ``*_spec`` function that describes the
chart as plain data (trace dicts and a layout dict); :class:`LiveChart` redraws a
``FigureWidget`` from the same spec, so the app and the static charts cannot drift.

User text (offer names, notes) is HTML-escaped before it reaches plotly, which
renders a subset of HTML in labels and hovers: ``<img src=x onerror=...>`` shows as
text. Verdicts have one colour-blind-safe palette (Okabe-Ito) across all charts.
"""

from __future__ import annotations

import functools
import html
import math
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..text.explain import format_number, verdict_label
from ..core.factors import RATING_MAX, Language, check_language
from ..core.model import DEFAULT_MODEL, FACTORS
from ..core.model import RESULT_COLUMNS, VERDICTS

if TYPE_CHECKING:
    import plotly.graph_objects as go

#: One colour per verdict (Okabe-Ito, safe for the common colour-vision deficiencies).
VERDICT_COLOURS: Mapping[str, str] = {
    "accept": "#009E73",
    "decline_keep_in_touch": "#56B4E9",
    "decline": "#D55E00",
}
#: One colour per factor (Paul Tol's "bright" scheme, also colour-blind safe).
FACTOR_COLOURS: Mapping[str, str] = {
    "interest": "#AA3377",
    "practice": "#4477AA",
    "surprise": "#CCBB44",
    "doors": "#66CCEE",
    "time_cost": "#EE6677",
    "confusion": "#BBBBBB",
}
#: Line colours for offers in the profile chart, cycled.
OFFER_COLOURS: Sequence[str] = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
)  # fmt: skip

_TEXT: Mapping[Language, Mapping[str, str]] = {
    "en": {
        "contributions": "What speaks for and against each invitation",
        "contributions_x": "contribution to the score (rating points)",
        "total": "score",
        "profile": "Ratings of each invitation (0-10)",
        "ranking": "Invitations ranked by score",
        "ranking_x": "score (above 0: go)",
        "borderline": "borderline",
        "benefit_cost": "What speaks for going against what speaks against",
        "benefit_cost_x": "against going (rating points)",
        "benefit_cost_y": "for going (rating points)",
        "region_accept": "go",
        "region_decline": "decline (keep in touch if doors are open)",
        "score": "score",
        "verdict": "verdict",
        "for": "for",
        "against": "against",
        "notes": "notes",
        "waterfall": "How the score adds up",
        "waterfall_y": "score (rating points; above 0: go)",
        "plan": "Interview plan: {n} of {limit} interviews, {used} of {hours} h of preparation",
        "plan_x": "hours of preparation",
        "plan_go": "go",
        "plan_reply_dont_go": "reply, don't go",
        "plan_out": "out",
        "plan_used": "hours used",
        "plan_limit": "hours available",
    },
    "de": {
        "contributions": "Was für und gegen jede Einladung spricht",
        "contributions_x": "Beitrag zur Bewertung (Punkte)",
        "total": "Bewertung",
        "profile": "Bewertungen jeder Einladung (0-10)",
        "ranking": "Einladungen nach Bewertung",
        "ranking_x": "Bewertung (über 0: hingehen)",
        "borderline": "Grenzfall",
        "benefit_cost": "Was für das Gespräch spricht und was dagegen",
        "benefit_cost_x": "spricht dagegen (Punkte)",
        "benefit_cost_y": "spricht dafür (Punkte)",
        "region_accept": "hingehen",
        "region_decline": "absagen (in Kontakt bleiben, wenn Türen offen sind)",
        "score": "Bewertung",
        "verdict": "Empfehlung",
        "for": "dafür",
        "against": "dagegen",
        "notes": "Notizen",
        "waterfall": "Wie die Bewertung zustande kommt",
        "waterfall_y": "Bewertung (Punkte; über 0: hingehen)",
        "plan": "Plan: {n} von {limit} Gesprächen, {used} von {hours} Std. Vorbereitung",
        "plan_x": "Stunden Vorbereitung",
        "plan_go": "hingehen",
        "plan_reply_dont_go": "antworten, nicht hingehen",
        "plan_out": "nicht dabei",
        "plan_used": "verplante Stunden",
        "plan_limit": "verfügbare Stunden",
    },
}

#: A chart as plain data: trace dicts (each with its plotly ``type``) and a layout dict.
Spec = tuple[list[dict[str, Any]], dict[str, Any]]

CONTRIBUTION_COLUMNS = tuple(f"contribution_{f.name}" for f in FACTORS)


def escape(value: object) -> str:
    """Make user text safe for plotly labels and hovers (newlines become line breaks)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return html.escape(str(value)).replace("\n", "<br>")


def _plotly() -> Any:
    try:
        import plotly.graph_objects as go
    except ImportError as error:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "interview_lab's charts need plotly: pip install 'interview-lab[notebook]'"
        ) from error
    return go


def _check_result(result: pd.DataFrame) -> None:
    missing = [c for c in ("offer", *RESULT_COLUMNS[:-1]) if c not in result.columns]
    if missing:
        raise ValueError(
            f"charts take the DataFrame interview_lab.evaluate returns; missing columns "
            f"{missing}. Call evaluate(offers) first."
        )


@dataclass(frozen=True)
class ChartData:
    """The columns of an evaluated table that the charts read, as plain lists.

    Redrawing is a hot path: the app extracts this once per change and hands it to
    every chart instead of each chart reading the DataFrame again.
    """

    names: list[str]  # escaped offer names, in table order
    scores: list[float]
    verdicts: list[str]
    borderline: list[bool]
    contributions: np.ndarray  # (n, 6)
    ratings: list[list[float]]
    notes: list[str]  # escaped
    order: list[int]  # positions from the lowest score to the highest

    @classmethod
    def of(cls, result: pd.DataFrame | ChartData) -> ChartData:
        """Extract the chart columns of an evaluated table (a ChartData is kept)."""
        if isinstance(result, ChartData):
            return result
        _check_result(result)
        names = [escape(name) for name in result["offer"].tolist()]
        scores = result["score"].to_numpy(dtype=float).round(3).tolist()
        # Lowest score first (plotly draws bars bottom-up); ties by name, A on top.
        order = sorted(range(len(names)), key=lambda k: names[k], reverse=True)
        order.sort(key=lambda k: scores[k])
        notes = result["notes"].tolist() if "notes" in result.columns else [""] * len(names)
        return cls(
            names=names,
            scores=scores,
            verdicts=result["verdict"].astype(str).tolist(),
            borderline=result["borderline"].astype(bool).tolist(),
            contributions=result[list(CONTRIBUTION_COLUMNS)].to_numpy(dtype=float),
            ratings=result[[f.name for f in FACTORS]].to_numpy(dtype=float).tolist(),
            notes=[escape(note) for note in notes],
            order=order,
        )


def contributions_spec(result: pd.DataFrame | ChartData, lang: str = "en") -> Spec:
    """Describe the diverging stacked contributions chart (see contributions_chart)."""
    language = check_language(lang)
    text = _TEXT[language]
    table = ChartData.of(result)
    names = [table.names[k] for k in table.order]
    contributions = table.contributions[table.order].round(3)
    specs: list[dict[str, Any]] = []
    for j, factor in enumerate(FACTORS):
        label = factor.text("label", language)
        specs.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": contributions[:, j].tolist(),
                "y": names,
                "name": label,
                "marker": {"color": FACTOR_COLOURS[factor.name]},
                "hovertemplate": f"%{{y}}<br>{escape(label)}: %{{x:+.2f}}<extra></extra>",
            }
        )
    specs.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": [table.scores[k] for k in table.order],
            "y": names,
            "name": text["total"],
            "marker": {"symbol": "diamond", "size": 12, "color": "black"},
            "hovertemplate": f"%{{y}}<br>{text['total']}: %{{x:+.2f}}<extra></extra>",
        }
    )
    return specs, {
        "title": {"text": text["contributions"]},
        "barmode": "relative",
        "xaxis": {"title": {"text": text["contributions_x"]}, "zeroline": True},
        "yaxis": {"title": {"text": ""}, "automargin": True},
        "legend": {"traceorder": "normal"},
    }


def profile_spec(result: pd.DataFrame | ChartData, lang: str = "en") -> Spec:
    """Describe the radar of every offer's six ratings (see profile_chart)."""
    language = check_language(lang)
    table = ChartData.of(result)
    labels = [factor.text("label", language) for factor in FACTORS]
    specs = [
        {
            "type": "scatterpolar",
            "r": [*ratings, ratings[0]],
            "theta": [*labels, labels[0]],
            "name": name,
            "mode": "lines+markers",
            "fill": "toself",
            "opacity": 0.4,
            "line": {"color": OFFER_COLOURS[k % len(OFFER_COLOURS)]},
            "hovertemplate": "%{fullData.name}<br>%{theta}: %{r}<extra></extra>",
        }
        for k, (name, ratings) in enumerate(zip(table.names, table.ratings, strict=True))
    ]
    return specs, {
        "title": {"text": _TEXT[language]["profile"]},
        "polar": {"radialaxis": {"range": [0, RATING_MAX]}},
    }


def ranking_spec(result: pd.DataFrame | ChartData, lang: str = "en") -> Spec:
    """Describe the score ranking coloured by verdict (see ranking_chart)."""
    language = check_language(lang)
    text = _TEXT[language]
    table = ChartData.of(result)
    specs: list[dict[str, Any]] = []
    for verdict in reversed(VERDICTS):
        chosen = [k for k in table.order if table.verdicts[k] == verdict]
        specs.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": [table.scores[k] for k in chosen],
                "y": [table.names[k] for k in chosen],
                "name": verdict_label(verdict, language),
                "marker": {"color": VERDICT_COLOURS[verdict]},
                "hovertemplate": f"%{{y}}<br>{text['score']}: %{{x:+.2f}}<extra></extra>",
            }
        )
    edgy = [k for k in table.order if table.borderline[k]]
    specs.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": [table.scores[k] for k in edgy],
            "y": [table.names[k] for k in edgy],
            "name": text["borderline"],
            "marker": {"symbol": "star-open", "size": 16, "color": "black", "line": {"width": 2}},
            "hovertemplate": f"%{{y}}: {text['borderline']}<extra></extra>",
        }
    )
    return specs, {
        "title": {"text": text["ranking"]},
        "barmode": "overlay",
        "xaxis": {"title": {"text": text["ranking_x"]}, "zeroline": True},
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": [table.names[k] for k in table.order],
            "automargin": True,
        },
    }


def benefit_cost(result: pd.DataFrame) -> pd.DataFrame:
    """Return, per offer, the sum of positive and of negative contributions.

    Columns ``offer, for, against`` (``against`` as a positive number); an offer is
    accepted exactly when ``for > against``.
    """
    pros, cons = _for_against(result[list(CONTRIBUTION_COLUMNS)].to_numpy(dtype=float))
    return pd.DataFrame(
        {"offer": result["offer"], "for": pros, "against": cons}, index=result.index
    )


def _for_against(contributions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum each row's positive contributions, and its negative ones as a positive number."""
    return contributions.clip(min=0).sum(axis=1), -contributions.clip(max=0).sum(axis=1)


#: The benefit/cost axes end at a multiple of this, so they rarely move on a redraw.
AXIS_STEP = 0.5


def benefit_cost_spec(result: pd.DataFrame | ChartData, lang: str = "en") -> Spec:
    """Describe the benefit/cost map with its verdict regions (see benefit_cost_chart)."""
    language = check_language(lang)
    text = _TEXT[language]
    table = ChartData.of(result)
    pros_array, cons_array = _for_against(table.contributions)
    pros, cons = pros_array.round(3).tolist(), cons_array.round(3).tolist()
    top = max(1.0, math.ceil(max(pros + cons) * 1.15 / AXIS_STEP) * AXIS_STEP)
    specs = []
    for verdict in reversed(VERDICTS):
        chosen = [k for k in range(len(table.names)) if table.verdicts[k] == verdict]
        hover = [
            f"<b>{table.names[k]}</b><br>{text['for']} {format_number(pros[k], language)}, "
            f"{text['against']} {format_number(cons[k], language)}"
            + (f"<br>{text['notes']}: {table.notes[k]}" if table.notes[k] else "")
            for k in chosen
        ]
        specs.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": [cons[k] for k in chosen],
                "y": [pros[k] for k in chosen],
                "text": [table.names[k] for k in chosen],
                "textposition": "top center",
                "textfont": {"size": 10},
                "name": verdict_label(verdict, language),
                "marker": {"color": VERDICT_COLOURS[verdict], "size": 12},
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    return specs, {
        "title": {"text": text["benefit_cost"]},
        "xaxis": {"title": {"text": text["benefit_cost_x"]}, "range": [0, top]},
        "yaxis": {"title": {"text": text["benefit_cost_y"]}, "range": [0, top]},
        "shapes": [
            {
                "type": "path",
                "path": f"M 0 0 L {top} {top} L 0 {top} Z",
                "fillcolor": VERDICT_COLOURS["accept"],
                "opacity": 0.12,
                "line": {"width": 0},
                "layer": "below",
            },
            {
                "type": "path",
                "path": f"M 0 0 L {top} {top} L {top} 0 Z",
                "fillcolor": VERDICT_COLOURS["decline"],
                "opacity": 0.08,
                "line": {"width": 0},
                "layer": "below",
            },
            {"type": "line", "x0": 0, "y0": 0, "x1": top, "y1": top, "line": {"dash": "dot"}},
        ],
        "annotations": [
            {
                "x": top * 0.02,
                "y": top * 0.98,
                "xanchor": "left",
                "yanchor": "top",
                "text": f"<b>{text['region_accept']}</b>",
                "showarrow": False,
            },
            {
                "x": top * 0.98,
                "y": top * 0.02,
                "xanchor": "right",
                "yanchor": "bottom",
                "text": f"<b>{text['region_decline']}</b>",
                "showarrow": False,
            },
        ],
    }


#: Waterfall order: each reason next to the caveat that cancels it.
WATERFALL_ORDER = ("interest", "doors", "practice", "time_cost", "surprise", "confusion")


def waterfall_spec(result: pd.DataFrame | ChartData, lang: str = "en") -> Spec:
    """Describe the waterfall of the first offer's score (see waterfall_chart)."""
    language = check_language(lang)
    text = _TEXT[language]
    table = ChartData.of(result)
    index = [FACTORS.index(DEFAULT_MODEL.factor(name)) for name in WATERFALL_ORDER]
    values = table.contributions[0, index].round(3).tolist()
    labels = [FACTORS[j].text("short", language) for j in index]
    verdict = table.verdicts[0]
    specs = [
        {
            "type": "waterfall",
            "orientation": "v",
            "measure": [*(["relative"] * len(values)), "total"],
            "x": [*labels, text["score"]],
            "y": [*values, 0.0],
            "text": [format_number(v, language, signed=True) for v in [*values, table.scores[0]]],
            "textposition": "outside",
            "increasing": {"marker": {"color": VERDICT_COLOURS["accept"]}},
            "decreasing": {"marker": {"color": VERDICT_COLOURS["decline"]}},
            "totals": {"marker": {"color": VERDICT_COLOURS[verdict]}},
            "connector": {"line": {"color": "#888888", "dash": "dot"}},
            "name": table.names[0],
            "hovertemplate": "%{x}: %{y:+.2f}<extra></extra>",
        }
    ]
    return specs, {
        "title": {"text": f"{text['waterfall']}: {table.names[0]}"},
        "yaxis": {"title": {"text": text["waterfall_y"]}, "zeroline": True},
        "showlegend": False,
    }


#: Bar colour of each plan action: go as accept, reply as keep in touch, out grey.
ACTION_COLOURS: Mapping[str, str] = {
    "go": VERDICT_COLOURS["accept"],
    "reply_dont_go": VERDICT_COLOURS["decline_keep_in_touch"],
    "out": "#BBBBBB",
}


def vertical_marker(x: float, label: str, xanchor: str = "center") -> dict[str, list[Any]]:
    """Layout ``shapes`` and ``annotations`` for a dashed vertical line labelled on top."""
    return {
        "shapes": [
            {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper",
             "line": {"color": "black", "dash": "dash", "width": 2}}
        ],
        "annotations": [
            {"x": x, "y": 1, "yref": "paper", "text": escape(label), "showarrow": False,
             "xanchor": xanchor, "yanchor": "bottom"}
        ],
    }  # fmt: skip


def plan_spec(planned: pd.DataFrame, lang: str = "en") -> Spec:
    """Describe the plan chart (see plan_chart)."""
    language = check_language(lang)
    text = _TEXT[language]
    if "action" not in planned.columns or "plan" not in planned.attrs:
        raise ValueError("plan_chart takes the DataFrame interview_lab.plan returns.")
    totals = planned.attrs["plan"]
    rank = {action: k for k, action in enumerate(ACTION_COLOURS)}
    # Plotly draws categories bottom-up: the chosen, best-scoring offers end on top.
    order = sorted(
        range(len(planned)),
        key=lambda k: (-rank[str(planned["action"].iloc[k])], float(planned["score"].iloc[k])),
    )
    names = [escape(planned["offer"].iloc[k]) for k in order]
    hours = planned["prep_hours"].to_numpy(dtype=float)
    reasons = [escape(reason) for reason in planned["reason"]]
    specs: list[dict[str, Any]] = []
    for action in ACTION_COLOURS:
        rows = [k for k in order if planned["action"].iloc[k] == action]
        specs.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": [round(float(hours[k]), 2) for k in rows],
                "y": [escape(planned["offer"].iloc[k]) for k in rows],
                "customdata": [reasons[k] for k in rows],
                "name": text[f"plan_{action}"],
                "marker": {"color": ACTION_COLOURS[action]},
                "hovertemplate": "%{y}<br>%{customdata}<extra></extra>",
            }
        )
    chosen = [k for k in order if planned["chosen"].iloc[k]][::-1]
    starts = np.concatenate([[0.0], np.cumsum(hours[chosen])[:-1]]).round(2).tolist()
    used_label = text["plan_used"]
    specs.append(
        {
            "type": "bar",
            "orientation": "h",
            "x": [round(float(hours[k]), 2) for k in chosen],
            "base": starts,
            "y": [used_label] * len(chosen),
            "customdata": [escape(planned["offer"].iloc[k]) for k in chosen],
            "name": used_label,
            "marker": {"color": ACTION_COLOURS["go"], "line": {"color": "white", "width": 2}},
            "showlegend": False,
            "hovertemplate": "%{customdata}: %{x} h<extra></extra>",
        }
    )
    limit = float(totals["hours"])
    title = text["plan"].format(
        n=totals["interviews_used"],
        limit=totals["interviews"],
        used=format_number(totals["hours_used"], language, digits=2).rstrip("0").rstrip(".,"),
        hours=format_number(limit, language, digits=2).rstrip("0").rstrip(".,"),
    )
    longest = max([limit, float(totals["hours_used"]), *hours.tolist(), 1.0])
    return specs, {
        "title": {"text": escape(title)},
        "barmode": "overlay",
        "xaxis": {
            "title": {"text": text["plan_x"]},
            "range": [0, math.ceil(longest * 1.1 / AXIS_STEP) * AXIS_STEP],
        },
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": [*names, used_label],
            "automargin": True,
        },
        **vertical_marker(limit, text["plan_limit"], xanchor="left"),
        "legend": {"traceorder": "normal"},
    }


#: Chart name -> function returning its traces and layout.
SPECS: Mapping[str, Callable[[Any, str], Spec]] = {
    "contributions": contributions_spec,
    "profile": profile_spec,
    "ranking": ranking_spec,
    "benefit_cost": benefit_cost_spec,
    "waterfall": waterfall_spec,
    "plan": plan_spec,  # takes what interview_lab.plan returns
}

_TRACE_TYPES = {
    "bar": "Bar",
    "scatter": "Scatter",
    "scatterpolar": "Scatterpolar",
    "waterfall": "Waterfall",
    "heatmap": "Heatmap",
}


def _trace(spec: Mapping[str, Any]) -> Any:
    kind = getattr(_plotly(), _TRACE_TYPES[spec["type"]])
    return kind(**{k: v for k, v in spec.items() if k != "type"})


def figure_from_spec(spec: Spec) -> go.Figure:
    """Build a new Figure from a chart's traces and layout."""
    traces, layout = spec
    return _plotly().Figure(data=[_trace(t) for t in traces], layout=layout)


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


@functools.cache
def live_figure_widget() -> type:
    """Return a FigureWidget class whose every full-state read is current.

    Updates reach existing views as small restyle messages, so nothing is copied per
    slider move; a view that joins later (a new page, Voila) asks for the full state
    and gets the figure as it is now, not as it was created.
    """

    class LiveFigureWidget(_plotly().FigureWidget):  # type: ignore[misc]
        def get_state(self, key: Any = None, drop_defaults: bool = False) -> Any:
            if key is None and getattr(self, "_layout_obj", None) is not None:
                sync_front_end_state(self)
            return super().get_state(key=key, drop_defaults=drop_defaults)

    return LiveFigureWidget


class LiveChart:
    """A FigureWidget kept drawn from a chart's spec, changing only what changed.

    ``draw`` compares the new spec with the one last drawn and hands plotly just the
    properties that differ, inside ``batch_update()``, so a slider move costs a few
    property updates and one message to the browser, and no new figure.
    """

    def __init__(
        self,
        chart: str | Callable[[Any, str], Spec],
        result: pd.DataFrame | ChartData,
        lang: str = "en",
    ) -> None:
        # A name from SPECS, or any spec function (e.g. from coach_charts).
        self.spec_function = SPECS[chart] if isinstance(chart, str) else chart
        self._drawn = self.spec_function(result, lang)
        self.figure = live_figure_widget()(figure_from_spec(self._drawn))

    def draw(self, result: pd.DataFrame | ChartData, lang: str) -> bool:
        """Redraw the figure in place for a new evaluated table or language.

        Returns whether anything changed.
        """
        traces, layout = self.spec_function(result, lang)
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
                    if old.get(key) != value:
                        trace[key] = value
                        touched = True
            for key in drawn_layout.keys() - layout.keys():
                figure.layout[key] = None
                touched = True
            for key, value in layout.items():
                if drawn_layout.get(key) != value:
                    figure.layout[key] = value
                    touched = True
        for spec in traces[keep:]:
            figure.add_trace(_trace(spec))
        self._drawn = (traces, layout)
        return touched


def contributions_chart(result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Plot one diverging stacked bar per offer: each factor's signed contribution.

    Offers are sorted by score (best on top); a black diamond marks each total.
    """
    return figure_from_spec(contributions_spec(result, lang))


def profile_chart(result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Plot the six ratings (0-10) of every offer on a radar."""
    return figure_from_spec(profile_spec(result, lang))


def ranking_chart(result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Rank the offers by score, coloured by verdict, with a star on borderline ones."""
    return figure_from_spec(ranking_spec(result, lang))


def benefit_cost_chart(result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Plot what speaks for going (y) against what speaks against (x), one point per offer.

    Above the diagonal the reasons outweigh the costs (go); below it, decline, or
    decline and keep in touch where the doors are open.
    """
    return figure_from_spec(benefit_cost_spec(result, lang))


def plan_chart(planned: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Plot an interview plan: each offer's preparation hours, coloured by what to do.

    The top bar stacks the chosen offers' hours against the dashed limit; the title
    counts the interviews and hours used. Takes what :func:`interview_lab.plan` returns.
    """
    return figure_from_spec(plan_spec(planned, lang))


def waterfall_chart(result: pd.DataFrame, offer: str | None = None, lang: str = "en") -> go.Figure:
    """Walk from 0 to one offer's score through each factor's contribution.

    Each reason stands next to the caveat that cancels it; the last bar is the score,
    coloured by the verdict. ``offer`` names the row (default: the first).
    """
    if offer is not None:
        chosen = result[result["offer"] == offer]
        if chosen.empty:
            raise ValueError(
                f"no offer named {offer!r}; the offers are {result['offer'].tolist()}."
            )
        result = chosen
    return figure_from_spec(waterfall_spec(result, lang))
