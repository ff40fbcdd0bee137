from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.apps.cli import main, printable
from interview_lab.core import i18n
from interview_lab.core.resources import data_path
from interview_lab.text.explain import verdict_label

from .helpers import assert_german
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
#: The offer names of the example (a German reader sees them as they are written).
NAMES = tuple(il.load_example_offers()["offer"])


#: German numbers with a thousands dot, which assert_german takes for a decimal point.
GROUPED = ("35.000", "90.000", "45.000")


@pytest.fixture(autouse=True)
def english_environment(monkeypatch):
    """Run every test in a C locale: the CLI's language is then English unless --lang says."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


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
    assert text.startswith("Einladung ")
    assert "Empfehlung" in text
    assert "absagen, aber in Kontakt bleiben" in text
    assert "Begründung:" in text
    for score in il.evaluate(example_offers)["score"]:
        assert i18n.number(score, "de", 2, signed=True) in text  # −2,52, not -2.52
    assert "\u2212" in text
    assert_german(text, allow=NAMES)


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
    german = il.evaluate(il.load_example_offers(), lang="de")["explanation"].tolist()
    assert [r["explanation"] for r in records] == german
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
    planned = il.plan(il.load_example_offers(), hours=7.5, interviews=3, lang="de")
    assert all(f"{row.offer}: {row.reason}\n" in text for row in planned.itertuples())


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
    assert "Gehalt (1–5, Grund für das Gespräch): Wie gut ist das Gehalt?" in out.getvalue()
    assert "benefit" not in out.getvalue()
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
    assert "Salary (1–5, reason to go)\n" in run("factors", "--model", str(model_file))
    records = json.loads(run("evaluate", str(offers), "--model", str(model_file), "--format",
                             "json"))  # fmt: skip
    expected = il.evaluate(with_salary(example_offers), model=il.load_model(model_file))
    assert [r["score"] for r in records] == pytest.approx(expected["score"].tolist())
    assert main(["evaluate", EXAMPLE, "--model", str(model_file)]) == 2
    assert "salary" in capsys.readouterr().err.lower()  # the missing column, as the model names it
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


@pytest.mark.parametrize("lang", il.LANGUAGES)
def test_plan_never_chooses_a_blocked_offer_and_names_the_rule(lang):
    args = ["plan", MODEL_OFFERS, "--hours", "40", "--interviews", "5", "--model", MODEL_FILE]
    text = run(*args, "--lang", lang)
    planned = il.plan(MODEL_OFFERS, 40, 5, model=example_model(), lang=lang).set_index("offer")
    for offer in (ACME, KOELN):
        reason = planned.loc[offer, "reason"]
        assert not planned.loc[offer, "chosen"]
        assert BLOCKED[offer][lang] in reason
        assert f"- {offer}: {reason}\n" in text
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
    lines = {
        "en": ("Salary (35,000–90,000, reason to go): Yearly gross salary in euros",
               "Commute (minutes) (0–120, cost of going)\n",
               "Team I would learn from (0–10, reason to go)\n"),
        "de": ("Gehalt (35.000–90.000, Grund für das Gespräch): Jahresbruttogehalt in Euro",
               "Pendelzeit (Minuten) (0–120, Kosten des Gesprächs)\n",
               "Team, von dem ich lernen kann (0–10, Grund für das Gespräch)\n"),
    }  # fmt: skip
    assert all(line in text for line in lines[lang])
    assert "confusion" not in text
    assert "Verwirrung" not in text
    limits = {"en": ("at most 90", "at least 45,000"), "de": ("höchstens 90", "mindestens 45.000")}
    columns = {"en": ("Commute (minutes)", "Salary"), "de": ("Pendelzeit (Minuten)", "Gehalt")}
    for rule, column, limit in zip(
        example_model().dealbreakers, columns[lang], limits[lang], strict=True
    ):
        assert f"- {rule.text(lang)}: {column} {limit}\n" in text
    if lang == "de":
        assert_german(text, allow=GROUPED)


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
        "Further problems:",
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


# --- issue 14: files people really have, written back, nothing lost ------------------

SPREADSHEETS = Path(__file__).resolve().parent / "fixtures" / "spreadsheets"


def two_sheet_workbook(path):
    """A workbook whose offers are on its second sheet, "Angebote"."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Notizen").write(0, 0, "keine Angebote hier")
    sheet = book.add_worksheet("Angebote")
    example = il.load_example_offers()
    columns = ["offer", *il.FACTOR_NAMES, "prep_hours"]
    sheet.write_row(0, 0, columns)
    for r, row in enumerate(example[columns].itertuples(index=False), start=1):
        sheet.write_row(r, 0, [row[0], *(float(v) for v in row[1:])])
    book.close()
    return path


