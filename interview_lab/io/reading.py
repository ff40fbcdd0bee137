"""Reading the offer tables people really have: CSV in any of its dialects, workbooks, JSON.

What is read, and how:

* **Workbooks** (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``; recognised by
  their content, not their name) through pandas with python-calamine: the first
  sheet, or the one ``sheet=`` names (by name or number). A column whose cells are
  all numbers is read as numbers; any other as text, a number in it written as a
  CSV export would (``7``, ``7.5``), a date as ``2026-12-03``. A formula counts
  with the value the program last computed for it.
* **Text tables**: the separator is the one the header line uses most (``,`` ``;``
  or tab; Excel's ``sep=;`` first line is understood); ratings may use a decimal
  comma. Every other column is kept as written, as text.
* **Encodings**: UTF-8 (with or without a byte order mark), UTF-16 with a byte order
  mark (Excel's "Unicode text"), and Windows-1252 (cp1252). A file that is not valid
  UTF-8 is read as cp1252 only when that is unambiguous: when no part of it is
  UTF-8 text of letters or punctuation (a file edited by two programs holds both,
  and reading it either way would garble half of it). Otherwise the file is refused
  with a message naming a line of each kind, never silently misread.
* **JSON**: a list of records (``[{"offer": ..., "interest": 7}, ...]``), as
  :func:`~interview_lab.io.writing.table_to_json` and ``--format json`` write.

Rows are numbered as the spreadsheet program shows them: blank lines and rows are
skipped but still counted, so "row 7" is row 7 on screen. Cells past the last
column of the header are an error (they would belong to no column); empty ones, a
trailing separator, are dropped. The header and the offer names are normalised
(:func:`~interview_lab.core.offers.normalise_name`), so names that look the same
are the same.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import json
import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..core.errors import OfferDataError
from ..core.i18n import Message, errors_in, message
from ..core.offers import (
    OFFER_COLUMN,
    OTHER_HEADERS,
    Where,
    check_not_empty,
    column_letter,
    header_key,
    normalise_name,
    normalise_names,
)
from ..core.wording import quoted, quoted_all

#: A sheet chosen by name or by position (0 is the first).
Sheet = str | int

#: Files that are workbooks start with these bytes: a zip (xlsx, xlsm, xlsb, ods) or
#: an OLE compound file (xls).
_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_DELIMITERS = ",;\t"
#: UTF-8 sequences of letters and punctuation (U+0080-U+027F, U+2000-U+20BF): a file
#: that holds one of these and also bytes that are not UTF-8 mixes two encodings.
_UTF8_TEXT = re.compile(rb"[\xc2-\xc9][\x80-\xbf]|\xe2[\x80-\x82][\x80-\xbf]")
_JSON_START = re.compile(r'\s*(\[\s*[{\]]|\{\s*")')
_PARSER_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_OFFER_KEYS = frozenset(header_key(h) for h in (OFFER_COLUMN, *OTHER_HEADERS[OFFER_COLUMN]))
#: The most extra cells a row may have before the file is read again to find them.
_RETRIES = 4


def is_workbook(raw: bytes) -> bool:
    """Whether ``raw`` is a workbook (zip or OLE container) rather than text."""
    return raw.startswith(_WORKBOOK_MAGIC)


def read_table_bytes(
    raw: bytes, name: str, sheet: Sheet | None = None, *, lang: str = "en"
) -> tuple[pd.DataFrame, Where]:
    """Read a table of offers from the bytes of a file, unvalidated; see the module.

    Errors read in ``lang``.
    """
    with errors_in(lang):
        if is_workbook(raw):
            return read_workbook(raw, name, sheet)
        if sheet is not None:
            raise OfferDataError(message("io.csv.text_has_no_sheets", file=name))
        text = decode(raw, name)
        if name.lower().endswith(".json") or _JSON_START.match(text):
            return read_json(text, name)
        return read_text_table(text, name)


# --- text encodings -------------------------------------------------------------------


def decode(raw: bytes, name: str, *, lang: str = "en") -> str:
    """Return the text of ``raw``: UTF-16 or UTF-8 by their byte order marks, else sniffed.

    Raises :class:`~interview_lab.OfferDataError` (in ``lang``) for bytes that no rule
    reads without guessing (see the module).
    """
    with errors_in(lang):
        return _decode(raw, name)


def _decode(raw: bytes, name: str) -> str:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom) and not raw.startswith(codecs.BOM_UTF32_LE):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise OfferDataError(
                    message(
                        "io.encoding.utf16_broken",
                        file=name,
                        start=error.start + 2,
                        end=error.end + 2,
                    )
                ) from None
    body = raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw
    if b"\x00" in body:
        raise OfferDataError(message("io.encoding.zero_bytes", file=name))
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
    utf8 = _UTF8_TEXT.search(body)
    if utf8 is not None:
        sample = body[utf8.start() : utf8.end()].decode("utf-8")
        raise OfferDataError(
            message(
                "io.encoding.mixed",
                file=name,
                text_line=_line(body, utf8.start()),
                sample=quoted(sample),
                byte_line=_line(body, bad),
                byte=f"{body[bad]:#04x}",
                meaning=_cp1252(body[bad]),
            )
        )
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError as error:
        raise OfferDataError(
            message(
                "io.encoding.unknown",
                file=name,
                byte=f"{body[error.start]:#04x}",
                line=_line(body, error.start),
            )
        ) from None


def _line(raw: bytes, position: int) -> int:
    return raw.count(b"\n", 0, position) + 1


def _cp1252(byte: int) -> Message:
    """Say what ``byte`` means in Windows-1252: a character, or none."""
    try:
        return message("io.encoding.character", char=quoted(bytes([byte]).decode("cp1252")))
    except UnicodeDecodeError:
        return message("io.encoding.no_character")


# --- text tables ----------------------------------------------------------------------


def read_text_table(text: str, name: str, *, lang: str = "en") -> tuple[pd.DataFrame, Where]:
    """Read a CSV (or tab-separated) text as a table of text cells; errors in ``lang``."""
    with errors_in(lang):
        return _read_text_table(text, name)


def _read_text_table(text: str, name: str) -> tuple[pd.DataFrame, Where]:
    lines_before = 0
    separator = None
    while True:  # blank lines before the header still count as rows
        first, newline, rest = text.partition("\n")
        hint = re.fullmatch(r'\s*"?sep=(.)"?[;,\t]*\s*', first)
        if newline and (not first.strip() or (hint and separator is None)):
            if hint:  # Excel's "sep=;" line names the separator
                separator = hint.group(1)
            text, lines_before = rest, lines_before + 1
            continue
        break
    separator = separator or _sniff_delimiter(first)
    if not text.strip():
        check_not_empty(pd.DataFrame(), Where(source=name))
    grid, width = _parse(text, separator, name, lines_before)
    header = [
        normalise_name(h) if isinstance(h, str) else "" for h in grid.iloc[0, :width].tolist()
    ]
    data = grid.iloc[1:]
    while width > 1 and not header[width - 1] and data.iloc[:, width - 1].isna().all():
        width -= 1  # a trailing separator on the header line too
    data = _drop_cells_past(data, width, name, lines_before)
    return _finish(data, header[:width], Where(source=name, header_rows=lines_before + 1))


def _parse(text: str, separator: str, name: str, lines_before: int) -> tuple[pd.DataFrame, int]:
    """Parse every record as text, the header included, as wide as the widest row.

    Returns the cells and the number of cells of the header.
    """
    options: dict[str, Any] = {
        "sep": separator,
        "header": None,
        "dtype": str,
        "keep_default_na": False,
        "na_values": [""],
        "skip_blank_lines": False,
        "skipinitialspace": False,
    }
    try:
        first = pd.read_csv(io.StringIO(text), nrows=1, **options)
        width = header_width = first.shape[1]
        for _ in range(_RETRIES):
            try:
                grid: pd.DataFrame = pd.read_csv(io.StringIO(text), names=range(width), **options)
                return grid, header_width
            except pd.errors.ParserError as error:
                found = _PARSER_FIELDS.search(str(error))
                if not found:
                    raise
                row, width = int(found.group(2)) + lines_before, int(found.group(3))
    except (pd.errors.ParserError, csv.Error, ValueError) as error:
        raise OfferDataError(_unreadable_csv(str(error), name, lines_before)) from None
    raise OfferDataError(message("io.csv.ever_more_cells", file=name, row=row, cells=width))


_PARSER_ROW = re.compile(r"\brow (\d+)")


def _unreadable_csv(reason: str, name: str, lines_before: int) -> Message:
    """Say why the CSV parser gave up, with the line it names.

    The parser's own words are not shown: they are English and name its internals.
    """
    found = _PARSER_ROW.search(reason)
    if found is None:
        return message("io.csv.unreadable", file=name)
    row = int(found.group(1)) + 1 + lines_before  # the parser counts records from 0
    if "EOF inside string" in reason:
        return message("io.csv.unclosed_quote", file=name, row=row)
    return message("io.csv.unreadable_at", file=name, row=row)


def _drop_cells_past(
    data: pd.DataFrame, width: int, name: str | Message, lines_before: int
) -> pd.DataFrame:
    """Drop empty cells past the header's last column; refuse cells with a value there."""
    if data.shape[1] <= width:
        return data
    extra = data.iloc[:, width:]
    filled = extra.notna() & (extra.astype("string").apply(lambda c: c.str.strip()) != "")
    rows = np.flatnonzero(filled.any(axis=1).to_numpy(dtype=bool))
    if rows.size:
        problems = []
        where = Where(source=name, header_rows=lines_before + 1)
        for pos in rows.tolist():
            values = [v for v in extra.iloc[pos].tolist() if isinstance(v, str) and v.strip()]
            cells = width + int(np.flatnonzero(filled.iloc[pos].to_numpy(dtype=bool))[-1]) + 1
            offer = data.iloc[pos, 0]
            problems.append(
                message(
                    "io.csv.cell_past_header",
                    place=where.row(pos, pos, offer if isinstance(offer, str) else None),
                    cells=cells,
                    width=width,
                    value=quoted(values[0]),
                    letter=column_letter(cells - 1),
                )
            )
        raise OfferDataError(problems)
    return data.iloc[:, :width]


