from __future__ import annotations

import plotly.graph_objects as go
import pytest

import interview_lab as il
from interview_lab import charts
from interview_lab.charts import comparison
from interview_lab.charts.live import same

MODEL = il.DEFAULT_MODEL

HOSTILE = "<img src=x onerror=alert(1)>"
BUILDERS = {
    "contributions": charts.contributions_chart,
    "profile": charts.profile_chart,
    "ranking": charts.ranking_chart,
    "benefit_cost": charts.benefit_cost_chart,
}


@pytest.fixture
def result(example_offers):
    return il.evaluate(example_offers)


@pytest.mark.parametrize("name", BUILDERS)
@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_every_chart_is_a_figure_with_a_title_in_the_language(result, name, lang):
    figure = BUILDERS[name](result, lang=lang)
    assert isinstance(figure, go.Figure)
    assert figure.layout.title.text == comparison._TEXT[lang][name]


def test_contributions_stack_each_factor_and_mark_the_total_sorted_by_score(result):
    figure = charts.contributions_chart(result)
    assert [t.name for t in figure.data[:6]] == [f.text("label", "en") for f in MODEL.factors]
    assert [t.marker.color for t in figure.data[:6]] == [f.colour for f in MODEL.factors]
    assert figure.layout.barmode == "relative"
    for trace, factor in zip(figure.data[:6], MODEL.names, strict=True):
        assert list(trace.y) == list(result["offer"])
        assert list(trace.x) == pytest.approx(result[f"contribution_{factor}"], abs=1e-3)
    total = figure.data[6]
    assert total.mode == "markers"
    assert list(total.x) == pytest.approx(result["score"], abs=1e-3)
    # The axis lists the offers from the lowest score up: the best is drawn on top.
    assert figure.layout.yaxis.categoryorder == "array"
    assert list(figure.layout.yaxis.categoryarray) == list(result.sort_values("score")["offer"])
    assert figure.layout.yaxis.categoryarray[-1] == result.loc[result["score"].idxmax(), "offer"]


def test_ranking_colours_verdicts_with_one_palette_and_stars_borderline(result):
    figure = charts.ranking_chart(result, lang="de")
    bars = {t.name: t for t in figure.data if t.type == "bar"}
    assert set(bars) == {"hingehen", "absagen, in Kontakt bleiben", "absagen"}
    assert bars["hingehen"].marker.color == charts.VERDICT_COLOURS["accept"]
    accepted = result.loc[result["verdict"] == "accept", "offer"]
    assert set(bars["hingehen"].y) == set(accepted)
    stars = figure.data[-1]
    assert set(stars.y) == set(result.loc[result["borderline"], "offer"])
    assert stars.name == "Grenzfall"


def test_profile_draws_the_six_ratings_of_every_offer(result):
    figure = charts.profile_chart(result, lang="de")
    assert len(figure.data) == len(result)
    first = figure.data[0]
    ratings = [float(result.iloc[0][f]) for f in MODEL.names]
    assert list(first.r) == [*ratings, ratings[0]]
    assert list(first.theta)[:6] == [f.text("label", "de") for f in MODEL.factors]
    assert tuple(figure.layout.polar.radialaxis.range) == (0, 10)


def test_benefit_cost_puts_accepted_offers_above_the_diagonal(result):
    figure = charts.benefit_cost_chart(result)
    sides = charts.benefit_cost(result).set_index("offer")
    for trace in figure.data:
        for name, x, y in zip(trace.text, trace.x, trace.y, strict=True):
            assert (x, y) == pytest.approx(
                (sides.loc[name, "against"], sides.loc[name, "for"]), abs=1e-3
            )
            assert (y > x) == (trace.name == "go")
    assert len(figure.layout.shapes) == 3
    assert {a.text for a in figure.layout.annotations} == {
        "<b>go</b>",
        "<b>decline (keep in touch if doors are open)</b>",
    }


def test_for_minus_against_is_the_score(result):
    sides = charts.benefit_cost(result)
    assert list(sides["for"] - sides["against"]) == pytest.approx(list(result["score"]))


@pytest.mark.parametrize("name", BUILDERS)
def test_user_text_is_escaped_everywhere(example_offers, name):
    offers = example_offers.copy()
    offers.loc[0, "offer"] = HOSTILE
    offers.loc[0, "notes"] = '<script>alert("x")</script>\nsecond line'
    figure = BUILDERS[name](il.evaluate(offers))
    dumped = figure.to_json()
    assert "<img" not in dumped
    assert "<script" not in dumped
    assert "&lt;img src=x onerror=alert(1)&gt;" in dumped


def test_charts_never_show(monkeypatch, result):
    def refuse(*args, **kwargs):
        raise AssertionError("a chart function must not call show()")

    monkeypatch.setattr(go.Figure, "show", refuse)
    for build in BUILDERS.values():
        build(result)


def test_a_table_that_was_not_evaluated_gets_a_clear_error(example_offers):
    with pytest.raises(
        ValueError, match=r"missing columns .*'score'.*Call evaluate\(offers\) first"
    ):
        charts.contributions_chart(example_offers)


@pytest.mark.parametrize("name", BUILDERS)
def test_a_live_chart_redrawn_in_place_equals_a_fresh_chart(example_offers, name):
    start = il.evaluate(example_offers)
    live = charts.LiveChart(charts.SPECS[name], start, "en")
    figure = live.figure
    for table, lang in [
        (il.evaluate(example_offers.head(3), {"time_cost": 4}), "de"),
        (il.evaluate(example_offers, {"interest": 0.5}), "en"),
        (il.evaluate(example_offers.tail(5)), "de"),
    ]:
        live.draw(table, lang)
        assert live.figure is figure
        fresh = BUILDERS[name](table, lang=lang)
        drawn = figure.to_plotly_json()
        wanted = fresh.to_plotly_json()
        for trace in drawn["data"] + wanted["data"]:
            trace.pop("uid", None)
        assert same(drawn["data"], wanted["data"])
        assert same(drawn["layout"], wanted["layout"])