@pytest.mark.parametrize("sheet", ["Angebote", "1"])
@pytest.mark.parametrize(
    "command",
    [
        ("evaluate",),
        ("plan", "--hours", "10", "--interviews", "2"),
        ("reply", "--offer", "Acme Corp — Junior BI Developer"),
    ],
)
def test_every_command_reading_offers_takes_a_sheet(command, sheet, tmp_path, example_offers):
    book = two_sheet_workbook(tmp_path / "offers.xlsx")
    text = run(command[0], str(book), *command[1:], "--sheet", sheet)
    assert text.startswith("Subject:") if command[0] == "reply" else "Acme Corp" in text


@pytest.mark.parametrize("name", ["offers.ods", "offers.xlsx", "offers_unicode.txt"])
def test_the_command_line_reads_files_of_a_real_spreadsheet_program(name):
    expected = il.evaluate(il.load_offers(SPREADSHEETS / name))
    text = run("evaluate", str(SPREADSHEETS / name), "--format", "json")
    assert [r["verdict"] for r in json.loads(text)] == expected["verdict"].astype(str).tolist()


def test_report_takes_a_sheet_and_a_wrong_sheet_is_one_line(tmp_path, capsys):
    book = two_sheet_workbook(tmp_path / "offers.xlsx")
    target = tmp_path / "r.html"
    assert main(["report", str(book), "--sheet", "Angebote", "-o", str(target)]) == 0
    assert "Acme Corp" in target.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", str(book), "--sheet", "7"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no sheet number 7" in err


def test_csv_de_is_what_german_excel_reads(example_offers):
    text = run("evaluate", EXAMPLE, "--format", "csv-de")
    parsed = pd.read_csv(io.StringIO(text), sep=";", decimal=",")
    expected = il.evaluate(example_offers)
    assert list(parsed.columns) == list(expected.columns)
    assert parsed["score"].tolist() == pytest.approx(expected["score"].tolist())


def test_json_keeps_numbers_as_numbers(example_offers):
    records = json.loads(
        run("plan", EXAMPLE, "--hours", "10", "--interviews", "2", "--format", "json")
    )
    expected = il.plan(example_offers, hours=10, interviews=2)
    assert [r["chosen"] for r in records] == expected["chosen"].tolist()
    assert all(isinstance(r["score"], float) for r in records)


