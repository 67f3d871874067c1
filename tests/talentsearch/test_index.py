"""The search index follows the talent bank: after every committed change, through the signals,
and in bulk through `reindex_bureau` and the management command."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from buurtbaan.residents import actions as resident_actions
from buurtbaan.residents.models import ConsentScope, ErasureRequest, Resident
from buurtbaan.talentsearch.actions import reindex_bureau, reindex_resident
from buurtbaan.talentsearch.models import ResidentSearchDocument
from tests.factories import DreamFactory, ResidentFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what would happen at the commit (the tests run inside a transaction)."""

    def _committed():
        return django_capture_on_commit_callbacks(execute=True)

    return _committed


def searchable(resident, word):
    from buurtbaan.bureaus.models import Membership
    from buurtbaan.talentsearch.queries import SearchCriteria, search_residents

    coordinator = Membership.objects.filter(bureau=resident.bureau, role="coordinator").first()
    residents, _ = search_residents(
        resident.bureau, membership=coordinator, criteria=SearchCriteria(text=word)
    )
    return residents.filter(pk=resident.pk).exists()


def test_a_registered_resident_is_indexed_with_talents_and_dreams(personas, committed):
    koken = personas.bureau.talents.get(name="koken")
    with committed():
        resident = resident_actions.register_resident(
            actor=personas.coach,
            bureau=personas.bureau,
            first_name="Ali",
            last_name="Bewoner",
            date_of_birth=datetime.date(1980, 1, 1),
            postcode="6828AB",
            talents=[koken],
            dreams=["Werken in het theater"],
            skills="heftruck",
        )
    document = ResidentSearchDocument.objects.get(resident=resident)
    assert document.bureau == personas.bureau
    assert searchable(resident, "theater")
    assert searchable(resident, "koken")
    assert searchable(resident, "heftruck")


def test_changes_to_texts_dreams_and_talents_reach_the_index(personas, committed):
    resident = ResidentFactory(bureau=personas.bureau)
    reindex_resident(resident)
    assert not searchable(resident, "tuin")
    with committed():
        resident_actions.update_resident(
            actor=personas.coach, resident=resident, dreams=["Een eigen tuin"]
        )
    assert searchable(resident, "tuin")
    with committed():
        resident_actions.update_resident(
            actor=personas.coach,
            resident=resident,
            changes={"work_experience": "schilder"},
            dreams=["Muziek maken"],
            talents=[personas.bureau.talents.get(name="repareren")],
        )
    assert not searchable(resident, "tuin")
    assert searchable(resident, "muziek")
    assert searchable(resident, "schilder")
    assert searchable(resident, "repareren")


def test_a_renamed_talent_is_found_by_its_new_name(personas, committed):
    resident = ResidentFactory(bureau=personas.bureau)
    talent = personas.bureau.talents.get(name="gidsen")
    resident.talents.set([talent])
    reindex_resident(resident)
    with committed():
        resident_actions.update_talent(
            actor=personas.coordinator, talent=talent, changes={"name": "rondleiden"}
        )
    assert searchable(resident, "rondleiden")
    assert not searchable(resident, "gidsen")


def test_a_dream_added_directly_is_indexed(personas, committed):
    resident = ResidentFactory(bureau=personas.bureau)
    with committed():
        DreamFactory(resident=resident, description="Bakker worden")
    assert searchable(resident, "bakker")


