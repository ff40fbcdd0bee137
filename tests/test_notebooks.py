"""Committed notebooks are clean and thin (they run under nbval via pytest --nbval-lax)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
MAX_LOGIC_LINES = 15


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs_or_widget_state(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in notebook.get("metadata", {})
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], "strip outputs before committing"
            assert cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_cells_are_thin(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        logic = [
            line
            for line in "".join(cell["source"]).splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
        assert len(logic) <= MAX_LOGIC_LINES, "move this logic into the package"


def executed(name: str) -> list[str]:
    """Run a notebook in a fresh kernel; return the text output of each code cell."""
    import nbclient
    import nbformat

    path = next(p for p in NOTEBOOKS if p.name == name)
    notebook = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=120, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return [
        "".join(out.get("text", "") for out in cell.outputs if out.get("output_type") == "stream")
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


def test_getting_started_shows_what_the_package_computes():
    # nbval compares only cells with stored outputs, and committed notebooks store
    # none, so the deterministic cells are checked against the package here.
    import interview_lab as il

    outputs = executed("getting_started.ipynb")
    offers = il.load_example_offers()
    result = il.evaluate(offers)
    table = result[["offer", "score", "verdict", "borderline"]].round(2).to_string(index=False)
    assert table + "\n" in outputs
    assert any(result["explanation"].iloc[0] in out for out in outputs)
    busy = il.evaluate(offers, il.preset_weights("busy_full_timer"), lang="de")
    assert any(busy["explanation"].iloc[4] in out for out in outputs)


def test_compare_offers_shows_the_apps_results():
    import interview_lab as il

    outputs = executed("compare_offers.ipynb")
    offers = il.load_example_offers()
    neutral = il.evaluate(offers)[["offer", "score", "verdict"]].round(2).to_string(index=False)
    busy = il.evaluate(offers, il.preset_weights("busy_full_timer"))
    assert neutral + "\n" in outputs
    assert busy[["offer", "verdict"]].to_string(index=False) + "\n" in outputs


def test_should_i_take_it_shows_the_verdict_and_the_reply_in_both_languages():
    import interview_lab as il

    outputs = executed("should_i_take_it.ipynb")
    row = {"offer": "this invitation", "interest": 1, "practice": 3, "surprise": 2, "doors": 9,
           "time_cost": 5, "confusion": 3, "company": "Acme"}  # fmt: skip
    english = il.draft_reply(row, lang="en")
    assert outputs[1] == "decline_keep_in_touch\n" + english + "\n"
    german_row = {**row, "offer": "diese Einladung"}
    explanation = il.evaluate(pd.DataFrame([german_row]), lang="de")["explanation"].iloc[0]
    assert outputs[2] == explanation + "\n" + il.draft_reply(german_row, lang="de") + "\n"


def test_interview_budget_shows_the_plans_the_package_makes():
    import interview_lab as il

    outputs = executed("interview_budget.ipynb")
    offers = il.load_example_offers()
    start = il.plan(offers, hours=10, interviews=2)
    columns = ["offer", "prep_hours", "chosen", "reason"]
    assert outputs[2] == start[columns].to_string(index=False) + "\n"
    tight = il.plan(offers, hours=6, interviews=1)
    chosen = tight.loc[tight["chosen"], "offer"].tolist()
    assert outputs[3] == f"{chosen}\n{tight.attrs['plan']}\n"
    german = il.plan(offers, hours=10, interviews=2, lang="de")
    assert outputs[4] == german[["offer", "reason"]].to_string(index=False) + "\n"


def test_coach_tradeoffs_shows_the_analyses_the_package_makes():
    import interview_lab as il
    from interview_lab import analysis as sensitivity

    outputs = executed("coach_tradeoffs.ipynb")
    offers = il.load_example_offers()
    compared = sensitivity.side_by_side(offers, "new_graduate", "busy_full_timer")
    columns = ["offer", "first_verdict", "second_verdict", "first_rank", "second_rank"]
    assert outputs[2] == compared[columns].to_string(index=False) + "\n"
    intervals = sensitivity.stability_intervals(offers)
    flips = intervals[intervals["factor"] == "time_cost"]
    assert (
        outputs[3]
        == flips[["offer", "verdict", "low", "high"]].round(2).to_string(index=False) + "\n"
    )
    table = sensitivity.rank_acceptability(offers, n=10_000, seed=0)
    assert outputs[4] == table[["rank_1", "p_accept", "p_decline"]].round(2).to_string() + "\n"
    ranked = sensitivity.roc_weights(["time_cost", "interest", "practice"])
    changes = sensitivity.what_would_change(offers, ranked).drop_duplicates("offer")
    assert outputs[5].endswith(changes["text"].to_string(index=False) + "\n")
    unsure = {"interest": 3, "practice": (2, 9), "surprise": (3, 8), "doors": (1, 8),
              "time_cost": 4, "confusion": (0, 6)}  # fmt: skip
    found = sensitivity.what_to_find_out_first(unsure, lang="de")
    assert outputs[6] == "\n".join(found["text"]) + "\n"


def test_own_factors_shows_the_model_file_and_its_deal_breakers():
    import interview_lab as il
    from interview_lab.core.resources import data_path

    outputs = executed("own_factors.ipynb")
    model = il.load_model(data_path("models/salary_commute.toml"))
    offers = il.load_offers(data_path("offers_salary_commute.csv"), model)
    factors = il.factor_table(model=model)
    columns = ["factor", "label", "direction", "low", "high", "weight"]
    rules = "".join(
        f"deal-breaker on {rule.column}: {rule.text('en')} / {rule.text('de')}\n"
        for rule in model.dealbreakers
    )
    assert outputs[1] == factors[columns].to_string(index=False) + "\n" + rules
    result = il.evaluate(offers, model=model)
    table = result[["offer", "score", "verdict", "dealbreakers"]].round(2).to_string(index=False)
    assert outputs[2] == table + "\n"
    german = il.evaluate(offers, model=model, lang="de")
    expected = german[["offer", "dealbreakers"]].to_string(index=False)
    assert outputs[3] == expected + "\n" + german["explanation"].iloc[2] + "\n"
    salary_first = il.evaluate(offers, {"salary": 5.0}, model=model)
    blocked = salary_first["dealbreakers"] != ""
    assert not (salary_first.loc[blocked, "verdict"] == "accept").any()
    assert outputs[5] == (
        salary_first[["offer", "verdict", "dealbreakers"]].to_string(index=False) + "\n"
    )
