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

Everything is said in one language: ``--lang`` (on a command or before it), else the
environment's, read as gettext-based tools read it (:func:`language_from_environment`).
The help of every command, argparse's own messages, the output and every error come
from the ``cli`` catalogue (``core/catalogue/cli.toml``) or render in that language; an
unexpected error is one line with exit status 1 (``INTERVIEW_LAB_TRACEBACK=1`` shows
the traceback for a bug report).
"""

from __future__ import annotations

import argparse
import ast
import errno
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TextIO

import pandas as pd

from ..analysis.budget import DEFAULT_PREP_HOURS, check_hours, check_interviews, plan
from ..analysis.evaluate import evaluate, evaluate_at
from ..charts.common import broken_rules
from ..charts.comparison import close_call_text
from ..core import __version__
from ..core.errors import InterviewLabError
from ..core.factors import Factor
from ..core.i18n import LANGUAGES, Language, Message, errors_in, message, number, text
from ..core.model import Model, check_model
from ..core.model_file import load_model
from ..core.offers import (
    MAX_PREP_HOURS,
    OFFER_COLUMN,
    OTHER_HEADERS,
    header_aliases,
    header_key,
    normalise_name,
)
from ..io.offers import load_offers, offer_files, read_offers_file, write_table
from ..io.presets import load_weights, preset_weights, presets_for
from ..io.reading import Sheet
from ..io.safety import NotReplacedError, final_target
from ..io.writing import table_to_csv, table_to_json, without_float_noise
from ..text.replies import draft_reply, follow_up_checklist
from .base import scale_ends
from .report import rule_limit

EXIT_INPUT_ERROR = 2
#: Exit status of an error nobody planned for (what Python's traceback would give).
EXIT_INTERNAL_ERROR = 1
#: Exit status after Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130
#: Set to show the traceback of an unexpected error (for a bug report) instead of one line.
TRACEBACK_VARIABLE = "INTERVIEW_LAB_TRACEBACK"


# ---------------------------------------------------------------------------------------
# The language: --lang, else the environment as command-line tools read it
# ---------------------------------------------------------------------------------------


def _locale_language(value: str) -> Language | None:
    """Return the language of a locale name (``de_DE.UTF-8``, ``de_AT``, ``de``), if supported."""
    code = re.split(r"[_.@-]", value.strip(), maxsplit=1)[0].lower()
    return "de" if code == "de" else "en" if code == "en" else None


def _is_c_locale(value: str) -> bool:
    return value in ("", "C", "POSIX") or value.startswith("C.")


def language_from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """Return the language the environment asks for, as gettext-based tools read it.

    The locale is the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set.
    Unless it is ``C``/``POSIX`` (or unset), ``LANGUAGE``, a colon list of languages
    in order of preference, comes first: its first supported entry wins. German
    (``de``, ``de_DE.UTF-8``, ``de_AT``, ``de_CH``) gives German; anything else English.

    >>> language_from_environment({"LANG": "de_DE.UTF-8"})
    'de'
    >>> language_from_environment({"LANG": "C", "LANGUAGE": "de"})
    'en'
    >>> language_from_environment({"LC_ALL": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    locale = next((env[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(name)), "")
    if not _is_c_locale(locale):
        for entry in env.get("LANGUAGE", "").split(":"):
            chosen = _locale_language(entry) if entry else None
            if chosen is not None:
                return chosen
    return _locale_language(locale) or "en"


def _requested_language(argv: Sequence[str]) -> Language | None:
    """Return the language ``--lang`` asks for in ``argv`` (the last one given), before parsing.

    So ``--help`` and argparse's own errors are said in it; a value that is no
    language is left for the parser to refuse.
    """
    chosen: Language | None = None
    for position, token in enumerate(argv):
        if token == "--":
            break
        name, equals, value = token.partition("=")
        if len(name) < 4 or not "--lang".startswith(name):
            continue
        if not equals:
            value = argv[position + 1] if position + 1 < len(argv) else ""
        if value in LANGUAGES:
            chosen = "de" if value == "de" else "en"
    return chosen


# ---------------------------------------------------------------------------------------
# argparse in the CLI's language
# ---------------------------------------------------------------------------------------


def _help(key: str, lang: Language, **values: object) -> str:
    """Return a help text of the catalogue, with ``%`` escaped (argparse %-formats help)."""
    return text(key, lang, **values).replace("%", "%%")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with the usage line's prefix in the parser's language."""

    lang: Language = "en"

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = text("cli.argparse.usage", self.lang)
        super().add_usage(usage, actions, groups, prefix)


class _GermanHelpFormatter(_HelpFormatter):
    lang: Language = "de"


_FORMATTER_CLASSES: Mapping[Language, type[_HelpFormatter]] = {
    "en": _HelpFormatter,
    "de": _GermanHelpFormatter,
}


def _strings(found: str) -> list[str]:
    """Read argparse's repr of a value or list of values (``'fr'``, ``'en', 'de'``) back."""
    try:
        values = ast.literal_eval(f"[{found}]")
    except (ValueError, SyntaxError):
        return [found]
    return [str(value) for value in values]


#: argparse's own messages (Python 3.11-3.13, English) and the catalogue text each one
#: is said with; ``argument X: ...`` wraps another message.
_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"argument (?P<name>[^:]+): (?P<message>.*)", "argument"),
        (r"the following arguments are required: (?P<names>.*)", "required"),
        (r"unrecognized arguments: (?P<names>.*)", "unrecognized"),
        (r"not allowed with argument (?P<other>.*)", "not_allowed"),
        (r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", "invalid_choice"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "ambiguous"),
        (r"expected one argument", "expected_one"),
        (r"expected at most one argument", "expected_at_most_one"),
        (r"expected at least one argument", "expected_at_least_one"),
        (r"expected (?P<n>\d+) arguments?", "expected_n"),
        (r"ignored explicit argument (?P<value>.*)", "ignored_value"),
        (r"invalid \S+ value: (?P<value>.*)", "invalid_value"),
        (r"one of the arguments (?P<names>.*) is required", "one_required"),
    )
)


def argparse_message(said: str, lang: Language) -> str:
    """Say one of argparse's (English) error messages in ``lang``; others stay as they are.

    >>> argparse_message("argument --lang: invalid choice: 'fr' (choose from 'en', 'de')", "de")
    '--lang: „fr“ ist keine der möglichen Angaben („en“, „de“)'
    """
    for pattern, key in _ARGPARSE_MESSAGES:
        found = pattern.fullmatch(said)
        if found is None:
            continue
        values: dict[str, object] = dict(found.groupdict())
        if key == "argument":
            values["message"] = argparse_message(str(values["message"]), lang)
        if key in ("invalid_choice", "ignored_value", "invalid_value"):
            values["value"] = _strings(str(values["value"]))[0]
        if key == "invalid_choice":
            values["choices"] = _strings(str(values["choices"]))
        if key == "expected_n":
            values["n"] = int(str(values["n"]))
        return text(f"cli.argparse.{key}", lang, **values)
    return said


class _Parser(argparse.ArgumentParser):
    """An argument parser whose help, usage and errors are in ``lang``."""

    def __init__(self, *args: Any, lang: Language = "en", **kwargs: Any) -> None:
        self.lang: Language = lang
        kwargs["formatter_class"] = _FORMATTER_CLASSES[lang]
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = text("cli.argparse.positionals", lang)
        self._optionals.title = text("cli.argparse.options", lang)
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS,
            help=_help("cli.help.help", lang),
        )  # fmt: skip

    def error(self, message: str) -> NoReturn:
        """Print the usage and the message in the parser's language; exit with status 2."""
        self.print_usage(sys.stderr)
        said = printable(" ".join(argparse_message(message, self.lang).splitlines()))
        line = text("cli.error_line", self.lang, prog=self.prog, message=said)
        self.exit(EXIT_INPUT_ERROR, line + "\n")


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


