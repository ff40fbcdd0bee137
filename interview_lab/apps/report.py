"""A standalone HTML report to hand a client: it opens offline, years later.

One file with plotly.js embedded (nothing is fetched from the internet): the
ranking, the verdicts with their explanations, the contribution and benefit/cost
charts, the model's factors (label, direction, scale) with the weights used, its
deal-breakers, and the date. For a model with deal-breakers each invitation's row
names the rules it breaks. Every piece of user text (offer names, factor and rule
labels from a model file) is HTML-escaped, both in the page and in the charts; the
page is in English or German.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date
from os import PathLike
from pathlib import Path, PurePath

import pandas as pd

from ..analysis.evaluate import evaluate_at
from ..charts.common import VERDICT_COLOURS, broken_rules
from ..charts.comparison import (
    benefit_cost_chart,
    close_call_text,
    contributions_chart,
    ranking_chart,
)
from ..core.dealbreakers import check_dealbreakers
from ..core.factors import Dealbreaker, Factor
from ..core.i18n import Language, check_language
from ..core.model import Model
from ..core.offers import Where
from ..io.offers import read_source, write_text_atomically
from ..io.reading import Sheet
from ..io.safety import REPORT_MARKER, check_can_replace
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
        "weights": "The factors and the priorities used",
        "model_file": "Model file: {name}.",
        "factor": "Factor",
        "direction": "Direction",
        "benefit": "for going (benefit)",
        "cost": "against going (cost)",
        "scale": "Scale",
        "weight": "Weight",
        "share": "Share",
        "dealbreakers": "Deal-breakers",
        "dealbreakers_note": (
            "An invitation that breaks one of these is never “go”, whatever its score; "
            "a blank value is not known and is not counted as a breach."
        ),
        "rule": "Rule",
        "column": "Column",
        "limit": "Limit",
        "broken_by": "Broken by",
        "at_least": "at least {min}",
        "at_most": "at most {max}",
        "between": "from {min} to {max}",
        "none": "none",
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
        "weights": "Die Faktoren und die verwendeten Prioritäten",
        "model_file": "Modelldatei: {name}.",
        "factor": "Faktor",
        "direction": "Richtung",
        "benefit": "spricht dafür (Nutzen)",
        "cost": "spricht dagegen (Kosten)",
        "scale": "Skala",
        "weight": "Gewicht",
        "share": "Anteil",
        "dealbreakers": "Ausschlusskriterien",
        "dealbreakers_note": (
            "Eine Einladung, die eines davon verletzt, ist nie „hingehen“, unabhängig von "
            "ihrer Bewertung; ein leerer Wert ist unbekannt und zählt nicht als Verstoß."
        ),
        "rule": "Kriterium",
        "column": "Spalte",
        "limit": "Grenze",
        "broken_by": "Verletzt von",
        "at_least": "mindestens {min}",
        "at_most": "höchstens {max}",
        "between": "von {min} bis {max}",
        "none": "keine",
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


def plain_number(value: float, lang: str) -> str:
    """Write a number of the model (a scale end, a limit) as people do: 35,000 / 35.000."""
    language = check_language(lang)
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6f}".rstrip("0")
    if language == "de":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def _scale(factor: Factor, lang: Language) -> str:
    return f"{plain_number(factor.low, lang)}–{plain_number(factor.high, lang)}"


def rule_limit(rule: Dealbreaker, lang: str) -> str:
    """Say a deal-breaker's limit in ``lang``: "at most 90", "at least 45,000", "from … to …"."""
    text = _TEXT[check_language(lang)]
    low = None if rule.min is None else plain_number(rule.min, lang)
    high = None if rule.max is None else plain_number(rule.max, lang)
    if low is not None and high is not None:
        return text["between"].format(min=low, max=high)
    return text["at_least"].format(min=low) if low is not None else text["at_most"].format(max=high)


