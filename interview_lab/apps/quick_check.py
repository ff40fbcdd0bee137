"""The quick check: one invitation, right now: the questions, the verdict and a reply.

    app = quick_check(lang="de")
    app.answers["interest"].value = 8
    app.result["verdict"].iloc[0], app.reply.value

One question per factor of the model (``model=``), answered on the factor's own
scale, a waterfall of how the score adds up, the verdict with its explanation and a
draft reply to copy. For a model with deal-breakers the verdict says which rule the
answers break; a deal-breaker on a column that is no factor gets a field of its own
(blank: not known).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..analysis.evaluate import evaluate
from ..charts.common import VERDICT_TEXT_COLOURS, broken_rules, escape, verdict_label
from ..charts.comparison import SPECS, ChartData
from ..core.dealbreakers import check_dealbreakers
from ..core.i18n import errors_in, has_text, number
from ..core.model import Model
from ..core.offers import Where
from ..text.advice import advice, advice_title
from ..text.replies import REPLY_FIELDS, clean_field, draft_reply, follow_up_checklist
from .base import (
    CONTROL_LOOK,
    ChartPanel,
    PrioritiesApp,
    advice_html,
    dealbreaker_columns,
    dealbreaker_html,
    dealbreaker_label,
    libraries,
    rating_slider,
    scale_ends,
)


class QuickCheckApp(PrioritiesApp):
    """One invitation, right now: the questions, the verdict and a reply; see quick_check."""

    AREA = "quick_check"

    def __init__(
        self,
        offer: Mapping[str, Any] | pd.Series | None = None,
        weights: Mapping[str, object] | None = None,
        lang: str = "en",
        *,
        model: Model | None = None,
    ) -> None:
        widgets = libraries()
        self._init_priorities(weights, lang, model)
        start = {str(k): v for k, v in (offer.items() if offer is not None else [])}
        self.offer_name = clean_field(start.get("offer"))
        self.answers = {
            f.name: rating_slider(
                widgets,
                f,
                value=float(start.get(f.name, (f.low + f.high) / 2)),
                continuous_update=True,
            )
            for f in self.model.factors
        }
        for answer in self.answers.values():
            answer.observe(self._input_changed, names="value")
        #: Each answer's slider beside its read-out, as the page shows them.
        self.answer_rows = {name: self.readouts.row(s) for name, s in self.answers.items()}
        #: A field per deal-breaker column that is no factor (blank: not known).
        self.values = {
            column: widgets.Text(
                value=_shown_value(start.get(column), self.lang),
                continuous_update=False,
                **CONTROL_LOOK,
            )
            for column in dealbreaker_columns(self.model)
        }
        for value in self.values.values():
            value.observe(self._input_changed, names="value")
        self.values_help = {column: widgets.HTML() for column in self.values}
        self.questions = {f.name: widgets.HTML() for f in self.model.factors}
        self.scale_help = {f.name: widgets.HTML() for f in self.model.factors}
        self.details = {
            field: widgets.Text(value=clean_field(start.get(field)), **CONTROL_LOOK)
            for field in REPLY_FIELDS
        }
        for text in self.details.values():
            text.observe(self._input_changed, names="value")
        self.title = widgets.HTML()
        self.details_title = widgets.HTML()
        self.verdict = widgets.HTML()
        #: The article's advice for the verdict: before and after the call, or what next.
        self.advice = widgets.HTML()
        self.reply_title = widgets.HTML()
        self.reply = widgets.Textarea(layout={"width": "100%", "height": "15em"})
        self.checklist = widgets.HTML()
        self.result = self._evaluate(self.offer_row())
        # As wide as the page (and following it).
        self.chart = ChartPanel(SPECS["waterfall"], ChartData.of(self.result), self.lang).chart
        self.figures = {"waterfall": self.chart.figure}
        self.priorities = widgets.Accordion(
            [widgets.VBox([self.preset, *self.slider_rows, self.reset])]
        )
        self.root = widgets.VBox(
            [
                self.title,
                self.language,
                *(
                    widget
                    for f in self.model.factors
                    for widget in (
                        self.questions[f.name],
                        self.answer_rows[f.name],
                        self.scale_help[f.name],
                    )
                ),
                *(w for c, v in self.values.items() for w in (v, self.values_help[c])),
                self.priorities,
                self.messages,
                self.verdict,
                self.advice,
                self.chart.figure,
                self.details_title,
                *self.details.values(),
                self.reply_title,
                self.reply,
                self.checklist,
            ]
        )
        with self._quietly():
            self._relabel()
            self._match_preset()
        self.refresh()

    def offer_row(self) -> dict[str, Any]:
        """Return the invitation as one offer row: name, answers, deal-breaker values, reply fields.

        A deal-breaker value is passed on as typed: :func:`interview_lab.evaluate`
        reads it (a decimal comma is fine), a blank one is not known.
        """
        name = (
            self.offer_name or self.details["role"].value.strip() or self._text("this_invitation")
        )
        return {
            "offer": name,
            **{name_: float(slider.value) for name_, slider in self.answers.items()},
            **{column: text.value for column, text in self.values.items()},
            **{field: text.value for field, text in self.details.items()},
        }

    def refresh(self, offers_changed: bool = True) -> None:
        """Re-evaluate the invitation and update the verdict, the chart and the reply."""
        row = self.offer_row()
        result = self._evaluate(row)
        self.result = result
        self.chart.draw(ChartData.of(result), self.lang)
        verdict = str(result["verdict"].iloc[0])
        colour = VERDICT_TEXT_COLOURS[verdict]
        # The explanation names the verdict a small change would give (flips_to).
        warning = (
            f"<p style='background:#FFF4CC;padding:6px'><b>{escape(self._text('warning'))}</b></p>"
            if bool(result["borderline"].iloc[0])
            else ""
        )
        rules = broken_rules(result)[0]
        broken = f"<p>{dealbreaker_html(rules, self.lang)}</p>" if rules else ""
        self.verdict.value = (
            f"<h3 style='color:{colour}'>{escape(verdict_label(verdict, self.lang))}</h3>"
            f"{broken}{warning}<p>{escape(result['explanation'].iloc[0])}</p>"
        )
        self._show_scale_help(self._broken_by_column(row))
        self.reply.value = draft_reply(row, verdict=verdict, lang=self.lang)
        self._show_advice(row, verdict)
        steps = follow_up_checklist(self.lang) if verdict == "decline_keep_in_touch" else []
        self.checklist.value = (
            f"<b>{escape(self._text('next'))}</b><ul>"
            + "".join(f"<li>{escape(step)}</li>" for step in steps)
            + "</ul>"
            if steps
            else ""
        )
        self.messages.value = ""

    def _show_advice(self, row: Mapping[str, Any], verdict: str) -> None:
        """Show the article's advice for the verdict, short.

        The follow-up steps of a keep-in-touch decline are the checklist below the
        reply, so they are not repeated here.
        """
        paragraphs = advice(row, self.lang, self.weights, model=self.model, verdict=verdict)
        if verdict == "decline_keep_in_touch":
            paragraphs = [p for p in paragraphs if "\n- " not in p]
        self.advice.value = (
            f"<h4>{escape(advice_title(verdict, self.lang))}</h4>{advice_html(paragraphs)}"
        )

    def _evaluate(self, row: Mapping[str, Any]) -> pd.DataFrame:
        return evaluate(pd.DataFrame([row]), self.weights, model=self.model, lang=self.lang)

    def _broken_by_column(self, row: Mapping[str, Any]) -> dict[str, list[str]]:
        """Per column of the answers, the deal-breakers its answer breaks (in the language)."""
        rules = self.model.dealbreakers
        if not rules:
            return {}
        broken, _ = check_dealbreakers(pd.DataFrame([row]), rules, Where())
        found: dict[str, list[str]] = {}
        for rule, hit in zip(rules, broken[0].tolist(), strict=True):
            if hit:
                found.setdefault(rule.column, []).append(rule.text(self.lang))
        return found

    def _show_scale_help(self, broken: Mapping[str, list[str]]) -> None:
        """Show each answer's scale, and under it the deal-breakers that answer breaks."""

        def marks(column: str) -> str:
            rules = "; ".join(broken.get(column, []))
            return f"<br>{dealbreaker_html(rules, self.lang)}" if rules else ""

        for factor in self.model.factors:
            low, high = scale_ends(factor, self.lang)
            self.scale_help[
                factor.name
            ].value = f"<small>{escape(low)} · {escape(high)}</small>{marks(factor.name)}"
        for column, note in self.values_help.items():
            note.value = marks(column).removeprefix("<br>")

    def _relabel(self) -> None:
        self._relabel_priorities()
        for factor in self.model.factors:
            self.questions[
                factor.name
            ].value = f"<b>{escape(factor.text('question', self.lang))}</b>"
            self.answers[factor.name].description = factor.text("short", self.lang)
        self._show_scale_help({})
        for column, value in self.values.items():
            value.description = dealbreaker_label(self.model, column, self.lang)
            value.placeholder = self._text("not_known")
        for field, text in self.details.items():
            known = has_text(f"apps.quick_check.{field}")
            text.description = self._text(field) if known else field
        self.title.value = f"<h2>{escape(self._text('title'))}</h2>"
        self.details_title.value = f"<h3>{escape(self._text('details'))}</h3>"
        self.reply_title.value = f"<h3>{escape(self._text('reply'))}</h3>"
        self.priorities.set_title(0, self._text("priorities_optional"))


def _shown_value(value: object, lang: str = "en") -> str:
    """Show a starting deal-breaker value in its field ("" when blank or missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return number(value, lang) if isinstance(value, int | float) else str(value).strip()


def quick_check(
    offer: Mapping[str, Any] | pd.Series | None = None,
    weights: Mapping[str, object] | None = None,
    lang: str = "en",
    *,
    model: Model | None = None,
) -> QuickCheckApp:
    """Build the quick check for one invitation.

    ``offer`` optionally pre-fills the answers and the reply fields (a row or a
    mapping with the ratings, ``company``, ``role``, ``recruiter``,
    ``other_roles``); every answer starts in the middle of its scale otherwise.
    ``model`` (default :data:`interview_lab.DEFAULT_MODEL`) gives the questions.
    """
    with errors_in(lang):
        return QuickCheckApp(offer, weights, lang, model=model)


__all__ = ["QuickCheckApp", "quick_check"]
