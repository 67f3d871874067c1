"""The Django admin (/beheer/) shows platform staff only what they need: bureaus and the
platform's own accounts. Memberships, residents' data and login records are not there; a bureau
is changed through the same action as everywhere else."""

import pytest
from django.contrib import admin
from django.urls import reverse

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.models import Membership, Role


def test_the_admin_holds_only_bureaus_and_platform_accounts():
    registered = {model._meta.label for model in admin.site._registry}

    assert registered == {"bureaus.Bureau", "accounts.User"}


def test_a_platform_admin_cannot_make_themselves_coordinator_through_the_admin(login, personas):
    client = login(personas.platform_admin)
    response = client.post(
        "/beheer/bureaus/membership/add/",
        {"user": personas.platform_admin.pk, "bureau": personas.bureau.pk, "role": "coordinator"},
    )

    assert response.status_code == 404
    assert not Membership.objects.filter(user=personas.platform_admin).exists()


def test_a_membership_cannot_be_changed_through_the_admin(login, personas):
    membership = Membership.objects.get(user=personas.coach)
    client = login(personas.platform_admin)
    response = client.post(
        f"/beheer/bureaus/membership/{membership.pk}/change/",
        {"user": personas.coach.pk, "bureau": personas.bureau.pk, "role": "coordinator"},
    )

    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == Role.COACH


def test_the_account_list_shows_platform_staff_only_without_last_login(login, personas):
    response = login(personas.platform_admin).get(reverse("admin:accounts_user_changelist"))

    content = response.content.decode()
    assert response.status_code == 200
    assert personas.platform_admin.email in content
    assert personas.coordinator.email not in content
    assert personas.resident.email not in content
    assert "column-last_login" not in content


def test_a_bureau_members_account_cannot_be_opened_in_the_admin(login, personas):
    url = reverse("admin:accounts_user_change", args=[personas.resident.pk])

    response = login(personas.platform_admin).get(url)

    assert response.status_code == 302  # the admin's answer to an object it cannot find
    assert personas.resident.email not in response.content.decode()


def test_login_records_are_not_in_the_admin(login, personas):
    response = login(personas.platform_admin).get("/beheer/axes/accessattempt/")

    assert response.status_code == 404


def test_a_bureau_changed_in_the_admin_is_audited_in_that_bureau(login, personas):
    bureau = personas.bureau
    url = reverse("admin:bureaus_bureau_change", args=[bureau.pk])
    response = login(personas.platform_admin).post(
        url,
        {
            "name": "Spijkerkwartier Oost",
            "municipality": bureau.municipality,
            "description": bureau.description,
            "email": bureau.email,
            "phone": bureau.phone,
            "visiting_address": bureau.visiting_address,
            "opening_hours": bureau.opening_hours,
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    bureau.refresh_from_db()
    assert bureau.name == "Spijkerkwartier Oost"
    entry = AuditEntry.objects.get(bureau=bureau, action=AuditAction.CHANGE)
    assert entry.actor == personas.platform_admin
    assert entry.fields == ["name"]


@pytest.mark.parametrize("action", ["add", "delete"])
def test_bureaus_are_neither_added_nor_deleted_in_the_admin(login, personas, action):
    if action == "add":
        url = reverse("admin:bureaus_bureau_add")
    else:
        url = reverse("admin:bureaus_bureau_delete", args=[personas.bureau.pk])

    assert login(personas.platform_admin).post(url, {"post": "yes"}).status_code == 403
    assert personas.bureau.__class__.objects.filter(pk=personas.bureau.pk).exists()
