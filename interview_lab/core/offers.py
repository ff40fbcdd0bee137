"""Every input rule, one small function per rule, each with its exact message.

The rules read the model's factor table, so a range or a column name is never spelled out
twice. Functions here never mutate what they are given.

>>> check_required_columns(pd.DataFrame({"offer": ["A"]}), Where(), DEFAULT_MODEL)
Traceback (most recent call last):
...
interview_lab.core.errors.OfferDataError: offers: missing required column(s) ['interest', \
'practice', 'surprise', 'doors', 'time_cost', 'confusion']; required are ['offer', 'interest', \
'practice', 'surprise', 'doors', 'time_cost', 'confusion'], found ['offer'].
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import OfferDataError
from .model import DEFAULT_MODEL, Model

OFFER_COLUMN = "offer"
RATING_RULE = "ratings must be numbers from {low:g} to {high:g} (decimals allowed, e.g. 7.5 or 7,5)"


def required_columns(model: Model = DEFAULT_MODEL) -> tuple[str, ...]:
    """Return the columns an offers table must have: ``offer`` and one per factor."""
    return (OFFER_COLUMN, *model.names)


#: Required columns of the default model.
REQUIRED_COLUMNS: tuple[str, ...] = required_columns()
_NON_FINITE_WORDS = frozenset({"nan", "inf", "+inf", "-inf", "infinity", "-infinity"})


@dataclass(frozen=True)
class Where:
    """Names a table's origin so a message can point at a spreadsheet row.

    ``header_rows`` is how many lines precede the first data row in the file the
    user sees (1 for a CSV with a header), so "row 3" is the row a spreadsheet
    shows. For a DataFrame (``header_rows=None``) a row is named by its index label.
    """

    source: str = "offers"
    header_rows: int | None = None

    def place(self, position: int, label: Hashable) -> str:
        """Name one row by its spreadsheet number or, in a DataFrame, its index label."""
        if self.header_rows is not None:
            return f"row {position + 1 + self.header_rows}"
        return f"row index {label!r}"

    def row(self, position: int, label: Hashable, offer: object = None) -> str:
        """Describe one row with its source and, if known, its offer."""
        place = self.place(position, label)
        if offer is not None and not _is_blank(offer):
            place += f" (offer {str(offer).strip()!r})"
        return f"{self.source}, {place}"


def _is_blank(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def check_is_dataframe(offers: object, where: Where) -> pd.DataFrame:
    """Reject anything that is not a DataFrame."""
    if not isinstance(offers, pd.DataFrame):
        raise OfferDataError(
            f"{where.source}: expected a pandas DataFrame or a CSV path, "
            f"got {type(offers).__name__}."
        )
    return offers


def check_not_empty(offers: pd.DataFrame, where: Where, model: Model = DEFAULT_MODEL) -> None:
    """Reject a table without offers (or without even a header)."""
    if offers.empty and len(offers.columns) == 0:
        raise OfferDataError(
            f"{where.source}: the file is empty; expected a header row with the columns "
            f"{list(required_columns(model))} and one row per offer."
        )
    if len(offers) == 0:
        raise OfferDataError(
            f"{where.source}: has a header but no offers; add one row per invitation."
        )


def check_required_columns(
    offers: pd.DataFrame, where: Where, model: Model = DEFAULT_MODEL
) -> None:
    """Every required column is present (names are matched exactly)."""
    columns = [str(c) for c in offers.columns]
    required = required_columns(model)
    missing = [c for c in required if c not in columns]
    if missing:
        hint = ""
        near = {c.strip().lower(): c for c in columns}
        renames = [f"{near[m]!r} -> {m!r}" for m in missing if m in near]
        if renames:
            hint = f" (rename {', '.join(renames)})"
        raise OfferDataError(
            f"{where.source}: missing required column(s) {missing}{hint}; "
            f"required are {list(required)}, found {columns}."
        )
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise OfferDataError(f"{where.source}: column(s) {duplicated} appear more than once.")


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
    blank = [pos for pos, name in enumerate(names) if _is_blank(name)]
    text = [str(name) for name in names]
    if not blank and len(set(text)) == len(text):
        return text, True
    problems = [
        (
            pos,
            (
                f"{where.row(pos, offers.index[pos])}, column 'offer': the offer name is blank; "
                "every offer needs a unique display name"
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
                (
                    f"{where.row(pos, offers.index[pos])}, column 'offer': duplicate offer name "
                    f"{name!r} (also in {where.place(earlier, offers.index[earlier])}); "
                    "offer names must be unique"
                ),
            )
        )
    raise OfferDataError([message for _, message in sorted(problems)])


def parse_ratings(offers: pd.DataFrame, where: Where, model: Model = DEFAULT_MODEL) -> np.ndarray:
    """Return the model's ratings as a float array (factors x rows), or raise.

    Values stay in each column's own units, checked against the factor's scale.
    Numeric columns are checked for NaN, infinity and range; text columns (from a
    file, or typed in) may use a decimal comma. Booleans are not ratings.
    """
    # Filled factor by factor, as rows: the kernel works on contiguous factor rows.
    values = np.empty((len(model.factors), len(offers)), dtype=float)
    problems: list[tuple[int, int, str]] = []
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
                int(pos), f"{numbers_[pos]:g} is outside {factor.low:g}-{factor.high:g}"
            )
        problems.extend((pos, j, reason) for pos, reason in reasons.items())
    if problems:
        problems.sort()
        offer_names = offers[OFFER_COLUMN]
        raise OfferDataError(
            [
                f"{where.row(pos, offers.index[pos], offer_names.iloc[pos])}, "
                f"column {model.factors[j].name!r}: {reason}; "
                + RATING_RULE.format(low=model.factors[j].low, high=model.factors[j].high)
                for pos, j, reason in problems
            ]
        )
    return values


def _is_plain_number_dtype(column: pd.Series) -> bool:
    """Whether a column holds numbers that are not booleans (possibly with NaN or NA)."""
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _column_to_float(column: pd.Series) -> tuple[np.ndarray, dict[int, str]]:
    """Convert one rating column; return its values and the reason for each bad row."""
    if pd.api.types.is_bool_dtype(column):
        reason = "got a true/false value, not a number"
        return np.full(len(column), np.nan), dict.fromkeys(range(len(column)), reason)
    if pd.api.types.is_numeric_dtype(column):
        numbers_ = column.to_numpy(dtype=float, na_value=np.nan)
        bad = np.flatnonzero(~np.isfinite(numbers_))
        return numbers_, {
            int(pos): "the rating is blank (NaN)"
            if np.isnan(numbers_[pos])
            else f"{numbers_[pos]:g} is not a finite number"
            for pos in bad
        }
    text = column.astype("string").str.strip()
    blank = (text.isna() | (text == "")).to_numpy(dtype=bool)
    parsed = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    numbers_ = parsed.to_numpy(dtype=float, na_value=np.nan)
    reasons: dict[int, str] = {}
    for pos in np.flatnonzero(blank | ~np.isfinite(numbers_)):
        raw = text.iloc[pos]
        if blank[pos]:
            reasons[int(pos)] = "the rating is blank"
        elif str(raw).lower() in _NON_FINITE_WORDS or np.isinf(numbers_[pos]):
            reasons[int(pos)] = f"{raw!r} is not a finite number"
        else:
            reasons[int(pos)] = f"{raw!r} is not a number"
    return numbers_, reasons


def parse_optional_hours(
    offers: pd.DataFrame, where: Where, column: str, default: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return an optional hours column as floats >= 0 and where it was blank or absent.

    Blank cells (and a missing column) take ``default``; anything else that is not a
    finite number >= 0 is an error naming the row, the offer and the column.
    """
    if column not in offers.columns:
        return np.full(len(offers), float(default)), np.ones(len(offers), dtype=bool)
    values = offers[column]
    blank = np.array([_is_blank(value) for value in values], dtype=bool)
    numbers_, reasons = _column_to_float(values)
    for pos in np.flatnonzero(~blank & np.isfinite(numbers_) & (numbers_ < 0)):
        reasons[int(pos)] = f"{numbers_[pos]:g} is negative"
    problems = {pos: reason for pos, reason in reasons.items() if not blank[pos]}
    if problems:
        names = offers[OFFER_COLUMN]
        raise OfferDataError(
            [
                f"{where.row(pos, offers.index[pos], names.iloc[pos])}, column {column!r}: "
                f"{reason}; {column} must be a number of hours >= 0, or blank for "
                f"the default ({default:g})"
                for pos, reason in sorted(problems.items())
            ]
        )
    numbers_ = np.where(blank, float(default), numbers_)
    return numbers_, blank
