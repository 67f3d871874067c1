"""Writes on quotes. Views, the demo loader and the `expire_quotes` command call these.

Who may call them: the bureau's coordinators (the views enforce it). Every change writes an audit
entry. Errors are `ValidationError`s that say how to fix the problem, keyed by the field they
concern when there is one, so a form shows them there.

The life of a quote: `create_quote` (a draft with a fresh number) → `add_line` / `update_line` /
`remove_line` / `update_quote` while it is a draft → `send_quote` → `accept_quote` (turns the lines
into work through `work.actions`) or `decline_quote`, or `expire_quotes` once its validity ran
out → `record_realised` per line after the work. `copy_quote` starts a new draft from any quote.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.bureaus.models import Bureau
from buurtbaan.core.postcodes import normalise_postcode
from buurtbaan.organisations.models import OrganisationKind
from buurtbaan.quotes import money
from buurtbaan.quotes.models import (
    DEFAULT_VALIDITY_DAYS,
    LineKind,
    Payee,
    Quote,
    QuoteLine,
    QuoteStatus,
)
from buurtbaan.work import actions as work_actions
from buurtbaan.work.models import AskerKind, PayKind, WorkKind, WorkStatus

QUOTE_FIELDS = {
    "title",
    "description",
    "client_resident",
    "client_organisation",
    "postcode",
    "work_starts_on",
    "work_ends_on",
    "valid_until",
    "vat_rate",
    "bureau_share_percent",
    "purpose",
}
LINE_FIELDS = {
    "kind",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "payee",
    "payee_organisation",
    "bureau_share_percent",
    "becomes_work",
    "people_needed",
    "piece",
}
HOURS_PLACES = Decimal("0.1")
#: Who is paid for a line when the coordinator does not say.
USUAL_PAYEE = {
    LineKind.LABOUR: Payee.RESIDENTS,
    LineKind.MATERIALS: Payee.THIRD_PARTY,
    LineKind.THIRD_PARTY: Payee.THIRD_PARTY,
    LineKind.BUREAU: Payee.BUREAU,
}


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _unknown(fields, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def format_number(year: int, sequence: int) -> str:
    """The number people see and say: 2026-014."""
    return f"{year}-{sequence:03d}"


def _next_sequence(bureau: Bureau, year: int) -> int:
    """The next free sequence number of the bureau in `year`.

    Race-safe: the bureau's row is locked until the transaction ends, so two coordinators who
    create a quote at the same moment wait for each other instead of taking the same number
    (PostgreSQL; SQLite writes one transaction at a time anyway). The unique constraints on
    (bureau, year, sequence) and (bureau, number) are the last line of defence.
    """
    Bureau.objects.select_for_update().filter(pk=bureau.pk).first()
    last = Quote.objects.filter(bureau=bureau, year=year).aggregate(last=Max("sequence"))["last"]
    return (last or 0) + 1


# ---------------------------------------------------------------------------------------------
# Checks


def _check_quote(quote: Quote) -> None:
    quote.title = (quote.title or "").strip()
    if not quote.title:
        raise ValidationError({"title": _("Give the quote a title: what is ordered?")})
    has_resident, has_organisation = (
        bool(quote.client_resident_id),
        bool(quote.client_organisation_id),
    )
    if has_resident == has_organisation:
        raise ValidationError(
            _(
                "Choose the client: either a resident or an organisation (such as the "
                "municipality), not both."
            )
        )
    if has_resident:
        resident = quote.client_resident
        if resident.bureau_id != quote.bureau_id:
            raise ValidationError({"client_resident": _("This resident is of another bureau.")})
        if resident.is_anonymised:
            raise ValidationError(
                {
                    "client_resident": _(
                        "This resident's data has been erased; choose another client."
                    )
                }
            )
    if has_organisation and quote.client_organisation.bureau_id != quote.bureau_id:
        raise ValidationError({"client_organisation": _("This organisation is of another bureau.")})
    if quote.purpose_id and quote.purpose.bureau_id != quote.bureau_id:
        raise ValidationError({"purpose": _("This purpose belongs to another bureau.")})
    if quote.postcode:
        normalised = normalise_postcode(quote.postcode)
        if not normalised:
            raise ValidationError(
                {"postcode": _("This is not a Dutch postcode. Write e.g. 6828 AB or 6828.")}
            )
        quote.postcode = normalised
    if quote.work_starts_on and quote.work_ends_on and quote.work_ends_on < quote.work_starts_on:
        raise ValidationError({"work_ends_on": _("The end date is before the start date.")})
    today = timezone.localdate()
    if quote.valid_until < today:
        raise ValidationError(
            {"valid_until": _("The validity ends in the past. Choose today or a later date.")}
        )
    quote.full_clean(exclude=["bureau", "created_by", "year", "sequence", "number"])


def _require_draft(quote: Quote) -> None:
    if quote.status != QuoteStatus.DRAFT:
        raise ValidationError(
            _(
                "This quote is %(status)s and can no longer change. Make a copy to offer "
                "something else."
            )
            % {"status": quote.get_status_display()}
        )


def _check_line(line: QuoteLine) -> None:
    line.description = " ".join((line.description or "").split())
    line.unit = (line.unit or "").strip()
    if not line.description:
        raise ValidationError({"description": _("Describe the line as the client will read it.")})
    if not line.payee:
        line.payee = USUAL_PAYEE.get(line.kind, Payee.THIRD_PARTY)
    if line.kind == LineKind.BUREAU:
        # The bureau's own work is kept in full and is not work for residents or partners.
        line.payee, line.payee_organisation = Payee.BUREAU, None
        line.bureau_share_percent, line.becomes_work = Decimal("100"), False
    elif line.payee == Payee.BUREAU:
        raise ValidationError(
            {
                "payee": _(
                    "Only the bureau's own work is paid to the bureau. Choose who does or "
                    "supplies this line, or make it a line of the bureau's own work."
                )
            }
        )
    if line.kind == LineKind.MATERIALS:
        line.becomes_work = False
    if line.payee == Payee.RESIDENTS:
        line.payee_organisation = None
    if line.payee == Payee.PARTNER and not line.payee_organisation_id:
        raise ValidationError(
            {"payee_organisation": _("Choose the partner organisation that is paid.")}
        )
    if line.payee_organisation_id and line.payee_organisation.bureau_id != line.quote.bureau_id:
        raise ValidationError({"payee_organisation": _("This organisation is of another bureau.")})
    if line.piece_id:
        _check_linked_piece(line)
    line.full_clean(exclude=["quote", "piece"])
    if line.becomes_work and line.kind == LineKind.LABOUR and not line.piece_id:
        if line.quantity != line.quantity.quantize(HOURS_PLACES):
            raise ValidationError(
                {"quantity": _("Give the hours with at most one decimal, e.g. 7.5.")}
            )
        if line.quantity >= Decimal("100000"):
            raise ValidationError({"quantity": _("Give fewer than 100,000 hours.")})


def _check_linked_piece(line: QuoteLine) -> None:
    """A line may price a piece already in the work bank: one of the quote's purpose, that no
    other line prices. It is work by definition, so it stays linked on acceptance."""
    piece, quote = line.piece, line.quote
    if line.kind in (LineKind.MATERIALS, LineKind.BUREAU):
        raise ValidationError(
            {"piece": _("Only labour and third parties can price a piece of work.")}
        )
    if not quote.purpose_id or piece.purpose_id != quote.purpose_id:
        raise ValidationError(
            {"piece": _("Choose a piece of work of the purpose this quote is for.")}
        )
    if QuoteLine.objects.filter(piece=piece).exclude(pk=line.pk).exists():
        raise ValidationError({"piece": _("Another quote line already prices this piece of work.")})
    line.becomes_work = True


# ---------------------------------------------------------------------------------------------
# The quote and its lines, while it is a draft


@transaction.atomic
def create_quote(*, actor, bureau: Bureau, title: str, valid_until=None, **fields) -> Quote:
    """Start a draft quote with the next number of the bureau (e.g. 2026-014).

    `client_resident` or `client_organisation` (exactly one, of this bureau); the validity
    defaults to `DEFAULT_VALIDITY_DAYS` from today; VAT rate and bureau share default to the
    bureau-wide constants in `quotes.models`.
    """
    _unknown(fields, QUOTE_FIELDS)
    today = timezone.localdate()
    quote = Quote(
        bureau=bureau,
        title=title,
        valid_until=valid_until or today + datetime.timedelta(days=DEFAULT_VALIDITY_DAYS),
        created_by=_user(actor),
        **{name: value for name, value in fields.items() if value is not None},
    )
    _check_quote(quote)
    quote.year = today.year
    quote.sequence = _next_sequence(bureau, quote.year)
    quote.number = format_number(quote.year, quote.sequence)
    quote.save()
    log_event(actor=actor, action=AuditAction.CREATE, obj=quote)
    return quote


@transaction.atomic
def update_quote(*, actor, quote: Quote, changes: dict) -> Quote:
    """Change a draft quote's details. Lines have their own actions."""
    _unknown(changes, QUOTE_FIELDS)
    _require_draft(quote)
    before = {name: getattr(quote, name) for name in changes}
    for name, value in changes.items():
        setattr(quote, name, value)
    _check_quote(quote)
    if quote.lines.filter(piece__isnull=False).exclude(piece__purpose=quote.purpose_id).exists():
        raise ValidationError(
            {
                "purpose": _(
                    "Some lines price pieces of work of the other purpose. Unlink them from "
                    "those lines first."
                )
            }
        )
    changed = sorted(name for name in changes if getattr(quote, name) != before[name])
    if changed:
        quote.save(update_fields=[*changed, "updated_at"])
        log_event(actor=actor, action=AuditAction.CHANGE, obj=quote, fields=changed)
    return quote


