"""Imports left half-way lose their file after a day: on every upload, and by a daily command."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from buurtbaan.imports import actions
from buurtbaan.imports.models import ImportRun
from tests.factories import ImportRunFactory
from tests.imports.conftest import make_csv, resident_rows


def make_stale(run, days=2):
    ImportRun.objects.filter(pk=run.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_the_command_is_a_dry_run_unless_for_real(personas):
    stale, fresh, done = ImportRunFactory(), ImportRunFactory(), ImportRunFactory(status="imported")
    make_stale(stale)
    make_stale(done)
    output = StringIO()
    call_command("expire_imports", stdout=output)
    assert "1 stale import would expire" in output.getvalue()
    assert ImportRun.objects.get(pk=stale.pk).content is not None

    call_command("expire_imports", "--for-real", stdout=output)
    stale, fresh, done = (ImportRun.objects.get(pk=run.pk) for run in (stale, fresh, done))
    assert (stale.status, stale.content, stale.problems) == ("expired", None, [])
    assert fresh.status == "uploaded"
    assert fresh.content is not None
    assert done.status == "imported"


def test_an_upload_expires_forgotten_imports_of_any_bureau(personas):
    forgotten = ImportRunFactory(bureau=personas.other_bureau)
    make_stale(forgotten)
    actions.start_import(
        actor=personas.coach,
        bureau=personas.bureau,
        target="residents",
        file_name="nieuw.csv",
        content=make_csv(resident_rows(2)),
    )
    assert ImportRun.objects.get(pk=forgotten.pk).status == "expired"
