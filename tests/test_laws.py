"""The model's laws, as hypothesis properties over random valid models.

Each law holds for the default model and for any model a user may build: other
reliefs and keep-in-touch lines, other default weights, an own benefit that a
cost cancels and an own cost on its own scale.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import interview_lab as il

TOLERANCE = 1e-9


def _texts(text: str) -> MappingProxyType[str, str]:
    return MappingProxyType({"en": text, "de": text})


def _own_factor(name: str, direction: str, **fields: object) -> il.Factor:
    base = il.DEFAULT_MODEL.factor("practice")
    texts = {
        field: _texts(name) for field in ("label", "short", "question", "help_low", "help_high")
    }
    changes = {"name": name, "direction": direction, "cancelled_by": None, **texts, **fields}
    return dataclasses.replace(base, **changes)


@st.composite
def models(draw: st.DrawFn) -> il.Model:
    factors = list(il.DEFAULT_MODEL.factors)
    if draw(st.booleans()):
        caveat = draw(st.sampled_from([None, "time_cost", "confusion", "commute"]))
        factors.append(_own_factor("team", "benefit", weight=1.0, cancelled_by=caveat))
    if draw(st.booleans()) or any(f.cancelled_by == "commute" for f in factors):
        factors.append(_own_factor("commute", "cost", weight=1.0, low=0.0, high=120.0))
    weight = st.floats(min_value=0.1, max_value=5)
    factors = [dataclasses.replace(f, weight=draw(weight)) for f in factors]
    return il.Model(
        factors=tuple(factors),
        relief=draw(st.floats(min_value=0, max_value=1)),
        keep_in_touch_from=draw(st.floats(min_value=2, max_value=9)),
    )


def _rating(factor: il.Factor) -> st.SearchStrategy[float]:
    return st.floats(min_value=factor.low, max_value=factor.high, allow_nan=False)


def _ratings(model: il.Model) -> st.SearchStrategy[dict[str, float]]:
    return st.fixed_dictionaries({f.name: _rating(f) for f in model.factors})


def _weights(model: il.Model) -> st.SearchStrategy[dict[str, float]]:
    weight = st.one_of(st.just(0.0), st.floats(min_value=0, max_value=20, allow_nan=False))
    return st.fixed_dictionaries(dict.fromkeys(model.names, weight)).filter(
        lambda w: sum(w.values()) > 1e-6
    )


def _table(rows: list[dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame([{"offer": f"o{k}", **row} for k, row in enumerate(rows)])


def evaluate_one(row: dict[str, float], w: dict[str, float], model: il.Model) -> pd.Series:
    return il.evaluate(_table([row]), w, model=model, explain=False).iloc[0]


@given(model=models(), data=st.data())
def test_benefits_never_lower_and_costs_never_raise_a_score(model, data):
    row, w = data.draw(_ratings(model)), data.draw(_weights(model))
    factor = data.draw(st.sampled_from(model.factors))
    up = data.draw(_rating(factor).filter(lambda x: x >= row[factor.name]))
    higher = dict(row) | {factor.name: up}
    before = evaluate_one(row, w, model)["score"]
    after = evaluate_one(higher, w, model)["score"]
    if factor.direction == "benefit":
        assert after >= before - TOLERANCE
    else:
        assert after <= before + TOLERANCE


@given(model=models(), data=st.data())
def test_a_better_rating_never_worsens_the_verdict(model, data):
    row, w = data.draw(_ratings(model)), data.draw(_weights(model))
    factor = data.draw(st.sampled_from(model.factors))
    moved = data.draw(_rating(factor))
    better = (moved >= row[factor.name]) == (factor.direction == "benefit")
    changed = dict(row) | {factor.name: moved}
    order = {v: k for k, v in enumerate(il.VERDICTS)}
    first = order[evaluate_one(row, w, model)["verdict"]]
    second = order[evaluate_one(changed, w, model)["verdict"]]
    assert second >= first if better else second <= first


@given(model=models(), data=st.data(), scale=st.floats(min_value=1e-3, max_value=1e3))
def test_scaling_all_weights_changes_no_verdict(model, data, scale):
    table = _table(data.draw(st.lists(_ratings(model), min_size=1, max_size=6)))
    w = data.draw(_weights(model))
    base = il.evaluate(table, w, model=model, explain=False)
    scaled = il.evaluate(table, {k: v * scale for k, v in w.items()}, model=model, explain=False)
    np.testing.assert_allclose(scaled["score"], base["score"], atol=1e-9)
    clear = (base["score"] - model.accept_above).abs() > 1e-9
    assert list(scaled["verdict"][clear]) == list(base["verdict"][clear])


@given(model=models(), data=st.data())
def test_a_zero_weight_removes_its_factor(model, data):
    row, w = data.draw(_ratings(model)), data.draw(_weights(model))
    factor = data.draw(st.sampled_from(model.factors))
    zeroed = dict(w) | {factor.name: 0.0}
    if sum(zeroed.values()) <= 1e-6:
        zeroed[next(n for n in model.names if n != factor.name)] = 1.0
    other = data.draw(_rating(factor))
    before = evaluate_one(row, zeroed, model)
    after = evaluate_one(dict(row) | {factor.name: other}, zeroed, model)
    assert before[f"contribution_{factor.name}"] == 0
    assert after["score"] == before["score"]
    assert after["verdict"] == before["verdict"]
    assert after["borderline"] == before["borderline"]


@given(model=models(), data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_row_order_changes_nothing(model, data, seed):
    table = _table(data.draw(st.lists(_ratings(model), min_size=1, max_size=8)))
    w = data.draw(_weights(model))
    shuffled = table.sample(frac=1, random_state=seed)
    base = il.evaluate(table, w, model=model).set_index("offer")
    moved = il.evaluate(shuffled, w, model=model).set_index("offer").loc[base.index]
    pd.testing.assert_frame_equal(moved, base)


@settings(max_examples=50)
@given(model=models(), data=st.data())
def test_an_offers_result_never_depends_on_the_other_offers(model, data):
    table = _table(data.draw(st.lists(_ratings(model), min_size=1, max_size=8)))
    w = data.draw(_weights(model))
    keep = data.draw(st.lists(st.sampled_from(list(table.index)), min_size=1, unique=True))
    alone = il.evaluate(table.loc[keep], w, model=model).set_index("offer")
    together = il.evaluate(table, w, model=model).set_index("offer").loc[alone.index]
    pd.testing.assert_frame_equal(alone, together)


@given(model=models(), data=st.data())
def test_contributions_always_sum_to_the_score(model, data):
    table = _table(data.draw(st.lists(_ratings(model), min_size=1, max_size=8)))
    result = il.evaluate(table, data.draw(_weights(model)), model=model, explain=False)
    columns = [f"contribution_{name}" for name in model.names]
    np.testing.assert_allclose(result[columns].sum(axis=1), result["score"], atol=1e-9)


@given(model=models(), data=st.data())
def test_the_score_is_affine_in_each_rating_with_the_models_slope(model, data):
    # The borderline check and the analyses rely on it: slope x step is exact.
    row, w = data.draw(_ratings(model)), data.draw(_weights(model))
    factor = data.draw(st.sampled_from(model.factors))
    cols = model.to_scale(np.array([[row[name]] for name in model.names], dtype=float))
    slope = model.slopes(cols, model.normalise(w))[model.index[factor.name], 0]
    moved = data.draw(_rating(factor))
    before = evaluate_one(row, w, model)["score"]
    after = evaluate_one(dict(row) | {factor.name: moved}, w, model)["score"]
    scaled_step = (moved - row[factor.name]) * 10 / (factor.high - factor.low)
    assert abs(after - (before + slope * scaled_step)) <= 1e-9
