"""The core's errors read in both languages, whatever bad input provokes them.

Random bad offers, weights, models and model files provoke every error the core
raises; each problem must render in German with no English word, no code and no
decimal point (names the input typed may appear, quoted as typed), and in English
with no code sign. German column headers are accepted for every factor.
"""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab.core.dealbreakers import check_dealbreakers
from interview_lab.core.errors import InterviewLabError
from interview_lab.core.factors import Dealbreaker
from interview_lab.core.i18n import LANGUAGES, catalogue, quote, template
from interview_lab.core.model_file import model_from_mapping
from interview_lab.core.offers import (
    FORMER_HEADERS,
    OFFER_COLUMN,
    Where,
    canonical_headers,
    check_is_dataframe,
    check_not_empty,
    check_offer_names,
    check_required_columns,
    parse_optional_hours,
    parse_ratings,
)
from interview_lab.core.weights import check_weights
from tests.helpers import CODE_SIGNS, assert_german

MODEL = il.DEFAULT_MODEL
NAMES = MODEL.names
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Words of a model file or a weights mapping (keys, factor codes) that a message
#: quotes exactly as they must be typed.
KEYS = (
    "label", "short", "direction", "scale", "weight", "help", "cancelled_by", "neutral",
    "colour", "enabled", "column", "min", "max", "relief", "keep_in_touch_from", "factors",
    "dealbreakers", "rules", "benefit", "cost", "desire", "keep_in_touch", "offer", *NAMES,
)  # fmt: skip

#: File names a message starts with, as the user gave them.
FILES = ("offers.csv", "weights.toml", "mine.toml")

#: Text a person might type as an offer name, a header or a cell.
TYPED_TEXT = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäöüßABCXYZ0123456789 —&-")),
    min_size=1,
    max_size=10,
).filter(lambda s: s.strip() == s and s != "")


#: Every error code the tests below provoked (the last test checks none is missed).
SEEN: set[str] = set()


def check_both_languages(error: InterviewLabError, typed: tuple[object, ...] = ()) -> None:
    """Every problem of ``error`` reads in German and in English without code."""
    words = sorted({str(t) for t in (*typed, *KEYS)}, key=len, reverse=True)
    german_allowed = (*FILES, *(quote(w, "de") for w in words))
    english_allowed = tuple(f"'{w}'" for w in words)
    for german, english in zip(error.messages("de"), error.messages("en"), strict=True):
        assert german != english
        assert_german(german, allow=german_allowed)
        checked = english
        for part in english_allowed:
            checked = checked.replace(part, " ")
        assert not CODE_SIGNS.search(checked), english
    assert error.code.startswith("core."), error.codes
    SEEN.update(error.codes)
    assert error.render("de")  # the summary (first problems and a count) renders too


# --- offers ----------------------------------------------------------------------------


def offers_table(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame({OFFER_COLUMN: names, **{n: [5.0] * len(names) for n in NAMES}})


BAD_CELLS = st.one_of(
    st.floats(min_value=10.01, max_value=1e12),
    st.floats(max_value=-0.01, min_value=-1e12),
    st.sampled_from([math.nan, math.inf, -math.inf, None, "", "  ", "NaN", "inf", "-Infinity"]),
    TYPED_TEXT.filter(lambda s: not re.fullmatch(r"[\d ]*", s)),
    st.booleans(),
)
WHERES = st.sampled_from(
    [Where(), Where("offers.csv", header_rows=1), Where("offer"), Where("moved ratings")]
)


def validate(table: pd.DataFrame, where: Where) -> None:
    """The core's checks, in the order a reader applies them."""
    check_not_empty(table, where)
    table = canonical_headers(table, where)
    check_required_columns(table, where)
    check_offer_names(table, where)
    parse_ratings(table, where)
    parse_optional_hours(table, where, "prep_hours", 4.0)


@SETTINGS
@given(
    names=st.lists(TYPED_TEXT, min_size=1, max_size=4, unique=True),
    cells=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(NAMES), BAD_CELLS), min_size=1, max_size=4
    ),
    where=WHERES,
)
def test_bad_ratings_read_in_both_languages(names, cells, where):
    table = offers_table(names).astype(object)
    for row, column, value in cells:
        if isinstance(value, bool):  # true/false is a column's type, not one cell's
            table[column] = [value] * len(names)
            table[column] = table[column].astype(bool)
        else:
            table[column] = table[column].astype(object)
            table.loc[row % len(names), column] = value
    with pytest.raises(il.OfferDataError) as caught:
        validate(table, where)
    check_both_languages(caught.value, (*names, *(str(v) for _, _, v in cells)))


