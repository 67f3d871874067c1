"""Writes of the employer pool: asking for an introduction, and the bureau's answer.

Errors are `ValidationError`s that say how to go on, keyed by the form field where one applies.
Every write leaves an audit entry naming the fields, never their content.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.pool.models import IntroductionRequest, IntroductionStatus
from buurtbaan.pool.queries import pool_residents
from buurtbaan.residents.models import Resident

#: An organisation asks for at most this many introductions per bureau within `RATE_WINDOW`: the
#: pool is for finding the right person, not for asking for everyone (and the bureau talks with
#: each resident before it answers).
INTRODUCTIONS_PER_WINDOW = 20
RATE_WINDOW = datetime.timedelta(hours=24)


def _is_in_pool(resident: Resident) -> bool:
    return pool_residents(resident.bureau).filter(pk=resident.pk).exists()


@transaction.atomic
def request_introduction(
    *, actor, membership: Membership, resident: Resident, message: str
) -> IntroductionRequest:
    """A partner asks the bureau to introduce their organisation to someone in the pool.

    Called by partners (role partner, acting for an organisation) of the resident's bureau. Refuses
    when the resident is not (or no longer) in the pool, when the message is empty, when the
    organisation already has an open request for this person, or when it asked for
    `INTRODUCTIONS_PER_WINDOW` introductions in the bureau within `RATE_WINDOW`. Audited."""
    if membership.role != Role.PARTNER or membership.organisation_id is None:
        raise ValidationError(_("Only partners who act for an organisation can ask for this."))
    if membership.bureau_id != resident.bureau_id or not _is_in_pool(resident):
        raise ValidationError(
            _("This person is no longer in the employer pool. Search the pool again."),
            code="not_in_pool",
        )
    message = (message or "").strip()
    if not message:
        raise ValidationError(
            {"message": _("Say what work you have in mind and why this person.")},
            code="required",
        )
    recent = IntroductionRequest.objects.filter(
        bureau_id=resident.bureau_id,
        organisation_id=membership.organisation_id,
        created_at__gte=timezone.now() - RATE_WINDOW,
    )
    if recent.count() >= INTRODUCTIONS_PER_WINDOW:
        raise ValidationError(
            _(
                "Your organisation has asked for many introductions in the last 24 hours. The "
                "bureau answers those first; you can ask again tomorrow."
            ),
            code="rate_limited",
        )
    try:
        with transaction.atomic():
            introduction = IntroductionRequest.objects.create(
                bureau_id=resident.bureau_id,
                resident=resident,
                organisation_id=membership.organisation_id,
                requested_by=actor,
                message=message,
            )
    except IntegrityError:
        raise ValidationError(
            _(
                "Your organisation has already asked to meet this person; the bureau is looking "
                "at it. You see the answer under My introductions."
            ),
            code="duplicate",
        ) from None
    log_event(
        actor=actor,
        action=AuditAction.CREATE,
        obj=introduction,
        fields=["resident", "organisation", "message"],
    )
    return introduction


def _check_open(introduction: IntroductionRequest) -> None:
    if not introduction.is_open:
        raise ValidationError(
            _("This request has already been answered (%(status)s).")
            % {"status": introduction.get_status_display()},
            code="closed",
        )


def _handle(introduction, *, actor, status, reply) -> IntroductionRequest:
    introduction.status = status
    introduction.reply = reply
    introduction.handled_by = actor
    introduction.handled_at = timezone.now()
    introduction.save(update_fields=["status", "reply", "handled_by", "handled_at", "updated_at"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=introduction,
        fields=["status", "reply"] if reply else ["status"],
        note=f"introduction {status}",
    )
    return introduction


@transaction.atomic
def accept_introduction(
    *, actor, introduction: IntroductionRequest, reply: str = ""
) -> IntroductionRequest:
    """The bureau will arrange the meeting. Coordinators and coaches of the bureau.

    Refused when the request was answered already, or when the resident has left the pool
    meanwhile (then decline it, saying the person is no longer available). Audited."""
    _check_open(introduction)
    if not _is_in_pool(introduction.resident):
        raise ValidationError(
            _(
                "This person is no longer in the employer pool (consent withdrawn). Decline the "
                "request and tell the partner the person is not available."
            ),
            code="not_in_pool",
        )
    return _handle(
        introduction, actor=actor, status=IntroductionStatus.ACCEPTED, reply=reply.strip()
    )


@transaction.atomic
def decline_introduction(
    *, actor, introduction: IntroductionRequest, reply: str
) -> IntroductionRequest:
    """The bureau declines, with a reason the partner reads. Coordinators and coaches. Audited."""
    _check_open(introduction)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError(
            {"reply": _("Tell the partner why, e.g. the person has found other work.")},
            code="required",
        )
    return _handle(introduction, actor=actor, status=IntroductionStatus.DECLINED, reply=reply)


def erase_resident_data(resident: Resident) -> int:
    """Part of erasure (`residents.erasure.anonymise_resident` calls it inside its transaction):
    what partners wrote about the resident, and the bureau's replies, go; open requests are
    declined, so that partners see the person is no longer available. Statuses and dates stay,
    so the pool's figures do not change. Writes no audit entry of its own: the erasure's entry
    names this part. Returns the number of requests changed."""
    requests = IntroductionRequest.objects.filter(resident=resident)
    closed = requests.filter(status=IntroductionStatus.NEW).update(
        status=IntroductionStatus.DECLINED, handled_at=timezone.now()
    )
    blanked = requests.exclude(message="", reply="").update(message="", reply="")
    return max(closed, blanked)
