"""Writes on impact assignments: validation with clear messages, and the audit log."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditEntry
from buurtbaan.impact import actions
from buurtbaan.impact.models import BonusBasis, ImpactParticipant
from tests.factories import (
    ImpactParticipantFactory,
    ImpactTargetFactory,
    OrganisationFactory,
    PieceOfWorkFactory,
    ResidentFactory,
)
from tests.impact.conftest import days

pytestmark = pytest.mark.usefixtures("english")


def test_it_records_an_assignment(personas, municipality):
    assignment = actions.create_assignment(
        actor=personas.coordinator,
        bureau=personas.bureau,
        title="Tien bijstandsgerechtigden per jaar aan betaald werk",
        client=municipality,
        budget=Decimal("20000"),
        starts_on=days(0),
        ends_on=days(364),
    )
    assert assignment.status == "agreeing"
    assert assignment.created_by == personas.coordinator
    assert AuditEntry.objects.filter(
        object_type="impact.impactassignment", action="create"
    ).exists()


def test_it_refuses_a_client_of_another_bureau_and_an_end_before_the_start(personas):
    stranger = OrganisationFactory(bureau=personas.other_bureau)
    with pytest.raises(ValidationError) as error:
        actions.create_assignment(
            actor=None,
            bureau=personas.bureau,
            title="X",
            client=stranger,
            budget=1,
            starts_on=days(0),
            ends_on=days(1),
        )
    assert "client" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        actions.create_assignment(
            actor=None,
            bureau=personas.bureau,
            title="X",
            client=OrganisationFactory(bureau=personas.bureau),
            budget=1,
            starts_on=days(1),
            ends_on=days(0),
        )
    assert "ends_on" in error.value.error_dict


def test_an_assignment_changes_and_logs_what_changed(personas, assignment):
    actions.update_assignment(
        actor=personas.coordinator, assignment=assignment, changes={"status": "finished"}
    )
    entry = AuditEntry.objects.get(object_type="impact.impactassignment", action="change")
    assert entry.fields == ["status"]


def test_a_bonus_rule_needs_both_halves(personas, assignment):
    with pytest.raises(ValidationError) as error:
        actions.add_target(
            actor=None,
            assignment=assignment,
            measure="paid_work",
            target_number=10,
            bonus_amount=Decimal("5000"),
        )
    assert "bonus_threshold_percent" in error.value.error_dict


def test_work_measures_take_the_share_of_the_target(personas, assignment):
    target = actions.add_target(
        actor=None,
        assignment=assignment,
        measure="hours_done",
        target_number=400,
        bonus_amount=Decimal("1000"),
        bonus_threshold_percent=Decimal("80"),
        bonus_basis=BonusBasis.PARTICIPANTS,
    )
    assert target.bonus_basis == BonusBasis.TARGET


def test_a_target_changes_and_is_removed(personas, assignment):
    target = ImpactTargetFactory(assignment=assignment)
    actions.update_target(actor=personas.coordinator, target=target, changes={"target_number": 12})
    target.refresh_from_db()
    assert target.target_number == 12
    assert AuditEntry.objects.get(object_type="impact.impacttarget").fields == ["target_number"]
    actions.remove_target(actor=personas.coordinator, target=target)
    assert not assignment.targets.exists()


def test_a_resident_takes_part_once(personas, assignment):
    resident = ResidentFactory(bureau=personas.bureau)
    participant = actions.add_participant(
        actor=personas.coach, assignment=assignment, resident=resident
    )
    assert (participant.joined_on, participant.outcome) == (days(0), "none")
    with pytest.raises(ValidationError, match="already takes part"):
        actions.add_participant(actor=personas.coach, assignment=assignment, resident=resident)
    entry = AuditEntry.objects.get(object_type="impact.impactparticipant", action="create")
    assert resident.first_name not in entry.note + entry.object_label


def test_a_participant_is_of_the_bureau_and_joins_within_the_period(personas, assignment):
    with pytest.raises(ValidationError) as error:
        actions.add_participant(
            actor=None,
            assignment=assignment,
            resident=ResidentFactory(bureau=personas.other_bureau),
        )
    assert "resident" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        actions.add_participant(
            actor=None,
            assignment=assignment,
            resident=ResidentFactory(bureau=personas.bureau),
            joined_on=days(-201),
        )
    assert "joined_on" in error.value.error_dict


def test_an_outcome_is_recorded_with_its_date_and_logged(personas, assignment):
    participant = ImpactParticipantFactory(assignment=assignment, joined_on=days(-100))
    actions.record_outcome(
        actor=personas.coach,
        participant=participant,
        outcome="paid_work",
        outcome_on=days(-3),
        note="Conciërge, 24 uur",
    )
    participant.refresh_from_db()
    assert (participant.outcome, participant.outcome_on, participant.outcome_note) == (
        "paid_work",
        days(-3),
        "Conciërge, 24 uur",
    )
    entry = AuditEntry.objects.get(object_type="impact.impactparticipant", action="change")
    assert entry.fields == ["outcome", "outcome_note", "outcome_on"]
    assert entry.actor == personas.coach
    actions.record_outcome(actor=personas.coach, participant=participant, outcome="none")
    participant.refresh_from_db()
    assert participant.outcome_on is None


@pytest.mark.parametrize("day", [1, -101])
def test_an_outcome_date_lies_between_joining_and_today(personas, assignment, day):
    participant = ImpactParticipantFactory(assignment=assignment, joined_on=days(-100))
    with pytest.raises(ValidationError) as error:
        actions.record_outcome(
            actor=None, participant=participant, outcome="education", outcome_on=days(day)
        )
    assert "outcome_on" in error.value.error_dict


def test_a_participant_is_unlinked(personas, assignment):
    participant = ImpactParticipantFactory(assignment=assignment)
    actions.remove_participant(actor=personas.coach, participant=participant)
    assert not ImpactParticipant.objects.exists()


def test_pieces_of_work_are_linked_once_and_only_of_the_bureau(personas, assignment):
    pieces = PieceOfWorkFactory.create_batch(2, bureau=personas.bureau)
    assert actions.link_pieces(actor=None, assignment=assignment, pieces=pieces) == 2
    assert actions.link_pieces(actor=None, assignment=assignment, pieces=pieces) == 0
    with pytest.raises(ValidationError):
        actions.link_pieces(
            actor=None,
            assignment=assignment,
            pieces=[PieceOfWorkFactory(bureau=personas.other_bureau)],
        )
    actions.unlink_piece(actor=None, assignment=assignment, piece=pieces[0])
    assert list(assignment.pieces.all()) == [pieces[1]]
