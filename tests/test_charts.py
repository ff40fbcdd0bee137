from __future__ import annotations

import dataclasses
from types import MappingProxyType

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import interview_lab as il
from interview_lab import charts
from interview_lab.charts.common import verdict_label
from interview_lab.charts.live import same
from interview_lab.core import i18n
from interview_lab.core.resources import data_path

MODEL = il.DEFAULT_MODEL
#: The example model file (own factors on their own scales, two deal-breakers) and
#: its offers: two of them break a deal-breaker.
EXAMPLE_MODEL_FILE = data_path("models/salary_commute.toml")
EXAMPLE_MODEL_OFFERS = data_path("offers_salary_commute.csv")
BLOCKED = {
    "Stadtwerke Köln — IT Project Lead": {
        "en": "commute over 90 minutes",
        "de": "Pendelzeit über 90 Minuten",
    },
    "Acme Corp — Junior BI Developer": {"en": "salary under 45,000", "de": "Gehalt unter 45.000"},
}


def example_model() -> il.Model:
    return il.load_model(EXAMPLE_MODEL_FILE)


def example_model_offers() -> pd.DataFrame:
    return il.load_offers(EXAMPLE_MODEL_OFFERS, example_model())


def texts(en: str, de: str) -> MappingProxyType:
    return MappingProxyType({"en": en, "de": de})


def custom_model(**rules) -> il.Model:
    """The default model and one factor more, on a scale of its own (1-5)."""
    salary = dataclasses.replace(
        MODEL.factor("surprise"), name="salary", weight=2.0, colour="#123456",
        cancelled_by=None, low=1.0, high=5.0,
        label=texts("Salary", "Gehalt"), short=texts("salary", "Gehalt"),
        question=texts("How good is the pay?", "Wie gut ist das Gehalt?"),
        help_low=texts("1 = poor", "1 = schlecht"), help_high=texts("5 = great", "5 = sehr gut"),
    )  # fmt: skip
    return MODEL.replace(factors=(*MODEL.factors, salary), **rules)


def with_salary(offers: pd.DataFrame) -> pd.DataFrame:
    return offers.assign(salary=[1, 5, 3, 4, 2, 5, 1, 3][: len(offers)])


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
    assert figure.layout.title.text == i18n.text(f"charts.{name}.title", lang)


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
    assert set(bars) == {"zusagen", "absagen, aber in Kontakt bleiben", "absagen"}
    assert bars["zusagen"].marker.color == charts.VERDICT_COLOURS["accept"]
    accepted = result.loc[result["verdict"] == "accept", "offer"]
    assert set(bars["zusagen"].y) == set(accepted)
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
    regions, numbers = figure.layout.annotations[:2], figure.layout.annotations[2:]
    assert {a.text for a in regions} == {  # in short lines: they must not reach the points
        "<b>go</b>",
        f"<b>decline (keep in touch<br>at doors ≥ {MODEL.keep_in_touch_from:g})</b>",
    }
    # Each point carries its offer's number (table order), the offer's name in its hover.
    assert [a.text for a in numbers] == [str(k + 1) for k in range(len(result))]
    for label, (_, side) in zip(numbers, sides.iterrows(), strict=True):
        assert (label.x, label.y) == pytest.approx((side["against"], side["for"]), abs=1e-3)
    assert [a.hovertext for a in numbers] == list(result["offer"])


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
        ValueError, match=r"lacks the columns .*“score”.*Evaluate the invitations first"
    ) as error:
        charts.contributions_chart(example_offers)
    assert error.value.code == "charts.errors.missing_columns"
    with pytest.raises(ValueError, match=r"fehlen die Spalten .*„score“.*zuerst auswerten"):
        charts.contributions_chart(example_offers, lang="de")


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


