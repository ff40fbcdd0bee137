"""Benchmark ``evaluate`` against a bare numpy kernel, scikit-criteria and import time.

Run ``make bench`` (or ``python benchmarks/bench_evaluate.py --n 100000``). Every
figure is a median over repeated runs in this process, and every ratio compares two
figures of the same run, so the numbers travel between machines better than seconds.
Nothing here is a pass/fail test; ``tests/test_benchmarks.py`` only checks that the
benchmark runs and that the bare kernel computes what ``evaluate`` computes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import interview_lab as il
from interview_lab.model import score_ratings

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def bare_kernel(r: np.ndarray, weights: np.ndarray) -> object:
    """Run the bare limit: the package's unvalidated array kernel on an (n, 6) array.

    Same outputs as ``evaluate(explain=False)`` (contributions, score, verdict codes,
    borderline), without validation, without a DataFrame in or out.
    """
    return score_ratings(r, weights / weights.sum())


def plain_numpy(r: np.ndarray, weights: np.ndarray) -> dict[str, np.ndarray]:
    """Compute the documented formula again, plainly, in numpy: the reference.

    Independent of the package's kernel (broadcasting over all 12 weight vectors,
    one rating step at a time), so agreement checks the kernel and the wrapper.
    Returns contributions, score, verdict codes (0 decline, 1 keep in touch,
    2 accept) and borderline.
    """
    from interview_lab.model import ACCEPT_ABOVE, KEEP_IN_TOUCH_MIN

    def contributions_for(w: np.ndarray, i, p, s, d, t, c) -> list[np.ndarray]:
        wi, wp, ws, wd, wt, wc = (w[..., k] for k in range(6))
        return [
            wi * (i - 5),
            wp * p - np.minimum(wp, wt) * p * t / 10,
            ws * s - np.minimum(ws, wc) * s * c / 10,
            wd * d - np.minimum(wd, wi) * d * (10 - i) / 10,
            -wt * t,
            -wc * c,
        ]

    def verdicts(score: np.ndarray, door_value: np.ndarray) -> np.ndarray:
        return np.where(score > ACCEPT_ABOVE, 2, np.where(door_value >= KEEP_IN_TOUCH_MIN, 1, 0))

    w = weights / weights.sum()
    cols = [r[:, k] for k in range(6)]
    parts = contributions_for(w, *cols)
    score = sum(parts[1:], parts[0])
    verdict = verdicts(score, w[3] * cols[3])

    # One weight ×0.75 or ×1.25 at a time: all 12 weight vectors broadcast at once.
    scale = np.ones((12, 6))
    scale[np.arange(6), np.arange(6)] = 0.75
    scale[np.arange(6) + 6, np.arange(6)] = 1.25
    perturbed = w * scale
    perturbed /= perturbed.sum(axis=1, keepdims=True)
    wide = [col[:, None] for col in cols]
    scores_w = sum(contributions_for(perturbed[None, :, :], *wide))
    flipped = (verdicts(scores_w, perturbed[None, :, 3] * wide[3]) != verdict[:, None]).any(axis=1)

    # One rating ±1 at a time: the score is affine in each rating, so slope × step.
    i, p, s, d, t, c = cols
    slopes = [
        w[0] + min(w[3], w[0]) * d / 10,
        w[1] - min(w[1], w[4]) * t / 10,
        w[2] - min(w[2], w[5]) * c / 10,
        w[3] - min(w[3], w[0]) * (10 - i) / 10,
        -w[4] - min(w[1], w[4]) * p / 10,
        -w[5] - min(w[2], w[5]) * s / 10,
    ]
    for k in range(6):
        for step in (1.0, -1.0):
            moved = np.clip(cols[k] + step, 0, 10)
            door = w[3] * (moved if k == 3 else d)
            flipped |= verdicts(score + slopes[k] * (moved - cols[k]), door) != verdict
    return {
        "contributions": np.column_stack(parts),
        "score": score,
        "verdict": verdict,
        "borderline": flipped,
    }


def wall_time(work: Callable[[], object]) -> float:
    """Seconds one call of ``work`` takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def median_seconds(
    works: dict[str, Callable[[], object]],
    repeats: int,
    measure: Callable[[Callable[[], object]], float] = wall_time,
) -> dict[str, float]:
    """Median time of each piece of work over ``repeats`` rounds, after a warm-up.

    The works take turns within each round, so a burst of load on the machine hits
    all of them alike and their ratios stay fair.
    """
    times: dict[str, list[float]] = {name: [] for name in works}
    for work in works.values():
        work()
    for _ in range(repeats):
        for name, work in works.items():
            times[name].append(measure(work))
    return {name: statistics.median(values) for name, values in times.items()}


