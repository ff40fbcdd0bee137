"""Shared test data locations and factories."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

import interview_lab as il

REPO = Path(__file__).resolve().parent.parent
# The worked examples live in ../shared (beside the checkout in CI); the copy in
# tests/ lets a clone elsewhere run too, and test_model checks the two agree.
SHARED_SCENARIOS = REPO.parent / "shared" / "scenarios" / "public.csv"
PUBLIC_SCENARIOS_COPY = Path(__file__).resolve().parent / "public_scenarios.csv"
PUBLIC_SCENARIOS = SHARED_SCENARIOS if SHARED_SCENARIOS.is_file() else PUBLIC_SCENARIOS_COPY
OWN_SCENARIOS = Path(__file__).resolve().parent / "scenarios.csv"


def random_offers(n: int, seed: int = 0) -> pd.DataFrame:
    """Seeded factory: ``n`` offers with uniformly random ratings (decimals included)."""
    rng = np.random.default_rng(seed)
    ratings = np.round(rng.uniform(0, 10, size=(n, len(il.FACTOR_NAMES))), 1)
    table = pd.DataFrame(ratings, columns=list(il.FACTOR_NAMES))
    table.insert(0, "offer", [f"offer {k}" for k in range(n)])
    return table
