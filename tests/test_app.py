"""Drive the comparison app as a person would, without a browser."""

from __future__ import annotations

import copy

import pandas as pd
import plotly.graph_objects as go
import pytest

import interview_lab as il
from interview_lab import analysis, charts
from interview_lab.apps.base import CUSTOM
from interview_lab.apps.compare import compare
from interview_lab.charts.common import verdict_label
from interview_lab.charts.live import same
from interview_lab.core import i18n
from interview_lab.core.i18n import LANGUAGES

from .test_charts import (
    BLOCKED,
    EXAMPLE_MODEL_OFFERS,
    custom_model,
    example_model,
    example_model_offers,
    with_salary,
)

MODEL = il.DEFAULT_MODEL

HOSTILE = "<img src=x onerror=alert(1)>"


def texts_of(en: str, de: str) -> dict[str, str]:
    return dict(zip(LANGUAGES, (en, de), strict=True))


@pytest.fixture
def app(example_offers, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may land in the working folder
    return compare(example_offers)


def ranked_scores(app) -> dict[str, float]:
    bars = [t for t in app.figures["ranking"].data if t.type == "bar"]
    return {name: x for trace in bars for name, x in zip(trace.y, trace.x, strict=True)}


def test_the_app_has_a_slider_per_factor_with_bounds_and_labels_from_the_table(app):
    assert list(app.sliders) == list(MODEL.names)
    for factor in MODEL.factors:
        slider = app.sliders[factor.name]
        assert (slider.min, slider.max) == (0, factor.weight_max)
        assert slider.description == factor.text("label", "en")
        assert slider.value == MODEL.default_weights[factor.name]
    assert set(app.figures) == {"contributions", "profile", "ranking", "benefit_cost"}
    assert all(isinstance(f, go.FigureWidget) for f in app.figures.values())
    assert app.preset.value == "coach_neutral"


def test_moving_a_slider_updates_the_same_figures_and_the_table(app, example_offers):
    figures_before = dict(app.figures)
    traces_before = {name: f.data[0] for name, f in app.figures.items()}
    app.sliders["time_cost"].value = 4.5
    expected = il.evaluate(example_offers, {"time_cost": 4.5})
    assert app.figures == figures_before  # the same FigureWidget objects
    assert all(app.figures[n].data[0] is traces_before[n] for n in app.figures)
    scores = ranked_scores(app)
    for offer, score in zip(expected["offer"], expected["score"], strict=True):
        assert scores[offer] == pytest.approx(score, abs=1e-3)
    pd.testing.assert_frame_equal(app.result, expected)
    for offer, verdict in zip(expected["offer"], expected["verdict"], strict=True):
        assert offer in app.table.value
        assert verdict_label(verdict, "en") in app.table.value
    assert app.preset.value == CUSTOM
    assert app.errors == []


def test_a_slider_move_reaches_each_chart_as_one_batched_update(app, monkeypatch):
    # Inside batch_update() plotly folds every change into one update message per
    # figure; a change made outside it would go out as its own restyle/relayout.
    sent: list[tuple[str, str]] = []
    for name, figure in app.figures.items():
        for kind in ("update", "restyle", "relayout", "addTraces", "deleteTraces"):
            method = f"_send_{kind}_msg"
            monkeypatch.setattr(
                figure, method, lambda *a, name=name, kind=kind, **k: sent.append((name, kind))
            )
    app.sliders["doors"].value = 1.0
    assert all(kind == "update" for _, kind in sent)
    # The profile shows ratings only, so a weight change leaves it unchanged: no message.
    assert sorted(name for name, _ in sent) == ["benefit_cost", "contributions", "ranking"]


def test_choosing_a_preset_moves_the_sliders_and_the_charts(app, example_offers):
    app.preset.value = "busy_full_timer"
    weights = il.preset_weights("busy_full_timer")
    assert {name: s.value for name, s in app.sliders.items()} == weights
    expected = il.evaluate(example_offers, weights)
    assert list(app.result["verdict"]) == list(expected["verdict"])
    assert ranked_scores(app)[expected["offer"].iloc[0]] == pytest.approx(
        expected["score"].iloc[0], abs=1e-3
    )


def test_reset_returns_to_the_starting_priorities(example_offers, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = compare(example_offers, weights={"doors": 3})
    app.sliders["interest"].value = 0.5
    app.reset.click()
    assert app.weights == {**MODEL.default_weights, "doors": 3.0}
    assert app.sliders["interest"].value == MODEL.default_weights["interest"]
    assert list(app.result["score"]) == pytest.approx(
        list(il.evaluate(example_offers, {"doors": 3})["score"])
    )


def test_switching_language_relabels_widgets_charts_and_explanations(app, example_offers):
    app.language.value = "de"
    assert app.sliders["time_cost"].description == "Zeitaufwand und Fehlzeiten"
    assert app.figures["ranking"].layout.title.text == i18n.text("charts.ranking.title", "de")
    assert app.figures["contributions"].data[0].name == "Interesse an der Stelle"
    assert app.preset.label == il.load_presets()["coach_neutral"].text("label", "de")
    german = il.evaluate(example_offers, lang="de")
    assert list(app.result["explanation"]) == list(german["explanation"])
    assert "Empfehlung" in app.table.value
    assert "zusagen" in app.table.value
    app.language.value = "en"
    assert app.reset.description == "Reset priorities"


def test_the_editor_changes_an_offers_ratings_and_the_charts_follow(app, example_offers):
    name = example_offers["offer"].iloc[2]
    app.editor_offer.value = name
    assert app.editor_sliders["time_cost"].value == example_offers["time_cost"].iloc[2]
    app.editor_sliders["time_cost"].value = 1.0
    changed = example_offers.copy()
    changed.loc[2, "time_cost"] = 1.0
    expected = il.evaluate(changed)
    assert ranked_scores(app)[name] == pytest.approx(expected["score"].iloc[2], abs=1e-3)
    assert app.figures["profile"].data[2].r[4] == 1.0


def test_adding_and_removing_offers_updates_every_chart(app, example_offers):
    app.new_offer.value = HOSTILE
    app.add_offer.click()
    assert app.errors == []
    assert len(app.offers) == len(example_offers) + 1
    assert app.editor_offer.value == HOSTILE
    escaped = charts.escape(HOSTILE)
    assert escaped in ranked_scores(app)
    assert len(app.figures["profile"].data) == len(example_offers) + 1
    assert HOSTILE not in app.table.value
    assert escaped in app.table.value
    app.remove_offer.click()
    assert len(app.offers) == len(example_offers)
    assert len(app.figures["profile"].data) == len(example_offers)
    assert escaped not in ranked_scores(app)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("", "Type a name"), ("Helix Bio — Data Scientist", "already an invitation called")],
)
def test_a_bad_new_offer_is_refused_with_a_message(app, name, fragment):
    app.new_offer.value = name
    app.add_offer.click()
    assert fragment in app.errors[-1]
    assert fragment in app.editor_status.value  # next to the button, not at the top


