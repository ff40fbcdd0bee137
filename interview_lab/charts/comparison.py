"""Plotly charts of evaluated offers and of interview plans, in English or German.

Every public ``*_chart`` function takes the DataFrame :func:`interview_lab.evaluate`
(or :func:`interview_lab.plan`) returns and returns a
:class:`plotly.graph_objects.Figure`; none of them shows anything. Each is a thin
wrapper over a ``*_spec`` function that describes the chart as plain data (see
:mod:`interview_lab.charts.live`), so the apps redraw from the same spec in place.

Factors' colours, labels and order come from the model the table was evaluated with
(``attrs["model"]``), or from ``model=``. For a model with deal-breakers, the ranking
and the benefit/cost map mark each offer that breaks one (a cross, the broken rules
in its hover), the waterfall names them in its title, and the plan chart's hover gives the
plan's reason (which names the rule that keeps a blocked offer out).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..core.errors import OfferDataError
from ..core.factors import RATING_MAX, RATING_MIN
from ..core.i18n import (
    Language,
    check_language,
    errors_in,
    message,
    number,
    plotly_separators,
    text,
)
from ..core.model import VERDICT_COLUMNS, VERDICTS, Model
from .common import (
    AXIS_STEP,
    VERDICT_COLOURS,
    VERDICT_TEXT_COLOURS,
    broken_rules,
    chart_model,
    escape,
    text_array,
    verdict_label,
    vertical_marker,
)
from .live import Spec, SpecFunction, figure_from_spec

if TYPE_CHECKING:
    import plotly.graph_objects as go


def _sayer(lang: Language) -> Any:
    """Return ``say(key, **values)``: the chart text ``charts.<key>`` in ``lang``."""

    def say(key: str, /, **values: object) -> str:
        return text(f"charts.{key}", lang, **values)

    return say


#: Line colours for offers in the profile chart, cycled.
OFFER_COLOURS: Sequence[str] = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
)  # fmt: skip


def close_call_text(borderline: bool, flips_to: object, lang: str = "en") -> str:
    """Say which verdict a small change would give: "close call → decline", or "".

    ``flips_to`` is a row's ``flips_to`` (a verdict code, or missing); a borderline
    row is a close call about going, any other row with a ``flips_to`` lies near the
    keep-in-touch line.
    """
    language = check_language(lang)
    if not isinstance(flips_to, str) or not flips_to:  # missing: nothing flips
        return ""
    key = "charts.close_call" if borderline else "charts.near_line"
    return text(key, language, verdict=verdict_label(str(flips_to), language))


def _check_result(result: pd.DataFrame, model: Model) -> None:
    wanted = ("offer", *model.names, *VERDICT_COLUMNS, *contribution_columns(model))
    missing = [c for c in wanted if c not in result.columns]
    if missing:
        raise OfferDataError(message("charts.errors.missing_columns", missing=missing))


def contribution_columns(model: Model) -> list[str]:
    """Return the ``contribution_<factor>`` columns of the model, in table order."""
    return [f"contribution_{name}" for name in model.names]


@dataclass(frozen=True)
class ChartData:
    """The columns of an evaluated table that the charts read, as arrays and lists.

    Redrawing is a hot path: the app extracts this once per change and hands it to
    every chart instead of each chart reading the DataFrame again.
    """

    model: Model
    names: np.ndarray  # (n,) escaped offer names (object array), in table order
    scores: np.ndarray  # (n,), rounded to 3 decimals
    verdicts: np.ndarray  # (n,) verdict codes as str
    borderline: np.ndarray  # (n,) bool
    flips_to: list[object]  # (n,) verdict code or missing
    contributions: np.ndarray  # (n, K)
    ratings: np.ndarray  # (n, K) on each factor's own scale
    notes: np.ndarray  # (n,) escaped notes (object array)
    order: np.ndarray  # positions from the lowest score to the highest
    dealbreakers: np.ndarray  # (n,) escaped broken deal-breakers, "" where none

    @classmethod
    def of(cls, result: pd.DataFrame | ChartData, model: Model | None = None) -> ChartData:
        """Extract the chart columns of an evaluated table (a ChartData is kept)."""
        if isinstance(result, ChartData):
            return result
        model = chart_model(result, model)
        _check_result(result, model)
        names = text_array(escape(name) for name in result["offer"].tolist())
        scores = result["score"].to_numpy(dtype=float).round(3)
        # Lowest score first (plotly draws bars bottom-up); ties by name, A on top.
        by_name = np.argsort(np.argsort(names.astype(str), kind="stable"), kind="stable")
        order = np.lexsort((-by_name, scores))
        notes = result["notes"].tolist() if "notes" in result.columns else [""] * len(names)
        return cls(
            model=model,
            names=names,
            scores=scores,
            verdicts=result["verdict"].astype(str).to_numpy(),
            borderline=result["borderline"].to_numpy(dtype=bool),
            flips_to=result["flips_to"].tolist(),
            contributions=result[contribution_columns(model)].to_numpy(dtype=float),
            ratings=result[list(model.names)].to_numpy(dtype=float),
            notes=text_array(escape(note) for note in notes),
            order=order,
            dealbreakers=text_array(escape(rules) for rules in broken_rules(result)),
        )

    def blocked(self) -> np.ndarray:
        """Positions of the offers that break a deal-breaker."""
        return np.flatnonzero(self.dealbreakers != "")


def _dealbreaker_marks(
    table: ChartData, x: np.ndarray, y: np.ndarray, lang: Language
) -> list[dict[str, Any]]:
    """Mark each offer that breaks a deal-breaker with a cross (none without any rules)."""
    if not table.model.dealbreakers:
        return []
    blocked = table.blocked()
    hover = text_array(
        text("charts.dealbreaker_hover", lang, rules=table.dealbreakers[k])
        for k in blocked.tolist()
    )
    return [
        {
            "type": "scatter",
            "mode": "markers",
            "x": x[blocked],
            "y": y[blocked],
            "customdata": hover,
            "text": table.names[blocked],
            "name": text("charts.dealbreaker", lang),
            "marker": {"symbol": "x-thin-open", "size": 18, "color": "black", "line": {"width": 3}},
            "hovertemplate": "%{text}: %{customdata}<extra></extra>",
        }
    ]


def contributions_spec(
    result: pd.DataFrame | ChartData, lang: str = "en", *, model: Model | None = None
) -> Spec:
    """Describe the diverging stacked contributions chart (see contributions_chart)."""
    language = check_language(lang)
    say = _sayer(language)
    table = ChartData.of(result, model)
    # Bars stay in table order; the axis sorts them, so a redraw that reorders the
    # offers changes one category list, not every trace.
    names = table.names
    contributions = table.contributions.round(3)
    specs: list[dict[str, Any]] = []
    for j, factor in enumerate(table.model.factors):
        label = factor.text("label", language)
        specs.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": contributions[:, j],
                "y": names,
                "name": label,
                "marker": {"color": factor.colour},
                "hovertemplate": f"%{{y}}<br>{escape(label)}: %{{x:+.2f}}<extra></extra>",
            }
        )
    specs.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": table.scores,
            "y": names,
            "name": say("score"),
            "marker": {"symbol": "diamond", "size": 12, "color": "black"},
            "hovertemplate": f"%{{y}}<br>{say('score')}: %{{x:+.2f}}<extra></extra>",
        }
    )
    return specs, {
        "separators": plotly_separators(language),
        "title": {"text": say("contributions.title")},
        "barmode": "relative",
        "xaxis": {"title": {"text": say("contributions.x")}, "zeroline": True},
        "yaxis": {
            "title": {"text": ""},
            "automargin": True,
            "categoryorder": "array",
            "categoryarray": names[table.order],
            **_name_ticks(names),
        },
        "legend": {"traceorder": "normal"},
    }


def profile_spec(
    result: pd.DataFrame | ChartData, lang: str = "en", *, model: Model | None = None
) -> Spec:
    """Describe the radar of every offer's ratings (see profile_chart).

    Each rating is drawn on the common 0-10 scale (a factor with a scale of its own
    is mapped onto it); the hover shows it on the factor's own scale.
    """
    language = check_language(lang)
    table = ChartData.of(result, model)
    factors = table.model.factors
    labels = [factor.text("label", language) for factor in factors]
    theta = [*labels, labels[0]]
    radii = table.model.to_scale(table.ratings.T).T.round(3)
    specs = [
        {
            "type": "scatterpolar",
            "r": np.append(radius, radius[0]),
            "theta": theta,
            "customdata": np.append(ratings, ratings[0]),
            "name": name,
            "mode": "lines+markers",
            "fill": "toself",
            "opacity": 0.4,
            "line": {"color": OFFER_COLOURS[k % len(OFFER_COLOURS)]},
            "hovertemplate": "%{fullData.name}<br>%{theta}: %{customdata:,.3~f}<extra></extra>",
        }
        for k, (name, radius, ratings) in enumerate(
            zip(table.names, radii, table.ratings, strict=True)
        )
    ]
    return specs, {
        "separators": plotly_separators(language),
        "title": {"text": text("charts.profile.title", language)},
        "polar": {
            # Room around the radar for the factors' names, on a narrow chart too.
            "domain": {"x": [0.25, 0.75], "y": [0.1, 0.92]},
            "radialaxis": {"range": [RATING_MIN, RATING_MAX]},
            # The first factor on top, each named short around the radar (a full German
            # label beside it would reach past a phone's edge); the hover says it whole.
            "angularaxis": {
                "rotation": 90,
                "direction": "clockwise",
                "tickmode": "array",
                "tickvals": labels,
                "ticktext": [escape(factor.text("short", language)) for factor in factors],
            },
        },
    }


def ranking_spec(
    result: pd.DataFrame | ChartData, lang: str = "en", *, model: Model | None = None
) -> Spec:
    """Describe the score ranking coloured by verdict (see ranking_chart)."""
    language = check_language(lang)
    say = _sayer(language)
    table = ChartData.of(result, model)
    specs: list[dict[str, Any]] = []
    for verdict in reversed(VERDICTS):
        chosen = np.flatnonzero(table.verdicts == verdict)  # the axis sorts them
        specs.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": table.scores[chosen],
                "y": table.names[chosen],
                "name": verdict_label(verdict, language),
                "marker": {"color": VERDICT_COLOURS[verdict]},
                "hovertemplate": f"%{{y}}<br>{say('score')}: %{{x:+.2f}}<extra></extra>",
            }
        )
    edgy = np.flatnonzero(table.borderline)
    close_calls = (close_call_text(True, table.flips_to[k], language) for k in edgy.tolist())
    specs.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": table.scores[edgy],
            "y": table.names[edgy],
            "customdata": text_array(close_calls),
            "name": say("ranking.borderline"),
            "marker": {"symbol": "star-open", "size": 16, "color": "black", "line": {"width": 2}},
            "hovertemplate": "%{y}: %{customdata}<extra></extra>",
        }
    )
    specs += _dealbreaker_marks(table, table.scores, table.names, language)
    return specs, {
        "separators": plotly_separators(language),
        "title": {"text": say("ranking.title")},
        "barmode": "overlay",
        "xaxis": {"title": {"text": say("ranking.x")}, "zeroline": True},
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": table.names[table.order],
            "automargin": True,
            **_name_ticks(table.names),
        },
    }


def benefit_cost(result: pd.DataFrame, *, model: Model | None = None) -> pd.DataFrame:
    """Return, per offer, the sum of positive and of negative contributions.

    Columns ``offer, for, against`` (``against`` as a positive number); an offer is
    accepted exactly when ``for > against``.
    """
    columns = contribution_columns(chart_model(result, model))
    pros, cons = _for_against(result[columns].to_numpy(dtype=float))
    return pd.DataFrame(
        {"offer": result["offer"], "for": pros, "against": cons}, index=result.index
    )


def _for_against(contributions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum each row's positive contributions, and its negative ones as a positive number."""
    return contributions.clip(min=0).sum(axis=1), -contributions.clip(max=0).sum(axis=1)


