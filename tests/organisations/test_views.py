"""Organisation pages: staff see and edit all; a partner sees and edits only their own."""

import pytest
from django.urls import reverse

from buurtbaan.audit.models import AuditEntry
from buurtbaan.organisations.models import Organisation
from tests.factories import SCRIPT, OrganisationFactory


def url(name, bureau, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"bureau_slug": bureau.slug, **kwargs})


def own_organisation(personas):
    return personas.partner.memberships.get().organisation


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_has_a_fixed_number_of_queries(personas, login, django_assert_num_queries, rows):
    OrganisationFactory.create_batch(rows, bureau=personas.bureau)
    client = login(personas.coach)
    with django_assert_num_queries(6):
        assert client.get(url("organisation-list", personas.bureau)).status_code == 200


def test_the_list_filters_by_kind_and_level_and_escapes(personas, login):
    OrganisationFactory(
        bureau=personas.bureau, name="Groen", kind="social_enterprise", scale_level=3
    )
    OrganisationFactory(bureau=personas.bureau, name="Bakker", kind="business", scale_level=4)
    OrganisationFactory(
        bureau=personas.bureau, name="Gesloten", kind="business", scale_level=4, is_active=False
    )
    client = login(personas.coach)
    content = client.get(url("organisation-list", personas.bureau), {"level": 4}).content.decode()
    assert "Bakker" in content
    assert "Groen" not in content
    assert "Gesloten" not in content
    content = client.get(
        url("organisation-list", personas.bureau),
        {"kind": "business", "active": "all"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Gesloten" in content
    assert "<html" not in content
    content = client.get(url("organisation-list", personas.bureau)).content.decode()
    assert SCRIPT not in content
    assert "&lt;script&gt;" in content


def test_a_partner_sees_only_their_own_organisation(personas, login):
    other = OrganisationFactory(bureau=personas.bureau, name="Concurrent")
    client = login(personas.partner)
    content = client.get(url("organisation-list", personas.bureau)).content.decode()
    assert "Concurrent" not in content
    assert own_organisation(personas).name.split(" <")[0] in content
    assert (
        client.get(
            url("organisation-detail", personas.bureau, pk=own_organisation(personas).pk)
        ).status_code
        == 200
    )
    assert client.get(url("organisation-detail", personas.bureau, pk=other.pk)).status_code == 404
    assert client.get(url("organisation-update", personas.bureau, pk=other.pk)).status_code == 404


def test_a_partner_edits_their_own_details_but_not_level_or_name(personas, login):
    organisation = own_organisation(personas)
    name, level = organisation.name, organisation.scale_level
    response = login(personas.partner).post(
        url("organisation-update", personas.bureau, pk=organisation.pk),
        {"contact_person": "Ingrid", "needs": "Een conciërge", "name": "Gekaapt", "scale_level": 1},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.contact_person, organisation.needs) == ("Ingrid", "Een conciërge")
    assert (organisation.name, organisation.scale_level) == (name, level)
    assert AuditEntry.objects.get(action="change").actor == personas.partner


def test_staff_create_an_organisation_and_errors_keep_the_input(personas, login):
    client = login(personas.coach)
    data = {
        "name": "BuurtGroenBedrijf",
        "kind": "social_enterprise",
        "scale_level": 3,
        "postcode": "68",
    }
    response = client.post(url("organisation-create", personas.bureau), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="BuurtGroenBedrijf"' in content
    assert "is not a Dutch postcode" in content
    response = client.post(
        url("organisation-create", personas.bureau), {**data, "postcode": "6828ea"}
    )
    organisation = Organisation.objects.get(name="BuurtGroenBedrijf")
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.postcode == "6828EA"


def test_a_duplicate_name_is_shown_on_the_name_field(personas, login):
    OrganisationFactory(bureau=personas.bureau, name="Spijkerzwam")
    response = login(personas.coach).post(
        url("organisation-create", personas.bureau),
        {"name": "Spijkerzwam", "kind": "social_enterprise", "scale_level": 3},
    )
    assert 'id="id_name_error"' in response.content.decode()
