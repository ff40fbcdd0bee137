"""Reading and writing offer tables.

Accepts what people really have: comma CSVs, German Excel exports (``;`` separator,
decimal comma, UTF-8 with BOM or cp1252), and extra columns, which are kept in order
and as written (as text). Writing is atomic.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import OfferDataError
from ..core.model import DEFAULT_MODEL, Model
from ..core.offers import (
    OFFER_COLUMN,
    Where,
    check_is_dataframe,
    check_not_empty,
    check_offer_names,
    check_required_columns,
    parse_ratings,
)
from ..core.resources import EXAMPLE_OFFERS, data_path

_DELIMITERS = ",;\t"


def checked_columns(
    offers: object, where: Where, model: Model = DEFAULT_MODEL
) -> tuple[pd.DataFrame, dict[str, object], np.ndarray]:
    """Validate an offers table; return it, its columns in order, and the rating rows.

    The offer names come back stripped of surrounding spaces and the ratings as
    floats (rows (K, n), in each column's own units); every other column is the
    input's own array, untouched.
    """
    table = check_is_dataframe(offers, where)
    check_not_empty(table, where, model)
    check_required_columns(table, where, model)
    names, renamed = check_offer_names(table, where)
    ratings = parse_ratings(table, where, model)
    replaced: dict[str, object] = {OFFER_COLUMN: names if renamed else table[OFFER_COLUMN].array}
    for name, row in zip(model.names, ratings, strict=True):
        column = table[name]
        unchanged = column.dtype == np.float64  # and so without NaN: the ratings passed
        replaced[name] = column.array if unchanged else row
    columns = {str(c): replaced[c] if c in replaced else table[c].array for c in table.columns}
    return table, columns, ratings


def validate_offers(
    offers: object, where: Where | None = None, model: Model = DEFAULT_MODEL
) -> tuple[pd.DataFrame, np.ndarray]:
    """Check an offers table against the data contract of ``model``.

    Returns a new DataFrame (offer names stripped of surrounding spaces, ratings as
    floats, every other column untouched) and the (n, K) rating matrix. Raises
    :class:`~interview_lab.OfferDataError` naming every problem found.
    """
    table, columns, ratings = checked_columns(offers, where or Where(), model)
    return pd.DataFrame(columns, index=table.index), ratings.T


def load_offers(
    source: pd.DataFrame | str | PathLike[str], model: Model = DEFAULT_MODEL
) -> pd.DataFrame:
    """Read and validate an offers table from a CSV file (or check a DataFrame).

    The separator (``,`` ``;`` or tab) and the encoding (UTF-8, UTF-8 with BOM,
    cp1252) are detected; ratings may use a decimal comma. Columns other than the
    required ones are kept in order, as text; blank cells are missing values.
    """
    return validate_offers(*read_source(source), model)[0]


def read_offers_file(source: str | PathLike[str]) -> tuple[pd.DataFrame, Where]:
    """Read a CSV of offers as text, unvalidated, with its location for messages.

    :func:`load_offers` validates what this returns; :func:`interview_lab.evaluate`
    validates it once itself, so a file is never checked twice.
    """
    path = Path(source)
    name = str(path)
    if not path.exists():
        raise OfferDataError(f"{name}: no such file; give the path of a CSV file of offers.")
    if path.is_dir():
        raise OfferDataError(f"{name}: is a folder; give the path of a CSV file of offers.")
    return read_offers_bytes(path.read_bytes(), name)


def read_offers_bytes(raw: bytes, name: str) -> tuple[pd.DataFrame, Where]:
    """Read the bytes of a CSV of offers (an upload, say) as :func:`read_offers_file` does.

    ``name`` is what error messages call the file.
    """
    text = _decode(bytes(raw), name)
    where = Where(source=name, header_rows=1)
    if not text.strip():
        check_not_empty(pd.DataFrame(), where)
    try:
        table = pd.read_csv(
            io.StringIO(text),
            sep=_sniff_delimiter(text),
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, csv.Error) as error:
        raise OfferDataError(f"{name}: not a readable CSV file ({error}).") from None
    table.columns = [str(c).strip() for c in table.columns]
    return _drop_unnamed_empty_columns(table), where


def load_offers_bytes(raw: bytes, name: str) -> pd.DataFrame:
    """Read and validate the bytes of an uploaded CSV; errors call it ``name``."""
    return validate_offers(*read_offers_bytes(raw, name))[0]


def read_source(source: object) -> tuple[object, Where]:
    """Return a table to validate and its location: a path is read, anything else kept."""
    if isinstance(source, str | PathLike):
        return read_offers_file(source)
    return source, Where()


def load_example_offers() -> pd.DataFrame:
    """Return the bundled example: 8 invitations, all three verdicts at default weights.

    Columns: ``offer, company, role, recruiter, other_roles, interest, practice,
    surprise, doors, time_cost, confusion, prep_hours, notes``.
    """
    return load_offers(data_path(EXAMPLE_OFFERS))


def random_offers(n: int, seed: int = 0, model: Model = DEFAULT_MODEL) -> pd.DataFrame:
    """Return ``n`` made-up offers with uniformly random one-decimal ratings.

    Seeded and reproducible; for demos, benchmarks and tests. Columns: ``offer``
    ("Company k — Analyst") and one rating per factor of ``model``.
    """
    rng = np.random.default_rng(seed)
    lows = np.array([f.low for f in model.factors])
    highs = np.array([f.high for f in model.factors])
    ratings = np.round(rng.uniform(lows, highs, size=(n, len(lows))), 1)
    table = pd.DataFrame(ratings, columns=list(model.names))
    table.insert(0, OFFER_COLUMN, [f"Company {k} — Analyst" for k in range(n)])
    return table


def save_offers(offers: pd.DataFrame, path: str | PathLike[str]) -> Path:
    """Write an offers table as a UTF-8 comma CSV, atomically; return the path.

    The table is validated first, so what is saved can be loaded again. The file is
    written next to its target and renamed over it, so a crash leaves the old file
    intact. The bundled example data is never overwritten.
    """
    clean, _ = validate_offers(offers, Where(source="offers to save"))
    target = Path(path)
    with contextlib.suppress(FileNotFoundError):
        if target.resolve() == data_path(EXAMPLE_OFFERS).resolve():
            raise OfferDataError(
                f"{target}: is the bundled example data, which is never overwritten; "
                "save to a new file instead."
            )
    if target.is_dir():
        raise OfferDataError(f"{target}: is a folder; give a file name such as offers.csv.")
    return write_text_atomically(target, clean.to_csv(index=False, lineterminator="\n"))


def write_text_atomically(path: str | PathLike[str], text: str) -> Path:
    """Write UTF-8 text next to ``path`` and rename it over, so a crash loses nothing.

    The old file stays whole until the new one is complete on disk.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode a new file gets
        # (or the mode of the file it replaces).
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise OfferDataError(
            f"{name}: cannot read the text encoding (byte {raw[error.start]:#04x} at "
            f"position {error.start}); save the file as UTF-8 or Windows-1252 (cp1252)."
        ) from None


def _sniff_delimiter(text: str) -> str:
    """Pick the separator of the header line: the most frequent of , ; and tab."""
    header = text.lstrip("\n").split("\n", 1)[0]
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _drop_unnamed_empty_columns(table: pd.DataFrame) -> pd.DataFrame:
    """Drop the empty, header-less trailing columns spreadsheet exports add."""
    empty = [c for c in table.columns if c.startswith("Unnamed: ") and table[c].isna().all()]
    return table.drop(columns=empty) if empty else table
