"""Benchmark the apps: one priority-slider move against rebuilding every figure.

Run ``make bench`` (or ``python benchmarks/bench_app.py``). For each app (the
comparison app, the coach's app, the interview-budget app) a slider move is measured
from setting the slider's value until every FigureWidget and table of the app is
updated, on the Python side (the browser's drawing is not included). The baseline,
interleaved with the moves, is what a naive app would do on every move: run the same
analyses and build new figures from scratch.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

import interview_lab as il
from interview_lab.analysis import (
    rank_acceptability,
    side_by_side,
    stability_intervals,
    tornado,
    what_would_change,
)
from interview_lab.apps.budget import budget
from interview_lab.apps.coach import DEFAULT_DRAWS, coach
from interview_lab.apps.compare import COMPARISON_CHARTS, compare
from interview_lab.charts import COACH_SPECS, SPECS, figure_from_spec

#: Python-side targets for one slider move at 200 offers, in milliseconds.
TARGETS_MS = {"compare": 10.0, "coach": 30.0, "budget": 10.0}


def widget(spec: Any) -> go.FigureWidget:
    return go.FigureWidget(figure_from_spec(spec))


def rebuild_compare(offers, weights) -> list[go.FigureWidget]:
    """Evaluate, then build the comparison app's four figures anew."""
    result = il.evaluate(offers, weights)
    return [widget(SPECS[name](result, "en")) for name in COMPARISON_CHARTS]


def rebuild_coach(offers, weights, draws: int) -> list[go.FigureWidget]:
    """Run the coach's analyses (as many draws as the app), then build its figures anew."""
    intervals = stability_intervals(offers, weights)
    bars = tornado(offers.head(1), weights)
    table = rank_acceptability(offers, weights, n=draws, seed=0)
    what_would_change(offers, weights)
    compared = side_by_side(offers, "coach_neutral", "busy_full_timer")
    sources = {
        "personas": compared,
        "stability": intervals[intervals["factor"] == "time_cost"],
        "tornado": bars,
        "acceptability": table,
        "verdict_probability": table,
    }
    return [widget(COACH_SPECS[name](sources[name], "en")) for name in COACH_SPECS]


def rebuild_budget(offers, weights, hours: float, interviews: int) -> go.FigureWidget:
    """Plan, then build the plan chart anew."""
    planned = il.plan(offers, hours, interviews, weights)
    return widget(SPECS["plan"](planned, "en"))


def timed(app: Any, moves: int, rebuild: Callable[[dict[str, float]], object]) -> dict[str, float]:
    """Median seconds of a time_cost slider move and of a rebuild, interleaved."""
    slider = app.sliders["time_cost"]
    move_times, rebuild_times = [], []
    for k in range(moves):
        value = 1.0 + (k % 30) / 10
        start = time.perf_counter()
        slider.value = value if slider.value != value else value + 0.05
        move_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        rebuild(app.weights)
        rebuild_times.append(time.perf_counter() - start)
    assert app.errors == [], app.errors
    return {"move": statistics.median(move_times), "rebuild": statistics.median(rebuild_times)}


def run(n_offers: int, moves: int, draws: int = DEFAULT_DRAWS) -> dict[str, dict[str, float]]:
    """Median seconds of a slider move and of a rebuild, per app."""
    offers = il.random_offers(n_offers)
    hours, interviews = 40.0, 8
    figures = {}
    figures["compare"] = timed(compare(offers), moves, lambda w: rebuild_compare(offers, w))
    coach_app = coach(offers, "coach_neutral", "busy_full_timer", draws=draws)
    used = coach_app.draws_used
    figures["coach"] = timed(coach_app, moves, lambda w: rebuild_coach(offers, w, used))
    figures["coach"]["draws"] = used
    figures["budget"] = timed(
        budget(offers, hours=hours, interviews=interviews),
        moves,
        lambda w: rebuild_budget(offers, w, hours, interviews),
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=200, help="offers in the apps (default 200)")
    parser.add_argument("--moves", type=int, default=40, help="slider moves (default 40)")
    args = parser.parse_args(argv)
    figures = run(args.offers, args.moves)
    moves = f"median of {args.moves} interleaved time_cost slider moves (Python side)"
    lines = [f"apps, {args.offers} offers, {moves}"]
    what = {
        "compare": "comparison app: 4 charts and the verdict table",
        "coach": f"coach's app: analyses ({figures['coach']['draws']:,.0f} draws), charts, tables",
        "budget": "budget app: plan, plan chart and table",
    }
    for name, times in figures.items():
        move, rebuild = times["move"] * 1e3, times["rebuild"] * 1e3
        lines.append(
            f"  {what[name]}\n"
            f"    slider move {move:7.1f} ms   (target <= {TARGETS_MS[name]:g} ms)\n"
            f"    rebuild     {rebuild:7.1f} ms   rebuild / move = {rebuild / move:.1f}x"
        )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
