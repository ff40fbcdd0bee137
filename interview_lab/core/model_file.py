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
(did you mean 'weight'?); allowed keys are ['cancelled_by', 'colour', 'direction', \
'enabled', 'help', 'label', 'neutral', 'scale', 'short', 'weight'].
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import tomllib
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ModelError
from .factors import RATING_MAX, RATING_MIN, Dealbreaker, Factor
from .i18n import LANGUAGES, Language
from .model import DEFAULT_MODEL, Model, register_reader

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
        raise ModelError(f"{file}: no such model file; give the path of a .toml file.")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ModelError(f"{file}: not a text file in UTF-8; save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as error:
        raise ModelError(f"{file}: not valid TOML ({error}).") from None
    return model_from_mapping(data, str(file))


def model_from_mapping(data: Mapping[str, Any], source: str = "model") -> Model:
    """Build a model from the parsed contents of a model file (see the module docs)."""
    problems: list[str] = []
    _unknown_keys(data, TOP_KEYS, source, problems)
    factors_part = data.get("factors", {})
    if not isinstance(factors_part, Mapping):
        problems.append(f"{source}: 'factors' must be a table of [factors.NAME] sections")
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
        where = f"{source}, factor {name!r}"
        if not isinstance(spec, Mapping):
            problems.append(f"{where}: must be a table of keys, e.g. [factors.{name}]")
            continue
        _unknown_keys(spec, FACTOR_KEYS, where, problems)
        if name in disabled:
            continue
        if "enabled" in spec and spec["enabled"] is not True:
            problems.append(f"{where}: 'enabled' must be true or false, got {spec['enabled']!r}")
        if name in built_in:
            base = factors[name]
        else:
            if not name.strip():
                problems.append(f"{source}: a factor has an empty name; name every factor")
                continue
            missing = [key for key in ("label", "direction") if key not in spec]
            if missing:
                problems.append(f"{where}: an own factor needs {missing}")
                continue
            base = _new_factor(name, OWN_COLOURS[own_count % len(OWN_COLOURS)])
            own_count += 1
        factor = _apply(base, spec, where, problems)
        caveat = factor.cancelled_by
        if caveat in disabled:
            problems.append(
                f"{where}: cancelled_by names {caveat!r}, which this file switches off; "
                "name an enabled factor or leave cancelled_by out"
            )
        factors[name] = factor
    if not factors:
        problems.append(f"{source}: every factor is switched off; keep at least one enabled")
    rules = _rules(data.get("rules", {}), source, problems)
    dealbreakers = _dealbreakers(data.get("dealbreakers", []), source, problems)
    if problems:
        raise ModelError([p + "." for p in problems])
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
        raise ModelError([f"{source}: {problem}" for problem in error.problems]) from None


def _unknown_keys(
    spec: Mapping[str, Any], allowed: frozenset[str], where: str, problems: list[str]
) -> None:
    for key in spec:
        if key not in allowed:
            near = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            problems.append(
                f"{where}: unknown key {key!r}{hint}; allowed keys are {sorted(allowed)}"
            )


def _texts(value: object, where: str, key: str, problems: list[str]) -> Mapping[Language, str]:
    """Return a text in both languages from a string (both) or ``{en = …, de = …}``."""
    if isinstance(value, str) and value.strip():
        return MappingProxyType(dict.fromkeys(LANGUAGES, value.strip()))
    if isinstance(value, Mapping):
        texts = {lang: value.get(lang) for lang in LANGUAGES}
        extra = sorted(set(value) - set(LANGUAGES))
        if not extra and all(isinstance(t, str) and t.strip() for t in texts.values()):
            return MappingProxyType({lang: str(t).strip() for lang, t in texts.items()})
    problems.append(
        f'{where}: {key!r} must be a text or {{ en = "…", de = "…" }} with both languages, '
        f"got {value!r}"
    )
    return MappingProxyType(dict.fromkeys(LANGUAGES, "?"))


def _number(value: object, where: str, key: str, problems: list[str], rule: str) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(f"{where}: {key!r} must be {rule}, got {value!r}")
        return None
    return float(value)


def _new_factor(name: str, colour: str) -> Factor:
    """Return an own factor before its keys are applied: its name as text, scale 0-10."""
    named: Mapping[Language, str] = MappingProxyType(dict.fromkeys(LANGUAGES, name))
    low, high = (
        MappingProxyType(dict.fromkeys(LANGUAGES, f"{end:g}")) for end in (RATING_MIN, RATING_MAX)
    )
    return Factor(
        name=name, direction="benefit", weight=1.0, colour=colour, label=named, short=named,
        question=named, help_low=low, help_high=high,
    )  # fmt: skip


def _apply(base: Factor, spec: Mapping[str, Any], where: str, problems: list[str]) -> Factor:
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
                f"{where}: direction must be 'benefit' or 'cost', got {spec['direction']!r}"
            )
    if "scale" in spec:
        scale = spec["scale"]
        numbers = (
            [_number(v, where, "scale", problems, "two numbers [low, high]") for v in scale]
            if isinstance(scale, list) and len(scale) == 2
            else None
        )
        if numbers is None:
            problems.append(f"{where}: 'scale' must be [low, high], got {scale!r}")
        elif None not in numbers:
            low, high = numbers
            if low is not None and high is not None and not low < high:
                problems.append(f"{where}: 'scale' needs low below high, got {scale!r}")
            changes["low"], changes["high"] = low, high
    if "weight" in spec:
        weight = _number(spec["weight"], where, "weight", problems, "a number >= 0")
        if weight is not None and weight < 0:
            problems.append(f"{where}: 'weight' must be a number >= 0, got {spec['weight']!r}")
        elif weight is not None:
            changes["weight"] = weight
    if "neutral" in spec:
        changes["neutral"] = _number(spec["neutral"], where, "neutral", problems, "a number")
    if "colour" in spec:
        if isinstance(spec["colour"], str) and spec["colour"].startswith("#"):
            changes["colour"] = spec["colour"]
        else:
            problems.append(f"{where}: 'colour' must be a colour like \"#117733\"")
    if "cancelled_by" in spec:
        caveat = spec["cancelled_by"]
        if not isinstance(caveat, str):
            problems.append(f"{where}: 'cancelled_by' must name a factor, got {caveat!r}")
        else:
            changes["cancelled_by"] = caveat.strip() or None
    keep = {k: v for k, v in changes.items() if v is not None or k == "cancelled_by"}
    factor = dataclasses.replace(base, **keep)
    if factor.low != base.low or factor.high != base.high:
        factor = dataclasses.replace(
            factor,
            help_low=MappingProxyType(dict.fromkeys(LANGUAGES, f"{factor.low:g}")),
            help_high=MappingProxyType(dict.fromkeys(LANGUAGES, f"{factor.high:g}")),
        )
    return factor


