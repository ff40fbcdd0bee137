"""Every kind of bad input gets a clear error: what, where, and what is allowed."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.apps.cli import EXIT_INPUT_ERROR, main
from interview_lab.core.resources import data_path

HEADER = "offer,interest,practice,surprise,doors,time_cost,confusion"
GOOD_ROW = "Acme — Analyst,5,5,5,5,5,5"
ALLOWED_RATINGS = "numbers from 0 to 10"


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def frame(**changes: Any) -> pd.DataFrame:
    row = {"offer": "Acme — Analyst", **dict.fromkeys(il.FACTOR_NAMES, 5.0)}
    table = pd.DataFrame([row, {**row, "offer": "Beta"}])
    for column, value in changes.items():
        table[column] = value
    return table


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # csv | bytes | path | frame | weights | preset | weights_file
    payload: Any
    error: type[il.InterviewLabError]
    fragments: tuple[str, ...]


CASES = [
    Case("missing file", "path", "nope.csv", il.OfferDataError, ("nope.csv", "no such file")),
    Case("a folder", "path", ".", il.OfferDataError, ("is a folder", "CSV file")),
    Case("empty file", "bytes", b"", il.OfferDataError, ("offers.csv", "empty", "offer")),
    Case("blank file", "csv", "\n \n", il.OfferDataError, ("offers.csv", "empty")),
    Case("header only", "csv", csv_text(), il.OfferDataError, ("no offers", "one row per")),
    Case(
        "missing column",
        "csv",
        csv_text("Acme,5,5,5,5,5", header=HEADER.removesuffix(",confusion")),
        il.OfferDataError,
        ("offers.csv", "missing required column", "'confusion'", "required are"),
    ),
    Case(
        "column in wrong case",
        "csv",
        csv_text(GOOD_ROW, header=HEADER.replace("interest", "Interest")),
        il.OfferDataError,
        ("'interest'", "rename 'Interest' -> 'interest'"),
    ),
    Case(
        "repeated column",
        "frame",
        pd.concat([frame(), frame()[["interest"]]], axis=1),
        il.OfferDataError,
        ("['interest']", "more than once"),
    ),
    Case(
        "non-numeric rating",
        "csv",
        csv_text(GOOD_ROW, "Beta,5,5,lots,5,5,5"),
        il.OfferDataError,
        (
            "offers.csv, row 3",
            "offer 'Beta'",
            "column 'surprise'",
            "'lots' is not a number",
            ALLOWED_RATINGS,
        ),
    ),
    Case(
        "blank rating",
        "csv",
        csv_text("Beta,5,5,5,,5,5"),
        il.OfferDataError,
        ("row 2", "offer 'Beta'", "column 'doors'", "blank", ALLOWED_RATINGS),
    ),
    Case(
        "rating above 10",
        "csv",
        csv_text("Beta,11,5,5,5,5,5"),
        il.OfferDataError,
        ("row 2", "column 'interest'", "11 is outside 0-10", ALLOWED_RATINGS),
    ),
    Case(
        "negative rating",
        "csv",
        csv_text("Beta,5,5,5,5,-1,5"),
        il.OfferDataError,
        ("column 'time_cost'", "-1 is outside 0-10"),
    ),
    Case(
        "NaN typed in",
        "csv",
        csv_text("Beta,5,NaN,5,5,5,5"),
        il.OfferDataError,
        ("column 'practice'", "'NaN' is not a finite number", ALLOWED_RATINGS),
    ),
    Case(
        "inf typed in",
        "csv",
        csv_text("Beta,5,5,5,5,5,inf"),
        il.OfferDataError,
        ("column 'confusion'", "'inf' is not a finite number"),
    ),
    Case(
        "duplicate offer names",
        "csv",
        csv_text(GOOD_ROW, "Beta,5,5,5,5,5,5", " Acme — Analyst ,1,1,1,1,1,1"),
        il.OfferDataError,
        ("row 4", "duplicate offer name 'Acme — Analyst'", "also in row 2", "unique"),
    ),
    Case(
        "blank offer name",
        "csv",
        csv_text(GOOD_ROW, "  ,5,5,5,5,5,5"),
        il.OfferDataError,
        ("row 3", "column 'offer'", "blank", "unique display name"),
    ),
    Case(
        "undecodable bytes",
        "bytes",
        (HEADER + "\nAcme \x81,5,5,5,5,5,5\n").encode("latin-1"),
        il.OfferDataError,
        ("offers.csv", "encoding", "UTF-8"),
    ),
    Case(
        "NaN in a DataFrame",
        "frame",
        frame(doors=[5.0, math.nan]),
        il.OfferDataError,
        ("row index 1", "offer 'Beta'", "column 'doors'", "blank (NaN)"),
    ),
    Case(
        "inf in a DataFrame",
        "frame",
        frame(interest=[math.inf, 5.0]),
        il.OfferDataError,
        ("row index 0", "column 'interest'", "inf is not a finite number"),
    ),
    Case(
        "true/false ratings",
        "frame",
        frame(practice=[True, False]),
        il.OfferDataError,
        ("column 'practice'", "true/false", ALLOWED_RATINGS),
    ),
    Case("not a table", "frame", [1, 2, 3], il.OfferDataError, ("expected a pandas DataFrame",)),
    Case(
        "negative weight",
        "weights",
        {"time_cost": -1},
        il.WeightsError,
        ("'time_cost'", "must be a number >= 0", "got -1"),
    ),
    Case("NaN weight", "weights", {"doors": math.nan}, il.WeightsError, ("'doors'", ">= 0", "nan")),
    Case("inf weight", "weights", {"doors": math.inf}, il.WeightsError, ("'doors'", "inf")),
    Case(
        "text weight",
        "weights",
        {"interest": "high"},
        il.WeightsError,
        ("'interest'", "must be a number", "'high'"),
    ),
    Case(
        "all weights zero",
        "weights",
        dict.fromkeys(il.FACTOR_NAMES, 0),
        il.WeightsError,
        ("all weights are zero", "at least one factor"),
    ),
    Case(
        "unknown factor",
        "weights",
        {"salary": 3},
        il.WeightsError,
        ("unknown factor 'salary'", "expected one of", "'time_cost'"),
    ),
    Case(
        "weights not a mapping",
        "weights",
        [1, 2, 3],
        il.WeightsError,
        ("expected a mapping factor -> weight", "got list"),
    ),
    Case(
        "unknown preset",
        "preset",
        "student",
        il.PresetError,
        ("unknown preset 'student'", "expected one of", "'busy_full_timer'"),
    ),
    Case(
        "weights file with unknown factor",
        "weights_file",
        "salary = 3\n",
        il.WeightsError,
        ("weights.toml", "unknown factor 'salary'"),
    ),
    Case(
        "weights file with a negative weight",
        "weights_file",
        "time_cost = -2\n",
        il.WeightsError,
        ("weights.toml", "'time_cost'", ">= 0", "-2"),
    ),
    Case(
        "weights file that is not TOML",
        "weights_file",
        "time_cost: 3\n",
        il.WeightsError,
        ("weights.toml", "not valid TOML"),
    ),
]


def materialise(case: Case, tmp_path: Path) -> Path | None:
    """Write a file case to disk; return its path (None for in-memory cases)."""
    if case.kind == "csv":
        path = tmp_path / "offers.csv"
        path.write_text(case.payload, encoding="utf-8")
    elif case.kind == "bytes":
        path = tmp_path / "offers.csv"
        path.write_bytes(case.payload)
    elif case.kind == "path":
        path = tmp_path / case.payload
    elif case.kind == "weights_file":
        path = tmp_path / "weights.toml"
        path.write_text(case.payload, encoding="utf-8")
    else:
        return None
    return path


def trigger(case: Case, tmp_path: Path) -> None:
    path = materialise(case, tmp_path)
    if case.kind in {"csv", "bytes", "path"}:
        il.load_offers(path)  # type: ignore[arg-type]
    elif case.kind == "frame":
        il.evaluate(case.payload)
    elif case.kind == "weights":
        il.evaluate(il.load_example_offers(), case.payload)
    elif case.kind == "preset":
        il.preset_weights(case.payload)
    elif case.kind == "weights_file":
        il.evaluate(il.load_example_offers(), il.load_weights(path))  # type: ignore[arg-type]


def cli_args(case: Case, tmp_path: Path) -> list[str] | None:
    path = materialise(case, tmp_path)
    example = str(data_path("offers_example.csv"))
    if case.kind in {"csv", "bytes", "path"}:
        return ["evaluate", str(path)]
    if case.kind == "preset":
        return ["evaluate", example, "--preset", case.payload]
    if case.kind == "weights_file":
        return ["evaluate", example, "--weights", str(path)]
    return None


def test_the_table_has_at_least_twenty_cases():
    assert len(CASES) >= 20
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_raises_a_clear_error(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(case.error) as caught:
        trigger(case, tmp_path)
    message = str(caught.value)
    for fragment in case.fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert isinstance(caught.value, ValueError)


CLI_CASES = [c for c in CASES if c.kind in {"csv", "bytes", "path", "preset", "weights_file"}]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.id for c in CLI_CASES])
def test_the_cli_prints_one_line_and_exits_non_zero(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    args = cli_args(case, tmp_path)
    assert args is not None
    assert main(args) == EXIT_INPUT_ERROR
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("interview-lab: error: ")
    for fragment in case.fragments:
        assert fragment in lines[0]


def test_the_installed_command_shows_no_traceback(tmp_path):
    bad = tmp_path / "offers.csv"
    bad.write_text(csv_text("Beta,5,5,5,5,5,99"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "interview_lab", "evaluate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_INPUT_ERROR
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert "99 is outside 0-10" in done.stderr


def test_every_problem_is_kept_not_just_the_first(tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text(csv_text("A,x,5,5,5,5,5", "B,5,y,5,5,5,5", "C,5,5,z,5,5,5", "D,5,5,5,w,5,5"))
    with pytest.raises(il.OfferDataError) as caught:
        il.load_offers(path)
    assert len(caught.value.problems) == 4
    assert "(and 1 more problems)" in str(caught.value)
