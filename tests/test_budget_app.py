"""Drive the interview-budget app and its chart without a browser (issue 6)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import interview_lab as il
from interview_lab import charts
from interview_lab.apps.budget import budget
from interview_lab.charts import plan_chart
from interview_lab.core import i18n

from .helpers import unwrapped
from .test_charts import BLOCKED, EXAMPLE_MODEL_OFFERS, custom_model, example_model, with_salary

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def app(example_offers):
    return budget(example_offers, hours=10, interviews=2)


def bars(figure) -> dict[str, dict[str, float]]:
    """Legend name -> {offer: hours} of the plan chart's offer bars."""
    return {
        t.name: dict(zip(t.y, t.x, strict=True))
        for t in figure.data
        if t.type == "bar" and t.showlegend is not False
    }


def test_the_app_starts_with_the_plan_of_its_limits(app, example_offers):
    expected = il.plan(example_offers, hours=10, interviews=2, explain=False)
    pd.testing.assert_frame_equal(app.result, expected)
    assert "explanation" not in app.result  # the app shows the plan's reasons
    assert (app.hours.value, app.interviews.value) == (10, 2)
    assert isinstance(app.figures["plan"], go.FigureWidget)
    chosen = expected.loc[expected["chosen"], "offer"].tolist()
    assert set(bars(app.figures["plan"])["go"]) == set(chosen)
    assert app.figures["plan"].layout.shapes[0].x0 == 10
    for reason in expected["reason"]:
        assert reason.replace("'", "&#x27;") in app.table.value


def test_moving_the_limits_replans_in_place(app, example_offers):
    figure, first_trace = app.figures["plan"], app.figures["plan"].data[0]
    app.hours.value = 6
    app.interviews.value = 3
    expected = il.plan(example_offers, hours=6, interviews=3, explain=False)
    pd.testing.assert_frame_equal(app.result, expected)
    assert app.figures["plan"] is figure
    assert figure.data[0] is first_trace
    assert set(bars(figure)["go"]) == set(expected.loc[expected["chosen"], "offer"])
    assert figure.layout.shapes[0].x0 == 6
    totals = expected.attrs["plan"]
    assert unwrapped(figure.layout.title.text) == (
        f"Interview plan: {totals['interviews_used']} of 3 interviews, "
        f"{totals['hours_used']:g} of 6 h of preparation"
    )
    assert app.errors == []


def test_zero_limits_choose_nothing_and_say_why(app):
    app.interviews.value = 0
    assert not app.result["chosen"].any()
    # The table says why, as the plan does (the plan's wording is tested with plan).
    reasons = app.result["reason"].tolist()
    assert any(reason.startswith("out:") and "limit" in reason for reason in reasons)
    assert all(charts.escape(reason) in app.table.value for reason in reasons)
    assert "go" not in bars(app.figures["plan"]) or not bars(app.figures["plan"])["go"]


def test_priorities_change_the_plan(app, example_offers):
    app.sliders["time_cost"].value = 0
    expected = il.plan(example_offers, 10, 2, weights={"time_cost": 0})
    assert app.result["chosen"].tolist() == expected["chosen"].tolist()


def test_the_app_speaks_german(app, example_offers):
    app.language.value = "de"
    assert app.hours.description == "Verfügbare Vorbereitungszeit (Std.)"
    assert app.figures["plan"].layout.title.text.startswith("Plan: 2 von 2 Gesprächen")
    expected = il.plan(example_offers, 10, 2, lang="de")
    assert app.result["reason"].tolist() == expected["reason"].tolist()
    assert "zusagen" in bars(app.figures["plan"])


def test_bad_starting_limits_are_refused_clearly(example_offers):
    with pytest.raises(il.BudgetError, match=r"^hours: "):
        budget(example_offers, hours=-2)
    with pytest.raises(il.BudgetError, match=r"^interviews: "):
        budget(example_offers, interviews=1.5)


def test_the_plan_chart_escapes_offer_names_and_marks_the_limit():
    table = pd.DataFrame(
        [{"offer": HOSTILE, "interest": 9, "practice": 5, "surprise": 3, "doors": 3,
          "time_cost": 2, "confusion": 2, "prep_hours": 3}]
    )  # fmt: skip
    figure = plan_chart(il.plan(table, hours=5, interviews=1))
    assert isinstance(figure, go.Figure)
    names = [name for trace in figure.data if trace.y is not None for name in trace.y]
    assert HOSTILE not in names
    assert "&lt;img src=x onerror=alert(1)&gt;" in names
    used = next(t for t in figure.data if t.showlegend is False)
    assert list(used.x) == [3]
    assert list(used.base) == [0]
    assert figure.layout.shapes[0].x0 == 5


def test_plan_chart_refuses_an_unplanned_table(example_offers):
    with pytest.raises(ValueError, match=r"takes the table interview_lab\.plan returns"):
        plan_chart(il.evaluate(example_offers))


def test_the_app_plans_with_its_model(example_offers):
    model = custom_model()
    offers = with_salary(example_offers)
    app = budget(offers, hours=10, interviews=2, model=model)
    assert list(app.sliders) == list(model.names)
    app.sliders["salary"].value = 5
    expected = il.plan(offers, 10, 2, weights={"salary": 5}, model=model, explain=False)
    pd.testing.assert_frame_equal(app.result, expected)
    assert app.result.attrs["model"] is model


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_the_plan_never_chooses_an_offer_that_breaks_a_deal_breaker_and_says_why(lang):
    model = example_model()
    app = budget(EXAMPLE_MODEL_OFFERS, hours=100, interviews=5, model=model, lang=lang)
    assert app.errors == []
    assert list(app.sliders) == list(model.names)
    word = "deal-breaker" if lang == "en" else "Ausschlusskriterium"
    for _ in range(2):  # as planned, and with salary and interest outweighing the rest
        result = app.result.set_index("offer")
        for offer, rules in BLOCKED.items():
            assert not result.loc[offer, "chosen"]
            assert result.loc[offer, "action"] != "go"
            assert f"{word}: {rules[lang]}" in result.loc[offer, "reason"]
            assert f"{word}: {rules[lang]}" in app.table.value
        planned = bars(app.figures["plan"])
        assert not set(planned[plan_chart_label("go", lang)]) & set(BLOCKED)
        hover = " ".join(" ".join(t.customdata) for t in app.figures["plan"].data)
        assert all(rules[lang] in hover for rules in BLOCKED.values())
        assert app.table.value.count("⛔") == len(BLOCKED)
        app.sliders["salary"].value = 5
        app.sliders["time_cost"].value = 0
    assert app.errors == []
    expected = il.plan(EXAMPLE_MODEL_OFFERS, 100, 5, app.weights, model=model, lang=lang)
    assert app.result["chosen"].tolist() == expected["chosen"].tolist()


def plan_chart_label(action: str, lang: str) -> str:

    return i18n.text(f"charts.plan.{action}", lang)