def _decline_region(model: Model, lang: Language) -> str:
    """Name the region below the diagonal, with the model's keep-in-touch line if any."""
    if model.keep_in_touch is None:
        return text("charts.benefit_cost.region_decline", lang)
    factor = model.factor(model.keep_in_touch)
    # The line is on the 0-10 scale; say it on the factor's own.
    share = (model.keep_in_touch_from - RATING_MIN) / (RATING_MAX - RATING_MIN)
    line = factor.low + share * (factor.high - factor.low)
    return text(
        "charts.benefit_cost.region_keep_in_touch", lang,
        factor=factor.text("short", lang), line=number(round(line, 2), lang),
    )  # fmt: skip


#: The benefit/cost map labels each point with its offer's number, placed for a plot
#: area this small (pixels each way): a larger plot moves the points apart while each
#: label keeps its distance from its point in pixels, so labels never come closer.
LABEL_PLOT_PIXELS = 180.0
#: Font size of the numbered labels, and the room a character takes (of the size).
LABEL_FONT_SIZE = 11
_CHAR_WIDTH = 0.7
#: Half the size of a marker on the map, in pixels (its labels keep off it).
_MARKER_HALF = 7.0
#: Where a label may go, nearest first: distances from its point (pixels) and
#: directions (degrees, counter-clockwise from right; up and the sides first).
_LABEL_DISTANCES = (20.0, 34.0, 48.0, 62.0, 76.0, 90.0, 104.0, 118.0)
_LABEL_ANGLES = (90, 0, 180, 270, 45, 135, 315, 225, 60, 120, 30, 150, 300, 240, 330, 210)


