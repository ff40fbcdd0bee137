"""Plotly charts of the coach analyses in :mod:`interview_lab.analysis`.

As in :mod:`interview_lab.charts.comparison`, each ``*_chart`` returns a new
``plotly.graph_objects.Figure`` built from a ``*_spec`` (plain trace and layout
dicts) that :class:`~interview_lab.charts.live.LiveChart` can redraw in place;
nothing is shown. Every spec takes the DataFrame its analysis returns, a language
and ``model=`` (the model the analysis ran with: labels, colours, slider ranges).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..core.errors import OfferDataError
from ..core.i18n import (
    Language,
    check_language,
    errors_in,
    message,
    number,
    percent,
    plotly_separators,
    text,
)
from ..core.model import VERDICTS, Model
from ..io.presets import presets_for
from .common import (
    VERDICT_COLOURS,
    chart_model,
    escape,
    text_array,
    verdict_label,
    vertical_marker,
)
from .live import Spec, SpecFunction, figure_from_spec

if TYPE_CHECKING:
    import plotly.graph_objects as go

#: The persona name of a model's own default priorities (:attr:`Model.default_weights`):
#: the coach app offers it when no preset that fits the model has those weights.
MODEL_DEFAULTS = "model_defaults"
#: Shares below this (they would print as 0 %) are left blank in the heatmap.
SHOWN_SHARE = 0.005
#: The heatmap's most rows (offers) and columns (ranks): beyond, it shows the offers
#: likeliest to rank high (by expected rank) and groups the ranks, so it stays readable
#: and a redraw stays small (a 200 x 200 table would be 40,000 labelled cells).
HEATMAP_MAX_OFFERS = 20
HEATMAP_MAX_RANKS = 20
#: How far right the stability chart reaches beyond the largest finite bound.
STABILITY_AXIS_MARGIN = 1.25


def _number(value: float, lang: Language) -> str:
    """Write a flip point as people read it: at most two decimals, "∞" for no bound."""
    return number(value if math.isinf(value) else round(value, 2), lang)


def _sayer(lang: Language) -> Any:
    """Return ``say(key, **values)``: the coach chart text ``charts.coach.<key>``."""

    def say(key: str, /, **values: object) -> str:
        return text(f"charts.coach.{key}", lang, **values)

    return say


#: Ticks of an axis of shares (0 to 1).
SHARE_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def _with_zero_line(marker: dict[str, list[Any]]) -> dict[str, list[Any]]:
    zero = {"type": "line", "x0": 0, "x1": 0, "y0": 0, "y1": 1, "yref": "paper",
            "line": {"color": "grey", "width": 1}}  # fmt: skip
    return {**marker, "shapes": [*marker["shapes"], zero]}


def persona_label(name: str, lang: str = "en", *, model: Model | None = None) -> str:
    """Name a persona in ``lang``: a preset's label, else the name itself.

    :data:`MODEL_DEFAULTS` is called the model's default priorities.
    """
    language = check_language(lang)
    if name == MODEL_DEFAULTS:
        return text("charts.coach.model_defaults", language)
    presets = presets_for(model)
    return presets[name].text("label", language) if name in presets else name


def tornado_spec(bars: pd.DataFrame, lang: str = "en", *, model: Model | None = None) -> Spec:
    """Describe one offer's tornado (see tornado_chart); ``bars`` holds its rows."""
    language = check_language(lang)
    model = chart_model(bars, model)
    say = _sayer(language)
    offers = bars["offer"].unique()
    if len(offers) != 1:
        raise OfferDataError(message("charts.errors.one_offer", count=len(offers)))
    rows = bars.sort_values("swing", kind="stable")  # plotly draws bottom-up
    factors = [model.factor(name) for name in rows["factor"]]
    labels = [factor.text("label", language) for factor in factors]
    now = float(rows["score"].iloc[0])
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "x": (rows["highest"] - rows["lowest"]).to_numpy(dtype=float).round(3),
            "base": rows["lowest"].to_numpy(dtype=float).round(3),
            "customdata": rows["highest"].to_numpy(dtype=float).round(3),
            "marker": {"color": [factor.colour for factor in factors]},
            "name": say("tornado_x"),
            "hovertemplate": "%{y}: %{base:+.2f} … %{customdata:+.2f}<extra></extra>",
            "showlegend": False,
        }
    ]
    return traces, {
        "separators": plotly_separators(language),
        "title": {"text": escape(say("tornado", offer=offers[0]))},
        "xaxis": {"title": {"text": say("tornado_x")}, "zeroline": True},
        "yaxis": {"automargin": True},
        **_with_zero_line(vertical_marker(now, say("now"))),
    }  # fmt: skip


