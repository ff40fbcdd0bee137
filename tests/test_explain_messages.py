"""Every text of the explanations and analyses, over random inputs, in both languages.

German output must pass :func:`tests.helpers.assert_german`; English output must carry
no code signs (Python reprs, column codes).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab import analysis as se
from interview_lab.analysis import acceptability, budget, find_out
from interview_lab.core.factors import Dealbreaker
from interview_lab.text import explain
from tests.helpers import CODE_SIGNS, assert_german

NAMES = list(il.FACTOR_NAMES)
OFFER_NAMES = ("Acme", "Nordlicht")
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

rating = st.one_of(st.integers(0, 100).map(lambda t: t / 10), st.floats(0, 10))
weights_strategy = st.lists(
    st.one_of(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.5]), st.floats(0, 5)),
    min_size=6,
    max_size=6,
).filter(lambda w: sum(w) > 0)


def check(texts: list[str], lang: str) -> None:
    for value in texts:
        assert value.strip(), texts
        if lang == "de":
            assert_german(value, allow=OFFER_NAMES)
        else:
            assert not CODE_SIGNS.search(value), value


def offers_of(rows: list[list[float]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=NAMES)
    table.insert(0, "offer", [OFFER_NAMES[k % 2] + f" {k}" for k in range(len(table))])
    return table


@FAST
@given(
    rows=st.lists(st.lists(rating, min_size=6, max_size=6), min_size=1, max_size=12),
    raw=weights_strategy,
    lang=st.sampled_from(["en", "de"]),
)
def test_explanations_changes_and_plans_read_well(rows, raw, lang):
    table = offers_of(rows)
    weights = dict(zip(NAMES, raw, strict=True))
    result = il.evaluate(table, weights, lang=lang)
    check(result["explanation"].tolist(), lang)
    check(se.what_would_change(table, weights, lang=lang)["text"].tolist(), lang)
    planned = il.plan(table, hours=6, interviews=1, weights=weights, lang=lang)
    check(planned["reason"].tolist(), lang)
    check([budget.format_hours(h, lang) for h in (0, 1 / 3, 2.5, 10_000)], lang)


@FAST
@given(
    offer=st.fixed_dictionaries(
        {
            name: st.one_of(
                rating,
                st.tuples(rating, rating).map(lambda pair: (min(pair), max(pair))),
            )
            for name in NAMES
        }
    ),
    raw=weights_strategy,
    lang=st.sampled_from(["en", "de"]),
)
def test_what_to_find_out_first_reads_well(offer, raw, lang):
    found = se.what_to_find_out_first(offer, dict(zip(NAMES, raw, strict=True)), lang=lang)
    check(found["text"].tolist(), lang)


def test_the_coachs_find_out_case_in_both_languages():
    # Used to raise KeyError 'little' in German.
    offer = {"interest": 9.7, "practice": 5.2, "surprise": (3.2, 4.4), "doors": (4.2, 6.0),
             "time_cost": (4.5, 8.1), "confusion": 6.1}  # fmt: skip
    for lang in ("en", "de"):
        found = se.what_to_find_out_first(offer, lang=lang)
        assert len(found) == 3
        check(found["text"].tolist(), lang)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_deal_breakers_and_own_factor_names_read_well(lang):
    rule = Dealbreaker(
        "distance_km",
        {"en": "more than 50 km away", "de": "mehr als 50 km entfernt"},
        max=50,
    )
    model = il.DEFAULT_MODEL.replace(dealbreakers=(rule,))
    rng = np.random.default_rng(3)
    table = offers_of(np.round(rng.uniform(0, 10, (40, 6)), 1).tolist())
    table["distance_km"] = np.where(np.arange(40) % 3 == 0, np.nan, rng.uniform(0, 100, 40))
    result = il.evaluate(table, model=model, lang=lang)
    check(result["explanation"].tolist(), lang)
    check(se.what_would_change(table, model=model, lang=lang)["text"].tolist(), lang)
    # Own factor names of any gender or number: the German stays grammatical by quoting.
    plural = il.DEFAULT_MODEL.replace(
        factors=tuple(
            f
            if f.name != "doors"
            else type(f)(**{**f.__dict__, "short": {"en": "leads", "de": "Kontakte"}})
            for f in il.DEFAULT_MODEL.factors
        )
    )
    texts = il.evaluate(table, model=plural, lang=lang)["explanation"].tolist()
    check(texts, lang)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_errors_of_the_analyses_read_well(lang):
    calls = [
        lambda: budget.check_hours(-1),
        lambda: budget.check_hours(1e9),
        lambda: budget.check_hours("lots"),
        lambda: budget.check_interviews(2.5),
        lambda: budget.check_interviews(-1),
        lambda: budget.check_interviews(10**9),
        lambda: acceptability.roc_weights([]),
        lambda: acceptability.roc_weights(["interest", "interest", "salary"]),
        lambda: acceptability.roc_weights("interest"),
        lambda: acceptability.weight_draws(n=0),
        lambda: acceptability.weight_draws(concentration=-1.5),
        lambda: find_out.what_to_find_out_first({"interest": (3, 11.5)}, lang=lang),
        lambda: se.sweep(il.load_example_offers(), factors=["salary"]),
        lambda: il.plan(
            offers_of([[5] * 6]).assign(date=["next week"]), hours=2, interviews=1, lang=lang
        ),
    ]
    for call in calls:
        with pytest.raises(il.InterviewLabError) as error:
            call()
        for message in error.value.messages(lang):
            if lang == "de":
                # The factors' names are what a caller types: allowed as typed.
                names = tuple(f"„{name}“" for name in NAMES)
                assert_german(message, allow=("salary", "next week", "lots", *names))
            else:
                assert "Traceback" not in message


def test_the_fast_number_uses_the_languages_signs():
    assert explain._number(1, 7, 1, "de", False) == "\u22120,7"
    assert explain._number(1, 0, 1, "de", True) == "0,0"
    assert explain._number(0, 125, 2, "en", True) == "+1.25"
    assert explain.format_number(-0.72, "de") == "\u22120,7"
