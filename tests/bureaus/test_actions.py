import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus import actions
from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.bureaus.postcode_ranges import parse_postcode_ranges
from tests.factories import MembershipFactory, OrganisationFactory


def test_add_member_creates_an_account_without_password_and_invites(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = actions.add_member(
            actor=personas.coordinator,
            bureau=personas.bureau,
            email=" Nieuw@Buurtbaan.Example ",
            role=Role.COACH,
            first_name="Nieuw",
            last_name="Lid",
        )
    assert membership.user.email == "nieuw@buurtbaan.example"
    assert not membership.user.has_usable_password()
    assert len(mailoutbox) == 1
    assert "/wachtwoord-kiezen/" in mailoutbox[0].body
    entry = AuditEntry.objects.get(object_type="bureaus.membership", object_id=str(membership.pk))
    assert entry.actor == personas.coordinator
    assert entry.action == AuditAction.CREATE


def test_add_member_gives_an_existing_user_a_role_in_a_second_bureau(personas, mailoutbox):
    membership = actions.add_member(
        actor=personas.other_coordinator,
        bureau=personas.other_bureau,
        email=personas.coach.email,
        role=Role.COACH,
    )
    assert membership.user == personas.coach
    assert mailoutbox == []  # an existing account needs no invitation


def test_add_member_refuses_a_second_role_in_the_same_bureau(personas):
    with pytest.raises(ValidationError):
        actions.add_member(
            actor=personas.coordinator,
            bureau=personas.bureau,
            email=personas.coach.email,
            role=Role.FUNDER,
        )


def test_add_member_refuses_an_organisation_of_another_bureau(personas):
    foreign = OrganisationFactory(bureau=personas.other_bureau)
    with pytest.raises(ValidationError):
        actions.add_member(
            actor=personas.coordinator,
            bureau=personas.bureau,
            email="p@buurtbaan.example",
            role=Role.PARTNER,
            organisation=foreign,
        )
    assert not Membership.objects.filter(user__email="p@buurtbaan.example").exists()


def test_the_last_coordinator_cannot_step_down(personas):
    membership = Membership.objects.get(user=personas.coordinator)
    with pytest.raises(ValidationError):
        actions.change_membership(
            actor=personas.coordinator, membership=membership, role=Role.COACH, is_active=True
        )
    with pytest.raises(ValidationError):
        actions.change_membership(
            actor=personas.coordinator,
            membership=membership,
            role=Role.COORDINATOR,
            is_active=False,
        )
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR
    assert membership.is_active


def test_a_coordinator_can_step_down_when_another_remains(personas):
    MembershipFactory(bureau=personas.bureau, role=Role.COORDINATOR)
    membership = Membership.objects.get(user=personas.coordinator)
    actions.change_membership(
        actor=personas.coordinator, membership=membership, role=Role.COACH, is_active=True
    )
    membership.refresh_from_db()
    assert membership.role == Role.COACH


def test_changing_a_partner_to_coach_drops_the_organisation(personas):
    MembershipFactory(bureau=personas.bureau, role=Role.COORDINATOR)
    membership = Membership.objects.get(user=personas.partner)
    actions.change_membership(
        actor=personas.coordinator,
        membership=membership,
        role=Role.COACH,
        is_active=True,
        organisation=membership.organisation,
    )
    membership.refresh_from_db()
    assert membership.organisation is None


def test_update_bureau_replaces_the_postcode_area_and_audits(personas):
    actions.update_bureau(
        actor=personas.coordinator,
        bureau=personas.bureau,
        changes={"municipality": "Arnhem-Oost"},
        postcode_ranges=parse_postcode_ranges("6828, 6829"),
    )
    personas.bureau.refresh_from_db()
    assert personas.bureau.municipality == "Arnhem-Oost"
    assert [str(r) for r in personas.bureau.postcode_ranges.all()] == ["6828", "6829"]
    entry = AuditEntry.objects.filter(object_type="bureaus.bureau").latest("at")
    assert entry.fields == ["municipality", "postcode_ranges"]


def test_update_bureau_without_changes_writes_no_audit_entry(personas):
    before = AuditEntry.objects.count()
    actions.update_bureau(
        actor=personas.coordinator,
        bureau=personas.bureau,
        changes={},
        postcode_ranges=parse_postcode_ranges("6828"),
    )
    assert AuditEntry.objects.count() == before