def stability_spec(
    intervals: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> Spec:
    """Describe the stability intervals of one factor (see stability_chart)."""
    language = check_language(lang)
    model = chart_model(intervals, model)
    say = _sayer(language)
    factors = intervals["factor"].unique()
    if len(factors) != 1:
        raise OfferDataError(
            message("charts.errors.one_factor", factors=[str(name) for name in factors])
        )
    factor = model.factor(factors[0])
    label = factor.text("label", language)
    weight = float(intervals["weight"].iloc[0])
    finite = [v for v in intervals["high"].tolist() if math.isfinite(v)]
    right = max([weight, *finite, factor.weight_max]) * STABILITY_AXIS_MARGIN
    names = text_array(escape(name) for name in intervals["offer"].tolist())
    verdicts = intervals["verdict"].astype(str).to_numpy()
    lows = intervals["low"].to_numpy(dtype=float)
    highs = intervals["high"].to_numpy(dtype=float)
    ranges = text_array(
        say("range", low=_number(low, language), high=_number(high, language))
        for low, high in zip(lows.tolist(), highs.tolist(), strict=True)
    )
    widths = (np.minimum(highs, right) - lows).round(3)
    traces: list[dict[str, Any]] = []
    for verdict in reversed(VERDICTS):
        rows = verdicts == verdict
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": names[rows],
                "base": lows[rows].round(3),
                "x": widths[rows],
                "customdata": ranges[rows],
                "name": verdict_label(verdict, language),
                "marker": {"color": VERDICT_COLOURS[verdict], "opacity": 0.8},
                "hovertemplate": "%{y}<br>%{customdata}<extra></extra>",
            }
        )
    return traces, {
        "separators": plotly_separators(language),
        "title": {"text": escape(say("stability", factor=label))},
        "barmode": "overlay",
        "xaxis": {"title": {"text": escape(say("stability_x", factor=label))},
                  "range": [0, round(right, 2)]},
        "yaxis": {"automargin": True, "categoryorder": "array",
                  "categoryarray": names[::-1].copy()},
        **vertical_marker(weight, say("current")),
    }  # fmt: skip