#: The benefit/cost map numbers its points up to this many offers. More labels could
#: not all find a free place on a small plot, and placing them costs time that grows
#: with the square of their number (about 20 ms at 20 offers, 0.6 s at 200): above
#: it, the hover names each point, and the map has no key.
MAX_NUMBERED_POINTS = 20

#: Offer names on an axis are broken into lines of about this many characters.
NAME_LINE = 25
#: The benefit/cost map's region names are broken into lines of about this many.
REGION_LINE = 24


def wrap_text(markup: str, width: int) -> str:
    """Break plotly text (already escaped) into lines of about ``width`` characters.

    Plotly never wraps a label: a long one reaches past a narrow chart's edge.
    Lines break at spaces only (a longer word keeps a line of its own).
    """
    lines: list[str] = []
    for word in markup.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _name_ticks(names: np.ndarray) -> dict[str, Any]:
    """Axis ticks that show each offer's name broken into lines (the values stay the names)."""
    return {
        "tickmode": "array",
        "tickvals": names,
        "ticktext": text_array(wrap_text(str(name), NAME_LINE) for name in names.tolist()),
    }


def _never_meet(points: float, offsets: float, reach: float) -> bool:
    """Whether two things stay ``reach`` apart along one axis on every large enough plot.

    They are ``points`` apart on the smallest plot (pixels) and moved ``offsets``. On a
    plot ``s`` times as large they are ``s * points + offsets`` apart: they meet for the
    ``s`` where that is within ``reach``, an interval that must end by ``s = 1``.
    """
    if points == 0:
        return abs(offsets) >= reach
    _, high = sorted(((-reach - offsets) / points, (reach - offsets) / points))
    return high <= 1.0


