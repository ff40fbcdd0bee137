"""Plotly charts of evaluated offers, in English or German.

Every public function takes the DataFrame :func:`interview_lab.evaluate` returns and
returns a :class:`plotly.graph_objects.Figure`; none of them shows anything. Each one
is a thin wrapper over a ``draw_*`` function that sets a figure's traces and layout in
place, so the comparison app can redraw its ``FigureWidget`` s inside
``batch_update()`` with exactly the same code that built them.

User text (offer names, notes) is HTML-escaped before it reaches plotly, which
renders a subset of HTML in labels and hovers: ``<img src=x onerror=...>`` shows as
text. Verdicts have one colour-blind-safe palette (Okabe-Ito) across all charts.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from .explain import format_number, verdict_label
from .factors import FACTORS, RATING_MAX, Language, check_language
from .model import RESULT_COLUMNS, VERDICTS

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
    },
}

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


def _set_traces(fig: go.Figure, specs: Sequence[Mapping[str, Any]]) -> None:
    """Make ``fig`` hold exactly these traces, updating the ones it has in place."""
    go = _plotly()
    kinds = {"bar": go.Bar, "scatter": go.Scatter, "scatterpolar": go.Scatterpolar}
    current = fig.data
    keep = 0
    while keep < min(len(current), len(specs)) and current[keep].type == specs[keep]["type"]:
        keep += 1
    if keep < len(current):
        fig.data = current[:keep]
    for index, spec in enumerate(specs):
        properties = {k: v for k, v in spec.items() if k != "type"}
        if index < keep:
            fig.data[index].update(properties, overwrite=True)
        else:
            fig.add_trace(kinds[spec["type"]](**properties))


def _order(result: pd.DataFrame) -> pd.DataFrame:
    """Offers from the lowest score to the highest (plotly draws bars bottom-up)."""
    return result.sort_values(["score", "offer"], ascending=[True, False], kind="stable")


def draw_contributions(fig: go.Figure, result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Set ``fig`` to the diverging stacked contributions bar chart (see contributions_chart)."""
    language = check_language(lang)
    text = _TEXT[language]
    _check_result(result)
    ordered = _order(result)
    names = [escape(name) for name in ordered["offer"]]
    specs: list[dict[str, Any]] = []
    for factor, column in zip(FACTORS, CONTRIBUTION_COLUMNS, strict=True):
        label = factor.text("label", language)
        specs.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": ordered[column].round(3).tolist(),
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
            "x": ordered["score"].round(3).tolist(),
            "y": names,
            "name": text["total"],
            "marker": {"symbol": "diamond", "size": 12, "color": "black"},
            "hovertemplate": f"%{{y}}<br>{text['total']}: %{{x:+.2f}}<extra></extra>",
        }
    )
    _set_traces(fig, specs)
    fig.update_layout(
        title={"text": text["contributions"]},
        barmode="relative",
        xaxis={"title": {"text": text["contributions_x"]}, "zeroline": True},
        yaxis={"title": {"text": ""}, "automargin": True},
        legend={"traceorder": "normal"},
    )
    return fig