def acceptability_spec(
    table: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> Spec:
    """Describe the rank-acceptability heatmap (see acceptability_chart).

    Up to :data:`HEATMAP_MAX_OFFERS` offers, every offer and rank is a cell. Beyond,
    the rows are the offers likeliest to rank high (smallest expected rank, best
    first) and the ranks are grouped into at most :data:`HEATMAP_MAX_RANKS` columns
    of equal width, each cell the share of draws with a rank in the group.
    """
    language = check_language(lang)
    say = _sayer(language)
    shares = table.filter(regex=r"^rank_\d+$").to_numpy(dtype=float)
    names = text_array(escape(name) for name in table.index.tolist())
    count, ranks = shares.shape
    title = say("acceptability")
    if count <= HEATMAP_MAX_OFFERS and ranks <= HEATMAP_MAX_RANKS:
        rows = np.arange(count)
        columns = [say("rank", k=k + 1) for k in range(ranks)]
    else:
        expected = shares @ np.arange(1, ranks + 1)
        rows = np.argsort(expected, kind="stable")[:HEATMAP_MAX_OFFERS]
        width = math.ceil(ranks / HEATMAP_MAX_RANKS)
        starts = np.arange(0, ranks, width)
        shares = np.add.reduceat(shares, starts, axis=1)
        ends = np.minimum(starts + width, ranks)
        columns = [
            say("ranks", low=low + 1, high=high) if high > low + 1 else say("rank", k=high)
            for low, high in zip(starts.tolist(), ends.tolist(), strict=True)
        ]
        if len(rows) < count:
            title = say("acceptability_top", shown=len(rows), n=count)
    values = shares[rows].round(3)
    return [
        {
            "type": "heatmap",
            "z": values,
            "x": columns,
            "y": names[rows],
            "text": [
                [percent(v, language) if v >= SHOWN_SHARE else "" for v in row] for row in values
            ],
            "customdata": [[percent(v, language, 1) for v in row] for row in values],
            "texttemplate": "%{text}",
            "zmin": 0,
            "zmax": 1,
            "colorscale": "Blues",
            "colorbar": {"title": {"text": say("probability")}},
            "hovertemplate": "%{y}, %{x}: %{customdata}<extra></extra>",
        }
    ], {
        "separators": plotly_separators(language),
        "title": {"text": title},
        "yaxis": {"autorange": "reversed", "automargin": True},
    }


def verdict_probability_spec(
    table: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> Spec:
    """Describe each offer's verdict probabilities as stacked bars."""
    language = check_language(lang)
    say = _sayer(language)
    names = text_array(escape(name) for name in table.index.tolist())
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": names,
            "x": shares,
            "customdata": text_array(percent(share, language) for share in shares.tolist()),
            "name": verdict_label(verdict, language),
            "marker": {"color": VERDICT_COLOURS[verdict]},
            "hovertemplate": "%{y}: %{customdata}<extra></extra>",
        }
        for verdict in reversed(VERDICTS)
        for shares in [table[f"p_{verdict}"].to_numpy(dtype=float).round(3)]
    ]
    return traces, {
        "separators": plotly_separators(language),
        "title": {"text": say("verdicts")},
        "barmode": "stack",
        "xaxis": {
            "title": {"text": say("probability")},
            "range": [0, 1],
            "tickvals": list(SHARE_TICKS),
            "ticktext": [percent(tick, language) for tick in SHARE_TICKS],
        },
        "yaxis": {"autorange": "reversed", "automargin": True},
    }


def personas_spec(compared: pd.DataFrame, lang: str = "en", *, model: Model | None = None) -> Spec:
    """Describe two personas side by side (see personas_chart)."""
    language = check_language(lang)
    say = _sayer(language)
    model = chart_model(compared, model)
    first, second = (
        persona_label(str(name), language, model=model)
        for name in compared.attrs.get("names", (say("first"), say("second")))
    )
    score = text("charts.score", language)
    names = [escape(name) for name in compared["offer"]]
    traces: list[dict[str, Any]] = []
    for panel, prefix in (("x", "first"), ("x2", "second")):
        for factor in model.factors:
            label = factor.text("label", language)
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "xaxis": panel,
                    "y": names,
                    "x": compared[f"{prefix}_contribution_{factor.name}"]
                    .to_numpy(dtype=float)
                    .round(3),
                    "name": label,
                    "legendgroup": factor.name,
                    "showlegend": prefix == "first",
                    "marker": {"color": factor.colour},
                    "hovertemplate": f"%{{y}}<br>{escape(label)}: %{{x:+.2f}}<extra></extra>",
                }
            )
        verdicts = compared[f"{prefix}_verdict"].astype(str).tolist()
        scores = compared[f"{prefix}_score"].to_numpy(dtype=float)
        parts = compared[[f"{prefix}_contribution_{f.name}" for f in model.factors]]
        parts_array = parts.to_numpy(dtype=float)
        low = min(0.0, float(parts_array.clip(max=0).sum(axis=1).min(initial=0.0)))
        high = max(0.0, float(parts_array.clip(min=0).sum(axis=1).max(initial=0.0)))
        # Each "#1 go" on the side of its diamond with more room, so it stays in its panel.
        sides = ["middle left" if x > (low + high) / 2 else "middle right" for x in scores]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "xaxis": panel,
                "y": names,
                "x": compared[f"{prefix}_score"].to_numpy(dtype=float).round(3),
                "text": [
                    say("placed", rank=int(rank), verdict=verdict_label(v, language))
                    for rank, v in zip(compared[f"{prefix}_rank"], verdicts, strict=True)
                ],
                "textposition": sides,
                "cliponaxis": False,
                "textfont": {"size": 10},
                "name": score,
                "showlegend": False,
                "marker": {"symbol": "diamond", "size": 11,
                           "color": [VERDICT_COLOURS[v] for v in verdicts],
                           "line": {"color": "black", "width": 1}},
                "hovertemplate": f"%{{y}}<br>{score}: %{{x:+.2f}}<extra></extra>",
            }
        )  # fmt: skip
    changed = compared["verdict_changed"].to_numpy(dtype=bool)
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "xaxis": "x2",
            "y": [n for n, c in zip(names, changed, strict=True) if c],
            "x": compared.loc[changed, "second_score"].to_numpy(dtype=float).round(3),
            "name": say("changed"),
            "marker": {"symbol": "circle-open", "size": 22, "color": "black",
                       "line": {"width": 2}},
            "hovertemplate": f"%{{y}}: {say('changed')}<extra></extra>",
        }
    )  # fmt: skip
    return traces, {
        "separators": plotly_separators(language),
        "title": {"text": escape(say("personas", first=first, second=second))},
        "barmode": "relative",
        "xaxis": {"domain": [0, 0.47], "title": {"text": escape(str(first))}, "zeroline": True},
        "xaxis2": {"domain": [0.53, 1], "title": {"text": escape(str(second))}, "zeroline": True,
                   "anchor": "y"},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "legend": {"orientation": "h", "y": -0.15},
    }  # fmt: skip


