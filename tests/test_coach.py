"""The coach's charts and app (issue 4), driven without a browser."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import interview_lab as il
from interview_lab import analysis as se
from interview_lab.apps.coach import coach
from interview_lab.charts import coach as cc
from interview_lab.charts.common import verdict_label
from interview_lab.core.resources import data_path

from .helpers import unwrapped

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def app(example_offers):
    return coach(example_offers, "new_graduate", "busy_full_timer", draws=2000)


# --- charts ----------------------------------------------------------------------------


def test_tornado_chart_puts_the_widest_swing_on_top(example_offers):
    bars = se.tornado(example_offers)
    figure = cc.tornado_chart(bars, offer="Helix Bio — Data Scientist")
    assert isinstance(figure, go.Figure)
    rows = bars[bars["offer"] == "Helix Bio — Data Scientist"]
    widest = rows.iloc[0]["factor"]
    trace = figure.data[0]
    assert trace.y[-1] == il.factor_table().set_index("factor").loc[widest, "label"]
    np.testing.assert_allclose(sorted(trace.x), sorted(rows["swing"].round(3)))
    with pytest.raises(ValueError, match="No invitation is called “nope”"):
        cc.tornado_chart(bars, offer="nope")


def test_stability_chart_draws_each_interval_in_its_verdict_colour(example_offers):
    intervals = se.stability_intervals(example_offers)
    figure = cc.stability_chart(intervals, "time_cost", lang="de")
    rows = intervals[intervals["factor"] == "time_cost"]
    go_trace = next(t for t in figure.data if t.name == "zusagen")
    accepted = rows[rows["verdict"] == "accept"]
    assert list(go_trace.base) == accepted["low"].round(3).tolist()
    assert figure.layout.shapes[0].x0 == il.DEFAULT_WEIGHTS["time_cost"]  # the current weight
    assert figure.layout.title.text.startswith("Gewicht von „Zeitaufwand")


def test_acceptability_heatmap_and_verdict_bars_carry_the_shares(example_offers):
    table = se.rank_acceptability(example_offers, n=1000)
    heat = cc.acceptability_chart(table).data[0]
    np.testing.assert_allclose(heat.z, table.filter(like="rank_").round(3).to_numpy())
    bars = cc.verdict_probability_chart(table, "de")
    assert [t.name for t in bars.data] == ["zusagen", "absagen, aber in Kontakt bleiben", "absagen"]
    np.testing.assert_allclose(bars.data[0].x, table["p_accept"].round(3))


def test_personas_chart_marks_the_offers_whose_verdict_differs(example_offers):
    compared = se.side_by_side(example_offers, "new_graduate", "busy_full_timer")
    figure = cc.personas_chart(compared)
    circled = figure.data[-1]
    assert list(circled.y) == compared.loc[compared["verdict_changed"], "offer"].tolist()
    assert figure.layout.title.text == (
        "The same invitations: New graduate who needs practice and Busy full-timer"
    )
    assert figure.layout.xaxis2.title.text == "Busy full-timer"


def test_coach_charts_escape_offer_names():
    table = pd.DataFrame([{"offer": HOSTILE, "interest": 8, "practice": 5, "surprise": 3,
                           "doors": 3, "time_cost": 2, "confusion": 2}])  # fmt: skip
    figures = [
        cc.tornado_chart(se.tornado(table)),
        cc.stability_chart(se.stability_intervals(table), "interest"),
        cc.acceptability_chart(se.rank_acceptability(table, n=100)),
        cc.personas_chart(se.side_by_side(table, "coach_neutral", "new_graduate")),
    ]
    for figure in figures:
        text = figure.to_json()
        assert HOSTILE not in text
    assert "&lt;img" in figures[0].layout.title.text


# --- the app ---------------------------------------------------------------------------


def test_the_app_shows_the_analyses_of_its_sliders(app, example_offers):
    assert set(app.figures) == {"tornado", "stability", "acceptability",
                                "verdict_probability", "personas"}  # fmt: skip
    assert all(isinstance(f, go.FigureWidget) for f in app.figures.values())
    pd.testing.assert_frame_equal(app.intervals, se.stability_intervals(example_offers))
    expected = se.rank_acceptability(example_offers, n=2000, seed=0)
    pd.testing.assert_frame_equal(app.acceptability, expected)
    assert "Acme Corp — Junior BI Developer" in app.personas_note.value


def test_moving_a_weight_moves_the_flip_points_in_place(app, example_offers):
    figure, trace = app.figures["stability"], app.figures["stability"].data[0]
    app.sliders["time_cost"].value = 4.0
    expected = se.stability_intervals(example_offers, {"time_cost": 4.0})
    pd.testing.assert_frame_equal(app.intervals, expected)
    assert app.figures["stability"] is figure
    assert figure.data[0] is trace
    assert figure.layout.shapes[0].x0 == 4.0
    changes = se.what_would_change(example_offers, {"time_cost": 4.0})
    first = changes.drop_duplicates("offer")["text"].iloc[0]
    assert first.replace("“", "").split()[0] in app.changes_table.value
    probabilities = app.figures["verdict_probability"].data[0].x
    np.testing.assert_allclose(probabilities, app.acceptability["p_accept"].round(3))
    assert app.errors == []


def test_choosing_a_factor_and_personas_redraws_their_charts(app, example_offers):
    app.factor.value = "doors"
    assert app.figures["stability"].layout.shapes[0].x0 == il.DEFAULT_WEIGHTS["doors"]
    app.second.value = "new_graduate"
    assert "same verdict" in app.personas_note.value
    assert len(app.figures["personas"].data[-1].y) == 0


def test_a_ranking_sets_the_priorities_to_roc_weights(app):
    app.ranking.value = "time_cost, interest, practice"
    app.use_ranking.click()
    roc = se.roc_weights(["time_cost", "interest", "practice"])
    expected = {k: round(v / roc["time_cost"] * 5, 2) for k, v in roc.items()}
    assert app.weights == expected
    assert {k: s.value for k, s in app.sliders.items()} == pytest.approx(expected, abs=0.05)
    app.ranking.value = "salary"
    app.use_ranking.click()
    assert "“salary” is no factor of the model" in app.messages.value
    assert "“time cost”" in app.messages.value  # the factors as people name them


def test_widening_a_rating_lists_what_to_find_out_first(app):
    app.offer.value = "Quokka Labs — Product Analyst"
    assert "Every rating is known" in app.find_out_table.value
    app.ranges["surprise"].value = (2.0, 9.0)
    app.ranges["confusion"].value = (0.0, 8.0)
    expected = app.find_out_first()
    assert list(expected["factor"]) == sorted(
        ["surprise", "confusion"], key=lambda f: -expected.set_index("factor").loc[f, "information"]
    )
    assert all(t.replace("'", "&#x27;") in app.find_out_table.value for t in expected["text"])
    tornado = app.figures["tornado"].layout.title.text
    assert "Quokka Labs" in tornado


def test_the_app_speaks_german(app):
    app.language.value = "de"
    assert app.first.description == "Persona A"
    assert app.factor.description == "Kipppunkte von"
    assert app.figures["personas"].layout.title.text.startswith("Dieselben Einladungen")
    assert "Läge der Wert für" in app.changes_table.value
    assert app.errors == []


def test_an_unknown_persona_is_refused_clearly(example_offers):
    with pytest.raises(il.WeightsError, match="Unknown preset “nobody”"):
        coach(example_offers, first="nobody")


def test_what_to_find_out_first_speaks_german_in_the_app(app):
    app.language.value = "de"
    app.offer.value = "Quokka Labs — Product Analyst"
    for slider in app.ranges.values():
        slider.value = (slider.min, slider.max)
    found = app.find_out_first()
    assert len(found) == len(il.DEFAULT_MODEL.names)
    assert all(t.replace("'", "&#x27;") in app.find_out_table.value for t in found["text"])
    assert app.errors == []


def _assert_the_app_shows_the_public_analyses(app, offers, model=None):
    """The app's tables after a change are the public analyses of its offers and weights."""
    weights, lang = app.weights, app.lang
    pd.testing.assert_frame_equal(
        app.intervals, se.stability_intervals(offers, weights, model=model)
    )
    chosen = offers[offers["offer"] == app.offer.value]
    pd.testing.assert_frame_equal(app.tornado, se.tornado(chosen, weights, model=model))
    expected = se.rank_acceptability(offers, weights, n=app.draws_used, seed=0, model=model)
    pd.testing.assert_frame_equal(app.acceptability, expected)
    pd.testing.assert_frame_equal(
        app.changes, se.what_would_change(offers, weights, lang, model=model)
    )


