"""Model files: your own factors and deal-breakers, written in TOML.

``il.load_model("mine.toml")`` (also ``il.Model.from_toml``) starts from
:data:`~interview_lab.DEFAULT_MODEL` and changes it:

* ``[factors.NAME]`` changes a built-in factor (any of its keys) or adds one of
  your own (``label`` and ``direction`` required). Keys: ``label``, ``short``,
  ``direction`` (``"benefit"``/``"cost"``), ``scale`` (``[low, high]`` in the
  column's own units, mapped to 0-10; default ``[0, 10]``), ``weight`` (default 1),
  ``help``, ``cancelled_by`` (a factor that makes this one worth less, as time cost
  does practice; ``""`` for none), ``neutral``, ``colour``, ``enabled`` (``false``
  switches a factor off). Texts are a string or ``{ en = "…", de = "…" }``.
* ``[[dealbreakers]]``: ``column``, ``min`` and/or ``max``, ``label``.
* ``[rules]``: ``relief``, ``keep_in_touch_from``.

Every mistake is one :class:`~interview_lab.ModelError` naming the file, the
factor or rule, and what is allowed.

>>> model = model_from_mapping({"factors": {"team": {"label": "Team", "direction": "benefit",
...     "cancelled_by": "time_cost"}, "confusion": {"enabled": False}}}, "mine.toml")
>>> model.names
('interest', 'practice', 'surprise', 'doors', 'time_cost', 'team')
>>> model_from_mapping({"factors": {"team": {"label": "Team", "direction": "benefit",
...     "wieght": 2}}}, "mine.toml")
Traceback (most recent call last):
...
interview_lab.core.errors.ModelError: mine.toml, factor 'team': unknown key 'wieght' \
(did you mean 'weight'?); allowed keys are 'cancelled_by', 'colour', 'direction', \
'enabled', 'help', 'label', 'neutral', 'scale', 'short', 'weight'.

The messages are catalogue texts (``core.model_file.*``), so ``error.render("de")``
reads in German; keys and factor names are quoted as the file spells them.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import tomllib
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ModelError
from .factors import RATING_MAX, RATING_MIN, Dealbreaker, Factor
from .i18n import LANGUAGES, Language, Message, message, number, text
from .model import DEFAULT_MODEL, Model, register_reader
from .wording import quoted_all, shown

FACTOR_KEYS = frozenset(
    {"label", "short", "direction", "scale", "weight", "help", "cancelled_by", "neutral",
     "colour", "enabled"}
)  # fmt: skip
DEALBREAKER_KEYS = frozenset({"column", "min", "max", "label"})
RULE_KEYS = frozenset({"relief", "keep_in_touch_from"})
TOP_KEYS = frozenset({"factors", "dealbreakers", "rules"})
#: Colours for own factors (Paul Tol's "muted" scheme, colour-blind safe), in turn.
OWN_COLOURS = ("#332288", "#117733", "#44AA99", "#88CCEE", "#DDCC77", "#CC6677", "#AA4499")


def load_model(path: str | PathLike[str]) -> Model:
    """Read a model file (TOML) and return the model it describes.

    Raises :class:`~interview_lab.ModelError` naming the file and every problem.
    """
    file = Path(path)
    if not file.is_file():
        raise ModelError(message("core.model_file.no_file", file=str(file)))
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ModelError(message("core.model_file.not_utf8", file=str(file))) from None
    except tomllib.TOMLDecodeError as error:
        raise ModelError(
            message("core.model_file.not_toml", file=str(file), detail=TomlProblem(str(error)))
        ) from None
    return model_from_mapping(data, str(file))


class TomlProblem:
    """What the TOML reader found wrong: its own words in English, its position in German."""

    _POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")

    def __init__(self, detail: str) -> None:
        self.detail = detail

    def render(self, lang: str = "en") -> str:
        """Return the problem in ``lang``: Python's English message, or where it is."""
        if lang == "en":
            return self.detail
        found = self._POSITION.search(self.detail)
        if found is None:
            return text("core.model_file.toml_error", lang)
        line, column = (int(part) for part in found.groups())
        return text("core.model_file.toml_position", lang, line=line, column=column)

    def __str__(self) -> str:
        return self.detail


