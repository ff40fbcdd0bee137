"""Case files: whole numbers, true/false and dates keep their kind; odd files get clear errors."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.core.resources import data_path
from interview_lab.io.case import Case, CaseError, load_case, save_case


def typed_offers(example_offers: pd.DataFrame) -> pd.DataFrame:
    table = example_offers.head(3).copy()
    table["salary"] = pd.Series([52_000, 61_000, 48_500], dtype="int64")
    table["rounds"] = pd.Series([2, None, 3], dtype="Int64")
    table["remote"] = [True, False, True]
    table["relocation"] = pd.Series([True, None, False], dtype="boolean")
    table["date"] = pd.to_datetime(["2026-12-03", None, "2027-01-15 10:30"], format="ISO8601")
    table["call"] = table["date"].dt.tz_localize("Europe/Berlin")
    return table


def test_int_bool_and_datetime_columns_round_trip(tmp_path, example_offers):
    table = typed_offers(example_offers)
    case = load_case(save_case(tmp_path / "c.json", table))
    pd.testing.assert_frame_equal(case.offers, il.load_offers(table))
    for column in ("salary", "rounds", "remote", "relocation", "date", "call"):
        assert case.offers[column].dtype == table[column].dtype, column


def test_a_case_file_with_a_byte_order_mark_opens(tmp_path, example_offers):
    path = save_case(tmp_path / "c.json", example_offers, notes="BOM")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_case(path).notes == "BOM"
    save_case(path, example_offers, notes="again")  # and it is still a case to replace


@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_deeply_nested_json_is_a_damaged_case_not_a_recursion_error(tmp_path, depth):
    path = tmp_path / "c.json"
    path.write_text('{"kind": "interview_lab.case", "x": ' + "[" * depth + "]" * depth + "}")
    with pytest.raises(CaseError, match="damaged"):
        load_case(path)


def test_a_column_of_an_unknown_dtype_is_a_damaged_case(tmp_path, example_offers):
    path = save_case(tmp_path / "c.json", typed_offers(example_offers))
    document = json.loads(path.read_text(encoding="utf-8"))
    column = next(c for c in document["offers"] if c["name"] == "salary")
    column["dtype"] = "float64"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CaseError, match="damaged case file"):
        load_case(path)


def test_the_time_a_case_was_saved_reads_in_the_language_and_stays_iso_in_the_file(
    tmp_path, example_offers
):
    path = save_case(tmp_path / "c.json", example_offers)
    stamp = json.loads(path.read_text(encoding="utf-8"))["saved_at"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00", stamp)  # data: ISO, UTC
    case = load_case(path)
    local = case.saved_time
    assert local is not None
    assert local.utcoffset() is not None
    assert re.fullmatch(r"\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr", case.saved_text("de"))
    assert case.saved_text("en") == local.strftime("%Y-%m-%d %H:%M")
    assert Case(example_offers, {}, saved_at="").saved_text("de") == ""


def test_case_errors_read_in_the_callers_language(tmp_path, example_offers):
    path = tmp_path / "c.json"
    path.write_text('{"kind": "interview_lab.case", "format_version": 99}', encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(path, lang="de")
    assert caught.value.code == "io.case.newer"
    assert "neueren Version von interview_lab" in str(caught.value)
    assert "by a newer interview_lab" in caught.value.render("en")
    other = il.load_model(data_path("models/salary_commute.toml"))
    good = save_case(tmp_path / "good.json", example_offers)
    with pytest.raises(CaseError, match=r"anderen Faktoren gespeichert .*„Zeitaufwand“"):
        load_case(good, model=other, lang="de")