def _sniff_delimiter(header: str) -> str:
    """Pick the separator of the header line: the most frequent of , ; and tab."""
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


# --- workbooks ------------------------------------------------------------------------


def read_workbook(
    raw: bytes, name: str, sheet: Sheet | None = None, *, lang: str = "en"
) -> tuple[pd.DataFrame, Where]:
    """Read one sheet of a workbook (the first, or ``sheet``) as a table; errors in ``lang``.

    The table's :class:`~interview_lab.core.offers.Where` names the file and the sheet.
    """
    with errors_in(lang):
        return _read_workbook(raw, name, sheet)


def _read_workbook(raw: bytes, name: str, sheet: Sheet | None) -> tuple[pd.DataFrame, Where]:
    try:
        book = pd.ExcelFile(io.BytesIO(raw), engine="calamine")
    except Exception:  # calamine raises its own errors, not ValueError
        raise OfferDataError(message("io.workbook.unreadable", file=name)) from None
    names = [str(s) for s in book.sheet_names]
    chosen = _choose_sheet(names, sheet, name)
    source = message("io.workbook.sheet", file=name, sheet=quoted(chosen))
    try:
        grid = pd.read_excel(
            book,
            sheet_name=chosen,
            header=None,
            dtype=object,
            keep_default_na=False,  # "NA", "None", "null" are text, as in a CSV
            na_values=[""],
        )
    except Exception:
        raise OfferDataError(message("io.workbook.sheet_unreadable", source=source)) from None
    top = next((k for k in range(len(grid)) if any(map(_filled, grid.iloc[k].tolist()))), None)
    if top is None:
        check_not_empty(pd.DataFrame(), Where(source=source))
        top = 0
    header = [_cell_text(v) if _filled(v) else "" for v in grid.iloc[top].tolist()]
    width = max((k + 1 for k, h in enumerate(header) if h), default=0)
    data = grid.iloc[top + 1 :]
    data = _drop_cells_past(_texts_past(data, width), width, source, top)
    data = data.set_axis(range(width), axis=1)
    columns = {k: _column(data[k]) for k in range(width)}
    table = pd.DataFrame(columns, index=data.index)
    where = Where(source, top + 1)
    return _finish(table, [normalise_name(h) for h in header[:width]], where)


