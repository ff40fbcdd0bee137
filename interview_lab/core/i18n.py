r"""The text catalogue: every string a person reads, in English and German.

The texts live in ``interview_lab/core/catalogue/*.toml``, one file per area. A text's
key is the file's name and its path inside the file (``errors.more_problems``); each
text has an ``en`` and a ``de`` version with the same ``{placeholders}``
(``tests/test_catalogue.py`` checks both).

:func:`text` fills the placeholders for the language. Numbers, percentages, dates and
lists are formatted with Babel's locale data (CLDR), so a German reader sees
``6,5``, ``45.000``, ``37 %``, ``−0,7`` and ``1. Dezember 2026``:

>>> text("common.hours", "de", hours=2.5)
'2,5 Std.'
>>> number(-0.72, "de", digits=1, signed=True), percent(0.37, "de")
('−0,7', '37\xa0%')

Placeholder formats (after the colon): ``.2f``/``.1f``/``.0f`` fixed decimals, ``+.1f``
with a sign, ``,.0f`` with thousands separators, ``g`` (the default for numbers) at
most six significant digits, ``.0%`` a percentage of a share, ``q`` a quoted name,
``list``/``qlist`` a comma list (of quoted names), ``and``/``or`` a list in words,
``date`` a date in prose, ``datetime`` a date and time as tables show it. A value with
a ``render(lang)`` method (a :class:`Message`) is rendered in the language first.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import string
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, Protocol

Language = Literal["en", "de"]
LANGUAGES: tuple[Language, ...] = ("en", "de")
#: The Babel (CLDR) locale each language is formatted with.
LOCALES: Mapping[Language, str] = MappingProxyType({"en": "en_US", "de": "de_DE"})

CATALOGUE_FOLDER = Path(__file__).with_name("catalogue")

#: Typographic quotes around a name in running text.
_QUOTES: Mapping[Language, tuple[str, str]] = {"en": ("“", "”"), "de": ("„", "“")}
#: German typesetting asks for a real minus sign; CLDR's German data gives "-".
_MINUS: Mapping[Language, str] = {"en": "-", "de": "\u2212"}
_NUMBER_SPEC = re.compile(r"^(?P<sign>\+)?(?P<group>,)?(?:\.(?P<digits>\d+))?(?P<kind>[fg%d])?$")


def check_language(lang: object) -> Language:
    """Return ``lang`` if it is a supported language, else raise a clear ``ValueError``."""
    if lang == "en":
        return "en"
    if lang == "de":
        return "de"
    raise ValueError(
        f"lang must be one of {list(LANGUAGES)}, got {lang!r}. / "
        f"lang muss eine der Sprachen {list(LANGUAGES)} sein, nicht {lang!r}."
    )


# ---------------------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------------------


class CatalogueError(RuntimeError):
    """A catalogue file is malformed (a packaging or editing mistake, not user input)."""


def _leaves(
    prefix: str, table: Mapping[str, Any], path: Path
) -> Iterator[tuple[str, Mapping[str, str]]]:
    if "en" in table or "de" in table:
        extra = set(table) - set(LANGUAGES)
        if extra or not all(isinstance(value, str) for value in table.values()):
            raise CatalogueError(
                f"{path.name}: text {prefix!r} must hold only strings 'en' and 'de', "
                f"got keys {sorted(table)}"
            )
        yield prefix, MappingProxyType(dict(table))
        return
    for key, value in table.items():
        if not isinstance(value, dict):
            raise CatalogueError(f"{path.name}: {prefix}.{key} must be a table with en/de texts")
        yield from _leaves(f"{prefix}.{key}", value, path)


@functools.cache
def _area(stem: str) -> Mapping[str, Mapping[str, str]]:
    """Return the texts of one catalogue file, read when one of its texts is first used."""
    path = CATALOGUE_FOLDER / f"{stem}.toml"
    if not path.is_file():
        return MappingProxyType({})
    with path.open("rb") as file:
        data = tomllib.load(file)
    return MappingProxyType(dict(_leaves(stem, data, path)))


def _texts_of(key: str) -> Mapping[str, str] | None:
    return _area(key.split(".", 1)[0]).get(key)


def catalogue() -> Mapping[str, Mapping[str, str]]:
    """Return every text, ``key -> {"en": ..., "de": ...}``, from every catalogue file.

    Each file is read once, when a text of it is first needed (so ``import
    interview_lab`` reads only the factors' texts).
    """
    entries: dict[str, Mapping[str, str]] = {}
    for path in sorted(CATALOGUE_FOLDER.glob("*.toml")):
        entries.update(_area(path.stem))
    return MappingProxyType(entries)


def has_text(key: str) -> bool:
    """Return whether the catalogue holds ``key``."""
    return _texts_of(key) is not None


def template(key: str, lang: str = "en") -> str:
    """Return the raw text of ``key`` in ``lang``, placeholders unfilled."""
    language = check_language(lang)
    texts = _texts_of(key)
    if texts is None:
        raise KeyError(f"no text {key!r} in the catalogue ({CATALOGUE_FOLDER})")
    try:
        return texts[language]
    except KeyError:
        raise KeyError(f"text {key!r} has no {language!r} version") from None


def text(key: str, lang: str = "en", /, **values: object) -> str:
    """Return the text ``key`` in ``lang`` with its placeholders filled from ``values``."""
    return _FORMATTERS[check_language(lang)].vformat(template(key, lang), (), values)


def texts(key: str, **values: object) -> dict[Language, str]:
    """Return ``key`` in every language, e.g. for a factor's label mapping."""
    return {lang: text(key, lang, **values) for lang in LANGUAGES}


def fill(pattern: str, lang: str, /, **values: object) -> str:
    """Fill a text that is not in the catalogue (a user's own template) like :func:`text`."""
    return _FORMATTERS[check_language(lang)].vformat(pattern, (), values)


def placeholders(pattern: str) -> frozenset[str]:
    """Return the names of the placeholders of a template."""
    return frozenset(
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(pattern)
        if name is not None
    )


class Renderable(Protocol):
    """Anything that can say itself in a language (a :class:`Message`)."""

    def render(self, lang: str = "en") -> str:
        """Return the text in ``lang``."""
        ...


@dataclass(frozen=True, eq=True)
class Message:
    """A text of the catalogue with its values, rendered when the language is known.

    Errors carry messages, so one error reads in English for one caller and in German
    for another: ``err.render("de")``.
    """

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str = "en") -> str:
        """Return the text in ``lang``."""
        return text(self.key, lang, **self.values)

    def __str__(self) -> str:
        return self.render("en")

    __hash__ = None  # type: ignore[assignment]  # values may be unhashable


