"""Benchmark learning priorities: simulated people answer the questionnaire and past decisions.

Run ``python benchmarks/bench_priorities.py`` (``--people 20`` for a quick look). Each
simulated person has hidden priorities drawn at random: every weight uniform from 0 to
its slider maximum (5), "any setting of the sliders", the distribution the
questionnaire's prior also assumes. They answer through the model (go when their
hidden weights say accept), with a share of answers flipped at random (10 %). Scored
against their go / don't-go on 300 fresh random invitations (``il.random_offers``):

* after at most 8 questions: the learned weights' agreement (median), beside the default
  priorities' (the baseline) and beside the best any learner could do with the same
  answers: the majority vote of every weighting consistent with them (of a large
  independent sample from the same prior, those that break the fewest answers);
* with 5 real invitations given: how often their verdicts under the learned weights
  equal the hidden person's (per invitation, and all five at once), after how many
  questions (median);
* from 10 random past decisions: the learned weights' agreement (median);
* a planted contradiction (an invitation the person went to and one at least as good
  in every factor that they declined, among the 10 past decisions) named in every run,
  and no contradiction for people who answer without noise (questionnaire and history);
* time to choose the next question (``done`` + ``next_question``), median and maximum.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

import interview_lab as il
from interview_lab.analysis.priorities import (
    Questionnaire,
    agreement_with,
    prior_weights,
    weights_from_history,
)

MODEL = il.DEFAULT_MODEL
FLIP = 0.1
FRESH = 300
BOUND_SAMPLES = 200_000


def hidden_people(count: int, seed: int) -> np.ndarray:
    """Hidden priorities (count, K): each weight uniform from 0 to its slider maximum."""
    highs = np.array([f.weight_max for f in MODEL.factors])
    weights: np.ndarray = np.random.default_rng(seed).uniform(0, 1, (count, len(highs))) * highs
    return weights


def says_go(weights: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Go / don't-go (m,) of one weighting (K,) on invitations (K, m) on 0-10."""
    result: np.ndarray = (MODEL.coefficients(MODEL.normalise(weights)) @ MODEL.features(cols))[
        0
    ] > MODEL.accept_above
    return result


def person(weights: np.ndarray, flip: float, rng: np.random.Generator) -> Callable[..., bool]:
    """Return how the person answers a question (a one-row table): noisy go / don't-go."""

    def answer(question: pd.DataFrame) -> bool:
        cols = MODEL.to_scale(question[list(MODEL.names)].to_numpy(float).T)
        go = bool(says_go(weights, cols)[0])
        return (not go) if rng.random() < flip else go

    return answer


def columns(table: pd.DataFrame) -> np.ndarray:
    """Ratings (K, m) on 0-10 of a table of invitations."""
    return np.asarray(MODEL.to_scale(table[list(MODEL.names)].to_numpy(float).T))


class Bound:
    """The vote of every weighting consistent with a person's answers (fewest broken)."""

    def __init__(self, fresh: np.ndarray, seed: int) -> None:
        sample = prior_weights(MODEL, BOUND_SAMPLES, np.random.default_rng(seed))
        self.coefficients = MODEL.coefficients(sample)
        self.fresh_features = MODEL.features(fresh)

    def agreement(
        self, asked: np.ndarray, answers: np.ndarray, truth: np.ndarray
    ) -> tuple[float, float]:
        """Agreement of the consistent weightings' vote, and of the noise-aware Bayes vote."""
        said = self.coefficients @ MODEL.features(asked) > MODEL.accept_above
        broken = (said != answers).sum(axis=1)
        likely = broken <= broken.min() + 3  # the rest weigh less than (1/9)^4 of these
        votes = self.coefficients[likely] @ self.fresh_features > MODEL.accept_above
        consistent = broken[likely] == broken.min()
        vote = votes[consistent].mean(axis=0) > 0.5
        p = (FLIP / (1 - FLIP)) ** (broken[likely] - broken.min())
        bayes = (p @ votes) / p.sum() > 0.5
        return float(np.mean(vote == truth)), float(np.mean(bayes == truth))


def questionnaire_runs(
    people: np.ndarray, fresh: np.ndarray, flip: float, bound: Bound | None, seed: int
) -> dict[str, list[float]]:
    """Run the questionnaire (no real invitations) for every person."""
    rng = np.random.default_rng(seed)
    found: dict[str, list[float]] = {
        "learned": [], "default": [], "bound": [], "bayes": [], "questions": [], "seconds": [],
        "contradicted": [],
    }  # fmt: skip
    default = MODEL.weight_vector()
    for weights in people:
        answer = person(weights, flip, rng)
        truth = says_go(weights, fresh)
        q = Questionnaire(model=MODEL, seed=0)
        while True:
            start = time.perf_counter()
            if q.done:
                break
            question = q.next_question()
            found["seconds"].append(time.perf_counter() - start)
            q.answer(answer(question))
        found["learned"].append(agreement_with(q.weights, fresh, truth, MODEL))
        found["default"].append(agreement_with(default, fresh, truth, MODEL))
        found["questions"].append(q.answered)
        found["contradicted"].append(bool(q.contradictions))
        if bound is not None:
            table = q.answers
            said = table["answer"].to_numpy()
            kept = said != "skip"
            vote, bayes = bound.agreement(columns(table[kept]), said[kept] == "go", truth)
            found["bound"].append(vote)
            found["bayes"].append(bayes)
    return found