@pytest.mark.parametrize(
    ("form", "name"), [("xlsx", "out.xlsx"), ("csv", "out.csv"), ("csv-de", "out.csv"),
                       ("json", "out.json"), ("table", "out.xlsx")]
)  # fmt: skip
def test_output_files_read_back_and_are_replaced_by_the_next_run(form, name, tmp_path, capsys):
    target = tmp_path / name
    for _ in range(2):  # the second run replaces what the first wrote, without --force
        assert main(["evaluate", EXAMPLE, "--format", form, "-o", str(target)]) == 0
        assert capsys.readouterr().out == f"{target}\n"
    back = il.load_offers(target)
    assert back["offer"].tolist() == il.evaluate(il.load_example_offers())["offer"].tolist()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "--format xlsx writes a workbook: give its name with -o"),
        (["--format", "xlsx", "-o", "out.csv"], "give a name ending in .xlsx"),
        (["--format", "json", "-o", "out.csv"], "give a name ending in .json"),
        (["--format", "csv", "-o", "out.xlsx"], "writes CSV; give a .csv name"),
    ],
)
def test_a_format_that_does_not_fit_the_file_is_one_line(args, message, tmp_path, capsys):
    assert main(["evaluate", EXAMPLE, *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["report", "evaluate", "plan"])
def test_the_offers_being_read_are_never_the_output(command, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "mine.csv"
    mine.write_bytes(data_path("offers_example.csv").read_bytes())
    before = mine.read_bytes()
    limits = ["--hours", "10", "--interviews", "2"] if command == "plan" else []
    assert main([command, "mine.csv", "-o", "mine.csv", *limits]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "mine.csv: is the offers file being read" in captured.err
    assert "--force" in captured.err
    assert mine.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv"]


def test_the_bundled_example_is_never_the_output_not_even_forced(capsys):
    before = data_path("offers_example.csv").read_bytes()
    for force in ([], ["--force"]):
        assert main(["report", EXAMPLE, "-o", EXAMPLE, *force]) == 2
        assert main(["evaluate", EXAMPLE, "-o", EXAMPLE, *force]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 4
    assert "never overwritten" in err.splitlines()[-1]
    assert data_path("offers_example.csv").read_bytes() == before


def test_a_case_file_or_foreign_file_is_not_replaced_by_a_report(tmp_path, capsys, example_offers):
    from interview_lab.io.case import save_case

    case = save_case(tmp_path / "case.json", example_offers)
    foreign = tmp_path / "notes.html"
    foreign.write_text("<html>my own notes</html>", encoding="utf-8")
    for target in (case, foreign):
        before = target.read_bytes()
        assert main(["report", EXAMPLE, "-o", str(target)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "not overwritten" in err
        assert target.read_bytes() == before
    assert main(["report", EXAMPLE, "-o", str(foreign), "--force"]) == 0
    assert "<!DOCTYPE html>" in foreign.read_text(encoding="utf-8")


def test_an_earlier_report_is_replaced_without_force(tmp_path, capsys):
    target = tmp_path / "report.html"
    assert main(["report", EXAMPLE, "-o", str(target)]) == 0
    first = target.stat().st_mtime_ns
    assert main(["report", EXAMPLE, "-o", str(target), "--lang", "de"]) == 0
    assert '<html lang="de">' in target.read_text(encoding="utf-8")
    assert target.stat().st_mtime_ns >= first
    assert capsys.readouterr().err == ""


def test_an_edited_results_file_is_not_replaced_without_force(tmp_path, capsys):
    target = tmp_path / "results.csv"
    assert main(["evaluate", EXAMPLE, "-o", str(target)]) == 0
    target.write_text(target.read_text(encoding="utf-8") + "my,own,row\n", encoding="utf-8")
    edited = target.read_bytes()
    assert main(["evaluate", EXAMPLE, "-o", str(target)]) == 2
    assert target.read_bytes() == edited
    assert main(["evaluate", EXAMPLE, "-o", str(target), "--force"]) == 0
    assert target.read_bytes() != edited


@pytest.mark.parametrize(
    "typed",
    [
        "Acme Corp — Junior BI Developer",
        "Acme\u200b Corp — Junior BI Developer",  # a zero-width space
        "  Acme Corp — Junior BI Developer\ufeff ",
    ],
)
def test_reply_finds_an_offer_by_its_normalised_name(typed):
    assert "Acme Corp" in run("reply", EXAMPLE, "--offer", typed)


def test_reply_matches_a_decomposed_name_to_a_precomposed_one(tmp_path):
    path = tmp_path / "offers.csv"
    path.write_text(
        "offer,interest,practice,surprise,doors,time_cost,confusion\nCafé Nord,8,5,4,6,4,3\n",
        encoding="utf-8",
    )
    assert run("reply", str(path), "--offer", "Cafe\u0301 Nord").startswith("Subject:")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--hours", "1e18", "--hours: 1e+18 hours is more than anyone can prepare"),
        ("--hours", "10000,5", "give at most 10,000 hours"),
        ("--interviews", "1000000000000", "--interviews: 1000000000000 interviews are more"),
        ("--default-prep-hours", "1e6", "give at most 1,000 hours"),
    ],
)  # fmt: skip
def test_plan_refuses_absurd_limits_giving_the_maximum(option, value, message, capsys):
    limits = {"--hours": "10", "--interviews": "2"} | {option: value}
    assert main(["plan", EXAMPLE, *(f"{k}={v}" for k, v in limits.items())]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert message in captured.err


@pytest.mark.parametrize("form", ["csv", "csv-de", "json"])
def test_results_carry_no_float_noise(capsys, form):
    import re

    assert main(["evaluate", str(data_path("offers_example.csv")), "--format", form]) == 0
    out = capsys.readouterr().out
    # 0.29999999999999993 and friends: 13 or more decimals are floating-point noise.
    assert not re.search(r"\d[.,]\d{13,}", out), re.search(r"\d[.,]\d{13,}", out)
    assert re.search(r"\d[.,]\d{3,}", out)  # the numbers are there, just not noisy


# --- issue 13: the command line in the user's language --------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from interview_lab.apps.cli import argparse_message, language_from_environment  # noqa: E402

#: Option names and format choices are typed as they are; a German reader sees them too.
FLAGS = (
    "--hours", "--interviews", "--default-prep-hours", "--weights", "--offer", "--format",
    "--output", "--force", "--preset", "--model", "--sheet", "--lang", "--help", "--version",
    "interview-lab", "interview_lab",
)  # fmt: skip
COMMANDS = ("evaluate", "reply", "plan", "report", "presets", "factors")


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_AT"}, "de"),
        ({"LANG": "de_CH.UTF-8"}, "de"),
        ({"LANG": "de"}, "de"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_DE.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LC_MESSAGES": "en_GB.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "de"),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),  # LC_ALL overrides everything
        ({"LC_ALL": "", "LANG": "de_DE.UTF-8"}, "de"),  # empty counts as unset
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "de"}, "de"),  # LANGUAGE wins...
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "de_AT:en"}, "de"),  # first of the list
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "en:de"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:de"}, "de"),  # first supported one
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr"}, "de"),  # none supported: the locale
        ({"LANG": "C", "LANGUAGE": "de"}, "en"),  # ...unless the locale is C
        ({"LANGUAGE": "de"}, "en"),  # no locale is the C locale
        ({"LC_ALL": "POSIX", "LANGUAGE": "de"}, "en"),
    ],
)
def test_the_language_comes_from_the_environment_as_posix_says(environ, lang, monkeypatch):
    assert language_from_environment(environ) == lang
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert language_from_environment() == lang
    listed = run("factors")
    assert ("Interesse" in listed) == (lang == "de")
    other = "en" if lang == "de" else "de"
    assert ("Interesse" in run("factors", "--lang", other)) == (other == "de")  # --lang wins


