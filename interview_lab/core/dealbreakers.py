"""Check deal-breakers: hard limits that are not trade-offs ("not over 90 minutes each way").

A :class:`~interview_lab.core.factors.Dealbreaker` names a numeric column of
the offers (a factor or any other column) and a ``min`` and/or ``max``. An
invitation that breaks one is never ``accept``; its score and contributions are
still computed and shown, and keep in touch still follows its own rule. A blank
value is not a breach: it is unknown, and the explanation says so.

>>> rule = Dealbreaker("commute_min", {"en": "commute over 90 minutes", "de": "x"}, max=90)
>>> table = pd.DataFrame({"offer": ["A", "B", "C"], "commute_min": [30, 95, None]})
>>> broken, unknown = check_dealbreakers(table, (rule,), Where())
>>> broken[:, 0].tolist(), unknown[:, 0].tolist()
([False, True, False], [False, False, True])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import OfferDataError
from .factors import Dealbreaker
from .i18n import Message, message
from .offers import BLANK_REASONS, OFFER_COLUMN, Where
from .offers import _column_to_float as column_to_float
from .wording import Wording, quoted_all


def check_dealbreakers(
    offers: pd.DataFrame,
    rules: Sequence[Dealbreaker],
    where: Where,
    model_source: str | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return which offers break each rule and where its value is unknown, (n, R) each.

    Raises :class:`~interview_lab.OfferDataError` for a rule on a column the offers
    do not have (naming the offers and the model file) and for values that are not
    numbers (naming the row, the offer and the column).
    """
    n = len(offers)
    broken = np.zeros((n, len(rules)), dtype=bool)
    unknown = np.zeros((n, len(rules)), dtype=bool)
    problems: list[Message] = []
    columns = [str(c) for c in offers.columns]
    for r, rule in enumerate(rules):
        if rule.column not in columns:
            named = {
                "source": where.origin,
                "column": rule.column,
                "label": Wording(rule.label),
                "columns": quoted_all(columns),
            }
            if model_source:
                problems.append(
                    message("core.dealbreakers.no_column_in", model=model_source, **named)
                )
            else:
                problems.append(message("core.dealbreakers.no_column", **named))
            continue
        values, reasons = column_to_float(offers[rule.column])
        blank = np.isnan(values)
        for pos, reason in sorted(reasons.items(), key=lambda item: item[0]):
            if reason.key in BLANK_REASONS:
                continue
            problems.append(
                message(
                    "core.dealbreakers.not_a_number",
                    row=where.row(pos, offers.index[pos], offers[OFFER_COLUMN].iloc[pos]),
                    column=rule.column,
                    reason=reason,
                )
            )
        with np.errstate(invalid="ignore"):
            low = values < rule.min if rule.min is not None else np.zeros(n, dtype=bool)
            high = values > rule.max if rule.max is not None else np.zeros(n, dtype=bool)
        broken[:, r] = (low | high) & ~blank
        unknown[:, r] = blank
    if problems:
        raise OfferDataError(problems)
    return broken, unknown


__all__ = ["Dealbreaker", "check_dealbreakers"]
