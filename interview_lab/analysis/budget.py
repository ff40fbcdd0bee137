"""The interview budget: which invitations to accept when hours and absences are scarce.

Someone in a full-time job can prepare only so many hours and be away only so many
times. :func:`plan` chooses, among the offers whose verdict is ``accept``, the set
with the greatest total score that fits both limits, exactly:

* an offer's value is its ``score`` (every candidate's is above zero);
* each offer needs its ``prep_hours`` of preparation (blank or no column:
  :data:`DEFAULT_PREP_HOURS`) and one interview;
* ``decline_keep_in_touch`` offers are never chosen but listed as "reply, don't go";
  ``decline`` offers are never chosen.

Exactness. Preparation is counted in whole minutes (``prep_hours`` and ``hours``
are rounded to the nearest minute, which no one plans below), so the problem is a
0/1 knapsack with two integer limits, solved by dynamic programming over (interviews,
minutes) after dividing the minutes by their greatest common divisor. Limits that
cannot bind (everything fits the hours, or there are no more candidates than
interviews) drop out of the table.

Ties. Among plans of equal total score (within :data:`TIE`), the one taking the
offers with the earliest ``date`` wins, then the offers listed first: the choice
maximises, in that order, whether each offer is in.

>>> import interview_lab as il
>>> planned = il.plan(il.load_example_offers(), hours=10, interviews=2)
>>> planned.loc[planned["chosen"], "offer"].tolist()
['Nordlicht Analytics — Data Analyst', 'Acme Corp — Junior BI Developer']
>>> planned.attrs["plan"]["hours_used"]
10.0
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from os import PathLike

import numpy as np
import pandas as pd

from ..core.errors import BudgetError, OfferDataError
from ..core.i18n import Language, check_language, errors_in, message, text
from ..core.model import VERDICTS, Model
from ..core.offers import MAX_PREP_HOURS, OFFER_COLUMN, Where, parse_optional_hours
from ..io.offers import read_source
from ..io.reading import Sheet
from ..text.explain import format_number, verdict_label
from ._common import Shown
from .evaluate import evaluate_at

#: Hours of preparation assumed for an offer whose ``prep_hours`` is blank or absent:
#: half a working day (read the role, the company, rehearse the story).
DEFAULT_PREP_HOURS = 4.0
#: Column of the preparation hours an offer needs.
PREP_COLUMN = "prep_hours"
#: Optional column of the interview's date (``2026-12-03`` or ``03.12.2026``).
DATE_COLUMN = "date"
#: Plans whose total scores differ by less than this are equally good.
TIE = 1e-9
#: Cells of the planning table (offers x interviews x minutes) beyond which planning
#: is refused: at 8 bytes a cell, this is 200 MB.
MAX_TABLE_CELLS = 25_000_000
MINUTES_PER_HOUR = 60
#: Most preparation hours a plan takes (:func:`check_hours`): 10,000 h is five years of
#: full-time work. Beyond it the minute count would lose meaning (``1e18`` h overflows).
MAX_HOURS = 10_000.0
#: Most interviews a plan takes (:func:`check_interviews`): several a working day for
#: years; a larger number is a typo.
MAX_INTERVIEWS = 10_000

#: What :func:`plan` puts in the ``action`` column.
ACTIONS: tuple[str, ...] = ("go", "reply_dont_go", "out")
ACTION_DTYPE = pd.CategoricalDtype(list(ACTIONS))
PLAN_COLUMNS: tuple[str, ...] = ("chosen", "action", "reason")

#: How a parameter is named in a message, by its Python name.
_PARAMETERS = {
    "hours": {"en": "hours", "de": "Stunden"},
    "interviews": {"en": "interviews", "de": "Gespräche"},
    "default_prep_hours": {"en": "default_prep_hours", "de": "Standard-Vorbereitungszeit"},
}


class _Name:
    """A parameter's name in the message's language (as written for anything else)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def render(self, lang: str = "en") -> str:
        return _PARAMETERS.get(self.name, {}).get(lang, self.name)


