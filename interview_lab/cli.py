"""The ``interview-lab`` command line.

Every input error is printed as one line on stderr with exit status 2; nothing
prints a traceback at a user.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

import pandas as pd

from . import __version__
from .errors import InterviewLabError
from .explain import verdict_label
from .factors import FACTORS, LANGUAGES
from .io import load_offers
from .model import evaluate
from .presets import load_presets, load_weights, preset_weights

EXIT_INPUT_ERROR = 2

_HEADERS = {
    "en": {
        "offer": "offer",
        "score": "score",
        "verdict": "verdict",
        "borderline": "borderline",
        "why": "Why",
        "yes": "yes",
        "no": "",
    },
    "de": {
        "offer": "Angebot",
        "score": "Punkte",
        "verdict": "Empfehlung",
        "borderline": "Grenzfall",
        "why": "Begründung",
        "yes": "ja",
        "no": "",
    },
}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (also used to document the CLI)."""
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
            "Score every offer in FILE (CSV with the columns offer, interest, practice, "
            "surprise, doors, time_cost, confusion; ratings 0-10)."
        ),
    )
    run.add_argument("file", metavar="FILE", help="CSV file of offers (',' or ';' separated)")
    priorities = run.add_mutually_exclusive_group()
    priorities.add_argument(
        "--weights", metavar="FILE.toml", help="TOML table 'factor = weight' (others keep defaults)"
    )
    priorities.add_argument("--preset", metavar="NAME", help="named priorities, see 'presets'")
    run.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")
    run.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table for people; csv/json carry every column (default: table)",
    )

    listing = commands.add_parser("presets", help="list the weight presets")
    listing.add_argument("--lang", choices=LANGUAGES, default="en")
    factors = commands.add_parser("factors", help="list the factors and their scales")
    factors.add_argument("--lang", choices=LANGUAGES, default="en")
    return parser


def _weights(args: argparse.Namespace) -> dict[str, float] | None:
    if args.weights:
        return load_weights(args.weights)
    if args.preset:
        return preset_weights(args.preset)
    return None


def format_table(result: pd.DataFrame, lang: str) -> str:
    """Render evaluated offers as an aligned text table followed by the reasons."""
    head = _HEADERS[lang]
    rows = [
        (
            str(row.offer),
            f"{row.score:+.2f}".replace(".", "," if lang == "de" else "."),
            verdict_label(str(row.verdict), lang),
            head["yes"] if row.borderline else head["no"],
        )
        for row in result.itertuples(index=False)
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


def _evaluate(args: argparse.Namespace, out: TextIO) -> None:
    result = evaluate(load_offers(args.file), _weights(args), lang=args.lang)
    if args.format == "csv":
        result.to_csv(out, index=False, lineterminator="\n")
    elif args.format == "json":
        out.write(result.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        out.write(format_table(result, args.lang))


def _presets(args: argparse.Namespace, out: TextIO) -> None:
    for preset in load_presets().values():
        weights = ", ".join(f"{k}={v:g}" for k, v in preset.weights.items())
        out.write(f"{preset.name}: {preset.text('label', args.lang)}\n")
        out.write(f"    {preset.text('description', args.lang)}\n    {weights}\n")


def _factors(args: argparse.Namespace, out: TextIO) -> None:
    for factor in FACTORS:
        out.write(
            f"{factor.name} ({factor.low:g}-{factor.high:g}, {factor.direction}): "
            f"{factor.text('question', args.lang)}\n"
            f"    {factor.text('help_low', args.lang)}; {factor.text('help_high', args.lang)}\n"
        )


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    stream = out if out is not None else sys.stdout
    commands = {"evaluate": _evaluate, "presets": _presets, "factors": _factors}
    try:
        commands[args.command](args, stream)
    except (InterviewLabError, OSError) as error:
        if isinstance(error, BrokenPipeError):
            return 0
        message = str(error).replace("\n", " ")
        print(f"interview-lab: error: {message}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main())