def _texts_past(data: pd.DataFrame, width: int) -> pd.DataFrame:
    """Cells past the header as text, for :func:`_drop_cells_past` to look at."""
    if data.shape[1] <= width:
        return data
    extra = data.iloc[:, width:].map(lambda v: _cell_text(v) if _filled(v) else np.nan)
    return pd.concat([data.iloc[:, :width], extra], axis=1)


def _choose_sheet(names: Sequence[str], sheet: Sheet | None, name: str) -> str:
    if not names:
        raise OfferDataError(message("io.workbook.no_sheets", file=name))
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if 0 <= sheet < len(names):
            return names[sheet]
        raise OfferDataError(
            message(
                "io.workbook.no_sheet_number",
                file=name,
                number=sheet,
                last=len(names) - 1,
                sheets=quoted_all(names),
            )
        )
    wanted = str(sheet)
    if wanted in names:
        return wanted
    near = [s for s in names if header_key(s) == header_key(wanted)]
    if len(near) == 1:
        return near[0]
    if wanted.isdigit() and int(wanted) < len(names):
        return names[int(wanted)]
    raise OfferDataError(
        message("io.workbook.no_sheet", file=name, sheet=quoted(wanted), sheets=quoted_all(names))
    )


def _filled(value: object) -> bool:
    if value is None or value is pd.NaT:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def _cell_text(value: object) -> str:
    """Write a cell as a CSV export does: ``7``, ``7.5``, ``2026-12-03``, ``TRUE``."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        number = float(value)
        return str(int(number)) if number.is_integer() and abs(number) < 2**53 else repr(number)
    if isinstance(value, pd.Timestamp | dt.datetime):
        stamp = pd.Timestamp(value)
        return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _column(values: pd.Series) -> pd.Series:
    """One column of a sheet: numbers if every filled cell is a number, else text."""
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in {"integer", "floating", "mixed-integer-float", "decimal"}:
        return values.astype(float)
    if kind == "string":
        return values.astype("str")
    if kind == "empty":
        return pd.Series(np.nan, index=values.index, dtype="str")
    texts = [_cell_text(v) if _filled(v) else np.nan for v in values.tolist()]
    return pd.Series(texts, index=values.index, dtype="str")


# --- JSON -----------------------------------------------------------------------------


def read_json(text: str, name: str, *, lang: str = "en") -> tuple[pd.DataFrame, Where]:
    """Read a JSON list of records (one object per offer) as a table; errors in ``lang``."""
    with errors_in(lang):
        return _read_json(text, name)


def _read_json(text: str, name: str) -> tuple[pd.DataFrame, Where]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        raise OfferDataError(
            message("io.json.invalid", file=name, line=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise OfferDataError(message("io.json.too_deep", file=name)) from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise OfferDataError(message("io.json.not_records", file=name))
    keys = list(dict.fromkeys(key for record in records for key in record))
    for position, record in enumerate(records):
        for key, value in record.items():
            if isinstance(value, dict | list):
                kind = message("io.json.list" if isinstance(value, list) else "io.json.object")
                raise OfferDataError(
                    message(
                        "io.json.nested_cell",
                        file=name,
                        record=position + 1,
                        key=quoted(key),
                        kind=kind,
                    )
                )
    table = pd.DataFrame(
        {k: _json_column([record.get(key) for record in records]) for k, key in enumerate(keys)}
    )
    return _finish(table, [normalise_name(str(k)) for k in keys], Where(name, 0))


def _json_column(values: list[object]) -> pd.Series:
    filled = [v for v in values if v is not None]
    if all(isinstance(v, str) for v in filled):
        return pd.Series([np.nan if v is None else v for v in values], dtype="str")
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in filled):
        if all(isinstance(v, int) for v in filled) and len(filled) == len(values):
            return pd.Series(values, dtype="int64")
        return pd.Series([np.nan if v is None else v for v in values], dtype=float)
    if all(isinstance(v, bool) for v in filled) and len(filled) == len(values):
        return pd.Series(values, dtype=bool)
    return pd.Series(values, dtype=object)


# --- the table read -------------------------------------------------------------------


def _finish(data: pd.DataFrame, header: list[str], where: Where) -> tuple[pd.DataFrame, Where]:
    """Name the columns, drop blank rows and header-less empty columns, clean the names.

    ``data`` is the rows under the header, its index the position of each row among
    them (blank rows included), so row numbers survive the rows dropped.
    """
    data = data.reset_index(drop=True)
    names = [h if h else f"Unnamed: {k}" for k, h in enumerate(header)]
    keep = [
        k for k, h in enumerate(header) if h or not data.iloc[:, k].isna().all()
    ]  # a column without header or cells: the stray separators of spreadsheet exports
    table = data.iloc[:, keep].set_axis([names[k] for k in keep], axis=1)
    letters = [column_letter(k) for k in keep]
    blank = _blank_rows(table)
    rows = None
    if blank.any():
        numbers = np.flatnonzero(~blank) + 1 + (where.header_rows or 0)
        table = table.iloc[np.flatnonzero(~blank)].reset_index(drop=True)
        rows = numbers.tolist()
    offer = next((c for c in table.columns if header_key(c) in _OFFER_KEYS), None)
    if offer is not None:
        cleaned, changed = normalise_names(table[offer].tolist())
        if changed:
            table[offer] = pd.Series(cleaned, index=table.index, dtype=table[offer].dtype)
    return table, Where(where.source, where.header_rows, rows=rows, letters=letters)


def _blank_rows(table: pd.DataFrame) -> np.ndarray:
    """Rows without a value in any cell (a line of spaces counts as blank)."""
    if table.shape[1] == 0:
        return np.zeros(len(table), dtype=bool)
    missing = table.isna().sum(axis=1).to_numpy()
    empty = missing == table.shape[1]
    for pos in np.flatnonzero(missing == table.shape[1] - 1).tolist():  # one cell: spaces?
        cells = [v for v in table.iloc[pos].tolist() if isinstance(v, str)]
        empty[pos] = len(cells) == 1 and not cells[0].strip()
    return np.asarray(empty, dtype=bool)


__all__ = [
    "Sheet",
    "decode",
    "is_workbook",
    "read_json",
    "read_table_bytes",
    "read_text_table",
    "read_workbook",
]


def os_reason(error: OSError) -> Message:
    """Why the system could not read a file, in words (not the system's English text)."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return message("io.files.permission")
    code = errno.errorcode.get(error.errno or 0, str(error.errno))
    return message("io.files.system_error", code=code)