def check_hours(value: object, name: str = "hours", maximum: float = MAX_HOURS) -> float:
    """Return a preparation-hours limit as a float, or raise :class:`BudgetError`.

    Allowed are finite numbers from 0 to ``maximum`` (default :data:`MAX_HOURS`);
    the message of a larger one gives the maximum.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise BudgetError(
            message("analysis.error.hours_type", name=_Name(name), value=Shown(value))
        )
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise BudgetError(
            message("analysis.error.hours_negative", name=_Name(name), value=Shown(value))
        )
    if number > maximum:
        raise BudgetError(
            message(
                "analysis.error.hours_too_many",
                name=_Name(name),
                value=Shown(value),
                maximum=float(maximum),
            )
        )
    return number


def check_interviews(value: object, name: str = "interviews") -> int:
    """Return an interview-count limit as an int, or raise :class:`BudgetError`.

    Allowed are whole numbers from 0 to :data:`MAX_INTERVIEWS`.
    """
    number = (
        float(value)
        if isinstance(value, numbers.Real) and not isinstance(value, bool)
        else math.nan
    )
    if not math.isfinite(number) or not number.is_integer():
        raise BudgetError(
            message("analysis.error.interviews_type", name=_Name(name), value=Shown(value))
        )
    if number < 0:
        raise BudgetError(
            message("analysis.error.interviews_negative", name=_Name(name), value=Shown(value))
        )
    if number > MAX_INTERVIEWS:
        raise BudgetError(
            message(
                "analysis.error.interviews_too_many",
                name=_Name(name),
                value=Shown(value),
                maximum=float(MAX_INTERVIEWS),
            )
        )
    return int(number)


def _minutes(hours: np.ndarray) -> np.ndarray:
    minutes: np.ndarray = np.rint(np.asarray(hours, dtype=float) * MINUTES_PER_HOUR).astype(
        np.int64
    )
    return minutes


def best_subset(
    values: Sequence[float] | np.ndarray,
    minutes: Sequence[int] | np.ndarray,
    capacity: int,
    max_count: int,
) -> np.ndarray:
    """Choose items of greatest total value within a minutes budget and a count limit.

    ``values`` should be positive (an item of value <= 0 is never worth taking). Ties
    within :data:`TIE` go to the plan that takes the earlier items: of all best
    plans, the one whose in/out vector is greatest in order. Returns a bool mask.
    """
    value = np.asarray(values, dtype=float)
    cost = np.asarray(minutes, dtype=np.int64)
    n = len(value)
    chosen = np.zeros(n, dtype=bool)
    worth = value > 0
    fits = cost <= capacity
    usable = np.flatnonzero(worth & fits)
    if max_count <= 0 or len(usable) == 0:
        return chosen
    # A limit that cannot bind drops out of the table.
    if cost[usable].sum() <= capacity:
        cost = np.zeros_like(cost)
        capacity = 0
    counted = max_count < len(usable)
    count_cells = max_count + 1 if counted else 1
    step = math.gcd(*(int(c) for c in cost[usable])) or 1
    cells = capacity // step + 1
    if len(usable) * count_cells * cells > MAX_TABLE_CELLS:
        raise BudgetError(
            message(
                "analysis.error.table_too_large",
                count=len(usable),
                interviews=max_count,
                hours=capacity / MINUTES_PER_HOUR,
                cells=float(MAX_TABLE_CELLS),
            )
        )
    units = cost // step
    # later[slot][k, c]: the greatest value of the items after this one with at most k
    # interviews (in the counted case) and c units of time, filled from the last item
    # back, so the walk from the first item forward can prefer taking each one.
    later = np.zeros((len(usable) + 1, count_cells, cells))
    drop = 1 if counted else 0
    for slot in range(len(usable) - 1, -1, -1):
        u = int(units[usable[slot]])
        best = later[slot]
        best[...] = later[slot + 1]
        np.maximum(
            best[drop:, u:],
            later[slot + 1, : count_cells - drop, : cells - u] + value[usable[slot]],
            out=best[drop:, u:],
        )
    # Take each item, in order, if a best plan (within TIE of the best) still can.
    k, c = count_cells - 1, cells - 1
    good_enough = later[0, k, c] - TIE
    taken_value = 0.0
    for slot, item in enumerate(usable):
        u = int(units[item])
        if k < drop or c < u:
            continue
        with_it = taken_value + value[item] + later[slot + 1, k - drop, c - u]
        if with_it >= good_enough:
            chosen[item] = True
            taken_value += value[item]
            k -= drop
            c -= u
    return chosen


def plan(
    offers: pd.DataFrame | str | PathLike[str],
    hours: float,
    interviews: int,
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
    default_prep_hours: float = DEFAULT_PREP_HOURS,
    explain: bool = True,
    sheet: Sheet | None = None,
) -> pd.DataFrame:
    """Choose which invitations to accept within a preparation and an absence budget.

    Parameters
    ----------
    offers
        An offers table or CSV path as :func:`interview_lab.evaluate` takes it, with
        an optional ``prep_hours`` column (hours of preparation each interview
        needs; blank takes ``default_prep_hours``) and an optional ``date`` column
        (``2026-12-03`` or ``03.12.2026``; breaks ties in favour of the sooner one).
    hours
        Preparation hours available in the period (from 0 to :data:`MAX_HOURS`).
    interviews
        Interviews (absences) affordable in the period (a whole number from 0 to
        :data:`MAX_INTERVIEWS`).
    weights, model, lang
        As for :func:`interview_lab.evaluate` (``model`` default:
        :data:`interview_lab.DEFAULT_MODEL`).
    default_prep_hours
        Preparation assumed where ``prep_hours`` is blank or absent.
    explain
        ``False`` leaves out the verdicts' ``explanation`` column (the ``reason``
        column is always there), as :func:`interview_lab.evaluate` does.
    sheet
        For a workbook path: the sheet to read, by name or number (0 is the first).

    Returns
    -------
    pandas.DataFrame
        The evaluated offers, in input order, with ``prep_hours`` as numbers, then
        ``chosen`` (bool), ``action`` (``go``, ``reply_dont_go`` or ``out``) and
        ``reason`` (why, in ``lang``). ``attrs["plan"]`` holds the limits, the hours
        and interviews used and the total score; ``attrs["model"]`` and
        ``attrs["weights"]`` what scored them.

    """
    language = check_language(lang)
    with errors_in(language):
        return _plan(
            offers, hours, interviews, weights, model, language, default_prep_hours, explain, sheet
        )


def _plan(
    offers: pd.DataFrame | str | PathLike[str],
    hours: float,
    interviews: int,
    weights: Mapping[str, object] | None,
    model: Model | None,
    language: Language,
    default_prep_hours: float,
    explain: bool,
    sheet: Sheet | None,
) -> pd.DataFrame:
    hours = check_hours(hours)
    interviews = check_interviews(interviews)
    default_prep_hours = check_hours(default_prep_hours, "default_prep_hours", MAX_PREP_HOURS)
    table, where = read_source(offers, sheet)
    result = evaluate_at(table, where, weights, model=model, lang=language, explain=explain)
    prep, assumed = parse_optional_hours(result, where, PREP_COLUMN, default_prep_hours)
    order = _tie_order(result, where)

    accepted = (result["verdict"] == "accept").to_numpy(dtype=bool)
    values = np.where(accepted, result["score"].to_numpy(dtype=float), 0.0)
    minutes = _minutes(prep)
    capacity = int(_minutes(np.array([hours]))[0])
    chosen = np.zeros(len(result), dtype=bool)
    chosen[order] = best_subset(values[order], minutes[order], capacity, interviews)

    minutes_left = capacity - int(minutes[chosen].sum())
    interviews_left = interviews - int(chosen.sum())
    planned = result.copy()
    planned[PREP_COLUMN] = prep
    planned["chosen"] = chosen
    planned["action"] = pd.Categorical(
        np.where(
            chosen,
            "go",
            np.where(result["verdict"] == "decline_keep_in_touch", "reply_dont_go", "out"),
        ),
        dtype=ACTION_DTYPE,
    )
    planned["reason"] = _reasons(
        _Limits(hours, interviews, minutes_left, interviews_left),
        result["verdict"].astype(str).tolist(),
        chosen.tolist(),
        result["score"].to_numpy(dtype=float).tolist(),
        prep.tolist(),
        assumed.tolist(),
        minutes.tolist(),
        language,
        result["dealbreakers"].tolist() if "dealbreakers" in result else None,
    )
    planned.attrs["plan"] = {
        "hours": hours,
        "interviews": interviews,
        "hours_used": float(prep[chosen].sum()),
        "interviews_used": int(chosen.sum()),
        "total_score": float(result["score"].to_numpy(dtype=float)[chosen].sum()),
        "default_prep_hours": default_prep_hours,
    }
    return planned


def _tie_order(result: pd.DataFrame, where: Where) -> np.ndarray:
    """Positions in tie-break order: earliest date first, undated last, then as listed."""
    if DATE_COLUMN not in result.columns:
        return np.arange(len(result))
    dates = parse_dates(result, where)
    undated = dates.isna().to_numpy()
    days = dates.to_numpy(dtype="datetime64[D]").astype(np.int64)
    days[undated] = 0
    # lexsort's last key is the primary one.
    order: np.ndarray = np.lexsort((np.arange(len(result)), days, undated))
    return order


def parse_dates(offers: pd.DataFrame, where: Where) -> pd.Series:
    """Read the ``date`` column (ISO ``2026-12-03`` or German ``03.12.2026``); blank is NaT."""
    text = offers[DATE_COLUMN].astype("string").str.strip()
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    german = pd.to_datetime(text, format="%d.%m.%Y", errors="coerce")
    dates = iso.fillna(german)
    bad = dates.isna() & text.notna() & (text != "")
    if bad.any():
        names = offers[OFFER_COLUMN]
        raise OfferDataError(
            [
                message(
                    "analysis.error.bad_date",
                    row=where.row(pos, offers.index[pos], names.iloc[pos]),
                    column=Shown(DATE_COLUMN),
                    value=Shown(text.iloc[pos]),
                )
                for pos in np.flatnonzero(bad.to_numpy()).tolist()
            ]
        )
    return dates


def format_hours(hours: float, lang: str) -> str:
    """Format hours for a reason ("6 h", "1.5 h"; German "1,5 Std.")."""
    return text("common.hours", check_language(lang), hours=round(float(hours), 2))


@dataclass(frozen=True)
class _Limits:
    """The plan's limits and what the chosen offers leave of them."""

    hours: float
    interviews: int
    minutes_left: int
    interviews_left: int


