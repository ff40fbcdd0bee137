"""Small renderable values for the core's messages: names and values in the reader's language.

A :class:`~interview_lab.core.i18n.Message` renders every value that has a
``render(lang)`` method in the language of the reader, so the parts of a message that
depend on the language (a factor's name, a quoted list, a value someone typed) are
built here once.

>>> shown([2.5, "x"]).render("de"), shown(float("inf")).render("de")  # type: ignore[attr-defined]
('[2,5, „x“]', 'unendlich')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .i18n import Language, Message, check_language, message


@dataclass(frozen=True)
class Wording:
    """A text given in each language (a factor's short name, a deal-breaker's label)."""

    texts: Mapping[Language, str]

    def render(self, lang: str = "en") -> str:
        """Return the text in ``lang``."""
        return self.texts[check_language(lang)]

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class Joined:
    """Items rendered in the language and joined by ``separator`` (``a → b → a``)."""

    items: tuple[object, ...]
    separator: str = " → "

    def render(self, lang: str = "en") -> str:
        """Return the items joined, each rendered in ``lang``."""
        return self.separator.join(
            item.render(lang) if isinstance(item, Message | Wording | Joined) else str(item)
            for item in self.items
        )

    def __str__(self) -> str:
        return self.render("en")


def quoted(name: object) -> Message:
    """Return a name quoted the language's way: ``'Acme'`` / ``„Acme“``."""
    return message("core.quoted", name=name)


def quoted_all(names: Iterable[object]) -> list[Message]:
    """Return every name of ``names`` quoted (for ``{names:list}`` and ``{names:and}``)."""
    return [quoted(name) for name in names]


def shown(value: object) -> object:
    """Return a value someone gave as a message shows it after "got" (text quoted).

    Numbers are formatted in the reader's language; NaN and infinities are words; a
    list is shown like the list a person wrote; anything else by its Python form.
    """
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, bool):
        return message("core.true" if value else "core.false")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return message("core.nan")
        if math.isinf(value):
            return message("core.infinity" if value > 0 else "core.minus_infinity")
        return value
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is a dependency
        np = None  # type: ignore[assignment]
    if np is not None and isinstance(value, np.integer | np.floating):
        return shown(value.item())
    if isinstance(value, list | tuple):
        items = [shown(item) for item in value]
        return message(
            "core.bracketed",
            items=[message("core.number", value=item) if _number(item) else item for item in items],
        )
    if value is None:
        return message("core.nothing")
    return repr(value)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
