"""Benchmark rank acceptability (SMAA-2) against its bare numpy limit and a peer loop.

Run ``make bench`` (or ``python benchmarks/bench_sensitivity.py``). In the same run:

* ``rank_acceptability`` on 100,000 weight draws x 20 offers (validation, draws,
  scores, ranks, verdicts, the DataFrame);
* the bare limit of the same work in numpy: the same draws' coefficients times the
  feature matrix (one matrix product), then ranking (a quicksort per draw, which
  ignores the tie rule) and counting; and that bare work plus drawing the weights,
  which rank acceptability cannot skip;
* the plain way to honour the tie rule (the offer listed first ranks higher): the
  same with a stable sort per draw, which rank acceptability used to do;
* a loop over draws calling scikit-criteria's weighted-sum pipeline once per draw,
  as a peer library would be used for SMAA, on fewer draws and scaled per draw;
* ``rank_acceptability`` on 10,000 draws, the size the coach app follows a slider with.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path
from typing import Literal

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_evaluate import median_seconds

import interview_lab as il
from interview_lab import analysis

MODEL = il.DEFAULT_MODEL


def bare_rank_acceptability(
    draws: np.ndarray, features: np.ndarray, kind: Literal["quicksort", "stable"] = "quicksort"
) -> np.ndarray:
    """One matrix product, then ranks counted per offer: the least this work can cost.

    ``kind="stable"`` ranks tied offers as rank acceptability does (the one listed
    first higher); the quicksort leaves their order to chance.
    """
    scores = MODEL.coefficients(draws) @ features
    count = features.shape[1]
    order = np.argsort(-scores, axis=1, kind=kind)
    ranks: np.ndarray = np.bincount(
        (order * count + np.arange(count)).ravel(), minlength=count * count
    ).reshape(count, count)
    return ranks


def skcriteria_per_draw(ratings: np.ndarray, draws: np.ndarray) -> float | None:
    """Seconds per draw of a loop calling scikit-criteria's weighted sum (None: absent)."""
    try:
        import skcriteria
        from skcriteria.agg.simple import WeightedSumModel
        from skcriteria.pipelines import mkpipe
        from skcriteria.preprocessing.invert_objectives import InvertMinimize
        from skcriteria.preprocessing.scalers import SumScaler
    except ImportError:
        return None
    objectives = [max if f.direction == "benefit" else min for f in MODEL.factors]
    pipeline = mkpipe(InvertMinimize(), SumScaler(target="both"), WeightedSumModel())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ranks = []
        start = time.perf_counter()
        for weights in draws:
            matrix = skcriteria.mkdm(ratings + 1e-9, objectives=objectives, weights=weights + 1e-9)
            ranks.append(pipeline.evaluate(matrix).rank_)
        return (time.perf_counter() - start) / len(draws)


def run(offers_count: int, draws_count: int, peer_draws: int, repeats: int) -> dict[str, float]:
    """Measure everything; return seconds and ratios."""
    offers = il.random_offers(offers_count, seed=1)
    ratings = offers[list(MODEL.names)].to_numpy()
    features = MODEL.features(MODEL.to_scale(ratings.T))
    draws = analysis.weight_draws(None, draws_count, seed=0)
    ranks = bare_rank_acceptability(draws, features, kind="stable")
    table = analysis.rank_acceptability(offers, n=draws_count, seed=0)
    np.testing.assert_allclose(table.filter(like="rank_").to_numpy(), ranks / draws_count)

    figures = median_seconds(
        {
            "rank_acceptability": lambda: analysis.rank_acceptability(
                offers, n=draws_count, seed=0
            ),
            "bare": lambda: bare_rank_acceptability(draws, features),
            "bare_stable": lambda: bare_rank_acceptability(draws, features, kind="stable"),
            "bare_with_draws": lambda: bare_rank_acceptability(
                analysis.weight_draws(None, draws_count, seed=0), features
            ),
            "draws_only": lambda: analysis.weight_draws(None, draws_count, seed=0),
            "slider_size": lambda: analysis.rank_acceptability(offers, n=10_000, seed=0),
        },
        repeats,
    )
    peer = skcriteria_per_draw(ratings, draws[:peer_draws])
    figures["peer_per_draw"] = float("nan") if peer is None else peer
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=20, help="offers (default 20)")
    parser.add_argument("--draws", type=int, default=100_000, help="weight draws (default 100000)")
    parser.add_argument("--peer-draws", type=int, default=300, help="draws for the peer loop")
    parser.add_argument("--repeats", type=int, default=7, help="interleaved rounds (default 7)")
    args = parser.parse_args(argv)
    f = run(args.offers, args.draws, args.peer_draws, args.repeats)
    ours = f["rank_acceptability"]
    per_draw = ours / args.draws
    print(
        f"rank acceptability, {args.draws:,} draws x {args.offers} offers, "
        f"median of {args.repeats} interleaved rounds\n"
        f"  rank_acceptability                 {ours * 1e3:8.1f} ms\n"
        f"  bare numpy (product + ranking)     {f['bare'] * 1e3:8.1f} ms\n"
        f"  rank_acceptability / bare          {ours / f['bare']:8.2f}x   (target <= 1.5x)\n"
        f"  bare, stable sort (the tie rule)   {f['bare_stable'] * 1e3:8.1f} ms\n"
        f"  drawing the weights alone          {f['draws_only'] * 1e3:8.1f} ms\n"
        f"  rank_acceptability / (draws + bare){ours / f['bare_with_draws']:8.2f}x\n"
        f"  skcriteria loop / ours, per draw   {f['peer_per_draw'] / per_draw:8.0f}x slower"
        f"   ({f['peer_per_draw'] * 1e3:.2f} ms a draw, {args.peer_draws} draws)\n"
        f"  10,000 draws (the coach app)       {f['slider_size'] * 1e3:8.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
