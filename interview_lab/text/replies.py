"""Draft replies to a recruiter, one per verdict and reason, in English and German.

The wording lives in the text catalogue (``core/catalogue/replies.toml``); a coach may
pass a file of their own (``templates=``, same shape: a table per verdict with ``en``
and ``de``, optionally one per reason). This module fills the letters from an offer
row. A field that is missing, blank, "nan" or "None" turns into natural wording ("the
role", "Hello,"), never into "None" or "{company}".

A decline says what is true (:func:`decline_reason`): ``"fit"`` when the role is not
right for the person (the desire factor, interest, is not above neutral, or a
deal-breaker is broken), ``"timing"`` when a role the person wants is declined
because of a cost that cancels a reason (time, a torn mind): "the timing does not
work, please keep me in mind".
"""

from __future__ import annotations

import functools
import math
import re
import string
import tomllib
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..core.dealbreakers import check_dealbreakers
from ..core.errors import InterviewLabError
from ..core.i18n import (
    LANGUAGES,
    Language,
    check_language,
    errors_in,
    fill,
    message,
    template,
    text,
)
from ..core.model import ACCEPT, DECLINE, KEEP_IN_TOUCH, VERDICTS, Model, check_model
from ..core.offers import Where, parse_ratings

Reason = Literal["fit", "timing"]
#: Why an invitation is declined (see :func:`decline_reason`).
REASONS: tuple[Reason, ...] = ("fit", "timing")

#: Offer columns the reply form offers; all optional (``salutation`` is read too).
REPLY_FIELDS = ("company", "role", "recruiter", "other_roles")
#: The column with the formal salutation, e.g. "Frau Dr. Graf".
SALUTATION = "salutation"

#: The placeholders a template may use.
PLACEHOLDERS = (
    "subject",
    "greeting",
    "role",
    "other_roles",
    "signature",
    "company",
    "at_company",
)


class ReplyTemplateError(InterviewLabError):
    """A reply template is missing, malformed or uses an unknown placeholder."""


def clean_field(value: object) -> str:
    """Return a field as one line of text, or "" when it is missing."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    text_ = " ".join(str(value).split())  # newlines and tabs cannot break the layout
    return "" if text_.lower() in {"nan", "none", "null", "<na>"} else text_


def split_roles(value: object) -> list[str]:
    """Return the roles of an ``other_roles`` field ("a; b" or "a, b")."""
    cleaned = clean_field(value)
    separator = ";" if ";" in cleaned else ","
    return [part.strip() for part in cleaned.split(separator) if part.strip()]


# --- the salutation ------------------------------------------------------------------

#: Spellings of the two forms of address, by language-independent code.
_TITLES = {
    "frau": "ms",
    "ms": "ms",
    "ms.": "ms",
    "mrs": "ms",
    "mrs.": "ms",
    "herr": "mr",
    "hr.": "mr",
    "mr": "mr",
    "mr.": "mr",
}
_ACADEMIC = re.compile(r"^(dr\.?|prof\.?|professor|professorin)$", re.IGNORECASE)


def greeting(salutation: object, lang: str = "en") -> str:
    """Return the letter's first line for a salutation such as "Frau Dr. Graf".

    >>> greeting("Frau Dr. Graf", "de"), greeting("Frau Dr. Graf", "en")
    ('Guten Tag Frau Dr. Graf,', 'Dear Dr. Graf,')
    >>> greeting("Ms Graf", "de"), greeting("Frau Graf", "en"), greeting("", "de")
    ('Guten Tag Frau Graf,', 'Dear Ms Graf,', 'Guten Tag,')
    >>> greeting("Herr Prof. Dr. Weber", "en"), greeting("Anna Graf", "de")
    ('Dear Professor Weber,', 'Guten Tag Anna Graf,')

    English drops "Ms"/"Mr" before an academic title; German keeps "Frau"/"Herr"
    before it. A salutation without a form of address is used as it is.
    """
    language = check_language(lang)
    words = clean_field(salutation).split(" ")
    if not words[0]:
        return text("replies.part.greeting_none", language)
    code = _TITLES.get(words[0].lower())
    rest = words[1:] if code else words
    if code and rest:
        titles = [word for word in rest[:-1] if _ACADEMIC.match(word)]
        form = text(f"replies.title.{code}", language)
        if language == "de" or not titles:
            name = " ".join([form, *rest])
        elif any(word.lower().startswith("prof") for word in titles):
            name = " ".join(["Professor", *rest[len(titles) :]])
        else:
            name = " ".join(rest)
    else:
        name = " ".join(words)
    return text("replies.part.greeting", language, name=name)


# --- why: the verdict and the reason -----------------------------------------------------


def offer_row(offer: Mapping[str, Any] | pd.Series) -> dict[str, Any]:
    return {str(key): value for key, value in offer.items()}


def ratings_of(row: Mapping[str, Any], model: Model) -> np.ndarray | None:
    """Return the row's ratings on 0-10 (K, 1), or None when a rating column is missing."""
    if any(name not in row for name in model.names):
        return None
    frame = pd.DataFrame([{"offer": row.get("offer", ""), **row}])
    return model.to_scale(parse_ratings(frame, Where("offer"), model))