def test_the_last_offer_cannot_be_removed(example_offers, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = compare(example_offers.head(1))
    app.remove_offer.click()
    assert "last invitation" in app.errors[-1]
    assert len(app.offers) == 1


def test_errors_in_callbacks_are_shown_not_swallowed(app):
    for slider in app.sliders.values():
        slider.value = 0
    assert "all weights are zero" in app.errors[-1]
    assert "all weights are zero" in app.messages.value
    app.sliders["interest"].value = 1  # a valid state again clears the message
    assert app.messages.value == ""


def test_the_first_render_shows_the_current_state_not_the_initial_one(app, monkeypatch):
    # plotly issue 4998: a FigureWidget inside a container hands a new view its synced
    # state, which plotly only refreshes when the figure itself is displayed.
    app.sliders["time_cost"].value = 4.5
    app.preset.value = "career_changer"
    for figure in app.figures.values():  # a page that connects now (Voila, a reload)
        state = figure.get_state()
        assert same(figure._widget_data, copy.deepcopy(figure._data))
        assert len(state["_widget_data"]) == len(figure.data)
    app.sliders["doors"].value = 0.5
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kw: None)
    app._ipython_display_()  # the notebook shows the app only now
    for figure in app.figures.values():
        assert same(figure._widget_data, copy.deepcopy(figure._data))
        assert same(figure._widget_layout, copy.deepcopy(figure._layout_obj._props))


def test_the_app_displays_itself(app, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kw: shown.extend(objs))
    app._ipython_display_()
    assert shown == [app.root]
    assert all(f in app.root.children[4].children for f in app.figures.values())


