from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import interview_lab as il
from interview_lab.cli import main
from interview_lab.resources import data_path

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


def test_table_in_german_uses_german_labels_and_decimal_commas():
    text = run("evaluate", EXAMPLE, "--lang", "de")
    assert "Empfehlung" in text
    assert "absagen, in Kontakt bleiben" in text
    assert "Begründung:" in text
    assert "+1,29" in text


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
