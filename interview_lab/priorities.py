"""Know your priorities: the questionnaire and learning from past decisions.

>>> from interview_lab.priorities import Questionnaire
>>> q = Questionnaire(seed=0, samples=2000)
>>> question = q.next_question()
>>> q.answer(True)
>>> sorted(q.weights) == sorted(q.model.names)
True

The public path of :mod:`interview_lab.analysis.priorities` (see it for how they learn).
"""

from __future__ import annotations

from .analysis.priorities import (
    CERTAIN,
    MAX_QUESTIONS,
    NOISE,
    Certainty,
    LearnedPriorities,
    PrioritiesError,
    Questionnaire,
    describe_invitation,
    find_contradictions,
    weights_from_history,
)

__all__ = [
    "CERTAIN",
    "MAX_QUESTIONS",
    "NOISE",
    "Certainty",
    "LearnedPriorities",
    "PrioritiesError",
    "Questionnaire",
    "describe_invitation",
    "find_contradictions",
    "weights_from_history",
]