def german_help(args, capsys):
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [(), *((c,) for c in COMMANDS)])
@pytest.mark.parametrize("how", ["locale", "--lang de", "--lang=de after --help"])
def test_help_is_german_under_a_german_locale_or_with_lang_de(command, how, capsys, monkeypatch):
    if how == "locale":
        monkeypatch.setenv("LANG", "de_DE.UTF-8")
        args = [*command, "--help"]
    elif how == "--lang de":
        args = [*command, "--lang", "de", "-h"] if command else ["--lang", "de", "--help"]
    else:
        args = [*command, "--help", "--lang=de"]
    out = german_help(args, capsys)
    assert out.startswith("Aufruf: interview-lab")
    assert "Optionen:" in out
    assert "diese Hilfe anzeigen und beenden" in out
    assert_german(out, allow=FLAGS)
    assert "usage" not in out
    english = german_help([*command, "--help", "--lang", "en"], capsys)
    assert english.startswith("usage: interview-lab")
    assert "show this help and exit" in english


def test_the_german_help_names_the_columns_as_a_german_file_may_head_them(capsys):
    out = " ".join(german_help(["evaluate", "--help", "--lang", "de"], capsys).split())
    assert "Spalten: Einladung, Interesse, Übung, Überraschung, Türen, Zeitaufwand," in out
    assert "DATEI" in out
    assert "(Standard: 4 Std.)" in german_help(["plan", "-h", "--lang", "de"], capsys)


def german_error(args, capsys, *, exit_status=2):
    """Run ``args`` under a German locale; return the one error line (stdout stays empty)."""
    out = io.StringIO()
    try:
        status = main(args, out=out)
    except SystemExit as stop:
        status = stop.code
    assert status == exit_status
    assert out.getvalue() == ""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    last = err.splitlines()[-1]
    assert last.startswith(("interview-lab: Fehler: ", "interview-lab ")), err
    assert ": Fehler: " in last
    return last


