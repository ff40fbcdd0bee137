"""The benchmarks run and compare like with like (no timing is asserted here)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import interview_lab as il

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import bench_evaluate


def bare_and_evaluated(offers: pd.DataFrame, raw: np.ndarray) -> tuple[pd.DataFrame, dict]:
    ratings = np.ascontiguousarray(offers[list(il.FACTOR_NAMES)].to_numpy().T)
    result = il.evaluate(offers, dict(zip(il.FACTOR_NAMES, raw, strict=True)), explain=False)
    return result, bench_evaluate.bare_kernel(ratings, raw, block=1000)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_bare_kernel_computes_what_evaluate_computes(seed):
    offers = il.random_offers(3000, seed=seed)
    raw = np.random.default_rng(seed).uniform(0.2, 3, 6)
    bench_evaluate.check_same_outputs(*bare_and_evaluated(offers, raw))


@pytest.mark.parametrize(
    "raw",
    [
        [3.5, 2.5, 1.5, 2.0, 3.0, 1.5],  # the defaults
        [1, 1, 1, 1, 1, 1],  # every min() a tie
        [2, 2, 0, 0, 2, 0],  # factors switched off: no keep in touch, no doors flips
        [0, 3, 1, 2, 3, 1],  # no interest: no relief, doors never cancelled
    ],
)
def test_the_bare_kernel_agrees_on_ties_and_switched_off_factors(raw):
    offers = il.random_offers(2000, seed=5)
    columns = list(il.FACTOR_NAMES)
    offers.loc[:499, columns] = np.round(offers.loc[:499, columns] / 2.5) * 2.5  # coarse ratings
    offers.loc[500:599, columns] = 0.0
    offers.loc[600:699, columns] = 10.0
    bench_evaluate.check_same_outputs(*bare_and_evaluated(offers, np.array(raw, dtype=float)))


def test_a_wrong_bare_kernel_is_caught():
    offers = il.random_offers(500)
    result, bare = bare_and_evaluated(offers, np.array([3.5, 2.5, 1.5, 2.0, 3.0, 1.5]))
    bare["borderline"] = ~bare["borderline"]
    with pytest.raises(AssertionError):
        bench_evaluate.check_same_outputs(result, bare)


def test_the_benchmark_prints_every_ratio_with_its_target(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(bench_evaluate, "RESULTS", tmp_path / "latest.json")
    assert bench_evaluate.main(["--sizes", "500", "800", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    for label in (
        "evaluate / bare",
        "bytes / offer",
        "explain=True / explain=False",
        "scikit-criteria",
        "import interview_lab / import pandas",
    ):
        assert label in out
    assert out.count("<=") + out.count(">=") >= 5  # every target is printed
    assert (tmp_path / "latest.json").exists()


def test_the_app_benchmark_prints_its_ratio(capsys):
    import bench_app

    assert bench_app.main(["--offers", "5", "--moves", "3"]) == 0
    out = capsys.readouterr().out
    assert "slider move" in out
    assert "rebuild / move" in out


def test_the_plan_benchmark_checks_its_optimum_against_milp(capsys):
    import bench_plan

    assert bench_plan.main(["--offers", "12", "--hours", "10", "--repeats", "3"]) == 0
    out = capsys.readouterr().out
    assert "plan / milp" in out
    assert "same optimum in every case" in out


def test_the_rank_acceptability_benchmark_prints_its_ratios(capsys):
    import bench_sensitivity

    argv = ["--offers", "5", "--draws", "2000", "--peer-draws", "5", "--repeats", "1"]
    assert bench_sensitivity.main(argv) == 0
    out = capsys.readouterr().out
    for label in ("rank_acceptability / bare", "/ (draws + bare)", "skcriteria loop / ours",
                  "10,000 draws"):  # fmt: skip
        assert label in out


@pytest.mark.parametrize("problem", ["duplicate", "blank", "padded"])
def test_validation_at_benchmark_sizes_still_names_every_problem(problem):
    # From 2**18 names on, uniqueness is checked by sorting hashes instead of a set.
    offers = il.random_offers(300_000)
    names = offers["offer"].tolist()
    if problem == "duplicate":
        names[299_999] = names[7]
    elif problem == "blank":
        names[123_456] = "  "
    else:
        names[5] = f"  {names[5]} "
    offers["offer"] = names
    if problem == "padded":  # stripped, and then the same as the name it was
        result = il.evaluate(offers, explain=False)
        assert result["offer"].iloc[5] == names[5].strip()
        return
    expected = "duplicate offer name" if problem == "duplicate" else "the offer name is blank"
    with pytest.raises(il.OfferDataError, match=expected):
        il.evaluate(offers, explain=False)