def upload(app, name: str, content: bytes, widget=None) -> None:
    """Do what the browser does when a file is chosen in an upload widget (``app.upload``)."""
    import datetime

    (app.upload if widget is None else widget).value = (
        {"name": name, "content": memoryview(content), "size": len(content), "type": "text/csv",
         "last_modified": datetime.datetime.now(datetime.UTC)},
    )  # fmt: skip


def test_uploading_a_csv_replaces_the_offers_after_checking_it(app, example_offers):
    german = example_offers.head(3).to_csv(index=False, sep=";", decimal=",").encode("cp1252")
    upload(app, "klient.csv", german)
    assert app.errors == []
    assert app.offers["offer"].tolist() == example_offers["offer"].head(3).tolist()
    assert len(app.result) == 3
    assert "Opened 3 invitations from klient.csv." in app.offers_status.value
    assert list(app.editor_offer.options) == example_offers["offer"].head(3).tolist()


def test_a_bad_upload_is_explained_and_loses_nothing(app, example_offers):
    before = app.offers.copy()
    upload(app, "bad.csv", b"offer,interest\na,5\n")
    assert app.errors[-1].startswith("bad.csv: missing required column(s)")
    assert "bad.csv: missing required column(s)" in app.offers_status.value
    pd.testing.assert_frame_equal(app.offers, before)


def test_a_case_saved_in_the_app_reopens_in_another(app, example_offers, tmp_path):
    app.sliders["time_cost"].value = 4.5
    app.language.value = "de"
    app.notes.value = "Zweites Gespräch: unsicher bei Helix"
    app.download_case.click()
    assert app.errors == []
    other = compare(example_offers.head(2))
    upload(other, "klient.json", app.case_file.data, other.open_case)
    assert other.errors == []
    pd.testing.assert_frame_equal(other.offers, il.load_offers(example_offers))
    assert other.weights == app.weights
    assert other.sliders["time_cost"].value == 4.5
    assert (other.lang, other.language.value) == ("de", "de")
    assert other.notes.value == "Zweites Gespräch: unsicher bei Helix"
    pd.testing.assert_frame_equal(other.result, app.result)


def test_a_damaged_case_is_explained_next_to_open_case(app):
    before = app.offers.copy()
    upload(app, "broken.json", b"{half a file", app.open_case)
    assert "broken.json: damaged, not a readable case file" in app.errors[-1]
    assert "damaged, not a readable case file" in app.case_status.value
    pd.testing.assert_frame_equal(app.offers, before)


def test_the_report_button_hands_out_the_report_of_what_is_shown(app):
    app.sliders["doors"].value = 3
    app.download_report.click()
    assert app.errors == []
    page = app.report_file.data.decode("utf-8")
    expected = il.evaluate(app.offers, app.weights)
    assert expected["explanation"].iloc[0].replace("'", "&#x27;") in page
    assert "it opens offline" in app.report_status.value


# --- a model of one's own, and what the table says about close calls -----------------


def test_the_app_builds_its_sliders_and_charts_from_the_model(example_offers, tmp_path):
    model = custom_model()
    offers = with_salary(example_offers)
    app = compare(offers, model=model, lang="de")
    assert list(app.sliders) == list(model.names)
    assert app.sliders["salary"].description == "Gehalt"
    assert (app.editor_sliders["salary"].min, app.editor_sliders["salary"].max) == (1, 5)
    assert app.figures["contributions"].data[6].marker.color == "#123456"
    app.sliders["salary"].value = 4.0
    expected = il.evaluate(offers, {"salary": 4.0}, model=model, lang="de")
    pd.testing.assert_frame_equal(app.result, expected, check_like=False)
    assert app.result.attrs["model"] is model
    app.new_offer.value = "New one"
    app.add_offer.click()
    assert app.errors == []
    assert app.offers["salary"].iloc[-1] == 3  # the middle of its scale


def test_the_verdict_table_names_the_verdict_a_close_call_flips_to(app, example_offers):
    result = il.evaluate(example_offers)
    close = result[result["borderline"]]
    assert not close.empty
    for flips in close["flips_to"]:
        assert f"close call → {verdict_label(flips, 'en')}" in app.table.value
    app.language.value = "de"
    for flips in close["flips_to"]:
        assert f"knapp → {verdict_label(flips, 'de')}" not in app.table.value
        assert f"knappe Entscheidung → {verdict_label(flips, 'de')}" in app.table.value


