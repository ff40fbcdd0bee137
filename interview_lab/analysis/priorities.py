r"""Know your priorities: learn them from a few questions and from past decisions.

Few people can set six weight sliders honestly, but anyone can say whether they would
go to a given interview. This module learns the weights of an
:class:`~interview_lab.Model` (its own factors included) from such go / don't-go
answers:

* :class:`Questionnaire` asks about made-up invitations, each chosen to tell the most
  about the person's real invitations (or, without them, about go / don't-go in
  general), and stops when their verdicts are settled;
* :func:`weights_from_history` learns from past decisions (a table with the ratings
  and ``decision`` go / no);
* :func:`journal_report` reads a decision journal
  (:class:`~interview_lab.io.journal.Journal`): calibration, over- and under-rated
  ratings, and the priorities learned from the decisions.

How it learns
-------------
A seeded sample of :data:`SAMPLES` weightings is drawn uniformly from the slider box
(each weight from 0 to its factor's slider maximum): the prior, "any setting of the
sliders". Each weighting decides every invitation with the model's own kernel
(:meth:`Model.coefficients` times :meth:`Model.features`, go when the score is above
the accept line). An answer is taken to be given by mistake with probability
``noise`` (default 0.1): a weighting that agrees with it keeps its weight, one that
disagrees keeps ``noise / (1 − noise)`` of it. So a slip of the tongue lowers the
posterior but never rules anything out, and contradictions are named, not averaged
away (see below).

* **The sample is rejuvenated** (sequential Monte Carlo) whenever the answers have
  left too few weightings carrying the weight (effective sample size below half the
  sample): it is drawn anew in proportion to the posterior and every weighting is
  moved by a few Metropolis steps within the slider box under the likelihood of all
  answers so far. So probabilities stay estimated from thousands of distinct
  weightings, not from the few of the prior sample that happened to fit.
* **The next question** is the invitation whose answer carries the most
  information (mutual information, with the noise) about the real invitations'
  go / don't-go pattern: a made-up one, one near a real invitation, or a real
  invitation itself (each asked once); without real invitations, the made-up
  invitation whose answer is most uncertain.
* **Done**, with real invitations, when their verdicts (each one's likelier answer)
  are all right together with posterior probability :data:`CERTAIN`, or after
  ``max_questions``.
* **The learned priorities** are the posterior mean weighting, or a likely sampled
  weighting where that agrees better with the posterior's majority vote (on the real
  invitations first, then on a fixed reference set of random invitations), scaled to
  the total of the model's default weights, so they read like a preset.
* **Certainty**: per factor the posterior mean, an 80 % interval and how much the
  answers narrowed it (1 − posterior spread / prior spread); per real invitation the
  posterior probability of its verdict.

Contradictions
--------------
A set of answers is contradictory when no weighting at all (non-negative weights)
makes every one of them hold. That is decided exactly, not from the sample: the
score is linear in the weights within each region where the order of every paired
weight is fixed (the ``min`` of :meth:`Model.coefficients`), so a set is feasible
when a small linear programme (solved here, exactly, by a simplex with Bland's rule)
has a strictly positive margin in one of those regions. A weighting of the sample that
satisfies a set proves it feasible first, so the linear programmes run only for sets
no sampled weighting satisfies. The invitation one went to and another, at least as
good in every factor, that one declined is caught at once (the score rises with every
benefit and falls with every cost, whatever the weights). Reported are the smallest
such sets: every contradictory set of one, two or three answers, and then, while the
rest still cannot hold together, one minimal set more, found by deletion.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from ..core.dealbreakers import check_dealbreakers
from ..core.errors import InterviewLabError
from ..core.factors import RATING_MAX, RATING_MIN
from ..core.i18n import check_language, errors_in, message, text
from ..core.model import Model, check_model
from ..core.offers import OFFER_COLUMN, Where
from ..io.journal import MIN_REVIEWED, Calibration, Journal
from ..io.offers import checked_columns, read_source

#: Share of answers taken to be given by mistake (the noise of the likelihood).
NOISE = 0.1
#: Weightings in the posterior sample.
SAMPLES = 12_000
#: Made-up invitations the questionnaire chooses its questions from.
CANDIDATES = 800
#: Made-up invitations near each real one (its ratings moved by up to two points).
NEAR_EACH = 48
#: Questions at most, by default.
MAX_QUESTIONS = 8
#: The questionnaire is done when the real invitations' verdicts are all right together
#: with this probability (so each one is at least this likely).
CERTAIN = 0.875
#: Information (nats) below which no question is worth asking.
NOTHING_TO_LEARN = 1e-4
#: Random invitations the learned weighting is checked against (the majority vote).
REFERENCE = 300
#: Sampled weightings, most likely first, considered as the learned weighting.
POINT_CANDIDATES = 64
#: What agreeing with one more answer is worth, as a share of the reference vote.
ANSWER_WEIGHT = 0.02
#: The sample is rejuvenated when its effective size falls below this share of it.
RESAMPLE_BELOW = 0.5
#: Metropolis steps per rejuvenation, and their sizes (share of each slider's range).
MOVES = 6
MOVE_SCALES = (0.3, 0.1, 0.03)
#: Weightings this far (in log-likelihood) below the best are left out of the sums.
NEGLIGIBLE = 16.0
#: Contradictory sets up to this size are all listed (larger ones found by deletion).
ENUMERATE_UP_TO = 3
#: Answers above which triples are no longer enumerated (pairs always are).
TRIPLES_UP_TO = 24
#: Margin a linear programme must exceed for a set of answers to hold together.
_FEASIBLE_MARGIN = 1e-9
_WORDS_GO = {"go", "yes", "ja", "true", "1", "y", "j", "went"}
_WORDS_NO = {"no", "nein", "false", "0", "n", "declined"}


class PrioritiesError(InterviewLabError):
    """A questionnaire or learning call was given something it cannot use."""


# ---------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Certainty:
    """How sure the learned priorities are.

    ``factors``: one row per factor with ``factor, weight`` (the learned weight),
    ``low, high`` (an 80 % interval, same scale) and ``certainty`` (0: the answers
    told nothing about it, 1: pinned down). ``offers``: one row per real invitation
    with ``offer, verdict`` (``go`` / ``no``), ``p_go`` and ``certainty`` (the
    probability of that verdict); empty without real invitations.
    """

    factors: pd.DataFrame
    offers: pd.DataFrame

    def lines(self, lang: str = "en", model: Model | None = None) -> list[str]:
        """Say the certainty in plain sentences, in ``lang``."""
        model = check_model(model)
        said = [
            text(
                "priorities.certainty.factor", lang,
                label=model.factor(str(row["factor"])).text("label", lang),
                weight=float(row["weight"]), low=float(row["low"]), high=float(row["high"]),
            )
            for row in self.factors.to_dict("records")
        ]  # fmt: skip
        said += [
            text(
                "priorities.certainty.offer", lang, offer=str(row["offer"]),
                verdict=text(f"priorities.certainty.{row['verdict']}", lang),
                share=float(row["certainty"]),
            )
            for row in self.offers.to_dict("records")
        ]  # fmt: skip
        return said


@dataclass(frozen=True)
class LearnedPriorities:
    """Priorities learned from answers or past decisions.

    ``weights``: factor -> weight, on the scale of the model's default weights (pass
    it as ``weights=`` to :func:`interview_lab.evaluate` or to any app);
    ``certainty``: see :class:`Certainty`; ``contradictions``: sets of answers (row
    labels of the decisions) that cannot all hold together; ``agreement``: the share
    of the answers the learned weights agree with.
    """

    weights: Mapping[str, float]
    certainty: Certainty
    contradictions: list[set[Any]]
    agreement: float
    model: Model = field(repr=False)

    def contradiction_lines(self, lang: str = "en") -> list[str]:
        """Say each contradiction in a sentence, in ``lang``."""
        return [
            text("priorities.contradiction.rows", lang, rows=sorted(map(str, found)))
            for found in self.contradictions
        ]


# ---------------------------------------------------------------------------------------
# The posterior over weightings
# ---------------------------------------------------------------------------------------


def _highs(model: Model) -> np.ndarray:
    """Each weight's slider maximum: the prior draws it uniformly from 0 to this."""
    return np.array([max(f.weight_max, f.weight) for f in model.factors], dtype=float)


