r"""The decision model as a value: factors, pairings, verdict rules and the kernel.

A :class:`Model` holds the factor table (names, directions, scales, default
weights, pairings, colours, texts) and the verdict rules. Everything that scores,
explains, charts or analyses an invitation reads them from the model it is given;
:data:`DEFAULT_MODEL` is the six factors of ``shared/domain.md``.

Formula
-------
Ratings ``x`` are on the 0-10 scale (a factor with another scale is mapped onto
it). Weights are normalised to sum to one (``ŵ = w / Σw``), so a score is in rating
points and multiplying every weight by a constant changes nothing. Each factor's
contribution is

=============  =====================================================================
benefit ``f``  ``ŵ_f · (x_f − neutral_f)``; interest has neutral 5, the reasons 0
cost ``f``     ``−ŵ_f · x_f + relief · min(ŵ_f, ŵ_interest) · x_f · x_interest / 10``
reason ``r``   minus ``min(ŵ_r, ŵ_c) · x_r · s_c / 10`` for its caveat ``c``
=============  =====================================================================

where the caveat's strength ``s_c`` is ``x_c`` for a cost (time cost cancels
practice, confusion cancels surprise) and ``10 − x_c`` for a benefit (low interest
cancels doors: the time-waster risk). ``score`` is the sum of the contributions.

* **The more you want it, the less the rest matters.** Interest relieves each
  cost: when interest weighs at least as much as the cost, a role rated interest 10
  carries only ``1 − relief`` of it (45 % at the default relief 0.55), a role you
  would never take carries all of it; weighted less, interest relieves
  proportionally less, and at weight zero not at all. The article's time argument
  is about wasting an absence on "a role you would never take", its confusion
  argument about "something you are not even interested in".
* **A caveat cancels its reason** completely at rating 10 when it weighs at least
  as much as the reason, proportionally less when it weighs less, and not at all at
  weight zero. So a weight of zero removes its factor from the decision entirely,
  its role as a caveat or a relief included.

Every term is a product of at most two affine functions of two *different*
ratings (:class:`Term`), so the score is affine in each single rating, increasing
in each benefit and decreasing in each cost, and it is linear in the term
coefficients, which are piecewise linear in each raw weight with kinks where it
passes a partner's weight (:meth:`Model.partners`, :meth:`Model.kinks`). The
borderline check and every analysis use this shape; the coefficients
(:meth:`Model.coefficients`) and the slopes per rating (:meth:`Model.slopes`) are
computed here and nowhere else.

Verdicts
--------
``accept``
    ``score > accept_above`` (1e-9, room for rounding): the reasons, after their
    caveats, outweigh the costs.
``decline_keep_in_touch``
    not accepted, but the company or recruiter is worth it: the doors rating is at
    least :attr:`Model.keep_in_touch_from` (6.5) and doors count at all (weight above
    zero). A polite reply costs no time, so the other priorities do not move this
    line; it is the answer for a wanted role the person truly cannot fit in (P15)
    and never for an invitation the ratings say to take.
``decline``
    everything else: nothing speaks for it strongly enough.

Borderline and ``flips_to``
---------------------------
An invitation is ``borderline`` when its go / don't-go answer flips under one of
these small changes: one weight ×0.75 or ×1.25 (:attr:`Model.weight_step`), or one
rating ±1 (:attr:`Model.rating_step`, clipped to the scale). ``flips_to`` names the
verdict such a change gives: for a borderline row the one on the other side of go
/ don't-go (``accept``, or what declining would be: keep in touch or decline);
otherwise, for a declined row, a keep in touch ↔ decline flip under a change of the
doors rating; missing when nothing flips. A decline that is merely near the keep in
touch line is not a close call about going.

Default weights
---------------
The default weights and relief were chosen against ``shared/scenarios/public.csv``
and our own scenarios (``tests/scenarios.csv``, each with the sentence of the
domain it follows from) by ``scripts/fit_default_weights.py``: among half-point
weights up to 4.5 (so a coach can still raise any of them on a slider) that keep
every caveat at least as heavy as its reason and doors at 1.5 or more, and reliefs
from 0.4 to 1, they leave the widest smallest margin (0.185 rating points) between
a scenario's score and the accept line. The margin is narrow by nature: a dream
role in a packed, torn month must go (S15: interest 10, time cost 9, confusion 8)
while the same role with going truly impossible and nothing else for it must not
(S19: time cost 10, confusion 10). Near the top the margins differ by hundredths;
the reasoning is what the scenarios encode:

* ``interest`` 3.5, the largest, and relief 0.55: "the more you want it, the less
  the rest matters". A role rated 10 carries 45 % of its confusion and about half
  of its time cost, so a packed month and a torn mind do not sink it (P12, S15),
  while a role you would never take carries all of both (P03, P07).
* ``practice`` 2.5 and ``time_cost`` 3: practice is the main reason to sit an
  interview for a role you do not want (P02, S09), and time is what cancels it
  (P03, S01); time outweighs practice, so time cost 10 cancels it completely.
* ``surprise`` 1.5 and ``confusion`` 1.5: a vague description can hide a great fit
  (P04, P10, S10), but not for someone already torn (P05, S02).
* ``doors`` 2: contacts add to a role you want (S03, S13); for a role you do not
  want they are the reason to decline politely and stay in touch (P06, P09, S18),
  which the doors rating decides.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from os import PathLike
from types import MappingProxyType
from typing import Literal, TypeVar, cast

import numpy as np
import pandas as pd

from .errors import ModelError
from .factors import DEFAULT_FACTORS, RATING_MAX, RATING_MIN, Dealbreaker, Factor, TextField
from .i18n import Message, check_language, errors_in, message
from .weights import check_weights
from .wording import Joined, quoted, quoted_all, shown

VERDICTS: tuple[str, ...] = ("decline", "decline_keep_in_touch", "accept")
"""Verdict codes, from worst to best (their index is the verdict's order)."""

#: dtype of the ``verdict`` and ``flips_to`` columns: ordered, so sorting puts accept last.
VERDICT_DTYPE = pd.CategoricalDtype(list(VERDICTS), ordered=True)
DECLINE, KEEP_IN_TOUCH, ACCEPT = range(3)
#: ``flips_to`` code of a row that no small change flips (missing in the column).
NO_FLIP = -1
#: Columns :func:`interview_lab.evaluate` adds before the per-factor contributions.
VERDICT_COLUMNS: tuple[str, ...] = ("score", "verdict", "borderline", "flips_to")
#: Offers scored per block: the kernel's temporaries stay in the processor's cache.
BLOCK = 1 << 14
#: Multiply-adds of a matrix product that OpenBLAS computes on one thread (65536 × 4).
_ONE_THREAD_PRODUCT = 1 << 18
#: The verdict, by ``accepted·2 + keeps in touch``.
_VERDICT_OF = np.array([DECLINE, KEEP_IN_TOUCH, ACCEPT, ACCEPT], dtype=np.int8)
#: ``flips_to`` by ``borderline·8 + doors step flips a decline·4 + accepted·2 + in touch``:
#: a close call flips go / don't-go, else a decline may flip keep in touch <-> decline.
_FLIPS_TO_OF = np.array(
    [
        *(NO_FLIP,) * 4,
        KEEP_IN_TOUCH, DECLINE, NO_FLIP, NO_FLIP,
        ACCEPT, ACCEPT, DECLINE, KEEP_IN_TOUCH,
        ACCEPT, ACCEPT, DECLINE, KEEP_IN_TOUCH,
    ],
    dtype=np.int8,
)  # fmt: skip

_SCALE = RATING_MAX - RATING_MIN
_T = TypeVar("_T")
_TEXT_FIELDS: tuple[TextField, ...] = ("label", "short", "question", "help_low", "help_high")
_RESERVED_NAMES = frozenset({"offer", *VERDICT_COLUMNS, "explanation", "dealbreakers"})


@dataclass(frozen=True)
class Term:
    """One row of the feature matrix: ``(a0 + a1·x[u]) · (b0 + b1·x[v])``.

    ``v`` is -1 for a term of one rating. ``owner`` is the factor whose contribution
    the term belongs to; ``partner`` is the other factor of a paired term (-1 for a
    factor's own term). The coefficient is ``sign · ŵ[owner]`` for an own term and
    ``sign · scale · min(ŵ[owner], ŵ[partner])`` for a paired one: a caveat's cut
    (sign −1) or the desire's relief of a cost (sign +1, scale = relief).
    """

    owner: int
    partner: int
    sign: float
    u: int
    a0: float
    a1: float
    v: int = -1
    b0: float = 1.0
    b1: float = 0.0
    scale: float = 1.0

    @property
    def cancels(self) -> bool:
        """Whether this is a caveat's cut of its reason (what the reason lost)."""
        return self.partner >= 0 and self.sign < 0


@dataclass(frozen=True)
class Scores:
    """Everything the kernel computes for n offers, as plain arrays."""

    score: np.ndarray  # (n,)
    contributions: np.ndarray  # (K, n), columns sum to score
    verdict: np.ndarray  # (n,) int8 index into VERDICTS
    borderline: np.ndarray  # (n,) bool
    flips_to: np.ndarray  # (n,) int8 index into VERDICTS, NO_FLIP where nothing flips
    cancelled: np.ndarray | None = None  # (K, n) what each reason lost to its caveat


@dataclass(frozen=True)
class Model:
    """The decision model: a factor table and the verdict rules, as one value.

    Build one from :data:`DEFAULT_MODEL` with :meth:`replace` or from factors of
    your own; every function of the package takes ``model=`` and reads the
    factors, pairings, weights, colours and labels from it. Checked once, here.
    """

    factors: tuple[Factor, ...] = DEFAULT_FACTORS
    #: The factor whose rating makes the costs weigh less ("how much you want it").
    desire: str | None = "interest"
    #: Share of the costs that a desire of 10 takes away (0: none, 1: all).
    relief: float = 0.55
    #: The factor whose rating turns a decline into "decline, keep in touch".
    keep_in_touch: str | None = "doors"
    keep_in_touch_from: float = 6.5
    accept_above: float = 1e-9
    weight_step: float = 0.25
    rating_step: float = 1.0
    #: Hard limits: an invitation that breaks one is never ``accept``.
    dealbreakers: tuple[Dealbreaker, ...] = ()
    #: Where the model was read from (a model file), for messages; None if built in code.
    source: str | None = None
    _cache: dict[str, object] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "factors", tuple(self.factors))
        object.__setattr__(self, "dealbreakers", tuple(self.dealbreakers))
        problems = list(_structure_problems(self))
        if problems:
            raise ModelError(problems)

    def __copy__(self) -> Model:
        return self  # a value: immutable, so a copy is the model itself

    def __deepcopy__(self, memo: dict[int, object]) -> Model:
        return self

    def __hash__(self) -> int:
        return hash((self.names, tuple(self.default_weights.values()), self.relief))

    @classmethod
    def from_toml(cls, path: str | PathLike[str]) -> Model:
        """Read a model file (TOML): see :func:`interview_lab.load_model`."""
        return _READERS["toml"](path)

    def replace(self, **changes: object) -> Model:
        """Return a copy with some fields changed, checked like a new model."""
        return replace(self, **changes)  # type: ignore[arg-type]

    # --- the factor table -----------------------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        """Factor names, in table order."""
        return self._cached("names", lambda: tuple(f.name for f in self.factors))

    @property
    def index(self) -> Mapping[str, int]:
        """Position of each factor by name."""
        return self._cached(
            "index", lambda: MappingProxyType({n: j for j, n in enumerate(self.names)})
        )

    def factor(self, name: str) -> Factor:
        """Return the factor called ``name``."""
        return self.factors[self.index[name]]

    def __iter__(self) -> Iterator[Factor]:
        return iter(self.factors)

    def __len__(self) -> int:
        return len(self.factors)

    @property
    def default_weights(self) -> Mapping[str, float]:
        """Each factor's default priority, read-only."""
        return self._cached(
            "default_weights",
            lambda: MappingProxyType({f.name: float(f.weight) for f in self.factors}),
        )

    @property
    def colours(self) -> Mapping[str, str]:
        """Each factor's chart colour."""
        return MappingProxyType({f.name: f.colour for f in self.factors})

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Each reason with the caveat that cancels it, in table order."""
        return tuple((f.name, f.cancelled_by) for f in self.factors if f.cancelled_by)

    @property
    def reliefs(self) -> tuple[tuple[str, str], ...]:
        """Each cost with the desire that relieves it (none when relief is 0)."""
        if self.desire is None or self.relief == 0:
            return ()
        return tuple(
            (f.name, self.desire) for f in self.factors
            if f.direction == "cost" and f.name != self.desire
        )  # fmt: skip

    def partners(self, name: str) -> tuple[str, ...]:
        """Return the factors whose weight meets ``name``'s in a ``min``: pairs and reliefs."""
        return tuple(
            other for first, second in (*self.pairs, *self.reliefs) for this, other in
            ((first, second), (second, first)) if this == name
        )  # fmt: skip

    def role(self, name: str) -> Literal["baseline", "reason", "caveat", "cost"]:
        """Return what a factor is in the decision: a reason, a caveat, a cost or the baseline."""
        factor = self.factor(name)
        if factor.cancelled_by:
            return "reason"
        if any(caveat == name for _, caveat in self.pairs) and factor.direction == "cost":
            return "caveat"
        return "cost" if factor.direction == "cost" else "baseline"

    def cancels_when_low(self, name: str) -> bool:
        """Whether ``name`` cancels a reason when it is rated *low* (a benefit caveat)."""
        return self.factor(name).direction == "benefit" and any(
            caveat == name for _, caveat in self.pairs
        )

    @property
    def chart_order(self) -> tuple[str, ...]:
        """Factors in table order, each reason next to the factor that cancels it."""
        placed: list[str] = []
        for name in self.names:
            paired = [b if a == name else a for a, b in self.pairs if name in (a, b)]
            for member in (name, *paired):
                if member not in placed:
                    placed.append(member)
        return tuple(placed)

    @property
    def benefit(self) -> np.ndarray:
        """Boolean mask (K,): which factors are benefits."""
        return np.array([f.direction == "benefit" for f in self.factors])

    @property
    def result_columns(self) -> tuple[str, ...]:
        """Columns :func:`interview_lab.evaluate` adds, in order."""
        return (
            *VERDICT_COLUMNS,
            *(("dealbreakers",) if self.dealbreakers else ()),
            *(f"contribution_{name}" for name in self.names),
            "explanation",
        )

    # --- weights ------------------------------------------------------------------

    def resolve_weights(
        self, weights: Mapping[str, object] | None = None, source: object = "weights"
    ) -> dict[str, float]:
        """Complete, validated weights: ``weights`` over the model's defaults."""
        return check_weights(weights, self.names, self.default_weights, source=source)

    def weight_vector(self, weights: Mapping[str, object] | None = None) -> np.ndarray:
        """Complete raw weights (K,) in table order."""
        resolved = self.resolve_weights(weights)
        return np.array([resolved[name] for name in self.names], dtype=float)

    def normalise(self, weights: Mapping[str, object] | np.ndarray | None = None) -> np.ndarray:
        """Weights as an array in table order, scaled to sum to one (rows, for 2-D input)."""
        vector = (
            np.asarray(weights, dtype=float)
            if isinstance(weights, np.ndarray)
            else self.weight_vector(weights)
        )
        normalised: np.ndarray = vector / vector.sum(axis=-1, keepdims=True)
        return normalised

    # --- the formula ----------------------------------------------------------------

    @property
    def terms(self) -> tuple[Term, ...]:
        """The feature rows whose weighted sum is the score (see :class:`Term`)."""
        return self._cached("terms", self._build_terms)

    def _build_terms(self) -> tuple[Term, ...]:
        index = self.index
        terms = []
        for j, f in enumerate(self.factors):
            sign = 1.0 if f.direction == "benefit" else -1.0
            terms.append(Term(owner=j, partner=-1, sign=sign, u=j, a0=-f.neutral, a1=1.0))
        for cost, desire in self.reliefs:
            j, k = index[cost], index[desire]
            neutral = self.factors[j].neutral
            terms.append(Term(j, k, 1.0, j, -neutral, 1.0, k, 0.0, 1.0 / _SCALE, self.relief))
        for j, f in enumerate(self.factors):
            if f.cancelled_by is None:
                continue
            k = index[f.cancelled_by]
            if self.factors[k].direction == "cost":
                strength = (0.0, 1.0 / _SCALE)  # the higher the caveat, the more it cancels
            else:
                strength = (RATING_MAX / _SCALE, -1.0 / _SCALE)  # the lower, the more
            terms.append(Term(j, k, -1.0, j, 0.0, 1.0, k, *strength))
        return tuple(terms)

    def features(self, cols: np.ndarray) -> np.ndarray:
        """Feature rows (R, n) of ratings ``cols`` (K, n) on the 0-10 scale."""
        out = np.empty((len(self.terms), cols.shape[1]))
        self._features_into(cols, out, np.empty(cols.shape[1]))
        return out

    def _features_into(self, cols: np.ndarray, out: np.ndarray, scratch: np.ndarray) -> None:
        """Write :meth:`features` into ``out``, with ``scratch`` (n,) for the second factor."""
        for r, t in enumerate(self.terms):
            row = out[r]
            np.multiply(cols[t.u], t.a1, out=row)
            if t.a0:
                row += t.a0
            if t.v >= 0:
                np.multiply(cols[t.v], t.b1, out=scratch)
                if t.b0:
                    scratch += t.b0
                row *= scratch

    def coefficients(self, w: np.ndarray) -> np.ndarray:
        """Coefficients (m, R) of :meth:`features` for normalised weights ``w`` (m, K)."""
        w = np.atleast_2d(w)
        out = np.empty((w.shape[0], len(self.terms)))
        for r, t in enumerate(self.terms):
            if t.partner < 0:
                out[:, r] = t.sign * w[:, t.owner]
            else:
                out[:, r] = (t.sign * t.scale) * np.minimum(w[:, t.owner], w[:, t.partner])
        return out

    def slopes(self, cols: np.ndarray, w: np.ndarray) -> np.ndarray:
        """Return d score / d rating (K, n) at normalised weights ``w`` (K,), exactly."""
        out = np.empty_like(cols, dtype=float)
        self._slopes_into(cols, self.coefficients(w)[0], out, np.empty(cols.shape[1]))
        return out

    def _slopes_into(
        self, cols: np.ndarray, coefficients: np.ndarray, out: np.ndarray, scratch: np.ndarray
    ) -> None:
        """Write :meth:`slopes` into ``out`` (K, n), with ``scratch`` (n,).

        Each row is the sum, in term order from zero, of the terms' partial
        derivatives; a row's leading constants are added as numbers before the row
        is filled, so no pass over the offers adds a constant.
        """
        pending: list[np.float64 | None] = [np.float64(0.0)] * len(out)  # None: row filled

        def add(row: int, part: np.ndarray) -> None:
            start = pending[row]
            if start is not None:
                out[row].fill(start)
                pending[row] = None
            out[row] += part

        for c, t in zip(coefficients, self.terms, strict=True):
            if c == 0:
                continue
            if t.v < 0:
                start = pending[t.u]
                if start is None:
                    out[t.u] += c * t.a1
                else:
                    pending[t.u] = start + c * t.a1
                continue
            for j, other, inner, outer in ((t.u, t.v, (t.b1, t.b0), c * t.a1),
                                           (t.v, t.u, (t.a1, t.a0), c * t.b1)):  # fmt: skip
                np.multiply(cols[other], inner[0], out=scratch)
                scratch += inner[1]  # even a zero: 0 + (−0.0) is +0.0, as before
                scratch *= outer
                add(j, scratch)
        for row, start in enumerate(pending):
            if start is not None:
                out[row].fill(start)

    def scores(self, w: np.ndarray, features: np.ndarray) -> np.ndarray:
        """Scores (m, n) of offers with ``features`` (R, n) under normalised weights (m, K)."""
        scores: np.ndarray = self.coefficients(w) @ features
        return scores

    def kinks(self, raw: np.ndarray, name: str) -> list[float]:
        """Raw weights of ``name`` at which a coefficient kinks (its partners' weights)."""
        return sorted({float(raw[self.index[p]]) for p in self.partners(name)} - {0.0})

    # --- verdicts -----------------------------------------------------------------------

    def keeps_in_touch(self, cols: np.ndarray, w: np.ndarray) -> np.ndarray:
        """Keep-in-touch test (n,), or (m, n) for weights (m, K): doors high and weighted."""
        if self.keep_in_touch is None:
            return np.zeros((*np.shape(w)[:-1], cols.shape[1]), dtype=bool)
        j = self.index[self.keep_in_touch]
        weighted = np.asarray(w)[..., j] > 0
        high: np.ndarray = cols[j] >= self.keep_in_touch_from
        if np.ndim(weighted) == 0:
            return high & bool(weighted)
        result: np.ndarray = weighted[:, None] & high[None, :]
        return result

    def verdict_codes(self, score: np.ndarray, keeps_in_touch: np.ndarray) -> np.ndarray:
        """Verdict codes (int8) from scores and the keep-in-touch test, any shape."""
        codes = np.where(keeps_in_touch, KEEP_IN_TOUCH, DECLINE).astype(np.int8)
        codes[score > self.accept_above] = ACCEPT
        return codes

    def verdicts(self, cols: np.ndarray, w: np.ndarray) -> np.ndarray:
        """Verdict codes (m, n) of ratings ``cols`` (K, n) under normalised weights (m, K)."""
        w = np.atleast_2d(w)
        return self.verdict_codes(self.scores(w, self.features(cols)), self.keeps_in_touch(cols, w))

    # --- the kernel ---------------------------------------------------------------------

    def to_scale(self, values: np.ndarray) -> np.ndarray:
        """Map each factor's own scale onto 0-10 (rows (K, n)); a view when nothing maps."""
        lows = np.array([f.low for f in self.factors])
        highs = np.array([f.high for f in self.factors])
        if np.all(lows == RATING_MIN) and np.all(highs == RATING_MAX):
            return values
        mapped: np.ndarray = (values - lows[:, None]) * (_SCALE / (highs - lows))[:, None]
        return mapped + RATING_MIN

    def score(
        self, cols: np.ndarray, w: np.ndarray, *, cancelled: bool = False, block: int = BLOCK
    ) -> Scores:
        """Score validated ratings ``cols`` (K, n, on 0-10) with normalised weights ``w`` (K,).

        The bare kernel: no validation (:func:`interview_lab.evaluate` is the checked
        entry point). It runs over blocks of offers so that its temporaries stay small,
        and it reuses them from block to block.
        """
        cols = np.asarray(cols, dtype=float)
        w = np.asarray(w, dtype=float)
        k, n = cols.shape
        score = np.empty(n)
        contributions = np.empty((k, n))
        verdict = np.empty(n, dtype=np.int8)
        borderline = np.empty(n, dtype=bool)
        flips_to = np.empty(n, dtype=np.int8)
        lost = np.zeros((k, n)) if cancelled else None
        coefficients = self.coefficients(w)[0]
        perturbed = self._perturbed_weights(w)
        perturbed_coefficients = self.coefficients(perturbed)
        work = None
        for start in range(0, n, block):
            part = slice(start, min(start + block, n))
            size = part.stop - part.start
            if work is None or work.size != size:
                work = _Workspace(len(self.terms), len(perturbed), k, size)
            self._score_block(
                cols[:, part], w, coefficients, perturbed_coefficients,
                score[part], contributions[:, part], verdict[part], borderline[part],
                flips_to[part], None if lost is None else lost[:, part], work=work,
            )  # fmt: skip
        return Scores(score, contributions, verdict, borderline, flips_to, lost)

    def _perturbed_weights(self, w: np.ndarray) -> np.ndarray:
        """Return the 2K weight vectors of the borderline check (one weight ×0.75/×1.25)."""
        eye = np.eye(len(w))
        factors = np.concatenate([1 - eye * self.weight_step, 1 + eye * self.weight_step])
        perturbed: np.ndarray = w * factors
        perturbed /= perturbed.sum(axis=1, keepdims=True)
        return perturbed

    def _score_block(
        self,
        cols: np.ndarray,
        w: np.ndarray,
        coefficients: np.ndarray,
        perturbed_coefficients: np.ndarray,
        score: np.ndarray,
        contributions: np.ndarray,
        verdict: np.ndarray,
        borderline: np.ndarray,
        flips_to: np.ndarray,
        lost: np.ndarray | None,
        *,
        work: _Workspace | None = None,
    ) -> None:
        """Score one block into the output views; ``work`` holds reusable scratch arrays.

        Every number is computed with the same operations, in the same order, as the
        plain formulas (:meth:`features`, :meth:`slopes`, ``coefficients @ features``),
        only into arrays that already exist.
        """
        size = cols.shape[1]
        if work is None or work.size != size:
            work = _Workspace(len(self.terms), len(perturbed_coefficients), len(cols), size)
        features, row = work.features, work.row
        self._features_into(cols, features, row)

        # Each contribution is the sum, from zero, of its terms' coefficient × feature.
        started = [False] * len(contributions)
        for r, (c, t) in enumerate(zip(coefficients, self.terms, strict=True)):
            if c == 0:
                continue
            if t.cancels and lost is not None:
                np.multiply(features[r], -c, out=lost[t.owner])
            target = contributions[t.owner]
            if started[t.owner]:
                np.multiply(features[r], c, out=row)
                target += row
            else:
                np.multiply(features[r], c, out=target)
                target += 0.0  # 0 + x: a −0.0 term gives +0.0, as a sum from zero does
                started[t.owner] = True
        for owner, begun in enumerate(started):
            if not begun:
                contributions[owner].fill(0.0)
        np.sum(contributions, axis=0, out=score)
        accepted, in_touch = work.accepted, work.in_touch
        threshold = self.accept_above
        np.greater(score, threshold, out=accepted)
        if self.keep_in_touch is None or not w[self.index[self.keep_in_touch]] > 0:
            in_touch.fill(False)
        else:
            doors = cols[self.index[self.keep_in_touch]]
            np.greater_equal(doors, self.keep_in_touch_from, out=in_touch)
        # Verdict and flips_to by table lookup on a few bits: masked copies are slower.
        code = work.code
        np.left_shift(accepted.view(np.uint8), 1, out=code)
        code |= in_touch.view(np.uint8)
        np.take(_VERDICT_OF, code, out=verdict)

        # Weight changes: 2K weight vectors, one matrix product. Rating changes: the
        # score is affine in each rating, so slope × step is exact. max(a, −b) over
        # the factors is the larger of max(a) and −min(b): no elementwise pass.
        lowest, highest, shift = work.lowest, work.highest, work.shift
        # In slices small enough for one BLAS thread: waking helper threads for a
        # product this small costs more than it saves, most of all on a busy machine.
        perturbed = work.perturbed
        width = max(1, _ONE_THREAD_PRODUCT // perturbed_coefficients.size)
        for start in range(0, size, width):
            part = slice(start, start + width)
            np.matmul(perturbed_coefficients, features[:, part], out=perturbed[:, part])
        np.min(work.perturbed, axis=0, out=lowest)
        np.max(work.perturbed, axis=0, out=highest)
        slopes, room, up, down = work.slopes, work.room, work.up, work.down
        self._slopes_into(cols, coefficients, slopes, row)
        step = self.rating_step
        np.subtract(RATING_MAX, cols, out=room)
        np.minimum(room, step, out=room)
        np.multiply(slopes, room, out=up)  # slope × room up
        if RATING_MIN == 0.0:  # x − 0 is x
            np.minimum(cols, step, out=room)
        else:
            np.subtract(cols, RATING_MIN, out=room)
            np.minimum(room, step, out=room)
        np.multiply(slopes, room, out=down)  # slope × room down (the change is −this)
        np.max(up, axis=0, out=shift)
        np.min(down, axis=0, out=row)
        np.negative(row, out=row)
        np.maximum(shift, row, out=shift)  # the largest gain
        np.add(score, shift, out=shift)
        np.maximum(highest, shift, out=highest)
        np.min(up, axis=0, out=shift)
        np.max(down, axis=0, out=row)
        np.negative(row, out=row)
        np.minimum(shift, row, out=shift)  # the largest loss
        np.add(score, shift, out=shift)
        np.minimum(lowest, shift, out=lowest)
        flag = work.flag
        np.less_equal(lowest, threshold, out=borderline)
        borderline &= accepted  # an accept that a change can undo
        np.greater(highest, threshold, out=flag)
        np.greater(flag, accepted, out=flag)  # a decline that a change can make go
        borderline |= flag

        # flips_to: across go / don't-go for a close call; else keep in touch <-> decline.
        self._door_flips(cols, w, in_touch, out=flag, scratch=row, spare=work.spare)
        np.left_shift(borderline.view(np.uint8), 1, out=code)
        code |= flag.view(np.uint8)
        code <<= 2
        np.left_shift(accepted.view(np.uint8), 1, out=flag.view(np.uint8))
        code |= flag.view(np.uint8)
        code |= in_touch.view(np.uint8)
        np.take(_FLIPS_TO_OF, code, out=flips_to)

    def block_accept(
        self, scores: Scores, cols: np.ndarray, w: np.ndarray, blocked: np.ndarray
    ) -> None:
        """Apply deal-breakers to ``scores`` in place: a ``blocked`` offer is never accepted.

        Its score and contributions stay; its verdict is what declining would be
        (keep in touch or decline), no small change can make it go, so it is never
        borderline, and ``flips_to`` keeps only a keep in touch <-> decline flip.
        """
        if not blocked.any():
            return
        rows = np.flatnonzero(blocked)
        part = np.ascontiguousarray(cols[:, rows])
        in_touch = self.keeps_in_touch(part, w)
        scores.verdict[rows] = np.where(in_touch, KEEP_IN_TOUCH, DECLINE)
        scores.borderline[rows] = False
        door_flips = self._door_flips(part, w, in_touch)
        other = np.where(in_touch, DECLINE, KEEP_IN_TOUCH)
        scores.flips_to[rows] = np.where(door_flips, other, NO_FLIP)

    def _door_flips(
        self,
        cols: np.ndarray,
        w: np.ndarray,
        in_touch: np.ndarray,
        *,
        out: np.ndarray | None = None,
        scratch: np.ndarray | None = None,
        spare: np.ndarray | None = None,
    ) -> np.ndarray:
        """Whether one doors rating step changes the keep-in-touch test (into ``out``)."""
        flips = np.empty(cols.shape[1], dtype=bool) if out is None else out
        if self.keep_in_touch is None or w[self.index[self.keep_in_touch]] <= 0:
            flips.fill(False)
            return flips
        doors = cols[self.index[self.keep_in_touch]]
        line = self.keep_in_touch_from
        moved = np.subtract(doors, self.rating_step, out=scratch)
        np.maximum(moved, RATING_MIN, out=moved)
        np.less(moved, line, out=flips)  # down: leaves the line
        flips &= in_touch
        np.add(doors, self.rating_step, out=moved)
        np.minimum(moved, RATING_MAX, out=moved)
        up = np.greater_equal(moved, line, out=spare)  # up: reaches it
        np.greater(up, in_touch, out=up)  # and was not in touch
        flips |= up
        return flips

    # --- helpers --------------------------------------------------------------------------

    def _cached(self, key: str, make: Callable[[], _T]) -> _T:
        if key not in self._cache:
            self._cache[key] = make()
        return cast(_T, self._cache[key])


class _Workspace:
    """Scratch arrays for scoring blocks of ``size`` offers, reused block after block.

    Fresh temporaries for every block would cost new memory pages each time (the
    allocator hands large blocks back to the system); these are touched once.
    """

    def __init__(self, terms: int, perturbed: int, factors: int, size: int) -> None:
        self.size = size
        self.features = np.empty((terms, size))
        self.perturbed = np.empty((perturbed, size))
        self.slopes = np.empty((factors, size))
        self.room = np.empty((factors, size))
        self.up = np.empty((factors, size))
        self.down = np.empty((factors, size))
        self.row = np.empty(size)
        self.lowest = np.empty(size)
        self.highest = np.empty(size)
        self.shift = np.empty(size)
        self.accepted = np.empty(size, dtype=bool)
        self.in_touch = np.empty(size, dtype=bool)
        self.flag = np.empty(size, dtype=bool)
        self.spare = np.empty(size, dtype=bool)
        self.code = np.empty(size, dtype=np.uint8)


def _structure_problems(model: Model) -> Iterator[Message]:
    """Every reason the model's factor table or rules are not a valid model."""
    source = Message("core.where.model")  # checked when rendered: import reads no texts
    names = [f.name for f in model.factors]
    if not names:
        yield message("core.model.no_factors", source=source)
        return
    for f in model.factors:
        where = Message("core.model.factor", {"name": f.name})  # made for every factor
        if not isinstance(f.name, str) or not f.name.strip():
            yield message("core.model.empty_name", source=source)
        elif f.name in _RESERVED_NAMES or f.name.startswith("contribution_"):
            yield message("core.model.reserved_name", where=where)
        if names.count(f.name) > 1:
            yield message("core.model.repeated_factor", where=where)
        if f.direction not in ("benefit", "cost"):
            yield message("core.model.bad_direction", where=where, value=shown(f.direction))
        if not (math.isfinite(f.low) and math.isfinite(f.high) and f.low < f.high):
            yield message("core.model.bad_scale", where=where, low=f.low, high=f.high)
        if not (math.isfinite(f.weight) and f.weight >= 0):
            yield message("core.model.bad_weight", where=where, value=shown(f.weight))
        if f.cancelled_by is not None:
            if f.cancelled_by == f.name:
                yield message("core.model.cancels_itself", where=where)
            elif f.cancelled_by not in names:
                yield message(
                    "core.model.unknown_caveat",
                    where=where,
                    value=shown(f.cancelled_by),
                    names=quoted_all(names),
                )
    by_name = {f.name: f for f in model.factors}
    for f in model.factors:  # a caveat that is itself cancelled would chain pairings
        seen = [f.name]
        caveat = f.cancelled_by
        while caveat in by_name and caveat not in seen:
            seen.append(caveat)
            caveat = by_name[caveat].cancelled_by
        if caveat is not None and caveat in seen:
            chain = Joined(tuple(quoted(name) for name in [*seen, caveat]))
            yield message(
                "core.model.cycle", where=message("core.model.factor", name=f.name), chain=chain
            )
            break
    if not any(f.weight > 0 for f in model.factors):
        yield message("core.model.all_zero", source=source)
    for rule, name in (("desire", model.desire), ("keep_in_touch", model.keep_in_touch)):
        if name is not None and (name not in by_name or by_name[name].direction != "benefit"):
            yield message("core.model.bad_rule_factor", source=source, rule=rule, value=shown(name))
    relief = model.relief
    if isinstance(relief, bool) or not isinstance(relief, int | float) or not 0 <= relief <= 1:
        yield message("core.model.bad_relief", source=source, value=shown(model.relief))
    for k, dealbreaker in enumerate(model.dealbreakers):
        where = message("core.model.dealbreaker", n=k + 1, column=str(dealbreaker.column))
        yield from dealbreaker.problems(where)


#: The six factors and verdict rules of ``shared/domain.md``.
DEFAULT_MODEL = Model()
#: Views of :data:`DEFAULT_MODEL`, kept for code written against module constants.
DEFAULT_WEIGHTS: Mapping[str, float] = DEFAULT_MODEL.default_weights
FACTORS: tuple[Factor, ...] = DEFAULT_MODEL.factors
FACTOR_NAMES: tuple[str, ...] = DEFAULT_MODEL.names
RESULT_COLUMNS: tuple[str, ...] = DEFAULT_MODEL.result_columns


#: How model files are read; the reader lives in core.model_file, which imports this
#: module and registers itself (so this module needs no import of it).
_READERS: dict[str, Callable[[str | PathLike[str]], Model]] = {}


def register_reader(reader: Callable[[str | PathLike[str]], Model], kind: str = "toml") -> None:
    """Make ``reader`` the one that :meth:`Model.from_toml` uses."""
    _READERS[kind] = reader


def check_model(model: object) -> Model:
    """Return ``model`` if it is a :class:`Model` (None: the default), else raise."""
    if model is None:
        return DEFAULT_MODEL
    if not isinstance(model, Model):
        raise ModelError(
            message(
                "core.model.not_a_model",
                source=message("core.where.model"),
                kind=type(model).__name__,
            )
        )
    return model


def factor_table(lang: str = "en", model: Model | None = None) -> pd.DataFrame:
    """Return the model's factor table, one row per factor, texts in ``lang``.

    Columns: ``factor, direction, role, pairs_with, weight, low, high, colour, label,
    short, question, help_low, help_high``.
    """
    language = check_language(lang)
    with errors_in(language):
        model = check_model(model)
    return pd.DataFrame(
        [
            {
                "factor": f.name,
                "direction": f.direction,
                "role": model.role(f.name),
                "pairs_with": ", ".join(model.partners(f.name)) or None,
                "weight": f.weight,
                "low": f.low,
                "high": f.high,
                "colour": f.colour,
                **{text: f.text(text, language) for text in _TEXT_FIELDS},
            }
            for f in model.factors
        ]
    )


__all__: Sequence[str] = [
    "ACCEPT",
    "DECLINE",
    "DEFAULT_MODEL",
    "DEFAULT_WEIGHTS",
    "FACTORS",
    "FACTOR_NAMES",
    "KEEP_IN_TOUCH",
    "NO_FLIP",
    "RESULT_COLUMNS",
    "VERDICTS",
    "VERDICT_DTYPE",
    "Model",
    "Scores",
    "Term",
    "check_model",
    "factor_table",
]