def _apart(
    first: tuple[float, float], second: tuple[float, float],
    moved: tuple[float, float], reach: tuple[float, float],
) -> bool:  # fmt: skip
    """Whether two boxes never overlap: apart along x or along y on every larger plot."""
    return _never_meet(first[0] - second[0], moved[0], reach[0]) or _never_meet(
        first[1] - second[1], moved[1], reach[1]
    )


def place_labels(
    x: np.ndarray,
    y: np.ndarray,
    top: float,
    labels: Sequence[str],
    corners: Sequence[tuple[float, float, float, float]] = (),
) -> list[tuple[float, float]]:
    """Place a label by each point of the benefit/cost map so that no two ever overlap.

    Returns each label's offset from its point in pixels (x to the right, y up). The
    points are on axes from 0 to ``top``; the offsets are chosen for a plot of
    :data:`LABEL_PLOT_PIXELS` each way and hold on any larger one (see
    :func:`_never_meet`): nearest first, a label keeps off every other label, off
    every marker, off the ``corners`` and inside the plot, and, if there is no such
    place, off every other label at least. A corner is text in a corner of the plot:
    the corner (0 or 1 along x and y) and the text's width and height in pixels, signed
    towards the inside of the plot.
    """
    scale = LABEL_PLOT_PIXELS / top
    points = [(float(a) * scale, float(b) * scale) for a, b in zip(x, y, strict=True)]
    halves = [
        (_CHAR_WIDTH * LABEL_FONT_SIZE * len(label) / 2 + 3, LABEL_FONT_SIZE * 0.65 + 3)
        for label in labels
    ]
    candidates = [
        (d * math.cos(math.radians(a)), d * math.sin(math.radians(a)))
        for d in _LABEL_DISTANCES
        for a in _LABEL_ANGLES
    ]
    placed: list[tuple[float, float]] = []
    for k, (point, half) in enumerate(zip(points, halves, strict=True)):

        def clear_of_labels(offset: tuple[float, float], k: int = k, half: Any = half) -> bool:
            return all(
                _apart(points[k], points[j], (offset[0] - placed[j][0], offset[1] - placed[j][1]),
                       (half[0] + halves[j][0] + 1, half[1] + halves[j][1] + 1))
                for j in range(len(placed))
            )  # fmt: skip

        def clear_of_marks(offset: tuple[float, float], k: int = k, half: Any = half) -> bool:
            reach = (half[0] + _MARKER_HALF, half[1] + _MARKER_HALF)
            return all(_apart(points[k], other, offset, reach) for other in points) and all(
                _apart(points[k], (cx * LABEL_PLOT_PIXELS, cy * LABEL_PLOT_PIXELS),
                       (offset[0] - w / 2, offset[1] - h / 2),
                       (half[0] + abs(w) / 2, half[1] + abs(h) / 2))
                for cx, cy, w, h in corners
            )  # fmt: skip

        def inside(offset: tuple[float, float], point: Any = point, half: Any = half) -> bool:
            return all(
                half[axis] <= point[axis] + offset[axis] <= LABEL_PLOT_PIXELS - half[axis]
                for axis in (0, 1)
            )

        tests = (
            lambda o: clear_of_labels(o) and clear_of_marks(o) and inside(o),
            lambda o: clear_of_labels(o) and inside(o),
            clear_of_labels,
        )
        chosen = next((o for test in tests for o in candidates if test(o)), candidates[-1])
        placed.append(chosen)
    return placed


