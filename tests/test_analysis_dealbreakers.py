"""The coach analyses respect deal-breakers: a blocked offer is never ``accept``.

As in ``test_sensitivity``, every reference only calls :func:`interview_lab.evaluate`
(which applies deal-breakers with ``Model.block_accept``): grids over weights, scans
of ratings, loops over weight draws. The example model file has two rules on its
own factors (commute over 90 minutes, salary under 45,000), and two of its five
offers break one, though their scores would say "go".
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab import analysis as se
from interview_lab.core.factors import Dealbreaker
from interview_lab.core.i18n import has_text
from interview_lab.core.resources import data_path
from interview_lab.text.explain import verdict_label

from .test_sensitivity import (
    MODEL,
    TEAM_MODEL,
    check_acceptability_against_a_loop,
    check_intervals_on_a_grid,
    check_tornado_against_a_sweep,
    information_by_brute_force,
    texts,
    verdict_at,
)

EXAMPLE = il.load_model(data_path("models/salary_commute.toml"))
OFFERS = il.load_offers(data_path("offers_salary_commute.csv"), EXAMPLE)
WEIGHTS = dict(EXAMPLE.default_weights)
#: Other priorities: one that makes more offers go, one without doors (no keep in touch).
OTHER_WEIGHTS = (
    WEIGHTS | {"practice": 4.0, "time_cost": 1.0, "salary": 0.5},
    WEIGHTS | {"doors": 0.0, "interest": 1.0, "commute_min": 3.0},
)
#: A rule on a column that is no factor of the model; one offer's value is blank.
DISTANCE = Dealbreaker(
    "distance_km", texts("more than 50 km away", "mehr als 50 km entfernt"), max=50
)
WITH_DISTANCE = EXAMPLE.replace(dealbreakers=(*EXAMPLE.dealbreakers, DISTANCE))
OFFERS_WITH_DISTANCE = OFFERS.assign(distance_km=[10.0, np.nan, 30.0, 20.0, 75.0])


def evaluated(offers, weights, model):
    return il.evaluate(offers, weights, model=model, explain=False)


def blocked_of(offers, model) -> np.ndarray:
    """Which offers break a deal-breaker, as evaluate lists them."""
    if not model.dealbreakers:
        return np.zeros(len(offers), dtype=bool)
    return (evaluated(offers, {}, model)["dealbreakers"] != "").to_numpy()


def test_the_example_has_blocked_offers_whose_scores_would_say_go():
    blocked = blocked_of(OFFERS, EXAMPLE)
    assert blocked.tolist() == [False, False, True, True, False]
    free = EXAMPLE.replace(dealbreakers=())
    for weights in (WEIGHTS, OTHER_WEIGHTS[0]):
        assert verdict_at(OFFERS[blocked], weights, free) == ["accept", "accept"]
    for weights in (WEIGHTS, *OTHER_WEIGHTS):
        assert "accept" not in verdict_at(OFFERS[blocked], weights, EXAMPLE)


# --- weights: stability intervals, sweep, tornado, top offer ---------------------------


@pytest.mark.parametrize("weights", [WEIGHTS, *OTHER_WEIGHTS])
def test_stability_intervals_of_the_example_match_a_weight_grid(weights):
    intervals = se.stability_intervals(OFFERS, weights, model=EXAMPLE)
    now = verdict_at(OFFERS, weights, EXAMPLE)
    assert intervals.drop_duplicates("offer")["verdict"].tolist() == now
    check_intervals_on_a_grid(OFFERS, weights, intervals, EXAMPLE, step=0.1, top=8.0)
    # A blocked offer cannot be made to go by any weight: its range is everything,
    # but for doors' at 0, where keep in touch <-> decline changes.
    blocked = intervals[intervals["offer"].isin(OFFERS["offer"][blocked_of(OFFERS, EXAMPLE)])]
    assert (blocked["verdict"] != "accept").all()
    assert (blocked["low"] == 0).all()
    ends = blocked[blocked["high"] != math.inf]
    assert set(ends["factor"]) <= {"doors"}
    assert (ends["weight"] == 0).all()


def test_stability_intervals_with_a_rule_on_another_column_match_a_weight_grid():
    intervals = se.stability_intervals(OFFERS_WITH_DISTANCE, WEIGHTS, model=WITH_DISTANCE)
    assert intervals.drop_duplicates("offer")["verdict"].tolist() == verdict_at(
        OFFERS_WITH_DISTANCE, WEIGHTS, WITH_DISTANCE
    )
    last = intervals[intervals["offer"] == OFFERS["offer"].iloc[4]]
    assert (last["verdict"] == "decline").all()  # 75 km away: no longer go
    check_intervals_on_a_grid(
        OFFERS_WITH_DISTANCE, WEIGHTS, intervals, WITH_DISTANCE, step=0.25, top=6.0
    )


@pytest.mark.parametrize("weights", [WEIGHTS, OTHER_WEIGHTS[1]])
def test_the_sweep_gives_evaluates_verdicts_at_every_weight(weights):
    swept = se.sweep(OFFERS, weights, steps=9, model=EXAMPLE)
    for (factor, weight), group in swept.groupby(["factor", "weight"], sort=False):
        if sum(weights.values()) - weights[factor] + weight <= 0:
            continue
        expected = evaluated(OFFERS, weights | {factor: weight}, EXAMPLE)
        np.testing.assert_allclose(group["score"], expected["score"])
        assert group["verdict"].tolist() == expected["verdict"].tolist(), (factor, weight)
    blocked = swept["offer"].isin(OFFERS["offer"][blocked_of(OFFERS, EXAMPLE)])
    assert (swept.loc[blocked, "verdict"] != "accept").all()


def test_tornado_and_the_top_offer_go_by_the_score_alone():
    check_tornado_against_a_sweep(OFFERS, WEIGHTS, EXAMPLE, steps=801, tolerance=5e-2)
    free = EXAMPLE.replace(dealbreakers=())
    pd.testing.assert_frame_equal(se.tornado(OFFERS, model=EXAMPLE), se.tornado(OFFERS, model=free))
    pd.testing.assert_frame_equal(
        se.top_offer_intervals(OFFERS, model=EXAMPLE),
        se.top_offer_intervals(OFFERS, model=free),
    )


# --- rank acceptability ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("offers", "model"), [(OFFERS, EXAMPLE), (OFFERS_WITH_DISTANCE, WITH_DISTANCE)]
)
def test_rank_acceptability_counts_what_a_loop_over_evaluate_gives(offers, model):
    check_acceptability_against_a_loop(offers, 150, 4, model)
    table = se.rank_acceptability(offers, n=2000, seed=0, model=model)
    blocked = blocked_of(offers, model)
    assert (table["p_accept"][blocked] == 0).all()
    assert (table["p_accept"][~blocked] > 0).all()
    free = se.rank_acceptability(offers, n=2000, seed=0, model=model.replace(dealbreakers=()))
    ranks = table.filter(like="rank_")
    pd.testing.assert_frame_equal(ranks, free.filter(like="rank_"))  # ranks: by score


# --- what would have to change --------------------------------------------------------


def verdicts_along(offers, weights, model, factor, grids):
    """evaluate's verdicts with ``factor`` set to each value of ``grids[k]`` in offer k."""
    if not sum(map(len, grids)):
        return [np.array([], dtype=object) for _ in grids]
    table = offers.loc[offers.index.repeat([len(g) for g in grids])].reset_index(drop=True)
    table[factor] = np.concatenate(grids)
    table["offer"] = [f"x{i}" for i in range(len(table))]
    verdicts = np.array(verdict_at(table, weights, model), dtype=object)
    return np.split(verdicts, np.cumsum([len(g) for g in grids])[:-1])


