"""A standalone HTML report to hand a client: it opens offline, years later.

One file with plotly.js embedded (nothing is fetched from the internet): the
ranking, the verdicts with their explanations, the contribution and benefit/cost
charts, the weights used and the date. Every piece of user text is HTML-escaped,
both in the page and in the charts.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date
from os import PathLike
from pathlib import Path

import pandas as pd

from ..analysis.evaluate import evaluate
from ..charts.common import VERDICT_COLOURS
from ..charts.comparison import (
    benefit_cost_chart,
    close_call_text,
    contributions_chart,
    ranking_chart,
)
from ..core.factors import Language, check_language
from ..core.model import Model
from ..io.offers import write_text_atomically
from ..text.explain import format_number, verdict_label

_TEXT: Mapping[Language, Mapping[str, str]] = {
    "en": {
        "title": "Which interviews to go to",
        "made": "Made with interview_lab on {date}.",
        "verdicts": "The invitations, best first",
        "offer": "Invitation",
        "score": "Score",
        "verdict": "Verdict",
        "why": "Why",
        "borderline": " ({flips}: one to talk through)",
        "weights": "The priorities used",
        "factor": "Factor",
        "weight": "Weight",
        "share": "Share",
        "charts": "Charts",
    },
    "de": {
        "title": "Zu welchen Gesprächen gehen",
        "made": "Erstellt mit interview_lab am {date}.",
        "verdicts": "Die Einladungen, die beste zuerst",
        "offer": "Einladung",
        "score": "Bewertung",
        "verdict": "Empfehlung",
        "why": "Begründung",
        "borderline": " ({flips}: besser besprechen)",
        "weights": "Die verwendeten Prioritäten",
        "factor": "Faktor",
        "weight": "Gewicht",
        "share": "Anteil",
        "charts": "Diagramme",
    },
}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { padding: 4px 10px; text-align: left; vertical-align: top; border-bottom: 1px solid #ddd; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.chart { margin: 1.5em 0; }
"""


def build_report(
    offers: pd.DataFrame | str | PathLike[str],
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
    today: date | None = None,
) -> str:
    """Return the report as one HTML document (see the module docs).

    ``model`` (default :data:`interview_lab.DEFAULT_MODEL`) scores the offers and
    names the factors in the table of priorities and in the charts.
    """
    import plotly.offline

    language = check_language(lang)
    text = _TEXT[language]
    result = evaluate(offers, weights, model=model, lang=language)
    model = result.attrs["model"]
    used = result.attrs["weights"]
    ranked = result.sort_values("score", ascending=False, kind="stable")
    day = (today or date.today()).isoformat()

    def cell(value: object, css: str = "") -> str:
        attribute = f' class="{css}"' if css else ""
        return f"<td{attribute}>{html.escape(str(value))}</td>"

    rows = zip(
        ranked["offer"].tolist(),
        ranked["score"].tolist(),
        ranked["verdict"].astype(str).tolist(),
        ranked["borderline"].tolist(),
        ranked["flips_to"].tolist(),
        ranked["explanation"].tolist(),
        strict=True,
    )
    verdict_rows = "".join(
        "<tr>"
        + cell(offer)
        + cell(format_number(score, language, signed=True, digits=2), "number")
        + f'<td style="color:{VERDICT_COLOURS[verdict]};font-weight:bold">'
        + html.escape(verdict_label(verdict, language))
        + (
            html.escape(text["borderline"].format(flips=close_call_text(True, flips, language)))
            if borderline
            else ""
        )
        + "</td>"
        + cell(why)
        + "</tr>"
        for offer, score, verdict, borderline, flips, why in rows
    )
    total = sum(used.values())
    weight_rows = "".join(
        "<tr>"
        + cell(factor.text("label", language))
        + cell(format_number(used[factor.name], language, digits=2), "number")
        + cell(f"{format_number(100 * used[factor.name] / total, language, digits=0)} %", "number")
        + "</tr>"
        for factor in model.factors
    )
    charts = "".join(
        '<div class="chart">'
        + chart(result, language, model=model).to_html(full_html=False, include_plotlyjs=False)
        + "</div>"
        for chart in (ranking_chart, contributions_chart, benefit_cost_chart)
    )

    def heading(key: str) -> str:
        return f"<h2>{html.escape(text[key])}</h2>"

    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(text['title'])}</title>\n<style>{_STYLE}</style>\n"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
        "</head>\n<body>\n"
        f"<h1>{html.escape(text['title'])}</h1>\n"
        f"<p>{html.escape(text['made'].format(date=day))}</p>\n"
        f"{heading('verdicts')}\n<table><tr><th>{html.escape(text['offer'])}</th>"
        f"<th>{html.escape(text['score'])}</th><th>{html.escape(text['verdict'])}</th>"
        f"<th>{html.escape(text['why'])}</th></tr>{verdict_rows}</table>\n"
        f"{heading('weights')}\n<table><tr><th>{html.escape(text['factor'])}</th>"
        f"<th>{html.escape(text['weight'])}</th><th>{html.escape(text['share'])}</th></tr>"
        f"{weight_rows}</table>\n{heading('charts')}\n{charts}\n</body>\n</html>\n"
    )


def write_report(
    path: str | PathLike[str],
    offers: pd.DataFrame | str | PathLike[str],
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
) -> Path:
    """Write :func:`build_report` to ``path`` atomically; return the path."""
    document = build_report(offers, weights, model=model, lang=lang)
    return write_text_atomically(path, document)


__all__ = ["build_report", "write_report"]
