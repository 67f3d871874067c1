"""Command line of the matching engine: scenario JSON in, JSON on stdout.

    buurtbaan match suggest --scenario FILE [--work ID | --resident ID] [--top K] [--lang nl|en]
    buurtbaan match team --scenario FILE --work ID
    buurtbaan match round --scenario FILE [--max-per-resident N] [--min-score X]
                          [--forbid RESIDENT:WORK ...] [--fix RESIDENT:WORK ...]

``python -m buurtbaan.matching.engine ...`` takes the same arguments. ``suggest`` without --work
or --resident lists the best residents for every piece. Bad input (an unreadable or invalid
scenario, an unknown id, a wrong option) prints a message on stderr and exits with 2.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any, NoReturn

from .reasons import LANGUAGES
from .round import DEFAULT_MAX_PER_RESIDENT, DEFAULT_MIN_SCORE, ChoiceError, solve_round
from .scenario import ScenarioError, load_scenario
from .scoring import UnknownIdError, prepare
from .suggest import DEFAULT_TOP, suggest_for_resident, suggest_for_work
from .team import compose_team

EXIT_BAD_INPUT = 2


class _BadInput(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """Reports usage errors by exception, so ``main`` returns 2 instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise _BadInput(f"{self.format_usage().strip()}\n{self.prog}: error: {message}")


def build_parser() -> argparse.ArgumentParser:
    """The parser of the three commands; usage errors raise instead of exiting."""
    # `buurtbaan match ...` (the project's console script) or `python -m buurtbaan.matching.engine`.
    is_console_script = Path(sys.argv[0]).name == "buurtbaan"
    parser = _Parser(
        prog="buurtbaan match" if is_console_script else "python -m buurtbaan.matching.engine",
        description="Match residents with neighbourhood work from a scenario JSON file.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    suggest = commands.add_parser("suggest", help="best residents for work, or work for a resident")
    suggest.add_argument("--scenario", required=True, metavar="FILE")
    target = suggest.add_mutually_exclusive_group()
    target.add_argument("--work", metavar="ID", help="suggest residents for this piece of work")
    target.add_argument("--resident", metavar="ID", help="suggest work for this resident")
    suggest.add_argument("--top", type=_positive_int, default=DEFAULT_TOP, metavar="K")
    suggest.add_argument("--lang", choices=LANGUAGES, default="nl")

    team = commands.add_parser("team", help="compose a team for a piece of group work")
    team.add_argument("--scenario", required=True, metavar="FILE")
    team.add_argument("--work", required=True, metavar="ID")

    round_ = commands.add_parser("round", help="allocate all open work in one matching round")
    round_.add_argument("--scenario", required=True, metavar="FILE")
    round_.add_argument(
        "--max-per-resident", type=_positive_int, default=DEFAULT_MAX_PER_RESIDENT, metavar="N"
    )
    round_.add_argument("--min-score", type=_finite_float, default=DEFAULT_MIN_SCORE, metavar="X")
    round_.add_argument(
        "--time-limit",
        type=_finite_float,
        default=None,
        metavar="SECONDS",
        help="stop proving optimality after this long; the result then reports its gap",
    )
    add_choice_arguments(round_)
    return parser


def add_choice_arguments(parser: argparse.ArgumentParser) -> None:
    """``--forbid`` and ``--fix``: a coordinator's choices, each a RESIDENT:WORK pair."""
    parser.add_argument(
        "--forbid",
        type=pair_argument,
        action="append",
        default=[],
        metavar="RESIDENT:WORK",
        help="never propose this pair (may be repeated)",
    )
    parser.add_argument(
        "--fix",
        type=pair_argument,
        action="append",
        default=[],
        metavar="RESIDENT:WORK",
        help="always propose this pair and solve the rest around it (may be repeated)",
    )


def pair_argument(text: str) -> tuple[str, str]:
    """ "resident:work" → ("resident", "work"); ids as strings (they also find int ids)."""
    resident_id, separator, work_id = text.partition(":")
    if not separator or not resident_id or not work_id:
        raise argparse.ArgumentTypeError(f"not a RESIDENT:WORK pair: {text!r}")
    return resident_id, work_id


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0, or 2 for bad input)."""
    try:
        arguments = build_parser().parse_args(argv)
        output = _run(arguments)
    except _BadInput as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (ScenarioError, UnknownIdError, ChoiceError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _run(arguments: argparse.Namespace) -> dict[str, Any]:
    prepared = prepare(load_scenario(arguments.scenario))
    if arguments.command == "suggest":
        if arguments.resident is not None:
            suggestions = suggest_for_resident(prepared, arguments.resident, arguments.top)
        elif arguments.work is not None:
            suggestions = suggest_for_work(prepared, arguments.work, arguments.top)
        else:
            suggestions = [
                suggestion
                for piece in prepared.work
                for suggestion in suggest_for_work(prepared, piece.id, arguments.top)
            ]
        return {"suggestions": [suggestion.to_dict(arguments.lang) for suggestion in suggestions]}
    if arguments.command == "team":
        return compose_team(prepared, arguments.work).to_dict()
    result = solve_round(
        prepared,
        max_per_resident=arguments.max_per_resident,
        min_score=arguments.min_score,
        time_limit=arguments.time_limit,
        forbidden=arguments.forbid,
        fixed=arguments.fix,
    )
    return result.to_dict()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def _finite_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    return value
