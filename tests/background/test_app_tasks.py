"""Today's daily jobs are tasks in their apps' tasks.py: each calls the same action as its
command, and its result holds counts only (task results are stored in the database)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from buurtbaan.imports.models import ImportRun
from buurtbaan.imports.tasks import expire_imports
from buurtbaan.quotes.models import Quote, QuoteStatus
from buurtbaan.quotes.tasks import expire_quotes
from buurtbaan.residents.models import Resident
from buurtbaan.residents.tasks import purge_unconfirmed_registrations
from tests import factories
from tests.factories import ImportRunFactory, QuoteFactory


def test_expire_quotes_expires_an_overdue_sent_quote(personas):
    overdue = QuoteFactory(
        bureau=personas.bureau,
        status=QuoteStatus.SENT,
        valid_until=timezone.localdate() - datetime.timedelta(days=2),
    )
    result = expire_quotes.enqueue()
    assert (result.status, result.return_value) == ("SUCCESSFUL", 1)
    assert Quote.objects.get(pk=overdue.pk).status == QuoteStatus.EXPIRED


def test_expire_imports_deletes_the_file_of_an_import_left_half_way(personas):
    stale = ImportRunFactory(bureau=personas.bureau)
    ImportRun.objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=2)
    )
    result = expire_imports.enqueue()
    assert result.return_value == 1
    assert ImportRun.objects.get(pk=stale.pk).content is None


def test_purge_unconfirmed_registrations_removes_an_old_sign_up_and_returns_counts(personas):
    _outcome, resident = factories.sign_up(personas.bureau, email="oud@buurtbaan.example")
    then = timezone.now() - datetime.timedelta(days=20)
    Resident.objects.filter(pk=resident.pk).update(created_at=then)
    get_user_model().objects.filter(pk=resident.user_id).update(date_joined=then)

    result = purge_unconfirmed_registrations.enqueue()
    assert result.return_value == {"spijkerkwartier": 1}
    assert not Resident.objects.filter(pk=resident.pk).exists()
