"""Benchmark ``evaluate`` against a bare numpy kernel, scikit-criteria and import time.

Run ``make bench`` (or ``python benchmarks/bench_evaluate.py --sizes 100000 1000000``).
Every figure is a median over runs that take turns in this process, and every ratio
compares two figures of the same run, so the ratios travel between machines better
than the milliseconds. Nothing here is a pass/fail test: ``tests/test_benchmarks.py``
checks that the benchmark runs and that the bare kernel computes what ``evaluate``
computes.

The bare kernel is the default model's formula (``interview_lab.core.model``'s
docstring) written again in plain numpy, cache-blocked, with the same outputs as
``evaluate(explain=False)``: score, contributions, verdict, borderline and
flips_to, from a ready (6, n) array of ratings. It reads only the rule constants
(weights, relief, thresholds, steps) from the model, never its code.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import interview_lab as il
from interview_lab.core.offers import Where
from interview_lab.io.offers import checked_columns

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
#: Offers per block of the bare kernel: its temporaries stay in the processor's cache.
BLOCK = 1 << 14
#: The sizes the targets are stated at, and the size of the per-row comparisons.
SIZES = (100_000, 1_000_000, 10_000_000)
PER_ROW_SIZE = 100_000
TARGETS = {
    "evaluate / bare": 1.5,
    "bytes per offer": 200.0,
    "explain ratio": 5.0,
    "skcriteria ratio": 3.0,
    "import ratio": 1.15,
}

Outputs = dict[str, np.ndarray]


def bare_kernel(ratings: np.ndarray, raw_weights: np.ndarray, block: int = BLOCK) -> Outputs:
    """Score ratings (6, n: interest, practice, surprise, doors, time cost, confusion).

    The default model's formula, in blocks of ``block`` offers. Contributions::

        interest   wi·(i − 5)
        practice   wp·p − min(wp, wt)·p·t/10        (time cost cancels practice)
        surprise   ws·s − min(ws, wc)·s·c/10        (confusion cancels surprise)
        doors      wd·d − min(wd, wi)·d·(10 − i)/10 (low interest cancels doors)
        time cost  −wt·t + relief·min(wt, wi)·t·i/10  (interest relieves the costs)
        confusion  −wc·c + relief·min(wc, wi)·c·i/10

    Borderline: one weight ×0.75 or ×1.25 (12 weight vectors: one matrix product
    with the 11 feature rows) or one rating ±1 (the score is affine in each rating:
    slope × step) flips go / don't-go.
    """
    model = il.DEFAULT_MODEL
    relief, line, above = model.relief, model.keep_in_touch_from, model.accept_above
    step, weight_step = model.rating_step, model.weight_step
    w = raw_weights / raw_weights.sum()
    wi, wp, ws, wd, wt, wc = w
    m_pt, m_sc, m_di = min(wp, wt), min(ws, wc), min(wd, wi)
    r_t, r_c = relief * min(wt, wi), relief * min(wc, wi)

    def coefficients(v: np.ndarray) -> list[float]:
        """Coefficients of the 11 feature rows below, for normalised weights ``v``."""
        i, p, s, d, t, c = v
        return [
            i, p, s, d, -t, -c,
            relief * min(t, i), relief * min(c, i),
            -min(p, t), -min(s, c), -min(d, i),
        ]  # fmt: skip

    scale = np.concatenate([np.eye(6) * -weight_step + 1, np.eye(6) * weight_step + 1])
    perturbed = w * scale
    perturbed /= perturbed.sum(axis=1, keepdims=True)
    perturbed_coefficients = np.array([coefficients(v) for v in perturbed])

    n = ratings.shape[1]
    score = np.empty(n)
    contributions = np.empty((6, n))
    verdict = np.empty(n, dtype=np.int8)
    borderline = np.empty(n, dtype=bool)
    flips_to = np.empty(n, dtype=np.int8)
    for start in range(0, n, block):
        part = slice(start, min(start + block, n))
        x = ratings[:, part]
        i, p, s, d, t, c = x
        features = np.empty((11, x.shape[1]))
        features[0] = i - 5
        features[1:6] = x[1:]
        features[6] = t * i / 10
        features[7] = c * i / 10
        features[8] = p * t / 10
        features[9] = s * c / 10
        features[10] = d * (10 - i) / 10
        con = contributions[:, part]
        con[0] = wi * features[0]
        con[1] = wp * p - m_pt * features[8]
        con[2] = ws * s - m_sc * features[9]
        con[3] = wd * d - m_di * features[10]
        con[4] = -wt * t + r_t * features[6]
        con[5] = -wc * c + r_c * features[7]
        total = con.sum(axis=0)
        score[part] = total
        accepted = total > above
        in_touch = (d >= line) & (wd > 0)
        verdict[part] = np.where(accepted, 2, np.where(in_touch, 1, 0))

        scores = perturbed_coefficients @ features
        slopes = np.array(
            [
                wi + m_di * d / 10 + (r_t * t + r_c * c) / 10,
                wp - m_pt * t / 10,
                ws - m_sc * c / 10,
                wd - m_di * (10 - i) / 10,
                -wt + r_t * i / 10 - m_pt * p / 10,
                -wc + r_c * i / 10 - m_sc * s / 10,
            ]
        )
        up = slopes * np.minimum(10 - x, step)
        down = -slopes * np.minimum(x, step)
        lowest = np.minimum(scores.min(axis=0), total + np.minimum(up, down).min(axis=0))
        highest = np.maximum(scores.max(axis=0), total + np.maximum(up, down).max(axis=0))
        close = np.where(accepted, lowest <= above, highest > above)
        borderline[part] = close
        doors_flip = np.where(
            in_touch, np.maximum(d - step, 0) < line, np.minimum(d + step, 10) >= line
        )
        doors_flip &= wd > 0
        flips_to[part] = np.where(
            close,
            np.where(accepted, np.where(in_touch, 1, 0), 2),
            np.where(~accepted & doors_flip, np.where(in_touch, 0, 1), -1),
        )
    return {
        "score": score,
        "contributions": contributions,
        "verdict": verdict,
        "borderline": borderline,
        "flips_to": flips_to,
    }


def check_same_outputs(result: pd.DataFrame, bare: Outputs) -> None:
    """Fail loudly unless ``evaluate``'s result holds the bare kernel's outputs.

    A benchmark of two different computations would be meaningless. The numbers
    agree to rounding (the two sum the same terms in another order), the codes
    exactly.
    """
    contributions = result[[f"contribution_{n}" for n in il.FACTOR_NAMES]].to_numpy().T
    np.testing.assert_allclose(result["score"].to_numpy(), bare["score"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(contributions, bare["contributions"], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(result["verdict"].cat.codes.to_numpy(), bare["verdict"])
    np.testing.assert_array_equal(result["borderline"].to_numpy(), bare["borderline"])
    np.testing.assert_array_equal(result["flips_to"].cat.codes.to_numpy(), bare["flips_to"])


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
    medians = {name: statistics.median(values) for name, values in times.items()}
    return medians | {f"{name}_best": min(values) for name, values in times.items()}


def peak_bytes_per_offer(work: Callable[[], object], n: int) -> float:
    """Peak memory ``work`` allocates (its result included), per offer: tracemalloc.

    numpy and pandas report their buffers to tracemalloc, so this counts arrays as
    well as Python objects.
    """
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = work()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return (peak - before) / n


def import_seconds(module: str, env: dict[str, str]) -> float:
    """Seconds to import ``module`` in a fresh interpreter (its startup excluded)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return float(done.stdout)


