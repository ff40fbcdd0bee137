"""Score invitations: the checked entry point to the model's kernel.

:func:`evaluate` validates once, scores with :meth:`interview_lab.Model.score` and
returns the input's columns with the verdicts; the formula, the verdict rules and
the borderline check are documented in :mod:`interview_lab.core.model`.
"""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike

import numpy as np
import pandas as pd

from ..core.dealbreakers import check_dealbreakers
from ..core.i18n import Language, check_language, errors_in
from ..core.model import VERDICT_DTYPE, Model, check_model
from ..core.offers import Where
from ..io.offers import checked_columns, read_source
from ..text.dealbreakers import dealbreaker_texts
from ..text.explain import explanation_array


def resolve_weights(
    weights: Mapping[str, object] | None = None,
    source: str = "weights",
    *,
    model: Model | None = None,
) -> dict[str, float]:
    """Complete, validated weights: ``weights`` over the model's default weights."""
    return check_model(model).resolve_weights(weights, source)


def _text_array(texts: np.ndarray) -> object:
    """Return the column pandas makes of a list of ``str``, from an object array of them.

    The dtype is pandas's default string dtype, as for a list; the array is not
    inferred or copied again.
    """
    dtype = pd.StringDtype(na_value=np.nan)
    if dtype.storage == "python":
        return pd.arrays.StringArray(texts, dtype=dtype)  # type: ignore[call-arg]  # stubs lag pandas 3
    return pd.array(texts, dtype=dtype)


def evaluate(
    offers: pd.DataFrame | str | PathLike[str],
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
    explain: bool = True,
) -> pd.DataFrame:
    """Score every invitation and return a new DataFrame with the verdicts.

    Parameters
    ----------
    offers
        One row per invitation with the columns ``offer`` and one rating per factor
        of the model; any other columns are kept as they are. A path is read as
        :func:`interview_lab.load_offers` reads it.
    weights
        Priorities, factor -> non-negative number on any scale. Factors left out
        keep the model's default weight; zero removes a factor.
    model
        The decision model (:class:`interview_lab.Model`); default
        :data:`interview_lab.DEFAULT_MODEL`, the six factors of the domain.
    lang
        Language of the ``explanation`` column: ``"en"`` or ``"de"``.
    explain
        ``False`` leaves out the ``explanation`` column (fast bulk scoring).

    Returns
    -------
    pandas.DataFrame
        The input columns in order (results of an earlier ``evaluate`` are
        replaced), then ``score``, ``verdict`` (an ordered categorical:
        ``decline`` < ``decline_keep_in_touch`` < ``accept``), ``borderline`` (a
        small change flips go / don't-go), ``flips_to`` (the verdict such a change
        gives, missing when none does), one ``contribution_<factor>`` per factor
        (they sum to ``score``) and ``explanation``. The input is never mutated.
        ``result.attrs`` holds the complete ``weights`` used and the ``model``.

    """
    with errors_in(check_language(lang)):
        return evaluate_at(*read_source(offers), weights, model=model, lang=lang, explain=explain)


def evaluate_at(
    offers: object,
    where: Where,
    weights: Mapping[str, object] | None = None,
    *,
    model: Model | None = None,
    lang: str = "en",
    explain: bool = True,
) -> pd.DataFrame:
    """:func:`evaluate` a table read from ``where``, so errors name its file and rows."""
    language = check_language(lang)
    with errors_in(language):
        return _evaluate_at(offers, where, weights, model, language, explain)


def _evaluate_at(
    offers: object,
    where: Where,
    weights: Mapping[str, object] | None,
    model: Model | None,
    language: Language,
    explain: bool,
) -> pd.DataFrame:
    model = check_model(model)
    resolved = model.resolve_weights(weights)
    table, columns, values = checked_columns(offers, where, model)
    normalised = model.normalise(resolved)
    cols = model.to_scale(values)
    scores = model.score(cols, normalised, cancelled=explain)
    if model.dealbreakers:
        broken, unknown = check_dealbreakers(table, model.dealbreakers, where, model.source)
        model.block_accept(scores, cols, normalised, np.any(broken, axis=1))
        listed, notes = dealbreaker_texts(broken, unknown, model.dealbreakers, language)

    # Results of an earlier evaluate are replaced; everything else is kept in order.
    for name in model.result_columns:
        columns.pop(name, None)
    columns["score"] = scores.score
    columns["verdict"] = pd.Categorical.from_codes(scores.verdict, dtype=VERDICT_DTYPE)
    columns["borderline"] = scores.borderline
    columns["flips_to"] = pd.Categorical.from_codes(scores.flips_to, dtype=VERDICT_DTYPE)
    if model.dealbreakers:
        columns["dealbreakers"] = listed
    for j, name in enumerate(model.names):
        columns[f"contribution_{name}"] = scores.contributions[j]
    if explain:
        texts = explanation_array(scores, cols, normalised, language, model)
        if model.dealbreakers:  # the explanation starts with the broken rules
            texts = np.array(
                [
                    f"{note} {text}" if note else text
                    for note, text in zip(notes, texts.tolist(), strict=True)
                ],
                dtype=object,
            )
        columns["explanation"] = _text_array(texts)
    result = pd.DataFrame(columns, index=table.index, copy=False)
    result.attrs["weights"] = dict(resolved)
    result.attrs["model"] = model
    return result


__all__ = ["evaluate", "evaluate_at", "resolve_weights"]
