"""Purging sign-ups that were never confirmed: a dry run unless --for-real, only after the link
expired and some days more, never a record someone worked on, and an audit entry without
personal data."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.residents import actions
from buurtbaan.residents.models import Consent, ConsentScope, Resident
from tests import factories
from tests.factories import DreamFactory, MembershipFactory, resident_with_account

User = get_user_model()


def sign_up(bureau, email, *, days_ago):
    _outcome, resident = factories.sign_up(
        bureau, first_name="Geheimvoornaam", email=email, consent_scopes=[ConsentScope.MATCHING]
    )
    then = timezone.now() - datetime.timedelta(days=days_ago)
    Resident.objects.filter(pk=resident.pk).update(created_at=then)
    User.objects.filter(pk=resident.user_id).update(date_joined=then)
    return Resident.objects.get(pk=resident.pk)


@pytest.fixture
def sign_ups(personas):
    return {
        "old": sign_up(personas.bureau, "oud@buurtbaan.example", days_ago=20),
        "other_bureau": sign_up(personas.other_bureau, "elders@buurtbaan.example", days_ago=30),
        "recent": sign_up(personas.bureau, "recent@buurtbaan.example", days_ago=5),
    }


def run(*args) -> str:
    output = io.StringIO()
    call_command("purge_unconfirmed_registrations", *args, stdout=output)
    return output.getvalue()


def test_without_for_real_it_only_lists_them(personas, sign_ups):
    output = run()
    assert "2 unconfirmed sign-ups older than 14 days would be removed" in output
    assert f"resident #{sign_ups['old'].pk}" in output
    assert f"resident #{sign_ups['recent'].pk}" not in output
    assert "Geheimvoornaam" not in output
    assert "@" not in output
    assert Resident.objects.count() == 3
    assert not AuditEntry.objects.filter(action=AuditAction.DELETE).exists()


def test_for_real_it_removes_record_consents_membership_and_account(personas, sign_ups):
    old = sign_ups["old"]
    output = run("--for-real")

    assert "2 unconfirmed sign-ups older than 14 days removed" in output
    assert not Resident.objects.filter(pk=old.pk).exists()
    assert not User.objects.filter(email="oud@buurtbaan.example").exists()
    assert not Membership.objects.filter(user_id=old.user_id).exists()
    assert not Consent.objects.filter(resident_id=old.pk).exists()
    assert Resident.objects.filter(pk=sign_ups["recent"].pk).exists()
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, bureau=personas.bureau)
    assert entry.actor is None
    assert entry.note == "1 unconfirmed self-registration removed after 14 days"
    assert "oud@" not in str(list(AuditEntry.objects.values_list("actor_label", "note")))


def test_the_number_of_days_is_an_option(personas, sign_ups):
    assert "3 unconfirmed sign-ups older than 4 days would be removed" in run("--days", "4")
    with pytest.raises(CommandError):
        run("--days", "3")  # a link still works that long


def test_confirmed_touched_and_staff_made_records_are_kept(personas, sign_ups):
    confirmed = sign_up(personas.bureau, "bevestigd@buurtbaan.example", days_ago=20)
    actions.confirm_registration(user=confirmed.user)
    worked_on = sign_up(personas.bureau, "bezig@buurtbaan.example", days_ago=20)
    DreamFactory(resident=worked_on)
    elsewhere = sign_up(personas.bureau, "ookcoach@buurtbaan.example", days_ago=20)
    MembershipFactory(user=elsewhere.user, bureau=personas.other_bureau, role=Role.COACH)
    staff_made = resident_with_account(personas.bureau)

    run("--for-real")

    for kept in (confirmed, worked_on, elsewhere, staff_made):
        assert Resident.objects.filter(pk=kept.pk).exists()
        assert User.objects.filter(pk=kept.user_id).exists()
    assert not Resident.objects.filter(pk=sign_ups["old"].pk).exists()