def _point_labels(
    cons: np.ndarray, pros: np.ndarray, top: float, names: np.ndarray, regions: Sequence[str]
) -> list[dict[str, Any]]:
    """Label each point of the map with its number (1, 2, ... in table order) and a line.

    The labels keep off the names of the two ``regions`` (upper left, lower right).
    Above :data:`MAX_NUMBERED_POINTS` offers there are none.
    """
    if len(names) > MAX_NUMBERED_POINTS:
        return []
    numbers = [str(k + 1) for k in range(len(names))]
    # The regions' names in bold 12 px: about 7.5 px a character, 16 px a line.
    (accept, up), (decline, down) = (
        (
            max(len(line) for line in region.split("<br>")) * 7.5 + 8,
            16.0 * (region.count("<br>") + 1) + 2,
        )
        for region in regions
    )
    corners = [(0.0, 1.0, accept, -up), (1.0, 0.0, -decline, down)]
    offsets = place_labels(cons, pros, top, numbers, corners)
    return [
        {
            "x": float(cons[k]),
            "y": float(pros[k]),
            "ax": round(dx, 1),
            "ay": round(-dy, 1),  # plotly measures down
            "axref": "pixel",
            "ayref": "pixel",
            "text": number,
            "hovertext": names[k],
            "showarrow": True,
            "arrowhead": 0,
            "arrowwidth": 1,
            "arrowcolor": "#555555",
            "standoff": _MARKER_HALF - 1,
            "font": {"size": LABEL_FONT_SIZE, "color": "black"},
            "bgcolor": "rgba(255,255,255,0.85)",
            "borderpad": 1,
            "name": "point label",
        }
        for k, (number, (dx, dy)) in enumerate(zip(numbers, offsets, strict=True))
    ]


