"""Case files and the HTML report (issue 7), without a browser."""

from __future__ import annotations

import json
import os
import re
from datetime import date

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.apps.cli import main
from interview_lab.apps.report import build_report
from interview_lab.core.resources import data_path
from interview_lab.io.case import CASE_FORMAT_VERSION, CaseError, load_case, save_case
from interview_lab.text.explain import verdict_label

from .test_charts import custom_model, with_salary

HOSTILE = "<img src=x onerror=alert(1)>"


def test_a_case_reopens_exactly_as_saved(tmp_path, example_offers):
    offers = example_offers.copy()
    offers.loc[0, "notes"] = 'Umlaute äöü, quotes " and ; commas'
    offers.loc[1, "interest"] = 7.25
    path = save_case(tmp_path / "client.json", offers, {"time_cost": 4.5}, lang="de",
                     notes="Session 1: torn between two offers")  # fmt: skip
    case = load_case(path)
    pd.testing.assert_frame_equal(case.offers, il.load_offers(offers))
    assert case.weights == il.resolve_weights({"time_cost": 4.5})
    assert (case.lang, case.notes) == ("de", "Session 1: torn between two offers")
    assert case.saved_at  # a timestamp
    again = load_case(save_case(tmp_path / "client.json", case.offers, case.weights,
                                lang=case.lang, notes=case.notes))  # fmt: skip
    pd.testing.assert_frame_equal(again.offers, case.offers)
    assert again == case


def test_missing_values_survive_a_case_round_trip(tmp_path, example_offers):
    offers = il.load_offers(example_offers)
    offers.loc[2, "recruiter"] = pd.NA
    case = load_case(save_case(tmp_path / "c.json", offers))
    assert pd.isna(case.offers.loc[2, "recruiter"])
    pd.testing.assert_frame_equal(case.offers, offers)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "damaged, not a readable case file"),
        ('{"kind": "something else"}', "not an interview_lab case file"),
        (json.dumps({"kind": "interview_lab.case", "format_version": CASE_FORMAT_VERSION + 1}),
         f"written in case format {CASE_FORMAT_VERSION + 1} by a newer interview_lab"),
        (json.dumps({"kind": "interview_lab.case", "format_version": 1, "offers": []}),
         "damaged case file"),
    ],
)  # fmt: skip
def test_a_damaged_or_newer_case_is_refused_and_never_overwritten(
    tmp_path, example_offers, content, message
):
    path = tmp_path / "client.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CaseError, match=re.escape(message)):
        load_case(path)
    with pytest.raises(CaseError, match="not overwritten"):
        save_case(path, example_offers)
    assert path.read_text(encoding="utf-8") == content


def test_saving_a_case_validates_the_offers_first(tmp_path, example_offers):
    bad = example_offers.assign(interest=["x"] * len(example_offers))
    with pytest.raises(il.OfferDataError, match="column 'interest'"):
        save_case(tmp_path / "c.json", bad)
    assert not (tmp_path / "c.json").exists()


def test_saved_files_get_the_usual_permissions(tmp_path, example_offers):
    path = save_case(tmp_path / "c.json", example_offers)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_the_report_holds_everything_and_fetches_nothing(example_offers):
    page = build_report(example_offers, {"time_cost": 3}, lang="en", today=date(2026, 12, 1))
    assert "Made with interview_lab on 2026-12-01." in page
    result = il.evaluate(example_offers, {"time_cost": 3})
    for row in result.itertuples():
        assert row.explanation.replace("'", "&#x27;") in page
    assert page.count('class="chart"') == 3
    assert page.count("Plotly.newPlot") == 3
    # plotly.js is inline; no script or stylesheet comes from elsewhere.
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "Cost in time and absence" in page


def test_the_report_escapes_user_text_everywhere(example_offers):
    offers = example_offers.copy()
    offers.loc[0, "offer"] = HOSTILE
    page = build_report(offers)
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_report_speaks_german(example_offers):
    page = build_report(example_offers, lang="de")
    assert '<html lang="de">' in page
    assert "Die Einladungen, die beste zuerst" in page
    assert "Aufwand an Zeit und Abwesenheit" in page


def test_the_cli_writes_the_report(tmp_path, capsys):
    target = tmp_path / "out" / "report.html"
    example = str(data_path("offers_example.csv"))
    assert main(["report", example, "-o", str(target), "--preset", "busy_full_timer"]) == 0
    assert capsys.readouterr().out == f"{target}\n"
    assert "<!DOCTYPE html>" in target.read_text(encoding="utf-8")


def test_the_cli_report_names_a_bad_file_in_one_line(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("interview-lab: error: ")
    assert "nope.csv: no such file" in err


def test_a_case_records_its_model_and_reopens_with_it(tmp_path, example_offers):
    model = custom_model(relief=0.5)
    path = save_case(tmp_path / "c.json", with_salary(example_offers), {"salary": 3}, model=model)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format_version"] == CASE_FORMAT_VERSION == 2
    assert [f["name"] for f in document["model"]["factors"]] == list(model.names)
    assert [f["weight"] for f in document["model"]["factors"]] == [f.weight for f in model]
    case = load_case(path)
    assert case.model == model
    assert case.weights == model.resolve_weights({"salary": 3})
    assert load_case(save_case(tmp_path / "d.json", example_offers)).model is il.DEFAULT_MODEL


def test_an_old_case_without_a_model_opens_with_the_model_given(tmp_path, example_offers):
    path = save_case(tmp_path / "old.json", example_offers, {"time_cost": 4})
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["model"]
    document["format_version"] = 1
    path.write_text(json.dumps(document), encoding="utf-8")
    case = load_case(path)
    assert case.model is il.DEFAULT_MODEL
    assert case.weights == il.resolve_weights({"time_cost": 4})
    lenient = il.DEFAULT_MODEL.replace(relief=0.2)
    assert load_case(path, model=lenient).model is lenient


def test_a_case_of_other_factors_or_a_damaged_model_is_refused(tmp_path, example_offers):
    path = save_case(tmp_path / "c.json", with_salary(example_offers), model=custom_model())
    with pytest.raises(CaseError, match=r"saved with the factors \[.*'salary'\]"):
        load_case(path, model=il.DEFAULT_MODEL)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["model"]["factors"][0]["direction"] = "sideways"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CaseError, match="damaged case file, its model is not valid"):
        load_case(path)


def test_the_report_follows_the_model_and_names_close_calls(example_offers):
    model = custom_model()
    offers = with_salary(example_offers)
    page = build_report(offers, model=model, lang="de")
    assert "Gehalt" in page
    result = il.evaluate(offers, model=model)
    for flips in result.loc[result["borderline"], "flips_to"]:
        assert f"(knapp → {verdict_label(flips, 'de')}: besser besprechen)" in page


def test_a_case_keeps_the_models_deal_breakers(tmp_path, example_offers):
    from interview_lab.core.factors import Dealbreaker

    rule = Dealbreaker("commute", {"en": "long commute", "de": "lange Fahrt"}, max=90)
    model = il.DEFAULT_MODEL.replace(dealbreakers=(rule,))
    offers = example_offers.assign(commute=[30, 100, 20, 50, None, 95, 10, 60])
    case = load_case(save_case(tmp_path / "c.json", offers, model=model))
    assert case.model == model
    assert case.model.dealbreakers[0].text("de") == "lange Fahrt"
    pd.testing.assert_frame_equal(
        il.evaluate(case.offers, case.weights, model=case.model), il.evaluate(offers, model=model)
    )
