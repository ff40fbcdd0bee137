from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.apps.cli import main, printable
from interview_lab.core.resources import data_path
from interview_lab.text.explain import verdict_label

from .test_charts import (
    BLOCKED,
    EXAMPLE_MODEL_FILE,
    EXAMPLE_MODEL_OFFERS,
    custom_model,
    example_model,
    example_model_offers,
    with_salary,
)

EXAMPLE = str(data_path("offers_example.csv"))


def run(*args: str) -> str:
    out = io.StringIO()
    assert main(list(args), out=out) == 0
    return out.getvalue()


def test_table_names_every_offer_with_its_verdict_and_reasons(example_offers):
    text = run("evaluate", EXAMPLE)
    result = il.evaluate(example_offers)
    for row in result.itertuples():
        assert row.offer in text
    assert "decline, keep in touch" in text
    assert "Why:" in text
    assert result["explanation"].iloc[0] in text


def test_table_in_german_uses_german_labels_and_decimal_commas(example_offers):
    text = run("evaluate", EXAMPLE, "--lang", "de")
    assert "Empfehlung" in text
    assert "absagen, in Kontakt bleiben" in text
    assert "Begründung:" in text
    first = il.evaluate(example_offers)["score"].iloc[0]
    assert f"{first:+.2f}".replace(".", ",") in text


def test_csv_output_carries_every_column_evaluate_returns(example_offers):
    text = run("evaluate", EXAMPLE, "--format", "csv", "--preset", "busy_full_timer")
    parsed = pd.read_csv(io.StringIO(text))
    expected = il.evaluate(example_offers, il.preset_weights("busy_full_timer"))
    assert list(parsed.columns) == list(expected.columns)
    assert parsed["verdict"].tolist() == expected["verdict"].tolist()
    assert parsed["score"].tolist() == pytest.approx(expected["score"].tolist())


def test_json_output_carries_every_column_and_unicode(example_offers, tmp_path):
    weights = tmp_path / "w.toml"
    weights.write_text("time_cost = 4\n")
    records = json.loads(run("evaluate", EXAMPLE, "--format", "json", "--weights", str(weights)))
    expected = il.evaluate(example_offers, {"time_cost": 4})
    assert [list(r) for r in records] == [list(expected.columns)] * len(expected)
    assert records[2]["offer"] == "Bäckerei Müller GmbH — Controller"
    assert [r["verdict"] for r in records] == expected["verdict"].tolist()
    assert isinstance(records[0]["borderline"], bool)


def test_json_explanations_follow_the_language():
    records = json.loads(run("evaluate", EXAMPLE, "--format", "json", "--lang", "de"))
    assert records[0]["explanation"].startswith("Hingehen")
    assert records[0]["verdict"] == "accept"  # codes stay machine-readable


def test_weights_and_preset_are_mutually_exclusive(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["evaluate", EXAMPLE, "--preset", "x", "--weights", "y"])
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert all(word in out for word in ("evaluate", "presets", "factors"))


def test_presets_and_factors_are_listed_in_both_languages():
    assert "Busy full-timer" in run("presets")
    assert "Voll berufstätig" in run("presets", "--lang", "de")
    assert "How much do you want this particular role?" in run("factors")
    assert "Wie sehr möchten Sie genau diese Stelle?" in run("factors", "--lang", "de")


def test_plan_lists_the_chosen_offers_first_with_the_totals(example_offers):
    text = run("plan", EXAMPLE, "--hours", "10", "--interviews", "2")
    planned = il.plan(example_offers, hours=10, interviews=2)
    lines = text.splitlines()
    total = planned.attrs["plan"]["total_score"]
    assert lines[0] == (
        f"Plan: 2 of 2 interviews, 10 h of 10 h preparation, total score {total:+.2f}"
    )
    chosen = planned[planned["chosen"]]
    assert lines[2:4] == [f"* {r.offer}: {r.reason}" for r in chosen.itertuples()]
    assert len(lines) == 2 + len(planned)
    assert all(line.startswith("- ") for line in lines[4:])


def test_plan_reads_decimal_commas_and_speaks_german():
    text = run("plan", EXAMPLE, "--hours", "7,5", "--interviews", "3", "--lang", "de")
    assert text.startswith("Plan: 1 von 3 Gesprächen, 6 Std. von 7,5 Std. Vorbereitung")
    assert "würden die verbleibenden 1,5 Std. überschreiten" in text


