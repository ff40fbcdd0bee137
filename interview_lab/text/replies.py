"""Draft replies to a recruiter, one per verdict, in English and German.

The wording lives in ``data/replies.toml`` so a coach can edit it; this module only
fills the placeholders from an offer row. A field that is missing, blank, "nan" or
"None" turns into natural wording ("the role", "Hello,"), never into "None" or
"{company}".
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
from typing import Any

import pandas as pd

from ..core.errors import InterviewLabError
from ..core.i18n import Language, check_language
from ..core.model import VERDICTS, Model, check_model
from ..core.offers import Where, parse_ratings
from ..core.resources import data_path
from .explain import join_words

REPLIES = "replies.toml"

#: Offer columns a reply draws on; all optional.
REPLY_FIELDS = ("company", "role", "recruiter", "other_roles")

_PHRASES: Mapping[Language, Mapping[str, str]] = {
    "en": {
        "greeting": "Dear {recruiter},",
        "greeting_none": "Hello,",
        "role": "the {role} role",
        "role_none": "the role",
        "at_company": " at {company}",
        "company_none": "your company",
        "other_roles": (
            "Roles such as {roles} fit my background better, and I would be glad to hear "
            "about openings there."
        ),
        "other_roles_none": (
            "If roles open up that fit my background better, I would be glad to hear about them."
        ),
        "signature": "Kind regards",
    },
    "de": {
        "greeting": "Guten Tag {recruiter},",
        "greeting_none": "Guten Tag,",
        "role": "die Stelle als {role}",
        "role_none": "die Stelle",
        "at_company": " bei {company}",
        "company_none": "Ihrem Unternehmen",
        "other_roles": (
            "Stellen wie {roles} passen besser zu meinem Hintergrund; über Angebote in "
            "diesem Bereich würde ich mich freuen."
        ),
        "other_roles_none": (
            "Wenn Stellen frei werden, die besser zu meinem Hintergrund passen, würde ich "
            "mich über eine Nachricht freuen."
        ),
        "signature": "Mit freundlichen Grüßen",
    },
}

#: The placeholders a template may use (see data/replies.toml).
PLACEHOLDERS = ("greeting", "role", "at_company", "company", "other_roles", "signature")


class ReplyTemplateError(InterviewLabError):
    """A reply template is missing, malformed or uses an unknown placeholder."""


def clean_field(value: object) -> str:
    """Return a field as one line of text, or "" when it is missing."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    text = " ".join(str(value).split())  # newlines and tabs cannot break the layout
    return "" if text.lower() in {"nan", "none", "null", "<na>"} else text


def _split_roles(text: str) -> list[str]:
    separators = ";" if ";" in text else ","
    return [part.strip() for part in text.split(separators) if part.strip()]


def _values(offer: Mapping[str, Any], lang: Language) -> dict[str, str]:
    phrases = _PHRASES[lang]
    fields = {name: clean_field(offer.get(name)) for name in REPLY_FIELDS}
    roles = _split_roles(fields["other_roles"])
    return {
        "greeting": (
            phrases["greeting"].format(recruiter=fields["recruiter"])
            if fields["recruiter"]
            else phrases["greeting_none"]
        ),
        "role": phrases["role"].format(role=fields["role"])
        if fields["role"]
        else phrases["role_none"],
        "at_company": (
            phrases["at_company"].format(company=fields["company"]) if fields["company"] else ""
        ),
        "company": fields["company"] or phrases["company_none"],
        "other_roles": (
            phrases["other_roles"].format(roles=join_words(roles, lang))
            if roles
            else phrases["other_roles_none"]
        ),
        "signature": phrases["signature"],
    }