def model_from_mapping(data: Mapping[str, Any], source: str = "model") -> Model:
    """Build a model from the parsed contents of a model file (see the module docs)."""
    problems: list[Message] = []
    _unknown_keys(data, TOP_KEYS, source, problems)
    factors_part = data.get("factors", {})
    if not isinstance(factors_part, Mapping):
        problems.append(message("core.model_file.factors_not_table", source=source))
        factors_part = {}
    built_in = {f.name: f for f in DEFAULT_MODEL.factors}
    disabled = {
        name for name, spec in factors_part.items()
        if isinstance(spec, Mapping) and spec.get("enabled", True) is False
    }  # fmt: skip
    factors: dict[str, Factor] = {}
    for name in DEFAULT_MODEL.names:
        if name in disabled:
            continue
        factor = built_in[name]
        if factor.cancelled_by in disabled:  # the default's pairing goes with its caveat
            factor = dataclasses.replace(factor, cancelled_by=None)
        factors[name] = factor
    own_count = 0
    for name, spec in factors_part.items():
        where = message("core.model_file.factor", source=source, name=name)
        if not isinstance(spec, Mapping):
            problems.append(message("core.model_file.factor_not_table", where=where, name=name))
            continue
        _unknown_keys(spec, FACTOR_KEYS, where, problems)
        if name in disabled:
            continue
        if "enabled" in spec and spec["enabled"] is not True:
            problems.append(
                message("core.model_file.bad_enabled", where=where, value=shown(spec["enabled"]))
            )
        if name in built_in:
            base = factors[name]
        else:
            if not name.strip():
                problems.append(message("core.model_file.empty_name", source=source))
                continue
            missing = [key for key in ("label", "direction") if key not in spec]
            if missing:
                problems.append(
                    message(
                        "core.model_file.own_factor_needs", where=where, missing=quoted_all(missing)
                    )
                )
                continue
            base = _new_factor(name, OWN_COLOURS[own_count % len(OWN_COLOURS)])
            own_count += 1
        factor = _apply(base, spec, where, problems)
        caveat = factor.cancelled_by
        if caveat in disabled:
            problems.append(
                message("core.model_file.caveat_switched_off", where=where, caveat=caveat)
            )
        factors[name] = factor
    if not factors:
        problems.append(message("core.model_file.all_switched_off", source=source))
    rules = _rules(data.get("rules", {}), source, problems)
    dealbreakers = _dealbreakers(data.get("dealbreakers", []), source, problems)
    if problems:
        raise ModelError(problems)
    try:
        return DEFAULT_MODEL.replace(
            factors=tuple(factors.values()),
            desire=DEFAULT_MODEL.desire if DEFAULT_MODEL.desire in factors else None,
            keep_in_touch=(
                DEFAULT_MODEL.keep_in_touch if DEFAULT_MODEL.keep_in_touch in factors else None
            ),
            dealbreakers=dealbreakers,
            source=source,
            **rules,
        )
    except ModelError as error:
        raise ModelError(
            [
                message("core.model_file.in_file", source=source, problem=problem)
                for problem in error.problems
            ]
        ) from None


def _unknown_keys(
    spec: Mapping[str, Any], allowed: frozenset[str], where: object, problems: list[Message]
) -> None:
    for key in spec:
        if key not in allowed:
            near = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            values = {"where": where, "key": str(key), "allowed": quoted_all(sorted(allowed))}
            if near:
                problems.append(message("core.model_file.unknown_key_near", near=near[0], **values))
            else:
                problems.append(message("core.model_file.unknown_key", **values))


def _texts(
    value: object, where: object, key: str, problems: list[Message]
) -> Mapping[Language, str]:
    """Return a text in both languages from a string (both) or ``{en = …, de = …}``."""
    if isinstance(value, str) and value.strip():
        return MappingProxyType(dict.fromkeys(LANGUAGES, value.strip()))
    if isinstance(value, Mapping):
        texts = {lang: value.get(lang) for lang in LANGUAGES}
        extra = sorted(set(value) - set(LANGUAGES))
        if not extra and all(isinstance(t, str) and t.strip() for t in texts.values()):
            return MappingProxyType({lang: str(t).strip() for lang, t in texts.items()})
    problems.append(message("core.model_file.bad_text", where=where, key=key, value=shown(value)))
    return MappingProxyType(dict.fromkeys(LANGUAGES, "?"))


