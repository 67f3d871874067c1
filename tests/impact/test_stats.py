"""Progress of an assignment with known numbers: the bonus rule, reading on a day, the rows
behind each number."""

from decimal import Decimal

import pytest

from buurtbaan.impact import stats
from buurtbaan.impact.models import Outcome
from tests.factories import (
    HoursEntryFactory,
    ImpactParticipantFactory,
    ImpactTargetFactory,
    PieceOfWorkFactory,
)
from tests.impact.conftest import days


def _participants(assignment, placed: int, total: int = 10, outcome=Outcome.PAID_WORK):
    people = []
    for number in range(total):
        reached = number < placed
        people.append(
            ImpactParticipantFactory(
                assignment=assignment,
                joined_on=days(-150),
                outcome=outcome if reached else Outcome.NONE_YET,
                outcome_on=days(-30) if reached else None,
            )
        )
    return people


@pytest.fixture
def paid_work_target(assignment):
    return ImpactTargetFactory(
        assignment=assignment,
        measure="paid_work",
        target_number=10,
        bonus_amount=Decimal("5000.00"),
        bonus_threshold_percent=Decimal("80"),
        bonus_basis="participants",
    )


def test_eight_of_ten_in_paid_work_earns_the_80_percent_bonus(assignment, paid_work_target):
    _participants(assignment, placed=8)
    progress = stats.assignment_progress(assignment)
    (target,) = progress.targets
    assert (target.achieved, target.base, target.bonus_share) == (8, 10, Decimal("0.8"))
    assert target.is_bonus_earned
    assert target.still_needed_for_bonus == 0
    assert progress.bonus_earned == Decimal("5000.00")
    assert progress.income == Decimal("25000.00")


def test_seven_of_ten_does_not_earn_it(assignment, paid_work_target):
    _participants(assignment, placed=7)
    (target,) = stats.assignment_progress(assignment).targets
    assert target.bonus_share == Decimal("0.7")
    assert not target.is_bonus_earned
    assert target.still_needed_for_bonus == 1
    assert not target.is_reached


def test_the_share_is_of_the_participants_not_of_the_target(assignment, paid_work_target):
    # Twelve take part and all ten places are filled: 10 of 12 is 83%, bonus earned.
    _participants(assignment, placed=10, total=12)
    (target,) = stats.assignment_progress(assignment).targets
    assert target.is_reached
    assert target.is_bonus_earned
    # Fifteen take part, ten in work: 67%, the target is reached but the bonus is not.
    _participants(assignment, placed=0, total=3)
    (target,) = stats.assignment_progress(assignment).targets
    assert target.is_reached
    assert not target.is_bonus_earned
    assert target.still_needed_for_bonus == 2  # 80% of 15 = 12


def test_self_employed_counts_as_paid_work(assignment, paid_work_target):
    _participants(assignment, placed=8, outcome=Outcome.SELF_EMPLOYED)
    assert stats.assignment_progress(assignment).targets[0].achieved == 8


def test_without_participants_there_is_no_share_and_no_bonus(assignment, paid_work_target):
    (target,) = stats.assignment_progress(assignment).targets
    assert (target.achieved, target.bonus_share, target.is_bonus_earned) == (0, None, False)


def test_hours_against_a_target_with_a_bonus_on_the_target(assignment):
    ImpactTargetFactory(
        assignment=assignment,
        measure="hours_done",
        target_number=200,
        bonus_amount=Decimal("1000"),
        bonus_threshold_percent=Decimal("90"),
        bonus_basis="target",
    )
    piece = PieceOfWorkFactory(bureau=assignment.bureau)
    assignment.pieces.add(piece)
    HoursEntryFactory(piece=piece, hours=Decimal("150"), worked_on=days(-10))
    HoursEntryFactory(piece=piece, hours=Decimal("29.5"), worked_on=days(-5))
    HoursEntryFactory(piece=piece, hours=Decimal("99"), worked_on=days(-201))  # before the start
    HoursEntryFactory(piece=PieceOfWorkFactory(bureau=assignment.bureau), hours=5)  # not linked
    (target,) = stats.assignment_progress(assignment).targets
    assert target.achieved == Decimal("179.5")
    assert target.base == 200
    assert not target.is_bonus_earned  # 89.75% < 90%
    assert target.still_needed_for_bonus == 1  # 180 hours needed
    HoursEntryFactory(piece=piece, hours=Decimal("0.5"), worked_on=days(-1))
    assert stats.assignment_progress(assignment).targets[0].is_bonus_earned


def test_pieces_done(assignment):
    ImpactTargetFactory(assignment=assignment, measure="pieces_done", target_number=4)
    done = PieceOfWorkFactory.create_batch(3, bureau=assignment.bureau, status="done")
    assignment.pieces.add(*done, PieceOfWorkFactory(bureau=assignment.bureau, status="open"))
    progress = stats.assignment_progress(assignment)
    assert (progress.piece_count, progress.pieces_done) == (4, 3)
    assert progress.targets[0].share_of_target == Decimal("0.75")


def test_progress_can_be_read_on_an_earlier_day(assignment, paid_work_target):
    early = ImpactParticipantFactory(
        assignment=assignment, joined_on=days(-150), outcome="paid_work", outcome_on=days(-100)
    )
    ImpactParticipantFactory(
        assignment=assignment, joined_on=days(-150), outcome="paid_work", outcome_on=days(-20)
    )
    ImpactParticipantFactory(assignment=assignment, joined_on=days(-50))
    then = stats.assignment_progress(assignment, on=days(-60))
    assert then.participant_count == 2
    assert then.targets[0].achieved == 1
    assert then.outcome_counts == {
        "none": 1,
        "paid_work": 1,
        "education": 0,
        "initiative": 0,
        "self_employed": 0,
        "stopped": 0,
    }
    records = stats.measure_records(assignment, "paid_work", on=days(-60))
    assert list(records) == [early]


def test_nothing_after_the_end_of_the_assignment_counts(assignment, paid_work_target):
    assignment.ends_on = days(-40)
    assignment.save()
    ImpactParticipantFactory(
        assignment=assignment, joined_on=days(-150), outcome="paid_work", outcome_on=days(-20)
    )
    progress = stats.assignment_progress(assignment)
    assert progress.on == days(-40)
    assert progress.targets[0].achieved == 0


def test_the_records_are_exactly_the_rows_behind_each_number(assignment):
    targets = [
        ImpactTargetFactory(assignment=assignment, measure=measure, target_number=5)
        for measure in ("paid_work", "any_outcome", "participants", "education")
    ]
    people = _participants(assignment, placed=3, total=5)
    ImpactParticipantFactory(
        assignment=assignment, joined_on=days(-150), outcome="education", outcome_on=days(-2)
    )
    progress = stats.assignment_progress(assignment)
    records = stats.assignment_progress_records(assignment)
    for item in progress.targets:
        assert records[item.target.pk].count() == item.achieved
    assert set(records[targets[0].pk]) == set(people[:3])


def test_outcomes_across_the_bureau_in_a_period(assignment, personas):
    _participants(assignment, placed=3, total=4)
    ImpactParticipantFactory(
        assignment=assignment, joined_on=days(-150), outcome="education", outcome_on=days(-120)
    )
    counts = stats.outcomes(personas.bureau, days(-60), days(0))
    assert counts["paid_work"] == 3
    assert counts["education"] == 0
    assert "none" not in counts
    assert stats.outcomes_records(personas.bureau, days(-60), days(0)).count() == 3
