"""The talent bank's part of a resident's story (see `core.story`): the sign-up, the intakes and
their steps, consents given and withdrawn, barriers, coach and stage changes, the sensitive notes
(only when and by whom, and only for who may read them) and, for coordinators, requests for
access and erasure.

The resident is already one whose profile the viewer may see (the story page checks it). Five
queries at most, whatever the number of events: the audit entries about the record, the
barriers, the sensitive notes (only for who may read them), the access and the erasure requests
(only for coordinators). Intakes and consents come prefetched with the resident.
"""

from __future__ import annotations

import datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.core.story import Event, name_of, story
from buurtbaan.residents.models import (
    INTAKE_STEP_KEYS,
    AccessRequest,
    AccessStatus,
    ConsentScope,
    ErasureRequest,
    ErasureStatus,
    IntakeSource,
    IntakeStep,
    SensitiveNote,
    Stage,
)
from buurtbaan.residents.permissions import can_read_sensitive

TALENT_BANK = "talent_bank"
PRIVACY = "privacy"


@story.about_resident
def talent_bank(resident, viewer):
    entries = list(
        AuditEntry.objects.filter(
            object_type=resident._meta.label_lower,
            object_id=str(resident.pk),
            action__in=[AuditAction.CREATE, AuditAction.CHANGE],
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
    yield from _registered(resident, entries)
    yield from _changes(entries)
    yield from _intakes(resident, viewer)
    yield from _consents(resident)
    for barrier in resident.barriers.select_related("created_by"):
        yield Event(
            at=barrier.created_at,
            kind=TALENT_BANK,
            text=_("Barrier recorded (%(level)s): %(what)s")
            % {"level": barrier.get_level_display(), "what": barrier.description},
            link=viewer.url("residents:resident-detail", pk=resident.pk) + "#barriers",
            actor=name_of(barrier.created_by),
        )
        if barrier.is_resolved and barrier.resolved_at:
            yield Event(
                at=barrier.resolved_at,
                kind=TALENT_BANK,
                text=_("Barrier resolved: %(what)s") % {"what": barrier.description},
            )
    if can_read_sensitive(viewer.membership, resident):
        # When and by whom only: the notes themselves are read on their page, where every read
        # is written to the audit log.
        notes = SensitiveNote.objects.filter(resident=resident).select_related("author")
        for note in notes.order_by("created_at", "pk"):
            yield Event(
                at=note.created_at,
                kind=TALENT_BANK,
                text=_("A sensitive note was written (only the coach and coordinators read it)"),
                link=viewer.url("residents:sensitive-note-list", pk=resident.pk),
                actor=name_of(note.author),
            )


def _registered(resident, entries):
    """Signed up on the public form (no one logged in made the record) or registered by staff."""
    created = next((entry for entry in entries if entry.action == AuditAction.CREATE), None)
    actor = created.actor if created is not None else None
    if actor is None and resident.intake_source == IntakeSource.WEBSITE:
        text = _("Signed up on the bureau's website")
    else:
        text = _("Registered in the talent bank")
    yield Event(at=resident.created_at, kind=TALENT_BANK, text=text, actor=name_of(actor))


def _changes(entries):
    stages = dict(Stage.choices)
    for entry in entries:
        if entry.action != AuditAction.CHANGE:
            continue
        if "coach" in entry.fields:
            yield Event(
                at=entry.at,
                kind=TALENT_BANK,
                text=_("Another coach was assigned"),
                actor=name_of(entry.actor),
            )
        if "stage" in entry.fields and entry.note in stages:
            yield Event(
                at=entry.at,
                kind=TALENT_BANK,
                text=_("Stage changed to: %(stage)s") % {"stage": stages[entry.note]},
                actor=name_of(entry.actor),
            )


def _intakes(resident, viewer):
    steps = {key: IntakeStep(step).label for step, key in INTAKE_STEP_KEYS.items()}
    for intake in sorted(resident.intakes.all(), key=lambda intake: intake.started_at):
        link = viewer.url("residents:intake-list", pk=resident.pk)
        coach = name_of(intake.coach)
        yield Event(
            at=intake.started_at, kind=TALENT_BANK, text=_("Intake started"), link=link, actor=coach
        )
        for key, answer in (intake.answers or {}).items():
            saved_at = parse_datetime(str((answer or {}).get("saved_at") or ""))
            if key in steps and isinstance(saved_at, datetime.datetime):
                yield Event(
                    at=saved_at,
                    kind=TALENT_BANK,
                    text=_("Intake step saved: %(step)s") % {"step": steps[key]},
                    link=link,
                    actor=coach,
                )
        if intake.completed_at:
            text = _("Intake completed: %(decision)s") % {
                "decision": intake.get_decision_display() or "—"
            }
            if intake.referred_to:
                text += " " + _("(referred to %(to)s)") % {"to": intake.referred_to}
            yield Event(at=intake.completed_at, kind=TALENT_BANK, text=text, link=link, actor=coach)


def _consents(resident):
    scopes = dict(ConsentScope.choices)
    for consent in resident.consents.all():
        scope = scopes.get(consent.scope, consent.scope)
        yield Event(
            at=consent.given_at,
            kind=TALENT_BANK,
            text=_("Consent given: %(scope)s") % {"scope": scope},
            actor=name_of(consent.recorded_by),
        )
        if consent.withdrawn_at:
            yield Event(
                at=consent.withdrawn_at,
                kind=TALENT_BANK,
                text=_("Consent withdrawn: %(scope)s") % {"scope": scope},
            )


@story.about_resident
def privacy_requests(resident, viewer):
    """Access and erasure requests: coordinators handle them, so only they see them here."""
    if not viewer.is_coordinator:
        return
    for request in AccessRequest.objects.filter(resident=resident).select_related("decided_by"):
        link = viewer.url("residents:access-detail", pk=request.pk)
        yield Event(
            at=request.requested_at,
            kind=PRIVACY,
            text=_("Asked to see all their data (%(channel)s)")
            % {"channel": request.get_channel_display()},
            link=link,
        )
        if request.decided_at and request.status != AccessStatus.PENDING:
            text = (
                _("The data was released to them")
                if request.status == AccessStatus.RELEASED
                else _("The request to see their data was declined")
            )
            yield Event(
                at=request.decided_at,
                kind=PRIVACY,
                text=text,
                link=link,
                actor=name_of(request.decided_by),
            )
    for request in ErasureRequest.objects.filter(resident=resident).select_related("decided_by"):
        link = viewer.url("residents:erasure-detail", pk=request.pk)
        yield Event(
            at=request.requested_at,
            kind=PRIVACY,
            text=_("Asked to erase their data"),
            link=link,
        )
        if request.decided_at and request.status != ErasureStatus.PENDING:
            text = (
                _("Their data was erased")
                if request.status == ErasureStatus.CONFIRMED
                else _("The request to erase their data was declined")
            )
            yield Event(
                at=request.decided_at,
                kind=PRIVACY,
                text=text,
                link=link,
                actor=name_of(request.decided_by),
            )
