from __future__ import annotations

import pytest

import interview_lab as il


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
    model = il.DEFAULT_MODEL
    for reason, caveat in model.pairs:
        assert model.role(reason) == "reason"
        assert model.factor(reason).cancelled_by == caveat
        assert reason in model.partners(caveat)
    assert [f.name for f in model if model.cancels_when_low(f.name)] == ["interest"]
    assert {f.name for f in il.FACTORS if f.direction == "cost"} == {"time_cost", "confusion"}
    assert model.reliefs == (("time_cost", "interest"), ("confusion", "interest"))


def test_every_factor_has_its_own_colour_and_weight_in_the_model():
    model = il.DEFAULT_MODEL
    assert len(set(model.colours.values())) == len(model.names)
    assert dict(model.default_weights) == {f.name: f.weight for f in model}
    assert model.chart_order == (
        "interest", "doors", "practice", "time_cost", "surprise", "confusion"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"relief": 1.5}, "relief must be between 0 and 1"),
        ({"desire": "time_cost"}, "desire must name a benefit factor"),
        ({"keep_in_touch": "salary"}, "keep_in_touch must name a benefit factor"),
    ],
)
def test_a_model_with_bad_rules_is_refused_with_a_clear_error(change, message):
    with pytest.raises(il.ModelError, match=message):
        il.DEFAULT_MODEL.replace(**change)


def test_a_model_with_a_bad_factor_table_names_every_problem():
    import dataclasses

    practice = il.DEFAULT_MODEL.factor("practice")
    bad = (
        dataclasses.replace(practice, cancelled_by="practice"),
        dataclasses.replace(practice, name="score", cancelled_by="nope"),
        dataclasses.replace(practice, name="x", weight=-1.0, low=5.0, high=5.0),
    )
    with pytest.raises(il.ModelError) as error:
        il.Model(factors=bad, desire=None, keep_in_touch=None)
    text = " ".join(error.value.messages())
    for expected in (
        "names the factor itself",
        "clashes with an output column",
        "unknown factor 'nope'",
        "weight must be",
        "low below high",
    ):
        assert expected in text


def test_pairings_in_a_cycle_are_refused():
    import dataclasses

    f = il.DEFAULT_MODEL.factor("practice")
    cycle = (
        dataclasses.replace(f, name="a", cancelled_by="b"),
        dataclasses.replace(f, name="b", cancelled_by="a"),
    )
    with pytest.raises(il.ModelError, match="cycle"):
        il.Model(factors=cycle, desire=None, keep_in_touch=None)


def test_a_model_is_a_value():
    import copy

    model = il.DEFAULT_MODEL
    assert model.replace(relief=model.relief) == model
    assert hash(model.replace(relief=model.relief)) == hash(model)
    assert copy.deepcopy(model) is model
    assert model.replace(relief=0.1) != model


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_factor_table_as_a_dataframe(lang):
    table = il.factor_table(lang)
    assert list(table["factor"]) == list(il.FACTOR_NAMES)
    assert table.loc[0, "label"] == il.FACTORS[0].text("label", lang)
