"""The ``interview-lab`` command line.

Every input error is printed as one line on stderr with exit status 2; nothing
prints a traceback at a user. :func:`main` takes ``model=`` (default
:data:`interview_lab.DEFAULT_MODEL`): the factors it lists, reads and scores.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

import pandas as pd

from ..analysis.budget import DEFAULT_PREP_HOURS, check_hours, check_interviews, format_hours, plan
from ..analysis.evaluate import evaluate
from ..charts.comparison import close_call_text
from ..core import __version__
from ..core.errors import InterviewLabError
from ..core.factors import LANGUAGES
from ..core.model import Model, check_model
from ..core.model_file import load_model
from ..io.offers import load_offers
from ..io.presets import load_weights, preset_weights, presets_for
from ..text.explain import verdict_label
from ..text.replies import draft_reply, follow_up_checklist

EXIT_INPUT_ERROR = 2

_HEADERS = {
    "en": {
        "offer": "offer",
        "score": "score",
        "verdict": "verdict",
        "borderline": "borderline",
        "why": "Why",
        "next": "Next steps (for you, not part of the reply)",
        "plan_total": (
            "Plan: {n} of {limit} interviews, {used} of {hours} preparation, total score {score}"
        ),
    },
    "de": {
        "offer": "Angebot",
        "score": "Punkte",
        "verdict": "Empfehlung",
        "borderline": "Grenzfall",
        "next": "Nächste Schritte (für Sie, nicht Teil der Antwort)",
        "why": "Begründung",
        "plan_total": (
            "Plan: {n} von {limit} Gesprächen, {used} von {hours} Vorbereitung, "
            "Bewertung gesamt {score}"
        ),
    },
}


def _add_model(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--model",
        metavar="MODEL.toml",
        help="a model file: factors of your own, deal-breakers (default: the built-in model)",
    )


def _add_priorities_and_language(command: argparse.ArgumentParser) -> None:
    _add_model(command)
    priorities = command.add_mutually_exclusive_group()
    priorities.add_argument(
        "--weights", metavar="FILE.toml", help="TOML table 'factor = weight' (others keep defaults)"
    )
    priorities.add_argument("--preset", metavar="NAME", help="named priorities, see 'presets'")
    command.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")


def build_parser(model: Model | None = None) -> argparse.ArgumentParser:
    """Return the argument parser (also used to document the CLI) for ``model``."""
    columns = ", ".join(("offer", *check_model(model).names))
    parser = argparse.ArgumentParser(
        prog="interview-lab",
        description="Should I go to this interview? Score invitations with an explicit model.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "evaluate",
        help="score every offer in a CSV file",
        description=(
            f"Score every offer in FILE (CSV with the columns {columns}; ratings on each "
            "factor's scale, see 'factors')."
        ),
    )
    run.add_argument("file", metavar="FILE", help="CSV file of offers (',' or ';' separated)")
    _add_priorities_and_language(run)
    run.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table for people; csv/json carry every column (default: table)",
    )

    reply = commands.add_parser(
        "reply",
        help="draft the reply to the recruiter for one offer",
        description="Print a reply draft for one offer of FILE, ready to copy.",
    )
    reply.add_argument("file", metavar="FILE", help="CSV file of offers")
    reply.add_argument("--offer", required=True, metavar="NAME", help="the offer's name")
    _add_priorities_and_language(reply)

    budget = commands.add_parser(
        "plan",
        help="choose which invitations to accept within hours and interviews",
        description=(
            "Choose the accepted offers of FILE with the greatest total score whose "
            "preparation (column prep_hours, blank: default) fits HOURS and whose "
            "number fits N interviews."
        ),
    )
    budget.add_argument("file", metavar="FILE", help="CSV file of offers")
    budget.add_argument("--hours", required=True, metavar="H", help="preparation hours available")
    budget.add_argument("--interviews", required=True, metavar="N", help="interviews affordable")
    budget.add_argument(
        "--default-prep-hours",
        metavar="H",
        default=None,
        help=f"preparation assumed where prep_hours is blank (default: {DEFAULT_PREP_HOURS:g})",
    )
    _add_priorities_and_language(budget)
    budget.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="default: table"
    )

    report = commands.add_parser(
        "report",
        help="write a standalone HTML report to hand over",
        description=(
            "Write one HTML file that opens offline: the ranking, the verdicts with their "
            "reasons, the charts, the weights used and the date."
        ),
    )
    report.add_argument("file", metavar="FILE", help="CSV file of offers")
    report.add_argument(
        "-o", "--output", required=True, metavar="REPORT.html", help="where to write it"
    )
    _add_priorities_and_language(report)

    listing = commands.add_parser("presets", help="list the weight presets")
    listing.add_argument("--lang", choices=LANGUAGES, default="en")
    _add_model(listing)
    factors = commands.add_parser("factors", help="list the factors and their scales")
    factors.add_argument("--lang", choices=LANGUAGES, default="en")
    _add_model(factors)
    return parser


def _number(text: str) -> float | str:
    """Read a number typed on the command line (a decimal comma is fine).

    Whole numbers come back as ``int``, so an error quotes what was typed; text that
    is no number comes back as it is, for the check to name.
    """
    cleaned = text.strip().replace(",", ".")
    for kind in (int, float):
        try:
            return kind(cleaned)
        except ValueError:
            continue
    return text


def _weights(args: argparse.Namespace, model: Model) -> dict[str, float] | None:
    if args.weights:
        return load_weights(args.weights, model=model)
    if args.preset:
        return preset_weights(args.preset, model=model)
    return None


def format_table(result: pd.DataFrame, lang: str) -> str:
    """Render evaluated offers as an aligned text table followed by the reasons.

    The borderline column names the verdict a small change would give ("close call
    → decline").
    """
    head = _HEADERS[lang]
    rows = [
        (
            str(offer),
            f"{score:+.2f}".replace(".", "," if lang == "de" else "."),
            verdict_label(str(verdict), lang),
            close_call_text(bool(borderline), flips_to, lang) if borderline else "",
        )
        for offer, score, verdict, borderline, flips_to in zip(
            result["offer"],
            result["score"],
            result["verdict"],
            result["borderline"],
            result["flips_to"],
            strict=True,
        )
    ]
    titles = (head["offer"], head["score"], head["verdict"], head["borderline"])
    widths = [max(len(r[k]) for r in [titles, *rows]) for k in range(4)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(w) if k == 1 else cell.ljust(w)
            for k, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [line(titles), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    if "explanation" in result:
        lines += ["", f"{head['why']}:"]
        lines += [
            f"- {offer}: {text}"
            for offer, text in zip(result["offer"], result["explanation"], strict=True)
        ]
    return "\n".join(lines) + "\n"


def _evaluate(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    result = evaluate(args.file, _weights(args, model), model=model, lang=args.lang)
    _write(result, args.format, format_table, args.lang, out)


def _write(
    table: pd.DataFrame,
    form: str,
    for_people: Callable[[pd.DataFrame, str], str],
    lang: str,
    out: TextIO,
) -> None:
    """Write a result as CSV or JSON (every column) or as text for people."""
    if form == "csv":
        table.to_csv(out, index=False, lineterminator="\n")
    elif form == "json":
        out.write(table.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        out.write(for_people(table, lang))


def _reply(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    offers = load_offers(args.file, model)
    chosen = offers[offers["offer"] == args.offer.strip()]
    if chosen.empty:
        raise InterviewLabError(
            f"{args.file}: no offer named {args.offer!r}; the offers are "
            f"{offers['offer'].tolist()}."
        )
    row = evaluate(chosen, _weights(args, model), model=model, lang=args.lang).iloc[0]
    out.write(draft_reply(row, verdict=str(row["verdict"]), lang=args.lang) + "\n")
    if row["verdict"] == "decline_keep_in_touch":
        out.write("\n" + _HEADERS[args.lang]["next"] + ":\n")
        out.writelines(f"- {step}\n" for step in follow_up_checklist(args.lang))


def _plan(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    default = DEFAULT_PREP_HOURS
    if args.default_prep_hours is not None:
        default = check_hours(_number(args.default_prep_hours), "--default-prep-hours")
    planned = plan(
        args.file,
        hours=check_hours(_number(args.hours), "--hours"),
        interviews=check_interviews(_number(args.interviews), "--interviews"),
        weights=_weights(args, model),
        model=model,
        lang=args.lang,
        default_prep_hours=default,
    )
    _write(planned, args.format, format_plan, args.lang, out)


def format_plan(planned: pd.DataFrame, lang: str) -> str:
    """Render a plan: the chosen offers first, then the rest, each with its reason."""
    head = _HEADERS[lang]
    totals = planned.attrs["plan"]
    order = planned.sort_values(["chosen", "score"], ascending=False, kind="stable")
    lines = [
        head["plan_total"].format(
            used=format_hours(totals["hours_used"], lang),
            hours=format_hours(totals["hours"], lang),
            n=totals["interviews_used"],
            limit=totals["interviews"],
            score=f"{totals['total_score']:+.2f}".replace(".", "," if lang == "de" else "."),
        ),
        "",
    ]
    lines += [
        f"{'*' if row.chosen else '-'} {row.offer}: {row.reason}" for row in order.itertuples()
    ]
    return "\n".join(lines) + "\n"


def _report(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    from .report import write_report  # loads plotly, which only this command needs

    weights = _weights(args, model)
    path = write_report(args.output, args.file, weights, model=model, lang=args.lang)
    out.write(f"{path}\n")


def _presets(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    for preset in presets_for(model).values():
        weights = ", ".join(f"{k}={v:g}" for k, v in preset.weights.items())
        out.write(f"{preset.name}: {preset.text('label', args.lang)}\n")
        out.write(f"    {preset.text('description', args.lang)}\n    {weights}\n")


def _factors(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    for factor in model.factors:
        out.write(
            f"{factor.name} ({factor.low:g}-{factor.high:g}, {factor.direction}): "
            f"{factor.text('question', args.lang)}\n"
            f"    {factor.text('help_low', args.lang)}; {factor.text('help_high', args.lang)}\n"
        )


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, *, model: Model | None = None
) -> int:
    """Run the command line with ``model``'s factors; return the exit status.

    ``--model FILE.toml`` on the command line replaces ``model``.
    """
    chosen = check_model(model)
    args = build_parser(chosen).parse_args(argv)
    stream = out if out is not None else sys.stdout
    commands: dict[str, Callable[[argparse.Namespace, Model, TextIO], None]] = {
        "evaluate": _evaluate,
        "reply": _reply,
        "plan": _plan,
        "report": _report,
        "presets": _presets,
        "factors": _factors,
    }
    try:
        if args.model:
            chosen = load_model(args.model)
        commands[args.command](args, chosen, stream)
    except (InterviewLabError, OSError) as error:
        if isinstance(error, BrokenPipeError):
            return 0
        message = str(error).replace("\n", " ")
        print(f"interview-lab: error: {message}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main())
