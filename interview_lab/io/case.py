"""A coach's case file: the offers, the model, the priorities, the language and notes.

A coach sees a client over several sessions; :func:`save_case` writes everything
the comparison app shows to one JSON file (atomically), and :func:`load_case` gives
back exactly what was saved. The file records the whole model (its factors with
their weights, scales, pairings and texts, and its verdict rules), so a case made
with a model of one's own reopens with it; a case file of format 1, from before
models were recorded, opens with the model it is read with (default
:data:`interview_lab.DEFAULT_MODEL`). A damaged file, or one written by a newer
version of interview_lab, gets a clear :class:`CaseError` and is never overwritten.

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
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..core.errors import InterviewLabError
from ..core.i18n import LANGUAGES, check_language
from ..core.model import DEFAULT_MODEL, Model, check_model
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
            raise ValueError(f"unknown column kind {kind!r}")
        table[column["name"]] = series
    return pd.DataFrame(table)


def _dtype(column: dict[str, Any], kind: str) -> Any:
    """Return the dtype recorded for an integer or boolean column, checked to fit it."""
    dtype = pd.api.types.pandas_dtype(column["dtype"])
    fits = pd.api.types.is_bool_dtype if kind == "boolean" else pd.api.types.is_integer_dtype
    if not fits(dtype):
        raise ValueError(f"column {column['name']!r}: {kind} column of dtype {dtype}")
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

    The default model comes back as :data:`interview_lab.DEFAULT_MODEL` itself.
    """
    model = _built(Model, document, "the model")
    assert isinstance(model, Model)
    return DEFAULT_MODEL if model == DEFAULT_MODEL else model


def _built(kind: Any, value: object, where: str) -> object:
    """Rebuild a value of type ``kind`` (a dataclass, a tuple of them, texts) from JSON."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise ValueError(f"{where} must be a table")
        hints = typing.get_type_hints(kind)
        fields = {f.name for f in dataclasses.fields(kind) if f.init}
        unknown = set(value) - fields
        if unknown:
            raise ValueError(f"{where}: unknown fields {sorted(unknown)}")
        inner = f"{where}, {value['name']!r}" if isinstance(value.get("name"), str) else where
        return kind(**{k: _built(hints[k], v, f"{inner}, {k!r}") for k, v in value.items()})
    origin = typing.get_origin(kind)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        if not isinstance(value, list):
            raise ValueError(f"{where} must be a list")
        return tuple(_built(item, v, f"{where} {k + 1}") for k, v in enumerate(value))
    if origin is Mapping:  # the only mappings of a model are texts: language -> text
        if not (isinstance(value, dict) and all(isinstance(value.get(k), str) for k in LANGUAGES)):
            raise ValueError(f"{where} needs a text per language {list(LANGUAGES)}")
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
    the link's target is replaced; the bundled data never is.
    """
    model = check_model(model)
    checked = load_offers(offers, model)
    resolved = model.resolve_weights(weights)
    language = check_language(lang)
    try:
        target = check_can_replace(path, "case", force=force, recognise=_not_a_case)
    except NotReplacedError as error:
        raise CaseError(error.problems) from None
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
    text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)
    write_text_atomically(target, text + "\n")
    return Path(path)


def _not_a_case(path: Path) -> str | None:
    """None if ``path`` is a case file this version reads, else why it is not one."""
    try:
        load_case(path)
    except CaseError as error:
        return f"it is not a case file this version can replace ({error})"
    return None


def load_case(path: str | PathLike[str], *, model: Model | None = None) -> Case:
    """Read a case file written by :func:`save_case`, or raise :class:`CaseError`.

    ``Case.model`` is the model the file records; a format-1 file, which records
    none, is read with ``model`` (default :data:`interview_lab.DEFAULT_MODEL`). Given
    ``model``, a case recorded with other factors is refused: its ratings and
    weights would not fit.
    """
    source = Path(path)
    expected = check_model(model)
    if not source.is_file():
        raise CaseError(f"{source}: no such case file.")
    try:
        # utf-8-sig: a case file an editor saved with a byte order mark opens too.
        document = json.loads(source.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CaseError(f"{source}: damaged, not a readable case file ({error}).") from None
    except RecursionError:
        raise CaseError(
            f"{source}: damaged, not a readable case file (its JSON is nested too deeply)."
        ) from None
    if not isinstance(document, dict) or document.get("kind") != CASE_KIND:
        raise CaseError(f"{source}: not an interview_lab case file.")
    version = document.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise CaseError(f"{source}: damaged, its format_version is {version!r}.")
    if version > CASE_FORMAT_VERSION:
        raise CaseError(
            f"{source}: written in case format {version} by a newer interview_lab; this "
            f"version reads format {CASE_FORMAT_VERSION} and older. Update interview_lab."
        )
    try:
        recorded = model_from_document(document["model"]) if version >= 2 else expected
    except (KeyError, TypeError, ValueError) as error:
        raise CaseError(f"{source}: damaged case file, its model is not valid ({error}).") from None
    if model is not None and recorded.names != expected.names:
        raise CaseError(
            f"{source}: saved with the factors {list(recorded.names)}, not those of the "
            f"model given ({list(expected.names)}); open it with the model it records "
            "(load_case(path).model)."
        )
    try:
        offers = load_offers(_offers_from(document["offers"]), recorded)
        weights = recorded.resolve_weights(document["weights"])
        lang = check_language(document["lang"])
        notes = document.get("notes", "")
        if not isinstance(notes, str):
            raise TypeError("notes must be text")
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise CaseError(f"{source}: damaged case file ({error}).") from None
    except RecursionError:
        raise CaseError(f"{source}: damaged case file (nested too deeply).") from None
    return Case(offers, weights, lang, notes, str(document.get("saved_at", "")), recorded)


__all__ = [
    "CASE_FORMAT_VERSION",
    "Case",
    "CaseError",
    "load_case",
    "model_document",
    "model_from_document",
    "save_case",
]
