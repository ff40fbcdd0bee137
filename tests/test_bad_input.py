"""Every kind of bad input gets a clear error: what, where, and what is allowed."""

from __future__ import annotations

import io
import math
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import xlsxwriter

import interview_lab as il
from interview_lab.apps.cli import EXIT_INPUT_ERROR, main
from interview_lab.core.resources import data_path
from interview_lab.io.case import CaseError, load_case
from interview_lab.io.offers import write_table
from interview_lab.io.safety import NotReplacedError
from interview_lab.text.replies import starter_templates
from tests.helpers import assert_german

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
    # csv | bytes | path | frame | weights | preset | weights_file | workbook |
    # sheet of csv | json | plan | save | case | limits (of a plan) | template (of
    # replies) | report (written over a file) | results (written over a file)
    kind: str
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
        "misspelt column",
        "csv",
        csv_text(GOOD_ROW, header=HEADER.replace("interest", "Intrest")),
        il.OfferDataError,
        ("'interest'", "rename 'Intrest' -> 'interest'"),
    ),
    Case(
        "repeated column",
        "frame",
        pd.concat([frame(), frame()[["interest"]]], axis=1),
        il.OfferDataError,
        ("column 'interest' appears more than once", "keep one"),
    ),
    Case(
        "repeated column in a file",
        "csv",
        csv_text("Acme,5,5,5,5,5,5,9", header=HEADER + ",interest"),
        il.OfferDataError,
        ("offers.csv", "'interest' appears more than once", "columns B 'interest' and H"),
    ),
    Case(
        "a German and an English header for one column",
        "csv",
        csv_text("Acme,5,5,5,5,5,5,9", header=HEADER + ",Interesse"),
        il.OfferDataError,
        ("columns B 'interest' and H 'Interesse' both mean 'interest'", "keep one"),
    ),
    Case(
        "a row with a cell past the header",
        "csv",
        csv_text(GOOD_ROW, "Beta,5,5,5,5,5,5,7"),
        il.OfferDataError,
        ("offers.csv, row 3 (offer 'Beta')", "8 cells", "header names 7 columns", "'7'"),
    ),
    Case(
        "trailing separators still blame the right offer",
        "csv",
        csv_text(GOOD_ROW + ",", "Beta,5,5,lots,5,5,5,"),
        il.OfferDataError,
        ("row 3", "offer 'Beta'", "column 'surprise'", "'lots' is not a number"),
    ),
    Case(
        "blank lines keep the spreadsheet's row numbers",
        "csv",
        "\n" + csv_text("", GOOD_ROW, "", "", "Beta,5,5,5,5,5,11"),
        il.OfferDataError,
        ("offers.csv, row 7 (offer 'Beta')", "column 'confusion'", "11 is outside 0-10"),
    ),
    Case(
        "a cell over two lines keeps the row numbers",
        "csv",
        csv_text('"Acme\nAnalyst",5,5,5,5,5,5', "Beta,5,5,5,5,x,5"),
        il.OfferDataError,
        ("row 3 (offer 'Beta')", "column 'time cost'", "'x' is not a number"),
    ),
    Case(
        "a UTF-8 BOM before Windows-1252 text mixed with UTF-8",
        "bytes",
        b"\xef\xbb\xbf"
        + csv_text("Müller,5,5,5,5,5,5").encode("utf-8")
        + "Bäcker,5,5,5,5,5,5\n".encode("cp1252"),
        il.OfferDataError,
        ("offers.csv", "mixes two text encodings", "line 2", "line 3", "0xe4", "UTF-8"),
    ),
    Case(
        "one stray Windows-1252 byte in a UTF-8 file",
        "bytes",
        csv_text("Zürich,5,5,5,5,5,5").encode("utf-8") + "Bäcker,1,1,1,1,1,1\n".encode("cp1252"),
        il.OfferDataError,
        ("mixes two text encodings", "('ü')", "'ä'", "Save the file again as UTF-8"),
    ),
    Case(
        "UTF-16 without a byte order mark",
        "bytes",
        csv_text(GOOD_ROW).encode("utf-16-le"),
        il.OfferDataError,
        ("offers.csv", "zero bytes", "UTF-16", "save it as UTF-8"),
    ),
    Case(
        "a UTF-16 byte order mark before broken UTF-16",
        "bytes",
        b"\xff\xfe" + csv_text(GOOD_ROW).encode("utf-16-le") + b"\x00\xd8",
        il.OfferDataError,
        ("starts as UTF-16 text but is not", "save it again as UTF-8"),
    ),
    Case(
        "names that differ only in Unicode form",
        "csv",
        csv_text("Cafe\u0301 — Analyst,5,5,5,5,5,5", "Caf\u00e9 — Analyst,1,1,1,1,1,1"),
        il.OfferDataError,
        ("row 3", "duplicate offer name 'Café — Analyst'", "also in row 2"),
    ),
    Case(
        "names that differ only in a zero-width space",
        "csv",
        csv_text("Acme\u200b,5,5,5,5,5,5", "Acme,1,1,1,1,1,1"),
        il.OfferDataError,
        ("row 3", "duplicate offer name 'Acme'", "also in row 2"),
    ),
    Case(
        "not a workbook inside",
        "bytes",
        b"PK\x03\x04 this is no workbook",
        il.OfferDataError,
        ("offers.csv", "not a readable workbook", "save it as .xlsx, .ods or CSV"),
    ),
    Case(
        "a sheet the workbook does not have",
        "workbook",
        "Budget 2027",
        il.OfferDataError,
        ("offers.xlsx", "no sheet 'Budget 2027'", "the sheets are 'Angebote' and 'Notizen'"),
    ),
    Case(
        "a cell past the header in a workbook",
        "workbook",
        "extra cell",
        il.OfferDataError,
        ("offers.xlsx, sheet 'Angebote', row 3 (offer 'Beta')", "column I", "belongs to no"),
    ),
    Case(
        "a sheet asked of a CSV file",
        "sheet of csv",
        csv_text(GOOD_ROW),
        il.OfferDataError,
        ("offers.csv", "has no sheets", ".xlsx"),
    ),
    Case(
        "JSON that is no list of records",
        "json",
        '{"offer": "Acme"}',
        il.OfferDataError,
        ("offers.json", "expected a JSON list of records"),
    ),
    Case(
        "JSON nested too deeply",
        "json",
        "[" * 100_000 + "]" * 100_000,
        il.OfferDataError,
        ("offers.json", "nested too deeply"),
    ),
    Case(
        "absurd preparation hours",
        "plan",
        csv_text("Acme,9,9,9,9,1,1,1e300", header=HEADER + ",prep_hours"),
        il.OfferDataError,
        (
            "row 2 (offer 'Acme')",
            "column 'preparation hours'",
            "1e+300 is more than the allowed maximum of 1,000 h",
        ),
    ),
    Case(
        "negative preparation hours",
        "plan",
        csv_text("Acme,9,9,9,9,1,1,-3", header=HEADER + ",prep_hours"),
        il.OfferDataError,
        ("row 2 (offer 'Acme')", "column 'preparation hours'", "-3 is negative", "from 0 to 1,000"),
    ),
    Case(
        "saving over a file not written by interview_lab",
        "save",
        "offer;interest\nmine;7\n",
        NotReplacedError,
        ("offers.csv: not overwritten", "not written by interview_lab", "force=True"),
    ),
    Case(
        "saving over a case file",
        "save",
        '{\n "kind": "interview_lab.case",\n "format_version": 2\n}\n',
        NotReplacedError,
        ("not overwritten", "case file", "force=True"),
    ),
    Case(
        "saving over the bundled example",
        "save",
        None,
        NotReplacedError,
        ("offers_example.csv", "never overwritten"),
    ),
    Case(
        "saving as OpenDocument",
        "save",
        "offers.ods",
        il.OfferDataError,
        ("cannot write OpenDocument files", "save as .xlsx"),
    ),
    Case(
        "a case file with a BOM before deeply nested JSON",
        "case",
        b"\xef\xbb\xbf" + b"[" * 100_000 + b"]" * 100_000,
        CaseError,
        ("case.json", "damaged", "nested too deeply"),
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
        ("column 'time cost'", "-1 is outside 0-10"),
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
        ("row index 0", "column 'interest'", "infinity is not a finite number"),
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
    Case("NaN weight", "weights", {"doors": math.nan}, il.WeightsError, ("'doors'", ">= 0", "NaN")),
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
        ("unknown preset 'student'", "the presets are", "'busy_full_timer'"),
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
    Case(
        "absurd hours to plan",
        "limits",
        {"hours": 1e18},
        il.BudgetError,
        ("hours: 1e+18 hours is more than anyone can prepare", "at most 10,000 hours"),
    ),
    Case(
        "hours just above the maximum",
        "limits",
        {"hours": 10_000.5},
        il.BudgetError,
        ("hours: 10000.5 hours", "at most 10,000 hours"),
    ),
    Case(
        "absurd interviews to plan",
        "limits",
        {"interviews": 10**12},
        il.BudgetError,
        ("interviews: 1000000000000 interviews are more", "at most 10,000"),
    ),
    Case(
        "absurd default preparation hours",
        "limits",
        {"default_prep_hours": 1e9},
        il.BudgetError,
        ("prep", "hours is more than anyone can prepare", "at most 1,000 hours"),
    ),
    Case(
        "reply template with a format spec",
        "template",
        "{company:d}",
        il.ReplyTemplateError,
        ("replies.toml, template “accept.en”", "{company:d}", "format spec (:d)", "{company}"),
    ),
    Case(
        "reply template with an attribute field",
        "template",
        "{company.x}",
        il.ReplyTemplateError,
        ("replies.toml, template “accept.en”", "{company.x}", "reaches into {company}"),
    ),
    Case(
        "reply template with an index field",
        "template",
        "{company[0]}",
        il.ReplyTemplateError,
        ("replies.toml, template “accept.en”", "{company[0]}", "reaches into {company}"),
    ),
    Case(
        "reply template with a conversion",
        "template",
        "{company!r}",
        il.ReplyTemplateError,
        ("replies.toml, template “accept.en”", "{company!r}", "conversion (!r)"),
    ),
    Case(
        "report over the offers being read",
        "report",
        "input",
        NotReplacedError,
        ("offers.csv", "not overwritten", "--force"),
    ),
    Case(
        "report over the bundled example",
        "report",
        "bundled",
        NotReplacedError,
        ("offers_example.csv", "bundled with interview_lab", "never overwritten"),
    ),
    Case(
        "report over a case file",
        "report",
        "case",
        NotReplacedError,
        ("case.json: not overwritten", "not a report written by interview_lab", "--force"),
    ),
    Case(
        "report over a page of someone else",
        "report",
        "foreign",
        NotReplacedError,
        ("page.html: not overwritten", "not a report written by interview_lab", "--force"),
    ),
    Case(
        "results written over the offers being read",
        "results",
        "input",
        NotReplacedError,
        ("offers.csv", "not overwritten", "--force"),
    ),
]


