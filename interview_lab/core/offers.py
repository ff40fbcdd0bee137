"""Every input rule, one small function per rule, each with its exact message.

The rules read the model's factor table, so a range or a column name is never spelled out
twice. Functions here never mutate what they are given.

>>> check_required_columns(pd.DataFrame({"offer": ["A"]}), Where(), DEFAULT_MODEL)
Traceback (most recent call last):
...
interview_lab.core.errors.OfferDataError: offers: missing required column(s) 'interest', \
'practice', 'surprise', 'doors', 'time cost', 'confusion'; required are 'offer', 'interest', \
'practice', 'surprise', 'doors', 'time cost', 'confusion', found 'offer'.

Every message is a catalogue text (``core.offers.*`` in ``catalogue/core.toml``) and
reads in the caller's language; columns are named as a person types them in that
language (``'time cost'``, „Zeitaufwand“), never by their code.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import OfferDataError
from .i18n import Message, message
from .model import DEFAULT_MODEL, Model
from .wording import Wording, quoted, quoted_all, shown

OFFER_COLUMN = "offer"


def required_columns(model: Model = DEFAULT_MODEL) -> tuple[str, ...]:
    """Return the columns an offers table must have: ``offer`` and one per factor."""
    return (OFFER_COLUMN, *model.names)


#: Required columns of the default model.
REQUIRED_COLUMNS: tuple[str, ...] = required_columns()
_NON_FINITE_WORDS = frozenset({"nan", "inf", "+inf", "-inf", "infinity", "-infinity"})

#: The most preparation an offer may take, in hours: more is a typing error (1e300
#: would overflow the planner's minute count).
MAX_PREP_HOURS = 1000.0

#: Other headers accepted for the columns that are no factor (the factors' come from
#: the model's own texts: :func:`header_aliases`). Matched with :func:`header_key`.
OTHER_HEADERS: dict[str, tuple[str, ...]] = {
    OFFER_COLUMN: ("Angebot", "Einladung", "Einladungen"),
    "company": ("Firma", "Unternehmen"),
    "role": ("Stelle", "Rolle"),
    "prep_hours": (
        "Vorbereitungszeit",
        "Vorbereitungszeit (Std.)",
        "Vorbereitungszeit (Std)",
        "Vorbereitungszeit in Std.",
        "Vorbereitungszeit (Stunden)",
        "Vorbereitungszeit in Stunden",
        "Vorbereitungsstunden",
        "Vorbereitungszeit (h)",
        "preparation hours",
        "preparation hours (h)",
        "prep hours",
        "prep hours (h)",
    ),
    "date": ("Datum",),
    "notes": ("Notizen", "Notiz"),
}

#: German headers of the default factors from earlier versions (their labels changed),
#: and other names a German coach uses for them: German files written before keep
#: reading. A header two factors share is left out (see :func:`header_aliases`).
FORMER_HEADERS: dict[str, tuple[str, ...]] = {
    "interest": ("Interesse an der Rolle", "Interesse an dieser Stelle"),
    "practice": (
        "Interview-Übung",
        "Interviewübung",
        "Übung für das Vorstellungsgespräch",
        "Gesprächsübung",
    ),
    "surprise": ("positive Überraschung", "Chance auf Überraschung"),
    "doors": ("Türöffner",),
    "time_cost": (
        "Aufwand an Zeit und Abwesenheit",
        "Zeitaufwand und Fehlzeit",
        "Zeitaufwand/Fehlzeiten",
        "Zeit und Abwesenheit",
        "Fehlzeiten",
    ),
    "confusion": ("zusätzliche Verwirrung", "Verwirrungsgefahr"),
}

#: Columns that are no factor, named in messages in the reader's language.
_COLUMN_WORDS = {OFFER_COLUMN: "core.columns.offer", "prep_hours": "core.columns.prep_hours"}
#: The sources this package names in plain English, said in the reader's language.
_SOURCE_WORDS = {
    "offers": "core.where.offers",
    "offer": "core.where.offer",
    "offers to save": "core.where.offers_to_save",
    "moved ratings": "core.where.moved_ratings",
}

#: Characters that show as nothing (zero-width spaces and joiners, soft hyphens,
#: direction marks, the byte order mark): removed from offer names and headers.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
#: Spaces other than the plain one (no-break, thin, ideographic...): read as " ".
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_NOT_PLAIN = re.compile(f"[{INVISIBLE}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


@dataclass(frozen=True)
class Where:
    """Names a table's origin so a message can point at a spreadsheet row.

    ``header_rows`` is how many lines precede the first data row in the file the
    user sees (1 for a CSV with a header), so "row 3" is the row a spreadsheet
    shows. For a DataFrame (``header_rows=None``) a row is named by its index label.
    """

    #: The table's origin: a file name as the user gave it, a :class:`Message`, or one of
    #: the words ``offers``, ``offer``, ``offers to save`` and ``moved ratings``, which
    #: messages say in the reader's language.
    source: str | Message = "offers"
    header_rows: int | None = None
    #: The spreadsheet row number of each row of the table read, when rows were
    #: skipped (blank lines): then "row 7" is still row 7 of the file.
    rows: Sequence[int] | None = field(default=None, compare=False, repr=False)
    #: The spreadsheet column (``A``, ``B``...) of each column of the table read.
    letters: Sequence[str] | None = field(default=None, compare=False, repr=False)

    @property
    def origin(self) -> str | Message:
        """The source as a message shows it: a word of this package in the reader's language."""
        if isinstance(self.source, str) and self.source in _SOURCE_WORDS:
            return message(_SOURCE_WORDS[self.source])
        return self.source

    def place(self, position: int, label: Hashable) -> Message:
        """Name one row by its spreadsheet number or, in a DataFrame, its index label."""
        if self.rows is not None:
            return message("core.where.row_number", row=int(self.rows[position]))
        if self.header_rows is not None:
            return message("core.where.row_number", row=position + 1 + self.header_rows)
        if isinstance(label, int | np.integer) and not isinstance(label, bool):
            return message("core.where.row_label", label=int(label))
        return message("core.where.row_label_text", label=str(label))

    def column(self, position: int, name: object) -> Message:
        """Name one column by its header and, in a file, its spreadsheet letter."""
        letter = None
        if self.letters is not None and position < len(self.letters):
            letter = self.letters[position]
        elif self.header_rows is not None:
            letter = column_letter(position)
        if letter is None:
            return message("core.where.column", name=str(name))
        return message("core.where.column_letter", letter=letter, name=str(name))

    def row(self, position: int, label: Hashable, offer: object = None) -> Message:
        """Describe one row with its source and, if known, its offer."""
        place = self.place(position, label)
        if offer is not None and not is_blank(offer):
            return message(
                "core.where.row_offer", source=self.origin, place=place, offer=str(offer).strip()
            )
        return message("core.where.row", source=self.origin, place=place)