def test_a_case_keeps_its_model_and_opens_only_where_the_factors_fit(example_offers, tmp_path):
    model = custom_model(relief=0.5)
    mine = compare(with_salary(example_offers), model=model)
    mine.download_case.click()
    assert mine.errors == []
    # Same factors, other rules: the app takes on the model the case records.
    other = compare(with_salary(example_offers).head(2), model=custom_model())
    upload(other, "mine.json", mine.case_file.data, other.open_case)
    assert other.errors == []
    assert other.model == model
    pd.testing.assert_frame_equal(other.result, mine.result)
    # Other factors: refused, nothing changes.
    default = compare(example_offers)
    upload(default, "mine.json", mine.case_file.data, default.open_case)
    assert "saved with other factors" in default.errors[-1]
    assert default.model is MODEL


def test_every_app_takes_the_model(example_offers):
    from interview_lab.apps.budget import budget
    from interview_lab.apps.coach import coach
    from interview_lab.apps.quick_check import quick_check

    model = custom_model()
    offers = with_salary(example_offers)
    apps = [
        quick_check(offers.iloc[1], model=model),
        budget(offers, model=model),
        coach(offers, "new_graduate", "busy_full_timer", draws=500, model=model),
    ]
    for built in apps:
        assert list(built.sliders) == list(model.names)
        assert built.sliders["salary"].description == "Salary"
        built.sliders["salary"].value = 0.5
        assert built.errors == []
    quick, planned, coached = apps
    assert quick.result.attrs["model"] is model
    assert (quick.answers["salary"].min, quick.answers["salary"].max) == (1, 5)
    assert planned.result.attrs["model"] is model
    assert "Salary" in coached.figures["personas"].data[6].name
    assert coached.factor.value == "time_cost"  # the heaviest cost
    expected = analysis.stability_intervals(offers, coached.weights, model=model)
    pd.testing.assert_frame_equal(coached.intervals, expected)


# --- the example model file: own factors on their own scales, deal-breakers ----------