@SETTINGS
@given(
    names=st.lists(
        st.one_of(TYPED_TEXT, st.sampled_from(["", "  ", None])), min_size=2, max_size=5
    ),
    where=WHERES,
)
def test_blank_and_repeated_offer_names_read_in_both_languages(names, where):
    names = [*names, names[0] if names[0] not in (None, "") else " "]  # one repeat or blank
    with pytest.raises(il.OfferDataError) as caught:
        validate(offers_table(names), where)
    assert set(caught.value.codes) <= {"core.offers.blank_name", "core.offers.duplicate_name"}
    check_both_languages(caught.value, tuple(n for n in names if isinstance(n, str)))


HEADER_CHANGES = st.sampled_from(["drop", "typo", "repeat", "synonym", "synonyms", "lower"])


@SETTINGS
@given(
    changes=st.lists(st.tuples(HEADER_CHANGES, st.sampled_from(NAMES)), min_size=1, max_size=3),
    extra=st.lists(TYPED_TEXT, max_size=2, unique=True),
    where=WHERES,
)
def test_bad_headers_read_in_both_languages(changes, extra, where):
    table = offers_table(["Acme"])
    for name in extra:
        if name not in table.columns and name.lower() not in {n.lower() for n in NAMES}:
            table[name] = 1
    bad = False
    for change, name in changes:
        if name not in table.columns:
            continue
        factor = MODEL.factor(name)
        if change == "drop":
            table = table.drop(columns=[name])
        elif change == "typo":
            table = table.rename(columns={name: name[:-1] + "x" + name[-1]})
        elif change == "repeat":
            table = pd.concat([table, table[[name]]], axis=1)
        elif change == "synonym":
            table[factor.text("label", "de")] = 1
        elif change == "synonyms":
            table[factor.text("label", "de")] = 1
            table[factor.text("short", "en").upper()] = 1
        else:
            continue
        bad = True
    if not bad:
        return
    try:  # a dropped column may come back under its synonym: then all is well
        validate(table, where)
    except il.OfferDataError as error:
        check_both_languages(error, tuple(str(c) for c in table.columns))


@SETTINGS
@given(
    hours=st.lists(
        st.one_of(
            st.floats(max_value=-0.01, min_value=-1e9),
            st.floats(min_value=1000.01, max_value=1e300),
            TYPED_TEXT.filter(lambda s: not re.fullmatch(r"[\d ]*", s)),
            st.sampled_from([math.inf, "inf", "-", "1,2,3"]),
        ),
        min_size=1,
        max_size=3,
    ),
    where=WHERES,
)
def test_bad_preparation_hours_read_in_both_languages(hours, where):
    names = [f"Firma {k}" for k in range(len(hours))]
    table = offers_table(names)
    table["prep_hours"] = pd.Series(hours, dtype=object)
    with pytest.raises(il.OfferDataError) as caught:
        validate(table, where)
    assert set(caught.value.codes) == {"core.offers.bad_hours"}
    check_both_languages(caught.value, (*names, *(str(h) for h in hours)))


@SETTINGS
@given(
    thing=st.one_of(st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2)),
    where=WHERES,
)
def test_no_table_and_empty_tables_read_in_both_languages(thing, where):
    with pytest.raises(il.OfferDataError) as caught:
        check_is_dataframe(thing, where)
    check_both_languages(caught.value)
    twice = pd.concat([offers_table(["Acme"]), offers_table(["Acme"])[["doors"]]], axis=1)
    with pytest.raises(il.OfferDataError) as caught:
        check_required_columns(twice, where)  # the exact check, without the renaming first
    check_both_languages(caught.value)
    for empty in (pd.DataFrame(), offers_table([]).iloc[:0]):
        with pytest.raises(il.OfferDataError) as caught:
            check_not_empty(empty, where)
        check_both_languages(caught.value)


