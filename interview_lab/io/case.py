"""A coach's case file: the offers, the model, the priorities, the language and notes.

A coach sees a client over several sessions; :func:`save_case` writes everything
the comparison app shows to one JSON file (atomically), and :func:`load_case` gives
back exactly what was saved. The file records the whole model (its factors with
their weights, scales, pairings and texts, and its verdict rules), so a case made
with a model of one's own reopens with it; a case file of format 1, from before
models were recorded, opens with the model it is read with (default
:data:`interview_lab.DEFAULT_MODEL`). A damaged file, or one written by a newer
version of interview_lab, gets a clear :class:`CaseError` and is never overwritten.
:func:`case_bytes` and :func:`load_case_bytes` do the same in memory (an app's
download and upload), writing nothing.

>>> import tempfile, pathlib, interview_lab as il
>>> path = pathlib.Path(tempfile.mkdtemp()) / "client.json"
>>> _ = save_case(path, il.load_example_offers(), {"time_cost": 4}, lang="de", notes="1st")
>>> case = load_case(path)
>>> case.weights["time_cost"], case.lang, case.notes, len(case.offers)
(4.0, 'de', '1st', 8)
"""

from __future__ import annotations

import dataclasses
import json
import math
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..core.errors import InterviewLabError
from ..core.i18n import LANGUAGES, Language, Message, check_language, errors_in, message
from ..core.i18n import datetime as datetime_text
from ..core.model import DEFAULT_MODEL, Model, check_model
from ..core.wording import Wording, quoted, quoted_all, shown
from .offers import load_offers, write_text_atomically
from .safety import NotReplacedError, check_can_replace

#: Format of the case files this version writes; it reads this one and older ones.
#: Format 2 records the model; format 1 did not. Columns of whole numbers, true/false
#: and dates keep their kind (``integer``, ``boolean``, ``datetime``); a version from
#: before those kinds calls such a file damaged, and opens every other one.
CASE_FORMAT_VERSION = 2
#: Marks a JSON file as an interview_lab case.
CASE_KIND = "interview_lab.case"


class CaseError(InterviewLabError):
    """A case file is damaged, from a newer version, or would overwrite something else."""


