"""A resident's personal network page: staff only, audited."""

import pytest
from django.urls import reverse

from buurtbaan.audit.models import AuditEntry
from buurtbaan.organisations.models import PersonalRelation
from tests.factories import SCRIPT, PersonalRelationFactory, ResidentFactory


@pytest.fixture
def resident(personas):
    return ResidentFactory(bureau=personas.bureau)


def url(resident, name="relation-list", **kwargs):
    return reverse(
        f"organisations:{name}",
        kwargs={"bureau_slug": resident.bureau.slug, "resident_pk": resident.pk, **kwargs},
    )


@pytest.mark.parametrize("rows", [2, 20])
def test_the_page_has_a_fixed_number_of_queries(
    personas, login, resident, django_assert_num_queries, rows
):
    PersonalRelationFactory.create_batch(rows, resident=resident)
    client = login(personas.coordinator)
    with django_assert_num_queries(13):
        response = client.get(url(resident))
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


def test_viewing_the_network_is_audited(personas, login, resident):
    login(personas.coach).get(url(resident))
    entry = AuditEntry.objects.get(action="view")
    assert (entry.object_type, entry.fields) == ("residents.resident", ["network"])


def test_a_coach_adds_edits_and_removes_a_helper(personas, login, resident):
    client = login(personas.coach)
    response = client.post(
        url(resident),
        {
            "name": "Daan",
            "kind": "family",
            "helps_with": "sjouwen",
            "hours_per_week": "2",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    relation = PersonalRelation.objects.get(resident=resident)
    assert relation.name == "Daan"
    response = client.post(
        url(resident, "relation-update", pk=relation.pk),
        {"name": "Daan", "kind": "family", "helps_with": "sjouwen en tillen", "is_active": "on"},
    )
    assert response.status_code == 302
    relation.refresh_from_db()
    assert relation.helps_with == "sjouwen en tillen"
    assert client.post(url(resident, "relation-delete", pk=relation.pk)).status_code == 302
    assert not PersonalRelation.objects.exists()


def test_a_helper_without_a_name_is_refused_with_a_clear_message(personas, login, resident):
    response = login(personas.coach).post(
        url(resident), {"kind": "friend", "helps_with": "boodschappen"}
    )
    content = response.content.decode()
    assert "Give the helper" in content
    assert "boodschappen" in content


def test_another_residents_relation_is_404(personas, login, resident):
    relation = PersonalRelationFactory(resident=ResidentFactory(bureau=personas.bureau))
    response = login(personas.coach).get(url(resident, "relation-update", pk=relation.pk))
    assert response.status_code == 404