def test_charts_take_colours_labels_and_order_from_the_model(example_offers):
    model = custom_model()
    result = il.evaluate(with_salary(example_offers), model=model)
    figure = charts.contributions_chart(result)  # the model the table was evaluated with
    assert [t.name for t in figure.data[:7]] == [f.text("label", "en") for f in model.factors]
    assert [t.marker.color for t in figure.data[:7]] == [f.colour for f in model.factors]
    assert list(figure.data[6].x) == pytest.approx(result["contribution_salary"], abs=1e-3)
    german = charts.contributions_chart(result, "de", model=model)
    assert german.data[6].name == "Gehalt"
    waterfall = charts.waterfall_chart(result, offer=result["offer"].iloc[1])
    shorts = [model.factor(name).text("short", "en") for name in model.chart_order]
    assert list(waterfall.data[0].x) == [*shorts, "score"]
    assert shorts[-1] == "salary"  # a factor without a partner ends the walk


def test_the_profile_maps_a_scale_of_its_own_onto_0_to_10(example_offers):
    model = custom_model()
    result = il.evaluate(with_salary(example_offers), model=model)
    first = charts.profile_chart(result).data[1]
    assert list(first.theta)[:7] == [f.text("label", "en") for f in model.factors]
    assert first.customdata[6] == 5  # salary as rated, 1-5
    assert first.r[6] == 10  # drawn at the top of the common scale
    assert first.r[0] == result["interest"].iloc[1]


def test_a_chart_refuses_a_table_evaluated_without_the_models_factors(result):
    with pytest.raises(ValueError, match=r"lacks the columns “salary”, “contribution_salary”\."):
        charts.contributions_chart(result, model=custom_model())


def test_the_keep_in_touch_region_follows_the_models_rule(example_offers):
    model = MODEL.replace(keep_in_touch_from=8.0)
    figure = charts.benefit_cost_chart(il.evaluate(example_offers, model=model), lang="de")
    assert "<b>absagen (in Kontakt<br>bleiben bei Türen ≥ 8)</b>" in {
        a.text for a in figure.layout.annotations
    }
    without = MODEL.replace(keep_in_touch=None)
    figure = charts.benefit_cost_chart(il.evaluate(example_offers, model=without))
    assert "<b>decline</b>" in {a.text for a in figure.layout.annotations}


def test_the_ranking_star_says_which_verdict_a_close_call_flips_to(result):
    stars = charts.ranking_chart(result).data[-1]
    close = result[result["borderline"]]
    assert list(stars.y) == list(close["offer"])
    for text, flips in zip(stars.customdata, close["flips_to"], strict=True):
        assert text == f"close call → {verdict_label(flips)}"


@pytest.mark.parametrize("name", sorted(charts.COACH_SPECS))
def test_a_live_coach_chart_redrawn_in_place_equals_a_fresh_chart(example_offers, name):
    from interview_lab import analysis

    def sources(weights):
        offer = example_offers["offer"].iloc[1]
        bars = analysis.tornado(example_offers, weights)
        intervals = analysis.stability_intervals(example_offers, weights)
        table = analysis.rank_acceptability(example_offers, weights, n=500)
        return {
            "tornado": bars[bars["offer"] == offer],
            "stability": intervals[intervals["factor"] == "time_cost"],
            "acceptability": table,
            "verdict_probability": table,
            "personas": analysis.side_by_side(example_offers, "new_graduate", weights),
        }[name]

    spec = charts.COACH_SPECS[name]
    live = charts.LiveChart(spec, sources(None), "en")
    for weights, lang in [({"time_cost": 4.5}, "de"), ({"interest": 0.5}, "en")]:
        source = sources(weights)
        live.draw(source, lang)
        fresh = charts.figure_from_spec(spec(source, lang)).to_plotly_json()
        drawn = live.figure.to_plotly_json()
        for trace in drawn["data"] + fresh["data"]:
            trace.pop("uid", None)
        assert same(drawn, fresh)