def draw_profile(fig: go.Figure, result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Set ``fig`` to the radar chart of every offer's six ratings (see profile_chart)."""
    language = check_language(lang)
    labels = [factor.text("label", language) for factor in FACTORS]
    specs = []
    for k, row in enumerate(result.itertuples(index=False)):
        ratings = [float(getattr(row, factor.name)) for factor in FACTORS]
        specs.append(
            {
                "type": "scatterpolar",
                "r": [*ratings, ratings[0]],
                "theta": [*labels, labels[0]],
                "name": escape(row.offer),
                "mode": "lines+markers",
                "fill": "toself",
                "opacity": 0.4,
                "line": {"color": OFFER_COLOURS[k % len(OFFER_COLOURS)]},
                "hovertemplate": "%{fullData.name}<br>%{theta}: %{r}<extra></extra>",
            }
        )
    _set_traces(fig, specs)
    fig.update_layout(
        title={"text": _TEXT[language]["profile"]},
        polar={"radialaxis": {"range": [0, RATING_MAX]}},
    )
    return fig


def draw_ranking(fig: go.Figure, result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Set ``fig`` to the score ranking coloured by verdict (see ranking_chart)."""
    language = check_language(lang)
    text = _TEXT[language]
    _check_result(result)
    ordered = _order(result)
    names = [escape(name) for name in ordered["offer"]]
    specs: list[dict[str, Any]] = []
    for verdict in reversed(VERDICTS):
        chosen = ordered[ordered["verdict"] == verdict]
        specs.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": chosen["score"].round(3).tolist(),
                "y": [escape(name) for name in chosen["offer"]],
                "name": verdict_label(verdict, language),
                "marker": {"color": VERDICT_COLOURS[verdict]},
                "hovertemplate": f"%{{y}}<br>{text['score']}: %{{x:+.2f}}<extra></extra>",
            }
        )
    edgy = ordered[ordered["borderline"]]
    specs.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": edgy["score"].round(3).tolist(),
            "y": [escape(name) for name in edgy["offer"]],
            "name": text["borderline"],
            "marker": {"symbol": "star-open", "size": 16, "color": "black", "line": {"width": 2}},
            "hovertemplate": f"%{{y}}: {text['borderline']}<extra></extra>",
        }
    )
    _set_traces(fig, specs)
    fig.update_layout(
        title={"text": text["ranking"]},
        barmode="overlay",
        xaxis={"title": {"text": text["ranking_x"]}, "zeroline": True},
        yaxis={"categoryorder": "array", "categoryarray": names, "automargin": True},
    )
    return fig


def benefit_cost(result: pd.DataFrame) -> pd.DataFrame:
    """Return, per offer, the sum of positive and of negative contributions.

    Columns ``offer, for, against`` (``against`` as a positive number); an offer is
    accepted exactly when ``for > against``.
    """
    contributions = result[list(CONTRIBUTION_COLUMNS)]
    return pd.DataFrame(
        {
            "offer": result["offer"],
            "for": contributions.clip(lower=0).sum(axis=1),
            "against": -contributions.clip(upper=0).sum(axis=1),
        }
    )


def draw_benefit_cost(fig: go.Figure, result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Set ``fig`` to the benefit/cost map with its verdict regions (see benefit_cost_chart)."""
    language = check_language(lang)
    text = _TEXT[language]
    _check_result(result)
    sides = benefit_cost(result)
    top = max(1.0, float(sides[["for", "against"]].to_numpy().max()) * 1.15)
    notes = result["notes"] if "notes" in result.columns else pd.Series("", index=result.index)
    specs = []
    for verdict in reversed(VERDICTS):
        mask = (result["verdict"] == verdict).to_numpy()
        hover = [
            f"<b>{escape(offer)}</b><br>{text['for']} {format_number(pro, language)}, "
            f"{text['against']} {format_number(con, language)}"
            + (f"<br>{text['notes']}: {escape(note)}" if escape(note) else "")
            for offer, pro, con, note in zip(
                result["offer"][mask],
                sides["for"][mask],
                sides["against"][mask],
                notes[mask],
                strict=True,
            )
        ]
        specs.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": sides["against"][mask].round(3).tolist(),
                "y": sides["for"][mask].round(3).tolist(),
                "text": [escape(offer) for offer in result["offer"][mask]],
                "textposition": "top center",
                "textfont": {"size": 10},
                "name": verdict_label(verdict, language),
                "marker": {"color": VERDICT_COLOURS[verdict], "size": 12},
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    _set_traces(fig, specs)
    fig.update_layout(
        title={"text": text["benefit_cost"]},
        xaxis={"title": {"text": text["benefit_cost_x"]}, "range": [0, top]},
        yaxis={"title": {"text": text["benefit_cost_y"]}, "range": [0, top]},
        shapes=[
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
        annotations=[
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
    )
    return fig


#: Chart name -> function that draws it into a figure in place.
DRAWERS: Mapping[str, Callable[[go.Figure, pd.DataFrame, str], go.Figure]] = {
    "contributions": draw_contributions,
    "profile": draw_profile,
    "ranking": draw_ranking,
    "benefit_cost": draw_benefit_cost,
}


def contributions_chart(result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Plot one diverging stacked bar per offer: each factor's signed contribution.

    Offers are sorted by score (best on top); a black diamond marks each total.
    """
    return draw_contributions(_plotly().Figure(), result, lang)


def profile_chart(result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Plot the six ratings (0-10) of every offer on a radar."""
    return draw_profile(_plotly().Figure(), result, lang)


def ranking_chart(result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Rank the offers by score, coloured by verdict, with a star on borderline ones."""
    return draw_ranking(_plotly().Figure(), result, lang)


def benefit_cost_chart(result: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Plot what speaks for going (y) against what speaks against (x), one point per offer.

    Above the diagonal the reasons outweigh the costs (go); below it, decline, or
    decline and keep in touch where the doors are open.
    """
    return draw_benefit_cost(_plotly().Figure(), result, lang)