def _reasons(
    limits: _Limits,
    verdicts: list[str],
    chosen: list[bool],
    scores: list[float],
    prep: list[float],
    assumed: list[bool],
    need_minutes: list[int],
    lang: Language,
    broken: list[str] | None = None,
) -> list[str]:
    """Say, per offer, why it is in or out (the texts shared by many rows built once).

    ``broken`` holds each offer's broken deal-breakers ("" for none): such an offer is
    never chosen, and its reason names the rules.
    """

    def text_of(key: str, **values: object) -> str:
        return text(f"analysis.budget.{key}", lang, **values)

    hours = format_hours(limits.hours, lang)
    left = format_hours(limits.minutes_left / MINUTES_PER_HOUR, lang)
    capacity = round(limits.hours * MINUTES_PER_HOUR)
    declined = {v: text_of("decline", verdict=verdict_label(v, lang)) for v in VERDICTS}
    no_interviews_left = text_of("no_interviews_left", n=limits.interviews)
    tail = text_of("and_no_interviews_left") if limits.interviews_left == 0 else ""
    reply = text_of("reply")
    assumed_text = text_of("assumed")
    reasons = []
    rules = broken if broken is not None else [""] * len(verdicts)
    for verdict, is_chosen, score, need, guess, minutes, rule in zip(
        verdicts, chosen, scores, prep, assumed, need_minutes, rules, strict=True
    ):
        if rule and not is_chosen:
            key = "dealbreaker_reply" if verdict == "decline_keep_in_touch" else "dealbreaker_out"
            reasons.append(text_of(key, rules=rule))
            continue
        if verdict == "decline_keep_in_touch" and not is_chosen:
            reasons.append(reply)
            continue
        if verdict != "accept" and not is_chosen:
            reasons.append(declined[verdict])
            continue
        fill = {"prep": format_hours(need, lang), "assumed": assumed_text if guess else ""}
        if is_chosen:
            score_text = format_number(score, lang, signed=True, digits=2)
            reasons.append(text_of("go", score=score_text, **fill))
        elif limits.interviews == 0:
            reasons.append(text_of("no_interviews"))
        elif minutes > capacity:
            reasons.append(text_of("too_long", hours=hours, **fill))
        elif minutes > limits.minutes_left:
            reasons.append(text_of("no_hours_left", left=left, **fill) + tail)
        elif limits.interviews_left == 0:
            reasons.append(no_interviews_left)
        else:
            # Not reached: an optimal plan leaves out a candidate only when it does not fit.
            reasons.append(text_of("scores_less"))
    return reasons


__all__ = [
    "ACTIONS",
    "DEFAULT_PREP_HOURS",
    "MAX_HOURS",
    "MAX_INTERVIEWS",
    "PLAN_COLUMNS",
    "best_subset",
    "check_hours",
    "check_interviews",
    "format_hours",
    "plan",
]
