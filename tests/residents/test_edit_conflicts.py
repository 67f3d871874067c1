"""Lost updates on a resident's record: two people open the same form, both save. The second
saver gets a conflict page (409) instead of silently undoing the first one's change."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from buurtbaan.audit.models import AuditAction, AuditEntry
from tests.factories import ResidentFactory, resident_with_account
from tests.locking import changed, client_for, form_data

pytestmark = pytest.mark.usefixtures("english")


def personal_url(bureau, resident):
    return reverse(
        "residents:resident-update",
        kwargs={"bureau_slug": bureau.slug, "pk": resident.pk, "section": "persoonlijk"},
    )


@pytest.fixture
def resident(personas):
    return ResidentFactory(
        bureau=personas.bureau,
        coach=personas.coach,
        phone="06 1234 5678",
        city="Arnhem",
        postcode="6828AB",
    )


def test_the_coachs_older_form_does_not_revert_the_coordinators_new_phone_number(
    personas, resident
):
    url = personal_url(personas.bureau, resident)
    coordinator, coach = client_for(personas.coordinator), client_for(personas.coach)
    coordinators_form = form_data(coordinator.get(url))
    coachs_form = form_data(coach.get(url))

    assert (
        coordinator.post(url, changed(coordinators_form, phone="06 5555 4444")).status_code == 302
    )
    response = coach.post(url, changed(coachs_form, city="Velp"))

    assert response.status_code == 409
    resident.refresh_from_db()
    assert (resident.phone, resident.city) == ("+31655554444", "Arnhem")


def test_the_conflict_page_shows_both_versions_and_keeps_what_was_typed(personas, resident):
    url = personal_url(personas.bureau, resident)
    coordinator, coach = client_for(personas.coordinator), client_for(personas.coach)
    coordinators_form = form_data(coordinator.get(url))
    coachs_form = form_data(coach.get(url))
    coordinator.post(url, changed(coordinators_form, phone="06 5555 4444"))

    response = coach.post(url, changed(coachs_form, phone="06 3333 4444", city="Velp"))

    page = response.content.decode()
    conflict = response.context["form"].edit_conflict
    assert [(row.label, row.now, row.typed) for row in conflict.rows] == [
        ("Phone number", "06 55554444", "06 3333 4444")
    ]
    assert "Someone else changed this in the meantime" in page
    assert f"Changed by {escape(personas.coordinator)} on" in page  # from the audit log
    assert 'value="Velp"' in page
    assert 'value="06 3333 4444"' in page
    assert 'role="alert"' in page
    assert f'<a href="{url}">Use the saved version' in page  # take the current one instead


def test_saving_again_after_the_conflict_stores_the_version_the_saver_chose(personas, resident):
    url = personal_url(personas.bureau, resident)
    coordinator, coach = client_for(personas.coordinator), client_for(personas.coach)
    coordinators_form = form_data(coordinator.get(url))
    coachs_form = form_data(coach.get(url))
    coordinator.post(url, changed(coordinators_form, phone="06 5555 4444"))
    conflict_page = coach.post(url, changed(coachs_form, city="Velp"))

    # The form on the conflict page holds what the coach typed, opened on the current record;
    # the coach takes the coordinator's phone number and keeps their own city.
    again = changed(form_data(conflict_page), phone="06 5555 4444")
    assert coach.post(url, again).status_code == 302
    resident.refresh_from_db()
    assert (resident.phone, resident.city) == ("+31655554444", "Velp")


def test_a_change_to_another_section_is_no_conflict(personas, resident):
    url = personal_url(personas.bureau, resident)
    work_url = url.replace("persoonlijk", "werk")
    coordinator, coach = client_for(personas.coordinator), client_for(personas.coach)
    coachs_form = form_data(coach.get(url))
    work = form_data(coordinator.get(work_url))
    assert coordinator.post(work_url, changed(work, education="mbo 3")).status_code == 302

    assert coach.post(url, changed(coachs_form, city="Velp")).status_code == 302
    resident.refresh_from_db()
    assert (resident.education, resident.city) == ("mbo 3", "Velp")


def test_a_new_talent_chosen_by_someone_else_is_a_conflict(personas, resident):
    url = personal_url(personas.bureau, resident).replace("persoonlijk", "talenten")
    koken = personas.bureau.talents.get(name="koken")
    coordinator, coach = client_for(personas.coordinator), client_for(personas.coach)
    coordinators_form = form_data(coordinator.get(url))
    coachs_form = form_data(coach.get(url))
    assert coordinator.post(url, changed(coordinators_form, talents=[koken.pk])).status_code == 302

    response = coach.post(url, changed(coachs_form, skills="kassa"))

    assert response.status_code == 409
    assert list(resident.talents.all()) == [koken]


def test_the_residents_own_correction_does_not_overwrite_what_staff_saved(personas):
    resident = resident_with_account(personas.bureau, coach=personas.coach, city="Arnhem")
    staff_url = personal_url(personas.bureau, resident)
    own_url = reverse(
        "residents:mydata-update",
        kwargs={"bureau_slug": personas.bureau.slug, "section": "persoonlijk"},
    )
    own, coach = client_for(resident.user), client_for(personas.coach)
    own_form = form_data(own.get(own_url))
    coachs_form = form_data(coach.get(staff_url))
    assert coach.post(staff_url, changed(coachs_form, phone="06 5555 4444")).status_code == 302

    response = own.post(own_url, changed(own_form, city="Velp"))

    assert response.status_code == 409
    page = response.content.decode()
    assert "06 55554444" in page
    assert f"Changed by {escape(personas.coach.get_full_name())} on" in page
    assert personas.coach.email not in page
    resident.refresh_from_db()
    assert (resident.phone, resident.city) == ("+31655554444", "Arnhem")


def test_staff_do_not_overwrite_the_residents_own_correction(personas):
    resident = resident_with_account(personas.bureau, coach=personas.coach, city="Arnhem")
    staff_url = personal_url(personas.bureau, resident)
    own_url = reverse(
        "residents:mydata-update",
        kwargs={"bureau_slug": personas.bureau.slug, "section": "persoonlijk"},
    )
    own, coach = client_for(resident.user), client_for(personas.coach)
    coachs_form = form_data(coach.get(staff_url))
    own_form = form_data(own.get(own_url))
    assert own.post(own_url, changed(own_form, city="Velp")).status_code == 302

    assert coach.post(staff_url, changed(coachs_form, phone="06 5555 4444")).status_code == 409
    resident.refresh_from_db()
    assert resident.city == "Velp"
    assert not AuditEntry.objects.filter(
        actor=personas.coach, action=AuditAction.CHANGE, object_id=str(resident.pk)
    ).exists()