def _breaks_dealbreaker(row: Mapping[str, Any], model: Model) -> bool:
    if not model.dealbreakers:
        return False
    listed = row.get("dealbreakers")
    if listed is not None and clean_field(listed):
        return True
    if any(rule.column not in row for rule in model.dealbreakers):
        return False
    frame = pd.DataFrame([{"offer": row.get("offer", ""), **row}])
    broken, _ = check_dealbreakers(frame, model.dealbreakers, Where("offer"), model.source)
    return bool(broken.any())


def checked_verdict(
    row: Mapping[str, Any] | pd.Series,
    verdict: str | None,
    weights: Mapping[str, object] | None,
    model: Model,
) -> str:
    """Return ``verdict`` if it is a verdict code, or the row's own (:func:`verdict_of`)."""
    if verdict is None:
        verdict = verdict_of(row, weights, model=model)
    if verdict not in VERDICTS:
        raise InterviewLabError(
            message("replies.error.unknown_verdict", verdict=verdict, allowed=list(VERDICTS))
        )
    return verdict


def verdict_of(
    offer: Mapping[str, Any] | pd.Series,
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
) -> str:
    """Return the verdict of one offer row: its ``verdict`` column, else from its ratings.

    A row of :func:`interview_lab.evaluate`'s result carries its verdict (used when
    ``weights`` is None); a row of ratings is scored with ``weights`` (deal-breakers
    included: a row that breaks one is never ``accept``).
    """
    model = check_model(model)
    row = offer_row(offer)
    given = clean_field(row.get("verdict"))
    if weights is None and given in VERDICTS:
        return given
    cols = ratings_of(row, model)
    if cols is None:
        missing = [name for name in ("offer", *model.names) if name not in row]
        raise InterviewLabError(
            message("replies.error.no_ratings", missing=missing, allowed=list(VERDICTS))
        )
    w = model.normalise(weights)
    code = int(model.verdicts(cols, w)[0, 0])
    if code == ACCEPT and _breaks_dealbreaker(row, model):
        code = KEEP_IN_TOUCH if bool(model.keeps_in_touch(cols, w)[0]) else DECLINE
    return VERDICTS[code]


def decline_reason(
    offer: Mapping[str, Any] | pd.Series,
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
) -> Reason:
    """Return why an invitation is declined: ``"fit"`` or ``"timing"``.

    ``"timing"`` when the person wants the role (the model's desire factor, interest,
    is rated above its neutral point) and the heaviest weight against going is a
    cost that cancels a reason (a caveat: time cost, confusion): then the honest
    reply is that the timing does not work (P15). ``"fit"`` otherwise: the role is
    not right (low interest, a deal-breaker, or a cost of the role itself). A row
    without ratings is ``"fit"``.
    """
    model = check_model(model)
    row = offer_row(offer)
    if model.desire is None or _breaks_dealbreaker(row, model):
        return "fit"
    cols = ratings_of(row, model)
    if cols is None:
        return "fit"
    w = model.normalise(weights)
    desire = model.index[model.desire]
    if w[desire] <= 0 or cols[desire, 0] <= model.factors[desire].neutral:
        return "fit"
    contributions = model.score(cols, w).contributions[:, 0]
    heaviest = int(np.argmin(contributions))
    if contributions[heaviest] < 0 and model.role(model.names[heaviest]) == "caveat":
        return "timing"
    return "fit"


# --- a coach's own templates ------------------------------------------------------------