def test_nothing_is_indexed_before_the_commit(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        resident = ResidentFactory(bureau=personas.bureau)
        DreamFactory(resident=resident, description="Bakker worden")
    assert not ResidentSearchDocument.objects.filter(resident=resident).exists()
    assert callbacks


def test_an_erased_resident_leaves_the_index(personas, committed):
    resident = ResidentFactory(bureau=personas.bureau)
    DreamFactory(resident=resident, description="Bakker worden")
    reindex_resident(resident)
    erasure = ErasureRequest.objects.create(bureau=personas.bureau, resident=resident)
    with committed():
        resident_actions.confirm_erasure(actor=personas.coordinator, erasure_request=erasure)
    assert not ResidentSearchDocument.objects.filter(resident=resident).exists()


def test_reindexing_a_bureau_rebuilds_it_and_can_add_only_the_missing(personas):
    residents = [ResidentFactory(bureau=personas.bureau) for _ in range(3)]
    ResidentFactory(bureau=personas.bureau, is_anonymised=True)
    stranger = ResidentFactory(bureau=personas.other_bureau)
    assert reindex_bureau(bureau=personas.bureau) == 3
    assert set(ResidentSearchDocument.objects.values_list("resident_id", flat=True)) == {
        r.pk for r in residents
    }
    late = ResidentFactory(bureau=personas.bureau)  # as an import would, without a commit
    assert reindex_bureau(bureau=personas.bureau, missing_only=True) == 1
    assert ResidentSearchDocument.objects.filter(resident=late).exists()
    assert not ResidentSearchDocument.objects.filter(resident=stranger).exists()


def test_the_documents_hold_only_the_fields_of_the_backend_in_use(personas, make_resident):
    resident = make_resident(dreams=["Koken"], skills="heftruck")
    document = ResidentSearchDocument.objects.get(resident=resident)
    if connection.vendor == "postgresql":
        assert document.text == document.pool_text == ""
        assert "kok" in document.vector
        assert "heftruck" not in document.pool_vector
    else:
        assert document.vector is None
        assert document.text.count(" kok ") == 3  # weight A: three times
        assert " heftruck " in document.text
        assert document.pool_text == " kok "


def test_no_barrier_income_or_contact_details_are_indexed(personas):
    resident = ResidentFactory(
        bureau=personas.bureau,
        email="geheimadres@buurtbaan.example",
        street="Geheimstraat 1",
        income_situation="participation_act",
    )
    resident.barriers.create(level="personal", description="Schulden")
    reindex_resident(resident)
    assert not searchable(resident, "geheimstraat")
    assert not searchable(resident, "schulden")
    assert not searchable(resident, "participation")


def test_the_command_rebuilds_one_bureau_or_all(personas):
    resident = ResidentFactory(bureau=personas.bureau)
    stranger = ResidentFactory(bureau=personas.other_bureau)
    output = io.StringIO()
    call_command("reindex_talent_bank", "--bureau", personas.bureau.slug, stdout=output)
    assert f"{personas.bureau.slug}: 1 resident indexed" in output.getvalue()
    assert ResidentSearchDocument.objects.filter(resident=resident).exists()
    assert not ResidentSearchDocument.objects.filter(resident=stranger).exists()
    call_command("reindex_talent_bank", "--missing-only", stdout=io.StringIO())
    assert ResidentSearchDocument.objects.filter(resident=stranger).exists()
    with pytest.raises(CommandError, match="no bureau"):
        call_command("reindex_talent_bank", "--bureau", "nergens", stdout=io.StringIO())


def test_consent_changes_do_not_need_the_index(personas, make_resident):
    """Who is in the employer pool is read from the consents at search time, not indexed."""
    resident = make_resident(dreams=["Koken"])
    before = ResidentSearchDocument.objects.get(resident=resident).indexed_at
    resident_actions.record_consent(
        actor=personas.coach, resident=resident, scope=ConsentScope.PARTNERS
    )
    assert ResidentSearchDocument.objects.get(resident=resident).indexed_at == before
    assert Resident.objects.with_consent(ConsentScope.PARTNERS).filter(pk=resident.pk).exists()


def test_an_import_is_indexed_after_its_commit(personas, committed):
    from buurtbaan.imports import actions as import_actions
    from tests.imports.conftest import checked_run, make_csv, resident_rows

    run = checked_run(personas, make_csv(resident_rows(3)))
    with committed():
        import_actions.commit_import(actor=personas.coach, run=run)
    imported = Resident.objects.filter(bureau=personas.bureau)
    assert imported.count() == 3
    assert ResidentSearchDocument.objects.filter(resident__in=imported).count() == 3


def test_dreams_added_together_with_other_fields_reach_the_index(personas, committed):
    """`update_resident` writes new dreams with `bulk_create` (no signal) and then saves the
    resident with the fields that changed: that save must reindex whatever those fields are."""
    resident = ResidentFactory(bureau=personas.bureau)
    reindex_resident(resident)
    with committed():
        resident_actions.update_resident(
            actor=personas.coach,
            resident=resident,
            changes={"hours_per_week": 12},
            dreams=["Bakker worden"],
        )
    assert searchable(resident, "bakker")


def test_a_save_of_any_field_reindexes_the_resident_once_per_commit(
    personas, committed, monkeypatch
):
    from buurtbaan.talentsearch import actions as search_actions

    resident = ResidentFactory(bureau=personas.bureau)
    calls = []
    reindex = search_actions.reindex_residents
    monkeypatch.setattr(
        search_actions, "reindex_residents", lambda ids: calls.append(set(ids)) or reindex(ids)
    )
    with committed():
        resident_actions.assign_coach(
            actor=personas.coordinator, resident=resident, coach=personas.coach
        )
        resident_actions.change_stage(actor=personas.coach, resident=resident, stage="active")
        resident.skills = "heftruck"
        resident.save(update_fields=["skills", "updated_at"])
    assert calls == [{resident.pk}]
    assert searchable(resident, "heftruck")


def test_a_raw_save_schedules_nothing(personas, django_capture_on_commit_callbacks):
    from buurtbaan.talentsearch.signals import resident_saved

    resident = ResidentFactory(bureau=personas.bureau)
    with django_capture_on_commit_callbacks() as callbacks:
        resident_saved(sender=Resident, instance=resident, raw=True)
    assert callbacks == []


def test_writing_a_document_that_exists_replaces_it(personas, make_resident):
    """Two commits may reindex one resident at the same time: the later write wins."""
    from buurtbaan.talentsearch.actions import _documents
    from buurtbaan.talentsearch.backends import backend

    resident = make_resident(dreams=["Koken"])
    Resident.objects.filter(pk=resident.pk).update(skills="heftruck")  # no signal
    backend().write(_documents([resident.pk]))
    assert ResidentSearchDocument.objects.filter(resident=resident).count() == 1
    assert searchable(resident, "heftruck")
    assert searchable(resident, "koken")
    backend().write([])


def test_talents_changed_from_the_talent_side_reach_the_index(personas, committed):
    from tests.factories import TalentFactory

    resident = ResidentFactory(bureau=personas.bureau)
    reindex_resident(resident)
    talent = TalentFactory(bureau=personas.bureau, name="jongleren")
    with committed():
        talent.residents.add(resident)
    assert searchable(resident, "jongleren")
    with committed():
        talent.residents.clear()
    assert not searchable(resident, "jongleren")
    with committed():
        talent.residents.add(resident)
    with committed():
        talent.delete()
    assert not searchable(resident, "jongleren")
