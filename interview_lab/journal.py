"""The decision journal: each decision and what happened, in a file that only grows.

>>> from interview_lab.journal import Journal, journal_report   # doctest: +SKIP
>>> journal = Journal("decisions.jsonl")                         # doctest: +SKIP
>>> entry = journal.record(invitation, "go", confidence=70)      # doctest: +SKIP
>>> journal.review(entry, good_practice=True, hours=5, right=True)  # doctest: +SKIP
>>> journal_report(journal).lines("de")                          # doctest: +SKIP

The public path of :mod:`interview_lab.io.journal` (the file) and
:func:`interview_lab.analysis.priorities.journal_report` (what it says).
"""

from __future__ import annotations

from .analysis.priorities import JournalReport, journal_report
from .io.journal import (
    MIN_REVIEWED,
    OUTCOME_OF,
    Calibration,
    Journal,
    JournalError,
    JournalWarning,
)

__all__ = [
    "MIN_REVIEWED",
    "OUTCOME_OF",
    "Calibration",
    "Journal",
    "JournalError",
    "JournalReport",
    "JournalWarning",
    "journal_report",
]
