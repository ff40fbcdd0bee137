"""Benchmark the comparison app: one slider move against rebuilding every figure.

Run ``make bench`` (or ``python benchmarks/bench_app.py``). A slider move is
measured from setting the slider's value to every FigureWidget and the verdict
table being updated, on the Python side (the browser's drawing is not included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parent))


import interview_lab as il
from interview_lab.app import COMPARISON_CHARTS, compare
from interview_lab.charts import SPECS, figure_from_spec


def rebuild_from_scratch(offers, weights) -> list[go.FigureWidget]:
    """Do what a naive app does on every move: evaluate, then build new figures."""
    result = il.evaluate(offers, weights)
    return [
        go.FigureWidget(figure_from_spec(SPECS[name](result, "en"))) for name in COMPARISON_CHARTS
    ]


def run(n_offers: int, moves: int) -> dict[str, float]:
    """Median seconds of a slider move and of a rebuild, moves interleaved."""
    offers = il.random_offers(n_offers)
    app = compare(offers)
    slider = app.sliders["time_cost"]
    values = [1.0 + (k % 30) / 10 for k in range(moves)]
    move_times, rebuild_times = [], []
    for value in values:
        start = time.perf_counter()
        slider.value = value if slider.value != value else value + 0.05
        move_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        rebuild_from_scratch(offers, app.weights)
        rebuild_times.append(time.perf_counter() - start)
    assert app.errors == [], app.errors
    return {"move": statistics.median(move_times), "rebuild": statistics.median(rebuild_times)}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=20, help="offers in the app (default 20)")
    parser.add_argument("--moves", type=int, default=60, help="slider moves (default 60)")
    args = parser.parse_args(argv)
    figures = run(args.offers, args.moves)
    print(
        f"comparison app, {args.offers} offers, median of {args.moves} interleaved moves\n"
        f"  slider move -> 4 charts and the table updated  {figures['move'] * 1e3:7.1f} ms"
        "   (target <= 10 ms)\n"
        f"  rebuilding the 4 figures from scratch         {figures['rebuild'] * 1e3:7.1f} ms"
        f"   rebuild / move = {figures['rebuild'] / figures['move']:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
