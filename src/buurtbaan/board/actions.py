"""Writes on the bulletin board and on Buurtmaatjes help requests.

Views, the demo loader and (later) the API call these. Each one checks what the caller may not get
wrong (the bureau of every object, the status it comes from, privacy rules), writes an audit entry
and, where a piece of work is needed, goes through `work.actions` so the work bank stays sound.
Who may call an action is said in its docstring; the views enforce it with `bureau_view`.

Errors are `ValidationError`s whose message says how to fix the problem, keyed by the field's name
when they concern one field.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.board.models import (
    WORK_FOR_KIND,
    BoardItem,
    BoardKind,
    HelpRequest,
    HelpStatus,
    ItemStatus,
    Response,
    ResponseStatus,
    kind_for_work,
)
from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.core.phones import normalise_phone
from buurtbaan.core.postcodes import normalise_postcode
from buurtbaan.organisations.models import OrganisationKind
from buurtbaan.residents.models import Resident
from buurtbaan.work import actions as work_actions
from buurtbaan.work.models import AskerKind, PayKind, WorkKind, WorkStatus

#: The short form takes at most this many responses per hour from one address (per bureau).
RESPONSES_PER_HOUR = 5
RATE_WINDOW = datetime.timedelta(hours=1)

ITEM_TEXT_FIELDS = {"title", "summary", "organisation", "talents", "area", "closes_at"}
# Which item status may follow which, and by which action.
PUBLISHABLE = {ItemStatus.DRAFT, ItemStatus.SUBMITTED, ItemStatus.CLOSED, ItemStatus.REJECTED}
REJECTABLE = {ItemStatus.DRAFT, ItemStatus.SUBMITTED}
FINISHED_WORK = {WorkStatus.DONE, WorkStatus.CANCELLED}
# Publishing an item from these is the coordinator's answer to a post: the partner hears of it.
AWAITING_DECISION = {ItemStatus.SUBMITTED, ItemStatus.REJECTED}

# Which help request status may follow which.
HELP_STEPS = {
    HelpStatus.RECEIVED: {HelpStatus.NOT_POSSIBLE},
    HelpStatus.PIECE_CREATED: {HelpStatus.MATCHED, HelpStatus.NOT_POSSIBLE},
    HelpStatus.MATCHED: {HelpStatus.DONE, HelpStatus.PIECE_CREATED, HelpStatus.NOT_POSSIBLE},
    HelpStatus.DONE: {HelpStatus.MATCHED},
    HelpStatus.NOT_POSSIBLE: {HelpStatus.RECEIVED},
}


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def hash_ip(address: str) -> str:
    """A keyed hash of a visitor's IP address: enough to count responses from one address,
    useless to anyone who reads the database without the secret key."""
    if not address:
        return ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"board-response:{address}".encode(), hashlib.sha256).hexdigest()


def clean_area(value: str) -> str:
    """A PC4 from whatever was typed ("6828", "6828 AB" → "6828"); blank stays blank."""
    value = (value or "").strip()
    if not value:
        return ""
    normalised = normalise_postcode(value)
    if not normalised:
        raise ValidationError(
            {"area": _("This is not a Dutch postcode area. Give four digits, e.g. 6828.")}
        )
    return normalised[:4]


def _check_item(item: BoardItem, talents) -> None:
    item.title = " ".join(item.title.split())
    item.summary = item.summary.strip()
    item.area = clean_area(item.area)
    if item.organisation_id and item.organisation.bureau_id != item.bureau_id:
        raise ValidationError({"organisation": _("This organisation is of another bureau.")})
    if any(talent.bureau_id != item.bureau_id for talent in talents):
        raise ValidationError({"talents": _("Choose talents of this bureau's own list.")})
    item.full_clean(exclude=["bureau", "piece", "talents", "submitted_by", "published_by"])


def _on_board_or_refuse(item: BoardItem) -> None:
    if not BoardItem.objects.on_board().filter(pk=item.pk).exists():
        raise ValidationError(_("This item is no longer on the board, so you cannot respond."))


# ---------------------------------------------------------------------------------------------
# Board items


@transaction.atomic
def create_item(
    *,
    actor,
    piece,
    title: str,
    summary: str,
    organisation=None,
    talents=None,
    area: str = "",
    closes_at=None,
    publish: bool = False,
) -> BoardItem:
    """Put a piece of work on the board: a draft, or published at once when `publish`.

    Coordinators. The board kind follows the piece's kind; a dream job cannot be posted. A piece
    has at most one board item. Talents default to the piece's, the area to its PC4.
    """
    kind = kind_for_work(piece.kind)
    if kind is None:
        raise ValidationError(
            {"piece": _("A dream job is a personal trajectory; it does not go on the board.")}
        )
    if BoardItem.objects.filter(piece=piece).exists():
        raise ValidationError({"piece": _("This piece of work is already on the board.")})
    talents = list(piece.talents_needed.all() if talents is None else talents)
    item = BoardItem(
        bureau=piece.bureau,
        piece=piece,
        organisation=organisation,
        title=title,
        summary=summary,
        kind=kind,
        area=area if area else (piece.postcode or "")[:4],
        closes_at=closes_at,
        status=ItemStatus.DRAFT,
    )
    _check_item(item, talents)
    item.save()
    item.talents.set(talents)
    log_event(actor=actor, action=AuditAction.CREATE, obj=item)
    if publish:
        publish_item(actor=actor, item=item)
    return item


@transaction.atomic
def submit_post(
    *,
    actor,
    organisation,
    kind: str,
    title: str,
    summary: str,
    area: str = "",
    talents=(),
    closes_at=None,
    people_needed: int = 1,
    hours_per_week=None,
    hours_total=None,
    is_paid: bool = False,
    pay_kind: str = "",
    pay_amount=None,
) -> BoardItem:
    """A partner posts a vacancy, buurtklus or group work for their own organisation.

    Partners (the view passes their membership's organisation). Creates the piece of work in the
    work bank (a draft, asked for by the organisation) and a board item waiting for the
    coordinator's approval: nothing is public until a coordinator publishes it.
    """
    if kind not in WORK_FOR_KIND:
        raise ValidationError({"kind": _("Choose a vacancy, a buurtklus or group work.")})
    bureau = organisation.bureau
    area = clean_area(area)
    try:
        piece = work_actions.add_piece(
            actor=actor,
            bureau=bureau,
            title=title,
            kind=WORK_FOR_KIND[kind],
            description=summary,
            asked_by_kind=AskerKind.ORGANISATION,
            asked_by_organisation=organisation,
            postcode=area,
            talents_needed=list(talents),
            people_needed=people_needed,
            hours_per_week=hours_per_week,
            hours_total=hours_total,
            is_paid=is_paid,
            pay_kind=pay_kind if is_paid else PayKind.NONE,
            pay_amount=pay_amount if is_paid else None,
        )
    except ValidationError as error:
        # The work bank names its own fields; the post form uses the same names except these.
        if hasattr(error, "error_dict") and "postcode" in error.error_dict:
            raise ValidationError({"area": error.error_dict["postcode"]}) from error
        raise
    item = BoardItem(
        bureau=bureau,
        piece=piece,
        organisation=organisation,
        title=title,
        summary=summary,
        kind=kind,
        area=area,
        closes_at=closes_at,
        status=ItemStatus.SUBMITTED,
        submitted_by=_user(actor),
    )
    _check_item(item, list(talents))
    item.save()
    item.talents.set(list(talents))
    log_event(actor=actor, action=AuditAction.CREATE, obj=item, note="submitted")
    _mail_after_commit("submitted", item)
    return item


@transaction.atomic
def update_item(*, actor, item: BoardItem, changes: dict) -> BoardItem:
    """Change what the board shows (title, summary, organisation, talents, area, closing day).
    Coordinators, typically while moderating: take out anything personal before publishing."""
    unknown = set(changes) - ITEM_TEXT_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    changes = dict(changes)
    talents = changes.pop("talents", None)
    for name, value in changes.items():
        setattr(item, name, value)
    _check_item(item, list(talents) if talents is not None else [])
    changed = sorted(changes)
    if changed:
        item.save(update_fields=[*changed, "updated_at"])
    if talents is not None and {t.pk for t in talents} != set(
        item.talents.values_list("pk", flat=True)
    ):
        item.talents.set(list(talents))
        changed.append("talents")
    if changed:
        log_event(actor=actor, action=AuditAction.CHANGE, obj=item, fields=changed)
    return item


@transaction.atomic
def publish_item(*, actor, item: BoardItem) -> BoardItem:
    """Put an item on the public board (moderation: approve). Coordinators only.

    A draft piece of work becomes open in the work bank. Work that is done or cancelled is
    refused: reopen it in the work bank first.
    """
    if item.status == ItemStatus.PUBLISHED:
        return item
    if item.status not in PUBLISHABLE:
        raise ValidationError(_("This item cannot be published."))
    is_decision = item.status in AWAITING_DECISION
    piece = item.piece
    if piece.status in FINISHED_WORK:
        raise ValidationError(
            _("The work is %(status)s. Reopen it in the work bank before you publish it.")
            % {"status": piece.get_status_display()}
        )
    if item.closes_at and item.closes_at < timezone.localdate():
        raise ValidationError(
            {"closes_at": _("The closing day has passed. Choose a later day or leave it empty.")}
        )
    if piece.status == WorkStatus.DRAFT:
        work_actions.set_status(actor=actor, piece=piece, status=WorkStatus.OPEN)
    item.status = ItemStatus.PUBLISHED
    item.status_reason = ""
    item.published_at = timezone.now()
    item.published_by = _user(actor)
    item.closed_at = None
    item.save(
        update_fields=[
            "status",
            "status_reason",
            "published_at",
            "published_by",
            "closed_at",
            "updated_at",
        ]
    )
    log_event(
        actor=actor, action=AuditAction.CHANGE, obj=item, fields=["status"], note="→ published"
    )
    if is_decision:
        _mail_after_commit("published", item)
    return item


@transaction.atomic
def reject_item(*, actor, item: BoardItem, reason: str) -> BoardItem:
    """Do not publish a submitted item; the partner sees the reason. Coordinators only."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why, so the partner can improve the post or understand.")}
        )
    if item.status not in REJECTABLE:
        raise ValidationError(_("Only drafts and items waiting for approval can be rejected."))
    item.status = ItemStatus.REJECTED
    item.status_reason = reason
    item.save(update_fields=["status", "status_reason", "updated_at"])
    log_event(
        actor=actor, action=AuditAction.CHANGE, obj=item, fields=["status"], note="→ rejected"
    )
    _mail_after_commit("rejected", item)
    return item


