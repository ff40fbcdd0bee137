from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

import interview_lab as il
from interview_lab.model import (
    KEEP_IN_TOUCH_DOORS,
    RATING_STEP,
    WEIGHT_STEP,
    normalise,
    score_ratings,
)

from .helpers import (
    OWN_SCENARIOS,
    PUBLIC_SCENARIOS,
    PUBLIC_SCENARIOS_COPY,
    SHARED_SCENARIOS,
)

CONTRIBUTIONS = [f"contribution_{name}" for name in il.FACTOR_NAMES]


def one_offer(**ratings: float) -> pd.DataFrame:
    row = dict.fromkeys(il.FACTOR_NAMES, 5.0) | ratings
    return pd.DataFrame([{"offer": "x", **row}])


def verdict_of(weights: dict[str, float] | None = None, **ratings: float) -> str:
    return str(il.evaluate(one_offer(**ratings), weights, explain=False)["verdict"].iloc[0])


def score_of(weights: dict[str, float] | None = None, **ratings: float) -> float:
    return float(il.evaluate(one_offer(**ratings), weights, explain=False)["score"].iloc[0])


# --- the worked examples ------------------------------------------------------------


@pytest.mark.parametrize("path", [PUBLIC_SCENARIOS, OWN_SCENARIOS], ids=["public", "own"])
def test_every_scenario_gets_its_expected_verdict(path):
    result = il.evaluate(il.load_offers(path))
    wrong = result.loc[result["verdict"] != result["expected"], ["offer", "verdict", "expected"]]
    assert wrong.empty, wrong.to_string()


def test_the_copied_scenarios_match_the_shared_ones():
    if SHARED_SCENARIOS.is_file():
        assert PUBLIC_SCENARIOS_COPY.read_bytes() == SHARED_SCENARIOS.read_bytes()
    assert PUBLIC_SCENARIOS_COPY.is_file()


def test_scenarios_cover_all_three_verdicts(public_scenarios, own_scenarios):
    for table in (public_scenarios, own_scenarios):
        assert set(table["expected"]) == set(il.VERDICTS)


def test_example_data_covers_all_three_verdicts(example_offers):
    result = il.evaluate(example_offers)
    assert set(result["verdict"]) == set(il.VERDICTS)
    assert 6 <= len(result) <= 8


@pytest.mark.parametrize(
    ("offer", "zeroed", "must_not_be"),
    [
        ("P02", "practice", "accept"),  # practice was the only reason to go
        ("P04", "surprise", "accept"),  # surprise was the only reason to go
        ("P10", "surprise", None),  # lukewarm P10 still has practice and doors
        ("P06", "doors", "decline_keep_in_touch"),  # nothing left to keep in touch for
        ("P09", "doors", "decline_keep_in_touch"),
        ("P08", "interest", "accept"),  # wanting the role was what carried a busy month
    ],
)
def test_removing_the_deciding_factor_changes_the_verdict(
    public_scenarios, offer, zeroed, must_not_be
):
    row = public_scenarios[public_scenarios["offer"] == offer]
    verdict = il.evaluate(row, {zeroed: 0})["verdict"].iloc[0]
    if must_not_be is None:
        assert verdict == row["expected"].iloc[0]
    else:
        assert verdict != must_not_be


def test_when_time_does_not_matter_practice_carries_p03(public_scenarios):
    # P03 declines only because time is scarce: with time out of the decision, go.
    row = public_scenarios[public_scenarios["offer"] == "P03"]
    assert il.evaluate(row, {"time_cost": 0})["verdict"].iloc[0] == "accept"


# --- the pairing lives in the formula -----------------------------------------------


@pytest.mark.parametrize(
    ("reason", "caveat", "caveat_low", "caveat_high"),
    [
        ("practice", "time_cost", 0, 10),
        ("surprise", "confusion", 0, 10),
        ("doors", "interest", 10, 0),  # low interest is the time-waster risk
    ],
)
def test_each_caveat_shrinks_its_reasons_contribution(reason, caveat, caveat_low, caveat_high):
    calm = il.evaluate(one_offer(**{reason: 8, caveat: caveat_low}), explain=False)
    bitten = il.evaluate(one_offer(**{reason: 8, caveat: caveat_high}), explain=False)
    assert bitten[f"contribution_{reason}"].iloc[0] < calm[f"contribution_{reason}"].iloc[0]
    # At default weights every caveat outweighs (or equals) its reason: full cancellation.
    assert bitten[f"contribution_{reason}"].iloc[0] == pytest.approx(0, abs=1e-12)


