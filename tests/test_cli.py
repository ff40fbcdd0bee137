from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.apps.cli import main
from interview_lab.core.resources import data_path
from interview_lab.text.explain import verdict_label

from .test_charts import custom_model, with_salary

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