def import_figures(repeats: int) -> dict[str, float]:
    """Import times of interview_lab and pandas, interleaved, with and without bytecode.

    "Cached" is how an installed package imports (pip compiles it): the bytecode of
    both is written to a scratch folder first. This machine's environment may say
    ``PYTHONDONTWRITEBYTECODE``, which makes every import compile the package afresh
    while pandas's bytecode comes with its wheel: that figure is shown too.
    """
    figures = {}
    with tempfile.TemporaryDirectory() as scratch:
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = scratch
        fresh = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        for label, env in (("cached", cached), ("uncached", fresh)):
            times = median_seconds(
                {
                    "interview_lab": lambda env=env: import_seconds("interview_lab", env),
                    "pandas": lambda env=env: import_seconds("pandas", env),
                },
                repeats,
                measure=lambda work: float(work()),  # type: ignore[arg-type]
            )
            figures[f"import_interview_lab_{label}"] = times["interview_lab"]
            figures[f"import_pandas_{label}"] = times["pandas"]
    return figures


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
        return {"skcriteria": None, "evaluate_for_skcriteria": None}
    objectives = [max if f.direction == "benefit" else min for f in il.FACTORS]
    pipeline = mkpipe(InvertMinimize(), SumScaler(target="both"), WeightedSumModel())

    def run() -> object:
        matrix = skcriteria.mkdm(ratings.T + 1e-9, objectives=objectives, weights=weights)
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


def one_blas_thread() -> Callable[[], AbstractContextManager[object]] | None:
    """Return a context that keeps BLAS on one thread (threadpoolctl), or None.

    numpy's BLAS wakes helper threads for the bare kernel's small matrix products;
    on a busy machine that can cost more than it saves, so the bare kernel is timed
    both ways and the faster counts.
    """
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    controller = ThreadpoolController()
    return lambda: controller.limit(limits=1, user_api="blas")