def test_after_slider_moves_the_app_shows_what_the_public_analyses_give():
    offers = il.random_offers(200, seed=3)
    app = coach(offers, "coach_neutral", "busy_full_timer")
    assert app.draws_used < app.draws  # the long list's path: fewer draws
    app.sliders["time_cost"].value = 4.2
    app.sliders["doors"].value = 0.0
    app.offer.value = str(offers["offer"].iloc[17])
    _assert_the_app_shows_the_public_analyses(app, offers)
    app.language.value = "de"
    app.sliders["interest"].value = 1.5
    _assert_the_app_shows_the_public_analyses(app, offers)
    assert app.errors == []


# --- any model: the example model file and a model no preset fits ------------------------

SALARY_COMMUTE = il.load_model(data_path("models/salary_commute.toml"))
SALARY_OFFERS = il.load_offers(data_path("offers_salary_commute.csv"), SALARY_COMMUTE)
#: Factors of its own only: no preset fits it, so the personas are its default priorities.
OWN_FACTORS_ONLY = il.Model(
    factors=(SALARY_COMMUTE.factor("salary"), SALARY_COMMUTE.factor("commute_min")),
    desire=None,
    keep_in_touch=None,
    dealbreakers=SALARY_COMMUTE.dealbreakers,
)


def _listed(values) -> list:
    """A trace's array as a list (an empty trace may hold None)."""
    return [] if values is None else np.asarray(values).tolist()


