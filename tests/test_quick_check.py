"""Drive the quick check for one invitation as a person would, without a browser."""

from __future__ import annotations

import pandas as pd
import pytest

import interview_lab as il
from interview_lab import charts
from interview_lab.apps.quick_check import quick_check
from interview_lab.charts.common import verdict_label

from .helpers import unwrapped
from .test_charts import BLOCKED, custom_model, example_model, example_model_offers

MODEL = il.DEFAULT_MODEL

HOSTILE = "<img src=x onerror=alert(1)>"


def test_one_question_per_factor_from_the_factor_table():
    app = quick_check()
    assert list(app.answers) == list(MODEL.names)
    for factor in MODEL.factors:
        assert factor.text("question", "en") in app.questions[factor.name].value
        assert (app.answers[factor.name].min, app.answers[factor.name].max) == (0, 10)
        assert factor.text("help_low", "en") in app.scale_help[factor.name].value
        assert factor.text("help_high", "en") in app.scale_help[factor.name].value


def test_answers_drive_the_verdict_the_chart_and_the_reply():
    app = quick_check()
    for name, value in {"interest": 2, "practice": 9, "surprise": 3, "doors": 3,
                        "time_cost": 2, "confusion": 2}.items():  # fmt: skip
        app.answers[name].value = value
    expected = il.evaluate(pd.DataFrame([app.offer_row()]))
    assert app.result["verdict"].iloc[0] == expected["verdict"].iloc[0] == "accept"
    assert expected["explanation"].iloc[0] in app.verdict.value.replace("&#x27;", "'")
    waterfall = app.figures["waterfall"].data[0]
    by_label = dict(zip(waterfall.x, waterfall.y, strict=True))
    assert by_label["practice"] == pytest.approx(
        expected["contribution_practice"].iloc[0], abs=1e-3
    )
    assert "I am glad to accept" in app.reply.value
    assert app.checklist.value == ""


def test_the_waterfall_puts_each_reason_next_to_its_caveat():
    app = quick_check()
    labels = list(app.figures["waterfall"].data[0].x)
    assert labels == [
        "interest",
        "doors",
        "practice",
        "time cost",
        "surprise",
        "confusion",
        "score",
    ]
    assert list(app.figures["waterfall"].data[0].measure)[-1] == "total"
    # The same order as the model's, which puts every reason next to its caveat.
    order = list(MODEL.chart_order)
    assert labels[:-1] == [MODEL.factor(name).text("short", "en") for name in order]
    for reason, caveat in MODEL.pairs:
        assert abs(order.index(reason) - order.index(caveat)) == 1


def test_borderline_is_said_plainly_in_both_languages():
    row = {"interest": 5, "practice": 0, "surprise": 0, "doors": 0, "time_cost": 0, "confusion": 0}
    app = quick_check(row)
    assert "talk through with a coach" in app.verdict.value
    app.language.value = "de"
    assert "Karrierecoach" in app.verdict.value
    assert "Grenzfall" in app.verdict.value


def test_keep_in_touch_shows_the_reply_with_the_roles_and_the_checklist(example_offers):
    app = quick_check(example_offers.iloc[5], lang="de")
    assert app.result["verdict"].iloc[0] == "decline_keep_in_touch"
    assert "„Data Engineer“ und „Actuarial Analyst“" in app.reply.value
    assert "Nächste Schritte" in app.checklist.value
    app.language.value = "en"
    assert "“Data Engineer” and “Actuarial Analyst”" in app.reply.value
    assert "Next steps" in app.checklist.value
    assert app.questions["interest"].value == "<b>How much do you want this particular role?</b>"


def test_presets_and_weight_sliders_change_the_verdict(example_offers):
    app = quick_check(example_offers.iloc[4])  # the dream role in a busy month
    assert app.result["verdict"].iloc[0] == "accept"
    app.preset.value = "busy_full_timer"
    expected = il.evaluate(pd.DataFrame([app.offer_row()]), il.preset_weights("busy_full_timer"))
    assert app.result["score"].iloc[0] == pytest.approx(expected["score"].iloc[0])
    app.sliders["interest"].value = 0
    assert app.result["verdict"].iloc[0] != "accept"


def test_reply_fields_fill_the_draft_and_hostile_text_is_escaped_in_the_page():
    app = quick_check()
    app.details["company"].value = "Acme"
    assert "Acme" in app.reply.value
    app.details["company"].value = HOSTILE
    assert HOSTILE in app.reply.value  # plain text for the user to copy
    assert HOSTILE not in app.verdict.value
    app.details["role"].value = HOSTILE  # the role names the invitation in the chart title
    assert HOSTILE not in app.figures["waterfall"].layout.title.text
    assert charts.escape(HOSTILE) in unwrapped(app.figures["waterfall"].layout.title.text)


def test_errors_are_shown_not_swallowed():
    app = quick_check()
    for slider in app.sliders.values():
        slider.value = 0
    assert "all weights are zero" in app.errors[-1]
    assert "all weights are zero" in app.messages.value