def test_caveat_cancels_a_reason_less_when_weighted_less():
    full = il.evaluate(one_offer(practice=8, time_cost=10), {"practice": 2, "time_cost": 2})
    half = il.evaluate(one_offer(practice=8, time_cost=10), {"practice": 2, "time_cost": 1})
    assert full["contribution_practice"].iloc[0] == pytest.approx(0, abs=1e-12)
    assert half["contribution_practice"].iloc[0] > 0


def test_the_more_you_want_it_the_less_the_rest_matters():
    # A dream role carries a busy, confusing week that sinks a lukewarm one.
    busy = {"practice": 3, "surprise": 2, "doors": 5, "time_cost": 8, "confusion": 4}
    assert verdict_of(interest=10, **busy) == "accept"
    assert verdict_of(interest=5, **busy) != "accept"


def test_keep_in_touch_needs_open_doors_and_no_accept():
    low = {"interest": 1, "practice": 2, "surprise": 2, "time_cost": 5, "confusion": 3}
    assert verdict_of(doors=KEEP_IN_TOUCH_DOORS, **low) == "decline_keep_in_touch"
    assert verdict_of(doors=KEEP_IN_TOUCH_DOORS - 0.1, **low) == "decline"


# --- result shape and contract ----------------------------------------------------


def test_result_keeps_every_input_column_in_order_and_adds_the_results(example_offers):
    result = il.evaluate(example_offers)
    assert list(result.columns[: len(example_offers.columns)]) == list(example_offers.columns)
    assert list(result.columns[len(example_offers.columns) :]) == list(il.RESULT_COLUMNS)
    pd.testing.assert_frame_equal(result[example_offers.columns], example_offers)
    assert result["borderline"].dtype == bool
    assert result["verdict"].isin(il.VERDICTS).all()


def test_contributions_sum_to_score(make_offers):
    result = il.evaluate(make_offers(500, seed=3), explain=False)
    np.testing.assert_allclose(result[CONTRIBUTIONS].sum(axis=1), result["score"], atol=1e-9)


def test_input_is_never_mutated(example_offers):
    before = example_offers.copy(deep=True)
    il.evaluate(example_offers, {"time_cost": 4})
    pd.testing.assert_frame_equal(example_offers, before)


def test_explain_false_leaves_out_the_explanation(example_offers):
    result = il.evaluate(example_offers, explain=False)
    assert "explanation" not in result
    full = il.evaluate(example_offers)
    pd.testing.assert_frame_equal(result, full.drop(columns="explanation"))


def test_re_evaluating_replaces_earlier_results(example_offers):
    first = il.evaluate(example_offers)
    again = il.evaluate(first, {"time_cost": 5})
    assert list(again.columns) == list(first.columns)
    pd.testing.assert_frame_equal(again, il.evaluate(example_offers, {"time_cost": 5}))


def test_omitted_weights_keep_their_defaults(example_offers):
    partial = il.evaluate(example_offers, {"time_cost": 3}, explain=False)
    full = il.evaluate(example_offers, {**il.DEFAULT_WEIGHTS, "time_cost": 3}, explain=False)
    pd.testing.assert_frame_equal(partial, full)
    assert partial.attrs["weights"] == {**il.DEFAULT_WEIGHTS, "time_cost": 3}


def test_evaluate_reads_a_path_too():
    by_path = il.evaluate(PUBLIC_SCENARIOS, explain=False)
    by_frame = il.evaluate(il.load_offers(PUBLIC_SCENARIOS), explain=False)
    pd.testing.assert_frame_equal(by_path, by_frame)


def test_default_weights_are_read_only():
    with pytest.raises(TypeError):
        il.DEFAULT_WEIGHTS["interest"] = 1  # type: ignore[index]
    assert set(il.DEFAULT_WEIGHTS) == set(il.FACTOR_NAMES)
    assert all(w > 0 for w in il.DEFAULT_WEIGHTS.values())