@transaction.atomic
def close_item(*, actor, item: BoardItem, reason: str = "") -> BoardItem:
    """Take a published item off the board (filled, no longer needed). It stays in the records
    with its responses, and can be published again. Coordinators only."""
    if item.status != ItemStatus.PUBLISHED:
        raise ValidationError(_("Only items on the board can be closed."))
    item.status = ItemStatus.CLOSED
    item.status_reason = (reason or "").strip()
    item.closed_at = timezone.now()
    item.save(update_fields=["status", "status_reason", "closed_at", "updated_at"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=item, fields=["status"], note="→ closed")
    return item


# ---------------------------------------------------------------------------------------------
# Mail about posts: coordinators hear of a new post, the partner of the coordinator's answer.

# Each mail is about an item in the status of the same name.
POST_MAILS = {ItemStatus.SUBMITTED, ItemStatus.PUBLISHED, ItemStatus.REJECTED}


def _mail_after_commit(event: str, item: BoardItem) -> None:
    """Queue the mail about `event` once the transaction has committed (never for a rolled back
    post). Only ids and the language go on the queue; the task reads the rest when it runs."""
    from buurtbaan.board.tasks import mail_about_post

    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(
        lambda: mail_about_post.enqueue(item_id=item.pk, event=event, language=language)
    )


def _post_mail_recipients(item: BoardItem, event: str) -> list[str]:
    if event == "submitted":
        coordinators = Membership.objects.active().filter(bureau=item.bureau, role=Role.COORDINATOR)
        return sorted(coordinators.values_list("user__email", flat=True))
    partner = item.submitted_by
    if partner is None or not partner.is_active:
        return []  # a coordinator's own item: nobody waits for an answer
    return [partner.email]


def send_post_mail(*, item_id: int, event: str, language: str) -> int:
    """Mail about a partner's post: `submitted` to the bureau's coordinators (with the link to
    moderate it), `published` or `rejected` to the partner who posted it (with the reason and the
    link to their post). The background task calls this after the commit. Sends nothing for an
    item that is gone or whose status moved on meanwhile. Returns the number of mails sent."""
    if event not in POST_MAILS:
        raise ValueError(f"unknown post mail {event!r}")
    item = (
        BoardItem.objects.select_related("bureau", "organisation", "submitted_by")
        .filter(pk=item_id)
        .first()
    )
    if item is None or item.status != event:
        return 0
    recipients = _post_mail_recipients(item, event)
    if event == "submitted":
        url = item.get_manage_url()
    else:
        url = reverse("board:post-detail", kwargs={"bureau_slug": item.bureau.slug, "pk": item.pk})
    context = {"item": item, "bureau": item.bureau, "url": settings.SITE_URL + url}
    with translation.override(language):
        subjects = {
            "submitted": _("New post for the bulletin board of %(bureau)s"),
            "published": _("Your post is on the bulletin board of %(bureau)s"),
            "rejected": _("Your post has not been put on the bulletin board of %(bureau)s"),
        }
        subject = subjects[event] % {"bureau": item.bureau.name}
        message = render_to_string(f"board/email/post_{event}.txt", context)
    for address in recipients:
        send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
    return len(recipients)


# ---------------------------------------------------------------------------------------------
# Responses


def is_resident_member(user, bureau) -> bool:
    """Whether `user` is an active resident member of `bureau` (who may respond in one click)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.active().filter(user=user, bureau=bureau, role=Role.RESIDENT).exists()


@transaction.atomic
def respond_as_resident(*, actor, item: BoardItem) -> tuple[Response, bool]:
    """ "Ik wil dit doen": a logged-in resident of the bureau responds in one click.

    Residents of the item's bureau. Links the response to their talent-bank record when their
    account has one. Responding twice changes nothing: returns (the earlier response, False).
    """
    if not is_resident_member(actor, item.bureau):
        raise ValidationError(_("Log in as a resident of this bureau to respond in one click."))
    resident = Resident.objects.current().filter(user=actor, bureau=item.bureau).first()
    earlier = Response.objects.filter(item=item, user=actor).first()
    if earlier is None and resident is not None:
        earlier = Response.objects.filter(item=item, resident=resident).first()
    if earlier is not None:
        return earlier, False
    _on_board_or_refuse(item)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                bureau=item.bureau, item=item, user=actor, resident=resident
            )
    except IntegrityError:  # a double click that raced the first one
        return Response.objects.get(item=item, user=actor), False
    log_event(actor=actor, action=AuditAction.CREATE, obj=response)
    return response, True


def responses_from_address(ip_hash: str, bureau, now=None) -> int:
    now = now or timezone.now()
    return Response.objects.filter(
        bureau=bureau, ip_hash=ip_hash, created_at__gte=now - RATE_WINDOW
    ).count()


@transaction.atomic
def respond_as_visitor(
    *, item: BoardItem, name: str, email: str = "", phone: str = "", message: str = "", ip_hash=""
) -> Response:
    """A visitor responds through the short form: name, e-mail and/or phone, a short message.

    Anyone. Refused when the item is not on the board, when neither e-mail nor phone is given,
    when this e-mail address already responded to the item, and when one address sent
    `RESPONSES_PER_HOUR` responses to the bureau within the hour (spam protection).
    """
    name, email, phone = (
        " ".join((name or "").split()),
        (email or "").strip(),
        normalise_phone(phone, field="phone"),
    )
    if not name:
        raise ValidationError({"name": _("Give your name, so the bureau knows who you are.")})
    if not email and not phone:
        raise ValidationError(
            {"email": _("Give an e-mail address or a phone number, so the bureau can reach you.")}
        )
    _on_board_or_refuse(item)
    if ip_hash and responses_from_address(ip_hash, item.bureau) >= RESPONSES_PER_HOUR:
        raise ValidationError(
            _(
                "Many responses were sent from this address in the last hour. Try again later, "
                "or call or visit the bureau."
            ),
            code="rate_limited",
        )
    if email and Response.objects.filter(item=item, email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This e-mail address has already responded to this item.")}
        )
    response = Response(
        bureau=item.bureau,
        item=item,
        name=name,
        email=email,
        phone=phone,
        message=(message or "").strip(),
        ip_hash=ip_hash,
    )
    response.full_clean(exclude=["bureau", "item", "user", "resident", "handled_by"])
    response.save()
    log_event(actor=None, action=AuditAction.CREATE, obj=response, note="short form")
    return response


@transaction.atomic
def record_response(*, actor, item: BoardItem, resident, message: str = "") -> Response:
    """Record that a resident of the talent bank responded (at the desk, by phone, on the paper
    prikbord). Coordinators and coaches. Refused when the resident already responded."""
    if resident.bureau_id != item.bureau_id:
        raise ValidationError({"resident": _("This resident is of another bureau.")})
    if Response.objects.filter(item=item, resident=resident).exists():
        raise ValidationError({"resident": _("This resident has already responded.")})
    response = Response.objects.create(
        bureau=item.bureau, item=item, resident=resident, message=(message or "").strip()
    )
    log_event(actor=actor, action=AuditAction.CREATE, obj=response, note="recorded by staff")
    return response


@transaction.atomic
def handle_response(*, actor, response: Response, status: str, note: str = "") -> Response:
    """Follow up a response: contacted or declined, with a note. Coordinators and coaches."""
    status = ResponseStatus(status)
    note = (note or "").strip()
    changed = [
        name
        for name, value in (("status", status), ("note", note))
        if getattr(response, name) != value
    ]
    if not changed:
        return response
    response.status, response.note = status, note
    response.handled_by, response.handled_at = _user(actor), timezone.now()
    response.save(update_fields=[*changed, "handled_by", "handled_at"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=response, fields=changed)
    return response


# ---------------------------------------------------------------------------------------------
# Buurtmaatjes help requests


@transaction.atomic
def submit_help_request(
    *,
    actor,
    organisation,
    help_kind: str,
    description: str,
    person_description: str,
    postcode: str,
    when: str,
    has_consent: bool,
) -> HelpRequest:
    """A welfare organisation asks the bureau to find a buurtmaatje for someone.

    Partners acting for a welfare organisation. Refused without the person's consent, and for
    organisations that are not welfare organisations.
    """
    if organisation.kind != OrganisationKind.WELFARE:
        raise ValidationError(_("Only welfare organisations submit help requests."))
    if not has_consent:
        raise ValidationError(
            {
                "has_consent": _(
                    "Ask the person first: the bureau only takes requests the person agrees to."
                )
            }
        )
    normalised = normalise_postcode(postcode or "")
    if not normalised:
        raise ValidationError(
            {"postcode": _("This is not a Dutch postcode. Write e.g. 6828 AB or 6828.")}
        )
    request = HelpRequest(
        bureau=organisation.bureau,
        organisation=organisation,
        submitted_by=_user(actor),
        help_kind=help_kind,
        description=(description or "").strip(),
        person_description=" ".join((person_description or "").split()),
        postcode=normalised,
        when=(when or "").strip(),
        has_consent=True,
    )
    request.full_clean(exclude=["bureau", "organisation", "submitted_by", "resident", "piece"])
    request.save()
    log_event(actor=actor, action=AuditAction.CREATE, obj=request)
    return request


@transaction.atomic
def create_piece_for_help_request(
    *,
    actor,
    help_request: HelpRequest,
    title: str,
    kind: str = WorkKind.BUURTKLUS,
    resident=None,
    hours_per_week=None,
    hours_total=None,
    times_per_week=None,
    people_needed: int = 1,
    talents=(),
):
    """Turn a help request into a piece of work for matching. Coordinators only.

    The piece is asked for by the requesting organisation, at the request's postcode, open at
    once; its description is the request's. Optionally links the person's talent-bank record.
    The request moves to "looking for someone". Put it on the board with `create_item`.
    """
    if help_request.status != HelpStatus.RECEIVED or help_request.piece_id:
        raise ValidationError(_("This help request already has a piece of work."))
    if resident is not None and resident.bureau_id != help_request.bureau_id:
        raise ValidationError({"resident": _("This resident is of another bureau.")})
    piece = work_actions.add_piece(
        actor=actor,
        bureau=help_request.bureau,
        title=title,
        kind=kind,
        description=help_request.description,
        asked_by_kind=AskerKind.ORGANISATION,
        asked_by_organisation=help_request.organisation,
        postcode=help_request.postcode,
        hours_per_week=hours_per_week,
        hours_total=hours_total,
        times_per_week=times_per_week,
        people_needed=people_needed,
        talents_needed=list(talents),
    )
    work_actions.set_status(actor=actor, piece=piece, status=WorkStatus.OPEN)
    help_request.piece = piece
    help_request.status = HelpStatus.PIECE_CREATED
    fields = ["piece", "status"]
    if resident is not None:
        help_request.resident = resident
        fields.append("resident")
    help_request.save(update_fields=[*fields, "updated_at"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=help_request, fields=fields)
    return piece


@transaction.atomic
def set_help_request_status(
    *, actor, help_request: HelpRequest, status: str, reason: str = ""
) -> HelpRequest:
    """Move a help request on: someone found, done, or not possible (with a reason), or back.
    Coordinators only; matching may call it when a match is made."""
    status = HelpStatus(status)
    reason = (reason or "").strip()
    if status == help_request.status:
        return help_request
    if status not in HELP_STEPS[HelpStatus(help_request.status)]:
        raise ValidationError(
            {
                "status": _("A request that is %(current)s cannot become %(new)s directly.")
                % {"current": help_request.get_status_display(), "new": status.label}
            }
        )
    if status == HelpStatus.NOT_POSSIBLE and not reason:
        raise ValidationError(
            {"reason": _("Say why it is not possible; the organisation that asked will read it.")}
        )
    if status == HelpStatus.RECEIVED and help_request.piece_id:
        status = HelpStatus.PIECE_CREATED
    help_request.status = status
    help_request.status_reason = reason if status == HelpStatus.NOT_POSSIBLE else ""
    help_request.save(update_fields=["status", "status_reason", "updated_at"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=help_request,
        fields=["status"],
        note=f"→ {status}",
    )
    return help_request


def board_kind_choices():
    """The kinds a partner may post (workshops come from the informal school)."""
    return [(kind, BoardKind(kind).label) for kind in WORK_FOR_KIND]