def test_plan_csv_carries_the_plan_columns(example_offers):
    text = run("plan", EXAMPLE, "--hours", "10", "--interviews", "2", "--format", "csv")
    parsed = pd.read_csv(io.StringIO(text))
    expected = il.plan(example_offers, hours=10, interviews=2)
    assert list(parsed.columns) == list(expected.columns)
    assert parsed["chosen"].tolist() == expected["chosen"].tolist()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--hours", "-1", "--hours: must be a finite number of hours >= 0 (0 is allowed"),
        ("--hours", "abc", "--hours: must be a number of hours >= 0"),
        ("--interviews", "2,5", "--interviews: must be a whole number >= 0"),
        ("--interviews", "-1", "--interviews: must be a whole number >= 0 (0 is allowed"),
        ("--default-prep-hours", "-3", "--default-prep-hours: must be a finite number"),
    ],
)
def test_plan_rejects_bad_limits_in_one_line(option, value, message, capsys):
    limits = {"--hours": "10", "--interviews": "2"} | {option: value}
    args = ["plan", EXAMPLE, *(f"{k}={v}" for k, v in limits.items())]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"interview-lab: error: {message}")
    assert err.count("\n") == 1


def test_the_table_names_the_verdict_a_close_call_flips_to(example_offers):
    text = run("evaluate", EXAMPLE)
    result = il.evaluate(example_offers)
    for offer, flips in zip(result["offer"], result["flips_to"], strict=True):
        line = next(line for line in text.splitlines() if line.startswith(offer))
        if isinstance(flips, str) and result.set_index("offer").loc[offer, "borderline"]:
            assert line.endswith(f"close call → {verdict_label(flips)}")
        else:
            assert "close call" not in line


def test_the_command_line_runs_with_a_model_of_ones_own(example_offers, tmp_path):
    model = custom_model()
    path = tmp_path / "offers.csv"
    with_salary(example_offers).to_csv(path, index=False)
    out = io.StringIO()
    assert main(["factors", "--lang", "de"], out=out, model=model) == 0
    assert "salary (1-5, benefit): Wie gut ist das Gehalt?" in out.getvalue()
    out = io.StringIO()
    assert main(["evaluate", str(path), "--format", "csv"], out=out, model=model) == 0
    parsed = pd.read_csv(io.StringIO(out.getvalue()))
    expected = il.evaluate(with_salary(example_offers), model=model)
    assert parsed["score"].tolist() == pytest.approx(expected["score"].tolist())
    weights = tmp_path / "w.toml"
    weights.write_text("salary = 5\n")
    out = io.StringIO()
    args = ["plan", str(path), "--hours", "10", "--interviews", "2", "--weights", str(weights)]
    assert main([*args, "--format", "csv"], out=out, model=model) == 0
    planned = il.plan(with_salary(example_offers), 10, 2, {"salary": 5}, model=model)
    assert pd.read_csv(io.StringIO(out.getvalue()))["chosen"].tolist() == planned["chosen"].tolist()


def test_without_the_model_a_file_of_other_factors_is_refused_in_one_line(tmp_path, capsys):
    path = tmp_path / "offers.csv"
    pd.DataFrame([{"offer": "a", "salary": 3}]).to_csv(path, index=False)
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("interview-lab: error: ")
    assert err.count("\n") == 1


def test_a_model_file_gives_the_command_line_its_factors(example_offers, tmp_path, capsys):
    model_file = tmp_path / "mine.toml"
    model_file.write_text(
        '[factors.salary]\nlabel = { en = "Salary", de = "Gehalt" }\ndirection = "benefit"\n'
        "scale = [1, 5]\nweight = 2\n",
        encoding="utf-8",
    )
    offers = tmp_path / "offers.csv"
    with_salary(example_offers).to_csv(offers, index=False)
    assert "salary (1-5, benefit)" in run("factors", "--model", str(model_file))
    records = json.loads(run("evaluate", str(offers), "--model", str(model_file), "--format",
                             "json"))  # fmt: skip
    expected = il.evaluate(with_salary(example_offers), model=il.load_model(model_file))
    assert [r["score"] for r in records] == pytest.approx(expected["score"].tolist())
    assert main(["evaluate", EXAMPLE, "--model", str(model_file)]) == 2
    assert "salary" in capsys.readouterr().err
    assert main(["factors", "--model", str(tmp_path / "nope.toml")]) == 2
    assert capsys.readouterr().err.startswith("interview-lab: error: ")


# --- a model file: own factors, deal-breakers, and what a bad one prints --------------

MODEL_FILE = str(EXAMPLE_MODEL_FILE)
MODEL_OFFERS = str(EXAMPLE_MODEL_OFFERS)
KOELN, ACME = "Stadtwerke Köln — IT Project Lead", "Acme Corp — Junior BI Developer"


