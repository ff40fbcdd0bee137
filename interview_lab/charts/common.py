"""What every chart shares: escaping user text, the verdict palette, markers, the model.

User text (offer names, notes) is escaped before it reaches plotly, which renders a
subset of HTML in labels and hovers: ``<img src=x onerror=...>`` shows as text
(:func:`escape`). Verdicts have one colour-blind-safe palette (Okabe-Ito) across all charts;
factor colours, labels and order come from the :class:`~interview_lab.Model`.
:func:`broken_rules` reads the deal-breakers an evaluated table's offers break,
which the charts, apps and report show next to the verdict.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..core.i18n import text
from ..core.model import DEFAULT_MODEL, Model, check_model

#: One colour per verdict (Okabe-Ito, safe for the common colour-vision deficiencies).
VERDICT_COLOURS: Mapping[str, str] = {
    "accept": "#009E73",
    "decline_keep_in_touch": "#56B4E9",
    "decline": "#D55E00",
}
#: The same hues darkened for text on white: a contrast of at least 4.5:1 (WCAG AA),
#: checked by tests/test_charts.py.
VERDICT_TEXT_COLOURS: Mapping[str, str] = {
    "accept": "#00815E",
    "decline_keep_in_touch": "#39789C",
    "decline": "#BB5200",
}
#: Axes end at a multiple of this, so they rarely move on a redraw.
AXIS_STEP = 0.5


def escape(value: object) -> str:
    """Make user text safe for plotly labels and hovers (newlines become line breaks).

    Plotly turns ``<b>``, ``<a href=...>``, ``<br>`` and the like into markup and then
    decodes the entities ``&lt;``, ``&gt;``, ``&amp;`` (a few more) and numeric ones
    such as ``&#34;``, but not ``&quot;``. So ``&``, ``<`` and ``>`` are escaped by
    name (no tag can start, no entity of the user's is decoded), and quotes as
    numeric entities: plotly shows them as ``"`` and ``'``, and the same text is
    also safe in an HTML attribute of an app's page.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return _escaped(str(value))


#: Quotes as the numeric entities plotly and browsers both decode.
_QUOTES = str.maketrans({'"': "&#34;", "'": "&#x27;"})


@functools.lru_cache(maxsize=16_384)
def _escaped(text: str) -> str:
    # Offer names are escaped on every redraw: remembering them is 10x faster.
    return html.escape(text, quote=False).translate(_QUOTES).replace("\n", "<br>")


def verdict_label(verdict: str, lang: str = "en") -> str:
    """Name a verdict code in ``lang``: "go", "decline, keep in touch" / "zusagen", ..."""
    if verdict not in VERDICT_COLOURS:
        raise KeyError(f"unknown verdict {verdict!r}; expected one of {list(VERDICT_COLOURS)}")
    return text(f"common.verdict.{verdict}", lang)


def text_array(values: Iterable[str]) -> np.ndarray:
    """Put strings in a 1-D object array: plotly takes it whole, a list item by item."""
    items = list(values)
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array


def chart_model(table: object, model: Model | None = None) -> Model:
    """Return the model to chart ``table`` with: ``model``, else the one it was made with.

    :func:`interview_lab.evaluate` (and every analysis built on it) records its model
    in ``attrs["model"]``; a table without one is charted with the default model.
    """
    if model is not None:
        return check_model(model)
    attrs = getattr(table, "attrs", None)
    recorded = attrs.get("model") if isinstance(attrs, dict) else None
    return recorded if isinstance(recorded, Model) else DEFAULT_MODEL


def broken_rules(table: pd.DataFrame) -> list[str]:
    """Per row, the deal-breakers it breaks as one text ("" when none), unescaped.

    Reads the ``dealbreakers`` column :func:`interview_lab.evaluate` adds for a model
    with deal-breakers; a table without it (or a blank cell) breaks none.
    """
    if "dealbreakers" not in table.columns:
        return [""] * len(table)
    return [
        "" if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))
        else str(value)
        for value in table["dealbreakers"].tolist()
    ]  # fmt: skip


def vertical_marker(x: float, label: str, xanchor: str = "center") -> dict[str, list[Any]]:
    """Layout ``shapes`` and ``annotations`` for a dashed vertical line labelled on top."""
    return {
        "shapes": [
            {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper",
             "line": {"color": "black", "dash": "dash", "width": 2}}
        ],
        "annotations": [
            {"x": x, "y": 1, "yref": "paper", "text": escape(label), "showarrow": False,
             "xanchor": xanchor, "yanchor": "bottom"}
        ],
    }  # fmt: skip


__all__ = [
    "AXIS_STEP",
    "VERDICT_COLOURS",
    "VERDICT_TEXT_COLOURS",
    "broken_rules",
    "chart_model",
    "escape",
    "text_array",
    "verdict_label",
    "vertical_marker",
]
