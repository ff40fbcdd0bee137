"""The article's advice for each recommendation, as paragraphs the person reads.

>>> row = {"offer": "Acme", "company": "Acme", "prep_hours": 3, "interest": 8,
...        "practice": 8, "surprise": 2, "doors": 5, "time_cost": 3, "confusion": 2}
>>> print(advice_text(row, "de"))  # doctest: +ELLIPSIS
Sehen Sie sich vor dem Gespräch die Karriereseite des Unternehmens Acme ...
<BLANKLINE>
...
Ihr Vorbereitungsplan:
- Lesen Sie die Stellenbeschreibung noch einmal ...
- Informieren Sie sich gründlich über das Unternehmen und das Team: ...
- Üben Sie Ihren Werdegang und Antworten auf typische Fragen laut: ...
- Vorbereitungszeit: 3 Std.
<BLANKLINE>
Sie haben entschieden: ...

* ``accept``: before the call, look at the company's site for other roles and tell
  the recruiter you are open to roles that fit your background; after it, keep
  watching and ask to be connected with the hiring team; then a preparation plan
  (what to prepare, from the ratings, and the hours from ``prep_hours``), and stop
  second-guessing.
* ``decline``: send the reply, then spend the time on finding a role you feel great
  about.
* ``decline_keep_in_touch``: send the reply (saying why: the role, or the timing),
  stay in contact (the follow-up steps), and move on.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, overload

import pandas as pd

from ..core.errors import InterviewLabError
from ..core.i18n import check_language, errors_in, has_text, message, text
from ..core.model import VERDICTS, Model, check_model
from .replies import (
    checked_verdict,
    clean_field,
    decline_reason,
    follow_up_checklist,
    offer_row,
    ratings_of,
    split_roles,
)

#: A rating (on 0-10) at or above this is "high", at or below :data:`LOW` "low", for
#: choosing what to prepare.
HIGH = 6.5
LOW = 3.5
#: The optional column with the hours the person can prepare.
PREP_HOURS = "prep_hours"


def _hours(value: object) -> float | None:
    """Return the preparation hours of a cell, or None when blank or not a number >= 0."""
    cleaned = clean_field(value).replace(",", ".")
    try:
        hours = float(cleaned)
    except ValueError:
        return None
    return hours if math.isfinite(hours) and hours >= 0 else None


def _bullets(head: str, items: list[str]) -> str:
    return "\n".join([head, *(f"- {item}" for item in items)])


def preparation(
    offer: Mapping[str, Any] | pd.Series,
    lang: str = "en",
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
) -> list[str]:
    """Return what to prepare for an accepted invitation, one item per line, hours last.

    The items follow the ratings: a high practice rating asks for rehearsing, a low
    one for spending the time on questions; a high surprise rating for questions that
    show whether the role is better than it looks; and so on for each factor of the
    model that has advice in the catalogue (``advice.prepare.<factor>``) and a
    priority above zero. The hours come from ``prep_hours`` when given.
    """
    language = check_language(lang)
    model = check_model(model)
    row = offer_row(offer)
    items = [text("advice.accept.always", language)]
    cols = ratings_of(row, model)
    if cols is not None:
        w = model.normalise(weights)
        for j, factor in enumerate(model.factors):
            rating = float(cols[j, 0])
            level = "high" if rating >= HIGH else "low" if rating <= LOW else None
            key = f"advice.prepare.{factor.name}.{level}"
            if level and w[j] > 0 and has_text(key):
                items.append(text(key, language))
    hours = _hours(row.get(PREP_HOURS))
    if hours is None:
        items.append(text("advice.accept.hours_none", language))
    else:
        items.append(
            text("advice.accept.hours", language, hours=message("common.hours", hours=hours))
        )
    return items


def advice_title(verdict: str, lang: str = "en") -> str:
    """Return the heading above the advice for ``verdict``."""
    if verdict not in VERDICTS:
        raise InterviewLabError(
            message("replies.error.unknown_verdict", verdict=verdict, allowed=list(VERDICTS))
        )
    return text(f"advice.{verdict}.title", check_language(lang))


def _advice_row(
    row: Mapping[str, Any],
    lang: str,
    weights: Mapping[str, object] | None,
    model: Model,
    verdict: str | None,
) -> list[str]:
    language = check_language(lang)
    verdict = checked_verdict(row, verdict, weights, model)
    if verdict == "accept":
        company = clean_field(row.get("company"))
        before = (
            text("advice.accept.before_company", language, company=company)
            if company
            else text("advice.accept.before", language)
        )
        roles = split_roles(row.get("other_roles"))
        if roles:
            before += " " + text("advice.accept.other_roles", language, roles=roles)
        plan = preparation(row, language, weights, model=model)
        return [
            before,
            text("advice.accept.after", language),
            _bullets(text("advice.accept.plan", language), plan),
            text("advice.accept.stop", language),
        ]
    timing = decline_reason(row, weights, model=model) == "timing"
    if verdict == "decline":
        paragraphs = [text("advice.decline.send", language)]
        if timing:
            paragraphs.append(text("advice.decline.timing", language))
        return [*paragraphs, text("advice.decline.stop", language)]
    send = "send_timing" if timing else "send"
    return [
        text(f"advice.decline_keep_in_touch.{send}", language),
        _bullets(
            text("advice.decline_keep_in_touch.stay", language), follow_up_checklist(language)
        ),
        text("advice.decline_keep_in_touch.stop", language),
    ]


@overload
def advice(
    offers: pd.DataFrame,
    lang: str = ...,
    weights: Mapping[str, object] | None = ...,
    *,
    model: Model | None = ...,
    verdict: str | None = ...,
) -> list[list[str]]: ...
@overload
def advice(
    offers: Mapping[str, Any] | pd.Series,
    lang: str = ...,
    weights: Mapping[str, object] | None = ...,
    *,
    model: Model | None = ...,
    verdict: str | None = ...,
) -> list[str]: ...
def advice(
    offers: pd.DataFrame | Mapping[str, Any] | pd.Series,
    lang: str = "en",
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    verdict: str | None = None,
) -> list[str] | list[list[str]]:
    """Return the article's advice for one offer as paragraphs, or for each row of a table.

    ``offers`` is one row (a mapping or a Series: a list of paragraphs) or a table
    (a DataFrame: one list per row), of ratings or of :func:`interview_lab.evaluate`'s
    result. The verdict is ``verdict`` if given, else the row's ``verdict`` column, else
    what the ratings give with ``weights``. A paragraph of steps has its heading on the
    first line and one step per line starting with "- ".
    """
    language = check_language(lang)
    with errors_in(language):
        checked = check_model(model)
        if isinstance(offers, pd.DataFrame):
            return [
                _advice_row(offer_row(row), language, weights, checked, verdict)
                for _, row in offers.iterrows()
            ]
        return _advice_row(offer_row(offers), language, weights, checked, verdict)


def advice_text(
    offer: Mapping[str, Any] | pd.Series,
    lang: str = "en",
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    verdict: str | None = None,
) -> str:
    """Return the advice for one offer as plain text, paragraphs separated by a blank line."""
    return "\n\n".join(advice(offer, lang, weights, model=model, verdict=verdict))


__all__ = ["HIGH", "LOW", "PREP_HOURS", "advice", "advice_text", "advice_title", "preparation"]