def _assert_the_charts_show_the_analyses(app, offers, model):
    """Every chart's numbers are those of the public analyses of the app's weights."""
    weights, lang = app.weights, app.lang
    intervals = se.stability_intervals(offers, weights, model=model)
    rows = intervals[intervals["factor"] == app.factor.value]
    for trace in app.figures["stability"].data:
        verdict = next(v for v in il.VERDICTS if verdict_label(v, lang) == trace.name)
        shown = rows[rows["verdict"] == verdict]
        assert _listed(trace.y) == shown["offer"].tolist()
        assert _listed(trace.base) == shown["low"].round(3).tolist()
    table = se.rank_acceptability(offers, weights, n=app.draws_used, seed=0, model=model)
    heat = app.figures["acceptability"].data[0]
    np.testing.assert_allclose(heat.z, table.filter(like="rank_").round(3).to_numpy())
    for trace in app.figures["verdict_probability"].data:
        verdict = next(v for v in il.VERDICTS if verdict_label(v, lang) == trace.name)
        np.testing.assert_allclose(trace.x, table[f"p_{verdict}"].round(3))
    chosen = offers[offers["offer"] == app.offer.value]
    bars = se.tornado(chosen, weights, model=model).sort_values("swing", kind="stable")
    np.testing.assert_allclose(app.figures["tornado"].data[0].x, bars["swing"].round(3))
    compared = se.side_by_side(
        offers, *(app.personas[p.value] for p in (app.first, app.second)), model=model
    )
    markers = [t for t in app.figures["personas"].data if t.type == "scatter"][:2]
    for trace, prefix in zip(markers, ("first", "second"), strict=True):
        np.testing.assert_allclose(trace.x, compared[f"{prefix}_score"].round(3))
    return intervals, table, compared


