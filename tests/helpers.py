"""Shared test data locations and factories."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The worked examples live in ../shared (beside the checkout in CI); the copy in
# tests/ lets a clone elsewhere run too, and test_model checks the two agree.
SHARED_SCENARIOS = REPO.parent / "shared" / "scenarios" / "public.csv"
PUBLIC_SCENARIOS_COPY = Path(__file__).resolve().parent / "public_scenarios.csv"
PUBLIC_SCENARIOS = SHARED_SCENARIOS if SHARED_SCENARIOS.is_file() else PUBLIC_SCENARIOS_COPY
OWN_SCENARIOS = Path(__file__).resolve().parent / "scenarios.csv"