def workbook(case: Case) -> bytes:
    """Two sheets, "Angebote" and "Notizen"; a cell past the header if the case asks."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Angebote")
    for r, row in enumerate([HEADER.split(","), ["Acme", *[5] * 6], ["Beta", *[6] * 6]]):
        sheet.write_row(r, 0, row)
    if case.payload == "extra cell":
        sheet.write(2, 8, "stray")  # row 3, column I: past the header's last column (G)
    book.add_worksheet("Notizen").write(0, 0, "nichts")
    book.close()
    return buffer.getvalue()


def materialise(case: Case, tmp_path: Path) -> Path | None:
    """Write a file case to disk; return its path (None for in-memory cases)."""
    if case.kind in {"csv", "plan", "sheet of csv"}:
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
    elif case.kind == "workbook":
        path = tmp_path / "offers.xlsx"
        path.write_bytes(workbook(case))
    elif case.kind == "json":
        path = tmp_path / "offers.json"
        path.write_text(case.payload, encoding="utf-8")
    elif case.kind == "case":
        path = tmp_path / "case.json"
        path.write_bytes(case.payload)
    elif case.kind == "template":
        good = starter_templates()
        path = tmp_path / "replies.toml"
        path.write_text(good.replace("\n{greeting}", "\n" + case.payload, 1), encoding="utf-8")
    elif case.kind in {"report", "results"}:
        path = report_target(case, tmp_path)
    elif case.kind == "save":
        if case.payload is None:
            return data_path("offers_example.csv")
        if case.payload.endswith(".ods"):
            return tmp_path / case.payload
        path = tmp_path / "offers.csv"
        path.write_text(case.payload, encoding="utf-8")
    else:
        return None
    return path


def report_target(case: Case, tmp_path: Path) -> Path:
    """The file a report (or results) case writes to; the offers are tmp_path/offers.csv."""
    offers = tmp_path / "offers.csv"
    offers.write_bytes(data_path("offers_example.csv").read_bytes())
    if case.payload == "input":
        return offers
    if case.payload == "bundled":
        return data_path("offers_example.csv")
    if case.payload == "case":
        from interview_lab.io.case import save_case

        return save_case(tmp_path / "case.json", il.load_example_offers())
    page = tmp_path / "page.html"
    page.write_text("<html><body>my own page</body></html>\n", encoding="utf-8")
    return page


def trigger(case: Case, tmp_path: Path) -> None:
    path = materialise(case, tmp_path)
    if case.kind in {"csv", "bytes", "path", "json"}:
        il.load_offers(path)  # type: ignore[arg-type]
    elif case.kind == "workbook":
        sheet = case.payload if case.payload != "extra cell" else None
        il.load_offers(path, sheet=sheet)  # type: ignore[arg-type]
    elif case.kind == "sheet of csv":
        il.load_offers(path, sheet="Angebote")  # type: ignore[arg-type]
    elif case.kind == "plan":
        il.plan(path, hours=100, interviews=3)
    elif case.kind == "save":
        il.save_offers(il.load_example_offers(), path)  # type: ignore[arg-type]
    elif case.kind == "case":
        load_case(path)  # type: ignore[arg-type]
    elif case.kind == "limits":
        il.plan(il.load_example_offers(), **{"hours": 10, "interviews": 2, **case.payload})
    elif case.kind == "template":
        il.draft_reply({"company": "Acme"}, verdict="accept", templates=path)
    elif case.kind == "report":
        from interview_lab.apps.report import write_report

        before = path.read_bytes()  # type: ignore[union-attr]
        try:
            write_report(path, tmp_path / "offers.csv")  # type: ignore[arg-type]
        finally:
            assert path.read_bytes() == before  # type: ignore[union-attr]
    elif case.kind == "results":
        results = il.evaluate(tmp_path / "offers.csv")
        write_table(results, path)  # type: ignore[arg-type]
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
    if case.kind in {"csv", "bytes", "path", "json"}:
        return ["evaluate", str(path)]
    if case.kind == "workbook" and case.payload == "extra cell":
        return ["evaluate", str(path)]
    if case.kind == "plan":
        return ["plan", str(path), "--hours", "100", "--interviews", "3"]
    if case.kind == "limits":
        limits = {"hours": 10, "interviews": 2, **case.payload}
        options = [(f"--{k.replace('_', '-')}", f"{v!r}") for k, v in limits.items()]
        return ["plan", example, *(part for option in options for part in option)]
    if case.kind in {"report", "results"}:
        command = "report" if case.kind == "report" else "evaluate"
        return [command, str(tmp_path / "offers.csv"), "-o", str(path)]
    if case.kind == "preset":
        return ["evaluate", example, "--preset", case.payload]
    if case.kind == "weights_file":
        return ["evaluate", example, "--weights", str(path)]
    return None


def test_the_table_has_at_least_twenty_cases():
    assert len(CASES) >= 50
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
    if all(code.startswith("core.") for code in caught.value.codes):
        # The core's errors say the same in German: the same place, in German words.
        german = caught.value.render("de")
        assert german != message
        files = [str(path) for path in tmp_path.iterdir()]
        assert_german(german, allow=(*files, *TYPED))


#: What the cases type that a German message quotes as typed: offer names, headers,
#: cells, weight keys.
TYPED = (
    "„Acme — Analyst“", "„Beta“", "„Acme“", "„Café — Analyst“", "„lots“", "„x“", "„NaN“",
    "„inf“", "„high“", "„salary“", "„Intrest“", "„offer“", "„interest“", "„practice“",
    "„surprise“", "„doors“", "„time_cost“", "„confusion“",
)  # fmt: skip


CLI_KINDS = {"csv", "bytes", "path", "preset", "weights_file", "json", "plan", "limits", "report"}
CLI_KINDS |= {"results"}
CLI_CASES = [
    c for c in CASES if c.kind in CLI_KINDS or (c.kind == "workbook" and c.payload == "extra cell")
]


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
    assert str(caught.value).endswith("Further problems: 1.")
    assert caught.value.render("de").endswith("Weitere Probleme: 1.")
