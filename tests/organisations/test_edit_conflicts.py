"""Lost updates on an organisation: a partner keeps its own details, the coordinator edits all of
them; neither silently undoes what the other saved."""

import pytest
from django.urls import reverse

from tests.locking import changed, client_for, form_data

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def organisation(personas):
    """The organisation the partner acts for."""
    organisation = personas.partner.memberships.get(bureau=personas.bureau).organisation
    organisation.phone, organisation.city = "026 111 2222", "Arnhem"
    organisation.save()
    return organisation


def edit_url(personas, organisation):
    return reverse(
        "organisations:organisation-update", args=[personas.bureau.slug, organisation.pk]
    )


def test_the_partners_older_form_does_not_revert_the_coordinators_change(personas, organisation):
    url = edit_url(personas, organisation)
    coordinator, partner = client_for(personas.coordinator), client_for(personas.partner)
    coordinators_form = form_data(coordinator.get(url))
    partners_form = form_data(partner.get(url))

    assert (
        coordinator.post(url, changed(coordinators_form, phone="026 999 0000")).status_code == 302
    )
    response = partner.post(url, changed(partners_form, city="Velp"))

    assert response.status_code == 409
    organisation.refresh_from_db()
    assert (organisation.phone, organisation.city) == ("+31269990000", "Arnhem")


def test_the_coordinators_older_form_does_not_revert_the_partners_change(personas, organisation):
    url = edit_url(personas, organisation)
    coordinator, partner = client_for(personas.coordinator), client_for(personas.partner)
    coordinators_form = form_data(coordinator.get(url))
    partners_form = form_data(partner.get(url))

    assert partner.post(url, changed(partners_form, offers="Stageplekken")).status_code == 302
    response = coordinator.post(url, changed(coordinators_form, is_active=[]))

    assert response.status_code == 409
    organisation.refresh_from_db()
    assert organisation.offers == "Stageplekken"
    assert organisation.is_active


def test_a_change_to_a_field_the_partner_does_not_see_is_no_conflict_for_the_partner(
    personas, organisation
):
    url = edit_url(personas, organisation)
    coordinator, partner = client_for(personas.coordinator), client_for(personas.partner)
    coordinators_form = form_data(coordinator.get(url))
    partners_form = form_data(partner.get(url))

    assert coordinator.post(url, changed(coordinators_form, name="Buurtwerk")).status_code == 302
    assert partner.post(url, changed(partners_form, city="Velp")).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.city) == ("Buurtwerk", "Velp")
