"""A platform administrator who gives themselves (or anyone) a role in a bureau does it through
the bureau's actions: it is in that bureau's audit log, and its coordinators are told by e-mail
and on their overview."""

from django.urls import reverse

from buurtbaan.audit.models import AuditEntry
from buurtbaan.bureaus import actions
from buurtbaan.bureaus.models import Membership, Role


def appoint(client, bureau, email):
    return client.post(
        reverse("bureaus:platform-coordinator-appoint", kwargs={"pk": bureau.pk}),
        {"email": email},
    )


def test_a_platform_admin_appointing_themselves_is_in_the_bureaus_audit_log(
    login, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = appoint(
            login(personas.platform_admin), personas.bureau, personas.platform_admin.email
        )

    assert response.status_code == 302
    membership = Membership.objects.get(user=personas.platform_admin, bureau=personas.bureau)
    assert membership.role == Role.COORDINATOR
    entries = AuditEntry.objects.filter(bureau=personas.bureau, object_id=str(membership.pk))
    assert {entry.actor for entry in entries} == {personas.platform_admin}
    assert entries.filter(note__startswith="role given by a platform administrator").exists()


def test_the_coordinators_are_told_by_e_mail(
    login, personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appoint(login(personas.platform_admin), personas.bureau, personas.platform_admin.email)

    told = [mail for mail in mailoutbox if personas.coordinator.email in mail.to]
    assert len(told) == 1
    assert personas.platform_admin.email in told[0].body
    assert "/b/spijkerkwartier/logboek/" in told[0].body
    assert not [mail for mail in mailoutbox if personas.other_coordinator.email in mail.to]


def test_the_coordinators_see_it_on_their_overview(login, personas):
    actions.appoint_coordinator(
        actor=personas.platform_admin, bureau=personas.bureau, email=personas.platform_admin.email
    )

    response = login(personas.coordinator).get(
        reverse("bureaus:dashboard", kwargs={"bureau_slug": "spijkerkwartier"})
    )

    assert "platformbeheerder" in response.content.decode()


def test_promoting_a_coach_from_the_platform_tells_the_coordinators(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.appoint_coordinator(
            actor=personas.platform_admin, bureau=personas.bureau, email=personas.coach.email
        )

    assert Membership.objects.get(user=personas.coach).role == Role.COORDINATOR
    assert [mail.to for mail in mailoutbox] == [[personas.coordinator.email]]


def test_a_coordinator_adding_a_member_is_no_news_for_the_coordinators(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_member(
            actor=personas.coordinator,
            bureau=personas.bureau,
            email="nieuwe.coach@buurtbaan.example",
            role=Role.COACH,
        )

    assert [mail.to for mail in mailoutbox] == [["nieuwe.coach@buurtbaan.example"]]


def test_appointing_is_for_platform_admins_only(login, personas):
    response = appoint(login(personas.coordinator), personas.bureau, personas.coach.email)

    assert response.status_code == 302  # to the login page, as the other platform pages
    assert Membership.objects.get(user=personas.coach).role == Role.COACH