def table_lines(text: str) -> dict[str, str]:
    """Offer -> its line of the evaluate table (the lines above "Why:")."""
    rows = text.split("\n\n")[0].splitlines()[2:]
    return {
        name: line for line in rows for name in [*BLOCKED, "Nordlicht"] if line.startswith(name)
    }


@pytest.mark.parametrize(("lang", "head"), [("en", "deal-breakers"), ("de", "Ausschlusskriterien")])
def test_evaluate_prints_the_deal_breakers_column_of_a_model_file(lang, head):
    text = run("evaluate", MODEL_OFFERS, "--model", MODEL_FILE, "--lang", lang)
    header = text.splitlines()[0].split()
    assert header[3] == head
    lines = table_lines(text)
    for offer, rules in BLOCKED.items():
        assert rules[lang] in lines[offer]
        assert verdict_label("accept", lang) + " " not in lines[offer] + " "
        assert f"- {offer}: " in text
    assert lines["Nordlicht"].split()[-1] == verdict_label("accept", lang)
    expected = il.evaluate(MODEL_OFFERS, model=example_model(), lang=lang)
    for row in expected.itertuples():
        assert f"- {row.offer}: {row.explanation}" in text


def test_without_deal_breakers_there_is_no_such_column():
    assert "deal-breakers" not in run("evaluate", EXAMPLE)
    model_file = run("evaluate", MODEL_OFFERS, "--model", MODEL_FILE, "--format", "csv")
    assert "dealbreakers" in pd.read_csv(io.StringIO(model_file)).columns


def test_control_characters_in_names_and_rules_stay_escaped(tmp_path):
    offers = example_model_offers()
    offers.loc[2, "offer"] = "Evil\x1b[31m Corp\u202e\x07"
    path = tmp_path / "offers.csv"
    offers.to_csv(path, index=False)
    model_file = tmp_path / "mine.toml"
    model_file.write_text(
        EXAMPLE_MODEL_FILE.read_text(encoding="utf-8").replace(
            'en = "commute over 90 minutes"', 'en = "commute\\u001b[2J over 90"'
        ),
        encoding="utf-8",
    )
    model = il.load_model(model_file)
    name = il.load_offers(path, model)["offer"].iloc[2]  # as the reader keeps it
    rule = model.dealbreakers[0].text("en")
    assert "\x1b" in rule  # the reader may clean names; a model file's labels stay as written
    for command in (
        ["evaluate", str(path)],
        ["plan", str(path), "--hours", "20", "--interviews", "3"],
        ["reply", str(path), "--offer", name],
        ["factors"],
    ):
        text = run(*command, "--model", str(model_file))
        assert "\x1b" not in text
        assert "\u202e" not in text
        assert "\x07" not in text
        assert printable(rule) in text
    assert printable(rule) == "commute\\x1b[2J over 90"
    table = run("evaluate", str(path), "--model", str(model_file))
    assert printable(name) in table
    # The machine formats carry the data as it is.
    records = json.loads(run("evaluate", str(path), "--model", str(model_file), "--format", "json"))
    assert records[2]["offer"] == name
    assert records[2]["dealbreakers"] == rule


@pytest.mark.parametrize(
    ("lang", "out", "reply"),
    [
        ("en", "- {o}: out: deal-breaker: {r}", "- {o}: reply, don't go: deal-breaker: {r}; "),
        ("de", "- {o}: nicht dabei: Ausschlusskriterium: {r}",
         "- {o}: antworten, nicht hingehen: Ausschlusskriterium: {r}; "),
    ],
)  # fmt: skip
def test_plan_never_chooses_a_blocked_offer_and_names_the_rule(lang, out, reply):
    args = ["plan", MODEL_OFFERS, "--hours", "40", "--interviews", "5", "--model", MODEL_FILE]
    text = run(*args, "--lang", lang)
    assert out.format(o=ACME, r=BLOCKED[ACME][lang]) + "\n" in text
    assert reply.format(o=KOELN, r=BLOCKED[KOELN][lang]) in text
    assert not any(line.startswith(("* Stadtwerke", "* Acme")) for line in text.splitlines())
    records = json.loads(run(*args, "--lang", lang, "--format", "json"))
    reasons = {r["offer"]: r["reason"] for r in records if not r["chosen"]}
    assert BLOCKED[ACME][lang] in reasons[ACME]


