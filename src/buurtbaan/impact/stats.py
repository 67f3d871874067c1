"""The numbers of impact assignments, and the rows behind each number (STYLE.md §2).

Every number has a `..._records()` twin that returns exactly the rows it counts, so a coordinator
can always check a figure (and a funder, who sees only the figures, can ask for that check).

Reading "on" a day: participants count from the day they joined, outcomes from the day they were
reached, hours from the day they were worked; nothing after the assignment's end counts. Pieces of
work done are counted by their current status (the work bank keeps no history of statuses).

The bonus rule: a target's bonus is earned when `achieved × 100 ≥ threshold × base`, where the base
is the number of participants linked to the assignment (`BonusBasis.PARTICIPANTS`: "80% of the
participants in paid work") or the target number (`BonusBasis.TARGET`). Computed in whole numbers,
so 8 of 10 at 80% is earned and 7 of 10 is not, without rounding in between.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from buurtbaan.impact.models import (
    MEASURE_OUTCOMES,
    BonusBasis,
    ImpactAssignment,
    ImpactParticipant,
    ImpactTarget,
    Measure,
    Outcome,
)
from buurtbaan.work.models import HoursEntry, WorkStatus

ZERO = Decimal("0")


def reading_day(assignment: ImpactAssignment, on: datetime.date | None = None) -> datetime.date:
    """The day the numbers are read: `on` (default today), but not after the assignment ends."""
    return min(on or timezone.localdate(), assignment.ends_on)


# ---------------------------------------------------------------------------------------------
# One measure of one assignment: the rows, and the number


def participants_records(assignment, until: datetime.date) -> QuerySet[ImpactParticipant]:
    return ImpactParticipant.objects.filter(assignment=assignment, joined_on__lte=until)


def measure_records(assignment: ImpactAssignment, measure: str, on=None) -> QuerySet:
    """The rows behind `measure_value`: participants, pieces of work or hours entries."""
    until = reading_day(assignment, on)
    measure = Measure(measure)
    if measure == Measure.PARTICIPANTS:
        return participants_records(assignment, until).select_related("resident")
    if measure in MEASURE_OUTCOMES:
        return (
            participants_records(assignment, until)
            .filter(outcome__in=MEASURE_OUTCOMES[measure], outcome_on__lte=until)
            .select_related("resident")
        )
    if measure == Measure.PIECES_DONE:
        return assignment.pieces.filter(status=WorkStatus.DONE).order_by("pk")
    return (
        HoursEntry.objects.filter(
            piece__impact_assignments=assignment,
            worked_on__gte=assignment.starts_on,
            worked_on__lte=until,
        )
        .select_related("piece")
        .order_by("worked_on", "pk")
    )


def measure_value(assignment: ImpactAssignment, measure: str, on=None):
    """How much of `measure` the assignment achieved by the reading day: a count of people or
    pieces, or a number of hours (Decimal)."""
    records = measure_records(assignment, measure, on)
    if Measure(measure) == Measure.HOURS_DONE:
        return records.aggregate(total=Sum("hours"))["total"] or ZERO
    return records.count()


# ---------------------------------------------------------------------------------------------
# All targets of one assignment


@dataclass
class TargetProgress:
    target: ImpactTarget
    achieved: object  # int, or Decimal for hours
    base: object  # what the bonus share is taken of; None when there is no bonus rule
    is_bonus_earned: bool

    @property
    def target_number(self) -> int:
        return self.target.target_number

    @property
    def share_of_target(self) -> Decimal:
        """Achieved as a share of the target (may exceed 1)."""
        return Decimal(self.achieved) / Decimal(self.target.target_number)

    @property
    def is_reached(self) -> bool:
        return self.achieved >= self.target.target_number

    @property
    def bonus_share(self) -> Decimal | None:
        """The share the bonus rule looks at; None without a rule or without participants."""
        if self.base in (None, 0):
            return None
        return Decimal(self.achieved) / Decimal(self.base)

    @property
    def still_needed_for_bonus(self):
        """How many more (people, pieces, hours) the bonus needs; 0 when earned."""
        if self.base is None or self.is_bonus_earned:
            return 0
        needed = Decimal(self.target.bonus_threshold_percent) * Decimal(self.base) / 100
        missing = needed - Decimal(self.achieved)
        return int(missing.to_integral_value(rounding=ROUND_CEILING)) if missing > 0 else 0


@dataclass
class AssignmentProgress:
    """The figures of one assignment on one day: only numbers, never who (safe for funders)."""

    assignment: ImpactAssignment
    on: datetime.date
    participant_count: int
    outcome_counts: dict = field(default_factory=dict)
    piece_count: int = 0
    pieces_done: int = 0
    hours_done: Decimal = ZERO
    targets: list[TargetProgress] = field(default_factory=list)

    @property
    def bonus_earned(self) -> Decimal:
        return sum(
            (t.target.bonus_amount for t in self.targets if t.is_bonus_earned), Decimal("0.00")
        )

    @property
    def bonus_possible(self) -> Decimal:
        return sum(
            (t.target.bonus_amount for t in self.targets if t.target.has_bonus_rule),
            Decimal("0.00"),
        )

    @property
    def income(self) -> Decimal:
        """The budget plus the bonuses earned so far."""
        return self.assignment.budget + self.bonus_earned


def bonus_is_earned(achieved, base, threshold_percent) -> bool:
    """achieved / base ≥ threshold%, in exact arithmetic; never with nothing to take a share of."""
    if base in (None, 0) or threshold_percent is None:
        return False
    return Decimal(achieved) * 100 >= Decimal(threshold_percent) * Decimal(base)


def assignment_progress(assignment: ImpactAssignment, on=None) -> AssignmentProgress:
    """Per target: achieved, target, share, bonus earned. A fixed number of queries (one per
    measure used, at most seven, plus the targets), whatever the number of participants."""
    until = reading_day(assignment, on)
    outcome_rows = list(
        participants_records(assignment, until).values_list("outcome", "outcome_on")
    )
    outcome_counts = Counter(
        outcome if outcome == Outcome.NONE_YET or (day and day <= until) else Outcome.NONE_YET
        for outcome, day in outcome_rows
    )
    pieces = assignment.pieces.aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=WorkStatus.DONE))
    )
    values = {}
    targets = []
    for target in assignment.targets.all():
        if target.measure not in values:
            values[target.measure] = measure_value(assignment, target.measure, until)
        achieved = values[target.measure]
        base = None
        if target.has_bonus_rule:
            is_participant_share = (
                target.bonus_basis == BonusBasis.PARTICIPANTS and target.counts_participants
            )
            base = len(outcome_rows) if is_participant_share else target.target_number
        targets.append(
            TargetProgress(
                target=target,
                achieved=achieved,
                base=base,
                is_bonus_earned=target.has_bonus_rule
                and bonus_is_earned(achieved, base, target.bonus_threshold_percent),
            )
        )
    if Measure.HOURS_DONE not in values:
        values[Measure.HOURS_DONE] = measure_value(assignment, Measure.HOURS_DONE, until)
    return AssignmentProgress(
        assignment=assignment,
        on=until,
        participant_count=len(outcome_rows),
        outcome_counts={outcome: outcome_counts.get(outcome, 0) for outcome in Outcome.values},
        piece_count=pieces["total"],
        pieces_done=pieces["done"],
        hours_done=values[Measure.HOURS_DONE],
        targets=targets,
    )


def assignment_progress_records(assignment: ImpactAssignment, on=None) -> dict[int, QuerySet]:
    """The rows behind each target's number, by target pk."""
    return {
        target.pk: measure_records(assignment, target.measure, on)
        for target in assignment.targets.all()
    }


# ---------------------------------------------------------------------------------------------
# Across a bureau's assignments


def outcomes(bureau, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Outcomes reached in [start, end] by participants of the bureau's assignments, per outcome
    (a resident in two assignments counts once per assignment)."""
    rows = (
        outcomes_records(bureau, start, end)
        .values("outcome")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {row["outcome"]: row["count"] for row in rows}
    return {
        outcome: counts.get(outcome, 0) for outcome in Outcome.values if outcome != Outcome.NONE_YET
    }


def outcomes_records(bureau, start: datetime.date, end: datetime.date) -> QuerySet:
    return (
        ImpactParticipant.objects.filter(
            assignment__bureau=bureau, outcome_on__gte=start, outcome_on__lte=end
        )
        .exclude(outcome=Outcome.NONE_YET)
        .select_related("resident", "assignment")
        .order_by("outcome_on", "pk")
    )
