"""Know your priorities, as a widget app: the questionnaire, then the learned priorities.

    app = know_your_priorities(offers, lang="de")
    app.yes.click()            # or app.no.click(), app.skip.click()
    app.weights                # the learned priorities, for weights= of any app
    app.table()                # learned priorities beside the preset the person picked

One question at a time (a made-up invitation in plain words), three buttons (yes /
no / can't say), a language toggle, and, as the answers come in, the learned
priorities side by side with the preset chosen in the dropdown, each with how many
answers it fits; answers that cannot all hold together are named. Every widget is an
attribute, so a plain test drives the app as a person would.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from os import PathLike
from typing import Any

import pandas as pd

from ..analysis.evaluate import evaluate
from ..analysis.priorities import MAX_QUESTIONS, Questionnaire
from ..charts.common import VERDICT_TEXT_COLOURS
from ..core.errors import InterviewLabError
from ..core.i18n import check_language, number, text
from ..core.model import Model
from ..io.presets import presets_for
from .base import CONTROL_LOOK, html_table, libraries


class KnowYourPrioritiesApp:
    """The questionnaire as widgets; see :func:`know_your_priorities`."""

    def __init__(
        self,
        offers: pd.DataFrame | str | PathLike[str] | None = None,
        lang: str = "en",
        *,
        model: Model | None = None,
        seed: int = 0,
        max_questions: int = MAX_QUESTIONS,
    ) -> None:
        widgets = libraries()
        self.lang = check_language(lang)
        self._settings: dict[str, Any] = {
            "offers": offers, "model": model, "seed": seed, "max_questions": max_questions,
        }  # fmt: skip
        self.questionnaire = Questionnaire(offers, model, seed, max_questions=max_questions)
        self.model = self.questionnaire.model
        self.presets = presets_for(self.model)
        self.errors: list[str] = []
        self.title = widgets.HTML()
        self.intro = widgets.HTML()
        self.question = widgets.HTML()
        self.yes = widgets.Button(button_style="success", icon="check")
        self.no = widgets.Button(button_style="danger", icon="times")
        self.skip = widgets.Button(icon="question")
        self.restart = widgets.Button(icon="undo")
        for button, handler in (
            (self.yes, lambda _: self._answer(True)),
            (self.no, lambda _: self._answer(False)),
            (self.skip, lambda _: self._answer(None)),
            (self.restart, lambda _: self._restart()),
        ):
            button.on_click(handler)
        self.language = widgets.ToggleButtons(
            options=[("English", "en"), ("Deutsch", "de")], value=self.lang
        )
        self.language.observe(self._language_chosen, names="value")
        first = next(iter(self.presets), None)
        self.preset = widgets.Dropdown(value=None, **CONTROL_LOOK)
        self._preset_options()
        self.preset.value = first
        self.preset.observe(lambda _: self.refresh(), names="value")
        self.progress = widgets.HTML()
        self.result = widgets.HTML()
        self.messages = widgets.HTML()
        buttons = widgets.HBox([self.yes, self.no, self.skip, self.restart])
        self.root = widgets.VBox(
            [
                self.language, self.title, self.intro, self.question, buttons, self.progress,
                self.preset, self.result, self.messages,
            ]
        )  # fmt: skip
        self.figures: dict[str, Any] = {}
        self.refresh()

    # --- what the app shows -------------------------------------------------------------

    @property
    def weights(self) -> dict[str, float]:
        """The learned priorities (a plain mapping: ``weights=`` of any app or function)."""
        return self.questionnaire.weights

    def table(self) -> pd.DataFrame:
        """Return the learned priorities beside the chosen preset's, one row per factor.

        Columns: ``factor``, ``label`` (in the app's language), ``learned``, ``low``,
        ``high`` (the likely range) and the chosen preset's name with its weights.
        The table's ``attrs["fits"]`` holds how many answers each fits.
        """
        certainty = self.questionnaire.certainty.factors
        table = pd.DataFrame(
            {
                "factor": list(self.model.names),
                "label": [f.text("label", self.lang) for f in self.model.factors],
                "learned": certainty["weight"].to_numpy(),
                "low": certainty["low"].to_numpy(),
                "high": certainty["high"].to_numpy(),
            }
        )
        fits = {"learned": self._fits(self.weights)}
        if self.preset.value is not None:
            preset = self.presets[self.preset.value]
            table[preset.name] = [preset.weights[name] for name in self.model.names]
            fits[preset.name] = self._fits(preset.weights)
        table.attrs["fits"] = fits
        return table

    def _fits(self, weights: Mapping[str, float]) -> int:
        """How many of the answers (skips left out) ``weights`` agree with."""
        answers = self.questionnaire.answers
        answers = answers[answers["answer"] != "skip"]
        if answers.empty:
            return 0
        said = evaluate(answers.drop(columns="answer"), weights, model=self.model, explain=False)
        return int(((said["verdict"] == "accept") == (answers["answer"] == "go")).sum())

    def refresh(self) -> None:
        """Redraw the question, the progress and the result in the current language."""
        lang = self.lang
        q = self.questionnaire
        self.title.value = f"<h3>{_escape(text('priorities.app.title', lang))}</h3>"
        self.intro.value = f"<p>{_escape(text('priorities.app.intro', lang))}</p>"
        self.yes.description = text("priorities.app.yes", lang)
        self.no.description = text("priorities.app.no", lang)
        self.skip.description = text("priorities.app.skip", lang)
        self.restart.description = text("priorities.app.restart", lang)
        self.preset.description = text("priorities.app.preset", lang)
        self._preset_options()
        done = q.done
        for button in (self.yes, self.no, self.skip):
            button.disabled = done
        if done:
            self.question.value = f"<p><b>{_escape(text('priorities.app.done', lang))}</b></p>"
        else:
            lines = q.describe(q.next_question(), lang).splitlines()
            items = "".join(f"<li>{_escape(line[2:])}</li>" for line in lines[1:-1])
            self.question.value = (
                f"<p>{_escape(lines[0])}</p><ul>{items}</ul><p><b>{_escape(lines[-1])}</b></p>"
            )
        self.progress.value = _escape(
            text("priorities.app.progress", lang, answered=q.answered, skipped=q.skipped)
        )
        self.result.value = self._result_html()

    def _result_html(self) -> str:
        lang = self.lang
        table = self.table()
        fits = table.attrs["fits"]
        total = self.questionnaire.answered
        preset = self.preset.value
        headers = [
            text("priorities.app.factor", lang),
            text("priorities.app.learned", lang),
            text("priorities.app.likely", lang),
        ]
        if preset is not None:
            headers.append(self.presets[preset].text("label", lang))
        rows = []
        for row in table.to_dict("records"):
            cells = [
                _escape(row["label"]),
                number(row["learned"], lang, 1),
                f"{number(row['low'], lang, 1)}–{number(row['high'], lang, 1)}",
            ]
            if preset is not None:
                cells.append(number(row[preset], lang, 1))
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        agree = [
            _escape(text("priorities.app.agree", lang)),
            _escape(text("priorities.app.agree_count", lang, agree=fits["learned"], total=total)),
            "",
        ]
        if preset is not None:
            agree.append(
                _escape(text("priorities.app.agree_count", lang, agree=fits[preset], total=total))
            )
        rows.append("<tr>" + "".join(f"<td><i>{cell}</i></td>" for cell in agree) + "</tr>")
        parts = [html_table("il-priorities", headers, rows)]
        offers = self.questionnaire.certainty
        if not offers.offers.empty:
            parts.append(f"<p><b>{_escape(text('priorities.app.invitations', lang))}</b></p>")
            lines = offers.lines(lang, self.model)[len(self.model) :]
            parts.append("<ul>" + "".join(f"<li>{_escape(x)}</li>" for x in lines) + "</ul>")
        if self.questionnaire.contradictions:
            parts.append(
                f"<p style='color:{VERDICT_TEXT_COLOURS['decline']}'><b>"
                f"{_escape(text('priorities.app.contradictions', lang))}</b></p><ul>"
                + "".join(
                    f"<li>{_escape(line)}</li>"
                    for line in self.questionnaire.contradiction_lines(lang)
                )
                + "</ul>"
            )
        return "".join(parts)

    def _preset_options(self) -> None:
        value = self.preset.value
        self.preset.options = [
            (preset.text("label", self.lang), name) for name, preset in self.presets.items()
        ]
        self.preset.value = value

    # --- what the person does ------------------------------------------------------------

    def _answer(self, go: bool | None) -> None:
        try:
            if go is None:
                self.questionnaire.skip()
            else:
                self.questionnaire.answer(go)
            self.refresh()
        except InterviewLabError as error:
            self._show_error(error)

    def _restart(self) -> None:
        settings = self._settings
        self.questionnaire = Questionnaire(
            settings["offers"], settings["model"], settings["seed"],
            max_questions=settings["max_questions"],
        )  # fmt: skip
        self.refresh()

    def _language_chosen(self, change: Mapping[str, Any]) -> None:
        self.lang = check_language(change["new"])
        self.refresh()

    def _show_error(self, error: InterviewLabError) -> None:
        message = error.render(self.lang)
        self.errors.append(message)
        self.messages.value = (
            f"<div style='color:{VERDICT_TEXT_COLOURS['decline']}'>{_escape(message)}</div>"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.root)  # type: ignore[no-untyped-call]


def _escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def know_your_priorities(
    offers: pd.DataFrame | str | PathLike[str] | None = None,
    lang: str = "en",
    *,
    model: Model | None = None,
    seed: int = 0,
    max_questions: int = MAX_QUESTIONS,
) -> KnowYourPrioritiesApp:
    """Build the questionnaire app: answer a few questions, get your priorities.

    ``offers`` are the person's real invitations (the questions then aim at their
    verdicts); ``lang`` is ``"en"`` or ``"de"`` (a toggle switches it); ``model`` the
    decision model (its own factors are learned too).
    """
    return KnowYourPrioritiesApp(offers, lang, model=model, seed=seed, max_questions=max_questions)


__all__ = ["KnowYourPrioritiesApp", "know_your_priorities"]
