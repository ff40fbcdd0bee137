from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

import interview_lab as il
from interview_lab.core.model import ACCEPT, DECLINE, KEEP_IN_TOUCH, NO_FLIP

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
    line = il.DEFAULT_MODEL.keep_in_touch_from
    low = {"interest": 1, "practice": 2, "surprise": 2, "time_cost": 5, "confusion": 3}
    assert verdict_of(doors=line, **low) == "decline_keep_in_touch"
    assert verdict_of(doors=line - 0.1, **low) == "decline"
    assert verdict_of({"doors": 0}, doors=10, **low) == "decline"  # doors do not count


# --- what the engine issue found wrong ---------------------------------------------


def test_a_role_the_person_wants_most_is_not_declined_for_a_busy_torn_month():
    assert (
        verdict_of(interest=10, practice=2, surprise=1, doors=4, time_cost=9, confusion=8)
        == "accept"
    )


def test_an_invitation_rated_ten_on_everything_is_accepted():
    assert verdict_of(**dict.fromkeys(il.FACTOR_NAMES, 10.0)) == "accept"


@pytest.mark.parametrize("interest", [8, 8.5, 9, 9.5, 10])
@pytest.mark.parametrize(("time_cost", "confusion"), [(7, 7), (8, 7), (7, 8), (8, 8), (9, 8)])
def test_a_wanted_role_declines_only_when_costs_are_extreme_and_nothing_speaks_for_it(
    interest, time_cost, confusion
):
    some = {"practice": 2, "surprise": 2, "doors": 3}
    result = il.evaluate(
        one_offer(interest=interest, time_cost=time_cost, confusion=confusion, **some)
    )
    # High costs that are not extreme: go, or at the very least a flagged close call
    # that would tip to go.
    verdict, borderline = result["verdict"].iloc[0], result["borderline"].iloc[0]
    assert verdict == "accept" or (borderline and result["flips_to"].iloc[0] == "accept")
    if time_cost + confusion <= 14 or interest >= 9:
        assert verdict == "accept"
    # Going is truly impossible and nothing else speaks for it: not go.
    nothing = {"practice": 0, "surprise": 0, "doors": 0, "time_cost": 10, "confusion": 10}
    assert verdict_of(interest=interest, **nothing) != "accept"


def test_keep_in_touch_is_for_a_wanted_role_that_truly_cannot_fit_p15(public_scenarios):
    row = public_scenarios[public_scenarios["offer"] == "P15"]
    assert il.evaluate(row)["verdict"].iloc[0] == "decline_keep_in_touch"


def test_keep_in_touch_is_never_the_answer_when_the_ratings_say_go(make_offers):
    result = il.evaluate(make_offers(5000, seed=11), explain=False)
    accepted = result["score"] > il.DEFAULT_MODEL.accept_above
    assert (result.loc[accepted, "verdict"] == "accept").all()
    assert (result.loc[~accepted, "verdict"] != "accept").all()


def test_a_clear_decline_near_the_keep_in_touch_line_is_not_borderline():
    # Score far below zero, doors right at the line: a close call about keeping in
    # touch, not about going; so not borderline, but flips_to names the other decline.
    result = il.evaluate(
        one_offer(interest=1, practice=1, surprise=1, doors=6.5, time_cost=8, confusion=6)
    )
    assert result["score"].iloc[0] < -2
    assert not result["borderline"].iloc[0]
    assert result["flips_to"].iloc[0] == "decline"
    assert "coach" not in result["explanation"].iloc[0]


def test_a_declined_dream_role_near_the_line_is_flagged():
    result = il.evaluate(
        one_offer(interest=9, practice=1, surprise=1, doors=2, time_cost=10, confusion=9)
    )
    assert result["verdict"].iloc[0] != "accept"
    assert result["borderline"].iloc[0]
    assert result["flips_to"].iloc[0] == "accept"
    assert "“go”" in result["explanation"].iloc[0]


@pytest.mark.parametrize("preset", sorted(il.load_presets()))
def test_every_preset_that_weighs_doors_keeps_p06_and_p09_in_touch(preset, public_scenarios):
    weights = il.preset_weights(preset)
    assert weights["doors"] > 0
    rows = public_scenarios[public_scenarios["offer"].isin(["P06", "P09"])]
    assert (il.evaluate(rows, weights)["verdict"] == "decline_keep_in_touch").all()


