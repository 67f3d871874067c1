"""Making and changing a draft quote: numbers, client, defaults, audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtbaan.audit.models import AuditEntry
from buurtbaan.quotes import actions
from buurtbaan.quotes.models import DEFAULT_BUREAU_SHARE, DEFAULT_VAT_RATE, Quote
from tests.factories import OrganisationFactory, QuoteFactory, ResidentFactory
from tests.quotes.conftest import days

pytestmark = pytest.mark.usefixtures("english")


def test_it_makes_a_draft_with_the_next_number_and_the_defaults(personas, make_quote):
    quote = make_quote()
    year = timezone.localdate().year
    assert quote.number == f"{year}-001"
    assert quote.status == "draft"
    assert quote.vat_rate == DEFAULT_VAT_RATE == Decimal("21.00")
    assert quote.bureau_share_percent == DEFAULT_BUREAU_SHARE
    assert quote.valid_until == days(30)
    assert quote.created_by == personas.coordinator
    assert make_quote().number == f"{year}-002"


def test_numbers_are_per_bureau(personas, make_quote):
    make_quote()
    other_client = ResidentFactory(bureau=personas.other_bureau)
    other = make_quote(bureau=personas.other_bureau, client_resident=other_client)
    assert other.number.endswith("-001")


def test_numbers_start_again_each_year_and_continue_after_the_highest(personas, make_quote):
    year = timezone.localdate().year
    QuoteFactory(bureau=personas.bureau, year=year - 1, sequence=41)
    QuoteFactory(bureau=personas.bureau, year=year, sequence=13)
    assert make_quote().number == f"{year}-014"


@pytest.mark.parametrize("clients", ["none", "both"])
def test_it_needs_exactly_one_client(personas, oma_jansen, clients):
    fields = {}
    if clients == "both":
        fields = {
            "client_resident": oma_jansen,
            "client_organisation": OrganisationFactory(bureau=personas.bureau),
        }
    with pytest.raises(ValidationError, match="either a resident or an organisation"):
        actions.create_quote(actor=None, bureau=personas.bureau, title="Zolder", **fields)
    assert not Quote.objects.exists()


def test_an_organisation_can_be_the_client(personas, make_quote):
    municipality = OrganisationFactory(bureau=personas.bureau, kind="municipality")
    quote = make_quote(client_resident=None, client_organisation=municipality)
    assert quote.client == municipality


def test_it_refuses_a_client_of_another_bureau(personas, make_quote):
    stranger = ResidentFactory(bureau=personas.other_bureau)
    with pytest.raises(ValidationError) as error:
        make_quote(client_resident=stranger)
    assert "client_resident" in error.value.error_dict


def test_it_refuses_a_validity_in_the_past(make_quote):
    with pytest.raises(ValidationError) as error:
        make_quote(valid_until=days(-1))
    assert "valid_until" in error.value.error_dict


def test_it_normalises_the_postcode_and_checks_the_work_dates(make_quote):
    assert make_quote(postcode="6828 eb").postcode == "6828EB"
    with pytest.raises(ValidationError) as error:
        make_quote(work_starts_on=days(10), work_ends_on=days(5))
    assert "work_ends_on" in error.value.error_dict


def test_it_writes_an_audit_entry(personas, make_quote):
    quote = make_quote()
    entry = AuditEntry.objects.get(object_type="quotes.quote", action="create")
    assert entry.object_id == str(quote.pk)
    assert entry.bureau == personas.bureau
    assert "Jansen" not in entry.object_label


def test_a_draft_can_change(personas, make_quote):
    quote = make_quote()
    actions.update_quote(
        actor=personas.coordinator,
        quote=quote,
        changes={"title": "Alleen isoleren", "vat_rate": Decimal("9.00")},
    )
    quote.refresh_from_db()
    assert (quote.title, quote.vat_rate) == ("Alleen isoleren", Decimal("9.00"))
    entry = AuditEntry.objects.filter(object_type="quotes.quote", action="change").get()
    assert entry.fields == ["title", "vat_rate"]


def test_a_sent_quote_cannot_change(personas, sent_quote):
    with pytest.raises(ValidationError, match="can no longer change"):
        actions.update_quote(
            actor=personas.coordinator, quote=sent_quote, changes={"title": "Anders"}
        )


def test_the_quote_totals_come_from_its_lines(sent_quote):
    totals = Quote.objects.get(pk=sent_quote.pk).totals()
    assert totals.subtotal == Decimal("2270.50")
    assert totals.vat == Decimal("476.81")
    assert totals.total == Decimal("2747.31")
    assert totals.bureau == Decimal("143.55")


def test_the_number_is_race_safe_because_the_bureau_row_is_locked(personas, make_quote):
    # The unique constraints stop a duplicate even if the lock were bypassed.
    quote = make_quote()
    with pytest.raises(Exception):  # noqa: B017, PT011 - IntegrityError, wrapped differently per database
        QuoteFactory(bureau=personas.bureau, year=quote.year, sequence=quote.sequence, number="x")


def test_a_quote_is_past_its_validity_only_when_sent_and_overdue(sent_quote):
    later = sent_quote.valid_until + datetime.timedelta(days=1)
    assert not sent_quote.is_past_validity(on=sent_quote.valid_until)
    assert sent_quote.is_past_validity(on=later)