def column_word(name: object, model: Model = DEFAULT_MODEL) -> Wording | Message | str:
    """Name a column in the reader's language: a factor by its short label, not its code.

    The short labels are headers the offers accept (``time cost``, ``Zeitaufwand``),
    so a message that names a missing column names one the reader can type. An own
    factor of a model file is named as the file names it.
    """
    if isinstance(name, str):
        if name in model.index and name in DEFAULT_MODEL.index:
            return Wording(model.factor(name).short)
        if name in _COLUMN_WORDS:
            return message(_COLUMN_WORDS[name])
    return str(name)


def named_column(name: object, model: Model = DEFAULT_MODEL) -> Message:
    """Return a column's name in the reader's language, quoted: ``'time cost'`` / „Zeitaufwand“."""
    return quoted(column_word(name, model))


def column_letter(position: int) -> str:
    """Return a spreadsheet's name of the column at ``position`` (0: ``A``, 26: ``AA``)."""
    letters = ""
    number = position + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def normalise_name(text: str) -> str:
    """Return an offer name as it is compared: NFC, no invisible characters, trimmed.

    Names that look the same are the same offer: ``Café`` typed with a combining
    accent, or ``Acme`` with a zero-width space, is ``Café`` or ``Acme``. Odd spaces
    (no-break, thin) become plain ones.

    >>> normalise_name("Cafe\u0301 \u200bAcme\u00a0GmbH ")
    'Café Acme GmbH'
    """
    if text.isascii():
        return text.strip()
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _ODD_SPACES.sub(" ", text).strip()


