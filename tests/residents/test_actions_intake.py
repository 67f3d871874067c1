import pytest
from django.core.exceptions import ValidationError

from buurtbaan.residents import actions
from buurtbaan.residents.models import (
    BarrierLevel,
    ConsentScope,
    IntakeDecision,
    IntakeStep,
    SensitiveCategory,
    Stage,
)
from tests.factories import ResidentFactory


def test_starting_an_intake_assigns_the_coach_and_moves_the_stage(personas):
    resident = ResidentFactory(bureau=personas.bureau)
    intake = actions.start_intake(actor=personas.coach, resident=resident)
    resident.refresh_from_db()
    assert intake.coach == personas.coach
    assert intake.step_reached == IntakeStep.PERSONAL
    assert resident.coach == personas.coach
    assert resident.stage == Stage.INTAKE


def test_starting_again_resumes_the_open_intake(personas, resident):
    first = actions.start_intake(actor=personas.coach, resident=resident)
    assert actions.start_intake(actor=personas.coordinator, resident=resident) == first
    assert resident.intakes.count() == 1


def test_it_keeps_the_assigned_coach(personas, resident):
    actions.start_intake(actor=personas.coordinator, resident=resident)
    resident.refresh_from_db()
    assert resident.coach == personas.coach


def test_saving_a_step_applies_it_and_moves_on(personas, resident):
    intake = actions.start_intake(actor=personas.coach, resident=resident)
    koken = personas.bureau.talents.get(name="koken")
    actions.save_intake_step(
        actor=personas.coach,
        intake=intake,
        step=IntakeStep.PERSONAL,
        notes="kwam binnenlopen",
        changes={"phone": "06 1234 5678"},
    )
    actions.save_intake_step(
        actor=personas.coach,
        intake=intake,
        step=IntakeStep.TALENTS,
        talents=[koken],
        dreams=["Kok worden"],
    )
    intake.refresh_from_db()
    resident.refresh_from_db()
    assert intake.step_reached == IntakeStep.WORK
    assert intake.notes_for(IntakeStep.PERSONAL) == "kwam binnenlopen"
    assert intake.is_step_saved(IntakeStep.TALENTS)
    assert resident.phone == "+31612345678"
    assert list(resident.talents.all()) == [koken]


def test_saving_an_earlier_step_again_does_not_move_back(personas, resident):
    intake = actions.start_intake(actor=personas.coach, resident=resident)
    for step in (1, 2, 3):
        actions.save_intake_step(actor=personas.coach, intake=intake, step=step)
    actions.save_intake_step(actor=personas.coach, intake=intake, step=1, notes="aangevuld")
    assert intake.step_reached == 4


def test_a_step_beyond_the_one_reached_is_refused(personas, resident):
    intake = actions.start_intake(actor=personas.coach, resident=resident)
    with pytest.raises(ValidationError):
        actions.save_intake_step(actor=personas.coach, intake=intake, step=3)


def test_the_barrier_step_adds_a_barrier_and_a_sensitive_note(personas, resident):
    intake = actions.start_intake(actor=personas.coach, resident=resident)
    intake.step_reached = IntakeStep.BARRIERS
    actions.save_intake_step(
        actor=personas.coach,
        intake=intake,
        step=IntakeStep.BARRIERS,
        barrier={
            "level": BarrierLevel.SYSTEM,
            "description": "Bang om de uitkering te verliezen",
            "support_needed": "Uitleg over bijverdienen",
        },
        sensitive_note={"category": SensitiveCategory.DEBTS, "text": "Schulden"},
    )
    assert resident.barriers.get().level == BarrierLevel.SYSTEM
    assert resident.sensitive_notes.get().author == personas.coach


def test_the_consent_step_records_consent(personas, resident):
    intake = actions.start_intake(actor=personas.coach, resident=resident)
    intake.step_reached = IntakeStep.CONSENT
    actions.save_intake_step(
        actor=personas.coach,
        intake=intake,
        step=IntakeStep.CONSENT,
        consent_scopes=[ConsentScope.COACHES],
        consent_note="mondeling",
    )
    assert resident.has_consent(ConsentScope.COACHES)
    assert intake.step_reached == IntakeStep.DECISION


@pytest.mark.parametrize(
    ("decision", "stage"),
    [
        (IntakeDecision.START_TRAJECTORY, Stage.ACTIVE),
        (IntakeDecision.REFER, Stage.REFERRED),
        (IntakeDecision.NOT_NOW, Stage.NOT_NOW),
    ],
)
def test_completing_moves_the_resident_to_the_stage_of_the_decision(
    personas, resident, decision, stage
):
    intake = actions.start_intake(actor=personas.coach, resident=resident)
    intake.step_reached = IntakeStep.DECISION
    actions.complete_intake(
        actor=personas.coach, intake=intake, decision=decision, referred_to="Sociaal Wijkteam"
    )
    resident.refresh_from_db()
    assert intake.is_completed
    assert resident.stage == stage
    assert intake.referred_to == ("Sociaal Wijkteam" if decision == IntakeDecision.REFER else "")


def test_referring_needs_to_whom(personas, resident):
    intake = actions.start_intake(actor=personas.coach, resident=resident)
    intake.step_reached = IntakeStep.DECISION
    with pytest.raises(ValidationError) as error:
        actions.complete_intake(actor=personas.coach, intake=intake, decision=IntakeDecision.REFER)
    assert "referred_to" in error.value.message_dict


def test_a_completed_intake_cannot_change_and_a_new_one_can_start(personas, resident):
    intake = actions.start_intake(actor=personas.coach, resident=resident)
    intake.step_reached = IntakeStep.DECISION
    actions.complete_intake(actor=personas.coach, intake=intake, decision=IntakeDecision.NOT_NOW)
    with pytest.raises(ValidationError):
        actions.save_intake_step(actor=personas.coach, intake=intake, step=1)
    second = actions.start_intake(actor=personas.coach, resident=resident)
    assert second != intake
    resident.refresh_from_db()
    assert resident.stage == Stage.INTAKE
