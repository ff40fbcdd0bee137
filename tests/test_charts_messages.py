"""Every text a person reads in the charts and the apps, in both languages (issue 13).

Random invitations and priorities go through every chart function and every app (built
in one language, then switched to the other in place). Everything shown is collected:
figure titles, axis titles, legends, annotations, hover templates (plotly's
placeholders removed), hover and bar texts, tick texts, widget descriptions,
placeholders, tooltips, options and HTML. German text must pass
:func:`tests.helpers.assert_german` (the offers' names allowed) and every German figure
must use the decimal comma (``layout.separators``); English text must show no code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab import charts
from interview_lab.analysis import (
    rank_acceptability,
    side_by_side,
    stability_intervals,
    tornado,
)
from interview_lab.apps.budget import budget
from interview_lab.apps.coach import coach
from interview_lab.apps.compare import compare
from interview_lab.apps.quick_check import quick_check
from interview_lab.apps.report import build_report
from interview_lab.core.i18n import plotly_separators
from tests.helpers import CODE_SIGNS, assert_german

pytest.importorskip("ipywidgets")

MODEL = il.DEFAULT_MODEL
NAMES = (
    "Acme Corp — Analyst",
    "Nordlicht GmbH — Controlling",
    "Quokka Labs — BI",
    "Helix Bio — Data",
)
COMPANIES = ("Acme Corp", "Nordlicht GmbH", "Quokka Labs", "Helix Bio")
ALLOWED = (*NAMES, *COMPANIES, "English", "interview_lab")
#: plotly placeholders (%{x:+.2f}) and markup, which nobody reads as text.
PLACEHOLDER = re.compile(r"%\{[^}]*\}")
TAG = re.compile(r"<style>.*?</style>|<[^>]+>", re.DOTALL)
#: Sizes that keep an example fast: a few offers, few weight draws in the coach.
DRAWS = 200

ratings = st.integers(min_value=0, max_value=20).map(lambda half: half / 2)
weights = st.lists(
    st.integers(min_value=0, max_value=50).map(lambda tenth: tenth / 10),
    min_size=len(MODEL.names),
    max_size=len(MODEL.names),
).filter(any)


@st.composite
def offers(draw: Any) -> pd.DataFrame:
    count = draw(st.integers(min_value=2, max_value=len(NAMES)))
    rows = []
    for k in range(count):
        row: dict[str, object] = {"offer": NAMES[k], "company": COMPANIES[k]}
        row.update({name: draw(ratings) for name in MODEL.names})
        row["prep_hours"] = draw(st.sampled_from([1.5, 2, 4.25, 6]))
        rows.append(row)
    return pd.DataFrame(rows)


def _readable(value: object) -> str:
    """What a person reads of a label: placeholders, tags and entities gone."""
    return html.unescape(TAG.sub(" ", PLACEHOLDER.sub(" ", str(value))))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, np.ndarray | list | tuple):
        for item in value.tolist() if isinstance(value, np.ndarray) else value:
            yield from _strings(item)


def figure_texts(figure: Any) -> list[str]:
    """Every text of a plotly figure a person reads."""
    layout = figure.layout
    found: list[str] = []
    if layout.title and layout.title.text:
        found.append(layout.title.text)
    for axis in ("xaxis", "yaxis", "xaxis2", "polar"):
        part = getattr(layout, axis, None)
        if part is None:
            continue
        if axis == "polar":
            continue
        if part.title and part.title.text:
            found.append(part.title.text)
        found += list(_strings(part.ticktext))
    found += [a.text for a in layout.annotations or () if a.text]
    for trace in figure.data:
        for key in ("name", "hovertemplate", "text", "hovertext", "customdata", "x", "y", "theta"):
            found += list(_strings(getattr(trace, key, None)))
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None and colorbar.title and colorbar.title.text:
            found.append(colorbar.title.text)
    return [_readable(text) for text in found if text]


def widget_texts(widget: Any, seen: set[int] | None = None) -> list[str]:
    """Every text of a widget tree a person reads (typed file names excepted)."""
    seen = set() if seen is None else seen
    if id(widget) in seen:
        return []
    seen.add(id(widget))
    found: list[str] = []
    for key in ("description", "placeholder", "tooltip"):
        value = getattr(widget, key, None)
        if isinstance(value, str) and value:
            found.append(value)
    kind = type(widget).__name__
    if kind in ("HTML", "Label", "Textarea") and widget.value:
        found.append(str(widget.value))
    found += [str(label) for label in getattr(widget, "_options_labels", ()) or ()]
    for index in range(len(getattr(widget, "children", ()) or ())):
        if kind == "Accordion":
            found.append(widget.get_title(index) or "")
    for child in getattr(widget, "children", ()) or ():
        found += widget_texts(child, seen)
    return [_readable(text) for text in found if text]


def check(texts: list[str], lang: str, where: str) -> None:
    for text in texts:
        assert "{" not in text, f"{where}: unfilled placeholder in {text!r}"
        assert "}" not in text, f"{where}: unfilled placeholder in {text!r}"
        if lang == "de":
            assert_german(text, allow=ALLOWED)
        else:
            code = CODE_SIGNS.findall(text)
            assert not code, f"{where}: code {code} in English text {text!r}"


def check_figure(figure: Any, lang: str, where: str) -> None:
    assert figure.layout.separators == plotly_separators(lang), where
    check(figure_texts(figure), lang, where)


def chart_figures(table: pd.DataFrame, chosen: dict[str, float], lang: str) -> dict[str, Any]:
    result = il.evaluate(table, chosen, lang=lang)
    planned = il.plan(table, hours=5, interviews=2, weights=chosen, lang=lang)
    bars = tornado(table, chosen)
    intervals = stability_intervals(table, chosen)
    shares = rank_acceptability(table, chosen, n=DRAWS, seed=0)
    compared = side_by_side(
        table, il.preset_weights("coach_neutral"), il.preset_weights("busy_full_timer")
    )
    compared.attrs["names"] = ("coach_neutral", "busy_full_timer")
    return {
        "contributions": charts.contributions_chart(result, lang),
        "profile": charts.profile_chart(result, lang),
        "ranking": charts.ranking_chart(result, lang),
        "benefit_cost": charts.benefit_cost_chart(result, lang),
        "waterfall": charts.waterfall_chart(result, lang=lang),
        "plan": charts.plan_chart(planned, lang),
        "tornado": charts.tornado_chart(bars, lang=lang),
        "stability": charts.stability_chart(intervals, "time_cost", lang),
        "acceptability": charts.acceptability_chart(shares, lang),
        "verdict_probability": charts.verdict_probability_chart(shares, lang),
        "personas": charts.personas_chart(compared, lang),
    }


FAST = settings(
    max_examples=4,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failure is shown, not shrunk
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(table=offers(), chosen=weights, lang=st.sampled_from(il.LANGUAGES))
def test_every_chart_speaks_the_language(table, chosen, lang):
    priorities = dict(zip(MODEL.names, chosen, strict=True))
    for name, figure in chart_figures(table, priorities, lang).items():
        check_figure(figure, lang, name)


def app_texts(app: Any) -> list[str]:
    return widget_texts(app.root)


def drive(app: Any, first: str, move: Any) -> None:
    """Check the app in ``first``, move something, switch language, check again."""
    for lang in (first, "de" if first == "en" else "en"):
        if app.lang != lang:
            app.language.value = lang
        move(app)
        assert app.errors == [], app.errors
        check(app_texts(app), lang, type(app).__name__)
        for name, figure in app.figures.items():
            check_figure(figure, lang, f"{type(app).__name__}.{name}")


@FAST
@given(table=offers(), chosen=weights, first=st.sampled_from(il.LANGUAGES))
def test_every_app_speaks_the_language(table, chosen, first):
    priorities = dict(zip(MODEL.names, chosen, strict=True))

    def slide(app: Any) -> None:
        app.sliders["time_cost"].value = round(app.sliders["time_cost"].value + 0.3, 1)

    drive(compare(table, priorities, first), first, slide)
    drive(quick_check(table.iloc[0], priorities, first), first, slide)
    drive(budget(table, 4.5, 2, priorities, first), first, slide)

    def widen(app: Any) -> None:
        slide(app)
        low, high = app.ranges["surprise"].value
        app.ranges["surprise"].value = (max(0.0, low - 2.5), min(10.0, high + 2.5))

    drive(coach(table, weights=priorities, lang=first, draws=DRAWS), first, widen)


@FAST
@given(table=offers(), chosen=weights)
def test_the_report_speaks_german(table, chosen):
    from datetime import date

    priorities = dict(zip(MODEL.names, chosen, strict=True))
    page = build_report(table, priorities, lang="de", today=date(2026, 12, 1))
    body = page.split("<body>", 1)[1]
    prose = body.split('<div class="chart">', 1)[0]
    assert "Erstellt mit interview_lab am 1. Dezember 2026." in prose
    check([_readable(line) for line in prose.splitlines() if line.strip()], "de", "report")
    assert page.count('"separators":",."') == 3


def test_the_coach_ranking_box_takes_german_factor_names():
    app = coach(il.load_example_offers(), lang="de", draws=DRAWS)
    app.ranking.value = "Zeitaufwand; interesse, Übung für Vorstellungsgespräche, doors"
    app.use_ranking.click()
    assert app.errors == []
    top = max(app.weights, key=app.weights.get)
    assert top == "time_cost"
    assert app.weights["time_cost"] > app.weights["interest"] > app.weights["practice"]
    app.ranking.value = "Gehalt"
    app.use_ranking.click()
    assert "„Gehalt“ ist kein Faktor des Modells" in app.messages.value
    assert_german(_readable(app.messages.value))


def test_an_unexpected_error_is_said_in_the_apps_language_without_a_traceback():
    app = compare(il.load_example_offers(), lang="de")
    app.show_error(KeyError("boom"))
    shown = app.messages.value
    assert "unerwarteter Fehler" in shown
    assert "Technische Angaben" in shown
    assert "Traceback" not in shown
    app.show_error(il.WeightsError(il.core.i18n.message("apps.coach.empty_ranking")))
    assert "Geben Sie die Faktoren" in app.messages.value


def test_german_slider_read_outs_have_a_decimal_comma():
    app = compare(il.load_example_offers(), {"time_cost": 2.5}, lang="de")
    slider = app.sliders["time_cost"]
    assert not slider.readout
    assert app.readouts.label(slider).value == "2,5"
    slider.value = 3.7
    assert app.readouts.label(slider).value == "3,7"
    app.language.value = "en"
    assert slider.readout
    assert app.readouts.label(slider).layout.display == "none"
    assert app.figures["ranking"].layout.separators == ".,"


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_the_quick_check_and_the_report_carry_the_articles_advice(lang):
    example = il.load_example_offers()
    accepted = quick_check(example.iloc[0], lang=lang)
    assert accepted.result["verdict"].iloc[0] == "accept"
    plan = "Your preparation plan" if lang == "en" else "Ihr Vorbereitungsplan"
    assert plan in accepted.advice.value
    declined = quick_check(example.iloc[7], lang=lang)
    assert declined.result["verdict"].iloc[0] == "decline"
    moving_on = "a role you feel great about" if lang == "en" else "die Sie wirklich begeistert"
    assert moving_on in declined.advice.value
    page = build_report(example, lang=lang)
    assert plan in page
    assert moving_on in page
    if lang == "de":
        check([_readable(accepted.advice.value), _readable(declined.advice.value)], lang, "advice")
