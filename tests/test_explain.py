"""Explanations: what they say, and that the fast path says exactly what the slow one does.

:func:`reference_explanations` is the obviously correct way to write the text, one row
at a time with :func:`format_number` and :func:`join_words`; the package builds the
same text from integer codes and lookup tables (``interview_lab.text.explain``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab.core.factors import check_language
from interview_lab.core.i18n import text
from interview_lab.core.i18n import text as text_of
from interview_lab.core.model import DEFAULT_MODEL, NO_FLIP, VERDICTS, Model, Scores
from interview_lab.text import explain
from interview_lab.text.explain import explanations, format_number, join_words, verdict_label
from tests.helpers import assert_german

#: Explicit priorities, so that what a test expects does not move with the defaults.
WEIGHTS = {"interest": 3, "practice": 4, "surprise": 2, "doors": 2, "time_cost": 4, "confusion": 2}


def _rating(model: Model, j: int, value: float, lang: str) -> str:
    shown = format_number(value, lang)
    factor = model.factors[j]
    if (factor.low, factor.high) == (0, 10):
        return text(
            "common.rating_scale", lang, value=float(shown.replace(",", ".").replace("\u2212", "-"))
        )
    return shown


def reference_explanations(
    scores: Scores, cols: np.ndarray, weights: np.ndarray, lang: str, model: Model
) -> list[str]:
    """Explain each row the slow, plain way: the text the fast path must reproduce."""
    language = check_language(lang)
    caveat_sentences = explain._caveat_sentences(language, model)
    reasons = [model.index[reason] for reason, _ in model.pairs]
    values = explain.own_units(model, cols)
    k = len(model.factors)
    labels = [verdict_label(v, language) for v in VERDICTS]
    result = []
    for i in range(len(scores.score)):
        verdict = VERDICTS[int(scores.verdict[i])]
        contributions = [float(scores.contributions[j, i]) for j in range(k)]

        def named(order: Sequence[int], contributions: list[float] = contributions) -> list[str]:
            items = []
            for j in order[: explain.NAMED_FACTORS]:
                shown = format_number(contributions[j], language, signed=True)
                if shown.lstrip("+-\u2212") in ("0.0", "0,0"):  # not worth naming
                    break
                items.append(f"{model.factors[j].text('short', language)} ({shown})")
            return items

        pros_order = sorted(range(k), key=lambda j: -contributions[j])
        cons_order = sorted(range(k), key=lambda j: contributions[j])
        pros, cons = named(pros_order), named(cons_order)
        if verdict == "accept":
            if cons:
                j = cons_order[0]
                carrier = text(
                    "explain.carrier.for_wins",
                    language,
                    factor=model.factors[j].text("short", language),
                    rating=_rating(model, j, float(values[j, i]), language),
                )
            else:
                carrier = text("explain.carrier.nothing_against", language)
        elif scores.score[i] > model.accept_above:
            carrier = text("explain.carrier.blocked", language)
        elif pros:
            j = pros_order[0]
            carrier = text(
                "explain.carrier.against_wins",
                language,
                factor=model.factors[j].text("short", language),
                rating=_rating(model, j, float(values[j, i]), language),
            )
        else:
            carrier = text("explain.carrier.nothing_for", language)
        if verdict == "decline_keep_in_touch":
            d = model.index[model.keep_in_touch]
            carrier = text(
                "explain.carrier.keep_in_touch",
                language,
                carrier=carrier,
                factor=model.factors[d].text("short", language),
                rating=_rating(model, d, float(values[d, i]), language),
            )
        score = format_number(float(scores.score[i]), language, signed=True, digits=2)
        sentences = [text(f"explain.opening.{verdict}", language, score=score, carrier=carrier)]
        sides = [("pros", pros), ("cons", cons)]
        if verdict != "accept":
            sides.reverse()
        clauses = []
        for position, (side, items) in enumerate(side for side in sides if side[1]):
            key = f"lead_{side}" if position == 0 else f"then_{side}"
            clauses.append(
                text(f"explain.clause.{key}", language, items=join_words(items, language))
            )
        if clauses:
            sentences.append("; ".join(clauses) + ".")
        for sentence, r in zip(caveat_sentences, reasons, strict=True):
            raw = float(cols[r, i]) * float(weights[r])
            lost = 0.0 if scores.cancelled is None else float(scores.cancelled[r, i])
            if raw >= explain.CANCELLED_MIN and lost >= explain.CANCELLED_SHARE * raw:
                sentences.append(sentence)
        flips = int(scores.flips_to[i])
        if scores.borderline[i]:
            sentences.append(text("explain.close_call.sentence", language, flips_to=labels[flips]))
            tip = explain.nearest_flips(scores, cols, weights, model, np.array([i]))
            assert tip is not None
            factor, needed, current, new = (int(tip[0][0]), tip[1][0], tip[2][0], int(tip[3][0]))
            if factor >= 0:
                sentences.append(
                    text(
                        "explain.close_call.tip",
                        language,
                        factor=model.factors[factor].text("short", language),
                        needed=format_number(needed, language),
                        current=format_number(current, language),
                        verdict=labels[new],
                    )
                )
            sentences.append(text("explain.close_call.advice", language))
        elif flips != NO_FLIP:
            door = model.factor(model.keep_in_touch)
            key = "near_line_up" if VERDICTS[flips] == "decline_keep_in_touch" else "near_line_down"
            sentences.append(
                text(
                    f"explain.close_call.{key}",
                    language,
                    factor=door.text("short", language),
                    line=door.low + model.keep_in_touch_from / 10 * (door.high - door.low),
                    flips_to=labels[flips],
                )
            )
        result.append(" ".join(sentences))
    return result


def both_ways(
    ratings: np.ndarray, raw_weights: np.ndarray, lang: str, model: Model = DEFAULT_MODEL
) -> tuple[list[str], list[str]]:
    """Explain ratings (K, n) with the fast path and with the reference."""
    cols = model.to_scale(np.asarray(ratings, dtype=float))
    weights = model.normalise(np.asarray(raw_weights, dtype=float))
    scores = model.score(cols, weights, cancelled=True)
    fast = explanations(scores, cols, weights, lang, model)
    return fast, reference_explanations(scores, cols, weights, lang, model)


def assert_same(fast: list[str], slow: list[str]) -> None:
    assert len(fast) == len(slow)
    differ = [i for i, (a, b) in enumerate(zip(fast, slow, strict=True)) if a != b]
    assert not differ, f"row {differ[0]}:\n fast: {fast[differ[0]]}\n slow: {slow[differ[0]]}"


def explained(lang: str = "en", weights=WEIGHTS, **ratings: float) -> tuple[str, pd.Series]:
    row = {"offer": "x", **dict.fromkeys(il.FACTOR_NAMES, 5.0), **ratings}
    result = il.evaluate(pd.DataFrame([row]), weights, lang=lang)
    return str(result["explanation"].iloc[0]), result.iloc[0]


def shown(row: pd.Series, factor: str, lang: str = "en") -> str:
    return format_number(row[f"contribution_{factor}"], lang, signed=True)


# --- what the text says --------------------------------------------------------------


def test_accept_names_the_strongest_reasons_and_costs():
    text, row = explained(interest=2, practice=9, surprise=3, doors=3, time_cost=2, confusion=2)
    score = format_number(row["score"], "en", signed=True, digits=2)
    assert text.startswith(
        f"Go ({score}): more speaks for it than against it, despite interest (2/10). "
        f"For it mainly practice ({shown(row, 'practice')}) "
        f"and surprise ({shown(row, 'surprise')});"
    )
    assert (
        f"against it interest ({shown(row, 'interest')}) "
        f"and time cost ({shown(row, 'time_cost')})." in text
    )


def test_decline_names_the_caveat_that_cancelled_the_reason():
    text, row = explained(interest=2, practice=8, surprise=2, doors=2, time_cost=9, confusion=4)
    score = format_number(row["score"], "en", signed=True, digits=2)
    assert text.startswith(f"Decline ({score}): more speaks against it than for it, despite ")
    assert f"Against it mainly time cost ({shown(row, 'time_cost')})" in text
    assert "The time cost cancels most of what the practice would give." in text


@pytest.mark.parametrize(
    ("lang", "opening"),
    [
        ("en", "more speaks against it than for it, despite interest (10/10)."),
        ("de", "Mehr spricht dagegen als dafür, trotz der Einschätzung „Interesse“ (10/10)."),
    ],
)
def test_a_wanted_role_declined_for_its_cost_says_what_outweighed_it(lang, opening):
    # The coach's case: interest 10/10, declined because of the time cost and confusion.
    text, row = explained(
        lang,
        weights=None,
        interest=10,
        practice=0,
        surprise=0,
        doors=0,
        time_cost=10,
        confusion=10,
    )
    assert row["verdict"] == "decline"
    assert opening in text
    assert "nothing speaks for it" not in text.lower()
    against = "Against it mainly time cost" if lang == "en" else "Vor allem dagegen: Zeitaufwand"
    assert against in text


def test_keep_in_touch_mentions_the_open_doors_and_the_time_waster_risk():
    text, _ = explained(interest=1, practice=3, surprise=2, doors=9, time_cost=5, confusion=3)
    assert text.startswith("Decline, but keep in touch")
    assert "the company is worth staying in touch with (doors 9/10)" in text
    assert "Low interest cancels most of what the doors would give" in text


def test_german_explanations_are_german_with_decimal_commas():
    ratings = {"interest": 1, "practice": 3, "surprise": 2, "doors": 9, "time_cost": 5}
    text, row = explained("de", **ratings, confusion=3)
    score = format_number(row["score"], "de", signed=True, digits=2)
    assert "," in score
    assert text.startswith(f"Absagen, aber in Kontakt bleiben ({score})")
    assert "der Kontakt zum Unternehmen lohnt sich aber (Wert für „Türen“: 9/10)" in text
    assert (
        f"Vor allem dagegen: Zeitaufwand ({shown(row, 'time_cost', 'de')}) "
        f"und Interesse ({shown(row, 'interest', 'de')})" in text
    )
    assert "was die Türen bringen würden (wer sichtlich desinteressiert auftritt" in text
    assert_german(text)


@pytest.mark.parametrize(("lang", "words"), [("en", "Close call"), ("de", "Grenzfall")])
def test_a_close_call_is_said_plainly_with_where_it_would_tip(lang, words):
    text, row = explained(
        lang, interest=5, practice=0, surprise=0, doors=0, time_cost=0, confusion=0
    )
    assert row["borderline"]
    assert words in text
    assert "career coach" in text if lang == "en" else "Karrierecoach" in text
    tip = "If " if lang == "en" else "Läge der Wert für „"
    assert tip in text


def test_a_close_call_tips_at_the_rating_it_names():
    # The named change, made, gives the named verdict; a tenth less does not.
    acme = {"interest": 2, "practice": 9, "surprise": 3, "doors": 3, "confusion": 2}
    text, row = explained(weights=None, **acme, time_cost=2)
    assert row["borderline"]
    assert "If time cost were 2.9 instead of 2, this would be “decline”." in text
    for value, verdict in ((2.9, "decline"), (2.8, "accept")):
        _, moved = explained(weights=None, **acme, time_cost=value)
        assert moved["verdict"] == verdict


def test_german_sentences_never_let_a_word_agree_with_a_factor_name():
    text, row = explained(
        "de", interest=10, practice=0, surprise=0, doors=0, time_cost=0, confusion=0
    )
    assert f"Vor allem dafür: Interesse ({shown(row, 'interest', 'de')})." in text
    text, _ = explained("de", interest=2, practice=9, surprise=3, doors=3, time_cost=2, confusion=2)
    assert "Vor allem dafür: Übung" in text
    text, _ = explained(
        "de", None, interest=2, practice=9, surprise=3, doors=3, time_cost=2, confusion=2
    )
    assert (
        "Läge der Wert für „Zeitaufwand“ bei 2,9 statt 2, lautete die Empfehlung „absagen“." in text
    )


def test_a_zero_weight_factor_is_never_named():
    text, _ = explained(weights={"time_cost": 0}, interest=2, practice=8, time_cost=9)
    assert "time cost" not in text


def test_a_near_miss_of_the_keep_in_touch_line_is_said():
    text, row = explained(interest=1, practice=1, surprise=1, doors=6, time_cost=5, confusion=3)
    assert row["verdict"] == "decline"
    assert row["flips_to"] == "decline_keep_in_touch"
    assert "Near the keep-in-touch line: with doors at 6.5 or more" in text
    german, _ = explained(
        "de", interest=1, practice=1, surprise=1, doors=6, time_cost=5, confusion=3
    )
    assert "Läge der Wert für „Türen“ bei 6,5 oder höher" in german


def test_helpers():
    assert join_words(["a", "b", "c"], "en") == "a, b, and c"
    assert join_words(["a", "b"], "de") == "a und b"
    assert format_number(-0.25, "de", signed=True) == "\u22120,2"
    assert format_number(9.0, "en") == "9"
    assert format_number(-0.04, "en") == "0"
    assert verdict_label("decline_keep_in_touch", "de") == "absagen, aber in Kontakt bleiben"
    assert verdict_label("accept", "de") == text_of("common.verdict.accept", "de")
    with pytest.raises(ValueError, match="expected one of"):
        verdict_label("maybe")


def test_an_unknown_language_is_rejected_with_the_choices(example_offers):
    with pytest.raises(ValueError, match=r"lang must be one of \['en', 'de'\], got 'fr'"):
        il.evaluate(example_offers, lang="fr")


# --- the fast path writes exactly what the reference writes ----------------------------


def test_numbers_are_rounded_exactly_as_format_rounds_them():
    rng = np.random.default_rng(0)
    values = np.concatenate(
        [
            rng.integers(-4000, 4000, 20_000) / 8,  # exact halves and quarters: ties
            rng.integers(-4000, 4000, 20_000) * 0.005,  # near-ties after the product
            rng.integers(-400, 400, 20_000) * 0.05,
            rng.uniform(-10, 10, 20_000),
            [0.0, -0.0, 0.125, 0.375, 0.005, 1.005, 2.675, -0.04, 9.96, 1e-12],
        ]
    )
    for digits in (1, 2):
        negative, units = explain._rounded(values, digits)
        ours = [
            f"{'-' if neg else ''}{u // 10**digits}.{u % 10**digits:0{digits}d}"
            for neg, u in zip(negative.tolist(), units.tolist(), strict=True)
        ]
        assert ours == [f"{v:.{digits}f}" for v in values.tolist()]


def test_an_empty_table_has_no_explanations():
    scores = DEFAULT_MODEL.score(np.zeros((6, 0)), DEFAULT_MODEL.normalise(), cancelled=True)
    assert explanations(scores, np.zeros((6, 0)), DEFAULT_MODEL.normalise()) == []


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize(
    "raw_weights",
    [
        [3.5, 2.5, 1.5, 2.0, 3.0, 1.5],
        [1, 1, 1, 1, 1, 1],  # sixths: many contributions land on a half
        [2, 2, 0, 2, 2, 0],  # quarters, two factors switched off
        [0.3, 4.1, 2.7, 0.9, 3.3, 1.6],
    ],
)
def test_the_fast_path_writes_what_the_reference_writes(lang, raw_weights):
    rng = np.random.default_rng(len(lang) + int(10 * raw_weights[0]))
    ratings = np.round(rng.uniform(0, 10, (6, 4000)), 1)
    ratings[:, :1000] = np.round(ratings[:, :1000] * 2) / 2  # half points: more ties
    assert_same(*both_ways(ratings, np.array(raw_weights, dtype=float), lang))


@pytest.mark.parametrize(
    "model",
    [
        DEFAULT_MODEL.replace(relief=0.0),
        DEFAULT_MODEL.replace(keep_in_touch=None),
        DEFAULT_MODEL.replace(desire=None, keep_in_touch_from=3.0),
    ],
    ids=["no-relief", "no-keep-in-touch", "no-desire"],
)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_fast_path_follows_the_model(model, lang):
    ratings = np.round(np.random.default_rng(7).uniform(0, 10, (6, 3000)), 1)
    assert_same(*both_ways(ratings, model.weight_vector(), lang, model))


@pytest.mark.parametrize("named", [1, 3, 6])
def test_the_fast_path_names_as_many_factors_as_asked(monkeypatch, named):
    monkeypatch.setattr(explain, "NAMED_FACTORS", named)
    ratings = np.round(np.random.default_rng(named).uniform(0, 10, (6, 2000)), 1)
    for lang in ("en", "de"):
        assert_same(*both_ways(ratings, DEFAULT_MODEL.weight_vector(), lang))


ratings_strategy = st.one_of(
    st.integers(0, 100).map(lambda tenths: tenths / 10),  # as people rate
    st.integers(0, 40).map(lambda quarters: quarters / 4),  # ties in the rounding
    st.floats(0, 10, allow_nan=False),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ratings=st.lists(st.lists(ratings_strategy, min_size=6, max_size=6), min_size=1, max_size=30),
    raw_weights=st.lists(
        st.one_of(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0]), st.floats(0, 5)),
        min_size=6,
        max_size=6,
    ).filter(lambda w: sum(w) > 0),
    lang=st.sampled_from(["en", "de"]),
)
def test_evaluate_explains_every_offer_as_the_reference_does(ratings, raw_weights, lang):
    offers = pd.DataFrame(ratings, columns=list(il.FACTOR_NAMES))
    offers.insert(0, "offer", [f"offer {k}" for k in range(len(offers))])
    weights = dict(zip(il.FACTOR_NAMES, raw_weights, strict=True))
    result = il.evaluate(offers, weights, lang=lang)
    _, slow = both_ways(np.array(ratings).T, np.array(raw_weights), lang)
    assert_same(result["explanation"].tolist(), slow)
