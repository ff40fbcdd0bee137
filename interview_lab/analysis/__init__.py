r"""Analyses of offers under a model: robustness and what would change the answer.

One module per question, each function taking an offers table (or path), optional
weights (a mapping or a preset name) and ``model=`` (default
:data:`interview_lab.DEFAULT_MODEL`), and returning a DataFrame:

* :mod:`.stability`: how far one priority can move before the answer changes
  (:func:`sweep`, :func:`stability_intervals`, :func:`top_offer_intervals`,
  :func:`tornado`);
* :mod:`.changes`: the smallest change of one rating that flips a verdict
  (:func:`what_would_change`);
* :mod:`.acceptability`: uncertain weights (:func:`roc_weights`,
  :func:`weight_draws`, :func:`rank_acceptability`, SMAA-2);
* :mod:`.find_out`: uncertain ratings (:func:`what_to_find_out_first`);
* :mod:`.personas`: two sets of priorities side by side (:func:`side_by_side`).

Every factor, pairing, coefficient, slope, kink, threshold and the keep-in-touch
rule is read from the model; the exact analyses use its shape (the score is affine
in each rating, and ``T·score`` piecewise linear in each raw weight, with kinks at
the partners' weights).
"""

from __future__ import annotations

from .acceptability import DEFAULT_CONCENTRATION, rank_acceptability, roc_weights, weight_draws
from .changes import RATING_RESOLUTION, what_would_change
from .find_out import FIND_OUT_GRID, INFORMATION_NONE, what_to_find_out_first
from .personas import side_by_side
from .stability import SWEEP_MAX_FACTOR, stability_intervals, sweep, top_offer_intervals, tornado

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