def _add_input(command: argparse.ArgumentParser, lang: Language) -> None:
    command.add_argument(
        "file",
        metavar=text("cli.metavar.file", lang),
        help=_help("cli.help.file", lang, kinds=offer_files(lang)),
    )
    command.add_argument(
        "--sheet",
        metavar=text("cli.metavar.sheet", lang),
        type=_sheet,
        default=None,
        help=_help("cli.help.sheet", lang),
    )


def _add_output(command: argparse.ArgumentParser, what: str, lang: Language) -> None:
    command.add_argument(
        "--format", choices=TABLE_FORMATS, default="table", help=_help("cli.help.format", lang)
    )
    command.add_argument(
        "-o",
        "--output",
        metavar=text("cli.metavar.file", lang),
        default=None,
        help=_help(f"cli.help.output_{what}", lang),
    )
    _add_force(command, lang)


def _add_force(command: argparse.ArgumentParser, lang: Language) -> None:
    command.add_argument("--force", action="store_true", help=_help("cli.help.force", lang))


def _add_model(command: argparse.ArgumentParser, lang: Language) -> None:
    command.add_argument(
        "--model", metavar=text("cli.metavar.model", lang), help=_help("cli.help.model", lang)
    )


def _add_language(command: argparse.ArgumentParser, lang: Language) -> None:
    """``--lang``: unset (suppressed) unless given, so the environment's language applies."""
    command.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_help("cli.help.lang", lang, current=lang),
    )