def _check_template(name: str, pattern: object, where: str) -> str:
    """Return a template that fills without error, or raise :class:`ReplyTemplateError`.

    A placeholder is a bare name of :data:`PLACEHOLDERS`: a format spec
    (``{company:d}``), a conversion (``{company!r}``) or a reach into a field
    (``{company.x}``, ``{company[0]}``) is refused naming the file, the template and
    the placeholder, since filling it would fail or show something else than the text.
    """
    where_name = {"file": where, "name": name}
    if not isinstance(pattern, str) or not pattern.strip():
        raise ReplyTemplateError(message("replies.error.empty", **where_name))
    try:
        parsed = [
            (field, spec, conversion)
            for _, field, spec, conversion in string.Formatter().parse(pattern)
            if field is not None
        ]
    except ValueError as error:
        raise ReplyTemplateError(
            message("replies.error.brace", detail=str(error), **where_name)
        ) from None
    for field, spec, conversion in parsed:
        base = re.split(r"[.\[]", field, maxsplit=1)[0]
        written = (
            "{"
            + field
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
        )
        if base != field:
            raise ReplyTemplateError(
                message(
                    "replies.error.reaches_into",
                    written=written,
                    base="{" + base + "}",
                    **where_name,
                )
            )
        if spec or conversion:
            raise ReplyTemplateError(
                message(
                    "replies.error.format_spec" if spec else "replies.error.conversion",
                    written=written,
                    detail=f":{spec}" if spec else f"!{conversion}",
                    plain="{" + field + "}",
                    **where_name,
                )
            )
    unknown = sorted({field for field, _, _ in parsed if field not in PLACEHOLDERS})
    if unknown:
        raise ReplyTemplateError(
            message(
                "replies.error.unknown_placeholder",
                unknown=["{" + u + "}" for u in unknown],
                allowed=["{" + p + "}" for p in PLACEHOLDERS],
                **where_name,
            )
        )
    return pattern


def load_replies(path: str | PathLike[str]) -> dict[str, Any]:
    """Read and check a coach's own reply templates (and, optionally, checklist).

    Returns ``{"templates": {(verdict, reason, lang): text}, "checklist": {lang:
    [items]}}``; ``checklist`` is empty when the file has none. A verdict's table holds
    ``en`` and ``de`` for every reason, or a table per reason (``[decline.timing]``).
    """
    file = Path(path).resolve()
    try:
        changed = file.stat().st_mtime_ns
    except FileNotFoundError:
        raise ReplyTemplateError(message("replies.error.no_file", file=str(file))) from None
    return _load_replies(file, changed)


@functools.lru_cache(maxsize=8)
def _load_replies(file: Path, changed: int) -> dict[str, Any]:
    """Parse a templates file; cached per file version (``changed`` is its mtime)."""
    try:
        with file.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise ReplyTemplateError(message("replies.error.no_file", file=str(file))) from None
    except tomllib.TOMLDecodeError as error:
        raise ReplyTemplateError(
            message("replies.error.not_toml", file=str(file), detail=str(error))
        ) from None
    templates: dict[tuple[str, str, str], str] = {}
    for verdict in VERDICTS:
        entry = document.get(verdict, {})
        entry = entry if isinstance(entry, dict) else {}
        for reason in REASONS:
            own = entry.get(reason)
            source, name = (
                (own, f"{verdict}.{reason}") if isinstance(own, dict) else (entry, verdict)
            )
            for lang in LANGUAGES:
                templates[verdict, reason, lang] = _check_template(
                    f"{name}.{lang}", source.get(lang), str(file)
                )
    checklist = document.get("checklist")
    items: dict[str, list[str]] = {}
    if checklist is not None:
        for lang in LANGUAGES:
            entries = checklist.get(lang) if isinstance(checklist, dict) else None
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                raise ReplyTemplateError(
                    message("replies.error.checklist", file=str(file), lang=lang)
                )
            items[lang] = list(entries)
    return {"templates": templates, "checklist": items}


