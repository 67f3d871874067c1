"""The demo neighbourhood: believable, fictional, and loading it twice changes nothing.

One test, because loading the whole demo takes seconds."""

import datetime
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from buurtbaan.board.models import BoardItem, Response
from buurtbaan.bureaus.models import Bureau, Membership, Role
from buurtbaan.matching.models import Match
from buurtbaan.quotes.models import Quote
from buurtbaan.residents.models import Resident


def snapshot():
    """Row counts of every model, plus the residents' data, to compare two runs."""
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    counts.pop("audit.AuditEntry")  # a second run may log nothing new, but counts are not data
    residents = list(
        Resident.objects.order_by("pk").values_list(
            "first_name", "last_name", "postcode", "date_of_birth"
        )
    )
    return counts, residents


@pytest.mark.django_db
def test_the_demo_loads_twice_without_changing_anything():
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first

    printed = output.getvalue()
    for address in ("coordinator@", "coach@", "partner@", "sandra@", "funder@", "admin@"):
        assert address in printed
    assert "buurtbaan-demo" in printed
    assert_netwerkboek_stories_and_two_bureaus()
    assert_fictional()
    assert_dates_in_order()
    assert_titles_without_ids()
    assert_postcodes_stored_compact()


def assert_netwerkboek_stories_and_two_bureaus():
    main = Bureau.objects.get(slug="spijkerkwartier")
    assert Bureau.objects.filter(slug="klarendal").exists()
    names = set(Resident.objects.filter(bureau=main).values_list("first_name", flat=True))
    assert {"Sandra", "Jorge", "Nicolai", "Riet", "Peter"} <= names
    assert Resident.objects.filter(bureau=main).count() >= 300
    assert main.organisations.count() >= 30
    assert main.organisations.filter(name="Theater De Spijker").exists()
    roles = set(Membership.objects.filter(bureau=main).values_list("role", flat=True))
    assert roles == set(Role.values)


def assert_fictional():
    emails = Resident.objects.exclude(email="").values_list("email", flat=True)
    assert all(email.endswith("@buurtbaan.example") for email in emails)
    assert not Resident.objects.filter(date_of_birth__gt=datetime.date(2008, 12, 31)).exists()


def in_order(*moments) -> bool:
    """Each given date or time (None: not happened) is on or after the one before."""
    days = [m.date() if isinstance(m, datetime.datetime) else m for m in moments if m is not None]
    return days == sorted(days)


def assert_dates_in_order():
    """Nothing in the demo happens before it was made: a quote "made 2 December" was "sent
    7 November"."""
    for quote in Quote.objects.all():
        made = timezone.localtime(quote.created_at).date()
        assert in_order(made, quote.sent_on, quote.accepted_on), quote.title
        assert in_order(made, quote.sent_on, quote.declined_on), quote.title
        assert in_order(made, quote.sent_on, quote.expired_on), quote.title
        assert in_order(quote.sent_on, quote.valid_until), quote.title
    for item in BoardItem.objects.all():
        assert in_order(item.created_at, item.published_at, item.closed_at), item.title
    for response in Response.objects.select_related("item"):
        assert in_order(response.item.published_at, response.created_at, response.handled_at)
        assert in_order(response.created_at, response.item.closed_at)
    for match in Match.objects.all():
        assert in_order(
            match.proposed_at, match.accepted_at, match.introduced_at, match.started_at
        ), match.pk
        assert in_order(match.proposed_at, match.ended_at), match.pk


def assert_titles_without_ids():
    """No "Buurtfeest organiseren (33)": chores share titles and pages tell them apart."""
    from buurtbaan.board.models import BoardItem
    from buurtbaan.work.models import PieceOfWork

    numbered = re.compile(r"\(\d+\)\s*$")
    for model in (PieceOfWork, BoardItem):
        titles = model.objects.values_list("title", flat=True)
        assert not [title for title in titles if numbered.search(title)], model
    assert PieceOfWork.objects.filter(title="Lampen ophangen").count() > 1


def assert_postcodes_stored_compact():
    """Stored as "6828KE" (pages write "6828 KE" through the postcode filter)."""
    from buurtbaan.board.models import HelpRequest
    from buurtbaan.organisations.models import Organisation
    from buurtbaan.work.models import PieceOfWork

    for model in (Resident, Organisation, PieceOfWork, HelpRequest):
        spaced = model.objects.filter(postcode__contains=" ").values_list("postcode", flat=True)
        assert not list(spaced), model