@pytest.mark.parametrize(
    ("lang", "note"),
    [("en", "Deal-breaker (for you, not part of the reply): "),
     ("de", "Ausschlusskriterium (für Sie, nicht Teil der Antwort): ")],
)  # fmt: skip
def test_reply_says_which_rule_an_offer_breaks(lang, note):
    args = ["reply", MODEL_OFFERS, "--model", MODEL_FILE, "--lang", lang]
    text = run(*args, "--offer", ACME)
    assert f"\n{note}{BLOCKED[ACME][lang]}\n" in text
    assert text.index(note) > text.index("\n\n")  # under the draft, not in it
    assert note not in run(*args, "--offer", "Nordlicht Analytics — Data Analyst")


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_factors_lists_the_own_factors_and_the_deal_breakers(lang):
    text = run("factors", "--model", MODEL_FILE, "--lang", lang)
    assert "salary (35000-90000, benefit): " in text
    assert "commute_min (0-120, cost): " in text
    assert "team (0-10, benefit): " in text
    assert "confusion" not in text
    limits = {"en": ("at most 90", "at least 45,000"), "de": ("höchstens 90", "mindestens 45.000")}
    for rule, column, limit in zip(
        example_model().dealbreakers, ("commute_min", "salary"), limits[lang], strict=True
    ):
        assert f"- {rule.text(lang)}: {column} {limit}\n" in text


SCORING = {
    "evaluate": ["evaluate", MODEL_OFFERS],
    "reply": ["reply", MODEL_OFFERS, "--offer", ACME],
    "plan": ["plan", MODEL_OFFERS, "--hours", "10", "--interviews", "2"],
    "report": ["report", MODEL_OFFERS, "-o", "{tmp}/report.html"],
    "factors": ["factors"],
    "presets": ["presets"],
}


@pytest.mark.parametrize("command", SCORING)
@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_every_command_takes_the_example_model_file(command, lang, tmp_path, capsys):
    args = [a.format(tmp=tmp_path) for a in SCORING[command]]
    out = io.StringIO()
    assert main([*args, "--model", MODEL_FILE, "--lang", lang], out=out) == 0
    assert capsys.readouterr().err == ""
    if command == "report":
        page = (tmp_path / "report.html").read_text(encoding="utf-8")
        assert all(rules[lang] in page for rules in BLOCKED.values())
    elif command != "presets":
        assert "salary" in out.getvalue().lower() or "gehalt" in out.getvalue().lower()


BAD_MODEL_FILES = {
    "a typo": ('[factors.salary]\nlabel = "Salary"\ndirection = "benefit"\nwieght = 2\n',
               "did you mean 'weight'?"),
    "not TOML": ("[factors.salary\nlabel = 1\n", "not valid TOML"),
    "a bad rule": ('[[dealbreakers]]\ncolumn = "time_cost"\nmin = 5\nmax = 1\n', "deal-breaker 1"),
    "several problems": (
        ('[factors.a]\nlabel = "A"\n[factors.b]\ndirection = "up"\n[factors.c]\nlabel = 3\n'
         '[factors.d]\nscale = [5, 1]\n[rules]\nrelief = 2\n'),
        "more problems",
    ),
    "no such file": (None, "no such model file"),
    "not UTF-8": (b"\xff\xfe[factors]\n", "not a text file in UTF-8"),
    "a rule on a missing column": (
        '[[dealbreakers]]\ncolumn = "distance_km"\nmax = 50\nlabel = "far\\u001b[2J away"\n',
        "no column 'distance_km' for the deal-breaker",
    ),
}  # fmt: skip


@pytest.mark.parametrize("bad", BAD_MODEL_FILES)
@pytest.mark.parametrize("command", SCORING)
def test_a_bad_model_file_is_one_line_and_exit_status_2(bad, command, tmp_path, capsys):
    content, fragment = BAD_MODEL_FILES[bad]
    path = tmp_path / "mine.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    offers = tmp_path / "offers.csv"
    il.load_example_offers().to_csv(offers, index=False)
    args = [str(offers) if a == MODEL_OFFERS else a.format(tmp=tmp_path) for a in SCORING[command]]
    if command == "reply":
        args[-1] = il.load_example_offers()["offer"].iloc[0]
    out = io.StringIO()
    lists_only = command in ("factors", "presets")
    if bad == "a rule on a missing column" and lists_only:
        assert main([*args, "--model", str(path)], out=out) == 0  # nothing to check it on
        assert "\x1b" not in out.getvalue()
        return
    assert main([*args, "--model", str(path)], out=out) == 2
    err = capsys.readouterr().err
    assert err.startswith("interview-lab: error: ")
    assert err.count("\n") == 1
    assert err.endswith("\n")
    assert "Traceback" not in err
    assert "\x1b" not in err
    assert fragment in err
    assert out.getvalue() == ""
