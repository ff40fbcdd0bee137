"""The model's laws, as hypothesis properties (issue: the decision model)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import interview_lab as il

BENEFITS = [f.name for f in il.FACTORS if f.direction == "benefit"]
COSTS = [f.name for f in il.FACTORS if f.direction == "cost"]
TOLERANCE = 1e-12

rating = st.floats(min_value=0, max_value=10, allow_nan=False)
ratings = st.fixed_dictionaries(dict.fromkeys(il.FACTOR_NAMES, rating))
weight = st.one_of(st.just(0.0), st.floats(min_value=0, max_value=20, allow_nan=False))
weights = st.fixed_dictionaries(dict.fromkeys(il.FACTOR_NAMES, weight)).filter(
    lambda w: sum(w.values()) > 1e-6
)
tables = st.lists(ratings, min_size=1, max_size=8).map(
    lambda rows: pd.DataFrame([{"offer": f"o{k}", **row} for k, row in enumerate(rows)])
)


def evaluate_one(row: dict[str, float], w: dict[str, float]) -> pd.Series:
    return il.evaluate(pd.DataFrame([{"offer": "x", **row}]), w, explain=False).iloc[0]


@given(row=ratings, w=weights, factor=st.sampled_from(il.FACTOR_NAMES), step=rating)
def test_benefits_never_lower_and_costs_never_raise_a_score(row, w, factor, step):
    higher = dict(row) | {factor: min(10.0, row[factor] + step)}
    before = evaluate_one(row, w)["score"]
    after = evaluate_one(higher, w)["score"]
    if factor in BENEFITS:
        assert after >= before - TOLERANCE
    else:
        assert after <= before + TOLERANCE


@given(row=ratings, w=weights, factor=st.sampled_from(BENEFITS), step=rating)
def test_a_better_reason_never_worsens_the_verdict(row, w, factor, step):
    order = {v: k for k, v in enumerate(il.VERDICTS)}
    higher = dict(row) | {factor: min(10.0, row[factor] + step)}
    assert order[evaluate_one(higher, w)["verdict"]] >= order[evaluate_one(row, w)["verdict"]]


@given(table=tables, w=weights, scale=st.floats(min_value=1e-3, max_value=1e3))
def test_scaling_all_weights_changes_no_verdict(table, w, scale):
    base = il.evaluate(table, w, explain=False)
    scaled = il.evaluate(table, {k: v * scale for k, v in w.items()}, explain=False)
    assert list(scaled["verdict"]) == list(base["verdict"])
    np.testing.assert_allclose(scaled["score"], base["score"], atol=1e-9)


@given(row=ratings, w=weights, factor=st.sampled_from(il.FACTOR_NAMES), other=rating)
def test_a_zero_weight_removes_its_factor(row, w, factor, other):
    zeroed = dict(w) | {factor: 0.0}
    if sum(zeroed.values()) <= 1e-6:
        zeroed[next(n for n in il.FACTOR_NAMES if n != factor)] = 1.0
    before = evaluate_one(row, zeroed)
    after = evaluate_one(dict(row) | {factor: other}, zeroed)
    assert before[f"contribution_{factor}"] == 0
    assert after["score"] == before["score"]
    assert after["verdict"] == before["verdict"]


@given(table=tables, w=weights, seed=st.integers(0, 2**32 - 1))
def test_row_order_changes_nothing(table, w, seed):
    shuffled = table.sample(frac=1, random_state=seed)
    base = il.evaluate(table, w).set_index("offer")
    moved = il.evaluate(shuffled, w).set_index("offer").loc[base.index]
    pd.testing.assert_frame_equal(moved, base)


@settings(max_examples=50)
@given(table=tables, w=weights, data=st.data())
def test_an_offers_result_never_depends_on_the_other_offers(table, w, data):
    keep = data.draw(st.lists(st.sampled_from(list(table.index)), min_size=1, unique=True))
    alone = il.evaluate(table.loc[keep], w).set_index("offer")
    together = il.evaluate(table, w).set_index("offer").loc[alone.index]
    pd.testing.assert_frame_equal(alone, together)


@given(table=tables, w=weights)
def test_contributions_always_sum_to_the_score(table, w):
    result = il.evaluate(table, w, explain=False)
    columns = [f"contribution_{name}" for name in il.FACTOR_NAMES]
    np.testing.assert_allclose(result[columns].sum(axis=1), result["score"], atol=1e-9)
