"""Two personas side by side: the same offers under two sets of priorities."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..core.model import VERDICT_DTYPE, Model, check_model
from ..io.offers import read_source
from ._common import Offers, WeightsLike, raw_weights
from .evaluate import evaluate_at


def side_by_side(
    offers: Offers, first: WeightsLike, second: WeightsLike, *, model: Model | None = None
) -> pd.DataFrame:
    """Evaluate the same offers under two priorities (preset names or weight mappings).

    Returns one row per offer: ``offer``, then for ``first`` and ``second`` each the
    ``score``, ``verdict``, ``rank`` (1 = best) and every ``contribution_<factor>``
    (columns prefixed ``first_`` and ``second_``), and ``verdict_changed`` and
    ``rank_change`` (second minus first; negative means it moved up). ``attrs["names"]``
    holds the two names ("first"/"second" for mappings).
    """
    model = check_model(model)
    table, where = read_source(offers)
    columns: dict[str, Any] = {}
    labels = []
    for prefix, weights in (("first", first), ("second", second)):
        resolved = dict(zip(model.names, raw_weights(weights, model).tolist(), strict=True))
        result = evaluate_at(table, where, resolved, model=model, explain=False)
        labels.append(weights if isinstance(weights, str) else prefix)
        columns.setdefault("offer", result["offer"].to_numpy())
        columns[f"{prefix}_score"] = result["score"].to_numpy()
        columns[f"{prefix}_verdict"] = result["verdict"].to_numpy()
        rank = result["score"].rank(ascending=False, method="first").astype(int)
        columns[f"{prefix}_rank"] = rank.to_numpy()
        for name in model.names:
            columns[f"{prefix}_contribution_{name}"] = result[f"contribution_{name}"].to_numpy()
    compared = pd.DataFrame(columns)
    for prefix in ("first", "second"):
        compared[f"{prefix}_verdict"] = compared[f"{prefix}_verdict"].astype(VERDICT_DTYPE)
    compared["verdict_changed"] = compared["first_verdict"] != compared["second_verdict"]
    compared["rank_change"] = compared["second_rank"] - compared["first_rank"]
    compared.attrs["names"] = tuple(labels)
    return compared


__all__ = ["side_by_side"]
