"""Every error of the IO layer reads in the caller's language, over random bad files.

Each kind of error (a catalogue key of ``core/catalogue/io.toml``) has a provoker that
builds a random bad file or input and calls the public function with ``lang=``. The
error must carry that key, read as German without English words, code or decimal
points (names from the input allowed), and as English without code signs.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import string
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab.core.errors import InterviewLabError
from interview_lab.core.i18n import catalogue
from interview_lab.core.resources import data_path
from interview_lab.io import writing
from interview_lab.io.case import load_case, save_case
from interview_lab.io.offers import write_table
from interview_lab.io.safety import check_can_replace

from .helpers import CODE_SIGNS, assert_german

HEADER = "offer,interest,practice,surprise,doors,time_cost,confusion"
#: Names people give files, sheets and presets: letters, digits, German letters.
NAME = st.text(alphabet=string.ascii_letters + string.digits + "äöüß_", min_size=1, max_size=12)
#: Text of a cell, as typed.
CELL = st.text(alphabet=string.ascii_letters + string.digits + " äöüßé—", min_size=1, max_size=12)
_REPLACE_ERRORS = {
    "io.replace.is_folder",
    "io.replace.bundled",
    "io.replace.not_regular",
    "io.replace.not_overwritten",
}
#: Catalogue texts of io.toml that are parts of errors, not errors of their own.
PARTS = {
    "io.files.offer_files",
    "io.files.offer_suffixes",
    "io.files.permission",
    "io.files.system_error",
    "io.encoding.character",
    "io.encoding.no_character",
    "io.workbook.sheet",
    "io.json.list",
    "io.json.object",
    "io.presets.where",
    *(f"io.write.{kind}" for kind in ("ods", "xls", "xlsb", "xlsm")),
    *(
        f"io.case.{part}"
        for part in (
            "missing_entry",
            "bad_language",
            "notes_not_text",
            "unknown_column_kind",
            "column_dtype",
            "whole_numbers",
            "true_false",
            "offers_unreadable",
            "model_not_table",
            "model_not_list",
            "model_unknown_fields",
            "model_texts",
        )
    ),
}
#: Every error of the IO layer; the reasons a file is not replaced are inside
#: io.replace.not_overwritten (its provoker draws each of them).
ERROR_KEYS = sorted(
    key
    for key in catalogue()
    if key.startswith("io.")
    and key not in PARTS
    and not key.startswith("io.kind.")
    and (not key.startswith("io.replace.") or key in _REPLACE_ERRORS)
)


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="io"))


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _good_offers() -> pd.DataFrame:
    return il.load_example_offers().head(2)


def _workbook(sheets: list[str]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name in sheets:
        book.add_worksheet(name).write_row(0, 0, HEADER.split(","))
    book.close()
    return buffer.getvalue()


def _rezip(raw: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, change(item.filename, source.read(item.filename)))
    return out.getvalue()


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


Draw = Callable[[st.SearchStrategy[Any]], Any]
#: A provoker: (draw, folder, lang); it raises the error it is registered for.
Provoker = Callable[[Draw, Path, str], None]
PROVOKERS: dict[str, Provoker] = {}


def provokes(key: str) -> Callable[[Provoker], Provoker]:
    def register(function: Provoker) -> Provoker:
        PROVOKERS[key] = function
        return function

    return register


# --- files ------------------------------------------------------------------------------


@provokes("io.files.no_such_file")
def _(draw: Draw, folder: Path, lang: str) -> None:
    name = draw(NAME) + ".csv"
    il.load_offers(folder / name, lang=lang)


@provokes("io.files.is_folder")
def _(draw: Draw, folder: Path, lang: str) -> None:
    inner = folder / draw(NAME)
    inner.mkdir(exist_ok=True)
    il.load_offers(inner, lang=lang)


@provokes("io.files.unreadable")
def _(draw: Draw, folder: Path, lang: str) -> None:
    path = _write(folder, "offers.csv", _csv())
    code = draw(st.sampled_from([errno.EACCES, errno.EIO, errno.EISDIR]))
    with mock.patch.object(Path, "read_bytes", side_effect=OSError(code, "English words")):
        il.load_offers(path, lang=lang)


@provokes("io.files.sheet_in_memory")
def _(draw: Draw, folder: Path, lang: str) -> None:
    il.load_offers(_good_offers(), sheet=draw(NAME), lang=lang)


# --- text files and encodings --------------------------------------------------------------


@provokes("io.csv.text_has_no_sheets")
def _(draw: Draw, folder: Path, lang: str) -> None:
    path = _write(folder, "offers.csv", _csv(draw(CELL) + ",1,1,1,1,1,1"))
    il.load_offers(path, sheet=draw(st.one_of(NAME, st.integers(0, 3))), lang=lang)


@provokes("io.encoding.utf16_broken")
def _(draw: Draw, folder: Path, lang: str) -> None:
    raw = b"\xff\xfe" + _csv(draw(CELL) + ",1,1,1,1,1,1").encode("utf-16-le") + b"\x00\xd8"
    il.load_offers(_write(folder, "offers.csv", raw), lang=lang)


@provokes("io.encoding.zero_bytes")
def _(draw: Draw, folder: Path, lang: str) -> None:
    raw = _csv(draw(CELL) + ",1,1,1,1,1,1").encode("utf-8") + b"\x00" * draw(st.integers(1, 3))
    il.load_offers(_write(folder, "offers.csv", raw), lang=lang)


@provokes("io.encoding.mixed")
def _(draw: Draw, folder: Path, lang: str) -> None:
    utf8 = draw(st.sampled_from("äöüßé—„"))
    cp1252 = draw(st.sampled_from("äöüßé"))
    raw = _csv(f"A{utf8},1,1,1,1,1,1").encode("utf-8") + f"B{cp1252},2,2,2,2,2,2\n".encode("cp1252")
    il.load_offers(_write(folder, "offers.csv", raw), lang=lang)


@provokes("io.encoding.unknown")
def _(draw: Draw, folder: Path, lang: str) -> None:
    byte = draw(st.sampled_from([b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"]))
    raw = _csv(draw(NAME).encode("ascii", "ignore").decode() + "x,1,1,1,1,1,1").encode() + byte
    il.load_offers(_write(folder, "offers.csv", raw), lang=lang)


@provokes("io.csv.unclosed_quote")
def _(draw: Draw, folder: Path, lang: str) -> None:
    rows = [f"{draw(CELL)}{k},1,1,1,1,1,1" for k in range(draw(st.integers(0, 3)))]
    il.load_offers(_write(folder, "offers.csv", _csv(*rows, '"' + draw(CELL) + ",1")), lang=lang)


@provokes("io.csv.unreadable_at")
def _(draw: Draw, folder: Path, lang: str) -> None:
    path = _write(folder, "offers.csv", _csv("A,1,1,1,1,1,1"))
    problem = pd.errors.ParserError(f"C error: something at row {draw(st.integers(0, 99))}")
    with mock.patch("pandas.read_csv", side_effect=problem):
        il.load_offers(path, lang=lang)


@provokes("io.csv.unreadable")
def _(draw: Draw, folder: Path, lang: str) -> None:
    path = _write(folder, "offers.csv", _csv("A,1,1,1,1,1,1"))
    with mock.patch("pandas.read_csv", side_effect=ValueError("English words")):
        il.load_offers(path, lang=lang)


@provokes("io.csv.ever_more_cells")
def _(draw: Draw, folder: Path, lang: str) -> None:
    start = draw(st.integers(2, 5))
    rows = [",".join(["1"] * n) for n in range(start, start + 6)]
    il.load_offers(_write(folder, "offers.csv", "offer\n" + "\n".join(rows) + "\n"), lang=lang)


@provokes("io.csv.cell_past_header")
def _(draw: Draw, folder: Path, lang: str) -> None:
    offer, stray = draw(CELL).strip() or "A", draw(CELL).strip() or "x"
    separator = draw(st.sampled_from([",", ";"]))
    text = _csv(f"{offer},1,1,1,1,1,1,{stray}").replace(",", separator)
    il.load_offers(_write(folder, "offers.csv", text), lang=lang)


# --- workbooks ----------------------------------------------------------------------------


@provokes("io.workbook.unreadable")
def _(draw: Draw, folder: Path, lang: str) -> None:
    raw = b"PK\x03\x04" + draw(st.binary(max_size=40))
    il.load_offers(_write(folder, "offers.xlsx", raw), lang=lang)


@provokes("io.workbook.sheet_unreadable")
def _(draw: Draw, folder: Path, lang: str) -> None:
    sheet = draw(NAME)
    # An unclosed tag: a ">" anywhere could close it into XML calamine reads as empty.
    garbage = b"<" + draw(st.binary(max_size=20)).replace(b">", b"")
    raw = _rezip(
        _workbook([sheet]),
        lambda name, data: garbage if name == "xl/worksheets/sheet1.xml" else data,
    )
    il.load_offers(_write(folder, "offers.xlsx", raw), lang=lang)


@provokes("io.workbook.no_sheets")
def _(draw: Draw, folder: Path, lang: str) -> None:
    def no_sheets(name: str, data: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return data
        return re.sub(rb"<sheets>.*</sheets>", b"<sheets></sheets>", data)

    raw = _rezip(_workbook([draw(NAME)]), no_sheets)
    il.load_offers(_write(folder, "offers.xlsx", raw), lang=lang)


@provokes("io.workbook.no_sheet_number")
def _(draw: Draw, folder: Path, lang: str) -> None:
    sheets = draw(st.lists(NAME, min_size=1, max_size=3, unique_by=str.lower))
    path = _write(folder, "offers.xlsx", _workbook(sheets))
    il.load_offers(path, sheet=draw(st.integers(len(sheets), 99)), lang=lang)


@provokes("io.workbook.no_sheet")
def _(draw: Draw, folder: Path, lang: str) -> None:
    sheets = draw(st.lists(NAME, min_size=1, max_size=3, unique_by=str.lower))
    wanted = draw(
        NAME.filter(lambda s: not s.isdigit() and s.lower() not in map(str.lower, sheets))
    )
    il.load_offers(_write(folder, "offers.xlsx", _workbook(sheets)), sheet=wanted, lang=lang)


# --- JSON -----------------------------------------------------------------------------------


@provokes("io.json.invalid")
def _(draw: Draw, folder: Path, lang: str) -> None:
    text = '[{"offer": ' + draw(st.sampled_from(["", "'x'", "1,", "}", "[", "tru"]))
    il.load_offers(_write(folder, "offers.json", text), lang=lang)


@provokes("io.json.too_deep")
def _(draw: Draw, folder: Path, lang: str) -> None:
    depth = draw(st.integers(50_000, 100_000))
    il.load_offers(_write(folder, "offers.json", "[" * depth + "]" * depth), lang=lang)


@provokes("io.json.not_records")
def _(draw: Draw, folder: Path, lang: str) -> None:
    value = draw(
        st.one_of(st.dictionaries(NAME, st.integers()), st.lists(st.integers(), min_size=1))
    )
    il.load_offers(_write(folder, "offers.json", json.dumps(value)), lang=lang)


@provokes("io.json.nested_cell")
def _(draw: Draw, folder: Path, lang: str) -> None:
    key = draw(NAME)
    cell = draw(st.sampled_from([[1, 2], {"a": 1}, []]))
    il.load_offers(_write(folder, "offers.json", json.dumps([{key: cell}])), lang=lang)


# --- writing --------------------------------------------------------------------------------


@provokes("io.write.unknown_dialect")
def _(draw: Draw, folder: Path, lang: str) -> None:
    dialect = draw(NAME.filter(lambda s: s not in writing.DIALECTS))
    il.save_offers(_good_offers(), folder / "out.csv", dialect=dialect, lang=lang)


@provokes("io.write.not_written")
def _(draw: Draw, folder: Path, lang: str) -> None:
    suffix = draw(st.sampled_from([".ods", ".xls", ".xlsb", ".xlsm"]))
    il.save_offers(_good_offers(), folder / f"out{suffix}", lang=lang)


@provokes("io.write.dialect_not_csv")
def _(draw: Draw, folder: Path, lang: str) -> None:
    suffix = draw(st.sampled_from([".xlsx", ".json"]))
    dialect = draw(st.sampled_from(writing.DIALECTS))
    il.save_offers(_good_offers(), folder / f"out{suffix}", dialect=dialect, lang=lang)


@provokes("io.write.too_many_rows")
def _(draw: Draw, folder: Path, lang: str) -> None:
    with mock.patch.object(writing, "MAX_SHEET_ROWS", draw(st.integers(1, 2))):
        il.save_offers(_good_offers(), folder / "out.xlsx", force=True, lang=lang)


@provokes("io.write.cell_too_long")
def _(draw: Draw, folder: Path, lang: str) -> None:
    with mock.patch.object(writing, "MAX_CELL_CHARACTERS", draw(st.integers(1, 3))):
        il.save_offers(_good_offers(), folder / "out.xlsx", force=True, lang=lang)


# --- replacing files ------------------------------------------------------------------------


@provokes("io.replace.is_folder")
def _(draw: Draw, folder: Path, lang: str) -> None:
    inner = folder / draw(NAME)
    inner.mkdir(exist_ok=True)
    il.save_offers(_good_offers(), inner, force=draw(st.booleans()), lang=lang)


@provokes("io.replace.bundled")
def _(draw: Draw, folder: Path, lang: str) -> None:
    name = draw(st.sampled_from(["offers_example.csv", "presets.toml"]))
    check_can_replace(data_path(name), "offers", force=draw(st.booleans()), lang=lang)


@provokes("io.replace.not_regular")
def _(draw: Draw, folder: Path, lang: str) -> None:
    pipe = folder / (draw(NAME) + ".csv")
    if not pipe.exists():
        os.mkfifo(pipe)
    il.save_offers(_good_offers(), pipe, lang=lang)


#: Each reason a file is not replaced: (a file there, how to write over it).
def _over_foreign(draw: Draw, folder: Path, lang: str) -> None:
    reason = draw(
        st.sampled_from(
            [
                "garbage",
                "foreign workbook",
                "results workbook",
                "case",
                "changed",
                "columns",
                "report",
                "case kind",
                "unreadable",
                "case over garbage",
            ]
        )
    )
    offers = _good_offers()
    path = folder / f"target-{reason.replace(' ', '-')}.csv"
    if reason == "garbage":
        _write(folder, path.name, draw(CELL))
    elif reason == "foreign workbook":
        path = _write(folder, "foreign.xlsx", _workbook([draw(NAME)]))
    elif reason == "results workbook":
        path = write_table(il.evaluate(offers, explain=False), folder / "r.xlsx", force=True)
    elif reason == "case":
        path = save_case(folder / "case.json", offers, force=True)
    elif reason == "changed":
        il.save_offers(offers, path, force=True)
        path.write_text(path.read_text(encoding="utf-8") + draw(CELL) + "\n", encoding="utf-8")
    elif reason == "columns":
        il.save_offers(offers, path, force=True)
        write_table(il.evaluate(offers, explain=False), path, lang=lang)
    elif reason == "report":
        il.save_offers(offers, path, force=True)
        check_can_replace(path, "report", lang=lang)
    elif reason == "case kind":
        il.save_offers(offers, path, force=True)
        check_can_replace(path, "case", lang=lang)
    elif reason == "unreadable":
        il.save_offers(offers, path, force=True)
        with mock.patch.object(Path, "read_bytes", side_effect=OSError(errno.EACCES, "x")):
            il.save_offers(offers, path, lang=lang)
    elif reason == "case over garbage":
        _write(folder, path.name, draw(CELL))
        save_case(path, offers, lang=lang)
    il.save_offers(offers, path, lang=lang)


PROVOKERS["io.replace.not_overwritten"] = _over_foreign


# --- presets and weights files ------------------------------------------------------------


def _presets(folder: Path, text: str | bytes) -> Path:
    return _write(folder, "presets.toml", text)


@provokes("io.presets.no_such_file")
def _(draw: Draw, folder: Path, lang: str) -> None:
    name = draw(NAME) + ".toml"
    if draw(st.booleans()):
        il.load_weights(folder / name, lang=lang)
    il.load_presets(folder / name, lang=lang)


@provokes("io.presets.invalid_toml_at")
def _(draw: Draw, folder: Path, lang: str) -> None:
    broken = draw(st.sampled_from(["a = ", "x: 1", "[a\n", "a = 1\na = 2\n", "= 3"]))
    il.load_weights(
        _presets(folder, "\n" * draw(st.integers(0, 3)) + broken + "\nb = 1\n"), lang=lang
    )


@provokes("io.presets.invalid_toml")
def _(draw: Draw, folder: Path, lang: str) -> None:
    broken = draw(st.sampled_from(["time_cost = ", "a = [1,", "[a", "x = 1\ny ="]))
    il.load_presets(_presets(folder, broken), lang=lang)  # broken at its very end


@provokes("io.presets.not_utf8")
def _(draw: Draw, folder: Path, lang: str) -> None:
    raw = f"# {draw(st.sampled_from('äöüß'))}\ndoors = 1\n".encode("cp1252")
    il.load_weights(_presets(folder, raw), lang=lang)


@provokes("io.presets.not_table")
def _(draw: Draw, folder: Path, lang: str) -> None:
    name = draw(NAME.filter(lambda s: s[0].isalpha() and s.isascii()))
    il.load_presets(_presets(folder, f"{name} = {draw(st.integers())}\n"), lang=lang)


@provokes("io.presets.texts_missing")
def _(draw: Draw, folder: Path, lang: str) -> None:
    name = draw(NAME.filter(lambda s: s[0].isalpha() and s.isascii()))
    label = draw(st.sampled_from(['{ en = "Mine" }', '{ de = "Meins" }', '"Mine"', "{}"]))
    text = f'[{name}]\nlabel = {label}\ndescription = {{ en = "x", de = "y" }}\nweights = {{}}\n'
    il.load_presets(_presets(folder, text), lang=lang)


@provokes("io.presets.weights_missing")
def _(draw: Draw, folder: Path, lang: str) -> None:
    name = draw(NAME.filter(lambda s: s[0].isalpha() and s.isascii()))
    weights = draw(st.sampled_from(["", "weights = 3\n", 'weights = "high"\n']))
    text = (
        f'[{name}]\nlabel = {{ en = "M", de = "M" }}\ndescription = {{ en = "x", de = "y" }}\n'
        + weights
    )
    il.load_presets(_presets(folder, text), lang=lang)


@provokes("io.presets.unknown")
def _(draw: Draw, folder: Path, lang: str) -> None:
    name = draw(NAME.filter(lambda s: s not in il.load_presets()))
    il.preset_weights(name, lang=lang)


# --- case files ---------------------------------------------------------------------------


def _case_document(folder: Path) -> dict[str, Any]:
    path = save_case(folder / "good.json", _good_offers(), force=True)
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _load_case_text(folder: Path, text: str | bytes, lang: str) -> None:
    load_case(_write(folder, "case.json", text), lang=lang)


@provokes("io.case.no_such_file")
def _(draw: Draw, folder: Path, lang: str) -> None:
    name = draw(NAME) + ".json"
    load_case(folder / name, lang=lang)


@provokes("io.case.damaged_json")
def _(draw: Draw, folder: Path, lang: str) -> None:
    _load_case_text(folder, '{"kind": ' + draw(st.sampled_from(["", "x", "'a'", "1,"])), lang)


@provokes("io.case.damaged_encoding")
def _(draw: Draw, folder: Path, lang: str) -> None:
    raw = ('{"notes": "' + draw(st.sampled_from("äöüß")) + '"}').encode("cp1252")
    _load_case_text(folder, raw, lang)


@provokes("io.case.too_deep")
def _(draw: Draw, folder: Path, lang: str) -> None:
    depth = draw(st.integers(50_000, 100_000))
    _load_case_text(folder, "[" * depth + "]" * depth, lang)


@provokes("io.case.not_a_case")
def _(draw: Draw, folder: Path, lang: str) -> None:
    value = draw(st.one_of(st.dictionaries(NAME, st.integers()), st.lists(st.integers())))
    _load_case_text(folder, json.dumps(value), lang)


@provokes("io.case.bad_version")
def _(draw: Draw, folder: Path, lang: str) -> None:
    document = _case_document(folder)
    version = draw(st.one_of(st.integers(max_value=0), NAME, st.none(), st.booleans(), st.floats()))
    document["format_version"] = version
    _load_case_text(folder, json.dumps(document), lang)


@provokes("io.case.newer")
def _(draw: Draw, folder: Path, lang: str) -> None:
    document = _case_document(folder)
    document["format_version"] = draw(st.integers(3, 10**6))
    _load_case_text(folder, json.dumps(document), lang)


@provokes("io.case.model_invalid")
def _(draw: Draw, folder: Path, lang: str) -> None:
    document = _case_document(folder)
    how = draw(st.sampled_from(["not a table", "unknown field", "factors", "texts"]))
    field = draw(NAME)
    if how == "not a table":
        document["model"] = draw(st.sampled_from([[], 3, "x"]))
    elif how == "unknown field":
        document["model"][field] = 1
    elif how == "factors":
        document["model"]["factors"] = draw(st.sampled_from([3, "x", {}]))
    else:
        document["model"]["factors"][0]["label"] = {"en": "x"}
    _load_case_text(folder, json.dumps(document), lang)


@provokes("io.case.model_invalid_plain")
def _(draw: Draw, folder: Path, lang: str) -> None:
    document = _case_document(folder)
    del document["model"]["factors"][0][draw(st.sampled_from(["name", "direction", "weight"]))]
    _load_case_text(folder, json.dumps(document), lang)


@provokes("io.case.other_factors")
def _(draw: Draw, folder: Path, lang: str) -> None:
    path = save_case(folder / "good.json", _good_offers(), force=True)
    model = il.load_model(data_path("models/salary_commute.toml"))
    load_case(path, model=model, lang=lang)


@provokes("io.case.damaged")
def _(draw: Draw, folder: Path, lang: str) -> None:
    document = _case_document(folder)
    how = draw(
        st.sampled_from(
            ["missing", "language", "notes", "kind", "dtype", "offers", "ratings", "weights"]
        )
    )
    if how == "missing":
        del document[draw(st.sampled_from(["offers", "weights", "lang", "model"]))]
    elif how == "language":
        document["lang"] = draw(st.one_of(NAME, st.integers(), st.none()))
    elif how == "notes":
        document["notes"] = draw(st.sampled_from([1, [], {"a": 1}]))
    elif how == "kind":
        document["offers"][1]["kind"] = draw(NAME)
    elif how == "dtype":
        document["offers"].append(
            {"name": "n", "kind": "integer", "dtype": "float64", "values": [1, 2]}
        )
    elif how == "offers":
        document["offers"] = draw(st.sampled_from([3, "x", [3]]))
    elif how == "ratings":
        column = next(c for c in document["offers"] if c["name"] == "interest")
        column["values"] = [draw(st.floats(11, 1e9)), 1.0]
    else:
        document["weights"] = {"doors": -draw(st.floats(0.5, 9))}
    _load_case_text(folder, json.dumps(document), lang)


# --- the tests ------------------------------------------------------------------------------


def test_every_error_of_the_io_catalogue_has_a_provoker() -> None:
    assert sorted(PROVOKERS) == ERROR_KEYS


#: Names a German text may show as they are: keys of a presets file and of a model
#: as the person has to type them, the example's offers, the bundled data's folder.
FIXED_NAMES = (
    "label",
    "description",
    "weights",
    "model",
    "factors",
    "offer",
    str(data_path("offers_example.csv").parent),
)


def _texts(value: object) -> list[str]:
    """Every text inside a value drawn (a name, a list or table of names)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*_texts(list(value)), *_texts(list(value.values()))]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    return []


