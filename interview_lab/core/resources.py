"""Where the bundled example data and presets are, in a checkout and after install."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
# A wheel carries a copy of the top-level data/ folder here (pyproject.toml,
# force-include); a checkout or an editable install reads data/ itself.
_CANDIDATES = (_PACKAGE / "_bundled_data", _PACKAGE.parent / "data")

EXAMPLE_OFFERS = "offers_example.csv"
PRESETS = "presets.toml"


def data_path(name: str) -> Path:
    """Return the path of a bundled data file such as ``"offers_example.csv"``."""
    for folder in _CANDIDATES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    from .i18n import text  # a packaging error, for the developer: in English

    searched = ", ".join(str(folder) for folder in _CANDIDATES)
    raise FileNotFoundError(text("core.resource_missing", "en", name=name, folders=searched))
