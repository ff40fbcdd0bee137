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

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from types import MappingProxyType

from ..core.errors import PresetError, WeightsError
from ..core.i18n import LANGUAGES, Language, check_language, errors_in, message
from ..core.model import DEFAULT_MODEL, Model, check_model
from ..core.resources import PRESETS, data_path
from ..core.wording import quoted, quoted_all


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


_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _read_toml(path: Path, error: type[PresetError] | type[WeightsError]) -> dict[str, object]:
    file = str(path)
    if not path.is_file():
        raise error(message("io.presets.no_such_file", file=file))
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as problem:
        # tomllib's own words are English; the place it names is what helps.
        place = _TOML_PLACE.search(str(problem))
        if place is None:
            raise error(message("io.presets.invalid_toml", file=file)) from None
        line, column = int(place.group(1)), int(place.group(2))
        raise error(
            message("io.presets.invalid_toml_at", file=file, line=line, column=column)
        ) from None
    except UnicodeDecodeError:
        raise error(message("io.presets.not_utf8", file=file)) from None


def load_presets(
    path: str | PathLike[str] | None = None, *, model: Model | None = None, lang: str = "en"
) -> dict[str, Preset]:
    """Read every preset, in file order (default: the bundled ``presets.toml``).

    Each preset's weights are checked against ``model`` and completed with its
    default weights; a preset naming a factor the model lacks is an error (in ``lang``).
    """
    with errors_in(lang):
        return _read_presets(path, check_model(model), skip_other_factors=False)


def presets_for(
    model: Model | None = None, path: str | PathLike[str] | None = None, *, lang: str = "en"
) -> dict[str, Preset]:
    """Read the presets that fit ``model``: those naming only factors it has.

    A built-in factor the model switches off does not count against a preset (its
    weight is left out), but a preset must still name a factor the model has. The
    apps offer these: a model with factors of its own, or without some built-in
    ones, still gets every preset written for the rest, and none that would not apply.
    Errors read in ``lang``.
    """
    with errors_in(lang):
        return _read_presets(path, check_model(model), skip_other_factors=True)


def _read_presets(
    path: str | PathLike[str] | None, model: Model, skip_other_factors: bool
) -> dict[str, Preset]:
    file = Path(path) if path is not None else data_path(PRESETS)
    document = _read_toml(file, PresetError)
    presets: dict[str, Preset] = {}
    for name, entry in document.items():
        where = message("io.presets.where", file=str(file), name=quoted(name))
        if not isinstance(entry, dict):
            keys = ["label", "description", "weights"]
            raise PresetError(message("io.presets.not_table", where=where, keys=quoted_all(keys)))
        texts: dict[str, Mapping[Language, str]] = {}
        for field in ("label", "description"):
            value = entry.get(field)
            if not (
                isinstance(value, dict) and all(isinstance(value.get(k), str) for k in ("en", "de"))
            ):
                raise PresetError(
                    message(
                        "io.presets.texts_missing",
                        where=where,
                        key=quoted(field),
                        languages=quoted_all(LANGUAGES),
                    )
                )
            pair: dict[Language, str] = {"en": value["en"], "de": value["de"]}
            texts[field] = MappingProxyType(pair)
        weights = entry.get("weights")
        if not isinstance(weights, dict):
            raise PresetError(
                message("io.presets.weights_missing", where=where, key=quoted("weights"))
            )
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
    name: str,
    path: str | PathLike[str] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
) -> dict[str, float]:
    """Return the complete weights of the preset called ``name``, for ``model``.

    Errors read in ``lang``.
    """
    with errors_in(lang):
        presets = load_presets(path, model=model)
        if name not in presets:
            raise PresetError(
                message("io.presets.unknown", name=quoted(name), names=quoted_all(presets))
            )
        return dict(presets[name].weights)


def load_weights(
    path: str | PathLike[str], *, model: Model | None = None, lang: str = "en"
) -> dict[str, float]:
    """Read a TOML weights file (``factor = weight``); omitted factors keep ``model``'s defaults.

    Errors read in ``lang``.
    """
    file = Path(path)
    with errors_in(lang):
        weights = _read_toml(file, WeightsError)
        return check_model(model).resolve_weights(weights, source=str(file))


__all__ = ["Preset", "load_presets", "load_weights", "preset_weights", "presets_for"]
