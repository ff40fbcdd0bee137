"""The coach analyses under their old module name; they live in :mod:`interview_lab.analysis`.

Kept so ``from interview_lab.analysis import sensitivity`` still works: every name
here is the one in :mod:`interview_lab.analysis` (no code of its own).
"""

from __future__ import annotations

from . import (
    DEFAULT_CONCENTRATION,
    FIND_OUT_GRID,
    INFORMATION_NONE,
    RATING_RESOLUTION,
    SWEEP_MAX_FACTOR,
    rank_acceptability,
    roc_weights,
    side_by_side,
    stability_intervals,
    sweep,
    top_offer_intervals,
    tornado,
    weight_draws,
    what_to_find_out_first,
    what_would_change,
)

__all__ = [
    "DEFAULT_CONCENTRATION",
    "FIND_OUT_GRID",
    "INFORMATION_NONE",
    "RATING_RESOLUTION",
    "SWEEP_MAX_FACTOR",
    "rank_acceptability",
    "roc_weights",
    "side_by_side",
    "stability_intervals",
    "sweep",
    "top_offer_intervals",
    "tornado",
    "weight_draws",
    "what_to_find_out_first",
    "what_would_change",
]
