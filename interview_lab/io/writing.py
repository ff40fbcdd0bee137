"""Turning a table into the bytes of a file: CSV, German Excel CSV, ``.xlsx`` or JSON.

Every format reads back exactly through :func:`interview_lab.load_offers`:

* ``csv``: comma separated, UTF-8 without a byte order mark, LF line ends.
* ``excel-de``: what German Excel reads and writes: ``;`` separated, decimal comma,
  UTF-8 with a byte order mark, CRLF line ends.
* ``xlsx``: one sheet; text cells are always text (a name starting with ``=`` is
  never a formula), numbers are numbers, blank cells are empty. The workbook
  carries the document property ``interview_lab`` naming what it holds, so a later
  save knows the file is its own (:mod:`interview_lab.io.safety`).
* ``json``: a list of records, numbers as JSON numbers, missing values as ``null``.

Numbers are written with the shortest text that reads back as the same number
(Python's ``repr``): ``0.864`` stays ``0.864``, and a computed
``0.8639999999999998`` is written as exactly that, so nothing changes on the way.
Results (scores, contributions) are first rounded to :data:`RESULT_DECIMALS`
decimal places (:func:`without_float_noise`), so a spreadsheet shows ``0.3``, not
``0.29999999999999993``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..core.errors import OfferDataError
from ..core.i18n import message
from ..core.offers import column_letter
from ..core.wording import quoted, quoted_all

Dialect = Literal["csv", "excel-de"]
Format = Literal["csv", "excel-de", "xlsx", "json"]
DIALECTS: tuple[Dialect, ...] = ("csv", "excel-de")
#: Document property of the workbooks written here; its value says what they hold.
MARKER_PROPERTY = "interview_lab"
#: Rows of a worksheet, the header included.
MAX_SHEET_ROWS = 1_048_576
#: Characters in one cell of a worksheet.
MAX_CELL_CHARACTERS = 32_767

_CSV = {
    "csv": {"sep": ",", "decimal": ".", "lineterminator": "\n", "encoding": "utf-8"},
    "excel-de": {"sep": ";", "decimal": ",", "lineterminator": "\r\n", "encoding": "utf-8-sig"},
}
#: Workbooks that are read but not written: their names in the catalogue.
_NOT_WRITTEN = {
    ".ods": "io.write.ods",
    ".xls": "io.write.xls",
    ".xlsb": "io.write.xlsb",
    ".xlsm": "io.write.xlsm",
}


def output_format(path: str | PathLike[str], dialect: str | None = None) -> Format:
    """Return the format to write ``path`` in: by its suffix, CSV in ``dialect`` otherwise.

    ``.xlsx`` is a workbook and ``.json`` JSON; any other name (``.csv``, ``.txt``)
    is CSV in ``dialect`` (``"csv"``, the default, or ``"excel-de"``).
    """
    suffix = Path(path).suffix.lower()
    if dialect is not None and dialect not in DIALECTS:
        raise OfferDataError(
            message(
                "io.write.unknown_dialect", dialect=quoted(dialect), dialects=quoted_all(DIALECTS)
            )
        )
    if suffix in _NOT_WRITTEN:
        kind = message(_NOT_WRITTEN[suffix])
        raise OfferDataError(message("io.write.not_written", file=str(path), kind=kind))
    if suffix in {".xlsx", ".json"}:
        if dialect is not None:
            raise OfferDataError(
                message(
                    "io.write.dialect_not_csv",
                    file=str(path),
                    dialect=quoted(dialect),
                    suffix=suffix,
                )
            )
        return "xlsx" if suffix == ".xlsx" else "json"
    return "excel-de" if dialect == "excel-de" else "csv"


#: Decimal places kept in results: far finer than any rating means, and coarse
#: enough to drop floating-point noise such as 0.29999999999999993.
RESULT_DECIMALS = 12


def without_float_noise(table: pd.DataFrame) -> pd.DataFrame:
    """Return ``table`` with every float column rounded to :data:`RESULT_DECIMALS` places.

    >>> without_float_noise(pd.DataFrame({"score": [0.1 + 0.2, -0.4799999999999999]}))
       score
    0   0.30
    1  -0.48
    """
    floats = [c for c in table.columns if pd.api.types.is_float_dtype(table[c])]
    if not floats:
        return table
    return table.assign(**{str(c): table[c].round(RESULT_DECIMALS) for c in floats})


def table_bytes(table: pd.DataFrame, form: Format, kind: str = "offers") -> bytes:
    """Return the bytes of the file that holds ``table`` in the format ``form``.

    Offers are written exactly; any other kind (results, plans) without float noise.
    """
    if kind != "offers":
        table = without_float_noise(table)
    if form == "xlsx":
        return table_to_xlsx(table, kind)
    if form == "json":
        return table_to_json(table).encode("utf-8")
    return table_to_csv(table, form).encode(_CSV[form]["encoding"])


def table_to_csv(table: pd.DataFrame, dialect: str = "csv") -> str:
    """Return ``table`` as CSV text in ``dialect`` (the byte order mark is the file's).

    Numbers are written as the shortest text that reads back the same (``repr``), with
    a decimal comma in ``excel-de`` (also a number in a column of mixed values);
    missing values as empty cells.
    """
    german = dialect == "excel-de"
    options = _CSV["excel-de" if german else "csv"]
    if german:
        table = _decimal_commas(table)
    text: str = _plain_columns(table).to_csv(
        index=False,
        sep=options["sep"],
        decimal=options["decimal"],
        lineterminator=options["lineterminator"],
    )
    return text


def _decimal_commas(table: pd.DataFrame) -> pd.DataFrame:
    """Write the float cells of columns of mixed values with a decimal comma.

    pandas' ``decimal=`` reaches float columns only; a float in a column of mixed
    values (a number among texts) would keep its point.
    """
    mixed = [
        k
        for k in range(table.shape[1])
        if pd.api.types.is_object_dtype(table.dtypes.iloc[k])
        and any(isinstance(v, float | np.floating) for v in table.iloc[:, k].tolist())
    ]
    if not mixed:
        return table
    table = table.copy()
    for k in mixed:
        table.isetitem(k, table.iloc[:, k].map(_comma_number).tolist())
    return table


def _comma_number(value: object) -> object:
    if isinstance(value, float | np.floating) and math.isfinite(value):
        return repr(float(value)).replace(".", ",")
    return value


def _plain_columns(table: pd.DataFrame) -> pd.DataFrame:
    """Columns without a header name of their own get their position, as text."""
    return table.set_axis([str(c) for c in table.columns], axis=1)


def table_to_json(table: pd.DataFrame) -> str:
    """Return ``table`` as a JSON list of records: numbers stay numbers, exactly."""
    columns = [str(c) for c in table.columns]
    values = [_json_values(table.iloc[:, k]) for k in range(len(columns))]
    records = [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
    return json.dumps(records, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _json_values(column: pd.Series) -> list[object]:
    if pd.api.types.is_float_dtype(column):
        return [_json_number(v) for v in column.to_numpy(dtype=float).tolist()]
    return [_json_value(v) for v in column.tolist()]


def _json_number(value: float) -> object:
    if math.isnan(value):
        return None
    return value if math.isfinite(value) else repr(value)


def _json_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return _json_number(float(value))
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def table_to_xlsx(table: pd.DataFrame, kind: str = "offers", sheet: str = "offers") -> bytes:
    """Return ``table`` as the bytes of an ``.xlsx`` workbook of one sheet.

    Text cells are written as text, never as formulas, numbers or links; the
    workbook's document property ``interview_lab`` is ``kind``.
    """
    import xlsxwriter  # type: ignore[import-untyped]  # only saving a workbook needs it

    if len(table) + 1 > MAX_SHEET_ROWS:
        raise OfferDataError(
            message("io.write.too_many_rows", rows=len(table), limit=MAX_SHEET_ROWS - 1)
        )
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    workbook.set_properties({"title": kind, "comments": f"Written by interview_lab: {kind}."})
    workbook.set_custom_property(MARKER_PROPERTY, kind)
    worksheet = workbook.add_worksheet(sheet)
    bold = workbook.add_format({"bold": True})
    for k, name in enumerate(table.columns):
        _cell(worksheet, 0, k, str(name), bold, str(name))
        column = table.iloc[:, k]
        if pd.api.types.is_float_dtype(column):
            cells: list[object] = column.to_numpy(dtype=float).tolist()
        else:
            cells = column.tolist()
        for row, value in enumerate(cells, start=1):
            _cell(worksheet, row, k, value, None, str(name))
        width = max([len(str(name)), *(len(str(v)) for v in cells[:200] if isinstance(v, str))])
        worksheet.set_column(k, k, min(max(width + 2, 8), 60))
    worksheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def _cell(
    sheet: Any, row: int, column: int, value: object, style: object = None, header: str = ""
) -> None:
    """Write one cell with the type of its value; a missing value leaves it empty."""
    if value is None or value is pd.NA or value is pd.NaT:
        return
    if isinstance(value, bool | np.bool_):
        sheet.write_boolean(row, column, bool(value), style)
    elif isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        if math.isnan(number):
            return
        if math.isfinite(number) and abs(number) < 1e308:
            sheet.write_number(row, column, value, style)
        else:
            sheet.write_string(row, column, repr(number), style)
    elif isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_localize(None)
        sheet.write_datetime(row, column, stamp.to_pydatetime(), style)
    else:
        text = str(value)
        if len(text) > MAX_CELL_CHARACTERS:
            raise OfferDataError(
                message(
                    "io.write.cell_too_long",
                    row=row + 1,
                    letter=column_letter(column),
                    name=quoted(header),
                    length=len(text),
                    limit=MAX_CELL_CHARACTERS,
                )
            )
        sheet.write_string(row, column, text, style)


__all__ = [
    "DIALECTS",
    "MARKER_PROPERTY",
    "Dialect",
    "Format",
    "output_format",
    "table_bytes",
    "table_to_csv",
    "table_to_json",
    "table_to_xlsx",
]