def measure_size(n: int, repeats: int, per_row: bool) -> dict[str, Any]:
    """Measure every figure at ``n`` offers.

    Evaluate against the bare kernel and its memory; with ``per_row`` also the
    explanations and scikit-criteria.
    """
    offers = il.random_offers(n)
    ratings = np.ascontiguousarray(offers[list(il.FACTOR_NAMES)].to_numpy().T)
    weights = np.array([il.DEFAULT_WEIGHTS[name] for name in il.FACTOR_NAMES])
    check_same_outputs(il.evaluate(offers, explain=False), bare_kernel(ratings, weights))

    figures: dict[str, Any] = {"n": n, "repeats": repeats}
    works = {
        "evaluate": lambda: il.evaluate(offers, explain=False),
        "validation": lambda: checked_columns(offers, Where()),
    }
    with_threads = {"bare_kernel_blas_threads": lambda: bare_kernel(ratings, weights)}
    one_thread = one_blas_thread()
    if one_thread is None:
        works |= with_threads
    else:

        def bare_on_one_thread() -> object:
            with one_thread():
                return bare_kernel(ratings, weights)

        works["bare_kernel_one_blas_thread"] = bare_on_one_thread
        # Apart: BLAS's helper threads spin on after each product and would slow
        # whatever runs next on a two-core machine.
        figures |= median_seconds(with_threads, repeats)
    figures |= median_seconds(works, repeats)
    # The reference is the faster bare kernel: with BLAS's own threads, or with one.
    for suffix in ("", "_best"):
        figures[f"bare_kernel{suffix}"] = min(
            figures.get(f"bare_kernel_one_blas_thread{suffix}", np.inf),
            figures[f"bare_kernel_blas_threads{suffix}"],
        )
    figures["bytes_per_offer"] = peak_bytes_per_offer(lambda: il.evaluate(offers, explain=False), n)
    figures["bare_bytes_per_offer"] = peak_bytes_per_offer(lambda: bare_kernel(ratings, weights), n)
    if per_row:
        few = max(3, repeats)  # cheap at this size, and the noisiest ratios: as many runs
        figures |= median_seconds(
            {
                "evaluate_for_explained": lambda: il.evaluate(offers, explain=False),
                "evaluate_explained": lambda: il.evaluate(offers),
            },
            few,
        )
        figures |= skcriteria_seconds(offers, ratings, weights, few)
    return figures


def nine_factor_model() -> il.Model:
    """Return the default six factors plus salary, commute and team from the example file."""
    from interview_lab.core.resources import data_path

    example = il.load_model(data_path("models/salary_commute.toml"))
    own = tuple(example.factor(name) for name in ("salary", "commute_min", "team"))
    return il.DEFAULT_MODEL.replace(factors=(*il.DEFAULT_MODEL.factors, *own))


def model_size_figures(n: int, repeats: int) -> dict[str, float]:
    """``evaluate(explain=False)`` with the default model and with nine factors, interleaved."""
    nine = nine_factor_model()
    six_offers = il.random_offers(n)
    nine_offers = il.random_offers(n, model=nine)
    return median_seconds(
        {
            "evaluate_six_factors": lambda: il.evaluate(six_offers, explain=False),
            "evaluate_nine_factors": lambda: il.evaluate(nine_offers, model=nine, explain=False),
        },
        repeats,
    )


