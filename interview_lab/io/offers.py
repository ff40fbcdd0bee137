"""Reading and writing offer tables.

Accepts what people really have (:mod:`interview_lab.io.reading`): CSV in any of its
dialects and encodings (German Excel's ``;`` and decimal comma, UTF-16 "Unicode
text", Windows-1252), ``.xlsx``/``.xlsm``/``.ods`` workbooks, JSON records, German
headers, and extra columns, which are kept in order. Writes CSV (also for German
Excel), ``.xlsx`` and JSON (:mod:`interview_lab.io.writing`), atomically, and never
over a file it did not write (:mod:`interview_lab.io.safety`).
"""

from __future__ import annotations

import os
import tempfile
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import OfferDataError
from ..core.i18n import errors_in, message, text
from ..core.model import DEFAULT_MODEL, Model
from ..core.offers import (
    OFFER_COLUMN,
    Where,
    canonical_headers,
    check_is_dataframe,
    check_not_empty,
    check_offer_names,
    check_required_columns,
    normalise_names,
    parse_ratings,
)
from ..core.resources import EXAMPLE_OFFERS, data_path
from .reading import Sheet, os_reason, read_table_bytes
from .safety import OutputKind, check_can_replace, final_target
from .writing import output_format, table_bytes


def offer_files(lang: str = "en") -> str:
    """Name the files read as offers, for help texts: ``.csv, .txt, ... or .ods`` in ``lang``."""
    return text("io.files.offer_suffixes", lang)


def checked_columns(
    offers: object, where: Where, model: Model = DEFAULT_MODEL
) -> tuple[pd.DataFrame, dict[str, object], np.ndarray]:
    """Validate an offers table; return it, its columns in order, and the rating rows.

    The offer names come back stripped of surrounding spaces and the ratings as
    floats (rows (K, n), in each column's own units); every other column is the
    input's own array, untouched.
    """
    table = canonical_headers(check_is_dataframe(offers, where), where, model)
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
    offers: object, where: Where | None = None, model: Model = DEFAULT_MODEL, *, lang: str = "en"
) -> tuple[pd.DataFrame, np.ndarray]:
    """Check an offers table against the data contract of ``model``.

    Returns a new DataFrame (headers renamed to the model's columns, offer names
    normalised: :func:`~interview_lab.core.offers.normalise_name`; ratings as floats,
    every other column untouched) and the (n, K) rating matrix. Raises
    :class:`~interview_lab.OfferDataError` naming every problem found.

    :func:`interview_lab.evaluate` of a DataFrame checks the names as they are (its
    fast path); a file's names are normalised as it is read. Errors read in ``lang``.
    """
    with errors_in(lang):
        place = where or Where()
        if isinstance(offers, pd.DataFrame):
            offers = _with_normalised_names(canonical_headers(offers, place, model))
        table, columns, ratings = checked_columns(offers, place, model)
        return pd.DataFrame(columns, index=table.index), ratings.T


def _with_normalised_names(table: pd.DataFrame) -> pd.DataFrame:
    if OFFER_COLUMN not in table.columns:
        return table
    names, changed = normalise_names(table[OFFER_COLUMN].tolist())
    if not changed:
        return table
    return table.assign(**{OFFER_COLUMN: pd.Series(names, index=table.index)})


