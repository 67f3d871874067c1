"""`buurtbaan match … --bureau SLUG`: the engine's commands on a bureau's database.

    buurtbaan match suggest --bureau SLUG [--work ID | --resident ID] [--top K] [--lang nl|en]
    buurtbaan match team --bureau SLUG --work ID [--save]
    buurtbaan match round --bureau SLUG [--forbid RESIDENT:WORK ...] [--fix RESIDENT:WORK ...]
                          [--save]

The same JSON as with `--scenario FILE` (docs/matching.md, "Command line"); ids are the database
primary keys. What the application shows is what these print: suggestions leave out residents
who already have a proposal for the piece and pairs that were declined, and suggested work for a
resident is open work with a free place. Without `--save` nothing is written; `team --save`
proposes the team, `round --save` stores the round and confirms its proposals (adding `"round"`
and `"proposals"` to the output). `round --forbid R:P --fix R:P` solves the round around those
pairs (as the round's page does after a drop or swap) and adds `"best_objective"`, the objective
without them, and `"below_best_percent"`; with `--save` the choices are stored on the round before
it is confirmed. Bad input (no such bureau, an unknown id, a wrong option)
prints a message on stderr and exits with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, NoReturn

from buurtbaan.matching.engine.cli import add_choice_arguments
from buurtbaan.matching.engine.reasons import LANGUAGES, Reason, render_all
from buurtbaan.matching.engine.suggest import DEFAULT_TOP

EXIT_BAD_INPUT = 2


class _BadInput(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _BadInput(f"{self.format_usage().strip()}\n{self.prog}: error: {message}")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def _id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an id (a whole number): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="buurtbaan match",
        description="Match residents with neighbourhood work, from a bureau's database.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    suggest = commands.add_parser("suggest", help="best residents for work, or work for a resident")
    suggest.add_argument("--bureau", required=True, metavar="SLUG")
    target = suggest.add_mutually_exclusive_group()
    target.add_argument("--work", type=_id, metavar="ID")
    target.add_argument("--resident", type=_id, metavar="ID")
    suggest.add_argument("--top", type=_positive_int, default=DEFAULT_TOP, metavar="K")
    suggest.add_argument("--lang", choices=LANGUAGES, default="nl")
    team = commands.add_parser("team", help="compose a team for a piece of group work")
    team.add_argument("--bureau", required=True, metavar="SLUG")
    team.add_argument("--work", type=_id, required=True, metavar="ID")
    team.add_argument("--save", action="store_true", help="propose the team")
    round_ = commands.add_parser("round", help="allocate all open work in one matching round")
    round_.add_argument("--bureau", required=True, metavar="SLUG")
    round_.add_argument("--save", action="store_true", help="store the round and propose it")
    add_choice_arguments(round_)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command on the database (Django must be set up); returns the exit code."""
    try:
        arguments = build_parser().parse_args(argv)
        output = _run(arguments)
    except _BadInput as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _run(arguments: argparse.Namespace) -> dict[str, Any]:
    from buurtbaan.bureaus.models import Bureau

    bureau = Bureau.objects.filter(slug=arguments.bureau).first()
    if bureau is None:
        raise _BadInput(f"error: no bureau with the short name {arguments.bureau!r}")
    if arguments.command == "suggest":
        return _suggest(bureau, arguments)
    if arguments.command == "team":
        return _team(bureau, arguments)
    return _round(bureau, arguments)


def _suggestion(candidate, lang: str) -> dict[str, Any]:
    reasons = [Reason(reason["code"], reason.get("params", {})) for reason in candidate.reasons]
    return {
        "resident": candidate.resident.pk,
        "work": candidate.piece.pk,
        "score": round(candidate.score, 4),
        "reasons": render_all(reasons, lang),
        "support": list(candidate.support),
    }


def _piece(bureau, piece_id: int):
    from buurtbaan.work.models import PieceOfWork

    piece = PieceOfWork.objects.filter(bureau=bureau, pk=piece_id).first()
    if piece is None:
        raise _BadInput(f"error: no work with id {piece_id} in bureau {bureau.slug!r}")
    return piece