def benefit_cost_key(
    result: pd.DataFrame | ChartData, *, model: Model | None = None
) -> list[tuple[str, str, str]]:
    """Return the key to the map's numbers: (number, escaped name, verdict) per offer.

    Empty above :data:`MAX_NUMBERED_POINTS` offers, where the points carry no numbers.
    """
    table = ChartData.of(result, model)
    if len(table.names) > MAX_NUMBERED_POINTS:
        return []
    return [
        (str(k + 1), str(name), str(verdict))
        for k, (name, verdict) in enumerate(zip(table.names, table.verdicts, strict=True))
    ]


def benefit_cost_spec(
    result: pd.DataFrame | ChartData, lang: str = "en", *, model: Model | None = None
) -> Spec:
    """Describe the benefit/cost map with its verdict regions (see benefit_cost_chart).

    Each point carries its offer's number (1, 2, ... in table order), placed so that no
    two labels overlap however close the points; the hover names the offer.
    """
    language = check_language(lang)
    say = _sayer(language)
    table = ChartData.of(result, model)
    pros_array, cons_array = _for_against(table.contributions)
    pros, cons = pros_array.round(3), cons_array.round(3)
    top = max(
        1.0, math.ceil(max(pros.max(initial=0), cons.max(initial=0)) * 1.15 / AXIS_STEP) * AXIS_STEP
    )
    pros_text = [number(v, language, 1) for v in pros.tolist()]
    cons_text = [number(v, language, 1) for v in cons.tolist()]
    specs = []
    for verdict in reversed(VERDICTS):
        chosen = np.flatnonzero(table.verdicts == verdict)
        hover = text_array(
            f"<b>{k + 1} · {table.names[k]}</b><br>"
            + say("benefit_cost.hover", pros=pros_text[k], cons=cons_text[k])
            + (f"<br>{say('benefit_cost.notes', notes=table.notes[k])}" if table.notes[k] else "")
            + (
                "<br>" + say("dealbreaker_hover", rules=table.dealbreakers[k])
                if table.dealbreakers[k]
                else ""
            )
            for k in chosen.tolist()
        )
        specs.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": cons[chosen],
                "y": pros[chosen],
                "text": table.names[chosen],  # the numbered labels are annotations
                "name": verdict_label(verdict, language),
                "marker": {"color": VERDICT_COLOURS[verdict], "size": 12},
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    specs += _dealbreaker_marks(table, cons, pros, language)
    # The decline region's name, with its keep-in-touch line, in short lines: on a phone
    # a one-line name would reach across the points of the lower right.
    regions = (
        escape(say("benefit_cost.region_accept")),
        wrap_text(escape(_decline_region(table.model, language)), REGION_LINE),
    )
    return specs, {
        "separators": plotly_separators(language),
        "title": {"text": say("benefit_cost.title")},
        "xaxis": {"title": {"text": say("benefit_cost.x")}, "range": [0, top]},
        "yaxis": {"title": {"text": say("benefit_cost.y")}, "range": [0, top]},
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
                "text": f"<b>{regions[0]}</b>",
                "showarrow": False,
            },
            {
                "x": top * 0.98,
                "y": top * 0.02,
                "xanchor": "right",
                "yanchor": "bottom",
                "text": f"<b>{regions[1]}</b>",
                "align": "right",
                "showarrow": False,
            },
            *_point_labels(cons, pros, top, table.names, regions),
        ],
    }


