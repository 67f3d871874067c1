"""The matching engine: who fits which piece of neighbourhood work, and why.

Plain Python over numpy and scipy, no Django: the Django layer turns its database into a
``Scenario`` and calls the functions below; the command line (``python -m
buurtbaan.matching.engine``) does the same from a JSON file. docs/matching.md describes the score,
the constraints, the algorithms and the exchange format.

    scenario = Scenario.from_dict(data)          # or load_scenario(path)
    prepared = prepare(scenario)                 # score matrix + allowed pairs, computed once
    suggest_for_work(prepared, work_id, k=10)    # best residents for a piece, with reasons
    suggest_for_resident(prepared, resident_id)  # best work for a resident
    compose_team(prepared, work_id)              # a team for group work
    solve_round(prepared, max_per_resident=1)    # exact allocation of all open work
    solve_round(prepared, forbidden=[(r, w)], fixed=[(r2, w2)])  # ... around a coordinator's choices
"""

from .reasons import REASON_CODES, Reason, render, render_all
from .round import Assignment, ChoiceError, RoundResult, solve_round
from .scenario import Id, Resident, Scenario, ScenarioError, Weights, Work, load_scenario
from .scoring import PairExplanation, Prepared, UnknownIdError, explain_pair, prepare
from .suggest import Suggestion, suggest_for_resident, suggest_for_work
from .team import Team, TeamMember, compose_team

__all__ = [
    "REASON_CODES",
    "Assignment",
    "ChoiceError",
    "Id",
    "PairExplanation",
    "Prepared",
    "Reason",
    "Resident",
    "RoundResult",
    "Scenario",
    "ScenarioError",
    "Suggestion",
    "Team",
    "TeamMember",
    "UnknownIdError",
    "Weights",
    "Work",
    "compose_team",
    "explain_pair",
    "load_scenario",
    "prepare",
    "render",
    "render_all",
    "solve_round",
    "suggest_for_resident",
    "suggest_for_work",
]
