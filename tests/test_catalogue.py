"""The text catalogue: both languages have every text, with the same placeholders."""

from __future__ import annotations

import re

import pytest

from interview_lab.core import i18n
from interview_lab.core.i18n import LANGUAGES, catalogue, placeholders, template

KEYS = sorted(catalogue())

#: Words German text must not use (../shared/german.md: one term per thing, no codes).
NOT_GERMAN = re.compile(
    r"\b(Bewertung|Bewertungen|Hingehen|hingehen|Interviews?|prep_hours|time_cost|"
    r"Das ging nicht|Aufwand an Zeit)\b"
)


def test_the_catalogue_is_not_empty_and_every_file_is_read() -> None:
    files = {path.stem for path in i18n.CATALOGUE_FOLDER.glob("*.toml")}
    assert {key.split(".")[0] for key in KEYS} == files
    assert len(KEYS) > 20


@pytest.mark.parametrize("key", KEYS)
def test_every_text_has_both_languages_with_the_same_placeholders(key: str) -> None:
    texts = {lang: template(key, lang) for lang in LANGUAGES}
    assert all(value.strip() for value in texts.values()), texts
    assert placeholders(texts["en"]) == placeholders(texts["de"]), texts


@pytest.mark.parametrize("key", KEYS)
def test_german_text_keeps_to_the_terms(key: str) -> None:
    german = template(key, "de")
    assert not NOT_GERMAN.search(german.replace("interview_lab", "")), german
    assert '"' not in german or key.endswith("_pattern"), f"use „…“ quotes: {german}"


def test_numbers_dates_and_lists_follow_the_language() -> None:
    assert i18n.number(-0.72, "de", 1) == "\u22120,7"
    assert i18n.number(45000, "de", 0, grouping=True) == "45.000"
    assert i18n.number(45000, "en", 0, grouping=True) == "45,000"
    assert i18n.number(-0.04, "en", 1) == "0.0"
    assert i18n.number(0.3, "de", signed=True) == "+0,3"
    assert i18n.percent(0.37, "de") == "37\u00a0%"
    assert i18n.percent(0.37, "en") == "37%"
    assert i18n.date("2026-12-01", "de") == "1. Dezember 2026"
    assert i18n.date("2026-12-01", "en") == "December 1, 2026"
    assert i18n.datetime("2026-12-01T10:15:00", "de") == "01.12.2026, 10:15 Uhr"
    assert i18n.words(["a", "b", "c"], "de") == "a, b und c"
    assert i18n.plotly_separators("de") == ",."
    assert (
        i18n.fill("{x:.1f} {p:.0%} {n:q}", "de", x=6.5, p=0.5, n="Acme") == "6,5 50\u00a0% „Acme“"
    )


def test_an_error_reads_in_the_callers_language() -> None:
    from interview_lab.core.errors import WeightsError

    error = WeightsError(i18n.message("errors.example", value=-1.5))
    assert str(error) == "Example: -1.5 is not allowed."
    assert error.render("de") == "Beispiel: \u22121,5 ist nicht erlaubt."
    assert error.code == "errors.example"
    with pytest.raises(WeightsError, match="Beispiel"), i18n.errors_in("de"):
        raise error


def test_an_unknown_key_or_language_is_refused() -> None:
    with pytest.raises(KeyError, match="no text"):
        i18n.message("errors.no_such_text")
    with pytest.raises(ValueError, match="lang must be one of"):
        i18n.text("errors.example", "fr", value=1)
