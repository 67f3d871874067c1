"""Impact pages: progress for staff and, as numbers only, for funders; participants, outcomes,
work and targets through the forms; query counts; escaping."""

from decimal import Decimal

import pytest

from buurtbaan.impact.models import ImpactAssignment, ImpactParticipant
from tests.factories import (
    SCRIPT,
    HoursEntryFactory,
    ImpactAssignmentFactory,
    ImpactParticipantFactory,
    ImpactTargetFactory,
    PieceOfWorkFactory,
    PurposeFactory,
    ResidentFactory,
)
from tests.impact.conftest import days


@pytest.fixture
def busy_assignment(personas, assignment):
    """Ten participants (named Geheimnaam…), eight in paid work, a bonus rule, linked work."""
    ImpactTargetFactory(
        assignment=assignment,
        measure="paid_work",
        target_number=10,
        bonus_amount=Decimal("5000"),
        bonus_threshold_percent=Decimal("80"),
    )
    ImpactTargetFactory(assignment=assignment, measure="hours_done", target_number=100)
    for number in range(10):
        resident = ResidentFactory(
            bureau=personas.bureau, first_name=f"Geheimnaam{number}", last_name="Deelnemer"
        )
        placed = number < 8
        ImpactParticipantFactory(
            assignment=assignment,
            resident=resident,
            joined_on=days(-100),
            outcome="paid_work" if placed else "none",
            outcome_on=days(-10) if placed else None,
            outcome_note="Conciërge bij het theater" if placed else "",
        )
    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Zolder van oma Jansen")
    assignment.pieces.add(piece)
    HoursEntryFactory(piece=piece, hours=Decimal("42"), worked_on=days(-5))
    return assignment


def test_staff_see_progress_with_the_chart_and_the_table(personas, login, url, busy_assignment):
    content = (
        login(personas.coach)
        .get(url("impact:assignment-detail", personas.bureau, pk=busy_assignment.pk))
        .content.decode()
    )
    assert "<svg" in content
    assert 'role="img"' in content
    assert "<caption>" in content
    assert "80%" in content
    assert "€\u00a05.000,00" in content  # the bonus earned, in Dutch
    assert url("impact:participant-list", personas.bureau, pk=busy_assignment.pk) in content