def message(key: str, /, **values: object) -> Message:
    """Return a :class:`Message` of ``key`` with ``values`` (checked to exist now)."""
    if not has_text(key):
        raise KeyError(f"no text {key!r} in the catalogue ({CATALOGUE_FOLDER})")
    return Message(key, MappingProxyType(values))


# ---------------------------------------------------------------------------------------
# Numbers, percentages, dates, lists
# ---------------------------------------------------------------------------------------


@functools.cache
def _symbols(lang: Language) -> tuple[str, str, str, str]:
    """Decimal sign, group sign, minus sign and percent pattern of ``lang`` (from CLDR)."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = LOCALES[lang]
    pattern = Locale.parse(locale).percent_formats[None].pattern
    return get_decimal_symbol(locale), get_group_symbol(locale), _MINUS[lang], pattern


@functools.cache
def _translation(lang: Language) -> dict[int, str]:
    decimal, group, minus, _ = _symbols(lang)
    return str.maketrans({".": decimal, ",": group, "-": minus})


def number(
    value: float,
    lang: str = "en",
    digits: int | None = None,
    *,
    signed: bool = False,
    grouping: bool = False,
) -> str:
    """Format a number for ``lang``: ``digits`` decimals (None: up to six significant digits).

    >>> number(45000, "de", 0, grouping=True), number(6.5, "de"), number(-0.05, "en", 1)
    ('45.000', '6,5', '-0.1')

    A value that rounds to zero has no sign (``0.0``, not ``-0.0``); ``signed`` writes
    ``+`` before positive values.
    """
    language = check_language(lang)
    x = float(value)
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return ("" if x > 0 else _MINUS[language]) + "∞"
    group = "," if grouping else ""
    sign = "+" if signed else ""
    raw = f"{x:{sign}{group}.{digits}f}" if digits is not None else f"{x:{sign}{group}g}"
    if raw[0] in "+-" and not raw.strip("+-0.,"):
        raw = raw[1:]  # a value that rounds to zero carries no sign
    return raw.translate(_translation(language))


def percent(share: float, lang: str = "en", digits: int = 0) -> str:
    """Format a share (0.37) as a percentage for ``lang``: ``37%`` / ``37 %``."""
    language = check_language(lang)
    _, _, _, pattern = _symbols(language)
    figure = number(100 * float(share), language, digits)
    return pattern.replace("#,##0", figure, 1)


def date(value: _dt.date | str, lang: str = "en") -> str:
    """Format a date for running text: ``December 1, 2026`` / ``1. Dezember 2026``."""
    from babel.dates import format_date

    day = _dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if isinstance(day, _dt.datetime):
        day = day.date()
    return format_date(day, "long", locale=LOCALES[check_language(lang)])


def datetime(value: _dt.datetime | str, lang: str = "en") -> str:
    """Format a time stamp as tables show it: ``2026-12-01 10:15`` / ``01.12.2026, 10:15 Uhr``."""
    from babel.dates import format_datetime

    moment = _dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    language = check_language(lang)
    pattern = template("common.datetime_pattern", language)
    return format_datetime(moment, pattern, locale=LOCALES[language])


def quote(name: object, lang: str = "en") -> str:
    """Put a name in the language's quotes: “Acme” / „Acme“."""
    left, right = _QUOTES[check_language(lang)]
    return f"{left}{name}{right}"