def starter_templates() -> str:
    """Return the catalogue's letters as a templates file a coach can edit (TOML text).

    Save it, change the wording and pass its path as ``templates=``.
    """

    def block(pattern: str) -> str:
        return '"""' + pattern.replace("\\", "\\\\").replace('"""', '""\\"') + '"""'

    parts = [
        "# Reply drafts (interview_lab). Placeholders: "
        + ", ".join("{" + p + "}" for p in PLACEHOLDERS)
        + ".\n# A verdict holds en and de for every reason, or a table per reason"
        + " ([decline.fit], [decline.timing]):\n# fit = the role is not right for you,"
        + " timing = a role you want, declined for now."
    ]
    for verdict in ("accept", "decline", "decline_keep_in_touch"):
        for reason in (None,) if verdict == "accept" else REASONS:
            key = "replies.letter." + (verdict if reason is None else f"{verdict}.{reason}")
            header = verdict if reason is None else f"{verdict}.{reason}"
            lines = [f"[{header}]"]
            lines += [f"{lang} = {block(template(key, lang))}" for lang in LANGUAGES]
            parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


# --- the letter ---------------------------------------------------------------------------


def _values(row: Mapping[str, Any], reason: Reason, lang: Language) -> dict[str, str]:
    company = clean_field(row.get("company"))
    role = clean_field(row.get("role"))
    roles = split_roles(row.get("other_roles"))
    about = [part for part in ((role and fill("{r:q}", lang, r=role)), company) if part]
    return {
        "subject": (
            text("replies.part.subject_about", lang, about=", ".join(about))
            if about
            else text("replies.part.subject", lang)
        ),
        "greeting": greeting(row.get(SALUTATION), lang),
        "role": text("replies.part.role", lang, role=role)
        if role
        else text("replies.part.role_none", lang),
        "other_roles": text(f"replies.part.other_roles_{reason}", lang, roles=roles)
        if roles
        else "",
        "signature": text("replies.part.signature", lang),
        "company": company or text("replies.part.company_none", lang),
        "at_company": text("replies.part.at_company", lang, company=company) if company else "",
    }


def draft_reply(
    offer: Mapping[str, Any] | pd.Series,
    verdict: str | None = None,
    lang: str = "en",
    weights: Mapping[str, object] | None = None,
    templates: str | PathLike[str] | None = None,
    *,
    model: Model | None = None,
    reason: str | None = None,
) -> str:
    """Draft the reply to the recruiter for one offer, as plain text ready to copy.

    ``offer`` is one row (a mapping or a Series). ``verdict`` defaults to the row's
    ``verdict`` column or what :func:`interview_lab.evaluate` gives the row (with
    ``weights``, see :func:`verdict_of`); ``reason`` ("fit" or "timing") to
    :func:`decline_reason`. ``salutation`` ("Frau Dr. Graf"), ``company``, ``role`` and
    ``other_roles`` fill the draft when present. German drafts use the formal "Sie".
    """
    language = check_language(lang)
    with errors_in(language):
        model = check_model(model)
        row = offer_row(offer)
        verdict = checked_verdict(row, verdict, weights, model)
        if reason is None:
            reason = "fit" if verdict == "accept" else decline_reason(row, weights, model=model)
        if reason not in REASONS:
            raise InterviewLabError(
                message("replies.error.unknown_reason", reason=reason, allowed=list(REASONS))
            )
        why: Reason = "timing" if reason == "timing" else "fit"
        if templates is not None:
            pattern = load_replies(templates)["templates"][verdict, why, language]
        elif verdict == "accept":
            pattern = template("replies.letter.accept", language)
        else:
            pattern = template(f"replies.letter.{verdict}.{why}", language)
        filled = string.Formatter().vformat(pattern, (), _values(row, why, language))
        return "\n".join(line.rstrip() for line in filled.split("\n"))


def follow_up_checklist(
    lang: str = "en", templates: str | PathLike[str] | None = None
) -> list[str]:
    """Return the steps after declining but staying in touch (for you, not the email)."""
    language = check_language(lang)
    with errors_in(language):
        if templates is not None:
            own = load_replies(templates)["checklist"]
            if own:
                return list(own[language])
        return [
            text(f"replies.checklist.{step}", language) for step in ("connect", "watch", "write")
        ]


__all__ = [
    "PLACEHOLDERS",
    "REASONS",
    "REPLY_FIELDS",
    "SALUTATION",
    "ReplyTemplateError",
    "clean_field",
    "decline_reason",
    "draft_reply",
    "follow_up_checklist",
    "greeting",
    "load_replies",
    "split_roles",
    "starter_templates",
    "verdict_of",
]
