from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditEntry
from buurtbaan.board import actions
from buurtbaan.board.models import HelpRequest, HelpStatus
from buurtbaan.work.models import AskerKind, WorkKind, WorkStatus
from tests.factories import HelpRequestFactory, ResidentFactory

pytestmark = pytest.mark.usefixtures("english")


def submit(welfare, user, **overrides):
    fields = {
        "help_kind": "company",
        "description": "Een kop koffie per week",
        "person_description": "Een man van 79",
        "postcode": "6828 bd",
        "when": "Dinsdagmiddag",
        "has_consent": True,
    }
    return actions.submit_help_request(actor=user, organisation=welfare, **{**fields, **overrides})


def test_a_welfare_organisation_submits_a_help_request(welfare, welfare_partner):
    request = submit(welfare, welfare_partner)
    assert request.status == HelpStatus.RECEIVED
    assert request.postcode == "6828BD"
    assert request.submitted_by == welfare_partner
    assert request.bureau == welfare.bureau
    assert AuditEntry.objects.filter(object_type="board.helprequest", action="create").exists()


def test_the_persons_consent_is_required(welfare, welfare_partner):
    with pytest.raises(ValidationError) as error:
        submit(welfare, welfare_partner, has_consent=False)
    assert "has_consent" in error.value.error_dict
    assert not HelpRequest.objects.exists()


def test_only_welfare_organisations_submit_help_requests(personas, partner_organisation):
    with pytest.raises(ValidationError, match="welfare"):
        submit(partner_organisation, personas.partner)


def test_a_bad_postcode_is_refused(welfare, welfare_partner):
    with pytest.raises(ValidationError) as error:
        submit(welfare, welfare_partner, postcode="Spijkerstraat 1")
    assert "postcode" in error.value.error_dict


def test_the_coordinator_turns_a_request_into_open_work(personas):
    request = HelpRequestFactory(bureau=personas.bureau)
    person = ResidentFactory(bureau=personas.bureau)
    piece = actions.create_piece_for_help_request(
        actor=personas.coordinator,
        help_request=request,
        title="Buurtmaatje: koffie en een wandeling",
        resident=person,
        hours_per_week=Decimal("2"),
        times_per_week=1,
    )
    request.refresh_from_db()
    assert request.status == HelpStatus.PIECE_CREATED
    assert request.piece == piece
    assert request.resident == person
    assert piece.status == WorkStatus.OPEN
    assert piece.kind == WorkKind.BUURTKLUS
    assert piece.asked_by_kind == AskerKind.ORGANISATION
    assert piece.asked_by_organisation == request.organisation
    assert piece.postcode == request.postcode
    assert piece.description == request.description
    with pytest.raises(ValidationError, match="already has a piece"):
        actions.create_piece_for_help_request(
            actor=personas.coordinator, help_request=request, title="Nog eens"
        )


def test_a_resident_of_another_bureau_cannot_be_linked(personas):
    request = HelpRequestFactory(bureau=personas.bureau)
    with pytest.raises(ValidationError):
        actions.create_piece_for_help_request(
            actor=personas.coordinator,
            help_request=request,
            title="x",
            resident=ResidentFactory(bureau=personas.other_bureau),
        )


def test_not_possible_needs_a_reason(personas):
    request = HelpRequestFactory(bureau=personas.bureau)
    with pytest.raises(ValidationError) as error:
        actions.set_help_request_status(
            actor=personas.coordinator, help_request=request, status="not_possible"
        )
    assert "reason" in error.value.error_dict
    actions.set_help_request_status(
        actor=personas.coordinator,
        help_request=request,
        status="not_possible",
        reason="Niemand beschikbaar",
    )
    request.refresh_from_db()
    assert request.status == "not_possible"
    assert request.status_reason == "Niemand beschikbaar"


def test_status_follows_the_steps(personas):
    request = HelpRequestFactory(bureau=personas.bureau)
    with pytest.raises(ValidationError) as error:
        actions.set_help_request_status(
            actor=personas.coordinator, help_request=request, status="matched"
        )
    assert "status" in error.value.error_dict
    actions.create_piece_for_help_request(
        actor=personas.coordinator, help_request=request, title="Koffie"
    )
    for status in ("matched", "done"):
        actions.set_help_request_status(
            actor=personas.coordinator, help_request=request, status=status
        )
    request.refresh_from_db()
    assert request.status == "done"


def test_reopening_a_request_with_work_goes_back_to_looking(personas):
    request = HelpRequestFactory(bureau=personas.bureau)
    actions.create_piece_for_help_request(
        actor=personas.coordinator, help_request=request, title="Koffie"
    )
    actions.set_help_request_status(
        actor=personas.coordinator, help_request=request, status="not_possible", reason="x"
    )
    actions.set_help_request_status(
        actor=personas.coordinator, help_request=request, status="received"
    )
    request.refresh_from_db()
    assert request.status == HelpStatus.PIECE_CREATED
    assert request.status_reason == ""
