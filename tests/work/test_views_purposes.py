"""The purpose pages: list, create, detail with the tree, edit."""

import pytest
from django.urls import reverse

from buurtbaan.audit.models import AuditEntry
from buurtbaan.work.models import Purpose
from tests.factories import SCRIPT, PieceOfWorkFactory, PurposeFactory


def url(name, bureau, **kwargs):
    return reverse(f"work:{name}", kwargs={"bureau_slug": bureau.slug, **kwargs})


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_has_a_fixed_number_of_queries(personas, login, django_assert_num_queries, rows):
    for _ in range(rows):
        purpose = PurposeFactory(bureau=personas.bureau)
        PieceOfWorkFactory.create_batch(2, bureau=personas.bureau, purpose=purpose)
    client = login(personas.coach)
    # session, user, membership, nav memberships, count, page
    with django_assert_num_queries(6):
        response = client.get(url("purpose-list", personas.bureau))
    assert response.status_code == 200


def test_the_list_shows_counts_and_escapes_titles(personas, login):
    purpose = PurposeFactory(bureau=personas.bureau)
    PieceOfWorkFactory.create_batch(3, bureau=personas.bureau, purpose=purpose)
    PurposeFactory(bureau=personas.other_bureau, title="Niet van ons")
    content = login(personas.coach).get(url("purpose-list", personas.bureau)).content.decode()
    assert "&lt;script&gt;" in content
    assert SCRIPT not in content
    assert "Niet van ons" not in content
    assert "<td>3</td>" in content


def test_a_coach_records_a_purpose(personas, login):
    response = login(personas.coach).post(
        url("purpose-create", personas.bureau),
        {
            "title": "Het plantsoen klimaatbestendig",
            "asked_by_kind": "bureau",
            "target": "Geen nieuwe planten meer",
            "starts_on": "2026-03-01",
            "ends_on": "2026-12-31",
        },
    )
    purpose = Purpose.objects.get(bureau=personas.bureau)
    assert response.status_code == 302
    assert response["Location"] == purpose.get_absolute_url()
    assert purpose.created_by == personas.coach
    assert AuditEntry.objects.filter(object_type="work.purpose", action="create").exists()


def test_the_form_keeps_what_was_typed_and_says_how_to_fix_it(personas, login):
    response = login(personas.coach).post(
        url("purpose-create", personas.bureau),
        {
            "title": "Zolders",
            "asked_by_kind": "resident",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Zolders"' in content
    assert "Choose the resident who asks" in content
    assert "The end date is before the start date." in content
    assert not Purpose.objects.exists()


def test_the_detail_shows_the_tree_of_pieces_in_fixed_queries(
    personas, login, django_assert_num_queries
):
    purpose = PurposeFactory(bureau=personas.bureau)
    top = PieceOfWorkFactory(bureau=personas.bureau, purpose=purpose, title="Boven", hours_total=40)
    middle = PieceOfWorkFactory(
        bureau=personas.bureau, purpose=purpose, parent=top, title="Midden", hours_total=10
    )
    PieceOfWorkFactory(
        bureau=personas.bureau, purpose=purpose, parent=middle, title="Onder", hours_total=4
    )
    client = login(personas.coordinator)
    with django_assert_num_queries(6):
        response = client.get(url("purpose-detail", personas.bureau, pk=purpose.pk))
    content = response.content.decode()
    # Nested lists: "Onder" sits in a list inside "Midden", inside "Boven".
    assert content.index("Boven") < content.index("Midden") < content.index("Onder")
    assert content.count('<ul class="work-tree"') == 3


def test_a_coach_edits_a_purpose(personas, login):
    purpose = PurposeFactory(bureau=personas.bureau)
    response = login(personas.coach).post(
        url("purpose-update", personas.bureau, pk=purpose.pk),
        {"title": "Nieuwe titel", "asked_by_kind": "bureau"},
    )
    purpose.refresh_from_db()
    assert response.status_code == 302
    assert purpose.title == "Nieuwe titel"
    entry = AuditEntry.objects.get(object_type="work.purpose", action="change")
    assert "title" in entry.fields