@dataclass(frozen=True, eq=False)
class Case:
    """What a case file holds: offers, complete weights, language, notes and the model."""

    offers: pd.DataFrame
    weights: dict[str, float]
    lang: str = "en"
    notes: str = ""
    saved_at: str = ""
    model: Model = DEFAULT_MODEL

    def __eq__(self, other: object) -> bool:
        """Two cases are equal when they hold the same content (when saved aside)."""
        if not isinstance(other, Case):
            return NotImplemented
        return (
            self.offers.equals(other.offers)
            and list(self.offers.columns) == list(other.offers.columns)
            and (self.weights, self.lang, self.notes, self.model)
            == (other.weights, other.lang, other.notes, other.model)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable content

    @property
    def saved_time(self) -> datetime | None:
        """When the case was saved, in this computer's time zone (None if not recorded)."""
        try:
            moment = datetime.fromisoformat(self.saved_at)
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone()

    def saved_text(self, lang: str = "en") -> str:
        """When the case was saved, as a person reads it: ``01.12.2026, 10:15 Uhr``.

        The file keeps the ISO time stamp in UTC (``saved_at``); this is the local time
        in ``lang``'s format, or an empty text if the file records none.
        """
        moment = self.saved_time
        return "" if moment is None else datetime_text(moment, lang)


def _column(series: pd.Series) -> dict[str, Any]:
    """One column as JSON: its kind, its dtype where it matters, its values (null: missing).

    Floats are ``number``, whole numbers ``integer``, true/false ``boolean``, dates
    and times ``datetime`` (ISO text); anything else is ``text``.
    """
    name = str(series.name)
    dtype = series.dtype
    values: list[object]
    if pd.api.types.is_bool_dtype(dtype):
        values = [None if pd.isna(v) else bool(v) for v in series.tolist()]
        return {"name": name, "kind": "boolean", "dtype": str(dtype), "values": values}
    if pd.api.types.is_integer_dtype(dtype):
        values = [None if pd.isna(v) else int(v) for v in series.tolist()]
        return {"name": name, "kind": "integer", "dtype": str(dtype), "values": values}
    if pd.api.types.is_numeric_dtype(dtype):
        values = [None if math.isnan(v) else v for v in series.to_numpy(dtype=float).tolist()]
        return {"name": name, "kind": "number", "values": values}
    if pd.api.types.is_datetime64_any_dtype(dtype):
        values = [None if pd.isna(v) else v.isoformat() for v in series.tolist()]
        return {"name": name, "kind": "datetime", "dtype": str(dtype), "values": values}
    values = [None if pd.isna(v) else str(v) for v in series.tolist()]
    return {"name": name, "kind": "text", "values": values}


def _offers_from(columns: list[dict[str, Any]]) -> pd.DataFrame:
    table = {}
    for column in columns:
        kind, values = column["kind"], column["values"]
        if kind == "number":
            series = pd.Series([math.nan if v is None else float(v) for v in values], dtype=float)
        elif kind == "text":
            series = pd.Series(values, dtype="str")
        elif kind in {"integer", "boolean"}:
            series = pd.Series(values, dtype=object).astype(_dtype(column, kind))
        elif kind == "datetime":
            dtype = pd.api.types.pandas_dtype(column["dtype"])
            zone = getattr(dtype, "tz", None)
            stamps = pd.to_datetime(
                pd.Series(values, dtype=object), utc=zone is not None, format="ISO8601"
            )
            series = (stamps.dt.tz_convert(zone) if zone is not None else stamps).astype(dtype)
        else:
            raise CaseError(
                message(
                    "io.case.unknown_column_kind",
                    column=quoted(column["name"]),
                    kind=quoted(kind),
                )
            )
        table[column["name"]] = series
    return pd.DataFrame(table)


def _dtype(column: dict[str, Any], kind: str) -> Any:
    """Return the dtype recorded for an integer or boolean column, checked to fit it."""
    dtype = pd.api.types.pandas_dtype(column["dtype"])
    fits = pd.api.types.is_bool_dtype if kind == "boolean" else pd.api.types.is_integer_dtype
    if not fits(dtype):
        what = message("io.case.true_false" if kind == "boolean" else "io.case.whole_numbers")
        raise CaseError(
            message(
                "io.case.column_dtype",
                column=quoted(column["name"]),
                kind=what,
                dtype=quoted(dtype),
            )
        )
    return dtype


def model_document(model: Model) -> dict[str, Any]:
    """Describe the whole model as JSON-ready data: every field of it and of its parts."""
    document = _plain(model)
    assert isinstance(document, dict)
    return document


def _plain(value: object) -> object:
    """Turn a model, factor, deal-breaker or text into JSON data (dataclasses as tables)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def model_from_document(document: object) -> Model:
    """Rebuild a model from :func:`model_document`; raise ``ValueError`` if it is not one.

    The default model comes back as :data:`interview_lab.DEFAULT_MODEL` itself. A
    document that is not a model gets a :class:`CaseError` (a ``ValueError``) naming
    the place in it, or the model's own error.
    """
    model = _built(Model, document, "model")
    assert isinstance(model, Model)
    return DEFAULT_MODEL if model == DEFAULT_MODEL else model


def _built(kind: Any, value: object, where: str) -> object:
    """Rebuild a value of type ``kind`` (a dataclass, a tuple of them, texts) from JSON."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise CaseError(message("io.case.model_not_table", where=quoted(where)))
        hints = typing.get_type_hints(kind)
        fields = {f.name for f in dataclasses.fields(kind) if f.init}
        unknown = set(value) - fields
        if unknown:
            unknown_fields = sorted(map(str, unknown))
            raise CaseError(
                message(
                    "io.case.model_unknown_fields",
                    where=quoted(where),
                    fields=quoted_all(unknown_fields),
                )
            )
        inner = f"{where}/{value['name']}" if isinstance(value.get("name"), str) else where
        return kind(**{k: _built(hints[k], v, f"{inner}/{k}") for k, v in value.items()})
    origin = typing.get_origin(kind)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        if not isinstance(value, list):
            raise CaseError(message("io.case.model_not_list", where=quoted(where)))
        return tuple(_built(item, v, f"{where}/{k + 1}") for k, v in enumerate(value))
    if origin is Mapping:  # the only mappings of a model are texts: language -> text
        if not (isinstance(value, dict) and all(isinstance(value.get(k), str) for k in LANGUAGES)):
            raise CaseError(
                message("io.case.model_texts", where=quoted(where), languages=quoted_all(LANGUAGES))
            )
        return MappingProxyType({k: value[k] for k in LANGUAGES})
    return value  # numbers, names, None: the model checks them


def save_case(
    path: str | PathLike[str],
    offers: pd.DataFrame,
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
    notes: str = "",
    force: bool = False,
) -> Path:
    """Write a case file atomically; return its path.

    The offers are validated against ``model`` first and the weights completed, so
    every case file can be opened again; the file records the model. An existing
    file is replaced only if it is a case file this version can read: anything else
    (a damaged case, a newer format, another file) is left untouched and a
    :class:`CaseError` says why, unless ``force`` is true. Through a symbolic link
    the link's target is replaced; the bundled data never is. ``lang`` is the case's
    language, and the language of the errors.
    """
    language = check_language(lang)
    with errors_in(language):
        return _save_case(path, offers, weights, model, language, notes, force)


def _save_case(
    path: str | PathLike[str],
    offers: pd.DataFrame,
    weights: Mapping[str, object] | None,
    model: Model | None,
    language: Language,
    notes: str,
    force: bool,
) -> Path:
    text = _case_text(offers, weights, model, language, notes)
    try:
        target = check_can_replace(path, "case", force=force, recognise=_not_a_case)
    except NotReplacedError as error:
        raise CaseError(error.problems) from None
    write_text_atomically(target, text)
    return Path(path)


def case_bytes(
    offers: pd.DataFrame,
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
    notes: str = "",
) -> bytes:
    """Return the bytes of the case file :func:`save_case` would write (UTF-8 JSON).

    Nothing is written: an app hands these to the browser as a download, and
    :func:`load_case_bytes` reads them back. The offers are validated and the
    weights completed as for :func:`save_case`.
    """
    language = check_language(lang)
    with errors_in(language):
        return _case_text(offers, weights, model, language, notes).encode("utf-8")


def _case_text(
    offers: pd.DataFrame,
    weights: Mapping[str, object] | None,
    model: Model | None,
    language: Language,
    notes: str,
) -> str:
    model = check_model(model)
    checked = load_offers(offers, model)
    resolved = model.resolve_weights(weights)
    columns = [_column(checked[name]) for name in checked.columns]
    document = {
        "kind": CASE_KIND,
        "format_version": CASE_FORMAT_VERSION,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "lang": language,
        "notes": str(notes),
        "model": model_document(model),
        "weights": resolved,
        "offers": columns,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _not_a_case(path: Path) -> Message | None:
    """None if ``path`` is a case file this version reads, else why it is not one."""
    try:
        load_case(path)
    except CaseError as error:
        return message("io.replace.not_replaceable_case", problem=error.problems[0])
    return None


def load_case(path: str | PathLike[str], *, model: Model | None = None, lang: str = "en") -> Case:
    """Read a case file written by :func:`save_case`, or raise :class:`CaseError`.

    ``Case.model`` is the model the file records; a format-1 file, which records
    none, is read with ``model`` (default :data:`interview_lab.DEFAULT_MODEL`). Given
    ``model``, a case recorded with other factors is refused: its ratings and
    weights would not fit. Errors read in ``lang``.
    """
    with errors_in(lang):
        return _load_case(Path(path), model)


def load_case_bytes(raw: bytes, name: str, *, model: Model | None = None, lang: str = "en") -> Case:
    """Read the bytes of a case file (an upload, say) as :func:`load_case` reads a file.

    ``name`` is what error messages call the file; errors read in ``lang``.
    """
    with errors_in(lang):
        return _case_from_bytes(bytes(raw), name, model)


def _load_case(source: Path, model: Model | None) -> Case:
    check_model(model)
    if not source.is_file():
        raise CaseError(message("io.case.no_such_file", file=str(source)))
    return _case_from_bytes(source.read_bytes(), str(source), model)


def _case_from_bytes(raw: bytes, file: str, model: Model | None) -> Case:
    expected = check_model(model)
    try:
        # utf-8-sig: a case file an editor saved with a byte order mark opens too.
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CaseError(message("io.case.damaged_encoding", file=file)) from None
    except json.JSONDecodeError as error:
        raise CaseError(
            message("io.case.damaged_json", file=file, line=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise CaseError(message("io.case.too_deep", file=file)) from None
    if not isinstance(document, dict) or document.get("kind") != CASE_KIND:
        raise CaseError(message("io.case.not_a_case", file=file))
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CaseError(message("io.case.bad_version", file=file, version=_shown(version)))
    if version > CASE_FORMAT_VERSION:
        raise CaseError(
            message("io.case.newer", file=file, version=version, supported=CASE_FORMAT_VERSION)
        )
    damaged = partial(message, "io.case.damaged", file=file)
    try:
        recorded = model_from_document(document["model"]) if version >= 2 else expected
    except InterviewLabError as error:
        problem = error.problems[0]
        raise CaseError(message("io.case.model_invalid", file=file, problem=problem)) from None
    except KeyError as error:
        raise CaseError(damaged(problem=_missing(error))) from None
    except (TypeError, ValueError, RecursionError):
        raise CaseError(message("io.case.model_invalid_plain", file=file)) from None
    if model is not None and recorded.names != expected.names:
        raise CaseError(
            message(
                "io.case.other_factors",
                file=file,
                recorded=quoted_all(Wording(f.short) for f in recorded.factors),
                expected=quoted_all(Wording(f.short) for f in expected.factors),
            )
        )
    try:
        offers = load_offers(_offers_from(document["offers"]), recorded)
        weights = recorded.resolve_weights(document["weights"])
        lang = document["lang"]
        if lang not in LANGUAGES:
            bad = message(
                "io.case.bad_language", lang=_shown(lang), languages=quoted_all(LANGUAGES)
            )
            raise CaseError(bad)
        notes = document.get("notes", "")
        if not isinstance(notes, str):
            raise CaseError(message("io.case.notes_not_text"))
    except InterviewLabError as error:  # the offers', the weights' or the lines above'
        raise CaseError(damaged(problem=error.problems[0])) from None
    except KeyError as error:
        raise CaseError(damaged(problem=_missing(error))) from None
    except (TypeError, ValueError, OverflowError, AttributeError):
        problem = message("io.case.offers_unreadable")
        raise CaseError(damaged(problem=problem)) from None
    except RecursionError:
        raise CaseError(message("io.case.too_deep", file=file)) from None
    return Case(offers, weights, lang, notes, str(document.get("saved_at", "")), recorded)


def _shown(value: object) -> object:
    """Show a value read from a damaged file, at most 40 characters of it."""
    if isinstance(value, str | int | float | bool | None):
        short = value[:40] + "…" if isinstance(value, str) and len(value) > 40 else value
        return shown(short)
    return quoted(json.dumps(value, ensure_ascii=False)[:40])


def _missing(error: KeyError) -> Message:
    """Name the entry a case file lacks, from the ``KeyError`` of reading it."""
    key = error.args[0] if error.args else ""
    return message("io.case.missing_entry", key=quoted(key))


__all__ = [
    "CASE_FORMAT_VERSION",
    "Case",
    "CaseError",
    "case_bytes",
    "load_case",
    "load_case_bytes",
    "model_document",
    "model_from_document",
    "save_case",
]