def run(sizes: list[int], repeats: int) -> dict[str, Any]:
    """Measure everything; return the figures (seconds, bytes and ratios)."""
    per_row_at = PER_ROW_SIZE if PER_ROW_SIZE in sizes else min(sizes)
    figures: dict[str, Any] = {"numpy": np.__version__, "pandas": pd.__version__}
    figures["sizes"] = [
        measure_size(n, repeats if n <= 1_000_000 else max(3, repeats // 3), n == per_row_at)
        for n in sizes
    ]
    figures |= model_size_figures(per_row_at, repeats)
    figures |= import_figures(repeats)
    return figures


def report(figures: dict[str, Any]) -> str:
    """Format the figures as the table the README and the closing notes quote."""

    def verdict(value: float, target: float, at_most: bool = True) -> str:
        met = value <= target if at_most else value >= target
        return f"{'<=' if at_most else '>='} {target:g}{'x' if target < 50 else ''}" + (
            "  ok" if met else "  MISSED"
        )

    sizes = figures["sizes"]
    lines = [
        (
            f"interview_lab benchmark: medians of interleaved runs "
            f"(numpy {figures['numpy']}, pandas {figures['pandas']}, {os.cpu_count()} cores)"
        ),
        f"  {'offers':<40}" + "".join(f"{s['n']:>14,}" for s in sizes) + "   target",
        f"  {'runs per figure':<40}" + "".join(f"{s['repeats']:>14}" for s in sizes),
        f"  {'evaluate(explain=False)        ms':<40}"
        + "".join(f"{1e3 * s['evaluate']:>14.1f}" for s in sizes),
        f"  {'  of which validation (names, ratings) ms':<40}"
        + "".join(f"{1e3 * s['validation']:>14.1f}" for s in sizes),
        f"  {'bare numpy kernel, same outputs ms':<40}"
        + "".join(f"{1e3 * s['bare_kernel']:>14.1f}" for s in sizes),
        f"  {'  (BLAS threads / one BLAS thread) ms':<40}"
        + "".join(
            f"{1e3 * s['bare_kernel_blas_threads']:>7.0f} /"
            + (
                f"{1e3 * s['bare_kernel_one_blas_thread']:>5.0f}"
                if "bare_kernel_one_blas_thread" in s
                else "    -"
            )
            for s in sizes
        ),
    ]
    ratios = [s["evaluate"] / s["bare_kernel"] for s in sizes]
    target = TARGETS["evaluate / bare"]
    lines.append(
        f"  {'evaluate / bare':<40}"
        + "".join(f"{r:>13.2f}x" for r in ratios)
        + f"   {verdict(max(ratios), target)}"
    )
    best = [s["evaluate_best"] / s["bare_kernel_best"] for s in sizes]
    lines.append(f"  {'  (fastest run / fastest run)':<40}" + "".join(f"{r:>13.2f}x" for r in best))
    memory = [s["bytes_per_offer"] for s in sizes]
    lines += [
        f"  {'peak memory of evaluate, bytes / offer':<40}"
        + "".join(f"{b:>14.0f}" for b in memory)
        + f"   {verdict(max(memory), TARGETS['bytes per offer'])}",
        f"  {'  (bare kernel, bytes / offer)':<40}"
        + "".join(f"{s['bare_bytes_per_offer']:>14.0f}" for s in sizes),
    ]
    per_row = next(s for s in sizes if "evaluate_explained" in s)
    at = f"at {per_row['n']:,}"
    explained = per_row["evaluate_explained"] / per_row["evaluate_for_explained"]
    lines.append(
        f"  explain=True / explain=False {at}: {1e3 * per_row['evaluate_explained']:.1f} / "
        f"{1e3 * per_row['evaluate_for_explained']:.1f} ms = {explained:.2f}x   "
        f"{verdict(explained, TARGETS['explain ratio'])}"
    )
    if per_row["skcriteria"] is None:
        lines.append("  scikit-criteria                  not installed (pip install '.[bench]')")
    else:
        faster = per_row["skcriteria"] / per_row["evaluate_for_skcriteria"]
        lines.append(
            f"  scikit-criteria WSM pipeline / evaluate {at}: "
            f"{1e3 * per_row['skcriteria']:.1f} / {1e3 * per_row['evaluate_for_skcriteria']:.1f}"
            f" ms = {faster:.1f}x   {verdict(faster, TARGETS['skcriteria ratio'], at_most=False)}"
        )
    six, nine = figures["evaluate_six_factors"], figures["evaluate_nine_factors"]
    lines.append(
        f"  nine factors / six factors (evaluate, explain=False) {at}: {1e3 * nine:.1f} / "
        f"{1e3 * six:.1f} ms = {nine / six:.2f}x   {verdict(nine / six, 9 / 6)} (proportional)"
    )
    for label, note in (
        ("cached", "bytecode cached, as installed"),
        ("uncached", "no bytecode: PYTHONDONTWRITEBYTECODE=1"),
    ):
        ours = figures[f"import_interview_lab_{label}"]
        theirs = figures[f"import_pandas_{label}"]
        line = (
            f"  import interview_lab / import pandas ({note}): "
            f"{1e3 * ours:.1f} / {1e3 * theirs:.1f} ms = {ours / theirs:.2f}x"
        )
        if label == "cached":
            line += f"   {verdict(ours / theirs, TARGETS['import ratio'])}"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        "--n",
        type=int,
        nargs="+",
        default=list(SIZES),
        help="numbers of offers (default 100,000 1,000,000 10,000,000)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=9,
        help="runs per figure (default 9; a third of them above 1,000,000 offers)",
    )
    args = parser.parse_args(argv)
    figures = run(args.sizes, args.repeats)
    print(report(figures))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
