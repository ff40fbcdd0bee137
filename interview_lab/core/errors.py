"""Exceptions raised for bad input.

Every message says what was wrong, where (file, row, offer, column) and what is
allowed. They subclass :class:`ValueError`, so ``except ValueError`` keeps working
for callers who do not care about the distinction.
"""

from __future__ import annotations

from collections.abc import Sequence


class InterviewLabError(ValueError):
    """Base class of every input error interview_lab raises on purpose.

    ``problems`` holds every problem found (the message shows the first ones), so
    a notebook or a form can list them all.
    """

    #: How many problems the message spells out before it only counts the rest.
    SHOWN = 3

    def __init__(self, problems: str | Sequence[str]) -> None:
        self.problems: tuple[str, ...] = (
            (problems,) if isinstance(problems, str) else tuple(problems)
        )
        if not self.problems:
            raise ValueError("an InterviewLabError needs at least one problem")
        shown = "; ".join(self.problems[: self.SHOWN])
        hidden = len(self.problems) - self.SHOWN
        super().__init__(shown if hidden <= 0 else f"{shown} (and {hidden} more problems)")


class OfferDataError(InterviewLabError):
    """The offers table (a file or a DataFrame) breaks the data contract."""


class WeightsError(InterviewLabError):
    """Priorities (weights) are not a valid mapping factor -> non-negative number."""


class PresetError(InterviewLabError):
    """A preset name is unknown or the presets file is malformed."""


class BudgetError(InterviewLabError):
    """An interview budget (hours, number of interviews) is not a valid limit."""


class ModelError(InterviewLabError):
    """A model (its factor table or verdict rules) is not valid."""