def test_the_heatmap_of_many_offers_shows_the_likeliest_and_groups_the_ranks():
    from interview_lab import analysis

    table = analysis.rank_acceptability(il.random_offers(45), n=400)
    heat = charts.acceptability_chart(table).data[0]
    assert len(heat.y) == 20
    assert list(heat.x[:2]) == ["ranks 1–3", "ranks 4–6"]
    assert heat.x[-1] == "ranks 43–45"
    ranks = table.filter(regex=r"^rank_\d+$").to_numpy()
    expected = ranks @ np.arange(1, ranks.shape[1] + 1)
    best = table.index[np.argsort(expected, kind="stable")[:20]]
    assert list(heat.y) == list(best)
    shares = table.loc[best, ["rank_1", "rank_2", "rank_3"]].sum(axis=1).round(3)
    np.testing.assert_allclose(heat.z[:, 0], shares)


# --- the example model file: own factors, deal-breakers ------------------------------


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_the_ranking_and_the_map_cross_out_the_offers_that_break_a_deal_breaker(lang):
    result = il.evaluate(EXAMPLE_MODEL_OFFERS, model=example_model(), lang=lang)
    blocked = [name for name in result["offer"] if name in BLOCKED]
    word = i18n.text("charts.dealbreaker", lang)
    for figure in (charts.ranking_chart(result, lang), charts.benefit_cost_chart(result, lang)):
        crosses = figure.data[-1]
        assert crosses.name == word
        assert list(crosses.text) == blocked
        assert list(crosses.customdata) == [f"{word}: {BLOCKED[n][lang]}" for n in blocked]
        go_trace = next(t for t in figure.data if t.name == verdict_label("accept", lang))
        offers = go_trace.y if go_trace.type == "bar" else go_trace.text
        assert not set(offers) & set(BLOCKED)  # never shown as go
    hover = " ".join(
        " ".join(t.hovertext)
        for t in charts.benefit_cost_chart(result, lang).data
        if t.hovertext is not None
    )
    assert all(f"{word}: {BLOCKED[n][lang]}" in hover for n in blocked)


def test_without_deal_breakers_no_cross_is_drawn(result):
    for figure in (charts.ranking_chart(result), charts.benefit_cost_chart(result)):
        assert "deal-breaker" not in {t.name for t in figure.data}


def test_the_waterfall_names_the_broken_rule_and_a_rule_label_is_escaped():
    model = example_model()
    hostile = model.replace(
        dealbreakers=(
            dataclasses.replace(
                model.dealbreakers[0], label=texts(HOSTILE, "Pendelzeit <b>zu lang</b>")
            ),
        )
    )
    offers = example_model_offers()
    result = il.evaluate(offers, model=hostile)
    title = charts.waterfall_chart(result, offer="Stadtwerke Köln — IT Project Lead").layout.title
    assert title.text.endswith("(deal-breaker: &lt;img src=x onerror=alert(1)&gt;)")
    german = il.evaluate(offers, model=hostile, lang="de")
    for build in (charts.ranking_chart, charts.benefit_cost_chart):
        dumped = build(result).to_json() + build(german, lang="de").to_json()
        assert "<img" not in dumped
        assert "<b>zu" not in dumped
        assert "&lt;b&gt;zu lang" in dumped


def test_the_plan_says_which_deal_breaker_rules_an_offer_out():
    model = example_model()
    for lang, out, reply in [
        ("en", "out: deal-breaker: ", "reply, don't go: deal-breaker: "),
        ("de", "nicht ausgewählt: Ausschlusskriterium: ", "nur antworten: Ausschluss"),
    ]:
        planned = il.plan(EXAMPLE_MODEL_OFFERS, 100, 5, model=model, lang=lang)
        reasons = dict(zip(planned["offer"], planned["reason"], strict=True))
        assert not planned.loc[planned["offer"].isin(BLOCKED), "chosen"].any()
        acme, koeln = "Acme Corp — Junior BI Developer", "Stadtwerke Köln — IT Project Lead"
        assert reasons[acme] == out + BLOCKED[acme][lang]
        assert reasons[koeln].startswith(reply)
        assert BLOCKED[koeln][lang] in reasons[koeln]
        hover = " ".join(" ".join(t.customdata) for t in charts.plan_chart(planned, lang).data)
        assert BLOCKED[acme][lang] in hover