@SETTINGS
@given(
    column=TYPED_TEXT,
    label=TYPED_TEXT,
    values=st.lists(st.one_of(TYPED_TEXT, st.floats(0, 100)), min_size=1, max_size=3),
    source=st.sampled_from([None, "mine.toml"]),
    where=WHERES,
)
def test_deal_breaker_problems_read_in_both_languages(column, label, values, source, where):
    rule = Dealbreaker(column, {"en": label, "de": label}, max=50)
    names = [f"Firma {k}" for k in range(len(values))]
    table = offers_table(names)
    for present in (False, True):
        if present:
            table[column] = pd.Series(values, dtype=object)
        try:
            check_dealbreakers(table, (rule,), where, source)
        except il.OfferDataError as error:
            check_both_languages(error, (column, label, *names, *(str(v) for v in values)))


# --- weights and models ------------------------------------------------------------------

WEIGHT_VALUES = st.one_of(
    st.floats(max_value=-1e-9),
    st.sampled_from([math.nan, math.inf, -math.inf, True, None, "high", "3", [1, 2]]),
    st.floats(0, 5),
)


@SETTINGS
@given(
    weights=st.one_of(
        st.dictionaries(st.one_of(st.sampled_from(NAMES), TYPED_TEXT), WEIGHT_VALUES, max_size=4),
        st.lists(st.integers(), max_size=3),
        st.just(dict.fromkeys(NAMES, 0)),
        st.just(dict.fromkeys(NAMES, 1e300)),
    ),
    source=st.sampled_from(["weights", "weights.toml"]),
)
def test_bad_weights_read_in_both_languages(weights, source):
    try:
        check_weights(weights, NAMES, MODEL.default_weights, source)  # type: ignore[arg-type]
    except il.WeightsError as error:
        given = weights if isinstance(weights, dict) else {}
        check_both_languages(error, (*map(str, given), *map(str, given.values())))


FACTOR_CHANGES = st.sampled_from(
    ["reserved", "repeat", "direction", "scale", "weight", "itself", "unknown", "cycle", "empty"]
)


@SETTINGS
@given(
    changes=st.lists(FACTOR_CHANGES, min_size=1, max_size=3),
    rules=st.dictionaries(
        st.sampled_from(["relief", "desire", "keep_in_touch"]),
        st.one_of(st.floats(1.01, 9), st.floats(-9, -0.01), st.sampled_from(["time_cost", "x"])),
        max_size=2,
    ),
    bad_rule=st.booleans(),
)
def test_bad_models_read_in_both_languages(changes, rules, bad_rule):
    practice = MODEL.factor("practice")
    factors = list(MODEL.factors)
    for change in changes:
        factor = {
            "reserved": dataclasses.replace(practice, name="score"),
            "repeat": practice,
            "direction": dataclasses.replace(practice, name="own", direction="good"),  # type: ignore[arg-type]
            "scale": dataclasses.replace(practice, name="own2", low=5.0, high=math.nan),
            "weight": dataclasses.replace(practice, name="own3", weight=-1.5),
            "itself": dataclasses.replace(practice, name="own4", cancelled_by="own4"),
            "unknown": dataclasses.replace(practice, name="own5", cancelled_by="nope"),
            "cycle": dataclasses.replace(practice, name="a", cancelled_by="practice"),
            "empty": dataclasses.replace(practice, name=" "),
        }[change]
        if change == "cycle":
            factors = [dataclasses.replace(f, cancelled_by="a") if f.name == "practice" else f
                       for f in factors]  # fmt: skip
        factors.append(factor)
    dealbreakers = (Dealbreaker("", {"en": "x", "de": "x"}, min=3.0, max=1.0),) if bad_rule else ()
    with pytest.raises(il.ModelError) as caught:
        il.Model(factors=tuple(factors), dealbreakers=dealbreakers, **rules)  # type: ignore[arg-type]
    check_both_languages(caught.value, ("score", "own", "own2", "own3", "own4", "own5",
                                        "nope", "a", "good", "x", " "))  # fmt: skip