def _rules(spec: object, source: str, problems: list[str]) -> dict[str, float]:
    if not isinstance(spec, Mapping):
        problems.append(f"{source}: 'rules' must be a table [rules]")
        return {}
    _unknown_keys(spec, RULE_KEYS, f"{source}, [rules]", problems)
    rules = {}
    for key in RULE_KEYS & set(spec):
        value = _number(spec[key], f"{source}, [rules]", key, problems, "a number")
        if value is not None:
            rules[key] = value
    if (
        "keep_in_touch_from" in rules
        and not RATING_MIN <= rules["keep_in_touch_from"] <= RATING_MAX
    ):
        problems.append(f"{source}, [rules]: 'keep_in_touch_from' must be from 0 to 10")
    return rules


def _dealbreakers(spec: object, source: str, problems: list[str]) -> tuple[Dealbreaker, ...]:
    if not isinstance(spec, list):
        problems.append(f"{source}: write deal-breakers as [[dealbreakers]] sections")
        return ()
    rules = []
    for k, entry in enumerate(spec):
        where = f"{source}, deal-breaker {k + 1}"
        if not isinstance(entry, Mapping):
            problems.append(f"{where}: must be a [[dealbreakers]] section")
            continue
        column = entry.get("column")
        if isinstance(column, str):
            where = f"{where} ({column!r})"
        _unknown_keys(entry, DEALBREAKER_KEYS, where, problems)
        if not isinstance(column, str) or not column.strip():
            problems.append(f"{where}: 'column' must name a numeric column of the offers")
            continue
        bounds = {key: entry.get(key) for key in ("min", "max")}
        if all(value is None for value in bounds.values()):
            problems.append(f"{where}: give 'min', 'max' or both (numbers in the column's units)")
            continue
        numbers = {
            key: _number(value, where, key, problems, "a number")
            for key, value in bounds.items()
            if value is not None
        }
        if None in numbers.values():
            continue
        default = f"{column} {'below ' + format(numbers['min'], 'g') if 'min' in numbers else ''}"
        label = (
            _texts(entry["label"], where, "label", problems)
            if "label" in entry
            else MappingProxyType(dict.fromkeys(LANGUAGES, default.strip()))
        )
        rule = Dealbreaker(column.strip(), label, numbers.get("min"), numbers.get("max"))
        problems.extend(rule.problems(where))
        rules.append(rule)
    return tuple(rules)


register_reader(load_model)

__all__ = ["load_model", "model_from_mapping"]