def test_every_caveat_weighs_at_least_its_reason_by_default():
    for reason, caveat in il.factors.REASON_CAVEAT_PAIRS:
        assert il.DEFAULT_WEIGHTS[caveat] >= il.DEFAULT_WEIGHTS[reason]
    assert max(il.DEFAULT_WEIGHTS, key=il.DEFAULT_WEIGHTS.__getitem__) == "interest"


def test_an_exact_tie_declines():
    # Interest 5 is neutral; with every other rating 0 the score is exactly zero.
    assert score_of(interest=5, practice=0, surprise=0, doors=0, time_cost=0, confusion=0) == 0
    assert verdict_of(interest=5, practice=0, surprise=0, doors=0, time_cost=0, confusion=0) == (
        "decline"
    )


def test_score_matches_the_documented_formula_by_hand():
    # P02 at default weights (sum 11.5), every term written out.
    w = {k: v / 11.5 for k, v in il.DEFAULT_WEIGHTS.items()}
    i, p, s, d, t, c = 2, 9, 3, 3, 2, 2
    expected = (
        w["interest"] * (i - 5)
        + w["practice"] * p
        - min(w["practice"], w["time_cost"]) * p * t / 10
        + w["surprise"] * s
        - min(w["surprise"], w["confusion"]) * s * c / 10
        + w["doors"] * d
        - min(w["doors"], w["interest"]) * d * (10 - i) / 10
        - w["time_cost"] * t
        - w["confusion"] * c
    )
    got = score_of(interest=i, practice=p, surprise=s, doors=d, time_cost=t, confusion=c)
    assert got == pytest.approx(expected, abs=1e-12)


# --- borderline: the vectorised shortcut agrees with re-running the model ------------


def brute_force_borderline(ratings: np.ndarray, weights: dict[str, float]) -> np.ndarray:
    base = score_ratings(ratings, normalise(weights)).verdict
    flipped = np.zeros(len(ratings), dtype=bool)
    for name, factor in itertools.product(il.FACTOR_NAMES, (1 - WEIGHT_STEP, 1 + WEIGHT_STEP)):
        changed = dict(weights) | {name: weights[name] * factor}
        flipped |= score_ratings(ratings, normalise(changed)).verdict != base
    for j, step in itertools.product(range(len(il.FACTOR_NAMES)), (RATING_STEP, -RATING_STEP)):
        moved = ratings.copy()
        moved[:, j] = np.clip(moved[:, j] + step, 0, 10)
        flipped |= score_ratings(moved, normalise(weights)).verdict != base
    return flipped


@pytest.mark.parametrize("seed", range(4))
def test_borderline_agrees_with_rerunning_the_model_per_perturbation(seed):
    table = il.random_offers(2000, seed=seed)
    rng = np.random.default_rng(seed)
    weights = dict(zip(il.FACTOR_NAMES, rng.uniform(0, 3, 6).round(1), strict=True))
    weights["interest"] = max(weights["interest"], 0.1)
    ratings = table[list(il.FACTOR_NAMES)].to_numpy()
    result = il.evaluate(table, weights, explain=False)
    np.testing.assert_array_equal(result["borderline"], brute_force_borderline(ratings, weights))
    assert 0 < result["borderline"].sum() < len(table)  # the check is not vacuous


def test_borderline_flags_an_offer_right_at_the_edge():
    edge = one_offer(interest=5, practice=0, surprise=0, doors=0, time_cost=0, confusion=0)
    assert il.evaluate(edge)["borderline"].iloc[0]
    far = one_offer(interest=10, practice=8, surprise=8, doors=8, time_cost=0, confusion=0)
    assert not il.evaluate(far)["borderline"].iloc[0]


def test_scores_are_finite_for_extreme_ratings():
    corners = pd.DataFrame(
        [
            {"offer": f"corner {k}", **dict(zip(il.FACTOR_NAMES, bits, strict=True))}
            for k, bits in enumerate(itertools.product((0.0, 10.0), repeat=6))
        ]
    )
    result = il.evaluate(corners)
    assert all(math.isfinite(x) for x in result["score"])
    assert result["explanation"].str.len().gt(0).all()