def prior_weights(model: Model, samples: int, rng: np.random.Generator) -> np.ndarray:
    """Draw ``samples`` weightings (rows, normalised) uniformly from the slider box."""
    raw = rng.uniform(0.0, 1.0, (samples, len(model))) * _highs(model)
    normalised: np.ndarray = raw / raw.sum(axis=1, keepdims=True)
    return normalised


@functools.lru_cache(maxsize=4)
def _prior(model: Model, samples: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the seeded prior sample (raw and normalised) and its coefficients (read-only)."""
    raw = np.random.default_rng(seed).uniform(0.0, 1.0, (samples, len(model))) * _highs(model)
    weights = raw / raw.sum(axis=1, keepdims=True)  # as prior_weights draws them
    coefficients = model.coefficients(weights)
    raw.flags.writeable = weights.flags.writeable = coefficients.flags.writeable = False
    return raw, weights, coefficients


@functools.lru_cache(maxsize=4)
def _made_up(model: Model, samples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Made-up invitations (K, C) on 0-10, whole numbers, and the prior's go on each."""
    rng = np.random.default_rng([seed, 2])
    pool = np.unique(rng.integers(0, 11, (len(model), CANDIDATES)).astype(float), axis=1)
    pool = pool[:, rng.permutation(pool.shape[1])]
    if model.dealbreakers:  # questions never break a deal-breaker
        table = pd.DataFrame(_from_scale(model, pool).T, columns=list(model.names))
        pool = pool[:, ~_blocked(model, table, Where())]
    _, _, coefficients = _prior(model, samples, seed)
    says = (coefficients @ model.features(pool) > model.accept_above).astype(np.float32)
    pool.flags.writeable = says.flags.writeable = False
    return pool, says


@functools.lru_cache(maxsize=4)
def _reference(model: Model, samples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Random invitations (K, REFERENCE) on 0-10 and the prior's go on each (the vote)."""
    cols = np.random.default_rng([seed, 1]).uniform(RATING_MIN, RATING_MAX, (len(model), REFERENCE))
    _, _, coefficients = _prior(model, samples, seed)
    says = coefficients @ model.features(cols) > model.accept_above
    cols.flags.writeable = says.flags.writeable = False
    return cols, says


class _Posterior:
    """A sample of weightings, their importance weights and the answers so far.

    It starts as the seeded prior sample. Each answer multiplies a weighting's
    importance weight by ``noise / (1 − noise)`` when it disagrees. When the weights
    grow uneven (an effective sample size below :data:`RESAMPLE_BELOW` of the
    sample), the sample is rejuvenated, a step of sequential Monte Carlo: drawn anew
    in proportion to the weights, then every weighting moved by :data:`MOVES`
    Metropolis steps within the slider box under the likelihood of all answers so
    far. So the sample stays spread over the posterior instead of leaning on the few
    weightings of the prior sample that happen to fit.
    """

    def __init__(self, model: Model, samples: int, seed: int, noise: float) -> None:
        self.model = model
        self.seed = seed
        self.raw, self.weights, self.coefficients = _prior(model, samples, seed)
        self.highs = _highs(model)
        self.log_likelihood = np.zeros(samples)  # importance weights (log), up to a constant
        self.fit = np.zeros(samples)  # log-likelihood of all answers so far, per weighting
        self.noise = noise
        self._miss = math.log(noise / (1 - noise)) if noise > 0 else -math.inf
        self.features = np.zeros((len(model.terms), 0))
        self.said = np.zeros(0, dtype=bool)
        #: Rejuvenations so far: what was computed for the sample before is out of date.
        self.version = 0
        lows, highs = self.weights.min(axis=0), self.weights.max(axis=0)
        self.prior_spread = np.sqrt(((highs - lows) ** 2) / 12) if len(self.weights) else lows

    def go(self, cols: np.ndarray) -> np.ndarray:
        """Whether each weighting says go (samples, m) to invitations ``cols`` (K, m) on 0-10."""
        scores: np.ndarray = self.coefficients @ self.model.features(cols)
        return scores > self.model.accept_above

    def update(self, cols: np.ndarray, says_go: np.ndarray, answer: bool) -> None:
        """Take an answer about ``cols`` (K,): who disagrees keeps ``noise / (1 − noise)``."""
        disagree = says_go != answer
        self.features = np.column_stack([self.features, self.model.features(cols[:, None])])
        self.said = np.append(self.said, answer)
        if np.isinf(self._miss):
            self.log_likelihood[disagree] = -np.inf
            if not np.isfinite(self.log_likelihood).any():  # nothing fits: fall back on noise
                self.log_likelihood[:] = 0.0
        else:
            self.log_likelihood[disagree] += self._miss
            self.fit[disagree] += self._miss

    def effective_share(self) -> float:
        """Effective sample size of the importance weights, as a share of the sample."""
        _, p = self.active()
        return float(1.0 / (p @ p) / len(self.log_likelihood))

    def rejuvenate(self) -> bool:
        """Resample and move the sample when its weights grew uneven; whether it did."""
        if np.isinf(self._miss) or not len(self.said) or self.effective_share() >= RESAMPLE_BELOW:
            return False
        n = len(self.log_likelihood)
        rng = np.random.default_rng([self.seed, 5, len(self.said)])
        cumulative = np.cumsum(self.probabilities())
        positions = (rng.uniform() + np.arange(n)) / n  # systematic resampling
        chosen = np.minimum(np.searchsorted(cumulative, positions * cumulative[-1]), n - 1)
        raw, fit = self.raw[chosen], self.fit[chosen]
        for step in range(MOVES):
            scale = MOVE_SCALES[step % len(MOVE_SCALES)]
            proposed = raw + rng.normal(0.0, scale, raw.shape) * self.highs
            proposed = np.abs(proposed)  # reflect at 0 and at the slider maximum
            proposed = self.highs - np.abs(self.highs - proposed)
            proposed = np.clip(proposed, 0.0, self.highs)
            proposed_fit = self._fit(proposed)
            accept = np.log(rng.uniform(size=n)) < proposed_fit - fit
            raw[accept], fit[accept] = proposed[accept], proposed_fit[accept]
        self.raw, self.fit = raw, fit
        self.weights = raw / np.maximum(raw.sum(axis=1, keepdims=True), 1e-300)
        self.coefficients = self.model.coefficients(self.weights)
        self.log_likelihood = np.zeros(n)
        self.version += 1
        return True

    def _fit(self, raw: np.ndarray) -> np.ndarray:
        """Log-likelihood of all answers so far for weightings ``raw`` (n, K)."""
        weights = raw / np.maximum(raw.sum(axis=1, keepdims=True), 1e-300)
        says = self.model.coefficients(weights) @ self.features > self.model.accept_above
        result: np.ndarray = (says != self.said).sum(axis=1) * self._miss
        return result

    def active(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the weightings that still count and their posterior probabilities."""
        best = self.log_likelihood.max()
        rows = np.flatnonzero(self.log_likelihood >= best - NEGLIGIBLE)
        p = np.exp(self.log_likelihood[rows] - best)
        return rows, p / p.sum()

    def probabilities(self) -> np.ndarray:
        """Posterior probability of every weighting of the sample."""
        rows, p = self.active()
        full = np.zeros(len(self.log_likelihood))
        full[rows] = p
        return full


def _entropy(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-12, 1 - 1e-12)
    result: np.ndarray = -(q * np.log(q) + (1 - q) * np.log1p(-q))
    return result


def _information(
    says_go: np.ndarray, p: np.ndarray, groups: np.ndarray | None, noise: float
) -> np.ndarray:
    """Mutual information (nats) between each question's noisy answer and the groups.

    ``says_go`` (n, C) float32: whether each weighting says go to each question; ``p``
    (n,) their probabilities; ``groups`` (n,) the real invitations' verdict pattern of
    each (None: every weighting its own, so the information is about go / don't-go in
    general). Two matrix products, no pass over the (n, C) matrix of its own.
    """
    base = _entropy(np.array([noise]))[0]
    if groups is None:
        p_go = (p.astype(np.float32) @ says_go).astype(np.float64)
        result: np.ndarray = _entropy(noise + (1 - 2 * noise) * p_go) - base
        return result
    codes, inverse = np.unique(groups, return_inverse=True)
    membership = np.zeros((len(codes), len(p)), dtype=np.float32)
    membership[inverse, np.arange(len(p))] = p
    joint = (membership @ says_go).astype(np.float64)  # (G, C): P(group, question says go)
    mass = np.bincount(inverse, weights=p, minlength=len(codes))
    p_go = joint.sum(axis=0)
    within = np.clip(joint / np.maximum(mass, 1e-300)[:, None], 0.0, 1.0)
    conditional = _entropy(noise + (1 - 2 * noise) * within)
    information: np.ndarray = _entropy(noise + (1 - 2 * noise) * p_go) - mass @ conditional
    return information


# ---------------------------------------------------------------------------------------
# Contradictions: exact feasibility of a set of answers
# ---------------------------------------------------------------------------------------


def _simplex_max(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    """Return max ``c·x`` subject to ``a x <= b``, ``x >= 0``, with ``b >= 0`` (Bland's rule)."""
    m, n = a.shape
    table = np.zeros((m + 1, n + m + 1))
    table[:m, :n] = a
    table[:m, n : n + m] = np.eye(m)
    table[:m, -1] = b
    table[m, :n] = -c
    basis = list(range(n, n + m))
    tol = 1e-12
    for _ in range(50 * (m + n)):
        entering = np.flatnonzero(table[m, :-1] < -tol)
        if not len(entering):
            return float(table[m, -1])
        j = int(entering[0])
        column = table[:m, j]
        rows = np.flatnonzero(column > tol)
        if not len(rows):
            return math.inf
        ratios = table[rows, -1] / column[rows]
        best = ratios.min()
        tied = rows[ratios <= best + tol]
        i = int(min(tied, key=lambda r: basis[r]))
        table[i] /= table[i, j]
        for r in range(m + 1):
            if r != i and table[r, j] != 0.0:
                table[r] -= table[r, j] * table[i]
        basis[i] = j
    return float(table[m, -1])  # pragma: no cover - Bland's rule does not cycle


class _Feasibility:
    """Decide exactly whether some weighting makes a set of answers all hold."""

    def __init__(self, model: Model) -> None:
        self.model = model
        terms = model.terms
        self.owner = [t.owner for t in terms]
        #: Per term, the two factors whose smaller weight it takes (None: its own weight).
        self.pair_of: list[tuple[int, int] | None] = [
            None if t.partner < 0 else (min(t.owner, t.partner), max(t.owner, t.partner))
            for t in terms
        ]
        self.factor = np.array([t.sign * t.scale for t in terms])
        self.benefit = model.benefit

    def dominates(self, better: np.ndarray, worse: np.ndarray) -> bool:
        """Whether ``better`` is at least as good as ``worse`` in every factor (0-10 scale)."""
        up = np.where(self.benefit, better >= worse, better <= worse)
        return bool(up.all())

    def feasible(self, features: np.ndarray, answers: np.ndarray) -> bool:
        """Whether some weighting gives go exactly where ``answers`` (m,) says so.

        ``features`` (R, m) of the invitations. One small linear programme per order of
        the paired weights that the invitations' features touch.
        """
        used = np.abs(features).max(axis=1) > 0
        pairs = sorted({pair for pair, on in zip(self.pair_of, used, strict=True) if pair and on})
        weighted = self.factor[:, None] * features  # (R, m)
        for order in itertools.product((0, 1), repeat=len(pairs)):
            smaller = {pair: pair[bit] for pair, bit in zip(pairs, order, strict=True)}
            rows = np.zeros((features.shape[1], len(self.model)))
            for r, pair in enumerate(self.pair_of):
                if used[r]:
                    rows[:, self.owner[r] if pair is None else smaller[pair]] += weighted[r]
            rows -= self.model.accept_above  # score > accept_above, on normalised weights
            if self._region_feasible(rows, answers, smaller):
                return True
        return False

    def _region_feasible(
        self, rows: np.ndarray, answers: np.ndarray, smaller: Mapping[tuple[int, int], int]
    ) -> bool:
        k = rows.shape[1]
        scale = np.maximum(np.abs(rows).max(axis=1, keepdims=True), 1e-300)
        rows = rows / scale
        constraints = []
        for row, says_go in zip(rows, answers, strict=True):
            # go: row·w ≥ t (strictly positive margin); no: row·w ≤ 0
            constraints.append(np.append(-row, 1.0) if says_go else np.append(row, 0.0))
        for pair, low in smaller.items():
            high = pair[1] if low == pair[0] else pair[0]
            order = np.zeros(k + 1)
            order[low], order[high] = 1.0, -1.0
            constraints.append(order)
        constraints.append(np.append(-np.ones(k), 1.0))  # t ≤ Σw: no margin from w = 0
        constraints.append(np.append(np.ones(k), 0.0))  # Σw ≤ 1
        a = np.array(constraints)
        b = np.zeros(len(a))
        b[-1] = 1.0
        c = np.zeros(k + 1)
        c[-1] = 1.0
        return _simplex_max(a, b, c) > _FEASIBLE_MARGIN


def find_contradictions(
    model: Model,
    cols: np.ndarray,
    answers: np.ndarray,
    *,
    blocked: np.ndarray | None = None,
    sample: np.ndarray | None = None,
) -> list[frozenset[int]]:
    """Return the smallest sets of answers (positions) that no weighting makes all hold.

    ``cols`` (K, m) the invitations on the 0-10 scale, ``answers`` (m,) go or not,
    ``blocked`` (m,) which break a deal-breaker (never go: a go for one is a
    contradiction by itself), ``sample`` (n, m) whether each of some weightings agrees
    with each answer (a shortcut: a weighting that satisfies a set proves it feasible).
    """
    answers = np.asarray(answers, dtype=bool)
    m = len(answers)
    blocked = np.zeros(m, dtype=bool) if blocked is None else np.asarray(blocked, dtype=bool)
    check = _Feasibility(model)
    features = model.features(np.asarray(cols, dtype=float))
    found = [frozenset({int(i)}) for i in np.flatnonzero(answers & blocked)]
    free = [i for i in range(m) if not blocked[i]]  # a 'no' to a blocked one always holds
    packed = None if sample is None else np.packbits(np.asarray(sample, dtype=bool), axis=0)

    def holds(subset: Sequence[int]) -> bool:
        if packed is not None and len(subset):
            together = np.bitwise_and.reduce(packed[:, list(subset)], axis=1)
            if together.any():
                return True
        return check.feasible(features[:, list(subset)], answers[list(subset)])

    if holds(free):
        return found
    for i in free:
        if not holds([i]):
            found.append(frozenset({i}))
    free = [i for i in free if frozenset({i}) not in found]
    for i, j in itertools.combinations(free, 2):
        if answers[i] != answers[j]:
            go, no = (i, j) if answers[i] else (j, i)
            if check.dominates(cols[:, no], cols[:, go]):
                found.append(frozenset({i, j}))
                continue
        if packed is not None and np.bitwise_and(packed[:, i], packed[:, j]).any():
            continue
        if not holds([i, j]):
            found.append(frozenset({i, j}))
    if len(free) <= TRIPLES_UP_TO:
        for triple in itertools.combinations(free, ENUMERATE_UP_TO):
            if any(set(f) <= set(triple) for f in found):
                continue
            if not holds(triple):
                found.append(frozenset(triple))
    rest = [i for i in free if not any(i in f for f in found)]
    while len(rest) > 1 and not holds(rest):
        core = list(rest)
        for i in list(core):
            trial = [j for j in core if j != i]
            if not holds(trial):
                core = trial
        found.append(frozenset(core))
        rest = [i for i in rest if i not in core]
    return sorted(found, key=lambda f: (len(f), sorted(f)))


# ---------------------------------------------------------------------------------------
# Learning: shared by the questionnaire and the history
# ---------------------------------------------------------------------------------------


class _Learner:
    """The posterior, the answers taken so far and what follows from them."""

    def __init__(self, model: Model, samples: int, seed: int, noise: float) -> None:
        self.model = model
        self.noise = noise
        self.posterior = _Posterior(model, samples, seed, noise)
        self.reference, self.reference_go = _reference(model, samples, seed)
        self.cols = np.zeros((len(model), 0))
        self.answers = np.zeros(0, dtype=bool)
        self.blocked = np.zeros(0, dtype=bool)
        self.agrees = np.zeros((samples, 0), dtype=bool)
        self.real_go: np.ndarray | None = None  # (samples, r) verdicts on the real invitations
        self.real_blocked = np.zeros(0, dtype=bool)

    def take(self, cols: np.ndarray, answer: bool, blocked: bool, says_go: np.ndarray) -> bool:
        """Add one answer about invitation ``cols`` (K,) on 0-10; whether the sample moved."""
        self.cols = np.column_stack([self.cols, cols])
        self.answers = np.append(self.answers, answer)
        self.blocked = np.append(self.blocked, blocked)
        agrees = says_go == answer if not blocked else np.full(len(says_go), not answer)
        self.agrees = np.column_stack([self.agrees, agrees])
        if blocked:  # a blocked invitation is never go: its answer says nothing of weights
            return False
        self.posterior.update(cols, says_go, answer)
        if not self.posterior.rejuvenate():
            return False
        # the sample moved: what was computed for the old one is computed anew
        self.reference_go = self.posterior.go(self.reference)
        said = self.posterior.go(self.cols)
        self.agrees = np.where(self.blocked, ~self.answers, said == self.answers)
        if self.real_go is not None:
            self.real_go = self.posterior.go(self._real_cols) & ~self.real_blocked[None, :]
        return True

    def real_p_go(self) -> np.ndarray:
        """Posterior probability that each real invitation is go."""
        if self.real_go is None:
            return np.zeros(0)
        rows, p = self.posterior.active()
        result: np.ndarray = p @ self.real_go[rows]
        return result

    def all_right(self) -> float:
        """Probability that the verdicts on the real invitations are all right together.

        The verdicts are each invitation's likelier answer; this is the posterior
        probability of exactly that pattern (at most each verdict's own probability).
        """
        if self.real_go is None or not self.real_go.shape[1]:
            return 1.0
        rows, p = self.posterior.active()
        verdicts = p @ self.real_go[rows] > 0.5
        return float(p @ (self.real_go[rows] == verdicts).all(axis=1))

    def point(self) -> np.ndarray:
        """Return the learned weighting (normalised): the mean or a likely sample, by vote."""
        rows, p = self.posterior.active()
        mean = p @ self.posterior.weights[rows]
        likeliest = p >= p.max() * (1 - 1e-9)
        fitting = p[likeliest] @ self.posterior.weights[rows[likeliest]] / p[likeliest].sum()
        top = rows[np.argsort(-p)[:POINT_CANDIDATES]]
        candidates = np.vstack([mean, fitting, self.posterior.weights[top]])
        coefficients = self.model.coefficients(candidates)
        vote = p @ self.reference_go[rows]
        says = coefficients @ self.model.features(self.reference) > self.model.accept_above
        strength = np.abs(vote - 0.5)
        score = (says == (vote > 0.5)) @ strength
        if self.real_go is not None and self.real_go.shape[1]:
            real_vote = self.real_p_go() > 0.5
            says_real = (
                coefficients @ self.model.features(self._real_cols) > self.model.accept_above
            )
            says_real &= ~self.real_blocked
            score = score + (says_real == real_vote).sum(axis=1) * (strength.sum() + 1.0)
        if len(self.answers):  # and, a little, the one that agrees with more answers
            said = coefficients @ self.model.features(self.cols) > self.model.accept_above
            said &= ~self.blocked
            score = score + ANSWER_WEIGHT * strength.sum() * (said == self.answers).sum(axis=1)
        choice: np.ndarray = candidates[int(np.argmax(score))]
        return choice

    _real_cols: np.ndarray = np.zeros((0, 0))

    def set_real(self, cols: np.ndarray, blocked: np.ndarray) -> None:
        """Take the person's real invitations ``cols`` (K, r) on 0-10."""
        self._real_cols = cols
        self.real_blocked = blocked
        self.real_go = self.posterior.go(cols) & ~blocked[None, :]

    def weights(self) -> dict[str, float]:
        """Return the learned weights, scaled to the total of the model's default weights."""
        total = sum(self.model.default_weights.values())
        point = self.point() * total
        return {name: float(point[j]) for j, name in enumerate(self.model.names)}

    def certainty(self, offers: Sequence[str]) -> Certainty:
        """Per factor and per real invitation: how sure."""
        rows, p = self.posterior.active()
        total = sum(self.model.default_weights.values())
        sample = self.posterior.weights[rows] * total
        point = self.point() * total
        order = np.argsort(sample, axis=0)
        lows, highs = [], []
        for j in range(sample.shape[1]):
            cumulative = np.cumsum(p[order[:, j]])
            lows.append(float(sample[order[np.searchsorted(cumulative, 0.1), j], j]))
            index = min(int(np.searchsorted(cumulative, 0.9)), len(cumulative) - 1)
            highs.append(float(sample[order[index, j], j]))
        mean = p @ sample
        spread = np.sqrt(np.maximum(p @ (sample - mean) ** 2, 0.0))
        narrowed = 1 - spread / np.maximum(self.posterior.prior_spread * total, 1e-12)
        factors = pd.DataFrame(
            {
                "factor": list(self.model.names),
                "weight": point,
                "low": np.minimum(lows, point),
                "high": np.maximum(highs, point),
                "certainty": np.clip(narrowed, 0.0, 1.0),
            }
        )
        p_go = self.real_p_go()
        go = p_go > 0.5
        offers_table = pd.DataFrame(
            {
                "offer": list(offers),
                "verdict": np.where(go, "go", "no"),
                "p_go": p_go,
                "certainty": np.where(go, p_go, 1 - p_go),
            }
        )
        return Certainty(factors, offers_table)

    def agreement(self) -> float:
        """Share of the answers the learned weights agree with."""
        if not len(self.answers):
            return 1.0
        coefficients = self.model.coefficients(self.point())
        said = (coefficients @ self.model.features(self.cols))[0] > self.model.accept_above
        said &= ~self.blocked
        return float(np.mean(said == self.answers))

    def contradictions(self) -> list[frozenset[int]]:
        """Positions of the answers that cannot all hold together."""
        if not len(self.answers):
            return []
        return find_contradictions(
            self.model, self.cols, self.answers, blocked=self.blocked, sample=self.agrees
        )


def _check_settings(noise: object, samples: object, max_questions: object) -> None:
    if isinstance(noise, bool) or not isinstance(noise, int | float) or not 0 <= noise < 0.5:
        raise PrioritiesError(message("priorities.errors.noise", value=repr(noise)))
    if isinstance(samples, bool) or not isinstance(samples, int) or not 100 <= samples <= 10**6:
        raise PrioritiesError(
            message("priorities.errors.samples", value=repr(samples), least=100, most=10**6)
        )
    if (
        isinstance(max_questions, bool)
        or not isinstance(max_questions, int)
        or not 1 <= max_questions <= 100
    ):
        raise PrioritiesError(
            message("priorities.errors.max_questions", value=repr(max_questions), most=100)
        )


def _blocked(model: Model, table: pd.DataFrame, where: Where) -> np.ndarray:
    """Which rows break a deal-breaker (a rule on a column the table lacks is left out)."""
    rules = tuple(rule for rule in model.dealbreakers if rule.column in table.columns)
    if not rules:
        return np.zeros(len(table), dtype=bool)
    broken, _ = check_dealbreakers(table, rules, where, model.source)
    return np.asarray(broken.any(axis=1), dtype=bool)


def _to_scale(model: Model, values: np.ndarray) -> np.ndarray:
    """Ratings (K, m) in each factor's own units, on the 0-10 scale."""
    return np.asarray(model.to_scale(np.asarray(values, dtype=float)), dtype=float)


def _from_scale(model: Model, cols: np.ndarray) -> np.ndarray:
    lows = np.array([f.low for f in model.factors])
    highs = np.array([f.high for f in model.factors])
    result: np.ndarray = (
        lows[:, None] + (cols - RATING_MIN) / (RATING_MAX - RATING_MIN) * (highs - lows)[:, None]
    )
    return result


# ---------------------------------------------------------------------------------------
# The questionnaire
# ---------------------------------------------------------------------------------------


class Questionnaire:
    """A short questionnaire that learns the person's priorities from go / don't-go answers.

    >>> q = Questionnaire(seed=0, samples=2000)
    >>> question = q.next_question()
    >>> list(question.columns) == ["offer", *q.model.names]
    True
    >>> q.answer(True)
    >>> q.answered, q.done
    (1, False)

    Parameters
    ----------
    offers
        The person's real invitations (a table or a path, as
        :func:`interview_lab.evaluate` reads them), or None.
    model
        The decision model (default :data:`interview_lab.DEFAULT_MODEL`); its own
        factors are learned like the built-in ones.
    seed
        Seed of the prior sample and of the made-up invitations: the same seed and
        answers give the same questions and priorities.
    max_questions
        The questionnaire is done after this many answers at most.
    noise
        Share of answers taken to be given by mistake (0 trusts every answer fully).
    samples
        Weightings in the posterior sample (more: slower and a little more precise).
    lang
        Language of errors.

    """

    def __init__(
        self,
        offers: pd.DataFrame | str | PathLike[str] | None = None,
        model: Model | None = None,
        seed: int = 0,
        *,
        max_questions: int = MAX_QUESTIONS,
        noise: float = NOISE,
        samples: int = SAMPLES,
        lang: str = "en",
    ) -> None:
        self.lang = check_language(lang)
        with errors_in(self.lang):
            self.model = check_model(model)
            _check_settings(noise, samples, max_questions)
            self.max_questions = max_questions
            self.noise = float(noise)
            self._learner = _Learner(self.model, samples, seed, self.noise)
            self.offers: pd.DataFrame | None = None
            real = np.zeros((len(self.model), 0))
            real_blocked = np.zeros(0, dtype=bool)
            if offers is not None:
                source, where = read_source(offers)
                table, columns, values = checked_columns(source, where, self.model)
                self.offers = pd.DataFrame(columns, index=table.index)
                real = _to_scale(self.model, values)
                real_blocked = _blocked(self.model, table, where)
                self._learner.set_real(real, real_blocked)
            self._pool, self._pool_go = self._candidates(seed, samples, real, real_blocked)
            self._pool_features = self.model.features(self._pool)
        self._open = np.ones(self._pool.shape[1], dtype=bool)
        self._pending: int | None = None
        self._asked: list[tuple[int, str]] = []  # (pool index, "go" / "no" / "skip")
        self._best: tuple[int, float] | None = None  # the next question and its information

    # --- questions --------------------------------------------------------------------

    def _candidates(
        self, seed: int, samples: int, real: np.ndarray, blocked: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Invitations to ask about (K, C) on 0-10, and the prior's go on each.

        The shared pool of made-up ones (whole-number ratings), near each real
        invitation some with its ratings moved by up to two points, and the real
        invitations themselves (they tell most about their own verdicts).
        """
        pool, says = _made_up(self.model, samples, seed)
        rng = np.random.default_rng([seed, 3])
        k = len(self.model)
        near = [
            np.clip(np.round(real[:, [j]] + rng.integers(-2, 3, (k, NEAR_EACH))), 0, 10)
            for j in np.flatnonzero(~blocked)
        ]
        if not near:
            return pool, says
        near.append(real[:, np.flatnonzero(~blocked)])  # and the real invitations themselves
        extra = np.unique(np.concatenate(near, axis=1), axis=1)
        if self.model.dealbreakers:
            table = pd.DataFrame(_from_scale(self.model, extra).T, columns=list(self.model.names))
            extra = extra[:, ~_blocked(self.model, table, Where())]
        extra_says = self._learner.posterior.go(extra).astype(np.float32)
        return np.concatenate([pool, extra], axis=1), np.concatenate([says, extra_says], axis=1)

    @property
    def answered(self) -> int:
        """How many questions were answered (skips not counted)."""
        return sum(1 for _, said in self._asked if said != "skip")

    @property
    def skipped(self) -> int:
        """How many questions were skipped."""
        return sum(1 for _, said in self._asked if said == "skip")

    def _choose(self) -> tuple[int, float]:
        if self._best is None:
            if not self._open.any():
                self._best = (-1, 0.0)
                return self._best
            rows, p = self._learner.posterior.active()
            if 2 * len(rows) < len(self._pool_go):  # few count: take just their rows
                says = self._pool_go[rows]
            else:  # most count: the whole matrix, the others at probability zero
                says, full = self._pool_go, np.zeros(len(self._pool_go))
                full[rows] = p
                rows, p = np.arange(len(full)), full
            groups = None
            real_go = self._learner.real_go
            if real_go is not None and real_go.shape[1]:
                if real_go.shape[1] <= 62:  # each pattern as the bits of one number
                    bits = real_go[rows].astype(np.int64)
                    groups = bits @ (np.int64(1) << np.arange(bits.shape[1], dtype=np.int64))
                else:
                    groups = np.unique(real_go[rows], axis=0, return_inverse=True)[1].ravel()
            information = _information(says, p, groups, self.noise)
            information[~self._open] = -np.inf
            best = int(np.argmax(information))
            self._best = (best, float(information[best]))
        return self._best

    @property
    def done(self) -> bool:
        """Whether the questionnaire is over.

        After ``max_questions`` answers (or twice as many questions asked, skips
        included); with real invitations, as soon as their verdicts are all right
        together with probability :data:`CERTAIN` (so at once when the prior alone
        settles them); and when no question is left that would tell anything.
        """
        if self.answered >= self.max_questions or len(self._asked) >= 2 * self.max_questions:
            return True
        if len(self._learner.real_p_go()) and self._learner.all_right() >= CERTAIN:
            return True
        if self._pending is not None:
            return False
        index, information = self._choose()
        return index < 0 or information < NOTHING_TO_LEARN

    def next_question(self) -> pd.DataFrame:
        """Return the next question: a one-row DataFrame, a made-up invitation (all factors).

        Its index is the question's number (from 1). Asking again before answering
        returns the same question.
        """
        with errors_in(self.lang):
            if self._pending is None:
                if self.done:
                    raise PrioritiesError(message("priorities.errors.done", answered=self.answered))
                self._pending = self._choose()[0]
            return self._question_table(self._pending, len(self._asked) + 1)

    def _question_table(self, index: int, number: int) -> pd.DataFrame:
        values = _from_scale(self.model, self._pool[:, [index]])[:, 0]
        row: dict[str, object] = {OFFER_COLUMN: f"Q{number}"}
        row.update({name: float(values[j]) for j, name in enumerate(self.model.names)})
        return pd.DataFrame([row], index=pd.Index([number], name="question"))

    def answer(self, go: bool) -> None:
        """Answer the pending question: True (would go) or False (would not go)."""
        with errors_in(self.lang):
            if not isinstance(go, bool | np.bool_):
                raise PrioritiesError(
                    message("priorities.errors.answer_not_yes_no", value=repr(go))
                )
            index = self._take_pending()
            cols = self._pool[:, index]
            says = self._learner.posterior.go(cols[:, None])[:, 0]
            if self._learner.take(cols, bool(go), False, says):  # the sample moved
                scores = self._learner.posterior.coefficients @ self._pool_features
                self._pool_go = (scores > self.model.accept_above).astype(np.float32)
            self._asked.append((index, "go" if go else "no"))
            self._best = None

    def skip(self) -> None:
        """Skip the pending question ("can't say"): it tells nothing and is not asked again."""
        with errors_in(self.lang):
            index = self._take_pending()
            self._asked.append((index, "skip"))
            self._best = None

    def _take_pending(self) -> int:
        if self._pending is None:
            raise PrioritiesError(message("priorities.errors.no_question"))
        index, self._pending = self._pending, None
        self._open[index] = False
        return index

    # --- what was learned -------------------------------------------------------------

    @property
    def answers(self) -> pd.DataFrame:
        """Every question asked, numbered from 1, with the answer (``go``, ``no`` or ``skip``)."""
        tables = [self._question_table(i, n) for n, (i, _) in enumerate(self._asked, start=1)]
        if not tables:
            columns = [OFFER_COLUMN, *self.model.names, "answer"]
            return pd.DataFrame(columns=columns, index=pd.Index([], name="question"))
        table = pd.concat(tables)
        table["answer"] = [said for _, said in self._asked]
        return table

    @property
    def weights(self) -> dict[str, float]:
        """The learned priorities: factor -> weight, on the scale of the default weights."""
        return self._learner.weights()

    @property
    def certainty(self) -> Certainty:
        """How sure: per factor, and per real invitation its verdict's probability."""
        names = [] if self.offers is None else [str(n) for n in self.offers[OFFER_COLUMN]]
        return self._learner.certainty(names)

    @property
    def contradictions(self) -> list[set[int]]:
        """Sets of answer numbers (question numbers) that cannot all hold together."""
        numbers = [n for n, (_, said) in enumerate(self._asked, start=1) if said != "skip"]
        return [{numbers[i] for i in found} for found in self._learner.contradictions()]

    def contradiction_lines(self, lang: str = "en") -> list[str]:
        """Say each contradiction in a sentence, in ``lang``."""
        found = self.contradictions
        if not found:
            return [text("priorities.contradiction.none", lang)]
        return [
            text("priorities.contradiction.answers", lang, numbers=sorted(numbers))
            for numbers in found
        ]

    @property
    def agreement(self) -> float:
        """Share of the answers the learned priorities agree with."""
        return self._learner.agreement()

    def result(self) -> LearnedPriorities:
        """Everything learned, as one value."""
        return LearnedPriorities(
            self.weights, self.certainty, self.contradictions, self.agreement, self.model
        )

    def describe(self, question: pd.DataFrame | pd.Series, lang: str = "en") -> str:
        """Say a question (or any invitation) in plain words, in ``lang``."""
        row = question.iloc[0] if isinstance(question, pd.DataFrame) else question
        number = row.name if isinstance(row.name, int | np.integer) else None
        return describe_invitation(
            row, lang, self.model, number=None if number is None else int(number),
            total=self.max_questions,
        )  # fmt: skip


def _level(value: float) -> str:
    """Return the catalogue key of a 0-10 rating's level word."""
    if value < 2:
        return "very_low"
    if value < 4:
        return "low"
    if value <= 6:
        return "medium"
    if value <= 8:
        return "high"
    return "very_high"


def describe_invitation(
    invitation: Mapping[str, Any] | pd.Series,
    lang: str = "en",
    model: Model | None = None,
    *,
    number: int | None = None,
    total: int = MAX_QUESTIONS,
) -> str:
    """Say an invitation's ratings in plain words, one line per factor, in ``lang``."""
    model = check_model(model)
    language = check_language(lang)
    if number is None:
        lines = [text("priorities.describe.invitation", language)]
    else:
        lines = [text("priorities.describe.intro", language, n=number, total=total)]
    for factor in model.factors:
        value = float(invitation[factor.name])
        scaled = (value - factor.low) / (factor.high - factor.low) * (RATING_MAX - RATING_MIN)
        level = text(f"priorities.level.{_level(scaled)}", language)
        label = factor.text("label", language)
        if factor.low == RATING_MIN and factor.high == RATING_MAX:
            line = text(
                "priorities.describe.rating", language, label=label, value=value, level=level
            )
        else:
            line = text(
                "priorities.describe.own_scale", language, label=label, value=value,
                low=factor.low, high=factor.high, level=level,
            )  # fmt: skip
        lines.append(f"- {line}")
    lines.append(text("priorities.describe.ask", language))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Past decisions
# ---------------------------------------------------------------------------------------


def _decision(value: object) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer) and value in (0, 1):
        return bool(value)
    if isinstance(value, float | np.floating) and value in (0.0, 1.0):
        return bool(value)
    word = str(value).strip().lower()
    if word in _WORDS_GO:
        return True
    if word in _WORDS_NO:
        return False
    return None


def weights_from_history(
    decisions: pd.DataFrame | str | PathLike[str],
    model: Model | None = None,
    *,
    seed: int = 0,
    noise: float = NOISE,
    samples: int = SAMPLES,
    lang: str = "en",
) -> LearnedPriorities:
    """Learn priorities from past decisions.

    ``decisions`` has the model's rating columns and ``decision`` (``go`` / ``no``;
    also yes / no, ja / nein, true / false, 1 / 0), optionally ``offer`` and
    ``outcome`` notes (kept, not read). Returns :class:`LearnedPriorities` whose
    ``contradictions`` are sets of the table's row labels.
    """
    language = check_language(lang)
    with errors_in(language):
        model = check_model(model)
        _check_settings(noise, samples, MAX_QUESTIONS)
        source, where = read_source(decisions)
        if not isinstance(source, pd.DataFrame):
            raise PrioritiesError(
                message("priorities.errors.not_a_table", kind=type(source).__name__)
            )
        name = where.source if where.source != Where().source else None
        shown_source = name or text("priorities.errors.decisions", language)
        if len(source) == 0:
            raise PrioritiesError(message("priorities.errors.no_decisions", source=shown_source))
        if "decision" not in source.columns:
            raise PrioritiesError(
                message(
                    "priorities.errors.no_decision_column", source=shown_source,
                    columns=[str(c) for c in source.columns],
                )
            )  # fmt: skip
        said = []
        for position, value in enumerate(source["decision"].tolist()):
            decided = _decision(value)
            if decided is None:
                raise PrioritiesError(
                    message(
                        "priorities.errors.bad_decision", source=shown_source,
                        row=position + 2, value=repr(value),
                    )
                )  # fmt: skip
            said.append(decided)
        table = source
        if OFFER_COLUMN not in table.columns or table[OFFER_COLUMN].duplicated().any():
            # the same company twice is a fine history: rows are named by their label
            labels = [str(label) for label in table.index]
            if len(set(labels)) < len(labels):
                labels = [str(k + 1) for k in range(len(table))]
            table = table.assign(**{OFFER_COLUMN: labels})
        checked, _, values = checked_columns(table, where, model)
        cols = _to_scale(model, values)
        blocked = _blocked(model, checked, where)
        learner = _Learner(model, samples, seed, float(noise))
        for j, decided in enumerate(said):  # each against the sample as it is now (it moves)
            says = learner.posterior.go(cols[:, [j]])[:, 0]
            learner.take(cols[:, j], decided, bool(blocked[j]), says)
        labels = list(source.index)
        found = [{labels[i] for i in f} for f in learner.contradictions()]
        return LearnedPriorities(
            learner.weights(), learner.certainty([]), found, learner.agreement(), model
        )


# ---------------------------------------------------------------------------------------
# The journal's report
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalReport:
    """What a decision journal says: calibration, tendencies and learned priorities.

    ``learned`` is None until :data:`~interview_lab.io.journal.MIN_REVIEWED` entries are
    reviewed. It learns from what, looking back, would have been right: a decision
    reviewed as not right counts as the other answer.
    """

    calibration: Calibration
    learned: LearnedPriorities | None
    model: Model = field(repr=False)

    def lines(self, lang: str = "en") -> list[str]:
        """Say the report in plain sentences, in ``lang``."""
        said = self.calibration.lines(lang, self.model)
        if self.learned is not None:
            weights = [
                text("priorities.journal.weight", lang,
                     label=self.model.factor(name).text("label", lang), weight=weight)
                for name, weight in self.learned.weights.items()
            ]  # fmt: skip
            n = self.calibration.reviewed
            said.append(text("priorities.journal.learned", lang, n=n, weights="; ".join(weights)))
            said += self.learned.contradiction_lines(lang)
        return said


def journal_report(journal: Journal, *, seed: int = 0, samples: int = SAMPLES) -> JournalReport:
    """Report on a decision journal: calibration, tendencies and learned priorities."""
    calibration = journal.calibration()
    learned = None
    if calibration.enough:
        entries = journal.entries()
        decisions = journal.decisions()
        went = entries["did"] == "go"
        wrong = entries["right"].eq(False).fillna(False).astype(bool)
        decisions["decision"] = np.where(went != wrong, "go", "no")
        learned = weights_from_history(
            decisions, journal.model, seed=seed, samples=samples, lang=journal.lang
        )
    return JournalReport(calibration, learned, journal.model)


def agreement_with(
    weights: Mapping[str, float] | np.ndarray, cols: np.ndarray, truth: np.ndarray, model: Model
) -> float:
    """Share of invitations ``cols`` (K, m, 0-10) where ``weights`` give go exactly as ``truth``."""
    w = model.normalise(weights if isinstance(weights, np.ndarray) else dict(weights))
    said = (model.coefficients(w) @ model.features(cols))[0] > model.accept_above
    return float(np.mean(said == np.asarray(truth, dtype=bool)))


__all__ = [
    "CERTAIN",
    "MAX_QUESTIONS",
    "MIN_REVIEWED",
    "NOISE",
    "SAMPLES",
    "Certainty",
    "JournalReport",
    "LearnedPriorities",
    "PrioritiesError",
    "Questionnaire",
    "agreement_with",
    "describe_invitation",
    "find_contradictions",
    "journal_report",
    "prior_weights",
    "weights_from_history",
]