def build_report(
    offers: pd.DataFrame | str | PathLike[str],
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
    today: date | None = None,
    sheet: Sheet | None = None,
) -> str:
    """Return the report as one HTML document (see the module docs).

    ``model`` (default :data:`interview_lab.DEFAULT_MODEL`) scores the offers and
    names the factors in the table of priorities and in the charts; ``sheet`` chooses
    a workbook's sheet (by name or number, 0 is the first). The ``<head>`` carries
    :data:`~interview_lab.io.safety.REPORT_MARKER`, so a later report may replace it.
    """
    import plotly.offline

    language = check_language(lang)
    text = _TEXT[language]
    result = evaluate_at(*read_source(offers, sheet), weights, model=model, lang=language)
    model = result.attrs["model"]
    used = result.attrs["weights"]
    ranked = result.sort_values("score", ascending=False, kind="stable")
    day = (today or date.today()).isoformat()

    def cell(value: object, css: str = "") -> str:
        attribute = f' class="{css}"' if css else ""
        return f"<td{attribute}>{html.escape(str(value))}</td>"

    def header(*keys: str) -> str:
        return "<tr>" + "".join(f"<th>{html.escape(text[key])}</th>" for key in keys) + "</tr>"

    rules = model.dealbreakers
    broken = broken_rules(ranked)
    rows = zip(
        ranked["offer"].tolist(),
        ranked["score"].tolist(),
        ranked["verdict"].astype(str).tolist(),
        ranked["borderline"].tolist(),
        ranked["flips_to"].tolist(),
        broken,
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
        + (cell(f"⛔ {breaks}" if breaks else "") if rules else "")
        + cell(why)
        + "</tr>"
        for offer, score, verdict, borderline, flips, breaks, why in rows
    )
    total = sum(used.values())
    weight_rows = "".join(
        "<tr>"
        + cell(factor.text("label", language))
        + cell(text[factor.direction])
        + cell(_scale(factor, language), "number")
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

    source = (
        f"<p>{html.escape(text['model_file'].format(name=PurePath(model.source).name))}</p>\n"
        if model.source
        else ""
    )
    dealbreakers = ""
    if rules:
        names = ranked["offer"].astype(str).tolist()
        hits, _ = check_dealbreakers(ranked, rules, Where(), model.source)
        breakers = [
            [name for name, hit in zip(names, column, strict=True) if hit]
            for column in hits.T.tolist()
        ]
        rule_rows = "".join(
            "<tr>"
            + cell(rule.text(language))
            + cell(rule.column)
            + cell(rule_limit(rule, language))
            + cell(", ".join(names) or text["none"])
            + "</tr>"
            for rule, names in zip(rules, breakers, strict=True)
        )
        dealbreakers = (
            f"{heading('dealbreakers')}\n<p>{html.escape(text['dealbreakers_note'])}</p>\n"
            f"<table>{header('rule', 'column', 'limit', 'broken_by')}{rule_rows}</table>\n"
        )
    verdict_head = ("offer", "score", "verdict", *(("dealbreakers",) if rules else ()), "why")

    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"{REPORT_MARKER}\n<title>{html.escape(text['title'])}</title>\n<style>{_STYLE}</style>\n"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
        "</head>\n<body>\n"
        f"<h1>{html.escape(text['title'])}</h1>\n"
        f"<p>{html.escape(text['made'].format(date=day))}</p>\n"
        f"{heading('verdicts')}\n<table>{header(*verdict_head)}{verdict_rows}</table>\n"
        f"{heading('weights')}\n{source}<table>"
        f"{header('factor', 'direction', 'scale', 'weight', 'share')}{weight_rows}</table>\n"
        f"{dealbreakers}{heading('charts')}\n{charts}\n</body>\n</html>\n"
    )


def write_report(
    path: str | PathLike[str],
    offers: pd.DataFrame | str | PathLike[str],
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
    force: bool = False,
    sheet: Sheet | None = None,
) -> Path:
    """Write :func:`build_report` to ``path`` atomically; return the path.

    An existing file is replaced only if it is an earlier report of interview_lab
    (or with ``force=True``): the offers, a case file or any other file is refused
    with :class:`~interview_lab.io.safety.NotReplacedError` before anything is
    written (:func:`~interview_lab.io.safety.check_can_replace`); the bundled data
    never. Through a symbolic link its target is replaced and the link kept.
    """
    check_can_replace(path, "report", force=force)
    document = build_report(offers, weights, model=model, lang=lang, sheet=sheet)
    target = check_can_replace(path, "report", force=force)  # it may have appeared since
    write_text_atomically(target, document)
    return Path(path)


__all__ = ["build_report", "plain_number", "rule_limit", "write_report"]
