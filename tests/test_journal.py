"""The decision journal: append-only, survives a torn write, reports calibration."""

from __future__ import annotations

import json
import os
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab.core.resources import data_path
from interview_lab.io import journal as journal_module
from interview_lab.journal import (
    MIN_REVIEWED,
    Journal,
    JournalError,
    JournalWarning,
    journal_report,
)

OFFERS = il.load_example_offers()


def invitation(k: int = 0) -> pd.Series:
    return OFFERS.iloc[k % len(OFFERS)]


def test_a_decision_and_its_review_are_read_back(tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    evaluated = il.evaluate(OFFERS.iloc[[1]])
    entry = journal.record(evaluated, "go", confidence=70, date="2026-12-01")
    assert entry == 1
    journal.review(entry, good_practice=True, contact=False, hours=5.5, right=True)
    entries = journal.entries()
    row = entries.loc[1]
    assert row["offer"] == OFFERS["offer"].iloc[1]
    assert row["verdict"] == evaluated["verdict"].iloc[0]
    assert row["did"] == "go"
    assert row["confidence"] == 70
    assert row["decided"] == "2026-12-01"
    assert row["reviewed"]
    assert row["good_practice"]
    assert row["contact"] is not pd.NA
    assert not row["contact"]
    assert pd.isna(row["surprised"])
    assert row["hours_spent"] == 5.5
    assert "score" not in entries.columns  # results are not kept, the invitation is
    assert row["interest"] == OFFERS["interest"].iloc[1]


def test_the_file_only_grows(tmp_path):
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    before = b""
    for k in range(4):
        entry = journal.record(invitation(k), k % 2 == 0, confidence=50 + k)
        now = path.read_bytes()
        assert now.startswith(before)
        assert len(now) > len(before)
        before = now
        journal.review(entry, surprised=bool(k % 2), right=True)
        now = path.read_bytes()
        assert now.startswith(before)
        before = now
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    assert all(json.loads(line) for line in lines[:-1])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(st.booleans(), st.integers(0, 100), st.booleans(), st.none() | st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_earlier_bytes_never_change_whatever_is_written(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("law") / "journal.jsonl"
    journal = Journal(path)
    before = b""
    for k, (went, confidence, review, right) in enumerate(steps):
        entry = journal.record(invitation(k), went, confidence)
        if review:
            journal.review(entry, right=right, hours=float(k))
        now = path.read_bytes()
        assert now.startswith(before)
        before = now
    assert len(journal.entries()) == len(steps)


def test_a_torn_last_line_is_skipped_with_a_warning_and_never_rewritten(tmp_path):
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    journal.record(invitation(0), "go", 60)
    whole = path.read_bytes()
    with path.open("ab") as file:  # a crash in the middle of the second write
        file.write(b'{"kind": "decision", "entry": 2, "invitation": {"offer": "Ac')
    torn = path.read_bytes()
    with pytest.warns(JournalWarning, match="line 2"):
        assert list(journal.entries().index) == [1]
    with pytest.warns(JournalWarning):
        entry = journal.record(invitation(1), "no", 80)
    assert entry == 2
    after = path.read_bytes()
    assert after.startswith(torn)  # the torn bytes stay as they were
    assert after[len(torn) : len(torn) + 1] == b"\n"  # the new record starts a line of its own
    with pytest.warns(JournalWarning, match="line 2"):
        entries = journal.entries()
    assert list(entries.index) == [1, 2]
    assert entries.loc[2, "did"] == "no"
    assert whole == after[: len(whole)]


def test_a_crash_during_the_write_leaves_a_journal_that_still_works(tmp_path, monkeypatch):
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    journal.record(invitation(0), "go", 60)
    real_write = os.write

    def crash(descriptor, data):
        real_write(descriptor, data[: len(data) // 2])
        raise OSError("power cut")

    monkeypatch.setattr(journal_module.os, "write", crash)
    with pytest.raises(OSError, match="power cut"):
        journal.record(invitation(1), "go", 90)
    monkeypatch.undo()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        journal.record(invitation(2), "no", 40)
        entries = journal.entries()
    assert any(isinstance(w.message, JournalWarning) for w in caught)
    assert list(entries["offer"]) == [OFFERS["offer"].iloc[0], OFFERS["offer"].iloc[2]]


def test_a_later_review_replaces_an_earlier_one_in_what_is_read(tmp_path):
    journal = Journal(tmp_path / "j.jsonl")
    entry = journal.record(invitation(0), "go", 60)
    journal.review(entry, good_practice=False)
    journal.review(entry, good_practice=True, right=True)
    assert journal.entries().loc[entry, "good_practice"]
    assert (tmp_path / "j.jsonl").read_text(encoding="utf-8").count('"review"') == 2


def test_right_is_read_from_the_outcomes_of_a_go(tmp_path):
    journal = Journal(tmp_path / "j.jsonl")
    good = journal.record(invitation(0), "go", 60)
    bad = journal.record(invitation(1), "go", 60)
    journal.review(good, contact=True)
    journal.review(bad, good_practice=False, surprised=False, contact=False)
    entries = journal.entries()
    assert entries.loc[good, "right"]
    assert not entries.loc[bad, "right"]


def _filled_journal(path, n=12, seed=0):
    """A person who over-rates practice and whose confidence is informative."""
    rng = np.random.default_rng(seed)
    journal = Journal(path)
    offers = il.random_offers(n, seed=seed)
    offers["prep_hours"] = 4.0
    for k in range(n):
        row = offers.iloc[k].copy()
        row["practice"] = 9.0  # always rated as great practice ...
        entry = journal.record(row, "go", confidence=90 if k % 2 else 60, date="2026-12-01")
        journal.review(
            entry,
            good_practice=k % 5 == 0,  # ... which it seldom was
            surprised=bool(rng.random() < row["surprise"] / 10),
            contact=bool(k % 2),
            hours=8.0,  # twice the hours planned
            right=bool(k % 2) or k % 4 == 0,
        )
    return journal


def test_brier_score_and_tendencies_from_ten_reviewed_entries(tmp_path):
    journal = _filled_journal(tmp_path / "j.jsonl")
    calibration = journal.calibration()
    assert calibration.enough
    assert calibration.reviewed == 12
    entries = journal.entries()
    expected = np.mean((entries["confidence"] / 100 - entries["right"].astype(float)) ** 2)
    assert calibration.brier == pytest.approx(expected)
    ratings = calibration.ratings.set_index("factor")
    assert ratings.loc["practice", "tendency"] == "over"
    assert ratings.loc["practice", "expected"] == pytest.approx(0.9)
    assert ratings.loc["practice", "observed"] == pytest.approx(3 / 12)
    assert ratings.loc["time_cost", "outcome"] == "hours"
    assert ratings.loc["time_cost", "bias"] == pytest.approx(2.0)
    assert ratings.loc["time_cost", "tendency"] == "under"
    assert calibration.bins["n"].sum() == 12


def test_the_report_in_both_languages_with_learned_priorities(tmp_path):
    journal = _filled_journal(tmp_path / "j.jsonl")
    report = journal_report(journal, samples=2000)
    assert report.learned is not None
    assert set(report.learned.weights) == set(il.FACTOR_NAMES)
    english, german = report.lines("en"), report.lines("de")
    assert any("Brier score" in line for line in english)
    assert any("over-rate Interview" in line or "over-rate" in line for line in english)
    assert any("Brier-Score" in line and "," in line for line in german)
    assert any("zu hoch ein" in line for line in german)
    assert any("Prioritäten, gelernt aus Ihren 12 Entscheidungen" in line for line in german)


def test_too_few_reviews_say_how_many_are_missing(tmp_path):
    journal = _filled_journal(tmp_path / "j.jsonl", n=3)
    report = journal_report(journal)
    assert report.learned is None
    assert not report.calibration.enough
    assert report.lines("en") == [
        (
            f"3 of the {MIN_REVIEWED} reviewed decisions the journal needs before it can say "
            "how well you judge; add a review after each interview."
        )
    ]
    assert "Nachbetrachtung" in report.lines("de")[0]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda j: j.record(invitation(0), "maybe", 50), "did: 'maybe'"),
        (lambda j: j.record(invitation(0), "go", 150), "confidence"),
        (lambda j: j.record(invitation(0), "go", 50, date="tomorrow"), "date"),
        (lambda j: j.record(invitation(0), "go", 50, verdict="yes"), "verdict"),
        (lambda j: j.record(OFFERS, "go", 50), "one invitation"),
        (lambda j: j.record({"offer": "x", "interest": 3}, "go", 50), "practice"),
        (lambda j: j.review(7, right=True), "entry: 7"),
        (lambda j: j.review(1, right="yes"), "right"),
        (lambda j: j.review(1, hours=-2), "hours"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(tmp_path, call, match):
    journal = Journal(tmp_path / "j.jsonl")
    journal.record(invitation(0), "go", 50)
    size = (tmp_path / "j.jsonl").stat().st_size
    with pytest.raises(il.InterviewLabError, match=match):
        call(journal)
    assert (tmp_path / "j.jsonl").stat().st_size == size  # nothing written


def test_errors_read_in_german(tmp_path):
    journal = Journal(tmp_path / "j.jsonl", lang="de")
    with pytest.raises(JournalError, match="Zahl von 0 bis 100"):
        journal.record(invitation(0), "go", -1)


def test_an_own_factor_model_journal(tmp_path):
    model = il.load_model(data_path("models/salary_commute.toml"))
    offers = il.load_offers(data_path("offers_salary_commute.csv"), model)
    journal = Journal(tmp_path / "j.jsonl", model)
    entry = journal.record(offers.iloc[0], "go", 55)
    journal.review(entry, contact=True)
    decisions = journal.decisions()
    assert list(decisions.columns) == ["offer", *model.names, "decision", "outcome"]
    assert decisions.loc[entry, "outcome"] == "a contact made; the right decision"