@pytest.mark.parametrize(
    "changes",
    [
        {"factors": ()},
        {"factors": tuple(dataclasses.replace(f, weight=0.0) for f in MODEL.factors)},
        {"dealbreakers": (Dealbreaker("salary", {"en": "x", "de": "x"}, min=math.inf),)},
        {"dealbreakers": (Dealbreaker("salary", {"en": "x", "de": "x"}, min=None),)},
        {"desire": "time_cost", "keep_in_touch": "nope", "relief": -1.0},
    ],
)
def test_each_bad_model_reads_in_both_languages(changes):
    if "factors" in changes:
        changes = {**changes, "desire": None, "keep_in_touch": None}
    with pytest.raises(il.ModelError) as caught:
        MODEL.replace(**changes)
    check_both_languages(caught.value, ("salary", "nope", "x"))


def test_something_that_is_no_model_reads_in_both_languages():
    from interview_lab.core.model import check_model

    with pytest.raises(il.ModelError) as caught:
        check_model("mine.toml")
    check_both_languages(caught.value)
    with pytest.raises(il.ModelError, match="Modell"):
        il.factor_table("de", model="mine.toml")  # type: ignore[arg-type]


MODEL_FILE_LIST = [
    {"qqq": 1},
    {"factorz": {}},
    {"factors": []},
    {"factors": {"team": 3}},
    {"factors": {"team": {"label": "Team"}}},
    {"factors": {"team": {"label": "Team", "direction": "good"}}},
    {"factors": {"team": {"label": {"en": "Team"}, "direction": "benefit"}}},
    {"factors": {"team": {"label": "Team", "direction": "cost", "wieght": 2}}},
    {"factors": {"team": {"label": "Team", "direction": "cost", "weight": -2.5}}},
    {"factors": {"team": {"label": "Team", "direction": "cost", "weight": "viel"}}},
    {"factors": {"team": {"label": "Team", "direction": "cost", "scale": [10, 2.5]}}},
    {"factors": {"team": {"label": "Team", "direction": "cost", "scale": "0-10"}}},
    {"factors": {"team": {"label": "Team", "direction": "cost", "colour": "blue"}}},
    {"factors": {"team": {"label": "Team", "direction": "cost", "cancelled_by": 3}}},
    {"factors": {"team": {"label": "Team", "direction": "cost", "cancelled_by": "team"}}},
    {"factors": {"team": {"label": "Team", "direction": "cost", "enabled": "ja"}}},
    {"factors": {"confusion": {"enabled": False}, "surprise": {"cancelled_by": "confusion"}}},
    {"factors": {name: {"enabled": False} for name in NAMES}},
    {"factors": {"": {"label": "x", "direction": "cost"}}},
    {"factors": {"score": {"label": "x", "direction": "cost"}}},
    {"rules": 3},
    {"rules": {"relief": 1.5, "keep_in_touch_from": 12, "reliev": 1}},
    {"rules": {"relief": "viel"}},
    {"dealbreakers": {"column": "salary"}},
    {"dealbreakers": [3]},
    {"dealbreakers": [{"min": 3}]},
    {"dealbreakers": [{"column": "salary"}]},
    {"dealbreakers": [{"column": "salary", "min": "viel", "label": 3}]},
    {"dealbreakers": [{"column": "salary", "min": 9, "max": 2.5, "colum": 1}]},
    {"dealbreakers": [{"column": "salary", "min": math.nan}]},
]
MODEL_FILE_PARTS = st.sampled_from(MODEL_FILE_LIST)


@SETTINGS
@given(
    parts=st.lists(MODEL_FILE_PARTS, min_size=1, max_size=3),
    source=st.sampled_from(["mine.toml", "model"]),
)
def test_bad_model_files_read_in_both_languages(parts, source):
    provoke_model_file(parts, source)


@pytest.mark.parametrize("part", MODEL_FILE_LIST)
def test_each_bad_model_file_part_reads_in_both_languages(part):
    provoke_model_file([part], "mine.toml")


def provoke_model_file(parts: list[dict[str, object]], source: str) -> None:
    data: dict[str, object] = {}
    for part in parts:
        data.update(part)
    with pytest.raises(il.ModelError) as caught:
        model_from_mapping(data, source)
    typed = ("factorz", "team", "wieght", "reliev", "colum", "good", "viel", "ja", "blue",
             "0-10", "Team", "salary", "x", "score", "factor", source)  # fmt: skip
    check_both_languages(caught.value, typed)