def _add_priorities_and_language(command: argparse.ArgumentParser, lang: Language) -> None:
    _add_model(command, lang)
    priorities = command.add_mutually_exclusive_group()
    priorities.add_argument(
        "--weights", metavar=text("cli.metavar.weights", lang), help=_help("cli.help.weights", lang)
    )
    priorities.add_argument(
        "--preset", metavar=text("cli.metavar.preset", lang), help=_help("cli.help.preset", lang)
    )
    _add_language(command, lang)


def column_header(column: str, model: Model, lang: str) -> str:
    """Name a column as a person would head it in ``lang`` (and a file may head it).

    A factor is named by its short label where the offers reader takes that label
    as its header (``Zeitaufwand``, ``time cost``), the offer column by its German
    header in German; any other column (one a model file names) as it is written.
    """
    language: Language = "de" if lang == "de" else "en"
    aliases = header_aliases(model)
    if column in model.index:
        short = model.factor(column).text("short", language)
        return short if aliases.get(header_key(short)) == column else column
    if column == OFFER_COLUMN and language == "de":
        return OTHER_HEADERS[OFFER_COLUMN][1]
    return column


def build_parser(model: Model | None = None, lang: str = "en") -> argparse.ArgumentParser:
    """Return the argument parser (also used to document the CLI) for ``model`` in ``lang``."""
    language: Language = "de" if lang == "de" else "en"
    chosen = check_model(model)
    columns = ", ".join(column_header(c, chosen, language) for c in ("offer", *chosen.names))
    parser = _Parser(prog="interview-lab", description=text("cli.help.description", language),
                     lang=language)  # fmt: skip
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_help("cli.help.version", language),
    )
    _add_language(parser, language)
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar=text("cli.metavar.command", language),
        help=_help("cli.help.commands", language),
    )

    def command(name: str) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = commands.add_parser(
            name,
            help=_help(f"cli.help.{name}.help", language),
            description=text(f"cli.help.{name}.description", language, columns=columns)
            if name == "evaluate"
            else text(f"cli.help.{name}.description", language),
            lang=language,
        )
        return made

    run = command("evaluate")
    _add_input(run, language)
    _add_priorities_and_language(run, language)
    _add_output(run, "results", language)

    reply = command("reply")
    _add_input(reply, language)
    reply.add_argument(
        "--offer",
        required=True,
        metavar=text("cli.metavar.offer", language),
        help=_help("cli.help.offer", language),
    )
    _add_priorities_and_language(reply, language)

    budget = command("plan")
    _add_input(budget, language)
    budget.add_argument(
        "--hours",
        required=True,
        metavar=text("cli.metavar.hours", language),
        help=_help("cli.help.hours", language),
    )
    budget.add_argument(
        "--interviews",
        required=True,
        metavar=text("cli.metavar.interviews", language),
        help=_help("cli.help.interviews", language),
    )
    budget.add_argument(
        "--default-prep-hours",
        metavar=text("cli.metavar.hours", language),
        default=None,
        help=_help(
            "cli.help.default_prep_hours",
            language,
            hours=message("common.hours", hours=DEFAULT_PREP_HOURS),
        ),
    )
    _add_priorities_and_language(budget, language)
    _add_output(budget, "plan", language)

    report = command("report")
    _add_input(report, language)
    report.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=text("cli.metavar.report", language),
        help=_help("cli.help.report_output", language),
    )
    _add_force(report, language)
    _add_priorities_and_language(report, language)

    for name in ("presets", "factors"):
        listing = command(name)
        _add_language(listing, language)
        _add_model(listing, language)
    return parser


