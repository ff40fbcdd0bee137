"""The interview budget (issue 6): exact plans, their reasons and their bad input."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab.analysis.budget import (
    MAX_HOURS,
    MAX_INTERVIEWS,
    TIE,
    best_subset,
    check_hours,
    check_interviews,
    format_hours,
)
from interview_lab.text.explain import format_number
from tests.helpers import assert_german


def brute_force(values, minutes, capacity, max_count):
    """Every subset: the best total value, then the greatest in/out vector in order."""
    n = len(values)
    feasible = []
    # product() lists masks in decreasing in/out order: (True, True, ...) first.
    for mask in itertools.product((True, False), repeat=n):
        taken = [k for k in range(n) if mask[k]]
        if any(values[k] <= 0 for k in taken):
            continue
        if len(taken) <= max_count and sum(minutes[k] for k in taken) <= capacity:
            feasible.append((mask, sum(values[k] for k in taken)))
    best_value = max(total for _, total in feasible)
    first_best = next(mask for mask, total in feasible if total >= best_value - TIE)
    return np.array(first_best, dtype=bool), best_value


# Values from a small set make ties common; minutes from a coarse grid too.
tied_values = st.sampled_from([-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0])
any_values = st.floats(min_value=-3, max_value=5, allow_nan=False)
knapsacks = st.integers(min_value=0, max_value=9).flatmap(
    lambda n: st.tuples(
        st.lists(st.one_of(tied_values, any_values), min_size=n, max_size=n),
        st.lists(st.sampled_from([0, 30, 60, 90, 120, 240, 45, 7]), min_size=n, max_size=n),
        st.integers(min_value=0, max_value=600),
        st.integers(min_value=0, max_value=10),
    )
)


@settings(max_examples=400, deadline=None)
@given(knapsack=knapsacks)
def test_best_subset_matches_brute_force_over_all_subsets(knapsack):
    values, minutes, capacity, max_count = knapsack
    expected, best_value = brute_force(values, minutes, capacity, max_count)
    chosen = best_subset(values, minutes, capacity, max_count)
    assert sum(np.array(values)[chosen]) == pytest.approx(best_value, abs=1e-7)
    assert np.array(minutes)[chosen].sum() <= capacity
    assert chosen.sum() <= max_count
    assert chosen.tolist() == expected.tolist()


rating = st.integers(min_value=0, max_value=10)
offer_rows = st.fixed_dictionaries(
    {
        **dict.fromkeys(il.DEFAULT_MODEL.names, rating),
        "prep_hours": st.sampled_from([0, 0.5, 1, 2, 3.25, 4, 6, 8, ""]),
    }
)
offer_tables = st.lists(offer_rows, min_size=1, max_size=8).map(
    lambda rows: pd.DataFrame([{"offer": f"o{k}", **row} for k, row in enumerate(rows)])
)


@settings(max_examples=150, deadline=None)
@given(
    table=offer_tables,
    hours=st.sampled_from([0, 1, 2.5, 4, 7, 10, 40]),
    interviews=st.integers(min_value=0, max_value=5),
)
def test_plan_is_the_best_accept_only_plan_within_both_limits(table, hours, interviews):
    planned = il.plan(table, hours=hours, interviews=interviews)
    accepted = (planned["verdict"] == "accept").to_numpy()
    prep = planned["prep_hours"].to_numpy(dtype=float)
    values = np.where(accepted, planned["score"], 0.0).tolist()
    minutes = np.rint(prep * 60).astype(int).tolist()
    expected, best_value = brute_force(values, minutes, round(hours * 60), interviews)

    chosen = planned["chosen"].to_numpy(dtype=bool)
    assert chosen.tolist() == expected.tolist()
    assert not (chosen & ~accepted).any()
    assert prep[chosen].sum() <= hours + 1e-9
    assert chosen.sum() <= interviews
    assert planned.attrs["plan"]["total_score"] == pytest.approx(best_value, abs=1e-7)
    blank = (table["prep_hours"] == "").to_numpy()
    assert (prep[blank] == il.DEFAULT_PREP_HOURS).all()
    keep_in_touch = (planned["verdict"] == "decline_keep_in_touch").to_numpy()
    assert (planned["action"][keep_in_touch] == "reply_dont_go").all()
    assert (planned["action"][chosen] == "go").all()
    assert planned["reason"].str.len().gt(0).all()


def offers(*rows: tuple[str, float, float]) -> pd.DataFrame:
    """Offers named ``name`` that all accept, each with its interest and prep hours."""
    return pd.DataFrame(
        [
            {"offer": name, "interest": interest, "practice": 5, "surprise": 3,
             "doors": 3, "time_cost": 2, "confusion": 2, "prep_hours": prep}
            for name, interest, prep in rows
        ]
    )  # fmt: skip


def chosen_names(planned: pd.DataFrame) -> list[str]:
    return planned.loc[planned["chosen"], "offer"].tolist()


def test_the_example_plan_takes_the_best_two_that_fit(example_offers):
    planned = il.plan(example_offers, hours=10, interviews=2)
    assert chosen_names(planned) == [
        "Nordlicht Analytics — Data Analyst",
        "Acme Corp — Junior BI Developer",
    ]
    assert planned.attrs["plan"] == {
        "hours": 10.0,
        "interviews": 2,
        "hours_used": 10.0,
        "interviews_used": 2,
        "total_score": pytest.approx(planned["score"][planned["chosen"]].sum()),
        "default_prep_hours": il.DEFAULT_PREP_HOURS,
    }


def test_two_small_offers_can_beat_one_big_one():
    table = offers(("big", 9, 8), ("small a", 7, 4), ("small b", 7, 4))
    planned = il.plan(table, hours=8, interviews=3)
    scores = dict(zip(planned["offer"], planned["score"], strict=True))
    assert scores["big"] < scores["small a"] + scores["small b"]
    assert chosen_names(planned) == ["small a", "small b"]
    big = planned.set_index("offer").loc["big", "reason"]
    assert big == "out: 8 h of preparation would exceed the 0 h left"


def test_when_everything_fits_every_accepted_offer_is_chosen(example_offers):
    planned = il.plan(example_offers, hours=1000, interviews=100)
    assert planned["chosen"].tolist() == (planned["verdict"] == "accept").tolist()


def test_when_nothing_fits_nothing_is_chosen_and_each_says_why():
    planned = il.plan(offers(("a", 8, 5), ("b", 7, 6)), hours=4, interviews=2)
    assert not planned["chosen"].any()
    assert planned["reason"].tolist() == [
        "out: needs 5 h of preparation, more than the 4 h available",
        "out: needs 6 h of preparation, more than the 4 h available",
    ]


def test_zero_limits_are_valid_and_explained():
    table = offers(("a", 8, 0), ("b", 8, 2))
    no_hours = il.plan(table, hours=0, interviews=2)
    assert chosen_names(no_hours) == ["a"]  # no preparation needed, so it fits
    assert no_hours["reason"][1] == "out: needs 2 h of preparation, more than the 0 h available"
    no_interviews = il.plan(table, hours=10, interviews=0)
    assert not no_interviews["chosen"].any()
    assert set(no_interviews["reason"]) == {"out: the limit allows no interviews"}


def test_equal_values_go_to_the_offer_listed_first_or_dated_sooner():
    table = offers(("first", 8, 4), ("second", 8, 4))
    assert chosen_names(il.plan(table, hours=4, interviews=2)) == ["first"]
    assert chosen_names(il.plan(table.iloc[::-1], hours=4, interviews=2)) == ["second"]
    dated = table.assign(date=["2026-12-10", "03.12.2026"])
    assert chosen_names(il.plan(dated, hours=4, interviews=2)) == ["second"]
    undated_first = table.assign(date=["", "2026-12-10"])
    assert chosen_names(il.plan(undated_first, hours=4, interviews=2)) == ["second"]


def test_the_interview_limit_reason_names_the_limit():
    planned = il.plan(offers(("a", 9, 1), ("b", 8, 1), ("c", 7, 1)), hours=10, interviews=2)
    assert chosen_names(planned) == ["a", "b"]
    assert planned["reason"][2] == (
        "out: all 2 interviews go to the chosen offers, which together score more"
    )


def test_decline_is_never_chosen_and_keep_in_touch_is_listed_as_reply(example_offers):
    planned = il.plan(example_offers, hours=1000, interviews=100)
    by_verdict = planned.groupby("verdict", observed=True)
    assert not by_verdict.get_group("decline")["chosen"].any()
    keep = by_verdict.get_group("decline_keep_in_touch")
    assert set(keep["action"]) == {"reply_dont_go"}
    assert set(keep["reason"]) == {"reply, don't go: decline politely and stay in touch"}
    assert set(by_verdict.get_group("decline")["reason"]) == {
        "out: not worth going (verdict: decline)"
    }


def test_reasons_are_in_german_with_a_decimal_comma():
    planned = il.plan(offers(("a", 8, 2.5), ("b", 7, 2)), hours=3.5, interviews=2, lang="de")
    assert planned["reason"].tolist() == [
        (
            f"ausgewählt: Punktzahl {format_number(planned['score'][0], 'de', True, 2)}, "
            "2,5 Std. Vorbereitungszeit"
        ),
        "nicht ausgewählt: 2 Std. Vorbereitungszeit wären mehr als die verbleibenden 1 Std.",
    ]


def test_a_blank_or_missing_prep_hours_takes_the_default_and_says_so():
    table = offers(("a", 8, 1), ("b", 8, 1)).astype({"prep_hours": object})
    table.loc[1, "prep_hours"] = None
    planned = il.plan(table, hours=3, interviews=2)
    assert planned["prep_hours"].tolist() == [1.0, il.DEFAULT_PREP_HOURS]
    assert "(assumed: no preparation hours given)" in planned["reason"][1]
    german = il.plan(table, hours=3, interviews=2, lang="de")
    assert "(angenommen: keine Vorbereitungszeit angegeben)" in german["reason"][1]
    without = il.plan(table.drop(columns="prep_hours"), hours=8, interviews=2, default_prep_hours=4)
    assert without["chosen"].all()
    assert without["prep_hours"].tolist() == [4.0, 4.0]


def test_preparation_is_counted_in_minutes():
    planned = il.plan(offers(("a", 8, 1 / 3), ("b", 8, 2 / 3)), hours=1, interviews=2)
    assert planned["chosen"].all()  # 20 + 40 minutes fit one hour exactly
    assert format_hours(1 / 3, "en") == "0.33 h"


def test_plan_reads_a_file_and_keeps_the_input_unchanged(tmp_path: Path, example_offers):
    path = tmp_path / "offers.csv"
    example_offers.to_csv(path, index=False, sep=";", decimal=",")
    before = example_offers.copy()
    from_file = il.plan(path, hours=10, interviews=2)
    assert chosen_names(from_file) == chosen_names(il.plan(example_offers, 10, 2))
    pd.testing.assert_frame_equal(example_offers, before)


def test_plan_uses_the_weights():
    table = offers(("a", 8, 4), ("b", 4, 4)).assign(practice=[0, 10], time_cost=[0, 0])
    assert chosen_names(il.plan(table, 4, 1, weights={"interest": 10})) == ["a"]
    assert chosen_names(il.plan(table, 4, 1, weights={"interest": 0.1, "practice": 10})) == ["b"]


@pytest.mark.parametrize(
    ("hours", "interviews", "message"),
    [
        (-1, 2, "hours: must be a finite number of hours >= 0 (0 is allowed"),
        ("10", 2, "hours: must be a number of hours >= 0 (the preparation time you can"),
        (math.nan, 2, "hours: must be a finite number of hours >= 0"),
        (math.inf, 2, "hours: must be a finite number of hours >= 0"),
        (True, 2, "hours: must be a number of hours >= 0"),
        (10, 2.5, "interviews: must be a whole number >= 0 (the interviews, i.e. absences"),
        (10, -1, "interviews: must be a whole number >= 0 (0 is allowed: then nothing"),
        (10, "two", "interviews: must be a whole number >= 0"),
        (10, math.inf, "interviews: must be a whole number >= 0"),
        (10, None, "interviews: must be a whole number >= 0"),
    ],
)  # fmt: skip
def test_bad_limits_name_the_value_and_what_is_allowed(hours, interviews, message, example_offers):
    with pytest.raises(il.BudgetError) as error:
        il.plan(example_offers, hours=hours, interviews=interviews)
    assert str(error.value).startswith(message)
    bad = hours if message.startswith("hours") else interviews
    assert str(error.value).endswith(f"got {bad!r}.")


def test_whole_floats_and_numpy_numbers_are_valid_limits(example_offers):
    planned = il.plan(example_offers, hours=np.float64(10), interviews=np.int64(2))
    assert planned.attrs["plan"]["interviews"] == 2
    assert il.plan(example_offers, hours=10, interviews=2.0).attrs["plan"]["interviews"] == 2


RULE = "prep_hours must be a number of hours >= 0, or blank for the default (4)"


def test_bad_prep_hours_name_the_file_row_offer_and_column(tmp_path: Path):
    path = tmp_path / "offers.csv"
    offers(("a", 8, 1), ("b", 8, 1), ("c", 8, 1)).assign(prep_hours=["-2", "lots", "2,5"]).to_csv(
        path, index=False
    )
    with pytest.raises(il.OfferDataError) as error:
        il.plan(path, hours=10, interviews=2)
    first, second = error.value.messages("en")
    # Where (file, row, offer, column), what was wrong and what is allowed.
    assert first.startswith(f"{path}, row 2 (offer 'a'), column ")
    assert "-2 is negative" in first
    assert second.startswith(f"{path}, row 3 (offer 'b'), column ")
    assert "'lots'" in second
    for message in (first, second):
        assert "preparation hours" in message
        assert "default (4 h)" in message
    assert error.value.codes[0] == "core.offers.bad_hours"
    for message in error.value.messages("de"):
        assert_german(message, allow=(str(path),))


def test_a_bad_date_names_its_row_and_the_formats():
    table = offers(("a", 8, 1), ("b", 8, 1)).assign(date=["2026-12-03", "next week"])
    with pytest.raises(il.OfferDataError) as error:
        il.plan(table, hours=10, interviews=2)
    assert tuple(error.value.messages("en")) == (
        (
            "offers, row index 1 (offer 'b'), column 'date': 'next week' is not a date; "
            "write it as 2026-12-03 or 03.12.2026, or leave it blank"
        ),
    )


def test_an_unplannably_large_table_is_refused_clearly():
    many = 30
    values = np.ones(many)
    minutes = 600_000 + np.arange(many)
    with pytest.raises(il.BudgetError, match="planning table of more than"):
        best_subset(values, minutes, capacity=int(minutes.sum()) - 1, max_count=many - 1)


def test_check_hours_names_its_parameter():
    with pytest.raises(il.BudgetError, match=r"^default_prep_hours: "):
        check_hours(-1, "default_prep_hours")


@pytest.mark.parametrize("hours", [10_000.5, 1e18, 1e300])
def test_absurd_hours_are_refused_giving_the_maximum(example_offers, hours):
    with pytest.raises(il.BudgetError, match=r"^hours: .*at most 10,000 hours"):
        il.plan(example_offers, hours=hours, interviews=2)


def test_the_maximum_hours_themselves_are_fine(example_offers):
    planned = il.plan(example_offers, hours=MAX_HOURS, interviews=2)
    assert planned.attrs["plan"]["hours"] == MAX_HOURS
    assert planned.attrs["plan"]["hours_used"] >= 0


def test_absurd_interviews_and_default_prep_hours_are_refused(example_offers):
    with pytest.raises(il.BudgetError, match=r"^interviews: .*at most 10,000"):
        il.plan(example_offers, hours=10, interviews=10**18)
    with pytest.raises(il.BudgetError, match=r"^default_prep_hours: .*at most 1,000 hours"):
        il.plan(example_offers, hours=10, interviews=2, default_prep_hours=1e9)
    assert check_interviews(MAX_INTERVIEWS) == MAX_INTERVIEWS


def test_plan_scores_with_the_model(example_offers):
    model = il.DEFAULT_MODEL.replace(relief=0.0)  # interest no longer relieves the costs
    planned = il.plan(example_offers, hours=10, interviews=2, model=model)
    expected = il.evaluate(example_offers, model=model)
    assert planned["score"].tolist() == pytest.approx(expected["score"].tolist())
    assert planned.attrs["model"] is model
    accepted = planned["verdict"] == "accept"
    assert not (planned["chosen"] & ~accepted).any()


def test_plan_without_explanations_plans_the_same(example_offers):
    full = il.plan(example_offers, hours=10, interviews=2, lang="de")
    bare = il.plan(example_offers, hours=10, interviews=2, lang="de", explain=False)
    assert "explanation" in full
    pd.testing.assert_frame_equal(bare, full.drop(columns="explanation"))


def test_plan_itself_names_the_deal_breaker_that_keeps_an_offer_out():
    from interview_lab.core.resources import data_path

    model = il.load_model(data_path("models/salary_commute.toml"))
    for lang, out in [
        ("en", "out: deal-breaker: "),
        ("de", "nicht ausgewählt: Ausschlusskriterium: "),
    ]:
        planned = il.plan(data_path("offers_salary_commute.csv"), 100, 5, model=model, lang=lang)
        blocked = planned["dealbreakers"] != ""
        assert blocked.sum() == 2
        assert not planned.loc[blocked, "chosen"].any()
        for reason, rules in zip(
            planned.loc[blocked, "reason"], planned.loc[blocked, "dealbreakers"], strict=True
        ):
            assert rules in reason
        assert any(reason.startswith(out) for reason in planned.loc[blocked, "reason"])
