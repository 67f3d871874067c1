"""Importing: all rows in one transaction or none, in a constant number of bulk statements."""

import math

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from buurtbaan.audit.models import AuditEntry
from buurtbaan.imports import actions
from buurtbaan.imports.models import ImportRun
from buurtbaan.residents.models import Dream, Resident
from tests.factories import ResidentFactory
from tests.imports.conftest import checked_run, make_csv, resident_rows

Through = Resident.talents.through


def saved_count():
    return (Resident.objects.count(), Through.objects.count(), Dream.objects.count())


def test_it_imports_and_then_forgets_the_file(personas):
    run = checked_run(personas, make_csv(resident_rows(30)))
    assert actions.commit_import(actor=personas.coach, run=run) == 30
    run = ImportRun.objects.get(pk=run.pk)
    assert (run.status, run.imported_rows, run.content, run.problems) == ("imported", 30, None, [])
    assert run.finished_at is not None


def test_one_audit_entry_summarises_the_import(personas):
    run = checked_run(personas, make_csv(resident_rows(30)))
    before = AuditEntry.objects.count()
    actions.commit_import(actor=personas.coach, run=run)
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("pk")
    assert (entry.actor, entry.action, entry.bureau) == (personas.coach, "create", personas.bureau)
    assert entry.object_label == f"import #{run.pk}" or entry.object_id == str(run.pk)
    assert entry.note == "30 residents imported from one file"
    assert "postcode" in entry.fields
    assert "Voornaam" not in entry.note  # references only, never personal data


def test_a_failure_half_way_saves_nothing(personas, monkeypatch):
    run = checked_run(personas, make_csv(resident_rows(50)))

    def fail(*args, **kwargs):
        raise DatabaseError("the disk is full")

    # Residents and their talents are written; then the dreams fail.
    monkeypatch.setattr(Dream.objects, "bulk_create", fail)
    with pytest.raises(DatabaseError):
        actions.commit_import(actor=personas.coordinator, run=run)
    assert saved_count() == (0, 0, 0)
    run = ImportRun.objects.get(pk=run.pk)
    assert run.status == "checked"
    assert run.content  # kept, so the import can be tried again
    monkeypatch.undo()
    assert actions.commit_import(actor=personas.coordinator, run=run) == 50


def test_a_problem_that_arose_since_the_dry_run_stops_the_import(personas):
    run = checked_run(personas, make_csv(resident_rows(30)))
    ResidentFactory(bureau=personas.bureau, email="BEWONER7@buurtbaan.example")
    with pytest.raises(actions.ImportHasProblems):
        actions.commit_import(actor=personas.coordinator, run=run)
    assert Resident.objects.count() == 1
    run = ImportRun.objects.get(pk=run.pk)
    assert run.status == "checked"
    assert run.problem_rows == 1
    assert [(p["row"], p["code"]) for p in run.problems] == [(9, "duplicate_existing")]


def test_it_imports_once(personas):
    run = checked_run(personas, make_csv(resident_rows(5)))
    stale_copy = ImportRun.objects.without_content().get(pk=run.pk)
    actions.commit_import(actor=personas.coordinator, run=run)
    with pytest.raises(ValidationError):
        actions.commit_import(actor=personas.coordinator, run=run)
    with pytest.raises(ValidationError):
        actions.commit_import(actor=personas.coordinator, run=stale_copy)
    assert Resident.objects.count() == 5


def test_a_file_with_problems_or_not_checked_cannot_be_imported(personas):
    rows = resident_rows(5)
    rows[2]["Postcode"] = "nee"
    with pytest.raises(ValidationError):
        actions.commit_import(actor=personas.coordinator, run=checked_run(personas, make_csv(rows)))
    unchecked = actions.start_import(
        actor=personas.coordinator,
        bureau=personas.bureau,
        target="residents",
        file_name="b.csv",
        content=make_csv(resident_rows(5)),
    )
    with pytest.raises(ValidationError):
        actions.commit_import(actor=personas.coordinator, run=unchecked)
    assert Resident.objects.count() == 0


def test_a_coach_from_the_file_is_assigned(personas):
    rows = resident_rows(3)
    for row in rows:
        row["Coach"] = personas.coach.email
    headers = [*rows[0].keys()]
    run = checked_run(personas, make_csv(rows, headers))
    actions.commit_import(actor=personas.coordinator, run=run)
    assert set(Resident.objects.values_list("coach", flat=True)) == {personas.coach.pk}


def batches(model, rows: int) -> int:
    """How many INSERT statements the database needs for `rows` rows of `model`."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    size = connection.ops.bulk_batch_size(fields, [None] * rows) or rows
    return math.ceil(rows / size)


def commit_queries(personas, rows: int) -> int:
    Resident.objects.filter(bureau=personas.bureau).delete()  # the same addresses again
    run = checked_run(personas, make_csv(resident_rows(rows)))
    with CaptureQueriesContext(connection) as queries:
        actions.commit_import(actor=personas.coordinator, run=run)
    assert Resident.objects.filter(bureau=personas.bureau).count() == rows
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_rows(personas):
    small, large = commit_queries(personas, 100), commit_queries(personas, 1000)
    # The only growth allowed: a database that limits the parameters of one statement (SQLite:
    # 999) splits each bulk insert into batches. PostgreSQL needs the very same count.
    talents = {100: 100, 1000: 1000}  # half the rows have two talents
    dreams = {100: 2 * 34, 1000: 2 * 334}  # a third of the rows have two dreams
    extra_batches = sum(
        batches(model, counts[1000]) - batches(model, counts[100])
        for model, counts in (
            (Resident, {100: 100, 1000: 1000}),
            (Through, talents),
            (Dream, dreams),
        )
    )
    assert large == small + extra_batches
    if connection.vendor == "postgresql":
        assert large == small
    assert large < 60  # against 1,000 rows: no query per row


def test_matching_scores_the_bureau_afresh_after_an_import(personas, settings):
    """Bulk inserts send no signals, so the import itself tells matching its cached engine of the
    bureau is out of date (and again after the commit)."""
    from buurtbaan.matching import cache

    settings.MATCHING_CACHE_SECONDS = 600
    run = checked_run(personas, make_csv(resident_rows(5)))
    cache.prepared_for(personas.bureau)
    assert cache.prepared_for(personas.bureau).was_cached
    actions.commit_import(actor=personas.coach, run=run)
    assert not cache.prepared_for(personas.bureau).was_cached
