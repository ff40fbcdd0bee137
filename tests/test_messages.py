from __future__ import annotations

import math
import re

import pytest

import interview_lab as il
from interview_lab.apps.cli import main
from interview_lab.core.resources import data_path
from interview_lab.text.replies import starter_templates

FULL = {
    "offer": "Acme — Analyst",
    "company": "Acme",
    "role": "Data Analyst",
    "recruiter": "Jana Weber",
    "salutation": "Frau Weber",
    "other_roles": "Analytics Engineer; BI Developer",
}
INFORMAL_GERMAN = re.compile(r"\b(du|dich|dir|dein|deine|euch|ihr)\b")
FORMAL_GERMAN = re.compile(r"\b(Sie|Ihnen|Ihre|Ihr|Ihrem|Ihren)\b")


@pytest.mark.parametrize("verdict", il.VERDICTS)
@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_every_verdict_has_a_complete_reply_in_both_languages(verdict, lang):
    text = il.draft_reply(FULL, verdict=verdict, lang=lang)
    assert {"en": "Dear Ms Weber,", "de": "Guten Tag Frau Weber,"}[lang] in text
    assert "Data Analyst" in text
    assert "Acme" in text
    assert "{" not in text
    assert "}" not in text
    if lang == "de":
        assert FORMAL_GERMAN.search(text)
        assert not INFORMAL_GERMAN.search(text)
        assert text.startswith("Betreff:")
    else:
        assert text.startswith("Subject:")


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_keep_in_touch_names_the_other_roles_and_asks_to_be_kept_in_mind(lang):
    text = il.draft_reply(FULL, verdict="decline_keep_in_touch", lang=lang)
    joined = {
        "en": "“Analytics Engineer” and “BI Developer”",
        "de": "„Analytics Engineer“ und „BI Developer“",
    }
    assert joined[lang] in text
    assert {"en": "contact me about future", "de": "bei künftigen Stellen auf mich zukommen"}[
        lang
    ] in text
    assert {"en": "stay in touch with your company", "de": "Mit Ihrem Unternehmen"}[lang] in text
    assert {"en": "Thank you for your message", "de": "vielen Dank für Ihre Nachricht"}[
        lang
    ] in text


@pytest.mark.parametrize("missing", [None, math.nan, "", "   ", "nan", "None"])
@pytest.mark.parametrize("verdict", il.VERDICTS)
@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_missing_fields_read_naturally(verdict, lang, missing):
    offer = {
        "offer": "x",
        **dict.fromkeys(("company", "role", "recruiter", "other_roles", "salutation"), missing),
    }
    text = il.draft_reply(offer, verdict=verdict, lang=lang)
    for leftover in ("None", "nan", "{", "}", " at ,", " bei ,", "  ", " \n", "–"):
        assert leftover not in text
    assert {"en": "Hello,", "de": "Guten Tag,"}[lang] in text
    assert {"en": "the role", "de": "die Stelle"}[lang] in text


def test_a_row_with_only_ratings_still_gets_a_reply(example_offers):
    bare = example_offers[["offer", *il.FACTOR_NAMES]].iloc[5]
    text = il.draft_reply(bare)
    assert "your company" in text
    assert "Please feel free to contact me about future openings." in text
    assert "Roles such as" not in text


def test_the_verdict_defaults_to_what_evaluate_gives(example_offers):
    result = il.evaluate(example_offers)
    for k in range(len(example_offers)):
        assert il.draft_reply(example_offers.iloc[k]) == il.draft_reply(
            example_offers.iloc[k], verdict=result["verdict"].iloc[k]
        )


def test_hostile_text_stays_literal_and_on_one_line():
    offer = {
        **FULL,
        "salutation": "{company}\nBcc: attacker@example.com",
        "role": "<script>alert(1)</script>",
        "company": "{{role}}",
    }
    text = il.draft_reply(offer, verdict="accept")
    assert "Dear {company} Bcc: attacker@example.com," in text
    assert "<script>alert(1)</script>" in text  # plain text: shown as typed, never run
    assert "{{role}}" in text
    assert "\nBcc:" not in text


def test_unknown_verdict_and_missing_ratings_get_clear_errors():
    with pytest.raises(il.InterviewLabError, match="Unknown verdict “maybe”; expected one of"):
        il.draft_reply(FULL, verdict="maybe")
    with pytest.raises(il.InterviewLabError, match="Unbekannte Empfehlung „maybe“; erlaubt"):
        il.draft_reply(FULL, verdict="maybe", lang="de")
    with pytest.raises(il.InterviewLabError, match="Cannot work out the recommendation") as caught:
        il.draft_reply(FULL)
    assert caught.value.code == "replies.error.no_ratings"
    assert "„interest“" in caught.value.render("de")