def nearest_flips_by_a_scan(offers, weights, model, coarse_points=1000):
    """Per offer and factor: the nearest rating in tenths of its own scale with another verdict.

    A factor with more than ``coarse_points`` tenths (a salary in euros) is scanned
    on a coarse grid first, then in tenths over the last coarse step before the first
    flip on either side; the verdict regions along one rating are intervals (the
    score is affine in it, a rule is a bound on it), so nothing narrower is missed.
    Values: the ratings and the verdicts found at the nearest distance.
    """
    base = verdict_at(offers, weights, model)
    found = {}
    for factor in model.factors:
        fine = np.round(np.arange(factor.low, factor.high + 1e-9, 0.1), 1)
        step = max(1, len(fine) // coarse_points)
        coarse = fine[::step] if fine[::step][-1] == fine[-1] else np.append(fine[::step], fine[-1])
        current = offers[factor.name].to_numpy(dtype=float)
        first = verdicts_along(offers, weights, model, factor.name, [coarse] * len(offers))
        grids = []
        for k in range(len(offers)):
            other = coarse[first[k] != base[k]]
            up = other[other > current[k] + 1e-9]
            down = other[other < current[k] - 1e-9]
            window = np.zeros(len(fine), dtype=bool)
            if len(up):
                window |= (fine > up[0] - step * 0.1 - 1e-9) & (fine <= up[0] + 1e-9)
            if len(down):
                window |= (fine >= down[-1] - 1e-9) & (fine < down[-1] + step * 0.1 + 1e-9)
            grids.append(fine[window])
        second = verdicts_along(offers, weights, model, factor.name, grids)
        for k, name in enumerate(offers["offer"]):
            flips = [
                (abs(value - current[k]), value, verdict)
                for value, verdict in zip(grids[k], second[k], strict=True)
                if verdict != base[k] and abs(value - current[k]) > 1e-9
            ]
            if flips:
                nearest = min(distance for distance, _, _ in flips)
                closest = [(v, verdict) for d, v, verdict in flips if d < nearest + 1e-9]
                found[(name, factor.name)] = (
                    {v for v, _ in closest},
                    {verdict for _, verdict in closest},
                )
    return found


def check_changes_against_a_scan(offers, weights, changes, model):
    expected = nearest_flips_by_a_scan(offers, weights, model)
    found = {
        (row.offer, row.factor): (row.needed, row.new_verdict)
        for row in changes.itertuples()
        if isinstance(row.factor, str)
    }
    assert found.keys() == expected.keys()
    for key, (values, verdicts) in expected.items():
        value, verdict = found[key]
        assert any(value == pytest.approx(v, abs=1e-9) for v in values), (key, value, values)
        assert verdict in verdicts, key
    nothing = changes[changes["factor"].isna()]["offer"]
    assert set(nothing) == set(offers["offer"]) - {offer for offer, _ in expected}


@pytest.mark.parametrize("weights", [WEIGHTS, *OTHER_WEIGHTS])
def test_what_would_change_finds_what_a_scan_of_ratings_finds(weights):
    changes = se.what_would_change(OFFERS, weights, model=EXAMPLE)
    check_changes_against_a_scan(OFFERS, weights, changes, EXAMPLE)
    blocked = OFFERS["offer"][blocked_of(OFFERS, EXAMPLE)]
    goes = changes[changes["offer"].isin(blocked) & (changes["new_verdict"] == "accept")]
    # Only lifting the rule itself, on its own column, can make a blocked offer go.
    assert set(goes["factor"]) <= {"commute_min", "salary"}
    for row in goes.itertuples():
        moved = OFFERS[OFFERS["offer"] == row.offer].assign(**{row.factor: row.needed})
        assert blocked_of(moved, EXAMPLE).tolist() == [False]


def test_what_would_change_with_a_rule_on_another_column_finds_what_a_scan_finds():
    changes = se.what_would_change(OFFERS_WITH_DISTANCE, WEIGHTS, model=WITH_DISTANCE)
    check_changes_against_a_scan(OFFERS_WITH_DISTANCE, WEIGHTS, changes, WITH_DISTANCE)
    far = changes[changes["offer"] == OFFERS["offer"].iloc[4]]
    assert "accept" not in set(far["new_verdict"].dropna())


def test_the_blocked_offers_rows_say_which_rule_rules_out_go_in_both_languages():
    stadtwerke = OFFERS["offer"].iloc[2]
    english = se.what_would_change(OFFERS, model=EXAMPLE)
    german = se.what_would_change(OFFERS, lang="de", model=EXAMPLE)
    for table, opening in (
        (english, "“commute over 90 minutes” rules out “go” whatever the other ratings. "),
        (
            german,
            (
                "„Pendelzeit über 90 Minuten“ schließt „zusagen“ aus, unabhängig von den "
                "übrigen Einschätzungen. "
            ),
        ),
    ):
        rows = table[table["offer"] == stadtwerke]
        assert rows["text"].str.startswith(opening).all()
        others = table[~table["offer"].isin(OFFERS["offer"][blocked_of(OFFERS, EXAMPLE)])]
        assert not others["text"].str.contains(opening.strip()).any()
    first = english[english["offer"] == stadtwerke].iloc[0]
    assert first["text"].endswith(
        f"If doors were 6.4 instead of 7, this would be “{verdict_label('decline', 'en')}”."
    )
    # A rule on a column that is no rating: whatever the ratings.
    far = OFFERS["offer"].iloc[4]
    for lang, sentence in (
        ("en", "“more than 50 km away” rules out “go” whatever the ratings. "),
        ("de", ("„mehr als 50 km entfernt“ schließt „zusagen“ aus, unabhängig von den "
                "Einschätzungen. ")),
    ):  # fmt: skip
        table = se.what_would_change(OFFERS_WITH_DISTANCE, lang=lang, model=WITH_DISTANCE)
        assert table[table["offer"] == far]["text"].str.startswith(sentence).all()
    assert has_text("analysis.change.dealbreaker")
    assert has_text("analysis.change.dealbreaker_own")


def test_a_blocked_offer_that_nothing_flips_says_both():
    # Acme, salary under 45,000, made worth going; no keep in touch (doors weigh 0).
    offer = OFFERS.iloc[[3]].assign(doors=3.0, practice=10.0, interest=10.0, distance_km=10)
    weights = WEIGHTS | {"doors": 0.0}
    model = EXAMPLE.replace(dealbreakers=(EXAMPLE.dealbreakers[1], DISTANCE))
    changes = se.what_would_change(offer, weights, model=model)
    assert changes[["factor", "needed", "new_verdict"]].values.tolist() == [
        ["salary", 45000.0, "accept"]
    ]
    changes = se.what_would_change(offer.assign(distance_km=99), weights, model=model)
    assert changes["factor"].isna().all()
    assert changes["text"][0] == (
        "“salary under 45,000” rules out “go” whatever the other ratings. "
        "“more than 50 km away” rules out “go” whatever the ratings. "
        "No single rating change would change the verdict “decline”."
    )


# --- what to find out first -----------------------------------------------------------

UNSURE = {"interest": 5, "practice": 4, "surprise": 3, "doors": 7, "time_cost": 4,
          "salary": (35000, 90000), "commute_min": (20, 110), "team": 6}  # fmt: skip


def test_a_range_on_a_rule_column_is_ranked_by_what_evaluate_gives():
    found = se.what_to_find_out_first(UNSURE, model=EXAMPLE)
    assert set(found["factor"]) == {"salary", "commute_min"}
    points = min(41, int(se.FIND_OUT_GRID ** (1 / len(found))))
    for row in found.itertuples():
        reference = information_by_brute_force(UNSURE, row.factor, points, EXAMPLE)
        assert row.information == pytest.approx(reference, abs=1e-9), row.factor
    commute = found.set_index("factor").loc["commute_min"]
    assert commute["at_high"] != "accept"  # 110 minutes
    probabilities = found.attrs["probabilities"]
    axes = {k: np.linspace(*v, points) if isinstance(v, tuple) else [v] for k, v in UNSURE.items()}
    table = pd.DataFrame(
        [dict(zip(axes, c, strict=True)) for c in itertools.product(*axes.values())]
    )
    table.insert(0, "offer", [f"o{k}" for k in range(len(table))])
    share = pd.Series(verdict_at(table, {}, EXAMPLE)).value_counts(normalize=True)
    assert probabilities["accept"] == pytest.approx(share.get("accept", 0.0))


def test_a_known_breach_rules_out_go_over_every_range():
    offer = UNSURE | {"commute_min": 100, "doors": (0, 10)}
    found = se.what_to_find_out_first(offer, model=EXAMPLE)
    assert found.attrs["probabilities"]["accept"] == 0
    assert "accept" not in set(found["at_low"]) | set(found["at_high"])


@pytest.mark.parametrize(
    ("distance", "blocked"), [(80, True), (30, False), (None, False), (np.nan, False), ("", False)]
)
def test_a_rule_on_another_column_is_checked_when_the_offer_has_it(distance, blocked):
    known = dict.fromkeys(EXAMPLE.names, 5) | {"salary": 60000, "commute_min": 30}
    offer = known | {"distance_km": distance}
    found = se.what_to_find_out_first(offer, model=WITH_DISTANCE)
    row = pd.DataFrame([{"offer": "x", **offer}])
    assert found.attrs["verdict"] == verdict_at(row, {}, WITH_DISTANCE)[0]
    assert found.attrs["verdict"] == ("decline" if blocked else "accept")
    missing = se.what_to_find_out_first(known, model=WITH_DISTANCE)  # unknown: no breach
    assert missing.attrs["verdict"] == verdict_at(pd.DataFrame([{"offer": "x", **known}]), {},
                                                  EXAMPLE)[0]  # fmt: skip


def test_a_range_on_another_rule_column_is_an_unknown_like_a_rating():
    offer = dict.fromkeys(EXAMPLE.names, 5) | {
        "salary": 60000, "commute_min": 30, "practice": (0, 10), "distance_km": (0, 100)
    }  # fmt: skip
    found = se.what_to_find_out_first(offer, model=WITH_DISTANCE)
    assert set(found["factor"]) == {"practice", "distance_km"}
    points = min(41, int(se.FIND_OUT_GRID ** (1 / len(found))))
    for row in found.itertuples():
        reference = information_by_brute_force(offer, row.factor, points, WITH_DISTANCE)
        assert row.information == pytest.approx(reference, abs=1e-9), row.factor
    distance = found.set_index("factor").loc["distance_km"]
    assert (distance["low"], distance["high"], distance["at_high"]) == (0, 100, "decline")
    assert distance["text"].startswith("distance_km (0 to 100): at 0 the answer is")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("far", ("offer: 'distance_km' (deal-breaker “more than 50 km away”) must be a "
                 "number, a (low, high) range or blank when unknown, got 'far'.")),
        ((60, 20), "offer: 'distance_km' range (60, 20) must satisfy low <= high."),
        ((1, 2, 3), "offer: 'distance_km' (deal-breaker"),
        (math.inf, "offer: 'distance_km' (deal-breaker"),
    ],
)  # fmt: skip
def test_a_bad_value_of_another_rule_column_is_refused_clearly(value, message):
    offer = dict.fromkeys(EXAMPLE.names, 5) | {"salary": 60000, "commute_min": 30}
    with pytest.raises(il.OfferDataError) as error:
        se.what_to_find_out_first(offer | {"distance_km": value}, model=WITH_DISTANCE)
    assert str(error.value).startswith(message)


