"""What a funder sees of an assignment's figures: the small-numbers rule of `core/small_numbers.py`
applied to `stats.assignment_progress`. Staff see everything exactly; for a funder, a target that
counts people (participants, outcomes) with fewer than 5 achieved, or whose bonus is a share of
fewer than 5 participants, shows "< 5" and none of its shares, bonus progress or bonus decision;
the bonus earned and the income (which add those decisions up) are then not shown either."""

from __future__ import annotations

from buurtbaan.core.small_numbers import is_protected, protect_breakdown, shown_count
from buurtbaan.impact.models import BonusBasis, Outcome
from buurtbaan.impact.stats import AssignmentProgress, TargetProgress


def _hides(item: TargetProgress, *, exact: bool) -> bool:
    if not item.target.counts_participants:
        return False
    is_share_of_people = (
        item.base is not None and item.target.bonus_basis == BonusBasis.PARTICIPANTS
    )
    return is_protected(item.achieved, exact=exact) or (
        is_share_of_people and is_protected(item.base, exact=exact)
    )


def protect_progress(progress: AssignmentProgress, *, exact: bool) -> AssignmentProgress:
    """Mark what this viewer may not see: `item.hides_people` per target, `progress.hides_bonus`,
    and `progress.shown_participants` / `progress.shown_outcomes` (label, count or "< 5")."""
    for item in progress.targets:
        item.hides_people = _hides(item, exact=exact)
        item.shown_achieved = "< 5" if item.hides_people else item.achieved
    progress.hides_bonus = any(
        item.hides_people and item.target.has_bonus_rule for item in progress.targets
    )
    progress.shown_participants = shown_count(progress.participant_count, exact=exact)
    counts = protect_breakdown(progress.outcome_counts, exact=exact)
    if is_protected(progress.participant_count, exact=exact):
        counts = {outcome: shown_count(0, exact=exact) for outcome in counts}
    labels = dict(Outcome.choices)
    progress.shown_outcomes = [(labels[outcome], count) for outcome, count in counts.items()]
    return progress