def test_a_file_that_is_not_toml_says_where_in_german(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[factors.x\n", encoding="utf-8")
    with pytest.raises(il.ModelError) as caught:
        il.load_model(path)
    assert "Zeile 1, Spalte" in caught.value.render("de")
    assert "line 1, column" in caught.value.render("en")
    assert_german(caught.value.render("de"), allow=(str(path),))
    for problem, key in (("missing", "no_file"), ("latin", "not_utf8")):
        target = tmp_path / f"{problem}.toml"
        if problem == "latin":
            target.write_bytes("label = 'Türen'".encode("latin-1"))
        with pytest.raises(il.ModelError) as caught:
            il.load_model(target)
        assert caught.value.code == f"core.model_file.{key}"
        assert_german(caught.value.render("de"), allow=(str(target),))


# --- every error of the core is provoked above, and has both languages --------------------

ERROR_AREAS = ("core.offers.", "core.dealbreakers.", "core.weights.", "core.model.",
               "core.model_file.")  # fmt: skip


def test_every_core_error_text_has_both_languages():
    keys = [k for k in catalogue() if k.startswith(ERROR_AREAS)]
    assert len(keys) > 60
    for key in keys:
        english = template(key, "en")
        words = re.sub(r"\{[^}]*\}|\[rules\]", "", english)
        if re.search(r"[a-z]{2}", words):  # text, not only placeholders: translated
            assert template(key, "de") != english, key


# --- German headers ------------------------------------------------------------------------


def german_headers() -> list[tuple[str, str]]:
    pairs = []
    for factor in MODEL.factors:
        for field in ("label", "short"):
            for lang in LANGUAGES:
                pairs.append((factor.text(field, lang), factor.name))  # type: ignore[arg-type]
        pairs.extend((header, factor.name) for header in FORMER_HEADERS[factor.name])
    pairs += [
        ("Vorbereitungszeit (Std.)", "prep_hours"),
        ("Vorbereitungszeit", "prep_hours"),
        ("Vorbereitungszeit (h)", "prep_hours"),
        ("Einladung", OFFER_COLUMN),
        ("Zeitaufwand und Fehlzeiten", "time_cost"),
        ("Aufwand an Zeit und Abwesenheit", "time_cost"),
        ("Übung für Vorstellungsgespräche", "practice"),
        ("Interview-Übung", "practice"),
    ]
    return pairs


@pytest.mark.parametrize(("header", "column"), german_headers())
def test_every_factor_and_column_is_read_under_its_german_and_english_headers(header, column):
    table = pd.DataFrame({"x": [1]}).rename(columns={"x": f"  {header.upper()} "})
    assert list(canonical_headers(table, Where()).columns) == [column]


def test_a_german_file_with_the_current_and_the_former_headers_reads(tmp_path):
    for labels in (
        [f.text("label", "de") for f in MODEL.factors],
        [f.text("short", "de") for f in MODEL.factors],
        [FORMER_HEADERS[n][0] for n in NAMES],
    ):
        path = tmp_path / "angebote.csv"
        header = ";".join(["Einladung", *labels, "Vorbereitungszeit (Std.)"])
        path.write_text(f"{header}\nAcme;7;6;5;4;3;2;1,5\n", encoding="utf-8")
        offers = il.load_offers(path)
        assert list(offers.columns[:7]) == [OFFER_COLUMN, *NAMES]
        assert str(offers.loc[0, "prep_hours"]) in {"1,5", "1.5"}
        assert np.isclose(float(offers.loc[0, "interest"]), 7.0)


#: Texts that are parts of messages (places, reasons, labels), not errors of their own,
#: and errors a reader of the core cannot provoke (an unreadable file: tested above).
NOT_ERRORS = re.compile(
    r"core\.(offers\.reason\.|offers\.rename|dealbreakers\.label_|model\.(factor|dealbreaker)$|"
    r"model_file\.(factor|rules|dealbreaker|dealbreaker_column|in_file|no_file|not_utf8|not_toml|"
    r"toml_position|toml_error|rule_\w+)$)"
)


def test_every_error_of_the_core_was_provoked_in_both_languages():
    """Runs last: the property tests above provoked every error code of the core."""
    errors = {k for k in catalogue() if k.startswith(ERROR_AREAS) and not NOT_ERRORS.match(k)}
    missed = errors - SEEN
    assert not missed, sorted(missed)
