"""The steps a coordinator or coach can record on a match, and the action behind each."""

from __future__ import annotations

from buurtbaan.matching import actions
from buurtbaan.matching.forms import Step
from buurtbaan.matching.models import Match, MatchStatus

STEP_ACTIONS = {
    Step.INTRODUCE: lambda *, actor, match, text: actions.introduce_match(
        actor=actor, match=match, note=text
    ),
    Step.ACCEPT: lambda *, actor, match, text: actions.resident_accepts(
        actor=actor, match=match, note=text
    ),
    Step.DECLINE: lambda *, actor, match, text: actions.resident_declines(
        actor=actor, match=match, reason=text
    ),
    Step.START: lambda *, actor, match, text: actions.start_match(
        actor=actor, match=match, note=text
    ),
    Step.COMPLETE: lambda *, actor, match, text: actions.complete_match(
        actor=actor, match=match, note=text
    ),
    Step.STOP: lambda *, actor, match, text: actions.stop_match(
        actor=actor, match=match, reason=text
    ),
}


def steps_for(match: Match) -> list[str]:
    """The steps that make sense now, in the order they usually come."""
    if match.status in (MatchStatus.PROPOSED, MatchStatus.INTRODUCED):
        steps = []
        if match.status == MatchStatus.PROPOSED:
            steps.append(Step.INTRODUCE)
        if match.accepted_at is None:
            steps += [Step.ACCEPT, Step.DECLINE]
        else:
            steps.append(Step.START)
        return [*steps, Step.STOP]
    if match.status == MatchStatus.STARTED:
        return [Step.COMPLETE, Step.STOP]
    return []