def _number(
    value: object, where: object, key: str, problems: list[Message], rule: str = "number"
) -> float | None:
    """Return ``value`` as a float, or note that it must be ``rule`` (number, scale, weight)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(
            message(
                "core.model_file.bad_number",
                where=where,
                key=key,
                rule=message(f"core.model_file.rule_{rule}"),
                value=shown(value),
            )
        )
        return None
    return float(value)


def _numbers(value: float) -> Mapping[Language, str]:
    """Return a number as each language writes it (an own factor's scale ends)."""
    return MappingProxyType({lang: number(value, lang) for lang in LANGUAGES})


def _new_factor(name: str, colour: str) -> Factor:
    """Return an own factor before its keys are applied: its name as text, scale 0-10."""
    named: Mapping[Language, str] = MappingProxyType(dict.fromkeys(LANGUAGES, name))
    low, high = (_numbers(end) for end in (RATING_MIN, RATING_MAX))
    return Factor(
        name=name, direction="benefit", weight=1.0, colour=colour, label=named, short=named,
        question=named, help_low=low, help_high=high,
    )  # fmt: skip


def _apply(base: Factor, spec: Mapping[str, Any], where: object, problems: list[Message]) -> Factor:
    """Return ``base`` with the keys of ``spec`` applied, collecting problems."""
    changes: dict[str, Any] = {}
    if "label" in spec:
        changes["label"] = _texts(spec["label"], where, "label", problems)
        changes.setdefault("short", changes["label"])
        changes.setdefault("question", changes["label"])
    if "short" in spec:
        changes["short"] = _texts(spec["short"], where, "short", problems)
    if "help" in spec:
        changes["question"] = _texts(spec["help"], where, "help", problems)
    if "direction" in spec:
        if spec["direction"] in ("benefit", "cost"):
            changes["direction"] = spec["direction"]
        else:
            problems.append(
                message(
                    "core.model_file.bad_direction", where=where, value=shown(spec["direction"])
                )
            )
    if "scale" in spec:
        scale = spec["scale"]
        numbers = (
            [_number(v, where, "scale", problems, "scale") for v in scale]
            if isinstance(scale, list) and len(scale) == 2
            else None
        )
        if numbers is None:
            problems.append(message("core.model_file.bad_scale", where=where, value=shown(scale)))
        elif None not in numbers:
            low, high = numbers
            if low is not None and high is not None and not low < high:
                problems.append(
                    message("core.model_file.scale_order", where=where, value=shown(scale))
                )
            changes["low"], changes["high"] = low, high
    if "weight" in spec:
        weight = _number(spec["weight"], where, "weight", problems, "weight")
        if weight is not None and weight < 0:
            problems.append(
                message("core.model_file.negative_weight", where=where, value=shown(spec["weight"]))
            )
        elif weight is not None:
            changes["weight"] = weight
    if "neutral" in spec:
        changes["neutral"] = _number(spec["neutral"], where, "neutral", problems)
    if "colour" in spec:
        if isinstance(spec["colour"], str) and spec["colour"].startswith("#"):
            changes["colour"] = spec["colour"]
        else:
            problems.append(message("core.model_file.bad_colour", where=where))
    if "cancelled_by" in spec:
        caveat = spec["cancelled_by"]
        if not isinstance(caveat, str):
            problems.append(
                message("core.model_file.bad_cancelled_by", where=where, value=shown(caveat))
            )
        else:
            changes["cancelled_by"] = caveat.strip() or None
    keep = {k: v for k, v in changes.items() if v is not None or k == "cancelled_by"}
    factor = dataclasses.replace(base, **keep)
    if factor.low != base.low or factor.high != base.high:
        factor = dataclasses.replace(
            factor, help_low=_numbers(factor.low), help_high=_numbers(factor.high)
        )
    return factor


def _rules(spec: object, source: str, problems: list[Message]) -> dict[str, float]:
    if not isinstance(spec, Mapping):
        problems.append(message("core.model_file.rules_not_table", source=source))
        return {}
    where = message("core.model_file.rules", source=source)
    _unknown_keys(spec, RULE_KEYS, where, problems)
    rules = {}
    for key in sorted(RULE_KEYS & set(spec)):
        value = _number(spec[key], where, key, problems)
        if value is not None:
            rules[key] = value
    if (
        "keep_in_touch_from" in rules
        and not RATING_MIN <= rules["keep_in_touch_from"] <= RATING_MAX
    ):
        problems.append(message("core.model_file.keep_in_touch_range", where=where))
    return rules


def _dealbreakers(spec: object, source: str, problems: list[Message]) -> tuple[Dealbreaker, ...]:
    if not isinstance(spec, list):
        problems.append(message("core.model_file.dealbreakers_not_list", source=source))
        return ()
    rules = []
    for k, entry in enumerate(spec):
        where = message("core.model_file.dealbreaker", source=source, n=k + 1)
        if not isinstance(entry, Mapping):
            problems.append(message("core.model_file.dealbreaker_not_table", where=where))
            continue
        column = entry.get("column")
        if isinstance(column, str):
            where = message(
                "core.model_file.dealbreaker_column", source=source, n=k + 1, column=column
            )
        _unknown_keys(entry, DEALBREAKER_KEYS, where, problems)
        if not isinstance(column, str) or not column.strip():
            problems.append(message("core.model_file.dealbreaker_no_column", where=where))
            continue
        bounds = {key: entry.get(key) for key in ("min", "max")}
        if all(value is None for value in bounds.values()):
            problems.append(message("core.dealbreakers.no_bounds", where=where))
            continue
        numbers = {
            key: _number(value, where, key, problems)
            for key, value in bounds.items()
            if value is not None
        }
        if None in numbers.values():
            continue
        label = (
            _texts(entry["label"], where, "label", problems)
            if "label" in entry
            else _default_label(column.strip(), numbers.get("min"), numbers.get("max"))
        )
        rule = Dealbreaker(column.strip(), label, numbers.get("min"), numbers.get("max"))
        problems.extend(rule.problems(where))
        rules.append(rule)
    return tuple(rules)


def _default_label(column: str, low: float | None, high: float | None) -> Mapping[Language, str]:
    """Return a deal-breaker's label when the file gives none: ``commute_min above 90``."""
    if low is not None and high is not None:
        key = "core.dealbreakers.label_outside"
    else:
        key = (
            "core.dealbreakers.label_below" if low is not None else "core.dealbreakers.label_above"
        )
    return MappingProxyType(
        {lang: text(key, lang, column=column, low=low, high=high) for lang in LANGUAGES}
    )


register_reader(load_model)

__all__ = ["load_model", "model_from_mapping"]
