"""Weight presets (personas) and weights files.

Presets live in ``data/presets.toml`` so a coach can edit them; a weights file is a
TOML table ``factor = weight``. Both are validated like any other weights, against
the factors of a model (``model=``, default :data:`interview_lab.DEFAULT_MODEL`):
factors a preset leaves out keep the model's default weight. The bundled presets
are written for the built-in factors; a model that switches some of them off (a
model file's ``enabled = false``) still gets them, without those factors' weights,
and its own factors keep their default weights.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from types import MappingProxyType

from ..core.errors import PresetError, WeightsError
from ..core.i18n import Language, check_language
from ..core.model import DEFAULT_MODEL, Model, check_model
from ..core.resources import PRESETS, data_path


@dataclass(frozen=True)
class Preset:
    """A named set of priorities with a label and description in each language."""

    name: str
    label: Mapping[Language, str]
    description: Mapping[Language, str]
    weights: Mapping[str, float]

    def text(self, field: str, lang: str) -> str:
        """Return ``label`` or ``description`` in ``lang``."""
        texts: Mapping[Language, str] = getattr(self, field)
        return texts[check_language(lang)]


def _read_toml(path: Path, error: type[PresetError] | type[WeightsError]) -> dict[str, object]:
    if not path.is_file():
        raise error(f"{path}: no such file; expected a TOML file.")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path}: not valid TOML ({problem}).") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not valid TOML (the file is not UTF-8 text).") from None


def load_presets(
    path: str | PathLike[str] | None = None, *, model: Model | None = None
) -> dict[str, Preset]:
    """Read every preset, in file order (default: the bundled ``presets.toml``).

    Each preset's weights are checked against ``model`` and completed with its
    default weights; a preset naming a factor the model lacks is an error.
    """
    return _read_presets(path, check_model(model), skip_other_factors=False)


def presets_for(
    model: Model | None = None, path: str | PathLike[str] | None = None
) -> dict[str, Preset]:
    """Read the presets that fit ``model``: those naming only factors it has.

    A built-in factor the model switches off does not count against a preset (its
    weight is left out), but a preset must still name a factor the model has. The
    apps offer these: a model with factors of its own, or without some built-in
    ones, still gets every preset written for the rest, and none that would not apply.
    """
    return _read_presets(path, check_model(model), skip_other_factors=True)


def _read_presets(
    path: str | PathLike[str] | None, model: Model, skip_other_factors: bool
) -> dict[str, Preset]:
    file = Path(path) if path is not None else data_path(PRESETS)
    document = _read_toml(file, PresetError)
    presets: dict[str, Preset] = {}
    for name, entry in document.items():
        where = f"{file}, preset {name!r}"
        if not isinstance(entry, dict):
            raise PresetError(f"{where}: expected a table with label, description and weights.")
        texts: dict[str, Mapping[Language, str]] = {}
        for field in ("label", "description"):
            value = entry.get(field)
            if not (
                isinstance(value, dict) and all(isinstance(value.get(k), str) for k in ("en", "de"))
            ):
                raise PresetError(f"{where}: {field!r} needs texts for 'en' and 'de'.")
            pair: dict[Language, str] = {"en": value["en"], "de": value["de"]}
            texts[field] = MappingProxyType(pair)
        weights = entry.get("weights")
        if not isinstance(weights, dict):
            raise PresetError(f"{where}: expected a 'weights' table of factor = weight.")
        switched_off = set(DEFAULT_MODEL.names) - set(model.names)
        if set(weights) & switched_off:
            weights = {k: v for k, v in weights.items() if k not in switched_off}
            if skip_other_factors and not weights:
                continue  # it spoke only of factors this model does without
        if skip_other_factors and not set(weights) <= set(model.names):
            continue
        presets[name] = Preset(
            name=name,
            label=texts["label"],
            description=texts["description"],
            weights=MappingProxyType(model.resolve_weights(weights, source=where)),
        )
    return presets


def preset_weights(
    name: str, path: str | PathLike[str] | None = None, *, model: Model | None = None
) -> dict[str, float]:
    """Return the complete weights of the preset called ``name``, for ``model``."""
    presets = load_presets(path, model=model)
    if name not in presets:
        raise PresetError(f"unknown preset {name!r}; expected one of {list(presets)}.")
    return dict(presets[name].weights)


def load_weights(path: str | PathLike[str], *, model: Model | None = None) -> dict[str, float]:
    """Read a TOML weights file (``factor = weight``); omitted factors keep ``model``'s defaults."""
    file = Path(path)
    return check_model(model).resolve_weights(_read_toml(file, WeightsError), source=str(file))


__all__ = ["Preset", "load_presets", "load_weights", "preset_weights", "presets_for"]