# --- personas and errors --------------------------------------------------------------


def test_side_by_side_gives_evaluates_verdicts():
    compared = se.side_by_side(OFFERS, WEIGHTS, OTHER_WEIGHTS[0], model=EXAMPLE)
    for prefix, weights in (("first", WEIGHTS), ("second", OTHER_WEIGHTS[0])):
        assert compared[f"{prefix}_verdict"].tolist() == verdict_at(OFFERS, weights, EXAMPLE)
    assert (compared.loc[blocked_of(OFFERS, EXAMPLE), "second_verdict"] != "accept").all()


@pytest.mark.parametrize(
    "analysis",
    [
        lambda offers, model: se.stability_intervals(offers, model=model),
        lambda offers, model: se.sweep(offers, model=model, steps=3),
        lambda offers, model: se.rank_acceptability(offers, n=10, model=model),
        lambda offers, model: se.what_would_change(offers, model=model),
    ],
)
def test_offers_without_a_rule_column_are_refused_as_evaluate_refuses_them(analysis):
    with pytest.raises(il.OfferDataError) as expected:
        evaluated(OFFERS, {}, WITH_DISTANCE)
    with pytest.raises(il.OfferDataError) as error:
        analysis(OFFERS, WITH_DISTANCE)
    assert str(error.value) == str(expected.value)
    assert "distance_km" in str(error.value)