def normalise_names(names: Sequence[object]) -> tuple[list[object], bool]:
    """Normalise every text of ``names`` (:func:`normalise_name`); say if any changed.

    Other values (numbers, missing values) are kept as they are. One pass over all
    the names joined checks whether anything needs doing, so clean names cost little.
    """
    try:
        joined = "\n".join(names)  # type: ignore[arg-type]  # all text: one C-level pass
    except TypeError:
        joined = "\n".join(name for name in names if isinstance(name, str))
    if joined.isascii() or (
        unicodedata.is_normalized("NFC", joined) and not _NOT_PLAIN.search(joined)
    ):
        return list(names), False
    return [normalise_name(n) if isinstance(n, str) else n for n in names], True


def header_key(text: object) -> str:
    """Return how a header is matched: case, spaces, ``_`` and ``-`` ignored.

    >>> header_key(" Time_Cost "), header_key("Über-raschung")
    ('timecost', 'überraschung')
    """
    name = normalise_name(str(text)).casefold()
    return "".join(ch for ch in name if not (ch.isspace() or ch in "_-"))


@lru_cache(maxsize=32)
def header_aliases(model: Model = DEFAULT_MODEL) -> dict[str, str]:
    """Return which column each accepted header means, by :func:`header_key`.

    A factor is known by its name and its label and short label in each language
    (the model's own texts, so a model file's own factors have their German
    headers too), a built-in factor also by its earlier German headers
    (:data:`FORMER_HEADERS`); the other columns by :data:`OTHER_HEADERS`. A header two
    factors share means neither: it is left as it is.
    """
    aliases: dict[str, str] = {}
    ambiguous: set[str] = set()
    for factor in model.factors:
        texts = {
            factor.name,
            *(factor.text(f, lang) for f in ("label", "short") for lang in ("en", "de")),
        }
        texts.update(FORMER_HEADERS.get(factor.name, ()))  # a built-in factor's older headers
        for text in texts:
            key = header_key(text)
            if aliases.get(key, factor.name) != factor.name:
                ambiguous.add(key)
            aliases[key] = factor.name
    for key in ambiguous:
        del aliases[key]
    for factor in model.factors:  # a factor's own name always means that factor
        aliases[header_key(factor.name)] = factor.name
    for column, others in OTHER_HEADERS.items():
        for text in (column, *others):
            aliases.setdefault(header_key(text), column)
    return aliases


def canonical_headers(
    offers: pd.DataFrame, where: Where, model: Model = DEFAULT_MODEL
) -> pd.DataFrame:
    """Rename accepted headers (``Interesse``, ``Time cost``...) to the model's columns.

    Returns ``offers`` itself when every header is already the column's name, else a
    shallow copy with the new headers. Two headers that mean one column (``interest``
    twice, or ``interest`` and ``Interesse``) are an error naming both.
    """
    aliases = header_aliases(model)
    columns: list[object] = list(offers.columns)
    renamed: list[object] = [
        aliases.get(header_key(c), c) if isinstance(c, str) else c for c in columns
    ]
    meaning: dict[object, list[int]] = {}
    for position, canonical in enumerate(renamed):
        meaning.setdefault(canonical, []).append(position)
    problems = []
    for name, positions in meaning.items():
        if len(positions) < 2:
            continue
        places = [where.column(p, columns[p]) for p in positions]
        if all(columns[p] == name for p in positions):
            problems.append(
                message(
                    "core.offers.repeated_column",
                    source=where.origin,
                    column=quoted(name),
                    places=places,
                )
            )
        else:
            key = (
                "core.offers.same_meaning" if len(places) == 2 else "core.offers.same_meaning_many"
            )
            problems.append(
                message(key, source=where.origin, column=named_column(name, model), places=places)
            )
    if problems:
        raise OfferDataError(problems)
    if renamed == columns:
        return offers
    return offers.set_axis(renamed, axis=1)


