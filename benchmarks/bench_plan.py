"""Benchmark the interview budget: plan() for 60 invitations within 40 hours.

Run ``make bench`` (or ``python benchmarks/bench_plan.py``). The baseline, in the same
run, is scipy's ``milp`` (HiGHS) solving the bare knapsack of the same candidates and
limits (no evaluation, no reasons, no tie rule); its optimum also cross-checks that
``plan`` is exact. Preparation hours are random minutes, the hardest case for the
dynamic program (no common divisor shrinks its table).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

import interview_lab as il


def invitations(n: int, seed: int) -> pd.DataFrame:
    """``n`` random offers, interest skewed high so that many are accepted."""
    offers = il.random_offers(n, seed=seed)
    rng = np.random.default_rng(seed)
    offers["interest"] = rng.uniform(4, 10, n).round(1)
    offers["time_cost"] = rng.uniform(0, 6, n).round(1)
    offers["prep_hours"] = rng.integers(30, 12 * 60, n) / 60  # whole minutes
    return offers


def milp_optimum(values: np.ndarray, hours: np.ndarray, limit: float, interviews: int) -> float:
    """Solve the bare problem: maximise value within both limits (0/1), return the optimum."""
    constraints = LinearConstraint(
        np.vstack([np.rint(hours * 60), np.ones_like(values)]),
        ub=[round(limit * 60), interviews],
    )
    solved = milp(
        -values, constraints=constraints, integrality=np.ones_like(values), bounds=Bounds(0, 1)
    )
    return float(-solved.fun)


def run(n: int, hours: float, interviews: int, repeats: int) -> dict[str, float]:
    """Median seconds of plan() and of the bare milp, interleaved, over seeds."""
    plan_times, milp_times = [], []
    for seed in range(repeats):
        offers = invitations(n, seed)
        start = time.perf_counter()
        planned = il.plan(offers, hours=hours, interviews=interviews)
        plan_times.append(time.perf_counter() - start)

        candidates = planned[planned["verdict"] == "accept"]
        values = candidates["score"].to_numpy(dtype=float)
        prep = candidates["prep_hours"].to_numpy(dtype=float)
        start = time.perf_counter()
        optimum = milp_optimum(values, prep, hours, interviews)
        milp_times.append(time.perf_counter() - start)
        total = planned.attrs["plan"]["total_score"]
        if abs(total - optimum) > 1e-6:
            raise AssertionError(f"seed {seed}: plan found {total}, milp {optimum}")
    return {
        "plan": statistics.median(plan_times),
        "milp": statistics.median(milp_times),
        "candidates": float(len(candidates)),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=60, help="invitations (default 60)")
    parser.add_argument("--hours", type=float, default=40, help="hours available (default 40)")
    parser.add_argument("--interviews", type=int, default=8, help="interviews (default 8)")
    parser.add_argument("--repeats", type=int, default=15, help="random cases (default 15)")
    args = parser.parse_args(argv)
    figures = run(args.offers, args.hours, args.interviews, args.repeats)
    print(
        f"interview budget, {args.offers} invitations (~{figures['candidates']:.0f} accepted), "
        f"{args.hours:g} h, {args.interviews} interviews, median of {args.repeats} cases\n"
        f"  plan() (evaluate, exact DP, reasons)  {figures['plan'] * 1e3:7.1f} ms"
        "   (target: well under 1 s)\n"
        f"  scipy milp, bare knapsack             {figures['milp'] * 1e3:7.1f} ms\n"
        f"  plan / milp                           {figures['plan'] / figures['milp']:7.2f}x"
        "   (same optimum in every case)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