def real_invitation_runs(people: np.ndarray, flip: float, seed: int) -> dict[str, list[float]]:
    """Each person brings 5 real invitations; their verdicts are what counts."""
    rng = np.random.default_rng(seed)
    found: dict[str, list[float]] = {"right": [], "all_right": [], "questions": []}
    for k, weights in enumerate(people):
        offers = il.random_offers(5, seed=10_000 + k)
        answer = person(weights, flip, rng)
        truth = says_go(weights, columns(offers))
        q = Questionnaire(offers, model=MODEL, seed=0)
        while not q.done:
            q.answer(answer(q.next_question()))
        learned = says_go(MODEL.weight_vector(q.weights), columns(offers))
        found["right"].append(float(np.mean(learned == truth)))
        found["all_right"].append(float(np.all(learned == truth)))
        found["questions"].append(q.answered)
    return found


def history_runs(
    people: np.ndarray, fresh: np.ndarray, flip: float, seed: int, plant: bool
) -> dict[str, list[float]]:
    """Learn from 10 random past decisions (plus, if ``plant``, a contradictory pair)."""
    rng = np.random.default_rng(seed)
    found: dict[str, list[float]] = {"learned": [], "named": [], "contradicted": []}
    for k, weights in enumerate(people):
        past = il.random_offers(10, seed=20_000 + k)
        went = says_go(weights, columns(past))
        went ^= rng.random(len(went)) < flip
        table = past.assign(decision=np.where(went, "go", "no"))
        if plant:
            worse = il.random_offers(1, seed=30_000 + k)
            better = worse.copy()
            for f in MODEL.factors:  # at least as good in every factor
                step = rng.uniform(0, 2)
                better[f.name] = np.clip(
                    worse[f.name] + (step if f.direction == "benefit" else -step), 0, 10
                ).round(1)
            planted = pd.concat([worse.assign(decision="go"), better.assign(decision="no")])
            planted.index = pd.Index(["went", "declined"])
            table = pd.concat([table, planted])
        learned = weights_from_history(table, MODEL, seed=0)
        found["learned"].append(
            agreement_with(learned.weights, fresh, says_go(weights, fresh), MODEL)
        )
        found["named"].append(float({"went", "declined"} in learned.contradictions))
        found["contradicted"].append(float(bool(learned.contradictions)))
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200, help="simulated people (default 200)")
    parser.add_argument("--no-bound", action="store_true", help="skip the upper bound")
    args = parser.parse_args(argv)
    n = args.people
    fresh = columns(il.random_offers(FRESH, seed=99))
    started = time.perf_counter()
    people = hidden_people(n, seed=1)
    bound = None if args.no_bound else Bound(fresh, seed=7)
    asked = questionnaire_runs(people, fresh, FLIP, bound, seed=2)
    real = real_invitation_runs(hidden_people(n, seed=3), FLIP, seed=4)
    history = history_runs(hidden_people(n, seed=5), fresh, FLIP, seed=6, plant=False)
    planted = history_runs(hidden_people(n, seed=8), fresh, FLIP, seed=9, plant=True)
    clean_asked = questionnaire_runs(hidden_people(n, seed=10), fresh, 0.0, None, seed=11)
    clean_history = history_runs(hidden_people(n, seed=12), fresh, 0.0, seed=13, plant=False)
    ms = np.array(asked["seconds"]) * 1e3
    median = np.median
    bound_text = (
        "skipped"
        if bound is None
        else f"{median(asked['bound']):.3f}"
        f"   (learned minus this {median(asked['learned']) - median(asked['bound']):+.3f})"
    )
    bayes_text = (
        "skipped"
        if bound is None
        else f"{median(asked['bayes']):.3f}"
        f"   (learned minus this {median(asked['learned']) - median(asked['bayes']):+.3f})"
    )
    lines = [
        f"know your priorities: {n} simulated people per case, {FLIP:.0%} of answers flipped,",
        (
            f"scored on {FRESH} fresh random invitations "
            f"(seconds in all: {time.perf_counter() - started:.0f})"
        ),
        (
            "questionnaire, no real invitations, at most 8 questions "
            f"(median {median(asked['questions']):.0f} asked):"
        ),
        (
            f"  learned priorities, median agreement        {median(asked['learned']):.3f}"
            "   (target >= 0.90)"
        ),
        f"    10th percentile                           {np.percentile(asked['learned'], 10):.3f}",
        (
            f"  default priorities, median agreement        {median(asked['default']):.3f}"
            "   (about 0.75)"
        ),
        f"  vote of every consistent weighting (limit)  {bound_text}",
        f"  the same, noise-aware (Bayes vote)          {bayes_text}",
        "with 5 real invitations:",
        (
            f"  verdicts equal the hidden person's          {np.mean(real['right']):.1%}"
            " of invitations   (target >= 97%)"
        ),
        f"  all five equal                              {np.mean(real['all_right']):.1%} of people",
        (
            f"  questions asked, median (mean, max)         {median(real['questions']):.0f}"
            f" ({np.mean(real['questions']):.1f}, {np.max(real['questions']):.0f})   (target <= 5)"
        ),
        "from 10 random past decisions:",
        (
            f"  learned priorities, median agreement        {median(history['learned']):.3f}"
            "   (target >= 0.86)"
        ),
        "contradictions:",
        (
            "  planted pair named                          "
            f"{int(sum(planted['named']))} of {n} runs   (target: every run)"
        ),
        (
            "  without noise, questionnaire runs with one  "
            f"{int(sum(clean_asked['contradicted']))} of {n}   (target 0)"
        ),
        (
            "  without noise, history runs with one        "
            f"{int(sum(clean_history['contradicted']))} of {n}   (target 0)"
        ),
        f"  with 10% noise, questionnaire runs with one {int(sum(asked['contradicted']))} of {n}",
        "next question (done + next_question):",
        f"  median {median(ms):.1f} ms, max {ms.max():.1f} ms   (target <= 50 ms)",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