def _touch(quote: Quote) -> None:
    quote.save(update_fields=["updated_at"])


@transaction.atomic
def add_line(
    *, actor, quote: Quote, kind: str, description: str, quantity, unit_price, **fields
) -> QuoteLine:
    """Add a line to a draft quote, at the end. `payee` defaults from the kind (labour: the
    residents who do the work; materials and third parties: a third party); the bureau's share
    defaults to the quote's."""
    _unknown(fields, LINE_FIELDS)
    _require_draft(quote)
    if fields.get("bureau_share_percent") is None:
        fields["bureau_share_percent"] = quote.bureau_share_percent
    if fields.get("people_needed") is None:
        fields.pop("people_needed", None)
    last = quote.lines.aggregate(last=Max("position"))["last"]
    line = QuoteLine(
        quote=quote,
        position=(last or 0) + 1,
        kind=kind,
        description=description,
        quantity=Decimal(quantity),
        unit_price=Decimal(unit_price),
        **fields,
    )
    _check_line(line)
    line.save()
    _touch(quote)
    log_event(actor=actor, action=AuditAction.CREATE, obj=line, bureau=quote.bureau)
    return line


@transaction.atomic
def update_line(*, actor, line: QuoteLine, changes: dict) -> QuoteLine:
    """Change a line of a draft quote."""
    _unknown(changes, LINE_FIELDS)
    _require_draft(line.quote)
    before = {name: getattr(line, name) for name in LINE_FIELDS}
    for name, value in changes.items():
        setattr(line, name, value)
    _check_line(line)
    changed = sorted(name for name in LINE_FIELDS if getattr(line, name) != before[name])
    if changed:
        line.save(update_fields=changed)
        _touch(line.quote)
        log_event(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=line,
            bureau=line.quote.bureau,
            fields=changed,
        )
    return line


