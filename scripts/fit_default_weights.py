"""Re-derive the default weights and relief from the worked scenarios.

Usage: ``.venv/bin/python scripts/fit_default_weights.py`` (about a minute).

Every candidate is scored with the package's own formula (``Model.scores``), so
the search and the model can never disagree. Candidates: half-point weights from
0.5 to 5 that keep every caveat at least as heavy as its reason (so a caveat at 10
cancels its reason fully), doors at 1.5 or more (contacts must count for a role
you want) and relief from 0.4 to 0.8. The best candidate leaves the widest
smallest margin between a scenario's score and the accept line, over every
scenario in ``../shared/scenarios/public.csv`` (or its copy in ``tests/``) and
``tests/scenarios.csv``. Keep in touch follows the doors rating, not the weights,
so only go / don't-go enters the margin.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
import pandas as pd

import interview_lab as il

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "scenarios" / "public.csv"
PUBLIC = SHARED if SHARED.is_file() else REPO / "tests" / "public_scenarios.csv"
OWN = REPO / "tests" / "scenarios.csv"
STEPS = np.arange(0.5, 4.51, 0.5)
RELIEFS = np.round(np.arange(0.4, 1.001, 0.05), 2)


def candidates(model: il.Model) -> np.ndarray:
    """Every weight vector of the grid that satisfies the constraints, (m, K)."""
    grid = np.array(list(itertools.product(STEPS, repeat=len(model.names))))
    keep = grid[:, model.index["doors"]] >= 1.5
    for reason, caveat in model.pairs:
        keep &= grid[:, model.index[caveat]] >= grid[:, model.index[reason]]
    return grid[keep]


def margins(
    model: il.Model, weights: np.ndarray, cols: np.ndarray, accept: np.ndarray
) -> np.ndarray:
    """Smallest signed distance to the accept line over all scenarios, per candidate."""
    scores = model.scores(model.normalise(weights), model.features(cols))
    signed = np.where(accept[None, :], scores, -scores)
    smallest: np.ndarray = signed.min(axis=1)
    return smallest


def main() -> int:
    """Print the best candidates and the current defaults' margin."""
    scenarios = pd.concat([il.load_offers(PUBLIC), il.load_offers(OWN)], ignore_index=True)
    base = il.DEFAULT_MODEL
    cols = scenarios[list(base.names)].to_numpy(dtype=float).T
    accept = (scenarios["expected"] == "accept").to_numpy()
    weights = candidates(base)
    best = []
    for relief in RELIEFS:
        model = base.replace(relief=float(relief))
        margin = margins(model, weights, cols, accept)
        for k in np.argsort(-margin)[:3]:
            best.append((float(margin[k]), float(relief), weights[k]))
    best.sort(key=lambda item: -item[0])
    print(f"{len(scenarios)} scenarios, {len(weights)} weight vectors x {len(RELIEFS)} reliefs")
    for margin, relief, vector in best[:8]:
        named = ", ".join(f"{n}={v:g}" for n, v in zip(base.names, vector, strict=True))
        print(f"  margin {margin:.3f}  relief {relief:.2f}  {named}")
    current = margins(base, base.weight_vector()[None, :], cols, accept)[0]
    print(f"current defaults (relief {base.relief:g}): margin {current:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
