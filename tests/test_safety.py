"""Nothing lost: check_can_replace and the writers that use it."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.core.resources import data_path
from interview_lab.io.case import CaseError, load_case, save_case
from interview_lab.io.offers import write_table
from interview_lab.io.safety import (
    REPORT_MARKER,
    NotReplacedError,
    check_can_replace,
    why_not_ours,
)


def test_a_new_file_may_be_written(tmp_path):
    assert check_can_replace(tmp_path / "new.csv", "offers") == tmp_path / "new.csv"


@pytest.mark.parametrize(
    "name", ["offers_example.csv", "presets.toml", "models/salary_commute.toml"]
)
def test_the_bundled_data_is_never_replaced_not_even_by_force(name):
    with pytest.raises(NotReplacedError, match="never overwritten"):
        check_can_replace(data_path(name), "report", force=True)


def test_a_folder_is_no_file_to_write(tmp_path):
    with pytest.raises(NotReplacedError, match="is a folder"):
        check_can_replace(tmp_path, "offers", force=True)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_an_earlier_save_of_offers_is_replaced_and_a_foreign_file_is_not(
    tmp_path, example_offers, suffix
):
    path = il.save_offers(example_offers, tmp_path / f"offers{suffix}")
    il.save_offers(example_offers.head(2), path)  # ours: fine
    assert len(il.load_offers(path)) == 2
    foreign = tmp_path / f"foreign{suffix}"
    foreign.write_bytes(b"hand written\n")
    with pytest.raises(NotReplacedError, match="not overwritten"):
        il.save_offers(example_offers, foreign)
    assert foreign.read_bytes() == b"hand written\n"


def test_a_workbook_of_results_is_not_replaced_by_offers(tmp_path, example_offers):
    result = il.evaluate(example_offers, explain=False)
    path = write_table(result, tmp_path / "result.xlsx", kind="results")
    assert why_not_ours(path, "results") is None
    with pytest.raises(NotReplacedError, match="workbook of results, not of invitations"):
        il.save_offers(example_offers, path)
    with pytest.raises(NotReplacedError, match="Arbeitsmappe mit Ergebnissen ist, nicht mit Einl"):
        il.save_offers(example_offers, path, lang="de")
    write_table(result.head(3), path, kind="results")  # an earlier output of its kind


def test_results_never_replace_the_offers_they_were_made_from(tmp_path, example_offers):
    offers = il.save_offers(example_offers, tmp_path / "mine.csv")
    result = il.evaluate(offers, explain=False)
    with pytest.raises(NotReplacedError, match="other columns"):
        write_table(result, offers, kind="results")
    pd.testing.assert_frame_equal(il.load_offers(offers), example_offers)


def test_a_report_replaces_only_a_report(tmp_path, example_offers):
    offers = il.save_offers(example_offers, tmp_path / "mine.csv")
    with pytest.raises(NotReplacedError, match="not a report written by interview_lab"):
        check_can_replace(offers, "report")
    report = tmp_path / "report.html"
    report.write_text(f"<!DOCTYPE html>\n<html><head>{REPORT_MARKER}</head></html>\n")
    assert check_can_replace(report, "report") == report
    assert check_can_replace(offers, "report", force=True) == offers


def test_a_case_file_is_never_replaced_by_offers_nor_offers_by_a_case(tmp_path, example_offers):
    case = save_case(tmp_path / "client.json", example_offers)
    with pytest.raises(NotReplacedError, match="case file"):
        il.save_offers(example_offers, case)
    offers = il.save_offers(example_offers, tmp_path / "offers.json")
    with pytest.raises(CaseError, match="not overwritten"):
        save_case(offers, example_offers)
    save_case(offers, example_offers, force=True)
    assert len(load_case(offers).offers) == len(example_offers)


def test_a_symlink_is_followed_to_its_target_and_stays_a_link(tmp_path, example_offers):
    target = save_case(tmp_path / "real.json", example_offers)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert check_can_replace(link, "case", recognise=lambda p: None) == target
    save_case(link, example_offers.head(2), notes="via the link")
    assert link.is_symlink()
    assert load_case(target).notes == "via the link"


def test_a_dangling_symlink_writes_its_target(tmp_path, example_offers):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "later.csv")
    il.save_offers(example_offers, link)
    assert link.is_symlink()
    assert (tmp_path / "later.csv").is_file()


def test_json_of_someone_else_is_not_replaced(tmp_path, example_offers):
    path = tmp_path / "offers.json"
    path.write_text(json.dumps([{"offer": "A"}]), encoding="utf-8")
    with pytest.raises(NotReplacedError, match="not written by interview_lab"):
        il.save_offers(example_offers, path)