def _assert_no_blocked_offer_shows_as_accept(app, offers, model, intervals, table, compared):
    result = il.evaluate(offers, app.weights, model=model, explain=False)
    blocked = (result["dealbreakers"] != "").to_numpy()
    names = offers["offer"][blocked].tolist()
    assert names  # the example has offers that break a deal-breaker
    go = verdict_label("accept", app.lang)
    assert "accept" not in intervals.loc[intervals["offer"].isin(names), "verdict"].tolist()
    accept_bars = next(t for t in app.figures["stability"].data if t.name == go)
    assert not set(_listed(accept_bars.y)) & set(names)
    assert (table.loc[names, "p_accept"] == 0).all()
    probability = next(t for t in app.figures["verdict_probability"].data if t.name == go)
    assert not np.asarray(probability.x)[blocked].any()
    for prefix in ("first", "second"):
        assert "accept" not in compared.loc[blocked, f"{prefix}_verdict"].astype(str).tolist()
    markers = [t for t in app.figures["personas"].data if t.type == "scatter"][:2]
    for trace in markers:
        assert not any(text.endswith(go) for text in np.asarray(trace.text)[blocked])


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("model", [SALARY_COMMUTE, OWN_FACTORS_ONLY], ids=["file", "own"])
def test_the_coach_opens_with_any_model_and_shows_its_analyses(model, lang):
    app = coach(SALARY_OFFERS, lang=lang, model=model)
    assert app.errors == []
    if model is OWN_FACTORS_ONLY:
        assert list(app.personas) == [cc.MODEL_DEFAULTS]
        assert dict(app.personas[cc.MODEL_DEFAULTS]) == dict(model.default_weights)
        assert app.first.value == app.second.value == cc.MODEL_DEFAULTS
        label = (
            "The model's default priorities" if lang == "en" else "Standardprioritäten des Modells"
        )
        title = unwrapped(app.figures["personas"].layout.title.text)
        assert label.replace("'", "&#x27;") in title
        assert [label for label, _ in app.first.options] == [
            cc.persona_label(cc.MODEL_DEFAULTS, lang)
        ]
    else:
        assert (app.first.value, app.second.value) == ("coach_neutral", "busy_full_timer")
    blocked = il.evaluate(SALARY_OFFERS, model=model, explain=False)["dealbreakers"] != ""
    app.offer.value = SALARY_OFFERS["offer"][blocked].iloc[0]
    for factor, weight in (("salary", 0.5), ("commute_min", 3.0)):
        app.sliders[factor].value = weight
        app.factor.value = factor
        _assert_the_app_shows_the_public_analyses(app, SALARY_OFFERS, model)
        found = _assert_the_charts_show_the_analyses(app, SALARY_OFFERS, model)
        _assert_no_blocked_offer_shows_as_accept(app, SALARY_OFFERS, model, *found)
    assert app.errors == []


def test_a_persona_the_model_lacks_is_refused_and_its_defaults_always_resolve():
    with pytest.raises(il.WeightsError, match="Unknown preset “coach_neutral”"):
        coach(SALARY_OFFERS, first="coach_neutral", model=OWN_FACTORS_ONLY)
    app = coach(SALARY_OFFERS, cc.MODEL_DEFAULTS, model=OWN_FACTORS_ONLY)
    assert app.compared["verdict_changed"].sum() == 0  # the same priorities twice
    app = coach(SALARY_OFFERS, cc.MODEL_DEFAULTS, model=SALARY_COMMUTE)
    assert cc.MODEL_DEFAULTS not in app.personas  # coach_neutral has those weights
    assert app.first.value == "coach_neutral"