@pytest.fixture
def german_locale(monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")


def test_a_missing_file_is_a_german_error(tmp_path, capsys, german_locale):
    missing = str(tmp_path / "fehlt.csv")
    for args in (
        ["evaluate", missing],
        ["reply", missing, "--offer", "A"],
        ["plan", missing, "--hours", "5", "--interviews", "1"],
        ["report", missing, "-o", str(tmp_path / "bericht.html")],
        ["evaluate", EXAMPLE, "--weights", str(tmp_path / "fehlt.toml")],
        ["factors", "--model", str(tmp_path / "fehlt.toml")],
    ):
        line = german_error(args, capsys)
        assert "fehlt." in line
        assert_german(line, allow=(str(tmp_path), *FLAGS))


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("offer,interest,practice,surprise,doors,time_cost,confusion\nA,5,5,5,5,5,99\n", "99"),
        ("offer,interest\nA,5\n", "Übung"),
        (b"\xff\xfe\x00\xd8offer", "UTF"),
    ],
)
def test_a_bad_file_is_a_german_error(content, says, tmp_path, capsys, german_locale):
    path = tmp_path / "angebote.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    line = german_error(["evaluate", str(path)], capsys)
    assert says in line
    assert_german(line, allow=(str(tmp_path), *FLAGS, "„offer“", "„interest“"))  # as typed


def test_a_folder_or_an_unwritable_output_is_a_german_error(tmp_path, capsys, german_locale):
    line = german_error(["evaluate", str(tmp_path)], capsys)
    assert "Ordner" in line
    assert_german(line, allow=(str(tmp_path), *FLAGS))
    (tmp_path / "datei").write_text("", encoding="utf-8")
    line = german_error(["evaluate", EXAMPLE, "-o", str(tmp_path / "datei" / "x.csv")], capsys)
    assert "datei: ist bereits vorhanden" in line
    assert_german(line, allow=(str(tmp_path), *FLAGS))


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["evaluate", EXAMPLE, "--lang", "fr"], "--lang: „fr“ ist keine der möglichen Angaben"),
        (["evaluate", EXAMPLE, "--format", "pdf"], "„pdf“ ist keine der möglichen Angaben"),
        (["evaluate", EXAMPLE, "--format"], "--format: hier fehlt ein Wert"),
        (["evaluate"], "diese Angaben fehlen: DATEI"),
        (["plan", EXAMPLE], "diese Angaben fehlen: --hours, --interviews"),
        (["frob"], "„frob“ ist keine der möglichen Angaben („evaluate“, „reply“"),
        ([], "diese Angaben fehlen: BEFEHL"),
        (["evaluate", EXAMPLE, "--bogus"], "unbekannte Angaben: --bogus"),
        (["evaluate", EXAMPLE, "--preset", "x", "--weights", "y"], "nicht zusammen mit"),
        (["evaluate", EXAMPLE, "--force=ja"], "nimmt keinen Wert an, angegeben war „ja“"),
        (["evaluate", EXAMPLE, "--format", "xlsx"], "-o DATEI.xlsx an"),
        (["evaluate", EXAMPLE, "--format", "json", "-o", "x.csv"], "der auf .json endet"),
        (["reply", EXAMPLE, "--offer", "Nope"], "keine Einladung namens „Nope“"),
        (["evaluate", EXAMPLE, "-o", EXAMPLE], "nicht"),
        (["plan", EXAMPLE, "--hours", "abc", "--interviews", "2"], "--hours"),
        (["plan", EXAMPLE, "--hours", "5", "--interviews", "-1"], "--interviews"),
        (["evaluate", EXAMPLE, "--preset", "nope"], "„nope“"),
    ],
)
def test_a_bad_option_value_is_a_german_error(args, says, capsys, german_locale):
    line = german_error(args, capsys)
    assert says in line
    assert_german(line, allow=(*FLAGS, EXAMPLE, *NAMES, "Nope", "nope", "frob", "fr", "pdf"))