def test_a_live_chart_follows_offers_into_and_out_of_a_deal_breaker():
    model = example_model()
    offers = example_model_offers()
    live = charts.LiveChart(charts.SPECS["ranking"], il.evaluate(offers, model=model), "en")
    moved = offers.assign(commute_min=[95, 0, 30, 25, 45])
    for table, lang in [(il.evaluate(moved, model=model, lang="de"), "de"),
                        (il.evaluate(offers.head(2), model=model), "en")]:  # fmt: skip
        live.draw(table, lang)
        fresh = charts.ranking_chart(table, lang).to_plotly_json()
        drawn = live.figure.to_plotly_json()
        for trace in drawn["data"] + fresh["data"]:
            trace.pop("uid", None)
        assert same(drawn, fresh)


# Plotly's own entity decoding (svg_text_utils.convertEntities), read from the bundled
# plotly.js so the test follows the version installed.
def plotly_shows(text: str) -> str:
    """What plotly shows for ``text``: its entities decoded as plotly.js decodes them."""
    import html as html_module
    import re
    from pathlib import Path

    bundle = (Path(go.__file__).parents[1] / "package_data" / "plotly.min.js").read_text(
        encoding="utf-8"
    )
    known = re.search(r'\{mu:"[^}]*amp:"&",lt:"<",gt:">"[^}]*\}', bundle)
    assert known is not None, "plotly.js no longer has its entity table"
    names = set(re.findall(r"([a-z]+):", known.group()))
    assert "quot" not in names  # why escape() writes quotes as numeric entities
    assert r"#x[\da-fA-F]+" in bundle  # plotly decodes numeric entities

    def decode(found: re.Match[str]) -> str:
        entity = found.group(1)
        if entity.startswith("#") or entity in names:
            return html_module.unescape(found.group())
        return found.group()

    return re.sub(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);", decode, text)


@pytest.mark.parametrize(
    "name",
    [
        'Acme "Data" Analyst',
        "O'Reilly — Analyst",
        HOSTILE,
        '<a href="javascript:alert(1)">click</a>',
        "Tom &amp; Jerry &lt;b&gt; &quot; &#60;script&#62;",
        "<b>bold</b> & <i>",
    ],
)
def test_charts_show_names_exactly_as_typed_and_never_as_markup(example_offers, name):
    offers = example_offers.copy()
    offers.loc[0, "offer"] = name
    escaped = charts.escape(name)
    assert "<" not in escaped
    assert ">" not in escaped
    assert "&quot;" not in escaped
    assert plotly_shows(escaped) == name
    result = il.evaluate(offers)
    for build in BUILDERS.values():
        dumped = build(result).to_json()
        assert "&quot;" not in dumped
        assert "<a " not in dumped
        assert "<b>bold" not in dumped


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_verdict_text_colours_have_aa_contrast_on_white() -> None:
    from interview_lab.charts.common import VERDICT_COLOURS, VERDICT_TEXT_COLOURS

    assert VERDICT_TEXT_COLOURS.keys() == VERDICT_COLOURS.keys()
    for colour in VERDICT_TEXT_COLOURS.values():
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, colour


def test_the_map_numbers_its_points_only_while_they_can_be_placed():
    """Above MAX_NUMBERED_POINTS offers the hover names each point; no numbers, no key."""
    from interview_lab.charts.comparison import (
        MAX_NUMBERED_POINTS,
        benefit_cost_key,
        benefit_cost_spec,
    )

    def numbered(n: int) -> tuple[int, int]:
        result = il.evaluate(il.random_offers(n, seed=3))
        _, layout = benefit_cost_spec(result)
        labels = [a for a in layout["annotations"] if a.get("name") == "point label"]
        return len(labels), len(benefit_cost_key(result))

    assert numbered(MAX_NUMBERED_POINTS) == (MAX_NUMBERED_POINTS, MAX_NUMBERED_POINTS)
    assert numbered(MAX_NUMBERED_POINTS + 1) == (0, 0)