# --- properties -----------------------------------------------------------------------


@st.composite
def rules(draw, model):
    """A deal-breaker with random bounds on a factor or on the extra column ``distance``."""
    column = draw(st.sampled_from([*model.names, "distance"]))
    low, high = (0.0, 100.0) if column == "distance" else (
        model.factor(column).low, model.factor(column).high
    )  # fmt: skip
    bound = st.floats(low, high).map(lambda x: round(x, 1))
    first, second = sorted((draw(bound), draw(bound)))
    kind = draw(st.sampled_from(["min", "max", "both"]))
    return Dealbreaker(
        column,
        texts(f"rule on {column}", f"Regel zu {column}"),
        min=first if kind != "max" else None,
        max=second if kind != "min" else None,
    )


@st.composite
def blocked_cases(draw):
    """A model with random deal-breakers, random offers (with a ``distance``) and weights."""
    base = draw(st.sampled_from([MODEL, TEAM_MODEL]))
    model = base.replace(dealbreakers=tuple(draw(st.lists(rules(base), min_size=1, max_size=3))))
    count = draw(st.integers(1, 4))
    offers = il.random_offers(count, seed=draw(st.integers(0, 10**6)), model=model)
    distance = draw(st.lists(st.none() | st.integers(0, 100), min_size=count, max_size=count))
    offers["distance"] = [np.nan if d is None else float(d) for d in distance]
    values = draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 4.5]),
                           min_size=len(model), max_size=len(model)))  # fmt: skip
    if sum(values) == 0:
        values[0] = 1.0
    return model, offers, dict(zip(model.names, values, strict=True))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=blocked_cases())
