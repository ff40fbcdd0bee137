from __future__ import annotations

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.explain import format_number, join_words, verdict_label


def explain(lang: str = "en", weights=None, **ratings: float) -> str:
    row = {"offer": "x", **dict.fromkeys(il.FACTOR_NAMES, 5.0), **ratings}
    return str(il.evaluate(pd.DataFrame([row]), weights, lang=lang)["explanation"].iloc[0])


def test_accept_names_the_strongest_reasons_and_costs():
    text = explain(interest=2, practice=9, surprise=3, doors=3, time_cost=2, confusion=2)
    assert text.startswith("Go (+0.41). For it mainly practice (+1.3) and surprise (+0.3);")
    assert "against it interest (-0.7) and time cost (-0.3)." in text


def test_decline_names_the_caveat_that_cancelled_the_reason():
    text = explain(interest=2, practice=8, surprise=2, doors=2, time_cost=9, confusion=4)
    assert text.startswith("Decline (-2.37): nothing speaks for it strongly enough.")
    assert "Against it mainly time cost (-1.6)" in text
    assert "Time cost cancels most of what practice would give." in text


def test_keep_in_touch_mentions_the_open_doors_and_the_time_waster_risk():
    text = explain(interest=1, practice=3, surprise=2, doors=9, time_cost=5, confusion=3)
    assert text.startswith("Decline, but stay in touch")
    assert "doors 9/10" in text
    assert "Low interest cancels most of what doors would give" in text


def test_german_explanations_are_german_with_decimal_commas():
    text = explain("de", interest=1, practice=3, surprise=2, doors=9, time_cost=5, confusion=3)
    assert text.startswith("Absagen, aber in Kontakt bleiben (-1,53)")
    assert "Türen 9/10" in text
    assert "Dagegen sprechen vor allem Interesse (-0,9)" in text


@pytest.mark.parametrize(("lang", "word"), [("en", "Borderline"), ("de", "Grenzfall")])
def test_borderline_is_said_plainly(lang, word):
    text = explain(lang, interest=5, practice=0, surprise=0, doors=0, time_cost=0, confusion=0)
    assert word in text
    assert "coach" in text.lower()


def test_german_verbs_agree_with_the_number_of_factors():
    text = explain("de", interest=10, practice=0, surprise=0, doors=0, time_cost=0, confusion=0)
    assert "Dafür spricht vor allem Interesse (+1,1)." in text


def test_a_zero_weight_factor_is_never_named():
    text = explain(weights={"time_cost": 0}, interest=2, practice=8, time_cost=9)
    assert "time cost" not in text


def test_helpers():
    assert join_words(["a", "b", "c"], "en") == "a, b and c"
    assert join_words(["a", "b"], "de") == "a und b"
    assert format_number(-0.25, "de", signed=True) == "-0,2"
    assert format_number(9.0, "en") == "9"
    assert verdict_label("decline_keep_in_touch", "de") == "absagen, in Kontakt bleiben"
    with pytest.raises(ValueError, match="expected one of"):
        verdict_label("maybe")


def test_an_unknown_language_is_rejected_with_the_choices(example_offers):
    with pytest.raises(ValueError, match=r"lang must be one of \['en', 'de'\], got 'fr'"):
        il.evaluate(example_offers, lang="fr")
