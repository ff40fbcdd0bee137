"""Knowing your priorities: the questionnaire, history learning and contradictions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab.analysis import priorities as learning
from interview_lab.core.resources import data_path
from interview_lab.priorities import (
    PrioritiesError,
    Questionnaire,
    find_contradictions,
    weights_from_history,
)

MODEL = il.DEFAULT_MODEL
SAMPLES = 4000  # fewer than the default: the tests stay fast
OWN = il.load_model(data_path("models/salary_commute.toml"))


def goes(weights, table, model=MODEL) -> np.ndarray:
    result = il.evaluate(table, weights, model=model, explain=False)
    return np.array(result["verdict"] == "accept", dtype=bool)


def run(q: Questionnaire, weights, model=MODEL) -> Questionnaire:
    while not q.done:
        q.answer(bool(goes(weights, q.next_question(), model)[0]))
    return q


def agreement(learned, hidden, model=MODEL, n=300) -> float:
    fresh = il.random_offers(n, seed=42, model=model)
    return float(np.mean(goes(learned, fresh, model) == goes(hidden, fresh, model)))


HIDDEN = [
    {"interest": 4.5, "practice": 1, "surprise": 0.5, "doors": 1, "time_cost": 4, "confusion": 1},
    {"interest": 1, "practice": 4, "surprise": 3, "doors": 2, "time_cost": 1, "confusion": 0.5},
    dict(MODEL.default_weights),
]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_a_person_who_follows_given_weights_is_recovered(hidden):
    q = run(Questionnaire(seed=0, samples=SAMPLES), hidden)
    assert q.answered == learning.MAX_QUESTIONS
    assert agreement(q.weights, hidden) >= 0.85
    assert q.agreement == 1.0  # a person without noise: the learned weights fit every answer
    assert q.contradictions == []


def test_the_weights_read_like_a_preset_and_certainty_covers_them():
    q = run(Questionnaire(seed=1, samples=SAMPLES), HIDDEN[0])
    assert set(q.weights) == set(MODEL.names)
    assert sum(q.weights.values()) == pytest.approx(sum(MODEL.default_weights.values()))
    factors = q.certainty.factors
    assert list(factors["factor"]) == list(MODEL.names)
    assert (factors["low"] <= factors["weight"]).all()
    assert (factors["weight"] <= factors["high"]).all()
    assert factors["certainty"].between(0, 1).all()
    assert factors["certainty"].mean() > 0.2  # eight answers narrowed the weights
    assert q.certainty.offers.empty


def test_with_real_invitations_it_stops_when_their_verdicts_are_settled():
    offers = il.load_example_offers()
    hidden = HIDDEN[1]
    q = run(Questionnaire(offers, seed=0, samples=SAMPLES, max_questions=20), hidden)
    table = q.certainty.offers
    assert list(table["offer"]) == list(offers["offer"])
    assert (table["certainty"] >= learning.CERTAIN).all()
    assert q.answered < 20
    assert (table["verdict"] == "go").tolist() == goes(q.weights, offers).tolist()


def test_the_sample_is_rejuvenated_so_many_distinct_weightings_carry_the_posterior():
    q = Questionnaire(seed=2, samples=SAMPLES, max_questions=6)
    posterior = q._learner.posterior
    prior = posterior.weights.copy()
    run(q, HIDDEN[0])
    assert posterior.version > 0  # the answers made the weights uneven: it was resampled
    assert posterior.effective_share() >= learning.RESAMPLE_BELOW / 2
    rows, _ = posterior.active()
    distinct = np.unique(posterior.raw[rows], axis=0)
    assert len(distinct) > SAMPLES // 4  # moved by Metropolis steps, not copies of a few
    assert not np.isin(distinct[:, 0], prior[:, 0]).all()
    highs = np.array([f.weight_max for f in MODEL.factors])
    assert ((posterior.raw >= 0) & (posterior.raw <= highs)).all()  # still in the slider box
    assert np.allclose(posterior.weights.sum(axis=1), 1.0)
    # the likelihood each weighting carries is that of all the answers so far
    said = q.answers["answer"].to_numpy() == "go"
    cols = MODEL.to_scale(q.answers[list(MODEL.names)].to_numpy(float).T)
    broken = (posterior.go(cols) != said).sum(axis=1)
    assert np.allclose(posterior.fit, broken * np.log(learning.NOISE / (1 - learning.NOISE)))


def test_real_invitations_settled_by_the_prior_need_no_question():
    # best in every factor: every weighting says go; worst in every factor: none does
    offers = pd.DataFrame(
        {
            "offer": ["dream", "nightmare"],
            "interest": [10, 0], "practice": [10, 0], "surprise": [10, 0], "doors": [10, 0],
            "time_cost": [0, 10], "confusion": [0, 10],
        }
    )  # fmt: skip
    q = Questionnaire(offers, seed=0, samples=SAMPLES)
    assert q.done
    assert q.answered == 0
    assert q.certainty.offers["verdict"].tolist() == ["go", "no"]


def test_a_real_invitation_can_itself_be_asked_and_done_means_all_right_together():
    offers = il.load_example_offers()
    q = Questionnaire(offers, seed=0, samples=SAMPLES)
    real = MODEL.to_scale(offers[list(MODEL.names)].to_numpy(float).T)
    pool = q._pool
    assert all((np.abs(pool - real[:, [j]]).max(axis=0) < 1e-9).any() for j in range(len(offers)))
    run(q, HIDDEN[1])
    together = q._learner.all_right()
    assert together <= q.certainty.offers["certainty"].min() + 1e-9
    if q.answered < q.max_questions:
        assert together >= learning.CERTAIN


def test_the_next_question_is_the_most_informative_and_asked_once():
    q = Questionnaire(seed=3, samples=SAMPLES)
    first = q.next_question()
    assert q.next_question().equals(first)  # asking again gives the same question
    assert list(first.index) == [1]
    assert list(first.columns) == ["offer", *MODEL.names]
    ratings = first[list(MODEL.names)].to_numpy()
    assert ((ratings >= 0) & (ratings <= 10)).all()
    assert np.array_equal(ratings, np.round(ratings))
    q.answer(False)
    second = q.next_question()
    assert list(second.index) == [2]
    assert not second[list(MODEL.names)].equals(first[list(MODEL.names)])


def test_skip_tells_nothing_and_is_not_asked_again():
    q = Questionnaire(seed=0, samples=SAMPLES)
    first = q.next_question()
    before = q.weights
    q.skip()
    assert q.weights == before
    assert q.skipped == 1
    assert q.answered == 0
    second = q.next_question()
    names = list(MODEL.names)
    assert second[names].to_numpy().tolist() != first[names].to_numpy().tolist()
    q.answer(True)
    assert q.answers["answer"].tolist() == ["skip", "go"]


def test_done_after_max_questions_and_then_no_more_questions():
    q = run(Questionnaire(seed=0, samples=SAMPLES, max_questions=3), HIDDEN[0])
    assert q.done
    assert q.answered == 3
    with pytest.raises(PrioritiesError, match="done"):
        q.next_question()


def test_answer_without_a_question_or_not_yes_no_is_refused():
    q = Questionnaire(seed=0, samples=SAMPLES)
    with pytest.raises(PrioritiesError, match="next_question"):
        q.answer(True)
    q.next_question()
    with pytest.raises(PrioritiesError, match="True"):
        q.answer("yes")  # type: ignore[arg-type]
    with pytest.raises(PrioritiesError, match="max_questions"):
        Questionnaire(max_questions=0)
    with pytest.raises(PrioritiesError, match="noise"):
        Questionnaire(noise=0.5)


def test_describe_in_both_languages_names_every_factor():
    q = Questionnaire(seed=0, samples=SAMPLES)
    question = q.next_question()
    english = q.describe(question, lang="en")
    german = q.describe(question, lang="de")
    assert english.startswith("Question 1 of at most 8")
    assert german.startswith("Frage 1 von höchstens 8")
    for factor in MODEL.factors:
        assert factor.text("label", "en") in english
        assert factor.text("label", "de") in german
    assert "Would you go to this interview?" in english
    assert "Vorstellungsgespräch zusagen?" in german
    assert "Interview" not in german.replace("interview_lab", "")


def test_describe_an_own_factor_in_its_own_units_with_a_decimal_comma():
    q = Questionnaire(model=OWN, seed=0, samples=SAMPLES)
    question = q.next_question()
    german = q.describe(question, lang="de")
    assert "Gehalt" in german
    assert "Skala 35.000 bis 90.000" in german
    assert "Salary" in q.describe(question, lang="en")


def test_an_own_factor_model_is_learned_and_questions_keep_its_deal_breakers():
    hidden = {"salary": 4.0, "commute_min": 3.0, "team": 0.5, "interest": 1.0, "practice": 1.0,
              "surprise": 0.5, "doors": 0.5, "time_cost": 2.0}  # fmt: skip
    q = run(Questionnaire(model=OWN, seed=0, samples=SAMPLES), hidden, OWN)
    asked = q.answers
    assert (asked["salary"] >= 45_000).all()
    assert (asked["commute_min"] <= 90).all()
    assert set(q.weights) == set(OWN.names)
    assert q.weights["salary"] > q.weights["team"]
    assert agreement(q.weights, hidden, OWN) >= 0.8


def test_a_planted_dominance_pair_is_named():
    q = Questionnaire(seed=0, samples=SAMPLES)
    for said in (True, False, True):
        q.next_question()
        q.answer(said)
    decisions = pd.DataFrame(
        {
            "offer": ["went", "declined", "other"],
            "interest": [5, 6, 2], "practice": [5, 5, 8], "surprise": [3, 3, 1],
            "doors": [4, 4.5, 9], "time_cost": [5, 4, 2], "confusion": [2, 2, 1],
            "decision": ["go", "no", "go"],
        },
        index=["a", "b", "c"],
    )  # fmt: skip
    learned = weights_from_history(decisions, samples=SAMPLES)
    assert learned.contradictions == [{"a", "b"}]
    assert "„a“ und „b“" in learned.contradiction_lines("de")[0]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_planted_pair_is_named_among_enough_decisions_to_move_the_sample(seed):
    past = il.random_offers(10, seed=20_000 + seed)
    went = goes(HIDDEN[0], past)
    went[:3] = ~went[:3]  # slips: the sample is resampled and moved on the way
    table = past.assign(decision=np.where(went, "go", "no"))
    planted = pd.DataFrame(
        {
            "offer": ["went", "declined"],
            "interest": [5, 6], "practice": [5, 5], "surprise": [3, 3.5],
            "doors": [4, 4.5], "time_cost": [5, 4], "confusion": [2, 2],
            "decision": ["go", "no"],
        },
        index=["went", "declined"],
    )  # fmt: skip
    learned = weights_from_history(pd.concat([table, planted]), samples=SAMPLES, seed=seed)
    assert {"went", "declined"} in learned.contradictions


def test_contradictions_need_no_dominance_only_that_no_weighting_fits():
    # each pair can hold; all three together cannot (a go is a mix of two declines)
    cols = np.array(
        [[10, 0, 5], [0, 10, 5], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]], dtype=float
    )
    answers = np.array([False, False, True])
    found = find_contradictions(MODEL, cols, answers)
    assert found == [frozenset({0, 1, 2})]
    assert find_contradictions(MODEL, cols[:, :2], answers[:2]) == []


@settings(max_examples=15, deadline=None)
@given(
    raw=st.lists(st.floats(0.05, 5), min_size=6, max_size=6),
    seed=st.integers(0, 10_000),
)
def test_a_person_without_noise_never_contradicts_themself(raw, seed):
    """A law: answers that one weighting gives can always all hold together."""
    weights = dict(zip(MODEL.names, raw, strict=True))
    offers = il.random_offers(12, seed=seed)
    cols = offers[list(MODEL.names)].to_numpy(float).T
    answers = goes(weights, offers)
    assert find_contradictions(MODEL, cols, answers) == []


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), flip=st.integers(0, 11))
def test_every_named_set_is_truly_contradictory_and_minimal(seed, flip):
    rng = np.random.default_rng(seed)
    weights = dict(zip(MODEL.names, rng.uniform(0.1, 5, 6), strict=True))
    offers = il.random_offers(12, seed=seed)
    cols = offers[list(MODEL.names)].to_numpy(float).T
    answers = goes(weights, offers)
    answers[flip] = ~answers[flip]
    check = learning._Feasibility(MODEL)
    features = MODEL.features(cols)
    for found in find_contradictions(MODEL, cols, answers):
        members = sorted(found)
        assert not check.feasible(features[:, members], answers[members])
        for leave_out in members:
            rest = [i for i in members if i != leave_out]
            assert check.feasible(features[:, rest], answers[rest])


def test_history_learns_from_go_and_no_also_in_german_words():
    hidden = HIDDEN[0]
    past = il.random_offers(40, seed=5)
    went = goes(hidden, past)
    english = past.assign(decision=np.where(went, "go", "no"), outcome="notes")
    german = past.assign(decision=np.where(went, "ja", "nein"))
    learned = weights_from_history(english, samples=SAMPLES)
    assert learned.weights == weights_from_history(german, samples=SAMPLES).weights
    assert learned.contradictions == []
    assert learned.agreement >= 0.95
    assert agreement(learned.weights, hidden) >= 0.85


def test_history_errors_name_the_row_and_what_is_allowed():
    past = il.random_offers(3, seed=1)
    with pytest.raises(PrioritiesError, match="no column “decision”"):
        weights_from_history(past, samples=SAMPLES)
    bad = past.assign(decision=["go", "perhaps", "no"])
    with pytest.raises(PrioritiesError, match=r"row 3.*'perhaps'.*go or no"):
        weights_from_history(bad, samples=SAMPLES)
    with pytest.raises(il.OfferDataError, match="practice"):
        weights_from_history(bad.drop(columns="practice").assign(decision="go"), samples=SAMPLES)


def test_a_go_to_an_invitation_a_deal_breaker_rules_out_is_a_contradiction_by_itself():
    offers = il.load_offers(data_path("offers_salary_commute.csv"), OWN)
    blocked = il.evaluate(offers, model=OWN)["dealbreakers"] != ""
    assert blocked.any()
    table = offers.assign(decision="go")
    learned = weights_from_history(table, OWN, samples=SAMPLES)
    for label in offers.index[blocked.to_numpy()]:
        assert {label} in learned.contradictions


def test_the_same_seed_and_answers_give_the_same_priorities():
    first = run(Questionnaire(seed=4, samples=SAMPLES), HIDDEN[2])
    second = run(Questionnaire(seed=4, samples=SAMPLES), HIDDEN[2])
    assert first.weights == second.weights
    assert first.answers.equals(second.answers)


def test_learned_weights_are_accepted_as_weights_everywhere():
    q = run(Questionnaire(seed=0, samples=SAMPLES, max_questions=4), HIDDEN[1])
    result = il.evaluate(il.load_example_offers(), q.weights)
    assert result.attrs["weights"] == pytest.approx(q.weights)


def test_the_app_is_driven_like_a_person_would_in_both_languages():
    from interview_lab.apps.priorities import know_your_priorities

    offers = il.load_example_offers()
    app = know_your_priorities(offers, lang="de", max_questions=3)
    assert "Frage 1 von höchstens 3" in app.question.value
    assert app.yes.description == "Ja, ich würde zusagen"
    app.yes.click()
    app.skip.click()
    app.no.click()
    app.yes.click()
    assert app.questionnaire.answered == 3
    assert app.yes.disabled
    assert "Fertig" in app.question.value
    table = app.table()
    assert list(table["factor"]) == list(MODEL.names)
    assert table.attrs["fits"]["learned"] <= 3
    assert "coach_neutral" in table.columns
    app.preset.value = "busy_full_timer"
    assert "busy_full_timer" in app.table().columns
    assert "Voll berufstätig" in app.result.value
    app.language.value = "en"
    assert "Learned from your answers" in app.result.value
    assert app.yes.description == "Yes, I would go"
    result = il.evaluate(offers, app.weights)  # learned priorities start the other apps
    assert result.attrs["weights"] == pytest.approx(app.weights)
    app.restart.click()
    assert app.questionnaire.answered == 0
    assert not app.yes.disabled