def _raise(key: str, data: Any, lang: str) -> tuple[InterviewLabError, tuple[str, ...]]:
    """Run the provoker of ``key``; return its error and the names it drew."""
    drawn: list[str] = []

    def draw(strategy: st.SearchStrategy[Any]) -> Any:
        value = data.draw(strategy)
        drawn.extend(_texts(value))
        return value

    folder = _folder()
    with pytest.raises(InterviewLabError) as caught:
        PROVOKERS[key](draw, folder, lang)
    offers = _good_offers()  # its offer names and headers are the data's own
    names = {str(folder), *FIXED_NAMES, *drawn, *offers["offer"], *offers.columns}
    # a name inside the package's own name would cut it into English words
    kept = (n for n in names if n and n not in "interview_lab")
    return caught.value, tuple(sorted(kept, key=len, reverse=True))


@pytest.mark.parametrize("key", sorted(PROVOKERS))
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), lang=st.sampled_from(["en", "de"]))
def test_every_io_error_reads_in_the_callers_language(key: str, data: Any, lang: str) -> None:
    error, names = _raise(key, data, lang)
    assert key in error.codes, (key, error.codes, str(error))
    assert error.lang == lang
    assert str(error) == error.render(lang)
    german = error.render("de")
    assert_german(german, allow=names)
    english = error.render("en")
    checked = english
    for name in names:
        checked = checked.replace(name, " ")
    assert not CODE_SIGNS.findall(checked), english
    assert german != english
