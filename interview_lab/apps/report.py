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
from ..charts.common import VERDICT_TEXT_COLOURS, broken_rules, verdict_label
from ..charts.comparison import (
    benefit_cost_chart,
    close_call_text,
    contributions_chart,
    ranking_chart,
)
from ..charts.live import MODEBAR_CONFIG
from ..core.dealbreakers import check_dealbreakers
from ..core.factors import Dealbreaker, Factor
from ..core.i18n import Language, check_language, errors_in, number, percent, text
from ..core.model import Model
from ..core.offers import Where
from ..io.offers import read_source, write_text_atomically
from ..io.reading import Sheet
from ..io.safety import REPORT_MARKER, check_can_replace
from ..text.advice import advice, advice_title
from .base import advice_html

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
    if float(value).is_integer():
        return number(value, language, 0, grouping=True)
    return number(value, language, 6, grouping=True).rstrip("0")


def _say(key: str, lang: str, /, **values: object) -> str:
    return text(f"apps.report.{key}", lang, **values)


def _scale(factor: Factor, lang: Language) -> str:
    low, high = plain_number(factor.low, lang), plain_number(factor.high, lang)
    return _say("scale_range", lang, low=low, high=high)


def rule_limit(rule: Dealbreaker, lang: str) -> str:
    """Say a deal-breaker's limit in ``lang``: "at most 90", "at least 45,000", "from … to …"."""
    language = check_language(lang)
    low = None if rule.min is None else plain_number(rule.min, language)
    high = None if rule.max is None else plain_number(rule.max, language)
    if low is not None and high is not None:
        return _say("between", language, min=low, max=high)
    if low is not None:
        return _say("at_least", language, min=low)
    return _say("at_most", language, max=high)


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
    language = check_language(lang)
    with errors_in(language):
        return _build_report(offers, weights, model, language, today, sheet)


def _build_report(
    offers: pd.DataFrame | str | PathLike[str],
    weights: Mapping[str, object] | None,
    model: Model | None,
    language: Language,
    today: date | None,
    sheet: Sheet | None,
) -> str:
    import plotly.offline

    def say(key: str, /, **values: object) -> str:
        return _say(key, language, **values)

    result = evaluate_at(*read_source(offers, sheet), weights, model=model, lang=language)
    model = result.attrs["model"]
    used = result.attrs["weights"]
    ranked = result.sort_values("score", ascending=False, kind="stable")
    day = today or date.today()

    def cell(value: object, css: str = "") -> str:
        attribute = f' class="{css}"' if css else ""
        return f"<td{attribute}>{html.escape(str(value))}</td>"

    def header(*keys: str) -> str:
        return "<tr>" + "".join(f"<th>{html.escape(say(key))}</th>" for key in keys) + "</tr>"

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
        + cell(number(score, language, 2, signed=True), "number")
        + f'<td style="color:{VERDICT_TEXT_COLOURS[verdict]};font-weight:bold">'
        + html.escape(verdict_label(verdict, language))
        + (
            html.escape(f" ({say('borderline', flips=close_call_text(True, flips, language))})")
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
        + cell(say(factor.direction))
        + cell(_scale(factor, language), "number")
        + cell(number(used[factor.name], language, 2), "number")
        + cell(percent(used[factor.name] / total if total else 0.0, language), "number")
        + "</tr>"
        for factor in model.factors
    )
    charts = "".join(
        '<div class="chart">'
        + chart(result, language, model=model).to_html(
            full_html=False, include_plotlyjs=False, config=dict(MODEBAR_CONFIG)
        )
        + "</div>"
        for chart in (ranking_chart, contributions_chart, benefit_cost_chart)
    )

    def heading(key: str) -> str:
        return f"<h2>{html.escape(say(key))}</h2>"

    source = (
        f"<p>{html.escape(say('model_file', name=PurePath(model.source).name))}</p>\n"
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
            + cell(", ".join(names) or say("none"))
            + "</tr>"
            for rule, names in zip(rules, breakers, strict=True)
        )
        dealbreakers = (
            f"{heading('dealbreakers')}\n<p>{html.escape(say('dealbreakers_note'))}</p>\n"
            f"<table>{header('rule', 'column', 'limit', 'broken_by')}{rule_rows}</table>\n"
        )
    verdict_head = ("offer", "score", "verdict", *(("dealbreakers",) if rules else ()), "why")
    # The article's advice per invitation: before and after the call, or what next.
    advised = advice(ranked, language, used, model=model)
    next_steps = "".join(
        f"<h3>{html.escape(str(offer))}: {html.escape(advice_title(str(verdict), language))}</h3>"
        + advice_html(paragraphs)
        for offer, verdict, paragraphs in zip(
            ranked["offer"].tolist(), ranked["verdict"].astype(str).tolist(), advised, strict=True
        )
    )

    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"{REPORT_MARKER}\n<title>{html.escape(say('title'))}</title>\n<style>{_STYLE}</style>\n"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
        "</head>\n<body>\n"
        f"<h1>{html.escape(say('title'))}</h1>\n"
        f"<p>{html.escape(say('made', date=day))}</p>\n"
        f"{heading('verdicts')}\n<table>{header(*verdict_head)}{verdict_rows}</table>\n"
        f"{heading('advice')}\n{next_steps}\n"
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
    with errors_in(lang):
        check_can_replace(path, "report", force=force)
        document = build_report(offers, weights, model=model, lang=lang, sheet=sheet)
        target = check_can_replace(path, "report", force=force)  # it may have appeared since
        write_text_atomically(target, document)
    return Path(path)


__all__ = ["build_report", "plain_number", "rule_limit", "write_report"]
