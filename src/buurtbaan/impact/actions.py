"""Writes on impact assignments. Views and the demo loader call these; each writes an audit entry.

Who may call them: coordinators make and change assignments and their targets; coordinators and
coaches link participants and work and record outcomes (the views enforce it). Errors are
`ValidationError`s that say how to fix the problem, keyed by field where there is one.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.impact.models import (
    PARTICIPANT_MEASURES,
    BonusBasis,
    ImpactAssignment,
    ImpactParticipant,
    ImpactTarget,
    Outcome,
)

ASSIGNMENT_FIELDS = {"title", "description", "client", "budget", "starts_on", "ends_on", "status"}
TARGET_FIELDS = {
    "measure",
    "target_number",
    "description",
    "bonus_amount",
    "bonus_threshold_percent",
    "bonus_basis",
}


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _unknown(fields, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _check_assignment(assignment: ImpactAssignment) -> None:
    assignment.title = (assignment.title or "").strip()
    if assignment.client_id and assignment.client.bureau_id != assignment.bureau_id:
        raise ValidationError({"client": _("This organisation is of another bureau.")})
    if assignment.starts_on and assignment.ends_on and assignment.ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    assignment.full_clean(exclude=["bureau", "created_by", "pieces"])


def _apply(obj, changes: dict) -> dict:
    """Set the changes on `obj`; return the values they replaced."""
    before = {name: getattr(obj, name) for name in changes}
    for name, value in changes.items():
        setattr(obj, name, value)
    return before


@transaction.atomic
def create_assignment(*, actor, bureau, title: str, client, **fields) -> ImpactAssignment:
    """Record an impact assignment (status "being agreed" unless given). Coordinators."""
    _unknown(fields, ASSIGNMENT_FIELDS - {"title", "client"})
    assignment = ImpactAssignment(
        bureau=bureau, title=title, client=client, created_by=_user(actor), **fields
    )
    _check_assignment(assignment)
    assignment.save()
    log_event(actor=actor, action=AuditAction.CREATE, obj=assignment)
    return assignment


@transaction.atomic
def update_assignment(*, actor, assignment: ImpactAssignment, changes: dict) -> ImpactAssignment:
    """Change an assignment's details or status. Coordinators. Participants or outcomes that
    would fall outside a shortened period are not touched; they simply stop counting."""
    _unknown(changes, ASSIGNMENT_FIELDS)
    before = _apply(assignment, changes)
    _check_assignment(assignment)
    changed = sorted(name for name in changes if getattr(assignment, name) != before[name])
    if changed:
        assignment.save(update_fields=[*changed, "updated_at"])
        log_event(actor=actor, action=AuditAction.CHANGE, obj=assignment, fields=changed)
    return assignment


def _check_target(target: ImpactTarget) -> None:
    target.description = (target.description or "").strip()
    if (target.bonus_amount is None) != (target.bonus_threshold_percent is None):
        field = "bonus_threshold_percent" if target.bonus_amount is not None else "bonus_amount"
        raise ValidationError(
            {
                field: _(
                    "A bonus rule needs both the bonus and the share that earns it; fill in both "
                    "or leave both empty."
                )
            }
        )
    if target.bonus_basis == BonusBasis.PARTICIPANTS and target.measure not in PARTICIPANT_MEASURES:
        # A share of the participants only makes sense for a measure that counts people.
        target.bonus_basis = BonusBasis.TARGET
    target.full_clean(exclude=["assignment"])


@transaction.atomic
def add_target(*, actor, assignment: ImpactAssignment, measure: str, target_number: int, **fields):
    """Add a target, with or without a bonus rule. Coordinators."""
    _unknown(fields, TARGET_FIELDS - {"measure", "target_number"})
    target = ImpactTarget(
        assignment=assignment, measure=measure, target_number=target_number, **fields
    )
    _check_target(target)
    target.save()
    log_event(actor=actor, action=AuditAction.CREATE, obj=target, bureau=assignment.bureau)
    return target


@transaction.atomic
def update_target(*, actor, target: ImpactTarget, changes: dict) -> ImpactTarget:
    """Change a target or its bonus rule. Coordinators."""
    _unknown(changes, TARGET_FIELDS)
    before = {name: getattr(target, name) for name in TARGET_FIELDS}
    for name, value in changes.items():
        setattr(target, name, value)
    _check_target(target)
    changed = sorted(name for name in TARGET_FIELDS if getattr(target, name) != before[name])
    if changed:
        target.save(update_fields=changed)
        log_event(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=target,
            bureau=target.assignment.bureau,
            fields=changed,
        )
    return target


@transaction.atomic
def remove_target(*, actor, target: ImpactTarget) -> None:
    log_event(actor=actor, action=AuditAction.DELETE, obj=target, bureau=target.assignment.bureau)
    target.delete()


# ---------------------------------------------------------------------------------------------
# Participants and their outcomes


@transaction.atomic
def add_participant(
    *, actor, assignment: ImpactAssignment, resident, joined_on: datetime.date | None = None
) -> ImpactParticipant:
    """Link a resident of the bureau to the assignment. Coordinators and coaches. The resident
    takes part from `joined_on` (default today, or the assignment's start if that is later)."""
    if resident.bureau_id != assignment.bureau_id:
        raise ValidationError({"resident": _("This resident is of another bureau.")})
    if resident.is_anonymised:
        raise ValidationError({"resident": _("This resident's data has been erased.")})
    joined_on = joined_on or max(timezone.localdate(), assignment.starts_on)
    if not assignment.starts_on <= joined_on <= assignment.ends_on:
        raise ValidationError(
            {
                "joined_on": _("Choose a day in the assignment's period, %(start)s to %(end)s.")
                % {"start": _day(assignment.starts_on), "end": _day(assignment.ends_on)}
            }
        )
    participant = ImpactParticipant(
        assignment=assignment, resident=resident, joined_on=joined_on, added_by=_user(actor)
    )
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError:
        raise ValidationError(
            {"resident": _("%(name)s already takes part in this assignment.") % {"name": resident}}
        ) from None
    log_event(
        actor=actor,
        action=AuditAction.CREATE,
        obj=participant,
        bureau=assignment.bureau,
        note=f"resident #{resident.pk}",
    )
    return participant


@transaction.atomic
def remove_participant(*, actor, participant: ImpactParticipant) -> None:
    """Unlink a resident who was linked by mistake. (Someone who stops: record the outcome.)"""
    log_event(
        actor=actor,
        action=AuditAction.DELETE,
        obj=participant,
        bureau=participant.assignment.bureau,
        note=f"resident #{participant.resident_id}",
    )
    participant.delete()


@transaction.atomic
def record_outcome(
    *,
    actor,
    participant: ImpactParticipant,
    outcome: str,
    outcome_on: datetime.date | None = None,
    note: str = "",
) -> ImpactParticipant:
    """Record what taking part led to (or back to "none yet"). Coordinators and coaches.

    An outcome needs a date (default today), not before the resident joined and not in the future.
    This is personal data: every change is in the audit log, which keeps the history.
    """
    outcome = Outcome(outcome)
    today = timezone.localdate()
    if outcome == Outcome.NONE_YET:
        outcome_on = None
    else:
        outcome_on = outcome_on or today
        if outcome_on > today:
            raise ValidationError({"outcome_on": _("This date is in the future.")})
        if outcome_on < participant.joined_on:
            raise ValidationError(
                {
                    "outcome_on": _("This is before the resident joined on %(day)s.")
                    % {"day": _day(participant.joined_on)}
                }
            )
    participant.outcome, participant.outcome_on = outcome, outcome_on
    participant.outcome_note = note.strip()
    participant.full_clean(exclude=["assignment", "resident", "added_by"])
    participant.save(update_fields=["outcome", "outcome_on", "outcome_note", "updated_at"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=participant,
        bureau=participant.assignment.bureau,
        fields=["outcome", "outcome_on", "outcome_note"],
        note=f"→ {outcome}",
    )
    return participant


# ---------------------------------------------------------------------------------------------
# Work


@transaction.atomic
def link_pieces(*, actor, assignment: ImpactAssignment, pieces) -> int:
    """Link pieces of work of the bureau to the assignment; returns how many were new."""
    pieces = list(pieces)
    if any(piece.bureau_id != assignment.bureau_id for piece in pieces):
        raise ValidationError({"pieces": _("Choose pieces of work of this bureau.")})
    known = set(assignment.pieces.values_list("pk", flat=True))
    new = [piece for piece in pieces if piece.pk not in known]
    if new:
        assignment.pieces.add(*new)
        log_event(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=assignment,
            fields=["pieces"],
            note="+ " + ", ".join(f"#{piece.pk}" for piece in new),
        )
    return len(new)


@transaction.atomic
def unlink_piece(*, actor, assignment: ImpactAssignment, piece) -> None:
    assignment.pieces.remove(piece)
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=assignment,
        fields=["pieces"],
        note=f"- #{piece.pk}",
    )