def is_blank(value: object) -> bool:
    """Whether a cell is empty: None, a missing value, NaN or only spaces."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def check_is_dataframe(offers: object, where: Where) -> pd.DataFrame:
    """Reject anything that is not a DataFrame."""
    if not isinstance(offers, pd.DataFrame):
        raise OfferDataError(
            message("core.offers.not_a_table", source=where.origin, kind=type(offers).__name__)
        )
    return offers


def check_not_empty(offers: pd.DataFrame, where: Where, model: Model = DEFAULT_MODEL) -> None:
    """Reject a table without offers (or without even a header)."""
    if offers.empty and len(offers.columns) == 0:
        columns = [named_column(name, model) for name in required_columns(model)]
        raise OfferDataError(
            message("core.offers.empty_file", source=where.origin, columns=columns)
        )
    if len(offers) == 0:
        raise OfferDataError(message("core.offers.no_offers", source=where.origin))


def check_required_columns(
    offers: pd.DataFrame, where: Where, model: Model = DEFAULT_MODEL
) -> None:
    """Every required column is present (names are matched exactly)."""
    columns = [str(c) for c in offers.columns]
    required = required_columns(model)
    missing = [c for c in required if c not in columns]
    if missing:
        found = {header_key(c): c for c in columns}
        renames = []
        for name in missing:
            near = difflib.get_close_matches(header_key(name), list(found), n=1, cutoff=0.8)
            if near:
                renames.append(
                    message(
                        "core.offers.rename", typed=found[near[0]], column=named_column(name, model)
                    )
                )
        values = {
            "source": where.origin,
            "missing": [named_column(name, model) for name in missing],
            "required": [named_column(name, model) for name in required],
            "found": quoted_all(columns),
        }
        if renames:
            raise OfferDataError(
                message("core.offers.missing_columns_rename", renames=renames, **values)
            )
        raise OfferDataError(message("core.offers.missing_columns", **values))
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise OfferDataError(
            message(
                "core.offers.repeated_columns", source=where.origin, columns=quoted_all(duplicated)
            )
        )


#: From this many names on, uniqueness is checked by sorting the names' hashes: a set
#: that large no longer fits the processor's cache, so every insertion waits for memory.
_SORT_NAMES_FROM = 1 << 18


def _filled_and_distinct(names: list[str]) -> bool:
    """Whether no name is empty and no two names are equal (names are ``str``)."""
    if len(names) >= _SORT_NAMES_FROM:
        hashes = np.fromiter(map(hash, names), dtype=np.int64, count=len(names))
        if not ((hashes == hash("")).any() and "" in names):
            hashes.sort()
            if not (hashes[1:] == hashes[:-1]).any():
                return True  # distinct hashes: distinct names
        # An empty name, a repeated name or (rarely) two names with one hash: exactly.
    unique = set(names)
    return len(unique) == len(names) and "" not in unique


def check_offer_names(offers: pd.DataFrame, where: Where) -> tuple[list[str], bool]:
    """Offer names are present and unique, so charts and messages can name them.

    Returns the names stripped of surrounding spaces, as strings, and whether that
    changed any of them (if not, the caller can keep the column it has).
    """
    column = offers[OFFER_COLUMN]
    values = column.tolist()
    try:  # the common case, all names are text: C-level passes, no per-name Python code
        text = list(map(str.strip, values))  # strip returns the name itself if unchanged
    except TypeError:  # a name that is not text (a number, a missing value)
        pass
    else:
        if _filled_and_distinct(text):
            # Unchanged names are the very same objects, so this compares identities.
            return text, text != values or not pd.api.types.is_string_dtype(column)
    names = [v.strip() if isinstance(v, str) else v for v in values]
    blank = [pos for pos, name in enumerate(names) if is_blank(name)]
    text = [str(name) for name in names]
    if not blank and len(set(text)) == len(text):
        return text, True
    column_name = named_column(OFFER_COLUMN)
    problems = [
        (
            pos,
            message(
                "core.offers.blank_name", row=where.row(pos, offers.index[pos]), column=column_name
            ),
        )
        for pos in blank
    ]
    first_row: dict[str, int] = {}
    blank_rows = set(blank)
    for pos, name in enumerate(text):
        if pos in blank_rows:
            continue
        if name not in first_row:
            first_row[name] = pos
            continue
        earlier = first_row[name]
        problems.append(
            (
                pos,
                message(
                    "core.offers.duplicate_name",
                    row=where.row(pos, offers.index[pos]),
                    column=column_name,
                    name=name,
                    other=where.place(earlier, offers.index[earlier]),
                ),
            )
        )
    problems.sort(key=lambda problem: problem[0])
    raise OfferDataError([problem for _, problem in problems])


def parse_ratings(offers: pd.DataFrame, where: Where, model: Model = DEFAULT_MODEL) -> np.ndarray:
    """Return the model's ratings as a float array (factors x rows), or raise.

    Values stay in each column's own units, checked against the factor's scale.
    Numeric columns are checked for NaN, infinity and range; text columns (from a
    file, or typed in) may use a decimal comma. Booleans are not ratings.
    """
    # Filled factor by factor, as rows: the kernel works on contiguous factor rows.
    values = np.empty((len(model.factors), len(offers)), dtype=float)
    problems: list[tuple[int, int, Message]] = []
    for j, factor in enumerate(model.factors):
        column = offers[factor.name]
        if _is_plain_number_dtype(column):  # no per-row reasons unless a value is bad
            numbers_ = values[j]
            numbers_[...] = column.to_numpy(dtype=float, na_value=np.nan)
            # min and max are NaN if any value is: one test for blank, infinite and range.
            if not numbers_.size or (
                numbers_.min() >= factor.low and numbers_.max() <= factor.high
            ):
                continue
        numbers_, reasons = _column_to_float(column)
        values[j] = numbers_
        outside = (numbers_ < factor.low) | (numbers_ > factor.high)
        for pos in np.flatnonzero(outside):
            reasons.setdefault(
                int(pos),
                message(
                    "core.offers.reason.outside",
                    value=float(numbers_[pos]),
                    low=factor.low,
                    high=factor.high,
                ),
            )
        problems.extend((pos, j, reason) for pos, reason in reasons.items())
    if problems:
        problems.sort(key=lambda problem: problem[:2])
        offer_names = offers[OFFER_COLUMN]
        raise OfferDataError(
            [
                message(
                    "core.offers.bad_rating",
                    row=where.row(pos, offers.index[pos], offer_names.iloc[pos]),
                    column=named_column(model.factors[j].name, model),
                    reason=reason,
                    low=model.factors[j].low,
                    high=model.factors[j].high,
                )
                for pos, j, reason in problems
            ]
        )
    return values


def _is_plain_number_dtype(column: pd.Series) -> bool:
    """Whether a column holds numbers that are not booleans (possibly with NaN or NA)."""
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


#: The reasons :func:`_column_to_float` gives for a blank cell.
BLANK_REASONS = frozenset({"core.offers.reason.blank", "core.offers.reason.blank_nan"})


def _column_to_float(column: pd.Series) -> tuple[np.ndarray, dict[int, Message]]:
    """Convert one rating column; return its values and the reason for each bad row.

    A blank cell's reason has a key in :data:`BLANK_REASONS`.
    """
    if pd.api.types.is_bool_dtype(column):
        reason = message("core.offers.reason.true_false")
        return np.full(len(column), np.nan), dict.fromkeys(range(len(column)), reason)
    if pd.api.types.is_numeric_dtype(column):
        numbers_ = column.to_numpy(dtype=float, na_value=np.nan)
        bad = np.flatnonzero(~np.isfinite(numbers_))
        return numbers_, {
            int(pos): message("core.offers.reason.blank_nan")
            if np.isnan(numbers_[pos])
            else message("core.offers.reason.not_finite", value=shown(float(numbers_[pos])))
            for pos in bad
        }
    # Text (from a file, or typed in): plain numbers convert at C speed; only the
    # rest (blank, a decimal comma, words) is looked at one by one.
    numbers_ = pd.to_numeric(column, errors="coerce").to_numpy(
        dtype=float, na_value=np.nan, copy=True
    )
    reasons: dict[int, Message] = {}
    odd = np.flatnonzero(~np.isfinite(numbers_))
    if not odd.size:
        return numbers_, reasons
    text = column.iloc[odd].astype("string").str.strip()
    blank = (text.isna() | (text == "")).to_numpy(dtype=bool)
    parsed = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    numbers_[odd] = parsed.to_numpy(dtype=float, na_value=np.nan)
    for k in np.flatnonzero(blank | ~np.isfinite(numbers_[odd])):
        pos, raw = int(odd[k]), text.iloc[k]
        if blank[k]:
            reasons[pos] = message("core.offers.reason.blank")
        elif str(raw).lower() in _NON_FINITE_WORDS or np.isinf(numbers_[pos]):
            reasons[pos] = message("core.offers.reason.not_finite_text", raw=str(raw))
        else:
            reasons[pos] = message("core.offers.reason.not_a_number", raw=str(raw))
    return numbers_, reasons


def parse_optional_hours(
    offers: pd.DataFrame,
    where: Where,
    column: str,
    default: float,
    maximum: float = MAX_PREP_HOURS,
) -> tuple[np.ndarray, np.ndarray]:
    """Return an optional hours column as floats from 0 to ``maximum``, and where blank.

    Blank cells (and a missing column) take ``default``; anything else that is not a
    finite number from 0 to ``maximum`` (default :data:`MAX_PREP_HOURS`) is an error
    naming the row, the offer, the column and the allowed range.
    """
    if column not in offers.columns:
        return np.full(len(offers), float(default)), np.ones(len(offers), dtype=bool)
    values = offers[column]
    numbers_, reasons = _column_to_float(values)
    blank = np.zeros(len(numbers_), dtype=bool)
    blank[[pos for pos, reason in reasons.items() if reason.key in BLANK_REASONS]] = True
    with np.errstate(invalid="ignore"):
        negative = np.flatnonzero(~blank & np.isfinite(numbers_) & (numbers_ < 0))
        too_many = np.flatnonzero(~blank & np.isfinite(numbers_) & (numbers_ > maximum))
    for pos in negative:
        reasons[int(pos)] = message("core.offers.reason.negative", value=float(numbers_[pos]))
    for pos in too_many:
        reasons[int(pos)] = message(
            "core.offers.reason.too_many_hours", value=float(numbers_[pos]), maximum=maximum
        )
    problems = {pos: reason for pos, reason in reasons.items() if not blank[pos]}
    if problems:
        names = offers[OFFER_COLUMN]
        name = named_column(column)
        raise OfferDataError(
            [
                message(
                    "core.offers.bad_hours",
                    row=where.row(pos, offers.index[pos], names.iloc[pos]),
                    column=name,
                    reason=reason,
                    maximum=maximum,
                    default=default,
                )
                for pos, reason in sorted(problems.items(), key=lambda item: item[0])
            ]
        )
    numbers_ = np.where(blank, float(default), numbers_)
    return numbers_, blank