def _check_template(name: str, template: object, where: str) -> str:
    """Return a template that fills without error, or raise :class:`ReplyTemplateError`.

    A placeholder is a bare name of :data:`PLACEHOLDERS`: a format spec
    (``{company:d}``), a conversion (``{company!r}``) or a reach into a field
    (``{company.x}``, ``{company[0]}``) is refused naming the file, the template and
    the placeholder, since filling it would fail or show something else than the text.
    """
    if not isinstance(template, str) or not template.strip():
        raise ReplyTemplateError(f"{where}, template {name!r}: expected non-empty text.")
    try:
        parsed = [
            (field, spec, conversion)
            for _, field, spec, conversion in string.Formatter().parse(template)
            if field is not None
        ]
    except ValueError as error:
        raise ReplyTemplateError(
            f"{where}, template {name!r}: {error}; write a literal brace as {{{{ or }}}}."
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
                f"{where}, template {name!r}: the placeholder {written} reaches into "
                f"{{{base}}} with '.' or '[...]', which a template cannot do; write "
                f"{{{base}}} alone (a placeholder is filled with its text as it is)."
            )
        if spec or conversion:
            raise ReplyTemplateError(
                f"{where}, template {name!r}: the placeholder {written} has a "
                f"{'format spec' if spec else 'conversion'} "
                f"({':' + spec if spec else '!' + str(conversion)}), which a template cannot "
                f"use; write {{{field}}} alone (a placeholder is filled with its text as it is)."
            )
    unknown = sorted({field for field, _, _ in parsed if field not in PLACEHOLDERS})
    if unknown:
        raise ReplyTemplateError(
            f"{where}, template {name!r}: unknown placeholder(s) "
            f"{', '.join('{' + u + '}' for u in unknown)}; allowed are "
            f"{', '.join('{' + p + '}' for p in PLACEHOLDERS)}."
        )
    return template


def load_replies(path: str | PathLike[str] | None = None) -> dict[str, Any]:
    """Read and check the reply templates and the follow-up checklist.

    Returns ``{"templates": {(verdict, lang): text}, "checklist": {lang: [items]}}``.
    """
    file = (Path(path) if path is not None else data_path(REPLIES)).resolve()
    try:
        changed = file.stat().st_mtime_ns
    except FileNotFoundError:
        raise ReplyTemplateError(f"{file}: no such file; expected the reply templates.") from None
    return _load_replies(file, changed)


@functools.lru_cache(maxsize=8)
def _load_replies(file: Path, changed: int) -> dict[str, Any]:
    """Parse a templates file; cached per file version (``changed`` is its mtime)."""
    try:
        with file.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise ReplyTemplateError(f"{file}: no such file; expected the reply templates.") from None
    except tomllib.TOMLDecodeError as error:
        raise ReplyTemplateError(f"{file}: not valid TOML ({error}).") from None
    templates: dict[tuple[str, str], str] = {}
    for verdict in VERDICTS:
        for lang in ("en", "de"):
            entry = document.get(verdict, {})
            text = entry.get(lang) if isinstance(entry, dict) else None
            templates[verdict, lang] = _check_template(f"{verdict}.{lang}", text, str(file))
    checklist = document.get("checklist", {})
    items = {}
    for lang in ("en", "de"):
        entries = checklist.get(lang) if isinstance(checklist, dict) else None
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise ReplyTemplateError(f"{file}, checklist.{lang}: expected a list of texts.")
        items[lang] = list(entries)
    return {"templates": templates, "checklist": items}


def draft_reply(
    offer: Mapping[str, Any] | pd.Series,
    verdict: str | None = None,
    lang: str = "en",
    weights: Mapping[str, object] | None = None,
    templates: str | PathLike[str] | None = None,
    *,
    model: Model | None = None,
) -> str:
    """Draft the reply to the recruiter for one offer, as plain text ready to copy.

    ``offer`` is one row (a mapping or a Series). ``verdict`` defaults to what
    :func:`interview_lab.evaluate` gives the row (with ``weights``); its ratings are
    needed only then. ``company``, ``role``, ``recruiter`` and ``other_roles`` fill the
    draft when present. German drafts use the formal "Sie".
    """
    language = check_language(lang)
    model = check_model(model)
    row = {str(key): value for key, value in offer.items()}
    if verdict is None:
        missing = [name for name in ("offer", *model.names) if name not in row]
        if missing:
            raise InterviewLabError(
                f"draft_reply: cannot work out the verdict without the column(s) {missing}; "
                f"pass verdict= one of {list(VERDICTS)}."
            )
        cols = model.to_scale(parse_ratings(pd.DataFrame([row]), Where("offer"), model))
        verdict = VERDICTS[int(model.verdicts(cols, model.normalise(weights))[0, 0])]
    if verdict not in VERDICTS:
        raise InterviewLabError(
            f"draft_reply: unknown verdict {verdict!r}; expected one of {list(VERDICTS)}."
        )
    template = load_replies(templates)["templates"][verdict, language]
    return str(template.format(**_values(row, language)))


def follow_up_checklist(
    lang: str = "en", templates: str | PathLike[str] | None = None
) -> list[str]:
    """Return the steps after declining but staying in touch (for you, not the email)."""
    return list(load_replies(templates)["checklist"][check_language(lang)])