@pytest.mark.parametrize(
    "said",
    [
        "argument --lang: invalid choice: 'fr' (choose from 'en', 'de')",
        "the following arguments are required: FILE, --hours",
        "unrecognized arguments: --x",
        "argument --preset: not allowed with argument --weights",
        "argument --force: ignored explicit argument 'yes'",
        "ambiguous option: --f could match --format, --force",
        "argument --hours: expected one argument",
        "argument --x: expected 2 arguments",
        "argument -n: invalid int value: 'x'",
        "one of the arguments --a --b is required",
    ],
)
def test_every_message_of_argparse_is_said_in_both_languages(said):
    assert argparse_message(said, "en").replace("“", "'").replace("”", "'") == said.replace(
        "argument --force: ignored explicit argument 'yes'",
        "argument --force: takes no value, got 'yes'",
    ).replace("invalid int value", "invalid value")
    assert_german(argparse_message(said, "de"), allow=(*FLAGS, "--x", "--a", "--b", "--f", "-n"))


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    from interview_lab.apps import cli

    def broken(*args, **kwargs):
        raise KeyError("little")

    monkeypatch.setattr(cli, "evaluate_at", broken)
    assert main(["evaluate", EXAMPLE, "--lang", "de"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "interview-lab: Fehler: Unerwarteter interner Fehler (KeyError). Bitte melden Sie ihn "
        "zusammen mit dem Befehl, den Sie aufgerufen haben.\n"
    )
    monkeypatch.setenv("INTERVIEW_LAB_TRACEBACK", "1")
    with pytest.raises(KeyError):
        main(["evaluate", EXAMPLE])


def test_the_plan_and_presets_speak_german_with_german_numbers(capsys):
    text = run("plan", EXAMPLE, "--hours", "7,5", "--interviews", "1", "--lang", "de")
    assert text.startswith("Plan: 1 von 1 Gespräch, 6 Std. von 7,5 Std. Vorbereitung, ")
    assert "Gesamtpunktzahl +1,61" in text.splitlines()[0]
    listed = run("presets", "--lang", "de")
    assert "Prioritäten: Interesse 3,5, Übung 2,5, Überraschung 1,5, Türen 2," in listed
    assert_german(listed)
    assert "priorities: interest 3.5, practice 2.5," in run("presets")
    factors = run("factors", "--lang", "de")
    assert "Zeitaufwand (0–10, Kosten des Gesprächs): " in factors
    assert "benefit" not in factors
    assert "cost" not in factors
    assert_german(factors)
    assert "time cost (0–10, cost of going): " in run("factors")


# A property: every command over random small offers files, in both languages.

OFFER_NAMES = st.lists(
    st.sampled_from(
        ["Nordwind", "Kranich", "Lindenhof", "Seeblick", "Ahornweg", "Bergfried", "Eichhorn"]
    ),
    min_size=1,
    max_size=4,
    unique=True,
)
RATING = st.sampled_from([0, 1, 2.5, 3, 5, 6.5, 7, 9, 10])


@st.composite
def offers_files(draw):
    names = draw(OFFER_NAMES)
    rows = [
        {
            "offer": name,
            **{factor: draw(RATING) for factor in il.FACTOR_NAMES},
            "prep_hours": draw(st.sampled_from([1, 2.5, 4, 8])),
            "company": name,
            "role": "Analyst",
        }
        for name in names
    ]
    return pd.DataFrame(rows)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(offers=offers_files(), lang=st.sampled_from(il.LANGUAGES), data=st.data())
def test_every_command_speaks_the_language_on_random_offers(offers, lang, data, tmp_path_factory):
    path = tmp_path_factory.mktemp("offers") / "angebote.csv"
    offers.to_csv(path, index=False)
    name = data.draw(st.sampled_from(offers["offer"].tolist()))
    hours = data.draw(st.sampled_from(["0", "3,5", "10"]))
    for args in (
        ["evaluate", str(path)],
        ["plan", str(path), "--hours", hours, "--interviews", "2"],
        ["reply", str(path), "--offer", name],
        ["factors"],
        ["presets"],
    ):
        out = run(*args, "--lang", lang)
        assert out.strip()
        if lang == "de":
            assert_german(out, allow=(*offers["offer"], "Analyst"))
        else:
            from .helpers import CODE_SIGNS

            assert not CODE_SIGNS.findall(out), out
