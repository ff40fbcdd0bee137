"""Exceptions raised for bad input.

Every message says what was wrong, where (file, row, offer, column) and what is
allowed. Each problem is a :class:`~interview_lab.core.i18n.Message` (a catalogue code
and its values), so the same error reads in the caller's language: ``str(error)`` is in
``error.lang`` (English unless the call was made with ``lang="de"``), and
``error.render("de")`` is German for anyone. They subclass :class:`ValueError`, so
``except ValueError`` keeps working for callers who do not care about the distinction.
"""

from __future__ import annotations

from collections.abc import Sequence

from .i18n import Language, Message, check_language, text


class InterviewLabError(ValueError):
    """Base class of every input error interview_lab raises on purpose.

    ``problems`` holds every problem found (the message shows the first ones), so
    a notebook or a form can list them all; ``code`` is the first problem's key.
    """

    #: How many problems the message spells out before it only counts the rest.
    SHOWN = 3

    def __init__(self, problems: Message | Sequence[Message], *, lang: str = "en") -> None:
        self.problems: tuple[Message, ...] = (
            (problems,) if isinstance(problems, Message) else tuple(problems)
        )
        if not self.problems or not all(isinstance(p, Message) for p in self.problems):
            raise TypeError("an InterviewLabError needs catalogue Messages (i18n.message)")
        self.lang: Language = check_language(lang)
        super().__init__(self.render("en"))

    @property
    def code(self) -> str:
        """Return the catalogue key of the first problem, e.g. ``"core.weights.negative"``."""
        return self.problems[0].key

    @property
    def codes(self) -> tuple[str, ...]:
        """Return the catalogue key of every problem."""
        return tuple(problem.key for problem in self.problems)

    def messages(self, lang: str | None = None) -> list[str]:
        """Every problem as a sentence in ``lang`` (default: the error's language)."""
        return [problem.render(lang or self.lang) for problem in self.problems]

    def render(self, lang: str | None = None) -> str:
        """Return the message in ``lang`` (default: the error's language)."""
        language = check_language(lang or self.lang)
        texts = [p.render(language) for p in self.problems[: self.SHOWN]]
        if len(self.problems) > 1:  # several sentences: each ends with its full stop
            texts = [t if t.endswith((".", "!", "?")) else t + "." for t in texts]
        shown = " ".join(texts)
        hidden = len(self.problems) - self.SHOWN
        if hidden <= 0:
            return shown
        return text("errors.more_problems", language, shown=shown, count=hidden)

    def __str__(self) -> str:
        return self.render(self.lang)


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