def tornado_chart(
    bars: pd.DataFrame,
    offer: str | None = None,
    lang: str = "en",
    *,
    model: Model | None = None,
) -> go.Figure:
    """Plot, for one offer, how far each weight moves its score (widest bar on top).

    ``bars`` is what `interview_lab.analysis.tornado` returns; ``offer``
    names the offer (default: the first).
    """
    name = bars["offer"].iloc[0] if offer is None else offer
    rows = bars[bars["offer"] == name]
    with errors_in(lang):
        if rows.empty:
            offers = [str(offer) for offer in bars["offer"].unique().tolist()]
            raise OfferDataError(message("charts.errors.no_offer", offer=name, offers=offers))
        return figure_from_spec(tornado_spec(rows, lang, model=model))


def stability_chart(
    intervals: pd.DataFrame, factor: str, lang: str = "en", *, model: Model | None = None
) -> go.Figure:
    """Plot, for one factor, the weight range over which each offer keeps its verdict.

    ``intervals`` is what `interview_lab.analysis.stability_intervals`
    returns; the bar ends are the flip points, the dashed line the current weight.
    """
    rows = intervals[intervals["factor"] == factor]
    with errors_in(lang):
        if rows.empty:
            names = list(chart_model(intervals, model).names)
            raise OfferDataError(message("charts.errors.no_factor", factor=factor, names=names))
        return figure_from_spec(stability_spec(rows, lang, model=model))


def acceptability_chart(
    table: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> go.Figure:
    """Plot rank acceptability as a heatmap of offers by rank (share of draws)."""
    with errors_in(lang):
        return figure_from_spec(acceptability_spec(table, lang, model=model))


def verdict_probability_chart(
    table: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> go.Figure:
    """Plot each offer's probabilities of go / keep in touch / decline as stacked bars."""
    with errors_in(lang):
        return figure_from_spec(verdict_probability_spec(table, lang, model=model))


def personas_chart(
    compared: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> go.Figure:
    """Plot the same offers under two personas: contributions, score, rank and verdict.

    ``compared`` is what `interview_lab.analysis.side_by_side` returns; offers
    whose verdict differs are circled on the right.
    """
    with errors_in(lang):
        return figure_from_spec(personas_spec(compared, lang, model=model))


#: Chart name -> spec function, for LiveChart.
COACH_SPECS: Mapping[str, SpecFunction] = {
    "tornado": tornado_spec,
    "stability": stability_spec,
    "acceptability": acceptability_spec,
    "verdict_probability": verdict_probability_spec,
    "personas": personas_spec,
}