def waterfall_spec(
    result: pd.DataFrame | ChartData, lang: str = "en", *, model: Model | None = None
) -> Spec:
    """Describe the waterfall of the first offer's score (see waterfall_chart)."""
    language = check_language(lang)
    say = _sayer(language)
    table = ChartData.of(result, model)
    chosen = table.model
    index = [chosen.index[name] for name in chosen.chart_order]
    values = table.contributions[0, index].round(3)
    labels = [chosen.factors[j].text("short", language) for j in index]
    score = float(table.scores[0])
    verdict = str(table.verdicts[0])
    title = say("waterfall.title", offer=table.names[0])
    if table.dealbreakers[0]:
        title += f" ({say('dealbreaker_hover', rules=table.dealbreakers[0])})"
    specs = [
        {
            "type": "waterfall",
            "orientation": "v",
            "measure": [*(["relative"] * len(values)), "total"],
            "x": [*labels, say("score")],
            "y": np.append(values, 0.0),
            "text": [number(v, language, 1, signed=True) for v in [*values.tolist(), score]],
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
        "separators": plotly_separators(language),
        "title": {"text": title},
        "yaxis": {"title": {"text": say("waterfall.y")}, "zeroline": True},
        "showlegend": False,
    }


#: Bar colour of each plan action: go as accept, reply as keep in touch, out grey.
ACTION_COLOURS: Mapping[str, str] = {
    "go": VERDICT_COLOURS["accept"],
    "reply_dont_go": VERDICT_COLOURS["decline_keep_in_touch"],
    "out": "#BBBBBB",
}
#: The same for text on white (at least 4.5:1).
ACTION_TEXT_COLOURS: Mapping[str, str] = {
    "go": VERDICT_TEXT_COLOURS["accept"],
    "reply_dont_go": VERDICT_TEXT_COLOURS["decline_keep_in_touch"],
    "out": "#767676",
}


def plan_spec(planned: pd.DataFrame, lang: str = "en", *, model: Model | None = None) -> Spec:
    """Describe the plan chart (see plan_chart); the plan's model names nothing here."""
    language = check_language(lang)
    say = _sayer(language)
    if "action" not in planned.columns or "plan" not in planned.attrs:
        raise OfferDataError(message("charts.errors.not_a_plan"))
    totals = planned.attrs["plan"]
    actions = list(ACTION_COLOURS)
    rank = pd.Categorical(planned["action"], categories=actions).codes.astype(np.int64)
    scores = planned["score"].to_numpy(dtype=float)
    # Plotly draws categories bottom-up: the chosen, best-scoring offers end on top.
    order = np.lexsort((scores, -rank))
    names = text_array(escape(name) for name in planned["offer"].tolist())
    hours = planned["prep_hours"].to_numpy(dtype=float)
    shown_hours = hours.round(2)
    reasons = text_array(escape(str(reason)) for reason in planned["reason"].tolist())
    specs: list[dict[str, Any]] = []
    ordered_rank = rank[order]
    for code, action in enumerate(actions):
        rows = order[ordered_rank == code]
        specs.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": shown_hours[rows],
                "y": names[rows],
                "customdata": reasons[rows],
                "name": say(f"plan.{action}"),
                "marker": {"color": ACTION_COLOURS[action]},
                "hovertemplate": "%{y}<br>%{customdata}<extra></extra>",
            }
        )
    chosen = order[planned["chosen"].to_numpy(dtype=bool)[order]][::-1]
    starts = np.concatenate([[0.0], np.cumsum(hours[chosen])[:-1]]).round(2)
    used_label = say("plan.used")
    hours_unit = escape(text("common.hours_unit", language))
    specs.append(
        {
            "type": "bar",
            "orientation": "h",
            "x": shown_hours[chosen],
            "base": starts,
            "y": text_array([used_label] * len(chosen)),
            "customdata": names[chosen],
            "name": used_label,
            "marker": {"color": ACTION_COLOURS["go"], "line": {"color": "white", "width": 2}},
            "showlegend": False,
            "hovertemplate": f"%{{customdata}}: %{{x:.2~f}} {hours_unit}<extra></extra>",
        }
    )
    limit = float(totals["hours"])
    title = say(
        "plan.title",
        n=totals["interviews_used"],
        limit=totals["interviews"],
        used=number(round(float(totals["hours_used"]), 2), language),
        hours=text("common.hours", language, hours=round(limit, 2)),
    )
    longest = max(limit, float(totals["hours_used"]), float(hours.max(initial=0.0)), 1.0)
    return specs, {
        "separators": plotly_separators(language),
        "title": {"text": escape(title)},
        "barmode": "overlay",
        "xaxis": {
            "title": {"text": say("plan.x")},
            "range": [0, math.ceil(longest * 1.1 / AXIS_STEP) * AXIS_STEP],
        },
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": np.append(names[order], used_label),
            "automargin": True,
        },
        **vertical_marker(limit, say("plan.limit"), xanchor="left"),
        "legend": {"traceorder": "normal"},
    }