def _suggest(bureau, arguments) -> dict[str, Any]:
    from buurtbaan.matching import suggestions
    from buurtbaan.matching.loader import MATCHABLE_STATUSES
    from buurtbaan.residents.models import Resident

    if arguments.resident is not None:
        resident = Resident.objects.filter(bureau=bureau, pk=arguments.resident).first()
        if resident is None:
            raise _BadInput(
                f"error: no resident with id {arguments.resident} in bureau {bureau.slug!r}"
            )
        found = suggestions.work_for_resident(bureau, resident, k=arguments.top)
        candidates = found.candidates
    elif arguments.work is not None:
        piece = _piece(bureau, arguments.work)
        candidates = suggestions.candidates_for_piece(bureau, piece, k=arguments.top).candidates
    else:
        candidates = [
            candidate
            for piece in bureau.pieces_of_work.filter(status__in=MATCHABLE_STATUSES).order_by("pk")
            for candidate in suggestions.candidates_for_piece(
                bureau, piece, k=arguments.top
            ).candidates
        ]
    return {"suggestions": [_suggestion(candidate, arguments.lang) for candidate in candidates]}


def _team(bureau, arguments) -> dict[str, Any]:
    from django.core.exceptions import ValidationError

    from buurtbaan.matching import actions, suggestions

    piece = _piece(bureau, arguments.work)
    if arguments.save:
        try:
            team, matches = actions.compose_team_for(actor=None, piece=piece)
        except ValidationError as error:
            raise _BadInput(f"error: {' '.join(error.messages)}") from None
    else:
        team, matches = suggestions.team_for_piece(bureau, piece), []
    if team is None:
        raise _BadInput(f"error: work {piece.pk} is done, cancelled or has no free place")
    output = team.team.to_dict()
    if arguments.save:
        output["proposed"] = [match.pk for match in matches]
    return output


def _round(bureau, arguments) -> dict[str, Any]:
    from buurtbaan.matching import actions, suggestions

    if arguments.forbid or arguments.fix:
        return _round_with_choices(bureau, arguments)
    if not arguments.save:
        return suggestions.compute_round(bureau).result.to_dict()
    matching_round = actions.run_round(actor=None, bureau=bureau)
    output = matching_round.result.to_dict()
    output["round"] = matching_round.pk
    output["proposals"] = actions.confirm_round(actor=None, matching_round=matching_round)
    return output


def _round_with_choices(bureau, arguments) -> dict[str, Any]:
    from django.core.exceptions import ValidationError

    from buurtbaan.matching import actions, review
    from buurtbaan.matching.queries import settings_for

    forbidden = [[_pair_id(r), _pair_id(p)] for r, p in arguments.forbid]
    fixed = [[_pair_id(r), _pair_id(p)] for r, p in arguments.fix]
    matching_settings = settings_for(bureau)
    parameters = {
        "min_score": float(matching_settings.min_score),
        "max_per_resident": matching_settings.max_open_proposals,
    }
    if not arguments.save:
        try:
            solved = review.solve_with_choices(
                bureau, parameters, forbidden=forbidden, fixed=fixed, new_pairs=fixed
            )
        except review.ChoiceNotPossible as error:
            raise _BadInput(f"error: {error}") from None
        return _with_best(solved.result.to_dict(), solved.result.objective, solved.best.objective)
    try:
        matching_round = actions.run_round(actor=None, bureau=bureau)
        matching_round = actions.set_round_choices(
            actor=None,
            matching_round=matching_round,
            forbidden=forbidden,
            fixed=fixed,
            version=matching_round.version,
        )
        proposals = actions.confirm_round(
            actor=None, matching_round=matching_round, version=matching_round.version
        )
    except ValidationError as error:
        raise _BadInput(f"error: {' '.join(error.messages)}") from None
    output = {
        "assignments": [
            {"resident": r, "work": p, "score": round(score, 4)}
            for r, p, score, _bonus in matching_round.assignments
        ],
        "round": matching_round.pk,
        "proposals": proposals,
    }
    return _with_best(output, matching_round.objective, matching_round.best_objective)


def _with_best(output: dict, objective: float, best: float | None) -> dict[str, Any]:
    from buurtbaan.matching import review

    output["objective"] = round(objective, 6)
    output["best_objective"] = round(best if best is not None else objective, 6)
    output["below_best_percent"] = review.below_best_percent(objective, best)
    return output


def _pair_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise _BadInput(f"error: not a database id: {text!r}") from None
