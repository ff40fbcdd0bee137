"""Own factors and deal-breakers from a model file (TOML)."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest

import interview_lab as il
from interview_lab.core import model_file
from interview_lab.core.i18n import quote
from interview_lab.core.resources import data_path
from tests.helpers import assert_german

EXAMPLE_MODEL = data_path("models/salary_commute.toml")
EXAMPLE_OFFERS = data_path("offers_salary_commute.csv")
#: What a model file spells in English (its keys, sections and factor names): a German
#: message quotes them as they must be typed.
MODEL_FILE_WORDS = tuple(
    quote(word, "de")
    for word in sorted(
        model_file.FACTOR_KEYS | model_file.DEALBREAKER_KEYS | model_file.RULE_KEYS
        | model_file.TOP_KEYS | {"factor", "score", *il.FACTOR_NAMES}
    )
)  # fmt: skip


@pytest.fixture(scope="module")
def model() -> il.Model:
    return il.load_model(EXAMPLE_MODEL)


def write(tmp_path, text: str, name: str = "mine.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_example_model_file_works_as_written(model):
    assert model.names == (
        "interest", "practice", "surprise", "doors", "time_cost", "salary", "commute_min", "team"
    )  # fmt: skip
    assert "confusion" not in model.names
    # The default pairing of surprise went with its switched-off caveat.
    assert model.pairs == (("practice", "time_cost"), ("doors", "interest"), ("team", "time_cost"))
    salary = model.factor("salary")
    assert (salary.low, salary.high, salary.weight, salary.direction) == (
        35000,
        90000,
        2,
        "benefit",
    )
    assert salary.text("label", "de") == "Gehalt"
    assert salary.text("question", "en") == "Yearly gross salary in euros"
    assert [(d.column, d.min, d.max) for d in model.dealbreakers] == [
        ("commute_min", None, 90),
        ("salary", 45000, None),
    ]
    assert il.Model.from_toml(EXAMPLE_MODEL) == model
    assert len(set(model.colours.values())) == len(model.names)


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_deal_breakers_are_never_accepted_and_lead_the_explanation(model, lang):
    result = il.evaluate(EXAMPLE_OFFERS, model=model, lang=lang)
    broken = result["dealbreakers"] != ""
    assert broken.sum() == 2
    assert (result.loc[broken, "verdict"] != "accept").all()
    assert not result.loc[broken, "borderline"].any()
    columns = [f"contribution_{name}" for name in model.names]
    np.testing.assert_allclose(result[columns].sum(axis=1), result["score"], atol=1e-9)
    # The score still shows: the broken ones would have been accepted on the ratings.
    assert (result.loc[broken, "score"] > 0).all()
    first_words = {"en": "Deal-breaker:", "de": "Ausschlusskriterium:"}[lang]
    assert result.loc[broken, "explanation"].str.startswith(first_words).all()
    assert not result.loc[~broken, "explanation"].str.contains(first_words).any()
    stadtwerke = result[result["offer"].str.startswith("Stadtwerke")].iloc[0]
    assert stadtwerke["dealbreakers"] == model.dealbreakers[0].text(lang)
    # Keep in touch still follows its own rule (doors 7).
    assert stadtwerke["verdict"] == "decline_keep_in_touch"


def test_a_blank_deal_breaker_value_is_unknown_not_a_breach(model):
    offers = pd.read_csv(EXAMPLE_OFFERS)
    offers["commute_min"] = offers["commute_min"].astype(object)
    offers.loc[0, "commute_min"] = None
    offers = offers.assign(extra_limit=[np.nan, 1, 1, 1, 1])
    rule = il.core.factors.Dealbreaker("extra_limit", {"en": "limit", "de": "Grenze"}, max=5)
    with_rule = model.replace(dealbreakers=(*model.dealbreakers, rule))
    result = il.evaluate(offers.drop(columns="commute_min").assign(commute_min=0), model=with_rule)
    assert result.loc[0, "dealbreakers"] == ""
    assert "Not known: extra_limit is blank" in result.loc[0, "explanation"]


def test_own_factor_values_outside_their_scale_name_the_offer_column_and_scale(model):
    offers = pd.read_csv(EXAMPLE_OFFERS)
    offers.loc[1, "salary"] = 120000
    with pytest.raises(il.OfferDataError) as error:
        il.evaluate(offers, model=model)
    message = str(error.value)
    assert "Helix Bio" in message
    assert "'salary'" in message
    assert "35000 to 90000" in message


def test_the_laws_hold_for_the_example_model(model):
    offers = il.random_offers(300, seed=2, model=model)
    result = il.evaluate(offers, model=model, explain=False)
    assert set(result.columns) >= {f"contribution_{n}" for n in model.names}
    for name in model.names:  # a zero weight removes any factor, own ones included
        zeroed = il.evaluate(offers, {name: 0}, model=model, explain=False)
        assert (zeroed[f"contribution_{name}"] == 0).all()


BAD_FILES = [
    ("typo", "[factors.salary]\nlabel = 'Salary'\ndirection = 'benefit'\nwieght = 2\n",
     "factor 'salary': unknown key 'wieght' (did you mean 'weight'?)"),
    ("empty name", "[factors.\"\"]\nlabel = 'x'\ndirection = 'cost'\n", "empty name"),
    ("output column", "[factors.score]\nlabel = 'x'\ndirection = 'cost'\n",
     "clashes with an output column"),
    ("direction", "[factors.x]\nlabel = 'x'\ndirection = 'good'\n",
     "direction must be 'benefit' or 'cost'"),
    ("scale", "[factors.x]\nlabel = 'x'\ndirection = 'cost'\nscale = [10, 10]\n",
     "'scale' needs low below high"),
    ("negative weight", "[factors.x]\nlabel = 'x'\ndirection = 'cost'\nweight = -1\n",
     "'weight' must be a number >= 0"),
    ("infinite weight", "[factors.x]\nlabel = 'x'\ndirection = 'cost'\nweight = inf\n",
     "'weight' must be a number >= 0, got inf"),
    ("unknown caveat", "[factors.x]\nlabel = 'x'\ndirection = 'benefit'\ncancelled_by = 'y'\n",
     "cancelled_by names unknown factor 'y'"),
    ("disabled caveat",
     ("[factors.confusion]\nenabled = false\n[factors.x]\nlabel = 'x'\ndirection = 'benefit'\n"
     "cancelled_by = 'confusion'\n"),
     "cancelled_by names 'confusion', which this file switches off"),
    ("itself", "[factors.x]\nlabel = 'x'\ndirection = 'benefit'\ncancelled_by = 'x'\n",
     "cancelled_by names the factor itself"),
    ("cycle", ("[factors.x]\nlabel = 'x'\ndirection = 'benefit'\ncancelled_by = 'y'\n"
     "[factors.y]\nlabel = 'y'\ndirection = 'benefit'\ncancelled_by = 'x'\n"), "form a cycle"),
    ("no bound", "[[dealbreakers]]\ncolumn = 'salary'\n", "give 'min', 'max' or both"),
    ("text bound", "[[dealbreakers]]\ncolumn = 'salary'\nmin = 'lots'\n",
     "'min' must be a number, got 'lots'"),
    ("all disabled", "".join(f"[factors.{n}]\nenabled = false\n" for n in il.FACTOR_NAMES),
     "every factor is switched off"),
    ("not toml", "[factors.x\n", "not valid TOML"),
    ("duplicate", "[factors.x]\nlabel = 'x'\n[factors.x]\nlabel = 'y'\n", "not valid TOML"),
    ("own factor without label", "[factors.x]\ndirection = 'cost'\n",
     "an own factor needs 'label'"),
    ("unknown section", "[factor.x]\nlabel = 'x'\n", "unknown key 'factor' (did you mean"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "text", "expected"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_a_bad_model_file_gets_one_clear_error_naming_the_file(tmp_path, case, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(il.ModelError) as error:
        il.load_model(path)
    message = str(error.value)
    assert expected in message, message
    assert str(path) in message
    assert "\n" not in message
    german = error.value.render("de")  # the same facts, in German
    assert str(path) in german
    assert german != message
    assert_german(german, allow=(str(path), *MODEL_FILE_WORDS))


def test_a_deal_breaker_on_a_column_the_offers_lack_names_both_files(tmp_path):
    path = write(tmp_path, "[[dealbreakers]]\ncolumn = 'salary'\nmin = 45000\n")
    model = il.load_model(path)
    offers = tmp_path / "offers.csv"
    il.load_example_offers().to_csv(offers, index=False)
    with pytest.raises(il.OfferDataError) as error:
        il.evaluate(offers, model=model)
    assert str(offers) in str(error.value)
    assert str(path) in str(error.value)
    assert "'salary'" in str(error.value)


def test_offers_missing_an_own_factor_column_are_refused(model):
    with pytest.raises(il.OfferDataError, match=r"missing required column\(s\) 'salary'") as error:
        il.evaluate(il.load_example_offers(), model=model)
    assert "Es fehlen Pflichtspalten: „salary“" in error.value.render("de")


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(il.ModelError, match="no such model file"):
        il.load_model(tmp_path / "nope.toml")
