"""The life of a quote: sent, accepted (its lines become work), declined, expired, realised."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditEntry
from buurtbaan.quotes import actions
from buurtbaan.quotes.models import Payee, Quote
from buurtbaan.work.models import AskerKind, PayKind, PieceOfWork, Purpose, WorkKind
from tests.factories import (
    OrganisationFactory,
    PieceOfWorkFactory,
    PurposeFactory,
)
from tests.quotes.conftest import LABOUR, days

pytestmark = pytest.mark.usefixtures("english")


def _accept(personas, quote, **kwargs):
    return actions.accept_quote(actor=personas.coordinator, quote=quote, **kwargs)


# --- Sending ----------------------------------------------------------------------------------


def test_sending_fixes_the_quote_and_records_the_day(personas, make_quote, attic_lines):
    quote = actions.send_quote(actor=personas.coordinator, quote=make_quote(lines=attic_lines))
    assert (quote.status, quote.sent_on) == ("sent", days(0))
    entry = AuditEntry.objects.get(object_type="quotes.quote", action="change")
    assert entry.fields == ["sent_on", "status"]


def test_a_quote_without_lines_cannot_be_sent(personas, make_quote):
    with pytest.raises(ValidationError, match="at least one line"):
        actions.send_quote(actor=personas.coordinator, quote=make_quote())


def test_a_quote_cannot_be_sent_twice_or_dated_in_the_future(personas, sent_quote, make_quote):
    with pytest.raises(ValidationError, match="can no longer change"):
        actions.send_quote(actor=personas.coordinator, quote=sent_quote)
    with pytest.raises(ValidationError) as error:
        actions.send_quote(
            actor=personas.coordinator, quote=make_quote(lines=[LABOUR]), sent_on=days(1)
        )
    assert "sent_on" in error.value.error_dict


# --- Accepting --------------------------------------------------------------------------------


def test_accepting_turns_the_lines_into_open_pieces_of_work(
    personas, sent_quote, oma_jansen, de_vries
):
    quote = _accept(personas, sent_quote, note="Ja, aan de balie")
    assert (quote.status, quote.accepted_on, quote.decision_note) == (
        "accepted",
        days(0),
        "Ja, aan de balie",
    )
    purpose = quote.purpose
    assert purpose.title == quote.title
    assert (purpose.asked_by_kind, purpose.asked_by_resident) == (AskerKind.RESIDENT, oma_jansen)
    labour, materials, insulation = quote.lines.order_by("position")
    assert materials.piece is None  # materials never become work
    clearing = labour.piece
    assert clearing.purpose == purpose
    assert clearing.title == labour.description
    assert (clearing.status, clearing.kind, clearing.people_needed) == (
        "open",
        WorkKind.GROEPSWERK,
        2,
    )
    assert clearing.hours_total == Decimal("12.0")
    # Residents are paid per hour: €15.00 minus the bureau's 15% = €12.75.
    assert (clearing.is_paid, clearing.pay_kind, clearing.pay_amount) == (
        True,
        PayKind.HOURLY_WAGE,
        Decimal("12.75"),
    )
    assert clearing.asked_by_resident == oma_jansen
    assert clearing.postcode == "6828EB"  # oma Jansen's own postcode
    # De Vries is paid a fixed fee, and carries the work at its own scale level.
    done_by_de_vries = insulation.piece
    assert (done_by_de_vries.pay_kind, done_by_de_vries.pay_amount) == (
        PayKind.FIXED_FEE,
        Decimal("1757.50"),
    )
    assert done_by_de_vries.carried_by_organisation == de_vries
    assert done_by_de_vries.scale_level == de_vries.scale_level
    assert "De Vries" in done_by_de_vries.scale_level_reason


def test_voluntary_labour_becomes_unpaid_work(personas, make_quote):
    school = OrganisationFactory(bureau=personas.bureau, kind="school", scale_level=5)
    quote = make_quote(
        lines=[
            {
                **LABOUR,
                "unit_price": Decimal("0"),
                "payee": Payee.PARTNER,
                "payee_organisation": school,
                "people_needed": 4,
            }
        ]
    )
    actions.send_quote(actor=personas.coordinator, quote=quote)
    piece = _accept(personas, quote).lines.get().piece
    assert (piece.is_paid, piece.pay_kind, piece.pay_amount) == (False, "", None)
    assert piece.carried_by_organisation == school


def test_a_municipality_client_asks_as_the_municipality(personas, make_quote):
    municipality = OrganisationFactory(bureau=personas.bureau, kind="municipality", scale_level=5)
    quote = make_quote(client_resident=None, client_organisation=municipality, lines=[LABOUR])
    actions.send_quote(actor=personas.coordinator, quote=quote)
    piece = _accept(personas, quote).lines.get().piece
    assert (piece.asked_by_kind, piece.asked_by_organisation) == (
        AskerKind.MUNICIPALITY,
        municipality,
    )


def test_the_work_goes_into_the_chosen_purpose_and_linked_pieces_are_kept(personas, make_quote):
    purpose = PurposeFactory(bureau=personas.bureau)
    existing = PieceOfWorkFactory(bureau=personas.bureau, purpose=purpose)
    quote = make_quote(purpose=purpose, lines=[{**LABOUR, "piece": existing}, LABOUR])
    actions.send_quote(actor=personas.coordinator, quote=quote)
    quote = _accept(personas, quote)
    linked, new = quote.lines.order_by("position")
    assert linked.piece == existing
    assert new.piece.purpose == purpose
    assert Purpose.objects.filter(bureau=personas.bureau).count() == 1
    assert PieceOfWork.objects.filter(purpose=purpose).count() == 2


def test_only_a_sent_quote_can_be_accepted(personas, make_quote, sent_quote):
    with pytest.raises(ValidationError, match="Only a sent quote"):
        _accept(personas, make_quote(lines=[LABOUR]))
    _accept(personas, sent_quote)
    with pytest.raises(ValidationError, match="Only a sent quote"):
        _accept(personas, sent_quote)
    assert PieceOfWork.objects.count() == 2  # not made twice


def test_an_acceptance_after_the_validity_is_refused(personas, make_quote):
    quote = make_quote(lines=[LABOUR], valid_until=days(0))
    actions.send_quote(actor=personas.coordinator, quote=quote, sent_on=days(-3))
    Quote.objects.filter(pk=quote.pk).update(valid_until=days(-1))
    with pytest.raises(ValidationError, match="was valid until") as error:
        _accept(personas, quote)
    assert "accepted_on" in error.value.error_dict
    # A yes given in time, recorded later, still counts.
    assert _accept(personas, quote, accepted_on=days(-2)).status == "accepted"


def test_the_acceptance_date_lies_between_sending_and_today(personas, sent_quote):
    for day in (days(1), days(-1)):
        with pytest.raises(ValidationError) as error:
            _accept(personas, sent_quote, accepted_on=day)
        assert "accepted_on" in error.value.error_dict
    assert not PieceOfWork.objects.exists()


def test_accepting_is_all_or_nothing(personas, make_quote):
    quote = make_quote(lines=[LABOUR], postcode="")
    actions.send_quote(actor=personas.coordinator, quote=quote)
    # The client's postcode broke after sending: the piece cannot be made, nothing is kept.
    quote.client_resident.__class__.objects.filter(pk=quote.client_resident_id).update(
        postcode="XX"
    )
    with pytest.raises(ValidationError, match="Line 1 cannot become a piece of work"):
        _accept(personas, Quote.objects.get(pk=quote.pk))
    quote.refresh_from_db()
    assert quote.status == "sent"
    assert not Purpose.objects.exists()
    assert not PieceOfWork.objects.exists()


# --- Declining, expiring, copying ---------------------------------------------------------------


def test_a_sent_quote_can_be_declined_with_a_reason(personas, sent_quote, make_quote):
    quote = actions.decline_quote(actor=personas.coordinator, quote=sent_quote, note="Te duur")
    assert (quote.status, quote.declined_on, quote.decision_note) == (
        "declined",
        days(0),
        "Te duur",
    )
    with pytest.raises(ValidationError, match="Only a sent quote"):
        actions.decline_quote(actor=personas.coordinator, quote=make_quote())


def test_sent_quotes_past_their_validity_expire(personas, make_quote, sent_quote):
    overdue = make_quote(lines=[LABOUR], valid_until=days(0))
    actions.send_quote(actor=personas.coordinator, quote=overdue)
    draft = make_quote(valid_until=days(0))
    expired = actions.expire_quotes(today=days(1))
    assert [quote.pk for quote in expired] == [overdue.pk]
    overdue.refresh_from_db()
    assert (overdue.status, overdue.expired_on) == ("expired", days(1))
    draft.refresh_from_db()
    sent_quote.refresh_from_db()
    assert (draft.status, sent_quote.status) == ("draft", "sent")


def test_the_expire_command_expires_overdue_quotes(personas, make_quote, capsys):
    from django.core.management import call_command

    quote = make_quote(lines=[LABOUR], valid_until=days(0))
    actions.send_quote(actor=personas.coordinator, quote=quote, sent_on=days(-1))
    Quote.objects.filter(pk=quote.pk).update(valid_until=days(-1))
    call_command("expire_quotes")
    quote.refresh_from_db()
    assert quote.status == "expired"
    assert quote.number in capsys.readouterr().out


def test_a_copy_is_a_new_draft_with_the_same_lines(personas, sent_quote):
    declined = actions.decline_quote(actor=personas.coordinator, quote=sent_quote)
    copy = actions.copy_quote(actor=personas.coordinator, quote=declined)
    assert copy.status == "draft"
    assert copy.number != declined.number
    assert copy.client == declined.client
    assert copy.totals() == Quote.objects.get(pk=declined.pk).totals()


# --- What was realised ------------------------------------------------------------------------


def test_realised_amounts_are_recorded_after_acceptance(personas, sent_quote):
    quote = _accept(personas, sent_quote)
    labour, materials, _insulation = quote.lines.order_by("position")
    actions.record_realised(actor=personas.coordinator, line=labour, quantity=Decimal("14"))
    actions.record_realised(
        actor=personas.coordinator,
        line=materials,
        quantity=Decimal("1"),
        amount=Decimal("262.35"),
        note="Eindfactuur",
    )
    labour.refresh_from_db()
    assert (labour.realised_quantity, labour.realised_amount) == (
        Decimal("14.00"),
        Decimal("210.00"),
    )
    quote = Quote.objects.get(pk=quote.pk)
    realised = quote.realised_totals()
    assert realised.subtotal == Decimal("472.35")
    assert realised.vat == Decimal("99.19")  # 21% of 472.35 = 99.1935
    assert realised.bureau == Decimal("31.50") + Decimal("26.24")  # 15% of 210; 10% of 262.35
    assert quote.is_partly_realised
    assert quote.totals().subtotal == Decimal("2270.50")  # the quoted amounts stay


def test_realised_amounts_need_an_accepted_quote_and_sensible_input(personas, sent_quote):
    line = sent_quote.lines.first()
    with pytest.raises(ValidationError, match="after a quote is accepted"):
        actions.record_realised(actor=personas.coordinator, line=line, quantity=1)
    _accept(personas, sent_quote)
    line.refresh_from_db()
    for kwargs, field in [
        ({"quantity": -1}, "quantity"),
        ({"quantity": 1, "amount": -5}, "amount"),
        ({"quantity": 1, "realised_on": days(1)}, "realised_on"),
        ({"quantity": 1, "realised_on": days(-1)}, "realised_on"),
    ]:
        with pytest.raises(ValidationError) as error:
            actions.record_realised(actor=personas.coordinator, line=line, **kwargs)
        assert field in error.value.error_dict