def load_offers(
    source: pd.DataFrame | str | PathLike[str],
    model: Model = DEFAULT_MODEL,
    *,
    sheet: Sheet | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Read and validate an offers table from a file (or check a DataFrame).

    A file may be CSV (separator, encoding and decimal comma detected), a workbook
    (``.xlsx``, ``.xlsm``, ``.ods``: the first sheet, or ``sheet``, by name or
    number) or JSON records; headers may be German (``Angebot``, ``Interesse``...)
    or the model's labels. Columns other than the required ones are kept in order:
    from a text file as text, from a workbook as numbers where every cell is one.
    Blank cells are missing values; blank rows are skipped. Errors read in ``lang``.
    """
    with errors_in(lang):
        return validate_offers(*read_source(source, sheet=sheet), model)[0]


def read_offers_file(
    source: str | PathLike[str], sheet: Sheet | None = None, *, lang: str = "en"
) -> tuple[pd.DataFrame, Where]:
    """Read a file of offers, unvalidated, with its location for messages.

    :func:`load_offers` validates what this returns; :func:`interview_lab.evaluate`
    validates it once itself, so a file is never checked twice. Errors read in ``lang``.
    """
    path = Path(source)
    name = str(path)
    with errors_in(lang):
        files = message("io.files.offer_files")
        if not path.exists():
            raise OfferDataError(message("io.files.no_such_file", file=name, files=files))
        if path.is_dir():
            raise OfferDataError(message("io.files.is_folder", file=name, files=files))
        try:
            raw = path.read_bytes()
        except OSError as error:
            reason = os_reason(error)
            raise OfferDataError(message("io.files.unreadable", file=name, reason=reason)) from None
        return read_offers_bytes(raw, name, sheet)


def read_offers_bytes(
    raw: bytes, name: str, sheet: Sheet | None = None, *, lang: str = "en"
) -> tuple[pd.DataFrame, Where]:
    """Read the bytes of a file of offers (an upload, say) as :func:`read_offers_file` does.

    ``name`` is what error messages call the file; the format is told by the content.
    Errors read in ``lang``.
    """
    return read_table_bytes(bytes(raw), name, sheet, lang=lang)


def load_offers_bytes(
    raw: bytes,
    name: str,
    model: Model = DEFAULT_MODEL,
    *,
    sheet: Sheet | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Read and validate the bytes of an uploaded file; errors call it ``name``, in ``lang``."""
    with errors_in(lang):
        return validate_offers(*read_offers_bytes(raw, name, sheet), model)[0]


def read_source(
    source: object, sheet: Sheet | None = None, *, lang: str = "en"
) -> tuple[object, Where]:
    """Return a table to validate and its location: a path is read, anything else kept."""
    with errors_in(lang):
        if isinstance(source, str | PathLike):
            return read_offers_file(source, sheet)
        if sheet is not None:
            raise OfferDataError(message("io.files.sheet_in_memory"))
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


def save_offers(
    offers: pd.DataFrame,
    path: str | PathLike[str],
    *,
    dialect: str | None = None,
    force: bool = False,
    model: Model = DEFAULT_MODEL,
    lang: str = "en",
) -> Path:
    """Write an offers table, atomically, in the format its name asks for; return the path.

    ``.xlsx`` writes a workbook, ``.json`` JSON records, any other name CSV: comma
    separated UTF-8 by default, or for German Excel with ``dialect="excel-de"``
    (``;``, decimal comma, UTF-8 with a byte order mark). Every format reads back
    exactly with :func:`load_offers`. The table is validated against ``model``
    first, so what is saved can be loaded again.

    An existing file is replaced only if it is an earlier save of offers (see
    :mod:`interview_lab.io.safety`), or with ``force=True``; the bundled data never.
    The new file is written next to its target and renamed over it, so a crash leaves
    the old file intact; through a symbolic link, the link's target is replaced.
    Errors read in ``lang``.
    """
    with errors_in(lang):
        where = Where(source="offers to save")  # said in the reader's language
        clean, _ = validate_offers(offers, where, model)
        return write_table(clean, path, kind="offers", dialect=dialect, force=force)


def write_table(
    table: pd.DataFrame,
    path: str | PathLike[str],
    *,
    kind: OutputKind = "results",
    dialect: str | None = None,
    force: bool = False,
    lang: str = "en",
) -> Path:
    """Write any table (results, a plan) as :func:`save_offers` writes offers; return the path.

    The format comes from the name (``.xlsx``, ``.json``, else CSV in ``dialect``);
    :func:`~interview_lab.io.safety.check_can_replace` guards what is there. Errors
    read in ``lang``.
    """
    with errors_in(lang):
        form = output_format(path, dialect)
        target = check_can_replace(path, kind, force=force, columns=list(table.columns))
        write_bytes_atomically(target, table_bytes(table, form, kind))
        return Path(path)


def write_text_atomically(path: str | PathLike[str], text: str) -> Path:
    """Write UTF-8 text next to ``path`` and rename it over, so a crash loses nothing.

    The old file stays whole until the new one is complete on disk. Through a
    symbolic link the link's target is replaced and the link kept. This does not ask
    whether the file may be replaced: call
    :func:`~interview_lab.io.safety.check_can_replace` first.
    """
    return write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: str | PathLike[str], data: bytes) -> Path:
    """Write ``data`` as :func:`write_text_atomically` writes text; return ``path``."""
    shown = Path(path)
    target = final_target(shown) if shown.is_symlink() else shown
    folder = target.parent if str(target.parent) else Path()
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
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
    return shown
