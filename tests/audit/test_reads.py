"""The read audit's volume rule (`audit.models.AuditEntry`, `audit.reads`): one entry per page
view, a repeat within the window is one entry, a list is one entry for all its rows, an htmx
refresh of the same rows adds nothing, and a search never writes what was typed."""

import time

import pytest
from django.urls import reverse

from buurtbaan.audit import reads
from buurtbaan.audit.models import AuditEntry
from tests.factories import DreamFactory, ResidentFactory


def url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


def views_by(user):
    return AuditEntry.objects.filter(actor=user, action="view")


def test_a_page_view_writes_one_entry_that_references_the_record(personas, login):
    resident = ResidentFactory(bureau=personas.bureau, first_name="Geheimnaam")
    login(personas.coach).get(url("residents:resident-detail", personas.bureau, pk=resident.pk))
    entry = views_by(personas.coach).get()
    assert (entry.object_type, entry.object_id) == ("residents.resident", str(resident.pk))
    assert entry.bureau == personas.bureau
    assert entry.note == "resident detail"
    assert "Geheimnaam" not in f"{entry.object_label} {entry.note} {entry.fields}"


def test_a_repeated_view_within_the_window_is_one_entry(personas, login):
    resident = ResidentFactory(bureau=personas.bureau)
    client = login(personas.coach)
    for _ in range(3):
        client.get(url("residents:resident-detail", personas.bureau, pk=resident.pk))
    assert views_by(personas.coach).count() == 1


def test_a_view_after_the_window_is_a_new_entry(personas, login, monkeypatch):
    monkeypatch.setattr(reads, "VIEW_WINDOW", reads.VIEW_WINDOW / 600)  # one second
    resident = ResidentFactory(bureau=personas.bureau)
    client = login(personas.coach)
    client.get(url("residents:resident-detail", personas.bureau, pk=resident.pk))
    time.sleep(1.1)
    client.get(url("residents:resident-detail", personas.bureau, pk=resident.pk))
    assert views_by(personas.coach).count() == 2


def test_another_page_or_another_member_is_an_entry_of_its_own(personas, login):
    resident = ResidentFactory(bureau=personas.bureau)
    client = login(personas.coach)
    client.get(url("residents:resident-detail", personas.bureau, pk=resident.pk))
    client.get(url("residents:consent-list", personas.bureau, pk=resident.pk))
    login(personas.other_coach).get(
        url("residents:resident-detail", personas.bureau, pk=resident.pk)
    )
    assert views_by(personas.coach).count() == 2
    assert views_by(personas.other_coach).count() == 1


def test_a_list_writes_one_entry_with_how_many_and_which_rows(personas, login):
    residents = ResidentFactory.create_batch(20, bureau=personas.bureau)
    login(personas.coordinator).get(url("residents:resident-list", personas.bureau))
    entry = views_by(personas.coordinator).get()
    assert entry.object_type == "residents.resident"
    assert entry.object_id == ""
    assert entry.object_label.startswith("20 × ")
    assert entry.note.startswith("talent bank: ")
    assert all(f"#{resident.pk}" in entry.note for resident in residents)


def test_an_htmx_refresh_of_the_same_rows_adds_no_entry_but_other_rows_do(personas, login):
    ResidentFactory.create_batch(30, bureau=personas.bureau)
    client = login(personas.coordinator)
    address = url("residents:resident-list", personas.bureau)
    client.get(address)
    client.get(address, headers={"HX-Request": "true"})
    assert views_by(personas.coordinator).count() == 1
    client.get(address, {"page": 2}, headers={"HX-Request": "true"})
    assert views_by(personas.coordinator).count() == 2


def test_an_empty_list_writes_nothing(personas, login):
    login(personas.coordinator).get(url("residents:resident-list", personas.bureau))
    assert not views_by(personas.coordinator).exists()


def test_a_search_writes_what_it_showed_never_what_was_typed(personas, login):
    from buurtbaan.talentsearch.actions import reindex_residents

    found = ResidentFactory(bureau=personas.bureau)
    DreamFactory(resident=found, description="Een eigen bakkerij met zuurdesem")
    other = ResidentFactory(bureau=personas.bureau)
    reindex_residents([found.pk, other.pk])
    search = url("residents:resident-search", personas.bureau)
    login(personas.coach).get(search, {"text": "zuurdesem"})
    entry = views_by(personas.coach).get()
    assert "zuurdesem" not in f"{entry.object_label} {entry.note} {entry.fields}"
    assert entry.note == f"talent bank search: #{found.pk}"


@pytest.mark.parametrize("count", [3, 200])
def test_a_long_list_says_in_its_note_how_many_rows_did_not_fit(count):
    note = reads._shown("employer pool", list(range(100_000, 100_000 + count)))
    assert len(note) <= reads.NOTE_LENGTH
    if count == 3:
        assert note == "employer pool: #100000, #100001, #100002"
    else:
        shown = note.count("#")
        assert note.endswith(f"… +{count - shown}")


def test_a_resident_on_their_own_pages_is_not_written_down_as_a_read(personas, login):
    from tests.factories import resident_with_account

    resident = resident_with_account(personas.bureau)
    login(resident.user).get(url("matching:my-proposals", personas.bureau))
    assert not views_by(resident.user).exists()


def test_the_coordinator_reads_in_the_log_which_page_showed_which_records(personas, login):
    resident = ResidentFactory(bureau=personas.bureau)
    login(personas.coach).get(url("residents:resident-list", personas.bureau))
    content = login(personas.coordinator).get(url("audit:entry-list", personas.bureau)).content
    assert f"talent bank: #{resident.pk}".encode() in content