def words(items: Iterable[object], lang: str = "en", style: Literal["and", "or"] = "and") -> str:
    """Join items in words: ``a, b, and c`` / ``a, b und c``."""
    from babel.lists import format_list

    parts = [str(item) for item in items]
    if not parts:
        return ""
    kind: Literal["standard", "or"] = "standard" if style == "and" else "or"
    return format_list(parts, style=kind, locale=LOCALES[check_language(lang)])


def plotly_separators(lang: str = "en") -> str:
    """Return plotly's ``layout.separators`` for ``lang`` (decimal sign, then group sign)."""
    decimal, group, _, _ = _symbols(check_language(lang))
    return decimal + group


class _Formatter(string.Formatter):
    """``str.format`` with the language's number, date and list formats."""

    def __init__(self, lang: Language) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        lang = self.lang
        if hasattr(value, "render") and callable(value.render):
            value = value.render(lang)
        if format_spec == "q":
            return quote(value, lang)
        if format_spec in ("list", "qlist"):
            items = [item.render(lang) if hasattr(item, "render") else item for item in value]
            quoted = format_spec == "qlist"
            return ", ".join(quote(item, lang) if quoted else str(item) for item in items)
        if format_spec in ("and", "or", "qand", "qor"):
            items = [item.render(lang) if hasattr(item, "render") else item for item in value]
            if format_spec.startswith("q"):
                items = [quote(item, lang) for item in items]
            return words(items, lang, "and" if format_spec.endswith("and") else "or")
        if format_spec == "date":
            return date(value, lang)
        if format_spec == "datetime":
            return datetime(value, lang)
        if _is_number(value):
            match = _NUMBER_SPEC.match(format_spec)
            if match is None:
                raise ValueError(f"unknown number format {format_spec!r}")
            digits = match["digits"]
            kind = match["kind"] or ("d" if isinstance(value, int) else "g")
            if kind == "%":
                return percent(value, lang, int(digits or 0))
            if kind == "d":
                signed, grouping = bool(match["sign"]), bool(match["group"])
                return number(value, lang, 0, signed=signed, grouping=grouping)
            return number(
                value,
                lang,
                int(digits) if digits is not None and kind == "f" else None,
                signed=bool(match["sign"]),
                grouping=bool(match["group"]),
            )
        return str(super().format_field(value, format_spec))


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is a dependency
        return False
    return isinstance(value, np.integer | np.floating)


_FORMATTERS: Mapping[Language, _Formatter] = {lang: _Formatter(lang) for lang in LANGUAGES}


@contextmanager
def errors_in(lang: str) -> Iterator[None]:
    """Let every interview_lab error raised inside the block read in ``lang``.

    >>> from interview_lab.core.errors import WeightsError
    >>> try:
    ...     with errors_in("de"):
    ...         raise WeightsError(message("errors.example", value=-1.5))
    ... except WeightsError as error:
    ...     print(error)
    Beispiel: −1,5 ist nicht erlaubt.
    """
    language = check_language(lang)
    try:
        yield
    except Exception as error:
        if hasattr(error, "problems") and hasattr(error, "lang"):
            error.lang = language
        raise
