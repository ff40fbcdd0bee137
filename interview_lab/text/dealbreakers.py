"""What the person reads about deal-breakers: which rules an invitation breaks.

>>> from interview_lab.core.factors import Dealbreaker
>>> rule = Dealbreaker("commute_min", {"en": "commute over 90 minutes",
...                                    "de": "Pendelzeit über 90 Minuten"}, max=90)
>>> broken = np.array([[True], [False], [False]])
>>> unknown = np.array([[False], [False], [True]])
>>> listed, notes = dealbreaker_texts(broken, unknown, (rule,), "en")
>>> listed
['commute over 90 minutes', '', '']
>>> notes[0]
'Deal-breaker: commute over 90 minutes, so not “go”, whatever the score.'
>>> notes[2]
'Not known: commute_min is blank, so “commute over 90 minutes” could not be checked.'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core.factors import Dealbreaker
from ..core.i18n import check_language, text


def dealbreaker_texts(
    broken: np.ndarray, unknown: np.ndarray, rules: Sequence[Dealbreaker], lang: str
) -> tuple[list[str], list[str]]:
    """Per offer: the broken rules as one text, and the sentences that open its explanation.

    ``broken`` and ``unknown`` are (n, R) as :func:`~interview_lab.core.dealbreakers.
    check_dealbreakers` returns them.
    """
    language = check_language(lang)
    labels = [rule.text(language) for rule in rules]
    go = text("common.verdict.accept", language)
    listed, notes = [], []
    for row_broken, row_unknown in zip(broken.tolist(), unknown.tolist(), strict=True):
        names = [label for label, hit in zip(labels, row_broken, strict=True) if hit]
        sentences = []
        if names:
            sentences.append(text("explain.dealbreaker.broken", language, rules=names, verdict=go))
        sentences += [
            text("explain.dealbreaker.unknown", language, column=rule.column, rule=label)
            for rule, label, blank in zip(rules, labels, row_unknown, strict=True)
            if blank
        ]
        listed.append("; ".join(names))
        notes.append(" ".join(sentences))
    return listed, notes


__all__ = ["dealbreaker_texts"]