def test_a_broken_template_names_the_template_and_the_placeholder(tmp_path):
    good = starter_templates()
    broken = tmp_path / "replies.toml"
    first = "{greeting}\n\nThank you for your message"
    broken.write_text(good.replace(first, first.replace("greeting", "greting"), 1), "utf-8")
    with pytest.raises(il.ReplyTemplateError) as caught:
        il.draft_reply(FULL, verdict="accept", templates=broken)
    message = str(caught.value)
    assert "template “accept.en”" in message
    assert "unknown placeholder(s) {greting}" in message
    assert "Vorlage „accept.en“: unbekannte Platzhalter {greting}" in caught.value.render("de")
    assert "{greeting}" in message  # the allowed ones are listed

    broken.write_text(good.replace(first, first.replace("{greeting}", "{greeting"), 1), "utf-8")
    with pytest.raises(il.ReplyTemplateError, match=r"template “accept\.en”.*literal brace"):
        il.draft_reply(FULL, verdict="accept", templates=broken)

    broken.write_text("[accept]\nen = 'Hi'\n", encoding="utf-8")
    with pytest.raises(
        il.ReplyTemplateError, match=r"template “decline\.en”: expected non-empty text"
    ):
        il.draft_reply(FULL, verdict="accept", templates=broken)


def test_an_edited_template_is_picked_up(tmp_path):
    path = tmp_path / "replies.toml"
    good = starter_templates()
    path.write_text(good, encoding="utf-8")
    il.draft_reply(FULL, verdict="accept", templates=path)
    path.write_text(good.replace("I am glad to accept.", "Yes, gladly."), encoding="utf-8")
    import os

    os.utime(path, ns=(1, 10**18))
    assert "Yes, gladly." in il.draft_reply(FULL, verdict="accept", templates=path)


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_the_follow_up_checklist(lang):
    steps = il.follow_up_checklist(lang)
    assert len(steps) >= 2
    assert any(word in " ".join(steps) for word in ("openings", "Stellenangebote"))


def test_the_cli_prints_a_reply_and_the_checklist(capsys):
    example = str(data_path("offers_example.csv"))
    assert (
        main(
            ["reply", example, "--offer", "Zürcher Rückversicherung — Risk Analyst", "--lang", "de"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith(
        "Betreff: Ihre Einladung zum Vorstellungsgespräch – „Risk Analyst“, "
        "Zürcher Rückversicherung"
    )
    assert "„Data Engineer“ und „Actuarial Analyst“" in out
    assert "mit Zürcher" not in out
    assert "Nächste Schritte" in out
    assert main(["reply", example, "--offer", "Helix Bio — Data Scientist"]) == 0
    out = capsys.readouterr().out
    assert "I am glad to accept" in out
    assert "Next steps" not in out


def test_the_cli_names_the_offers_when_one_is_unknown(capsys):
    example = str(data_path("offers_example.csv"))
    assert main(["reply", example, "--offer", "Nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no offer named “Nope”" in err
    assert "“Helix Bio — Data Scientist”" in err
    assert main(["reply", example, "--offer", "Nope", "--lang", "de"]) == 2
    err = capsys.readouterr().err
    assert "keine Einladung namens „Nope“" in err
    assert "„Helix Bio — Data Scientist“" in err


@pytest.mark.parametrize(
    ("placeholder", "says"),
    [
        ("{company:d}", "the placeholder {company:d} has a format spec (:d)"),
        ("{company:>{role}}", "has a format spec (:>{role})"),
        ("{company!r}", "the placeholder {company!r} has a conversion (!r)"),
        ("{company.upper}", "the placeholder {company.upper} reaches into {company}"),
        ("{company[0]}", "the placeholder {company[0]} reaches into {company}"),
        ("{role.__class__}", "reaches into {role}"),
    ],
)
def test_a_template_with_a_format_spec_or_a_nested_field_is_named(tmp_path, placeholder, says):
    good = starter_templates()
    broken = tmp_path / "replies.toml"
    broken.write_text(good.replace("\n{greeting}", "\n" + placeholder, 1), encoding="utf-8")
    with pytest.raises(il.ReplyTemplateError) as caught:
        il.draft_reply(FULL, verdict="decline", templates=broken)
    message = str(caught.value)
    assert message.startswith(f"{broken.resolve()}, template “accept.en”: ")
    assert says in message
    assert "write {" in message
    assert isinstance(caught.value, ValueError)