def test_no_analysis_ever_lets_a_blocked_offer_go(case):
    model, offers, weights = case
    result = evaluated(offers, weights, model)
    blocked = (result["dealbreakers"] != "").to_numpy()
    names = set(offers["offer"][blocked])
    now = result["verdict"].astype(str).tolist()
    assert "accept" not in {now[k] for k in np.flatnonzero(blocked)}

    intervals = se.stability_intervals(offers, weights, model=model)
    assert intervals.drop_duplicates("offer")["verdict"].tolist() == now
    ruled = intervals[intervals["offer"].isin(names)]
    assert (ruled["verdict"] != "accept").all()
    assert (ruled["low"] == 0).all()
    ends = ruled[ruled["high"] != math.inf]
    assert set(ends["factor"]) <= {model.keep_in_touch}
    assert (ends["high"] == 0).all()

    swept = se.sweep(offers, weights, steps=4, model=model)
    assert (swept.loc[swept["offer"].isin(names), "verdict"] != "accept").all()
    factor = model.names[0]
    for weight, group in swept[swept["factor"] == factor].groupby("weight"):
        assert group["verdict"].tolist() == verdict_at(offers, weights | {factor: weight}, model)

    table = se.rank_acceptability(offers, weights, n=60, seed=1, model=model)
    assert (table.loc[list(names), "p_accept"] == 0).all()

    changes = se.what_would_change(offers, weights, model=model)
    check_changes_against_a_scan(offers, weights, changes, model)
    columns = {rule.column for rule in model.dealbreakers}
    for row in changes[changes["offer"].isin(names)].itertuples():
        assert row.text.startswith("“rule on ")
        if row.new_verdict == "accept":  # only by lifting the rule on that very rating
            assert row.factor in columns
            moved = offers[offers["offer"] == row.offer].assign(**{row.factor: row.needed})
            assert (evaluated(moved, weights, model)["dealbreakers"] == "").all()

    compared = se.side_by_side(offers, weights, weights, model=model)
    assert compared["first_verdict"].astype(str).tolist() == now

    # The first offer, one rating unsure that no rule is on: the rules stay as they are.
    free = [name for name in model.names if name not in columns]
    unsure = {name: float(offers[name].iloc[0]) for name in model.names}
    unsure[free[0]] = (model.factor(free[0]).low, model.factor(free[0]).high)
    distance = offers["distance"].iloc[0]
    found = se.what_to_find_out_first(unsure | {"distance": distance}, weights, model=model)
    if blocked[0]:
        assert found.attrs["probabilities"]["accept"] == 0
        assert "accept" not in set(found["at_low"]) | set(found["at_high"])
    points = min(41, int(se.FIND_OUT_GRID))  # one unknown
    reference = information_by_brute_force(
        unsure | {"distance": distance}, free[0], points, model, weights
    )
    assert found["information"].iloc[0] == pytest.approx(reference, abs=1e-9)
