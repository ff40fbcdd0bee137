"""The benchmark runs and compares like with like (no timing is asserted here)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import interview_lab as il

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import bench_evaluate


@pytest.mark.parametrize("seed", [0, 1])
def test_the_plain_reference_computes_what_evaluate_computes(seed):
    offers = il.random_offers(3000, seed=seed)
    ratings = offers[list(il.FACTOR_NAMES)].to_numpy()
    weights = np.random.default_rng(seed).uniform(0.2, 3, 6)
    result = il.evaluate(offers, dict(zip(il.FACTOR_NAMES, weights, strict=True)), explain=False)
    bench_evaluate.check_same_outputs(result, bench_evaluate.plain_numpy(ratings, weights))


def test_the_benchmark_prints_every_ratio(capsys):
    assert bench_evaluate.main(["--n", "500", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    for label in (
        "evaluate / bare",
        "evaluate / plain",
        "skcriteria / evaluate",
        "/ explain=False",
        "/ import pandas",
    ):
        assert label in out


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