def table_rows(app) -> dict[str, str]:
    """Offer name (escaped) -> the HTML of its row in the verdict table."""
    rows = app.table.value.split("<tr>")[2:]
    return {row.split("<td>", 2)[1].split("</td>")[0]: row for row in rows}


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_the_example_model_file_drives_the_app_and_its_deal_breakers_show(
    lang, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    model = example_model()
    app = compare(EXAMPLE_MODEL_OFFERS, model=model, lang=lang)
    assert app.errors == []
    # One priority and one rating slider per factor, each rating on its own scale.
    assert list(app.sliders) == list(app.editor_sliders) == list(model.names)
    for factor in model.factors:
        rating = app.editor_sliders[factor.name]
        assert (rating.min, rating.max) == (factor.low, factor.high)
        assert app.sliders[factor.name].description == factor.text("label", lang)
        assert rating.description == factor.text("label", lang)
    assert (app.editor_sliders["salary"].min, app.editor_sliders["salary"].max) == (35000, 90000)
    assert app.editor_sliders["salary"].step == 2500
    expected = il.evaluate(EXAMPLE_MODEL_OFFERS, model=model, lang=lang)
    pd.testing.assert_frame_equal(app.result, expected)
    assert (
        f"<th style='text-align:left'>{i18n.text('apps.base.dealbreakers', lang)}</th>"
        in app.table.value
    )
    rows = table_rows(app)
    go_label = verdict_label("accept", lang)
    for offer, rules in BLOCKED.items():
        assert f"⛔ {rules[lang]}" in rows[offer]
        assert go_label not in rows[offer].split("</span>")[0]  # the verdict cell
    for offer in set(rows) - set(BLOCKED):
        assert "⛔" not in rows[offer]


def test_no_offer_that_breaks_a_deal_breaker_is_shown_as_go(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = compare(EXAMPLE_MODEL_OFFERS, model=example_model())
    app.sliders["salary"].value = 5.0  # salary outweighs everything: Acme scores well
    app.sliders["time_cost"].value = 0.0
    for name in BLOCKED:
        app.editor_offer.value = name
        app.editor_sliders["interest"].value = 10.0
    assert app.errors == []
    blocked = app.result["offer"].isin(list(BLOCKED))
    assert (app.result.loc[blocked, "score"] > 0).all()
    assert (app.result.loc[blocked, "verdict"] != "accept").all()
    ranking = {t.name: list(t.y) for t in app.figures["ranking"].data}
    assert not set(ranking["go"]) & set(BLOCKED)
    assert ranking["deal-breaker"] == [n for n in app.result["offer"] if n in BLOCKED]
    # Moving the commute under the limit lifts the deal-breaker.
    app.editor_offer.value = "Stadtwerke Köln — IT Project Lead"
    app.editor_sliders["commute_min"].value = 60.0
    assert app.result.set_index("offer").loc[app.editor_offer.value, "dealbreakers"] == ""
    assert (
        "Stadtwerke Köln — IT Project Lead"
        in {t.name: list(t.y) for t in app.figures["ranking"].data}["go"]
    )


def test_a_deal_breaker_on_a_column_that_is_no_factor_gets_a_field(tmp_path, monkeypatch):
    from interview_lab.core.factors import Dealbreaker

    monkeypatch.chdir(tmp_path)
    far = Dealbreaker(
        "distance_km", texts_of("more than 50 km away", "über 50 km entfernt"), max=50
    )
    model = example_model().replace(dealbreakers=(far,))
    offers = example_model_offers().assign(distance_km=[10.0, None, 80.0, 5.0, 20.0])
    app = compare(offers, model=model)
    assert list(app.editor_values) == ["distance_km"]
    field = app.editor_values["distance_km"]
    assert field.description == "distance_km: more than 50 km away"
    assert field.value == "10"
    app.editor_offer.value = "Helix Bio — Data Scientist"
    assert field.value == ""  # blank: not known, and the explanation says so
    helix = app.result.set_index("offer").loc["Helix Bio — Data Scientist"]
    assert helix["explanation"].startswith("Not known: distance_km is blank")
    field.value = "75,5"
    assert app.errors == []
    assert app.offers.loc[1, "distance_km"] == 75.5
    assert "⛔ more than 50 km away" in table_rows(app)["Helix Bio — Data Scientist"]
    field.value = "far"
    assert "distance_km: “far” is not a number" in app.errors[-1]
    assert app.offers.loc[1, "distance_km"] == 75.5  # unchanged
    app.new_offer.value = "New one"
    app.add_offer.click()
    assert len(app.errors) == 1
    assert field.value == ""  # a new offer's value is not known
    app.language.value = "de"
    assert field.description == "distance_km: über 50 km entfernt"


def test_a_case_and_the_report_of_the_example_model_keep_its_deal_breakers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    model = example_model()
    app = compare(EXAMPLE_MODEL_OFFERS, model=model, lang="de")
    app.download_case.click()
    app.download_report.click()
    assert app.errors == []
    again = compare(example_model_offers().head(2), model=model)
    upload(again, "fall.json", app.case_file.data, again.open_case)
    assert again.errors == []
    assert again.model == model
    assert again.lang == "de"
    pd.testing.assert_frame_equal(again.result, app.result)
    page = app.report_file.data.decode("utf-8")
    assert all(rules["de"] in page for rules in BLOCKED.values())


def test_an_upload_without_a_deal_breakers_column_is_refused_and_loses_nothing(
    tmp_path, monkeypatch
):
    from interview_lab.core.factors import Dealbreaker

    monkeypatch.chdir(tmp_path)
    far = Dealbreaker("distance_km", texts_of("more than 50 km away", "über 50 km"), max=50)
    model = example_model().replace(dealbreakers=(far,))
    app = compare(example_model_offers().assign(distance_km=10.0), model=model)
    before = app.offers.copy()
    without = example_model_offers().to_csv(index=False).encode("utf-8")
    upload(app, "mine.csv", without)
    assert app.errors[-1].startswith("mine.csv: no column 'distance_km' for the deal-breaker")
    pd.testing.assert_frame_equal(app.offers, before)
    upload(
        app, "mine.csv", example_model_offers().assign(distance_km=80).to_csv(index=False).encode()
    )
    assert len(app.errors) == 1
    assert (app.result["verdict"] != "accept").all()
    assert app.result["dealbreakers"].eq("more than 50 km away").all()


def test_the_upload_accepts_every_file_load_offers_reads(app):
    assert app.upload.accept == ".csv,.txt,.tsv,.xlsx,.xlsm,.ods,.json"


@pytest.mark.parametrize("name", ["offers.xlsx", "offers.ods", "offers_unicode.txt"])
def test_uploading_a_workbook_or_unicode_text_opens_it(app, name):
    from pathlib import Path

    path = Path(__file__).resolve().parent / "fixtures" / "spreadsheets" / name
    upload(app, name, path.read_bytes())
    assert app.errors == []
    assert app.offers["offer"].tolist() == il.load_offers(path)["offer"].tolist()