def test_a_busy_persona_keeps_in_touch_as_often_as_the_default(make_offers):
    # A polite reply costs no time: weighing time more must not cost keep-in-touch
    # answers among the invitations both decline.
    offers = make_offers(2000, seed=5)
    default = il.evaluate(offers, explain=False)["verdict"]
    busy = il.evaluate(offers, il.preset_weights("busy_full_timer"), explain=False)["verdict"]
    both_decline = (default != "accept") & (busy != "accept")
    assert ((default == "decline_keep_in_touch") == (busy == "decline_keep_in_touch"))[
        both_decline
    ].all()


# --- result shape and contract ----------------------------------------------------


def test_result_keeps_every_input_column_in_order_and_adds_the_results(example_offers):
    result = il.evaluate(example_offers)
    assert list(result.columns[: len(example_offers.columns)]) == list(example_offers.columns)
    assert list(result.columns[len(example_offers.columns) :]) == list(il.RESULT_COLUMNS)
    pd.testing.assert_frame_equal(result[example_offers.columns], example_offers)
    assert result["borderline"].dtype == bool
    assert result["verdict"].isin(il.VERDICTS).all()
    assert result["flips_to"].dtype == result["verdict"].dtype
    assert result.attrs["model"] is il.DEFAULT_MODEL


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
    assert il.DEFAULT_MODEL.pairs == (
        ("practice", "time_cost"),
        ("surprise", "confusion"),
        ("doors", "interest"),
    )
    for reason, caveat in il.DEFAULT_MODEL.pairs:
        assert il.DEFAULT_WEIGHTS[caveat] >= il.DEFAULT_WEIGHTS[reason]


def test_the_defaults_are_what_the_fitting_script_finds_best():
    import runpy

    from .helpers import REPO

    script = runpy.run_path(str(REPO / "scripts" / "fit_default_weights.py"))
    model = il.DEFAULT_MODEL
    scenarios = pd.concat(
        [il.load_offers(PUBLIC_SCENARIOS), il.load_offers(OWN_SCENARIOS)], ignore_index=True
    )
    cols = scenarios[list(model.names)].to_numpy(dtype=float).T
    accept = (scenarios["expected"] == "accept").to_numpy()
    best = max(
        script["margins"](
            model.replace(relief=float(r)), script["candidates"](model), cols, accept
        ).max()
        for r in script["RELIEFS"]
    )
    ours = script["margins"](model, model.weight_vector()[None, :], cols, accept)[0]
    assert ours == pytest.approx(best, abs=1e-12)
    assert ours > 0.18  # every scenario is at least 0.18 rating points from the line


def test_an_exact_tie_declines():
    # Interest 5 is neutral; with every other rating 0 the score is exactly zero.
    assert score_of(interest=5, practice=0, surprise=0, doors=0, time_cost=0, confusion=0) == 0
    assert verdict_of(interest=5, practice=0, surprise=0, doors=0, time_cost=0, confusion=0) == (
        "decline"
    )


def test_score_matches_the_documented_formula_by_hand():
    # P02 at default weights, every term written out.
    total = sum(il.DEFAULT_WEIGHTS.values())
    w = {k: v / total for k, v in il.DEFAULT_WEIGHTS.items()}
    relief = 1 - il.DEFAULT_MODEL.relief * 2 / 10  # interest 2 relieves the costs a little
    i, p, s, d, t, c = 2, 9, 3, 3, 2, 2
    expected = (
        w["interest"] * (i - 5)
        + w["practice"] * p
        - min(w["practice"], w["time_cost"]) * p * t / 10
        + w["surprise"] * s
        - min(w["surprise"], w["confusion"]) * s * c / 10
        + w["doors"] * d
        - min(w["doors"], w["interest"]) * d * (10 - i) / 10
        - w["time_cost"] * t * relief
        - w["confusion"] * c * relief
    )
    got = score_of(interest=i, practice=p, surprise=s, doors=d, time_cost=t, confusion=c)
    assert got == pytest.approx(expected, abs=1e-12)


