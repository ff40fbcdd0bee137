"""Case files and the HTML report (issue 7), without a browser."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from datetime import date

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.apps.cli import main
from interview_lab.apps.report import build_report
from interview_lab.charts.common import verdict_label
from interview_lab.core.resources import data_path
from interview_lab.io.case import CASE_FORMAT_VERSION, CaseError, load_case, save_case

from .test_charts import (
    BLOCKED,
    EXAMPLE_MODEL_FILE,
    EXAMPLE_MODEL_OFFERS,
    custom_model,
    example_model,
    example_model_offers,
    texts,
    with_salary,
)

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
    assert "Made with interview_lab on December 1, 2026." in page
    german = build_report(example_offers, lang="de", today=date(2026, 12, 1))
    assert "Erstellt mit interview_lab am 1. Dezember 2026." in german
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
    assert "Zeitaufwand und Fehlzeiten" in page


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
    with pytest.raises(CaseError, match=r"saved with other factors \(.*'salary'\)") as error:
        load_case(path, model=il.DEFAULT_MODEL)
    assert "„Gehalt“" in error.value.render("de")
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
        flip = verdict_label(flips, "de")
        assert (
            f"(knappe Entscheidung → {flip}: am besten mit einem Karrierecoach besprechen)" in page
        )


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


# --- the report of a model file: its factors, its deal-breakers, who breaks them ------


def verdict_rows(page: str) -> dict[str, str]:
    """Offer (as escaped in the page) -> its row in the verdicts table."""
    table = page.split("<table>")[1].split("</table>")[0]
    return {row.split("<td>", 2)[1].split("</td>")[0]: row for row in table.split("<tr>")[2:]}


@pytest.mark.parametrize(
    ("lang", "heads", "salary", "directions", "limits"),
    [
        ("en", ["Factor", "Direction", "Scale", "Weight", "Share"], "35,000–90,000",
         ("for going (benefit)", "against going (cost)"), ("at most 90", "at least 45,000")),
        ("de", ["Faktor", "Richtung", "Skala", "Gewicht", "Anteil"], "35.000–90.000",
         ("spricht dafür (Nutzen)", "spricht dagegen (Kosten)"),
         ("höchstens 90", "mindestens 45.000")),
    ],
)  # fmt: skip
def test_the_report_lists_the_models_factors_and_deal_breakers(
    lang, heads, salary, directions, limits
):
    model = example_model()
    page = build_report(EXAMPLE_MODEL_OFFERS, {"salary": 3}, model=model, lang=lang)
    assert "".join(f"<th>{head}</th>" for head in heads) in page
    assert f"{EXAMPLE_MODEL_FILE.name}." in page
    used = model.resolve_weights({"salary": 3})
    for factor in model.factors:
        label = factor.text("label", lang)
        direction = directions[factor.direction == "cost"]
        weight = f"{used[factor.name]:.2f}".replace(".", "," if lang == "de" else ".")
        start = f"<tr><td>{label}</td><td>{direction}</td>"
        assert start in page
        assert f'<td class="number">{weight}</td>' in page.split(start, 1)[1].split("</tr>")[0]
    assert f'<td class="number">{salary}</td>' in page
    assert '<td class="number">0–120</td>' in page
    assert "Confusion" not in page  # switched off in the file
    koeln, acme = "Stadtwerke Köln — IT Project Lead", "Acme Corp — Junior BI Developer"
    for rule, column, limit, offer in zip(
        model.dealbreakers, ("commute_min", "salary"), limits, (koeln, acme), strict=True
    ):
        assert (
            f"<tr><td>{rule.text(lang)}</td><td>{column}</td><td>{limit}</td><td>{offer}</td></tr>"
            in page
        )
    rows = verdict_rows(page)
    go_label = verdict_label("accept", lang)
    for offer, row in rows.items():
        if offer in BLOCKED:
            assert f"<td>⛔ {BLOCKED[offer][lang]}</td>" in row
            assert f">{go_label}</td>" not in row
        else:
            assert "⛔" not in row


def test_the_report_of_the_default_model_has_no_deal_breaker_parts(example_offers):
    page = build_report(example_offers)
    assert "Deal-breaker" not in page
    assert "⛔" not in page
    assert "Model file" not in page
    assert "<td>Cost in time and absence</td><td>against going (cost)</td>" in page


def test_model_texts_are_escaped_in_the_report():
    model = example_model()
    factor = dataclasses.replace(model.factor("salary"), label=texts(HOSTILE, "<b>Gehalt</b>"))
    rule = dataclasses.replace(
        model.dealbreakers[1], label=texts("<script>x()</script>", "<i>zu wenig</i>")
    )
    hostile = model.replace(
        factors=tuple(factor if f.name == "salary" else f for f in model.factors),
        dealbreakers=(model.dealbreakers[0], rule),
        source="<img src=y>.toml",
    )
    offers = example_model_offers()
    for lang in il.LANGUAGES:
        page = build_report(offers, model=hostile, lang=lang)
        body = page.split("</head>", 1)[1]
        for raw in (HOSTILE, "<b>Gehalt", "<script>x()", "<i>zu", "<img src=y>"):
            assert raw not in body
        assert "&lt;img src=y&gt;.toml" in body
    assert "&lt;script&gt;x()&lt;/script&gt;" in build_report(offers, model=hostile)
    assert "&lt;i&gt;zu wenig&lt;/i&gt;" in build_report(offers, model=hostile, lang="de")


def test_a_case_of_the_example_model_file_reopens_with_its_factors_and_rules(tmp_path):
    model = example_model()
    offers = example_model_offers()
    path = save_case(tmp_path / "c.json", offers, {"salary": 4}, model=model, lang="de")
    case = load_case(path)
    assert case.model == model
    assert case.model.factor("salary").low == 35000
    assert case.model.factor("commute_min").direction == "cost"
    assert case.model.dealbreakers == model.dealbreakers
    assert "confusion" not in case.model.names
    assert load_case(path, model=model) == case
    again = il.evaluate(case.offers, case.weights, model=case.model, lang=case.lang)
    expected = il.evaluate(offers, {"salary": 4}, model=model, lang="de")
    pd.testing.assert_frame_equal(again, expected)
    assert again.loc[again["offer"].isin(list(BLOCKED)), "verdict"].ne("accept").all()


def test_the_report_carries_the_marker_of_a_report_of_ours(example_offers):
    from interview_lab.io.safety import REPORT_MARKER

    page = build_report(example_offers)
    head = page.split("</head>")[0]
    assert REPORT_MARKER in head


def test_write_report_replaces_only_a_report_of_ours(tmp_path, example_offers):
    from interview_lab.apps.report import write_report
    from interview_lab.io.safety import NotReplacedError

    report = tmp_path / "report.html"
    assert write_report(report, example_offers) == report
    write_report(report, example_offers, lang="de")  # an earlier report: replaced
    assert '<html lang="de">' in report.read_text(encoding="utf-8")

    offers = tmp_path / "mine.csv"
    offers.write_bytes(data_path("offers_example.csv").read_bytes())
    case = save_case(tmp_path / "case.json", example_offers)
    for target in (offers, case):
        before = target.read_bytes()
        with pytest.raises(NotReplacedError, match="not overwritten"):
            write_report(target, offers)
        assert target.read_bytes() == before
    with pytest.raises(NotReplacedError, match="never overwritten"):
        write_report(data_path("offers_example.csv"), example_offers, force=True)
    write_report(offers, example_offers, force=True)
    assert "<!DOCTYPE html>" in offers.read_text(encoding="utf-8")


def test_write_report_through_a_link_keeps_the_link(tmp_path, example_offers):
    from interview_lab.apps.report import write_report

    target = tmp_path / "real.html"
    link = tmp_path / "link.html"
    link.symlink_to(target)
    write_report(link, example_offers)
    write_report(link, example_offers)
    assert link.is_symlink()
    assert "<!DOCTYPE html>" in target.read_text(encoding="utf-8")