def test_the_waterfall_chart_function(example_offers):
    result = il.evaluate(example_offers)
    figure = charts.waterfall_chart(result, offer=result["offer"].iloc[2], lang="de")
    assert figure.layout.title.text.startswith("Wie die Punktzahl zustande kommt")
    assert figure.layout.separators == ",."
    assert sum(figure.data[0].y[:-1]) == pytest.approx(result["score"].iloc[2], abs=1e-2)
    with pytest.raises(ValueError, match="No invitation is called “x”"):
        charts.waterfall_chart(result, offer="x")


def test_the_questions_follow_the_model():
    model = custom_model()
    app = quick_check(model=model, lang="de")
    assert list(app.answers) == list(model.names)
    assert app.answers["salary"].value == 3  # the middle of its 1-5 scale
    assert "Wie gut ist das Gehalt?" in app.questions["salary"].value
    assert "1 = schlecht" in app.scale_help["salary"].value
    app.answers["salary"].value = 5
    expected = il.evaluate(pd.DataFrame([app.offer_row()]), model=model, lang="de")
    assert app.result["score"].iloc[0] == pytest.approx(expected["score"].iloc[0])
    assert "Gehalt" in list(app.figures["waterfall"].data[0].x)


# --- the example model file: own factors on their own scales, deal-breakers ----------


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_the_example_model_asks_one_question_per_factor_on_its_own_scale(lang):
    model = example_model()
    app = quick_check(model=model, lang=lang)
    assert app.errors == []
    assert list(app.answers) == list(app.sliders) == list(model.names)
    for factor in model.factors:
        answer = app.answers[factor.name]
        assert (answer.min, answer.max) == (factor.low, factor.high)
        assert answer.value == (factor.low + factor.high) / 2
        assert factor.text("question", lang) in app.questions[factor.name].value
    assert app.answers["salary"].readout_format == ".0f"
    assert "<small>35000 · 90000</small>" in app.scale_help["salary"].value
    assert "<small>0 · 10</small>" in app.scale_help["team"].value  # no help texts: the scale
    assert app.values == {}  # both rules are on factors: no extra field
    assert "⛔" not in app.verdict.value


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_the_quick_check_says_which_rule_an_answer_breaks(lang):
    model = example_model()
    offers = example_model_offers()
    koeln, acme = "Stadtwerke Köln — IT Project Lead", "Acme Corp — Junior BI Developer"
    app = quick_check(offers.set_index("offer").loc[koeln].to_dict() | {"offer": koeln},
                      model=model, lang=lang)  # fmt: skip
    word = "Deal-breaker" if lang == "en" else "Ausschlusskriterium"
    assert f"⛔ {word}: {BLOCKED[koeln][lang]}" in app.verdict.value
    assert BLOCKED[koeln][lang] in app.scale_help["commute_min"].value
    assert "⛔" not in app.scale_help["salary"].value
    assert app.result["verdict"].iloc[0] != "accept"
    assert BLOCKED[koeln][lang] in unwrapped(app.chart.figure.layout.title.text)
    app.answers["commute_min"].value = 40
    assert "⛔" not in app.verdict.value
    assert "⛔" not in app.scale_help["commute_min"].value
    app.answers["salary"].value = 40000
    assert BLOCKED[acme][lang] in app.verdict.value
    assert BLOCKED[acme][lang] in app.scale_help["salary"].value
    # However much the answers speak for it, a broken rule is never "go".
    for name in ("interest", "practice", "surprise", "doors", "team"):
        app.answers[name].value = 10
    app.answers["time_cost"].value = 0
    assert app.result["score"].iloc[0] > 0
    assert app.result["verdict"].iloc[0] != "accept"
    assert verdict_label("accept", lang) not in app.verdict.value.split("</h3>")[0]
    app.answers["salary"].value = 60000
    assert app.result["verdict"].iloc[0] == "accept"
    assert app.errors == []


def test_a_deal_breaker_on_a_column_that_is_no_factor_gets_a_field():
    from interview_lab.core.factors import Dealbreaker

    far = Dealbreaker("distance_km", {"en": "more than 50 km away", "de": "über 50 km"}, max=50)
    model = example_model().replace(dealbreakers=(far,))
    app = quick_check({"distance_km": 12.0}, model=model)
    assert list(app.values) == ["distance_km"]
    assert app.values["distance_km"].value == "12"
    assert app.values["distance_km"].description == "distance_km: more than 50 km away"
    app.values["distance_km"].value = ""
    assert "Not known: distance_km is blank" in app.verdict.value
    app.values["distance_km"].value = "80"
    assert "⛔ Deal-breaker: more than 50 km away" in app.verdict.value
    assert "more than 50 km away" in app.values_help["distance_km"].value
    app.values["distance_km"].value = "weit"
    assert "'weit' is not a number" in app.errors[-1]
    app.language.value = "de"
    assert app.values["distance_km"].description == "distance_km: über 50 km"