# --- borderline: the vectorised shortcut agrees with re-running the model ------------


def brute_force_flips(table: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """Re-run evaluate once per documented perturbation; collect what each gives."""
    model = il.DEFAULT_MODEL
    base = il.evaluate(table, weights, explain=False)["verdict"].cat.codes.to_numpy()
    changed = []
    for name, factor in itertools.product(model.names, (-1, 1)):
        moved = dict(weights) | {name: weights[name] * (1 + factor * model.weight_step)}
        changed.append(il.evaluate(table, moved, explain=False)["verdict"].cat.codes.to_numpy())
    for name, step in itertools.product(model.names, (-1, 1)):
        moved_table = table.copy()
        moved_table[name] = np.clip(table[name] + step * model.rating_step, 0, 10)
        changed.append(il.evaluate(moved_table, weights, explain=False)["verdict"].cat.codes)
    outcomes = np.column_stack(changed)
    go_now = base == ACCEPT
    go_flips = ((outcomes == ACCEPT) != go_now[:, None]).any(axis=1)
    declines = np.isin(outcomes, (DECLINE, KEEP_IN_TOUCH)) & (outcomes != base[:, None])
    door_flips = ~go_now & (declines & ~go_flips[:, None]).any(axis=1)
    return pd.DataFrame({"base": base, "borderline": go_flips, "door_flips": door_flips})


@pytest.mark.parametrize("seed", range(4))
def test_borderline_and_flips_to_agree_with_rerunning_the_model_per_perturbation(seed):
    table = il.random_offers(1500, seed=seed)
    rng = np.random.default_rng(seed)
    weights = dict(zip(il.FACTOR_NAMES, rng.uniform(0, 3, 6).round(1), strict=True))
    weights["interest"] = max(weights["interest"], 0.1)
    weights["doors"] = max(weights["doors"], 0.1)
    result = il.evaluate(table, weights, explain=False)
    brute = brute_force_flips(table, weights)
    np.testing.assert_array_equal(result["borderline"], brute["borderline"])
    assert 0 < result["borderline"].sum() < len(table)  # the check is not vacuous

    codes = result["flips_to"].cat.codes.to_numpy()
    base = brute["base"].to_numpy()
    close = brute["borderline"].to_numpy()
    # A close call names the other side of go / don't-go ...
    assert ((codes == ACCEPT) == (close & (base != ACCEPT))).all()
    declined_as = np.where(result["doors"] >= il.DEFAULT_MODEL.keep_in_touch_from, 1, 0)
    assert (codes[close & (base == ACCEPT)] == declined_as[close & (base == ACCEPT)]).all()
    # ... otherwise a keep in touch <-> decline flip, exactly where one exists.
    other = ~close
    np.testing.assert_array_equal(codes[other] != NO_FLIP, brute["door_flips"].to_numpy()[other])
    assert (codes[other & (codes != NO_FLIP)] != base[other & (codes != NO_FLIP)]).all()


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


def test_a_model_without_keep_in_touch_gives_verdicts_for_many_weights_at_once():
    model = il.DEFAULT_MODEL.replace(keep_in_touch=None)
    cols = np.full((len(model.names), 4), 5.0)
    codes = model.verdicts(cols, model.normalise(np.ones((3, len(model.names)))))
    assert codes.shape == (3, 4)
    assert not (codes == KEEP_IN_TOUCH).any()


def test_weights_whose_sum_overflows_get_a_clear_error_not_all_declines():
    with pytest.raises(il.WeightsError, match=r"add up to more than 1e\+300.*divide them all"):
        il.evaluate(il.load_example_offers(), {"interest": 1e308, "practice": 1e308})
    # Huge but summable weights still score, scale-free, like their ratios.
    big = il.evaluate(
        il.load_example_offers(), dict.fromkeys(il.FACTOR_NAMES, 1e290), explain=False
    )
    one = il.evaluate(il.load_example_offers(), dict.fromkeys(il.FACTOR_NAMES, 1.0), explain=False)
    np.testing.assert_allclose(big["score"], one["score"], atol=1e-9)
