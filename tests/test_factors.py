from __future__ import annotations

import pytest

import interview_lab as il
from interview_lab.factors import REASON_CAVEAT_PAIRS


def test_the_table_lists_the_six_factors_of_the_domain_in_order():
    assert il.FACTOR_NAMES == (
        "interest",
        "practice",
        "surprise",
        "doors",
        "time_cost",
        "confusion",
    )


def test_every_factor_has_a_range_direction_and_texts_in_both_languages():
    for factor in il.FACTORS:
        assert (factor.low, factor.high) == (0, 10)
        assert factor.direction in {"benefit", "cost"}
        for lang in il.LANGUAGES:
            for field in ("label", "short", "question", "help_low", "help_high"):
                assert factor.text(field, lang).strip(), (factor.name, field, lang)
        assert factor.text("label", "en") != factor.text("label", "de")


def test_reasons_and_caveats_point_at_each_other():
    by_name = il.factors.FACTORS_BY_NAME
    for reason, caveat in REASON_CAVEAT_PAIRS:
        assert by_name[reason].role == "reason"
        assert by_name[reason].pairs_with == caveat
        assert by_name[caveat].pairs_with == reason
    assert [f.name for f in il.FACTORS if f.cancels_when_low] == ["interest"]
    assert {f.name for f in il.FACTORS if f.direction == "cost"} == {"time_cost", "confusion"}


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_factor_table_as_a_dataframe(lang):
    table = il.factor_table(lang)
    assert list(table["factor"]) == list(il.FACTOR_NAMES)
    assert table.loc[0, "label"] == il.FACTORS[0].text("label", lang)
