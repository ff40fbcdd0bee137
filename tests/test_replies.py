"""Replies that say why, greetings from the salutation, and the article's advice."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interview_lab as il
from interview_lab.core.i18n import LANGUAGES
from interview_lab.text.advice import advice, advice_text, advice_title, preparation
from interview_lab.text.replies import (
    REASONS,
    clean_field,
    decline_reason,
    draft_reply,
    follow_up_checklist,
    greeting,
    split_roles,
    verdict_of,
)
from tests.helpers import CODE_SIGNS, PUBLIC_SCENARIOS, assert_german

SCENARIOS = pd.read_csv(PUBLIC_SCENARIOS).set_index("offer", drop=False)
RATINGS = list(il.FACTOR_NAMES)


def scenario(name: str, **extra: object) -> dict[str, object]:
    row = SCENARIOS.loc[name]
    return {"offer": name, **{f: float(row[f]) for f in RATINGS}, **extra}


# --- why -----------------------------------------------------------------------------


def test_p15_a_wanted_role_declined_for_time_says_it_is_the_timing():
    row = scenario("P15", role="Risk Analyst", salutation="Frau Dr. Graf")
    assert verdict_of(row) == "decline_keep_in_touch"
    assert decline_reason(row) == "timing"
    english = draft_reply(row, lang="en")
    german = draft_reply(row, lang="de")
    assert "the timing does not work" in english
    assert "Please keep me in mind" in english
    assert "not the right one for me" not in english
    assert "leider passt der Zeitpunkt für mich derzeit aber nicht" in german
    assert "Bitte behalten Sie mich im Blick" in german
    assert "nicht ganz zu mir passt" not in german
    paragraphs = advice(row, "de")
    assert "der Zeitpunkt aber nicht passt" in paragraphs[0]


@pytest.mark.parametrize("name", ["P06", "P09"])
def test_a_low_interest_keep_in_touch_says_the_role_is_not_right(name):
    row = scenario(name)
    assert verdict_of(row) == "decline_keep_in_touch"
    assert decline_reason(row) == "fit"
    assert "this role is not the right one for me" in draft_reply(row, lang="en")
    german = draft_reply(row, lang="de")
    assert "dass die Stelle nicht ganz zu mir passt" in german
    assert "Ich möchte daher keinen Gesprächstermin in Anspruch nehmen." in german
    assert "Gern können Sie bei künftigen Stellen auf mich zukommen." in german
    assert "Zeitpunkt" not in german


def test_every_public_decline_gets_a_reason_that_fits_its_interest():
    for name in SCENARIOS.index:
        row = scenario(name)
        if verdict_of(row) == "accept":
            continue
        wanted = float(SCENARIOS.loc[name, "interest"]) > 5
        assert decline_reason(row) == ("timing" if wanted else "fit"), name


def test_the_reason_follows_the_models_desire_factor_not_a_column_name():
    row = scenario("P15")
    # Without a desire factor nobody can say the role is wanted: no timing excuse.
    assert decline_reason(row, model=il.DEFAULT_MODEL.replace(desire=None)) == "fit"
    # With interest weighted zero, interest says nothing either.
    assert decline_reason(row, {"interest": 0}) == "fit"


DECLINES_THE_INVITATION = re.compile(
    r"decline the invitation|not take up an interview slot|die Einladung nicht anzunehmen|"
    r"Einladung daher absagen|keinen Gesprächstermin in Anspruch"
)


def test_a_decline_declines_the_invitation_not_the_application():
    for lang in LANGUAGES:
        for reason in REASONS:
            for verdict in ("decline", "decline_keep_in_touch"):
                text = draft_reply({"offer": "x"}, verdict, lang, reason=reason)
                assert "application" not in text
                assert "Bewerbung" not in text
                assert DECLINES_THE_INVITATION.search(text), text


def test_an_accept_reply_accepts():
    assert "I am glad to accept." in draft_reply({"offer": "x"}, "accept", "en")
    assert "Die Einladung nehme ich gern an." in draft_reply({"offer": "x"}, "accept", "de")


# --- greeting and company --------------------------------------------------------------


@pytest.mark.parametrize(
    ("salutation", "en", "de"),
    [
        ("Frau Dr. Graf", "Dear Dr. Graf,", "Guten Tag Frau Dr. Graf,"),
        ("Frau Graf", "Dear Ms Graf,", "Guten Tag Frau Graf,"),
        ("Herr Weber", "Dear Mr Weber,", "Guten Tag Herr Weber,"),
        ("Ms Graf", "Dear Ms Graf,", "Guten Tag Frau Graf,"),
        ("Mr. Smith", "Dear Mr Smith,", "Guten Tag Herr Smith,"),
        ("Herr Prof. Dr. Weber", "Dear Professor Weber,", "Guten Tag Herr Prof. Dr. Weber,"),
        ("Anna Graf", "Dear Anna Graf,", "Guten Tag Anna Graf,"),
        ("", "Hello,", "Guten Tag,"),
        (None, "Hello,", "Guten Tag,"),
    ],
)
def test_the_greeting_follows_the_salutation(salutation, en, de):
    assert greeting(salutation, "en") == en
    assert greeting(salutation, "de") == de


def test_the_company_is_never_put_after_a_preposition_without_its_article():
    row = scenario("P06", company="Zürcher Rückversicherung", role="Risk Analyst")
    german = draft_reply(row, lang="de")
    assert "Betreff: Ihre Einladung zum Vorstellungsgespräch – „Risk Analyst“, Zürcher" in german
    assert german.count("Zürcher Rückversicherung") == 1  # only in the subject line
    assert "Mit Ihrem Unternehmen würde ich aber gern in Kontakt bleiben." in german
    assert "die Stelle „Risk Analyst“" in german
    english = draft_reply(row, lang="en")
    assert "the “Risk Analyst” role" in english
    assert "stay in touch with your company" in english


# --- advice ------------------------------------------------------------------------------


def test_accepted_advice_carries_the_article_and_ends_in_a_plan():
    row = scenario("P04", company="Acme", prep_hours=3)
    for lang, before, after, hours, stop in [
        ("en", "look at the Acme website", "connect you with the hiring team",
         "Preparation hours: 3 h", "stop second-guessing"),
        ("de", "Karriereseite des Unternehmens Acme", "den Kontakt zum einstellenden Team",
         "Vorbereitungszeit: 3 Std.", "Hinterfragen Sie die Entscheidung nicht weiter"),
    ]:  # fmt: skip
        paragraphs = advice(row, lang)
        assert before in paragraphs[0]
        assert after in paragraphs[1]
        assert paragraphs[2].splitlines()[-1] == f"- {hours}"
        assert stop in paragraphs[-1]
    # P04: high surprise -> questions that show whether the role is better than it looks
    assert any("Prepare questions" in item for item in preparation(row, "en"))


def test_without_prep_hours_the_plan_says_none_were_given_without_a_column_code():
    row = scenario("P01")
    assert "No preparation hours given" in preparation(row, "en")[-1]
    assert "Keine Vorbereitungszeit angegeben" in preparation(row, "de")[-1]
    assert "prep_hours" not in advice_text(row, "en") + advice_text(row, "de")


def test_a_decline_ends_in_finding_a_role_you_feel_great_about():
    for name in ("P03", "P06"):
        assert "finding a role you feel great about" in advice(scenario(name), "en")[-1]
        assert (
            "eine Stelle zu finden, die Sie wirklich begeistert" in advice(scenario(name), "de")[-1]
        )


def test_keep_in_touch_advice_lists_the_follow_up_steps():
    paragraphs = advice(scenario("P06"), "en")
    assert paragraphs[1].splitlines()[1:] == [f"- {step}" for step in follow_up_checklist("en")]


def test_advice_for_a_table_uses_its_verdict_column():
    offers = il.load_example_offers()
    result = il.evaluate(offers, explain=False)
    listed = advice(result, "de")
    assert len(listed) == len(result)
    for (_, row), paragraphs in zip(result.iterrows(), listed, strict=True):
        assert paragraphs == advice(row, "de", verdict=str(row["verdict"]))
    assert advice_title("accept", "de") == "Sie sagen zu: So geht es weiter"


# --- every path, random offers, both languages -----------------------------------------

#: Names as people type them (letters, digits, spaces, dashes); none is a code sign.
NAMES = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "Pd")),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(lambda name: name and not CODE_SIGNS.search(name))
)
RATING = st.floats(0, 10, allow_nan=False).map(lambda x: round(x, 1))


@st.composite
def offers(draw: st.DrawFn) -> dict[str, object]:
    row: dict[str, object] = {"offer": "x", **{f: draw(RATING) for f in RATINGS}}
    for column, values in [
        ("company", NAMES),
        ("role", NAMES),
        ("other_roles", st.lists(NAMES, min_size=1, max_size=3).map("; ".join)),
        ("salutation", st.sampled_from(["Frau Dr. Graf", "Herr Weber", "Ms Graf", "Anna Graf"])),
        ("prep_hours", st.sampled_from([0, 2.5, 3, 12, "4,5", "", None])),
    ]:
        if draw(st.booleans()):
            row[column] = draw(values)
    return row


def allowed(row: dict[str, object]) -> tuple[str, ...]:
    """The names from the data, as the letters show them."""
    names = [row.get("company"), row.get("role"), *split_roles(row.get("other_roles"))]
    cleaned = {clean_field(name) for name in names}
    return tuple(sorted(cleaned - {""}, key=len, reverse=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(offers(), st.sampled_from([None, *il.VERDICTS]), st.sampled_from([None, *REASONS]))
def test_every_reply_and_advice_path_reads_in_both_languages(row, verdict, reason):
    for lang in LANGUAGES:
        reply = draft_reply(row, verdict, lang, reason=reason)
        paragraphs = advice(row, lang, verdict=verdict)
        steps = follow_up_checklist(lang)
        chosen = verdict or verdict_of(row)
        title = advice_title(chosen, lang)
        for text in (reply, *paragraphs, *steps, title):
            if lang == "de":
                assert_german(text, allow=allowed(row))
            else:
                assert not CODE_SIGNS.search(text), text
            assert "  " not in text, text
            assert " \n" not in text, text
        assert reply.startswith({"en": "Subject: ", "de": "Betreff: "}[lang])
        expected = {"accept": 4, "decline": 2, "decline_keep_in_touch": 3}[chosen]
        assert len(paragraphs) >= expected