def test_funders_see_the_numbers_and_no_names(english, personas, login, url, busy_assignment):
    response = login(personas.funder).get(
        url("impact:assignment-detail", personas.bureau, pk=busy_assignment.pk)
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "80%" in content
    assert ">10<" in content  # participants and the target
    assert "Geheimnaam" not in content
    assert "Deelnemer" not in content
    assert "Conciërge bij het theater" not in content  # outcome notes are personal
    assert "Zolder van oma Jansen" not in content  # titles of work may name residents
    assert "/deelnemers/" not in content
    assert "/cijfers/" not in content
    list_content = login(personas.funder).get(url("impact:assignment-list", personas.bureau))
    assert "Geheimnaam" not in list_content.content.decode()


def test_funders_cannot_reach_the_rows_behind_the_numbers(personas, login, url, busy_assignment):
    client = login(personas.funder)
    target = busy_assignment.targets.first()
    for name, kwargs in [
        ("impact:participant-list", {}),
        ("impact:work-list", {}),
        ("impact:target-records", {"target_pk": target.pk}),
    ]:
        assert (
            client.get(url(name, personas.bureau, pk=busy_assignment.pk, **kwargs)).status_code
            == 404
        )


def test_the_records_page_shows_who_is_counted(personas, login, url, busy_assignment):
    target = busy_assignment.targets.get(measure="paid_work")
    content = (
        login(personas.coach)
        .get(
            url(
                "impact:target-records", personas.bureau, pk=busy_assignment.pk, target_pk=target.pk
            )
        )
        .content.decode()
    )
    assert content.count("Geheimnaam") == 8


def test_progress_on_an_earlier_day(personas, login, url, busy_assignment):
    response = login(personas.coordinator).get(
        url("impact:assignment-detail", personas.bureau, pk=busy_assignment.pk),
        {"op": days(-50).isoformat()},
    )
    assert response.context["progress"].targets[0].achieved == 0


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_takes_the_same_number_of_queries_whatever_the_rows(
    personas, login, url, django_assert_num_queries, rows
):
    for _ in range(rows):
        assignment = ImpactAssignmentFactory(bureau=personas.bureau)
        ImpactParticipantFactory(assignment=assignment)
    client = login(personas.funder)
    # session, user, membership, memberships for the menu, count, assignments
    with django_assert_num_queries(6):
        client.get(url("impact:assignment-list", personas.bureau))


@pytest.mark.parametrize("rows", [2, 20])
def test_the_detail_and_participants_pages_take_a_fixed_number_of_queries(
    personas, login, url, assignment, django_assert_max_num_queries, rows
):
    ImpactTargetFactory(assignment=assignment, measure="paid_work")
    ImpactTargetFactory(assignment=assignment, measure="hours_done", target_number=50)
    ImpactParticipantFactory.create_batch(rows, assignment=assignment)
    client = login(personas.coordinator)
    with django_assert_max_num_queries(12):
        client.get(url("impact:assignment-detail", personas.bureau, pk=assignment.pk))
    with django_assert_max_num_queries(8):
        client.get(url("impact:participant-list", personas.bureau, pk=assignment.pk))


def test_free_text_is_escaped(personas, login, url, busy_assignment):
    client = login(personas.coordinator)
    for name in ("impact:assignment-list", "impact:assignment-detail", "impact:participant-list"):
        kwargs = (
            {}
            if name.endswith("list") and "participant" not in name
            else {"pk": busy_assignment.pk}
        )
        content = client.get(url(name, personas.bureau, **kwargs)).content.decode()
        assert SCRIPT not in content
        assert "&lt;script&gt;" in content


def test_a_coordinator_records_an_assignment_and_a_target(personas, login, url, municipality):
    client = login(personas.coordinator)
    response = client.post(
        url("impact:assignment-create", personas.bureau),
        {
            "title": "Tien bijstandsgerechtigden per jaar aan betaald werk",
            "client": municipality.pk,
            "budget": "20000,00",
            "starts_on": days(0).isoformat(),
            "ends_on": days(364).isoformat(),
            "status": "running",
        },
    )
    assignment = ImpactAssignment.objects.get()
    assert response["Location"] == assignment.get_absolute_url()
    response = client.post(
        url("impact:target-create", personas.bureau, pk=assignment.pk),
        {
            "measure": "paid_work",
            "target_number": "10",
            "bonus_amount": "5000",
            "bonus_threshold_percent": "80",
            "bonus_basis": "participants",
        },
    )
    assert response.status_code == 302
    assert assignment.targets.get().bonus_threshold_percent == Decimal("80")


def test_a_half_bonus_rule_is_refused_on_the_form(personas, login, url, assignment):
    response = login(personas.coordinator).post(
        url("impact:target-create", personas.bureau, pk=assignment.pk),
        {
            "measure": "paid_work",
            "target_number": "10",
            "bonus_amount": "5000",
            "bonus_basis": "participants",
        },
    )
    assert response.status_code == 200
    assert not assignment.targets.exists()


def test_a_coach_links_a_resident_and_records_an_outcome(personas, login, url, assignment):
    resident = ResidentFactory(bureau=personas.bureau, first_name="Sandra")
    client = login(personas.coach)
    participants_url = url("impact:participant-list", personas.bureau, pk=assignment.pk)
    client.post(participants_url, {"resident": resident.pk})
    participant = ImpactParticipant.objects.get()
    assert participant.resident == resident
    assert "Sandra" in client.get(participants_url).content.decode()
    client.post(
        url(
            "impact:participant-outcome",
            personas.bureau,
            pk=assignment.pk,
            participant_pk=participant.pk,
        ),
        {"outcome": "paid_work", "outcome_on": days(0).isoformat(), "note": "24 uur conciërge"},
    )
    participant.refresh_from_db()
    assert participant.outcome == "paid_work"


def test_a_resident_of_another_bureau_cannot_be_linked(personas, login, url, assignment):
    stranger = ResidentFactory(bureau=personas.other_bureau)
    response = login(personas.coach).post(
        url("impact:participant-list", personas.bureau, pk=assignment.pk), {"resident": stranger.pk}
    )
    assert response.status_code == 200
    assert not ImpactParticipant.objects.exists()


def test_a_coach_links_all_pieces_of_a_purpose(personas, login, url, assignment):
    purpose = PurposeFactory(bureau=personas.bureau)
    pieces = PieceOfWorkFactory.create_batch(3, bureau=personas.bureau, purpose=purpose)
    client = login(personas.coach)
    client.post(url("impact:work-list", personas.bureau, pk=assignment.pk), {"purpose": purpose.pk})
    assert set(assignment.pieces.all()) == set(pieces)
    client.post(url("impact:work-unlink", personas.bureau, pk=assignment.pk, piece_pk=pieces[0].pk))
    assert assignment.pieces.count() == 2


def test_a_coach_cannot_change_the_assignment_itself(personas, login, url, assignment):
    client = login(personas.coach)
    assert (
        client.get(url("impact:assignment-update", personas.bureau, pk=assignment.pk)).status_code
        == 404
    )
    assert (
        client.post(url("impact:target-create", personas.bureau, pk=assignment.pk)).status_code
        == 404
    )