#: Chart name -> function returning its traces and layout.
SPECS: Mapping[str, SpecFunction] = {
    "contributions": contributions_spec,
    "profile": profile_spec,
    "ranking": ranking_spec,
    "benefit_cost": benefit_cost_spec,
    "waterfall": waterfall_spec,
    "plan": plan_spec,  # takes what interview_lab.plan returns
}


def contributions_chart(
    result: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> go.Figure:
    """Plot one diverging stacked bar per offer: each factor's signed contribution.

    Offers are sorted by score (best on top); a black diamond marks each total.
    """
    with errors_in(lang):
        return figure_from_spec(contributions_spec(result, lang, model=model))


def profile_chart(
    result: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> go.Figure:
    """Plot the ratings of every offer on a radar (each factor's scale mapped onto 0-10)."""
    with errors_in(lang):
        return figure_from_spec(profile_spec(result, lang, model=model))


def ranking_chart(
    result: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> go.Figure:
    """Rank the offers by score, coloured by verdict, with a star on borderline ones."""
    with errors_in(lang):
        return figure_from_spec(ranking_spec(result, lang, model=model))


def benefit_cost_chart(
    result: pd.DataFrame, lang: str = "en", *, model: Model | None = None
) -> go.Figure:
    """Plot what speaks for going (y) against what speaks against (x), one point per offer.

    Above the diagonal the reasons outweigh the costs (go); below it, decline, or
    decline and keep in touch where the doors are open.
    """
    with errors_in(lang):
        return figure_from_spec(benefit_cost_spec(result, lang, model=model))


def plan_chart(planned: pd.DataFrame, lang: str = "en", *, model: Model | None = None) -> go.Figure:
    """Plot an interview plan: each offer's preparation hours, coloured by what to do.

    The top bar stacks the chosen offers' hours against the dashed limit; the title
    counts the interviews and hours used. Takes what :func:`interview_lab.plan` returns.
    """
    with errors_in(lang):
        return figure_from_spec(plan_spec(planned, lang, model=model))


def waterfall_chart(
    result: pd.DataFrame,
    offer: str | None = None,
    lang: str = "en",
    *,
    model: Model | None = None,
) -> go.Figure:
    """Walk from 0 to one offer's score through each factor's contribution.

    Each reason stands next to the factor that cancels it (``model.chart_order``);
    the last bar is the score, coloured by the verdict. ``offer`` names the row
    (default: the first).
    """
    if offer is not None:
        chosen = result[result["offer"] == offer]
        if chosen.empty:
            offers = [str(name) for name in result["offer"].tolist()]
            with errors_in(lang):
                raise OfferDataError(message("charts.errors.no_offer", offer=offer, offers=offers))
        result = chosen
    with errors_in(lang):
        return figure_from_spec(waterfall_spec(result, lang, model=model))


__all__ = [
    "ACTION_COLOURS",
    "OFFER_COLOURS",
    "SPECS",
    "ChartData",
    "benefit_cost",
    "benefit_cost_chart",
    "benefit_cost_key",
    "benefit_cost_spec",
    "close_call_text",
    "contribution_columns",
    "contributions_chart",
    "contributions_spec",
    "plan_chart",
    "plan_spec",
    "profile_chart",
    "profile_spec",
    "ranking_chart",
    "ranking_spec",
    "waterfall_chart",
    "waterfall_spec",
    "wrap_text",
]