def import_seconds(module: str) -> float:
    """Seconds to import ``module`` in a fresh interpreter (its startup excluded)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def skcriteria_seconds(
    offers: pd.DataFrame, ratings: np.ndarray, weights: np.ndarray, repeats: int
) -> dict[str, float | None]:
    """Median times of scikit-criteria's weighted-sum pipeline and of ``evaluate``.

    The pipeline is skipped (None) where scikit-criteria is not installed.
    """
    try:
        import skcriteria
        from skcriteria.agg.simple import WeightedSumModel
        from skcriteria.pipelines import mkpipe
        from skcriteria.preprocessing.invert_objectives import InvertMinimize
        from skcriteria.preprocessing.scalers import SumScaler
    except ImportError:
        return {"skcriteria": None}
    objectives = [max if f.direction == "benefit" else min for f in il.FACTORS]
    pipeline = mkpipe(InvertMinimize(), SumScaler(target="both"), WeightedSumModel())

    def run() -> object:
        matrix = skcriteria.mkdm(ratings + 1e-9, objectives=objectives, weights=weights)
        return pipeline.evaluate(matrix)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dict(
            median_seconds(
                {
                    "skcriteria": run,
                    "evaluate_for_skcriteria": lambda: il.evaluate(offers, explain=False),
                },
                repeats,
            )
        )


def check_same_outputs(result: pd.DataFrame, bare: dict[str, np.ndarray]) -> None:
    """Fail loudly if the plain reference and evaluate disagree.

    A benchmark of two different computations would be meaningless.
    """
    codes = result["verdict"].cat.codes.to_numpy()
    contributions = result[[f"contribution_{n}" for n in il.FACTOR_NAMES]].to_numpy()
    np.testing.assert_allclose(bare["score"], result["score"], atol=1e-9)
    np.testing.assert_allclose(bare["contributions"], contributions, atol=1e-9)
    np.testing.assert_array_equal(bare["verdict"], codes)
    np.testing.assert_array_equal(bare["borderline"], result["borderline"])


def run(n: int, repeats: int) -> dict[str, Any]:
    """Measure everything; return the figures (seconds and ratios)."""
    offers = il.random_offers(n)
    ratings = offers[list(il.FACTOR_NAMES)].to_numpy()
    weights = np.array([il.DEFAULT_WEIGHTS[name] for name in il.FACTOR_NAMES])
    check_same_outputs(il.evaluate(offers, explain=False), plain_numpy(ratings, weights))

    figures: dict[str, Any] = {"n": n, "repeats": repeats}
    figures |= median_seconds(
        {
            "evaluate": lambda: il.evaluate(offers, explain=False),
            "bare_kernel": lambda: bare_kernel(ratings, weights),
            "plain_numpy": lambda: plain_numpy(ratings, weights),
        },
        repeats,
    )
    few = max(1, repeats // 3)
    figures |= median_seconds(
        {
            "evaluate_for_explained": lambda: il.evaluate(offers, explain=False),
            "evaluate_explained": lambda: il.evaluate(offers),
        },
        few,
    )
    figures |= skcriteria_seconds(offers, ratings, weights, few)
    figures |= median_seconds(
        {
            "import_interview_lab": lambda: import_seconds("interview_lab"),
            "import_pandas": lambda: import_seconds("pandas"),
        },
        repeats,
        measure=lambda work: float(work()),  # type: ignore[arg-type]
    )
    return figures


def report(figures: dict[str, Any]) -> str:
    """Format the figures as the table the README and the closing notes quote."""
    ms = {k: v * 1e3 for k, v in figures.items() if isinstance(v, float)}

    def ratio(a: str, b: str) -> float:
        return float(figures[a] / figures[b])

    lines = [
        (
            f"interview_lab benchmark: {figures['n']:,} random offers, median of "
            f"{figures['repeats']} interleaved runs "
            f"(numpy {np.__version__}, pandas {pd.__version__})"
        ),
        f"  evaluate(explain=False)          {ms['evaluate']:9.1f} ms",
        (
            f"  bare numpy kernel, same outputs  {ms['bare_kernel']:9.1f} ms"
            f"   evaluate / bare = {ratio('evaluate', 'bare_kernel'):.2f}x   (target <= 1.5x)"
        ),
        (
            f"  the formula in plain numpy       {ms['plain_numpy']:9.1f} ms"
            f"   evaluate / plain = {ratio('evaluate', 'plain_numpy'):.2f}x"
        ),
    ]
    if figures["skcriteria"] is None:
        lines.append("  scikit-criteria                  not installed (pip install '.[bench]')")
    else:
        lines.append(
            f"  scikit-criteria WeightedSumModel {ms['skcriteria']:9.1f} ms"
            f"   skcriteria / evaluate = {ratio('skcriteria', 'evaluate_for_skcriteria'):.1f}x"
            "   (target >= 2x)"
        )
    lines += [
        (
            f"  evaluate with explanations       {ms['evaluate_explained']:9.1f} ms"
            f"   / explain=False = {ratio('evaluate_explained', 'evaluate_for_explained'):.1f}x"
        ),
        (
            f"  import interview_lab             {ms['import_interview_lab']:9.1f} ms"
            f"   / import pandas ({ms['import_pandas']:.1f} ms) = "
            f"{ratio('import_interview_lab', 'import_pandas'):.2f}x   (target <= 1.2x)"
        ),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="offers (default 100,000)")
    parser.add_argument("--repeats", type=int, default=9, help="runs per figure (default 9)")
    args = parser.parse_args(argv)
    figures = run(args.n, args.repeats)
    print(report(figures))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