@transaction.atomic
def remove_line(*, actor, line: QuoteLine) -> None:
    """Remove a line from a draft quote."""
    quote = line.quote
    _require_draft(quote)
    log_event(actor=actor, action=AuditAction.DELETE, obj=line, bureau=quote.bureau)
    line.delete()
    _touch(quote)


# ---------------------------------------------------------------------------------------------
# Sending and the client's decision


def _locked(quote: Quote) -> Quote:
    """The quote's row, locked until the transaction ends, so two clicks cannot both accept."""
    return (
        Quote.objects.select_for_update(of=("self",))
        .select_related("bureau", "client_resident", "client_organisation")
        .get(pk=quote.pk)
    )


def _decision_day(value, *, field: str, after: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    value = value or today
    if value > today:
        raise ValidationError(
            {field: _("This date is in the future. Give today or an earlier date.")}
        )
    if after is not None and value < after:
        raise ValidationError(
            {
                field: _("This date is before %(day)s, when the quote was sent.")
                % {"day": _day(after)}
            }
        )
    return value


@transaction.atomic
def send_quote(*, actor, quote: Quote, sent_on: datetime.date | None = None) -> Quote:
    """Mark a draft quote as sent to the client (on paper, by e-mail: the coordinator sends the
    PDF). From now on it cannot change. Refused without lines, or when the validity would end
    before the day it is sent."""
    quote = _locked(quote)
    _require_draft(quote)
    if not quote.lines.exists():
        raise ValidationError(_("Add at least one line before sending the quote."))
    sent_on = _decision_day(sent_on, field="sent_on", after=None)
    if quote.valid_until < sent_on:
        raise ValidationError(
            {
                "valid_until": _(
                    "The quote would already have expired on %(day)s. Change the validity first."
                )
                % {"day": _day(quote.valid_until)}
            }
        )
    quote.status, quote.sent_on = QuoteStatus.SENT, sent_on
    quote.save(update_fields=["status", "sent_on", "updated_at"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=quote, fields=["status", "sent_on"])
    return quote


def _asker(quote: Quote) -> dict:
    if quote.client_resident_id:
        return {"asked_by_kind": AskerKind.RESIDENT, "asked_by_resident": quote.client_resident}
    organisation = quote.client_organisation
    is_municipality = organisation.kind == OrganisationKind.MUNICIPALITY
    return {
        "asked_by_kind": AskerKind.MUNICIPALITY if is_municipality else AskerKind.ORGANISATION,
        "asked_by_organisation": organisation,
    }


def piece_fields(quote: Quote, line: QuoteLine) -> dict:
    """What the piece of work made from a line looks like: its hours (labour), pay and people.

    Residents are paid per hour: their part of the hourly rate after the bureau's share.
    An organisation (partner or third party) is paid a fixed fee: its part of the line.
    A line at €0 is voluntary work (students, volunteers).
    """
    amounts = line.amounts()
    is_paid = amounts.payee_amount > 0
    if not is_paid:
        pay = {"is_paid": False}
    elif line.payee == Payee.RESIDENTS and line.kind == LineKind.LABOUR:
        pay = {
            "is_paid": True,
            "pay_kind": PayKind.HOURLY_WAGE,
            "pay_amount": money.rate_after_share(line.unit_price, line.bureau_share_percent),
        }
    else:
        pay = {"is_paid": True, "pay_kind": PayKind.FIXED_FEE, "pay_amount": amounts.payee_amount}
    return {
        "title": line.description,
        "description": _("Ordered with quote %(number)s: %(title)s")
        % {"number": quote.number, "title": quote.title},
        "kind": WorkKind.GROEPSWERK if line.people_needed >= 2 else WorkKind.BUURTKLUS,
        "hours_total": line.quantity.quantize(HOURS_PLACES)
        if line.kind == LineKind.LABOUR
        else None,
        "people_needed": line.people_needed,
        "postcode": quote.work_postcode(),
        "starts_on": quote.work_starts_on,
        "ends_on": quote.work_ends_on,
        "status": WorkStatus.OPEN,
        **pay,
        **_asker(quote),
    }


def _make_work(*, actor, quote: Quote) -> None:
    """The quote's work in the work bank. Lines that price an existing piece keep it; every
    other line that becomes work gets a new open piece, in the quote's purpose (a new purpose
    titled like the quote when none was chosen). A new piece paid to an organisation is placed at
    that organisation's scale level, carried by it."""
    lines = list(quote.lines.select_related("payee_organisation", "piece"))
    new_work = [line for line in lines if line.becomes_work and not line.piece_id]
    if quote.purpose_id is None and new_work:
        quote.purpose = work_actions.create_purpose(
            actor=actor,
            bureau=quote.bureau,
            title=quote.title,
            description=quote.description,
            target=_("Everything in quote %(number)s done.") % {"number": quote.number},
            starts_on=quote.work_starts_on,
            ends_on=quote.work_ends_on,
            **_asker(quote),
        )
    for number, line in enumerate(lines, start=1):
        if line not in new_work:
            continue
        try:
            piece = work_actions.add_piece(
                actor=actor, bureau=quote.bureau, purpose=quote.purpose, **piece_fields(quote, line)
            )
        except ValidationError as error:
            raise ValidationError(
                _("Line %(number)s cannot become a piece of work: %(messages)s")
                % {"number": number, "messages": "; ".join(error.messages)}
            ) from error
        organisation = line.payee_organisation
        if organisation is not None and line.payee in (Payee.PARTNER, Payee.THIRD_PARTY):
            work_actions.place_at_level(
                actor=actor,
                piece=piece,
                level=organisation.scale_level,
                reason=_("Agreed in quote %(number)s: %(organisation)s does this work.")
                % {"number": quote.number, "organisation": organisation.name},
                organisation=organisation,
            )
        line.piece = piece
        line.save(update_fields=["piece"])


@transaction.atomic
def accept_quote(
    *, actor, quote: Quote, accepted_on: datetime.date | None = None, note: str = ""
) -> Quote:
    """Record that the client accepted a sent quote, and turn its lines into work: one open
    piece of work per line that becomes work (asked by the client), in the quote's purpose or a
    new one; lines that price an existing piece keep it.

    Refused unless the quote is sent, and when the acceptance came after the validity ended (then
    copy the quote and send it again) or lies in the future. All or nothing: when a line cannot
    become a piece of work, nothing is accepted.
    """
    quote = _locked(quote)
    if quote.status != QuoteStatus.SENT:
        raise ValidationError(
            _("Only a sent quote can be accepted; this one is %(status)s.")
            % {"status": quote.get_status_display()}
        )
    accepted_on = _decision_day(accepted_on, field="accepted_on", after=quote.sent_on)
    if accepted_on > quote.valid_until:
        raise ValidationError(
            {
                "accepted_on": _(
                    "The quote was valid until %(day)s. Make a copy with a new validity and send "
                    "that one."
                )
                % {"day": _day(quote.valid_until)}
            }
        )
    _make_work(actor=actor, quote=quote)
    quote.status, quote.accepted_on = QuoteStatus.ACCEPTED, accepted_on
    quote.decision_note = note.strip()
    quote.save(update_fields=["status", "accepted_on", "decision_note", "purpose", "updated_at"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=quote,
        fields=["status", "accepted_on", "decision_note", "purpose"],
    )
    return quote


@transaction.atomic
def decline_quote(
    *, actor, quote: Quote, declined_on: datetime.date | None = None, note: str = ""
) -> Quote:
    """Record that the client declined a sent quote, with the reason when known."""
    quote = _locked(quote)
    if quote.status != QuoteStatus.SENT:
        raise ValidationError(
            _("Only a sent quote can be declined; this one is %(status)s.")
            % {"status": quote.get_status_display()}
        )
    quote.declined_on = _decision_day(declined_on, field="declined_on", after=quote.sent_on)
    quote.status, quote.decision_note = QuoteStatus.DECLINED, note.strip()
    quote.save(update_fields=["status", "declined_on", "decision_note", "updated_at"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=quote,
        fields=["status", "declined_on", "decision_note"],
    )
    return quote


@transaction.atomic
def expire_quotes(*, actor=None, today: datetime.date | None = None, bureau=None) -> list[Quote]:
    """Mark every sent quote whose validity ran out as expired (on the day after its last valid
    day). Run daily by `quotes.tasks.expire_quotes` and by hand with the `expire_quotes`
    command; returns the quotes it expired."""
    today = today or timezone.localdate()
    overdue = Quote.objects.select_for_update(of=("self",)).filter(
        status=QuoteStatus.SENT, valid_until__lt=today
    )
    if bureau is not None:
        overdue = overdue.filter(bureau=bureau)
    expired = []
    for quote in overdue.select_related("bureau"):
        quote.status = QuoteStatus.EXPIRED
        quote.expired_on = quote.valid_until + datetime.timedelta(days=1)
        quote.save(update_fields=["status", "expired_on", "updated_at"])
        log_event(
            actor=actor, action=AuditAction.CHANGE, obj=quote, fields=["status", "expired_on"]
        )
        expired.append(quote)
    return expired


# ---------------------------------------------------------------------------------------------
# After the work, and starting again


@transaction.atomic
def record_realised(
    *,
    actor,
    line: QuoteLine,
    quantity,
    amount=None,
    realised_on: datetime.date | None = None,
    note: str = "",
) -> QuoteLine:
    """Record what a line of an accepted quote really took: the quantity (hours) and, when it
    differs from quantity × unit price (a contractor's final invoice), the amount. Can be recorded
    again to correct it. The bureau's share of the realised amount follows the line's share."""
    quote = line.quote
    if quote.status != QuoteStatus.ACCEPTED:
        raise ValidationError(
            _("Realised amounts are recorded after a quote is accepted; this one is %(status)s.")
            % {"status": quote.get_status_display()}
        )
    quantity = Decimal(quantity)
    if quantity < 0:
        raise ValidationError({"quantity": _("The quantity cannot be negative.")})
    amount = (
        money.round_money(quantity * line.unit_price) if amount in (None, "") else Decimal(amount)
    )
    if amount < 0:
        raise ValidationError({"amount": _("The amount cannot be negative.")})
    realised_on = realised_on or timezone.localdate()
    if realised_on > timezone.localdate():
        raise ValidationError({"realised_on": _("Record what was done up to today.")})
    if quote.accepted_on and realised_on < quote.accepted_on:
        raise ValidationError(
            {
                "realised_on": _("This is before the quote was accepted on %(day)s.")
                % {"day": _day(quote.accepted_on)}
            }
        )
    line.realised_quantity = money.round_money(quantity)
    line.realised_amount = money.round_money(amount)
    line.realised_on, line.realised_note = realised_on, note.strip()
    line.full_clean(exclude=["quote", "piece"])
    fields = ["realised_quantity", "realised_amount", "realised_on", "realised_note"]
    line.save(update_fields=fields)
    _touch(quote)
    log_event(actor=actor, action=AuditAction.CHANGE, obj=line, bureau=quote.bureau, fields=fields)
    return line


@transaction.atomic
def copy_quote(*, actor, quote: Quote) -> Quote:
    """A new draft with the same client, texts and lines (not what was realised), a new number
    and a fresh validity: for a declined or expired quote, or a similar job."""
    copy = create_quote(
        actor=actor,
        bureau=quote.bureau,
        title=quote.title,
        description=quote.description,
        client_resident=quote.client_resident,
        client_organisation=quote.client_organisation,
        postcode=quote.postcode,
        purpose=quote.purpose,
        vat_rate=quote.vat_rate,
        bureau_share_percent=quote.bureau_share_percent,
    )
    for line in quote.lines.select_related("payee_organisation"):
        add_line(
            actor=actor,
            quote=copy,
            kind=line.kind,
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
            unit=line.unit,
            payee=line.payee,
            payee_organisation=line.payee_organisation,
            bureau_share_percent=line.bureau_share_percent,
            becomes_work=line.becomes_work,
            people_needed=line.people_needed,
        )
    return copy
