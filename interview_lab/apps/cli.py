r"""The ``interview-lab`` command line.

Every input error is printed as one line on stderr with exit status 2; nothing
prints a traceback at a user. :func:`main` takes ``model=`` (default
:data:`interview_lab.DEFAULT_MODEL`): the factors it lists, reads and scores;
``--model FILE.toml`` on every command that scores or lists replaces it, and a bad
model file is one such line too. For a model with deal-breakers the table names the
rules each offer breaks, the plan says which rule rules an offer out, ``reply``
says it under the draft and ``factors`` lists the rules. Text meant for people
(tables, plans, replies, errors) shows control characters escaped (``\x1b``), so a
name in a file cannot move the cursor or recolour the terminal.

Every command that reads offers takes a CSV, tab or semicolon separated text, JSON
or a workbook (``--sheet NAME|NUMBER`` chooses its sheet, 0 is the first).
``evaluate`` and ``plan`` print a table for people, or every column as ``csv``,
``csv-de`` (German Excel: ``;`` and decimal comma) or ``json``; ``-o FILE`` writes
it to a file instead (``--format xlsx`` needs one). No command replaces a file it
did not write: the offers being read, the bundled example, a case file or another
program's file is refused (one line, exit status 2) unless ``--force`` is given;
an earlier output of the same kind is replaced.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import pandas as pd

from ..analysis.budget import DEFAULT_PREP_HOURS, check_hours, check_interviews, format_hours, plan
from ..analysis.evaluate import evaluate, evaluate_at
from ..charts.common import broken_rules
from ..charts.comparison import close_call_text
from ..core import __version__
from ..core.errors import InterviewLabError
from ..core.i18n import LANGUAGES
from ..core.model import Model, check_model
from ..core.model_file import load_model
from ..core.offers import MAX_PREP_HOURS, normalise_name
from ..io.offers import OFFER_FILES, load_offers, read_offers_file, write_table
from ..io.presets import load_weights, preset_weights, presets_for
from ..io.reading import Sheet
from ..io.safety import NotReplacedError, final_target
from ..io.writing import table_to_csv, table_to_json, without_float_noise
from ..text.explain import verdict_label
from ..text.replies import draft_reply, follow_up_checklist
from .base import scale_ends
from .report import rule_limit

EXIT_INPUT_ERROR = 2

_HEADERS = {
    "en": {
        "offer": "offer",
        "score": "score",
        "verdict": "verdict",
        "borderline": "borderline",
        "why": "Why",
        "dealbreakers": "deal-breakers",
        "dealbreaker_note": "Deal-breaker (for you, not part of the reply): {rules}",
        "rules": "Deal-breakers (an offer that breaks one is never go):",
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
        "dealbreakers": "Ausschlusskriterien",
        "dealbreaker_note": "Ausschlusskriterium (für Sie, nicht Teil der Antwort): {rules}",
        "rules": "Ausschlusskriterien (ein Angebot, das eines verletzt, ist nie „hingehen“):",
        "plan_total": (
            "Plan: {n} von {limit} Gesprächen, {used} von {hours} Vorbereitung, "
            "Bewertung gesamt {score}"
        ),
    },
}


#: Characters that would steer a terminal (C0/C1 controls, line and bidi controls).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    r"""Return ``text`` with every control character escaped: ``"A\x1b[31m"`` -> ``A\x1b[31m``.

    What the command line prints for people goes through this, so a name in an offers
    or model file cannot move the cursor, recolour or rewrite the terminal.
    """
    return _CONTROL.sub(
        lambda found: found.group().encode("unicode_escape").decode("ascii"), str(text)
    )


def _printable_lines(text: str) -> str:
    """Escape the control characters of each line of ``text``, keeping its line breaks."""
    return "\n".join(printable(line) for line in text.split("\n"))


#: What ``--format`` offers for tables: text for people, or every column.
TABLE_FORMATS = ("table", "csv", "csv-de", "json", "xlsx")
#: The suffix each file format needs with ``-o``.
_SUFFIXES = {"xlsx": ".xlsx", "json": ".json"}


def _sheet(text: str) -> Sheet:
    """Read ``--sheet``: a whole number is a position (0 is the first), else a name."""
    cleaned = text.strip()
    return int(cleaned) if cleaned.isdecimal() else text


def _add_input(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", metavar="FILE", help=f"file of offers ({OFFER_FILES})")
    command.add_argument(
        "--sheet",
        metavar="NAME|NUMBER",
        type=_sheet,
        default=None,
        help="for a workbook: the sheet to read, by name or number (0 is the first; "
        "default: the first)",
    )


def _add_output(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument(
        "--format",
        choices=TABLE_FORMATS,
        default="table",
        help="table for people; csv, csv-de (German Excel), json and xlsx (with -o) carry "
        "every column (default: table, or with -o the format the file name says)",
    )
    command.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help=f"write the {what} to FILE (.csv, .json or .xlsx) instead of printing it",
    )
    _add_force(command)


def _add_force(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--force",
        action="store_true",
        help="replace the output file even if interview_lab did not write it",
    )


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
    _add_input(run)
    _add_priorities_and_language(run)
    _add_output(run, "scored offers")

    reply = commands.add_parser(
        "reply",
        help="draft the reply to the recruiter for one offer",
        description="Print a reply draft for one offer of FILE, ready to copy.",
    )
    _add_input(reply)
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
    _add_input(budget)
    budget.add_argument("--hours", required=True, metavar="H", help="preparation hours available")
    budget.add_argument("--interviews", required=True, metavar="N", help="interviews affordable")
    budget.add_argument(
        "--default-prep-hours",
        metavar="H",
        default=None,
        help=f"preparation assumed where prep_hours is blank (default: {DEFAULT_PREP_HOURS:g})",
    )
    _add_priorities_and_language(budget)
    _add_output(budget, "plan")

    report = commands.add_parser(
        "report",
        help="write a standalone HTML report to hand over",
        description=(
            "Write one HTML file that opens offline: the ranking, the verdicts with their "
            "reasons, the charts, the weights used and the date."
        ),
    )
    _add_input(report)
    report.add_argument(
        "-o", "--output", required=True, metavar="REPORT.html", help="where to write it"
    )
    _add_force(report)
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
    → decline"); a table evaluated with deal-breakers gets a column of the rules each
    offer breaks. Control characters in names are shown escaped (:func:`printable`).
    """
    head = _HEADERS[lang]
    with_rules = "dealbreakers" in result.columns
    rows = [
        (
            printable(offer),
            f"{score:+.2f}".replace(".", "," if lang == "de" else "."),
            verdict_label(str(verdict), lang),
            *((printable(rules),) if with_rules else ()),
            close_call_text(bool(borderline), flips_to, lang) if borderline else "",
        )
        for offer, score, verdict, borderline, flips_to, rules in zip(
            result["offer"],
            result["score"],
            result["verdict"],
            result["borderline"],
            result["flips_to"],
            broken_rules(result),
            strict=True,
        )
    ]
    titles = (
        head["offer"], head["score"], head["verdict"],
        *((head["dealbreakers"],) if with_rules else ()), head["borderline"],
    )  # fmt: skip
    widths = [max(len(r[k]) for r in [titles, *rows]) for k in range(len(titles))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(w) if k == 1 else cell.ljust(w)
            for k, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [line(titles), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    if "explanation" in result:
        lines += ["", f"{head['why']}:"]
        lines += [
            f"- {printable(offer)}: {printable(text)}"
            for offer, text in zip(result["offer"], result["explanation"], strict=True)
        ]
    return "\n".join(lines) + "\n"


def _evaluate(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    _check_output(args)
    table, where = read_offers_file(args.file, args.sheet)
    result = evaluate_at(table, where, _weights(args, model), model=model, lang=args.lang)
    _write(result, args, format_table, out)


def _check_output(args: argparse.Namespace) -> None:
    """Refuse a bad ``--format``/``-o`` pair, or ``-o`` naming the input, before any work.

    The input is refused here with its own message (the writer would refuse it too);
    ``--force`` replaces it all the same.
    """
    form, output = getattr(args, "format", "table"), args.output
    if output is None:
        if form == "xlsx":
            raise NotReplacedError(
                "--format xlsx writes a workbook: give its name with -o FILE.xlsx."
            )
        return
    suffix = _SUFFIXES.get(form)
    given = Path(output).suffix.lower()
    if suffix is not None and given != suffix:
        raise InterviewLabError(
            f"{output}: --format {form} writes a {suffix} file; give a name ending in {suffix}."
        )
    if form in {"csv", "csv-de"} and given in _SUFFIXES.values():
        raise InterviewLabError(
            f"{output}: --format {form} writes CSV; give a .csv name, or leave out --format."
        )
    if not args.force and _same_file(output, args.file):
        raise NotReplacedError(
            f"{output}: is the offers file being read ({args.file}); not overwritten. "
            "Give another name with -o (or --force to replace it)."
        )


def _same_file(output: str, source: str) -> bool:
    try:
        return Path(source).is_file() and (
            final_target(output) == final_target(source) or Path(output).samefile(source)
        )
    except OSError:
        return False


def _write(
    table: pd.DataFrame,
    args: argparse.Namespace,
    for_people: Callable[[pd.DataFrame, str], str],
    out: TextIO,
) -> None:
    """Write a result to ``-o FILE`` (:func:`write_table`) or to ``out``.

    ``csv``, ``csv-de`` and ``json`` carry every column; ``table`` is text for people.
    """
    form = args.format
    if form in {"csv", "csv-de", "json"}:
        table = without_float_noise(table)
    if args.output is not None:
        dialect = {"csv": "csv", "csv-de": "excel-de"}.get(form)
        path = write_table(table, args.output, kind="results", dialect=dialect, force=args.force)
        out.write(f"{printable(path)}\n")
    elif form in {"csv", "csv-de"}:
        out.write(table_to_csv(table, "excel-de" if form == "csv-de" else "csv"))
    elif form == "json":
        out.write(table_to_json(table))
    else:
        out.write(for_people(table, args.lang))


def _reply(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    offers = load_offers(args.file, model, sheet=args.sheet)
    chosen = offers[offers["offer"] == normalise_name(args.offer)]
    if chosen.empty:
        raise InterviewLabError(
            f"{args.file}: no offer named {normalise_name(args.offer)!r}; the offers are "
            f"{offers['offer'].tolist()}."
        )
    result = evaluate(chosen, _weights(args, model), model=model, lang=args.lang)
    row = result.iloc[0]
    reply = draft_reply(row, verdict=str(row["verdict"]), lang=args.lang)
    out.write(_printable_lines(reply) + "\n")
    rules = broken_rules(result)[0]
    if rules:
        note = _HEADERS[args.lang]["dealbreaker_note"].format(rules=rules)
        out.write("\n" + printable(note) + "\n")
    if row["verdict"] == "decline_keep_in_touch":
        out.write("\n" + _HEADERS[args.lang]["next"] + ":\n")
        out.writelines(f"- {step}\n" for step in follow_up_checklist(args.lang))


def _plan(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    _check_output(args)
    default = DEFAULT_PREP_HOURS
    if args.default_prep_hours is not None:
        default = check_hours(
            _number(args.default_prep_hours), "--default-prep-hours", MAX_PREP_HOURS
        )
    planned = plan(
        args.file,
        hours=check_hours(_number(args.hours), "--hours"),
        interviews=check_interviews(_number(args.interviews), "--interviews"),
        weights=_weights(args, model),
        model=model,
        lang=args.lang,
        default_prep_hours=default,
        sheet=args.sheet,
    )
    _write(planned, args, format_plan, out)


def format_plan(planned: pd.DataFrame, lang: str) -> str:
    """Render a plan: the chosen offers first, then the rest, each with its reason.

    An offer that breaks a deal-breaker is never chosen; its reason names the rule.
    """
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
    reasons = order["reason"].astype(str).tolist()
    lines += [
        f"{'*' if chosen else '-'} {printable(offer)}: {printable(reason)}"
        for chosen, offer, reason in zip(order["chosen"], order["offer"], reasons, strict=True)
    ]
    return "\n".join(lines) + "\n"


def _report(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    from .report import write_report  # loads plotly, which only this command needs

    _check_output(args)
    weights = _weights(args, model)
    path = write_report(
        args.output, args.file, weights, model=model, lang=args.lang,
        force=args.force, sheet=args.sheet,
    )  # fmt: skip
    out.write(f"{printable(path)}\n")


def _presets(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    for preset in presets_for(model).values():
        weights = ", ".join(f"{k}={v:g}" for k, v in preset.weights.items())
        out.write(f"{preset.name}: {preset.text('label', args.lang)}\n")
        out.write(f"    {preset.text('description', args.lang)}\n    {weights}\n")


def _factors(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    lang = args.lang
    for factor in model.factors:
        low, high = scale_ends(factor, lang)
        out.write(
            printable(
                f"{factor.name} ({factor.low:g}-{factor.high:g}, {factor.direction}): "
                f"{factor.text('question', lang)}"
            )
            + "\n"
            + printable(f"    {low}; {high}")
            + "\n"
        )
    if model.dealbreakers:
        out.write(f"\n{_HEADERS[lang]['rules']}\n")
        out.writelines(
            printable(f"- {rule.text(lang)}: {rule.column} {rule_limit(rule, lang)}") + "\n"
            for rule in model.dealbreakers
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
        message = printable(" ".join(str(error).splitlines()))
        print(f"interview-lab: error: {message}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main())
