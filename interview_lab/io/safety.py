"""Nothing lost: a save never replaces a file that interview_lab did not write.

Every writer (offers, results, reports, case files) asks :func:`check_can_replace`
before it writes. A new file is always fine. An existing file is replaced only if
it is an earlier output of the same kind, recognised by this rule:

* **workbook** (``.xlsx``): it carries the document property ``interview_lab``
  with the same kind (:mod:`interview_lab.io.writing` writes it);
* **CSV**: read as a table and written again by
  :func:`~interview_lab.io.writing.table_to_csv` in one of its dialects, it comes
  out byte for byte the same, with the same columns as the table being saved. A
  file written by a spreadsheet program or by hand, or edited since, does not;
* **JSON**: a list of records that :func:`~interview_lab.io.writing.table_to_json`
  writes back unchanged, with the same columns;
* **report**: an HTML file with :data:`REPORT_MARKER` in its first 64 KiB;
* **case**: what the case writer's ``recognise`` function accepts (a case file this
  version can read).

Anything else (the input a table was read from, a case file, another program's
file) is refused with :class:`NotReplacedError` unless ``force=True``. The files
bundled with interview_lab (its example data, presets and models) are never
replaced, not even with ``force``. A path that is a symbolic link is checked and
written at its final target, so the link stays a link.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Sequence
from os import PathLike
from pathlib import Path
from typing import Literal

from ..core.errors import InterviewLabError
from ..core.i18n import Message, errors_in, message
from ..core.resources import EXAMPLE_OFFERS, data_path
from ..core.wording import quoted, quoted_all
from .reading import decode, is_workbook, os_reason, read_json, read_text_table
from .writing import DIALECTS, MARKER_PROPERTY, table_to_csv, table_to_json

#: What a writer writes: a table of offers, a table of results, a report, a case file.
OutputKind = Literal["offers", "results", "report", "case"]
#: Every report of interview_lab carries this in its ``<head>``.
REPORT_MARKER = '<meta name="generator" content="interview_lab report">'
#: A recogniser: None if ``path`` is an earlier output of its kind, else why it is not
#: (a catalogue message: "it is ..." in English, a clause after "weil" in German).
Recognise = Callable[[Path], Message | None]

_HEAD = 1 << 16
_PROPERTY = re.compile(
    rf'name="{MARKER_PROPERTY}"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>', re.IGNORECASE
)


class NotReplacedError(InterviewLabError):
    """A save would replace a file that is not an earlier output of the same kind."""


def final_target(path: str | PathLike[str]) -> Path:
    """Return the file ``path`` names after following every symbolic link."""
    return Path(os.path.realpath(path))


def check_can_replace(
    path: str | PathLike[str],
    kind: OutputKind,
    *,
    force: bool = False,
    columns: Sequence[object] | None = None,
    recognise: Recognise | None = None,
    lang: str = "en",
) -> Path:
    """Return the file to write for ``path``, or raise :class:`NotReplacedError`.

    The file returned is ``path``'s final target (through symbolic links). It may
    be written if it does not exist yet, if it is an earlier output of ``kind``
    (see the module; for a table, one with ``columns``), or if ``force`` is true.
    ``recognise`` replaces the rule for ``kind`` (the case writer gives its own).
    The bundled data is never replaced; a folder is never a file to write. Errors
    read in ``lang``.
    """
    with errors_in(lang):
        return _check_can_replace(path, kind, force, columns, recognise)


def _check_can_replace(
    path: str | PathLike[str],
    kind: OutputKind,
    force: bool,
    columns: Sequence[object] | None,
    recognise: Recognise | None,
) -> Path:
    shown = Path(path)
    file = str(shown)
    target = final_target(shown)
    if target.is_dir():
        raise NotReplacedError(message("io.replace.is_folder", file=file))
    if _is_bundled(target):
        raise NotReplacedError(message("io.replace.bundled", file=file))
    if not target.exists() and not shown.exists():
        return target
    if force:
        return target
    if not target.is_file():
        raise NotReplacedError(message("io.replace.not_regular", file=file))
    check = recognise or (lambda found: why_not_ours(found, kind, columns))
    reason = check(target)
    if reason is None:
        return target
    raise NotReplacedError(message("io.replace.not_overwritten", file=file, reason=reason))


def why_not_ours(
    path: Path, kind: OutputKind, columns: Sequence[object] | None = None
) -> Message | None:
    """Return None if ``path`` is an earlier output of ``kind``, else the reason it is not."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return message("io.replace.unreadable", reason=os_reason(error))
    if kind == "report":
        head = raw[:_HEAD].decode("utf-8", errors="replace")
        if REPORT_MARKER in head:
            return None
        return message("io.replace.not_report")
    if kind == "case":
        return message("io.replace.not_case")
    if is_workbook(raw):
        found = _workbook_kind(raw)
        if found == kind:
            return None
        if found:
            return message(
                "io.replace.workbook_of_other", found=kind_name(found), kind=kind_name(kind)
            )
        return message("io.replace.foreign_workbook")
    if b'"kind": "interview_lab.case"' in raw[:_HEAD]:
        return message("io.replace.case_file")
    return _why_not_our_table(raw, path, kind, columns)


def kind_name(kind: str) -> Message:
    """Say what a file of ``kind`` holds, in words (a kind of another version: as it is)."""
    if kind in ("offers", "results", "report", "case"):
        return message(f"io.kind.{kind}")
    return quoted(kind)


def _why_not_our_table(
    raw: bytes, path: Path, kind: OutputKind, columns: Sequence[object] | None
) -> Message | None:
    """CSV or JSON: ours if writing what it holds gives the same bytes, same columns."""
    try:
        text = decode(raw, str(path))
        if text.lstrip().startswith("["):
            table = read_json(text, str(path))[0]
            same = table_to_json(table).encode("utf-8") == raw
        else:
            table = read_text_table(text, str(path))[0]
            same = any(
                table_to_csv(table, d).encode("utf-8-sig" if d == "excel-de" else "utf-8") == raw
                for d in DIALECTS
            )
    except InterviewLabError:
        return message("io.replace.not_table", kind=kind_name(kind))
    if not same:
        return message("io.replace.changed", kind=kind_name(kind))
    found = [str(c) for c in table.columns]
    if columns is not None and found != [str(c) for c in columns]:
        return message("io.replace.other_columns", found=quoted_all(found))
    return None


def _workbook_kind(raw: bytes) -> str | None:
    """Return the kind a workbook of interview_lab says it holds; None for others."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            properties = archive.read("docProps/custom.xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    found = _PROPERTY.search(properties)
    return found.group(1) if found else None


def _is_bundled(target: Path) -> bool:
    try:
        folder = data_path(EXAMPLE_OFFERS).resolve().parent
    except FileNotFoundError:
        return False
    return target == folder or folder in target.parents


__all__ = [
    "REPORT_MARKER",
    "NotReplacedError",
    "OutputKind",
    "Recognise",
    "check_can_replace",
    "final_target",
    "why_not_ours",
]
