"""Shared test data locations and factories."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The worked examples live in ../shared (beside the checkout in CI); the copy in
# tests/ lets a clone elsewhere run too, and test_model checks the two agree.
SHARED_SCENARIOS = REPO.parent / "shared" / "scenarios" / "public.csv"
PUBLIC_SCENARIOS_COPY = Path(__file__).resolve().parent / "public_scenarios.csv"
PUBLIC_SCENARIOS = SHARED_SCENARIOS if SHARED_SCENARIOS.is_file() else PUBLIC_SCENARIOS_COPY
OWN_SCENARIOS = Path(__file__).resolve().parent / "scenarios.csv"


#: English words that must never reach a German reader (whole words, case-sensitive
#: where German shares the spelling of a capitalised noun).
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|for|with|not|must|allowed|between|row|rows|column|columns|offer|"
    r"offers|invitation|rating|ratings|score|decline|declined|keep in touch|accept|"
    r"hours|missing|expected|found|got|should|would|could|cannot|because|which|"
    r"interview|interviews|weight|weights|priority|priorities|file|number|numbers)\b",
)
#: Signs of text a person should not read: Python reprs, column codes, ISO dates.
CODE_SIGNS = re.compile(
    r"(\[\s*'|'\s*\]|\bnan\b|\bNone\b|prep_hours|time_cost|\d{4}-\d{2}-\d{2}|Traceback)"
)
#: German number style: no decimal point between digits (6.5 is 6,5 in German).
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")
#: ...but a dot between groups of three digits is the German thousands separator (45.000).
THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


def assert_german(text: str, *, allow: tuple[str, ...] = ()) -> None:
    """Fail if ``text`` (shown to a German reader) has English words or code in it.

    ``allow`` lists exact substrings that may appear (a company name from the data).
    """
    checked = text
    for part in allow:
        checked = checked.replace(part, " ")
    english = ENGLISH_WORDS.findall(checked)
    assert not english, f"English {english} in German text: {text!r}"
    code = CODE_SIGNS.findall(checked)
    assert not code, f"code {code} in German text: {text!r}"
    points = [p for p in DECIMAL_POINT.findall(checked) if not THOUSANDS.fullmatch(p)]
    assert not points, f"decimal point {points} in German text: {text!r}"


def unwrapped(title: str) -> str:
    """A chart title as one line: the apps break long titles with ``<br>``."""
    return title.replace("<br>", " ")