def _number(typed: str) -> float | str:
    """Read a number typed on the command line (a decimal comma is fine).

    Whole numbers come back as ``int``, so an error quotes what was typed; text that
    is no number comes back as it is, for the check to name.
    """
    cleaned = typed.strip().replace(",", ".")
    for kind in (int, float):
        try:
            return kind(cleaned)
        except ValueError:
            continue
    return typed


def _weights(args: argparse.Namespace, model: Model) -> dict[str, float] | None:
    if args.weights:
        with _reading(args.weights):
            return load_weights(args.weights, model=model)
    if args.preset:
        return preset_weights(args.preset, model=model)
    return None


def _score(value: float, lang: str) -> str:
    return number(float(value), lang, 2, signed=True)


def format_table(result: pd.DataFrame, lang: str) -> str:
    """Render evaluated offers as an aligned text table followed by the reasons.

    The borderline column names the verdict a small change would give ("close call
    → decline"); a table evaluated with deal-breakers gets a column of the rules each
    offer breaks. Control characters in names are shown escaped (:func:`printable`).
    """
    with_rules = "dealbreakers" in result.columns
    rows = [
        (
            printable(offer),
            _score(score, lang),
            text(f"common.verdict.{verdict}", lang),
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
    heads = ("offer", "score", "verdict", *(("dealbreakers",) if with_rules else ()), "borderline")
    titles = tuple(text(f"cli.table.{head}", lang) for head in heads)
    widths = [max(len(r[k]) for r in [titles, *rows]) for k in range(len(titles))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(w) if k == 1 else cell.ljust(w)
            for k, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [line(titles), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    if "explanation" in result:
        lines += ["", text("cli.table.why", lang)]
        lines += [
            text("cli.table.item", lang, offer=printable(offer), text=printable(reason))
            for offer, reason in zip(result["offer"], result["explanation"], strict=True)
        ]
    return "\n".join(lines) + "\n"


def _evaluate(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    _check_output(args)
    weights = _weights(args, model)
    with _reading(args.file):
        table, where = read_offers_file(args.file, args.sheet)
    result = evaluate_at(table, where, weights, model=model, lang=args.lang)
    _write(result, args, format_table, out)


def _check_output(args: argparse.Namespace) -> None:
    """Refuse a bad ``--format``/``-o`` pair, or ``-o`` naming the input, before any work.

    The input is refused here with its own message (the writer would refuse it too);
    ``--force`` replaces it all the same.
    """
    form, output = getattr(args, "format", "table"), args.output
    if output is None:
        if form == "xlsx":
            raise NotReplacedError(message("cli.output.xlsx_needs_name"))
        return
    suffix = _SUFFIXES.get(form)
    given = Path(output).suffix.lower()
    if suffix is not None and given != suffix:
        raise InterviewLabError(
            message("cli.output.wrong_suffix", output=output, form=form, suffix=suffix)
        )
    if form in {"csv", "csv-de"} and given in _SUFFIXES.values():
        raise InterviewLabError(message("cli.output.csv_needs_csv", output=output, form=form))
    if not args.force and _same_file(output, args.file):
        raise NotReplacedError(message("cli.output.is_input", output=output, file=args.file))


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
    lang = args.lang
    with _reading(args.file):
        offers = load_offers(args.file, model, sheet=args.sheet)
    chosen = offers[offers["offer"] == normalise_name(args.offer)]
    if chosen.empty:
        raise InterviewLabError(
            message(
                "cli.reply.no_such_offer",
                file=args.file,
                offer=normalise_name(args.offer),
                offers=offers["offer"].tolist(),
            )
        )
    result = evaluate(chosen, _weights(args, model), model=model, lang=lang)
    row = result.iloc[0]
    reply = draft_reply(row, verdict=str(row["verdict"]), lang=lang)
    out.write(_printable_lines(reply) + "\n")
    rules = broken_rules(result)[0]
    if rules:
        note = text("cli.reply.dealbreaker_note", lang, rules=rules)
        out.write("\n" + printable(note) + "\n")
    if row["verdict"] == "decline_keep_in_touch":
        out.write("\n" + text("cli.reply.next", lang) + "\n")
        out.writelines(f"- {printable(step)}\n" for step in follow_up_checklist(lang))


def _plan(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    _check_output(args)
    default = DEFAULT_PREP_HOURS
    if args.default_prep_hours is not None:
        default = check_hours(
            _number(args.default_prep_hours), "--default-prep-hours", MAX_PREP_HOURS
        )
    hours = check_hours(_number(args.hours), "--hours")
    interviews = check_interviews(_number(args.interviews), "--interviews")
    weights = _weights(args, model)
    with _reading(args.file):
        planned = plan(
            args.file,
            hours=hours,
            interviews=interviews,
            weights=weights,
            model=model,
            lang=args.lang,
            default_prep_hours=default,
            sheet=args.sheet,
        )
    _write(planned, args, format_plan, out)


def _hours(value: float, lang: str) -> str:
    return text("common.hours", lang, hours=round(float(value), 2))


def format_plan(planned: pd.DataFrame, lang: str) -> str:
    """Render a plan: the chosen offers first, then the rest, each with its reason.

    An offer that breaks a deal-breaker is never chosen; its reason names the rule.
    """
    totals = planned.attrs["plan"]
    order = planned.sort_values(["chosen", "score"], ascending=False, kind="stable")
    limit = int(totals["interviews"])
    lines = [
        text(
            "cli.plan.total_one" if limit == 1 else "cli.plan.total",
            lang,
            used=_hours(totals["hours_used"], lang),
            hours=_hours(totals["hours"], lang),
            n=int(totals["interviews_used"]),
            limit=limit,
            score=_score(totals["total_score"], lang),
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
    with _reading(args.file):
        path = write_report(
            args.output, args.file, weights, model=model, lang=args.lang,
            force=args.force, sheet=args.sheet,
        )  # fmt: skip
    out.write(f"{printable(path)}\n")


def _presets(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    lang = args.lang
    for preset in presets_for(model).values():
        weights = [
            text("cli.presets.weight", lang, factor=column_header(name, model, lang), weight=value)
            for name, value in preset.weights.items()
        ]
        label = text("cli.presets.line", lang, name=preset.name, label=preset.text("label", lang))
        out.write(printable(label) + "\n")
        out.write(f"    {printable(preset.text('description', lang))}\n")
        out.write("    " + printable(text("cli.presets.weights", lang, weights=weights)) + "\n")


def _scale_number(value: float, lang: str) -> str:
    return number(float(value), lang, grouping=True)


def factor_line(factor: Factor, model: Model, lang: str) -> str:
    """Return one factor as ``factors`` lists it: column, scale, direction and question.

    A factor of one's own without a question of its own (its question is its label)
    is listed without one.
    """
    column = column_header(factor.name, model, lang)
    question = factor.text("question", lang)
    return text(
        "cli.factors.line" if question not in (column, factor.name) else "cli.factors.plain",
        lang,
        column=column,
        low=_scale_number(factor.low, lang),
        high=_scale_number(factor.high, lang),
        direction=message(f"common.direction.{factor.direction}"),
        question=question,
    )


def _factors(args: argparse.Namespace, model: Model, out: TextIO) -> None:
    lang = args.lang
    for factor in model.factors:
        out.write(printable(factor_line(factor, model, lang)) + "\n")
        ends = scale_ends(factor, lang)
        if ends == (f"{factor.low:g}", f"{factor.high:g}"):
            continue  # no help texts: the scale's numbers above say it all
        out.write(printable(f"    {ends[0]}; {ends[1]}") + "\n")
    if model.dealbreakers:
        out.write("\n" + text("cli.factors.rules", lang) + "\n")
        out.writelines(
            printable(
                text(
                    "cli.factors.rule",
                    lang,
                    rule=rule.text(lang),
                    column=column_header(rule.column, model, lang),
                    limit=rule_limit(rule, lang),
                )
            )
            + "\n"
            for rule in model.dealbreakers
        )


# ---------------------------------------------------------------------------------------
# Errors a person reads: one line in the CLI's language, never a traceback
# ---------------------------------------------------------------------------------------

#: What the operating system's errors mean, by error number.
_OS_ERRORS: Mapping[int, str] = {
    errno.ENOENT: "cli.file.not_found",
    errno.EISDIR: "cli.file.is_folder",
    errno.ENOTDIR: "cli.file.not_folder",
    errno.EEXIST: "cli.file.exists",
    errno.EACCES: "cli.file.no_permission",
    errno.EPERM: "cli.file.no_permission",
    errno.ENOSPC: "cli.file.disk_full",
    errno.EROFS: "cli.file.read_only",
    errno.ENAMETOOLONG: "cli.file.too_long",
}


def file_problem(error: OSError | UnicodeDecodeError, path: object) -> Message:
    """Say what went wrong with a file (the one the error names, else ``path``)."""
    if isinstance(error, UnicodeDecodeError):
        return message("cli.file.not_utf8", path=path)
    named = error.filename if error.filename is not None else path
    key = _OS_ERRORS.get(error.errno or 0)
    if key is not None:
        return message(key, path=named)
    reason = errno.errorcode.get(error.errno or 0, type(error).__name__)
    return message("cli.file.other", path=named, reason=reason)


class FileProblemError(InterviewLabError):
    """A file could not be read or written (the operating system's error, in words)."""


@contextmanager
def _reading(path: object) -> Iterator[None]:
    """Turn an operating-system or decoding error about ``path`` into a catalogue error."""
    try:
        yield
    except BrokenPipeError:
        raise
    except (OSError, UnicodeDecodeError) as error:
        raise FileProblemError(file_problem(error, path)) from error


def _say_error(line: str, lang: Language) -> None:
    said = printable(" ".join(line.splitlines()))
    print(text("cli.error_line", lang, prog="interview-lab", message=said), file=sys.stderr)


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, *, model: Model | None = None
) -> int:
    """Run the command line with ``model``'s factors; return the exit status.

    ``--model FILE.toml`` on the command line replaces ``model``. The language is
    ``--lang``, else the environment's (:func:`language_from_environment`); help,
    output and every error are said in it.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = _requested_language(arguments) or language_from_environment()
    chosen = check_model(model)
    args = build_parser(chosen, lang).parse_args(arguments)
    lang = getattr(args, "lang", None) or lang
    args.lang = lang
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
        with errors_in(lang):
            if args.model:
                with _reading(args.model):
                    chosen = load_model(args.model)
            commands[args.command](args, chosen, stream)
    except BrokenPipeError:
        return 0
    except InterviewLabError as error:
        _say_error(error.render(lang), lang)
        return EXIT_INPUT_ERROR
    except (OSError, UnicodeDecodeError) as error:
        _say_error(file_problem(error, getattr(args, "file", "")).render(lang), lang)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug: one line, not a traceback (unless asked for)
        if os.environ.get(TRACEBACK_VARIABLE):
            raise
        _say_error(text("cli.unexpected", lang, kind=type(error).__name__), lang)
        return EXIT_INTERNAL_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main())
