"""Writes on the work bank: purposes, pieces of work (a tree), the subsidiarity questions, status
and hours done. Views, the demo loader and other apps (bulletin board, quotes) call these, so the
tree stays sound and every change is in the audit log.

Errors are `ValidationError`s with a message that says how to fix the problem; when it concerns
one field, the error is keyed by that field's name so a form can show it there.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.core.plurals import plural_count
from buurtbaan.core.postcodes import normalise_postcode
from buurtbaan.organisations.models import ScaleLevel
from buurtbaan.residents.models import Weekday
from buurtbaan.work.models import (
    Answer,
    AskerKind,
    HoursEntry,
    PayKind,
    PieceOfWork,
    Purpose,
    SubsidiarityAnswer,
    WorkKind,
    WorkStatus,
)

PURPOSE_FIELDS = {
    "title",
    "description",
    "target",
    "starts_on",
    "ends_on",
    "asked_by_kind",
    "asked_by_resident",
    "asked_by_organisation",
}
PIECE_FIELDS = {
    "title",
    "description",
    "kind",
    "is_paid",
    "pay_kind",
    "pay_amount",
    "hours_total",
    "hours_per_week",
    "people_needed",
    "talents_needed",
    "skills",
    "asked_by_kind",
    "asked_by_resident",
    "asked_by_organisation",
    "postcode",
    "starts_on",
    "ends_on",
    "times_per_week",
    "days",
    "status",
    "parent",
}
# Fields whose sum over a piece's children may not exceed the piece's own value.
DIVIDED_HOURS = ("hours_total", "hours_per_week")
# Which status may follow which. Done work can be reopened; cancelled work can be revived.
STATUS_STEPS = {
    WorkStatus.DRAFT: {WorkStatus.OPEN, WorkStatus.CANCELLED},
    WorkStatus.OPEN: {
        WorkStatus.DRAFT,
        WorkStatus.IN_PROGRESS,
        WorkStatus.DONE,
        WorkStatus.CANCELLED,
    },
    WorkStatus.IN_PROGRESS: {WorkStatus.OPEN, WorkStatus.DONE, WorkStatus.CANCELLED},
    WorkStatus.DONE: {WorkStatus.IN_PROGRESS},
    WorkStatus.CANCELLED: {WorkStatus.DRAFT, WorkStatus.OPEN},
}


def _unknown(fields: Iterable[str], allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")


def clean_words(words) -> list[str]:
    """A list of talents or skills: trimmed, without blanks or duplicates, order kept.
    Accepts a list or a comma-separated string."""
    if isinstance(words, str):
        words = words.split(",")
    seen, result = set(), []
    for word in words or ():
        word = " ".join(str(word).split())
        if word and word.lower() not in seen:
            seen.add(word.lower())
            result.append(word)
    return result


def _check_asker(obj, bureau) -> None:
    """The asker must be of this bureau and fit the chosen kind; the unused link is cleared."""
    if obj.asked_by_resident_id and obj.asked_by_resident.bureau_id != bureau.pk:
        raise ValidationError({"asked_by_resident": _("This resident is of another bureau.")})
    if obj.asked_by_organisation_id and obj.asked_by_organisation.bureau_id != bureau.pk:
        raise ValidationError(
            {"asked_by_organisation": _("This organisation is of another bureau.")}
        )
    if obj.asked_by_kind != AskerKind.RESIDENT:
        obj.asked_by_resident = None
    if obj.asked_by_kind not in (AskerKind.ORGANISATION, AskerKind.MUNICIPALITY):
        obj.asked_by_organisation = None


def _check_dates(obj) -> None:
    if obj.starts_on and obj.ends_on and obj.ends_on < obj.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})


# ---------------------------------------------------------------------------------------------
# Purposes


@transaction.atomic
def create_purpose(*, actor, bureau, title: str, **fields) -> Purpose:
    """Record a purpose (de bedoeling) to break down into pieces. Coordinators and coaches."""
    _unknown(fields, PURPOSE_FIELDS)
    purpose = Purpose(bureau=bureau, title=title.strip(), created_by=_user(actor), **fields)
    _check_asker(purpose, bureau)
    _check_dates(purpose)
    purpose.full_clean(exclude=["bureau", "created_by"])
    purpose.save()
    log_event(actor=actor, action=AuditAction.CREATE, obj=purpose)
    return purpose


@transaction.atomic
def update_purpose(*, actor, purpose: Purpose, changes: dict) -> Purpose:
    """Change a purpose's details. Coordinators and coaches."""
    _unknown(changes, PURPOSE_FIELDS)
    for name, value in changes.items():
        setattr(purpose, name, value)
    _check_asker(purpose, purpose.bureau)
    _check_dates(purpose)
    purpose.full_clean(exclude=["bureau", "created_by"])
    changed = sorted(changes)
    if changed:
        purpose.save(update_fields=[*changed, "updated_at"])
        log_event(actor=actor, action=AuditAction.CHANGE, obj=purpose, fields=changed)
    return purpose


# ---------------------------------------------------------------------------------------------
# Pieces of work and their tree


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _ancestors(piece: PieceOfWork | None):
    """The piece and the pieces above it, nearest first (one query per level)."""
    seen = set()
    while piece is not None and piece.pk not in seen:
        seen.add(piece.pk)
        yield piece
        piece = piece.parent


def _check_tree(piece: PieceOfWork) -> None:
    """Same bureau, same purpose as the parent, no cycles, and the hours fit in the parent."""
    parent = piece.parent
    if piece.purpose_id and piece.purpose.bureau_id != piece.bureau_id:
        raise ValidationError({"purpose": _("This purpose belongs to another bureau.")})
    if parent is None:
        return
    if parent.bureau_id != piece.bureau_id:
        raise ValidationError({"parent": _("This piece of work belongs to another bureau.")})
    if piece.pk and any(above.pk == piece.pk for above in _ancestors(parent)):
        raise ValidationError(
            {"parent": _("A piece cannot become part of itself or of one of its own parts.")}
        )
    if piece.purpose_id != parent.purpose_id:
        raise ValidationError(
            {"parent": _("A part must belong to the same purpose as the piece it is part of.")}
        )
    siblings = parent.children.exclude(pk=piece.pk) if parent.pk else PieceOfWork.objects.none()
    sums = siblings.aggregate(**{name: Sum(name) for name in DIVIDED_HOURS})
    for name in DIVIDED_HOURS:
        mine, available = getattr(piece, name), getattr(parent, name)
        if mine is None or available is None:
            continue
        together = (sums[name] or Decimal("0")) + mine
        if together > available:
            raise ValidationError(
                {
                    name: ngettext(
                        "The parts of “%(parent)s” would take %(together)s hour together, but "
                        "it has %(available)s. Lower these hours, or raise the hours of "
                        "“%(parent)s” first.",
                        "The parts of “%(parent)s” would take %(together)s hours together, but "
                        "it has %(available)s. Lower these hours, or raise the hours of "
                        "“%(parent)s” first.",
                        plural_count(together),
                    )
                    % {"parent": parent.title, "together": together, "available": available}
                }
            )


def _check_children_fit(piece: PieceOfWork) -> None:
    """A piece's own hours may not drop below what its parts already take together."""
    if not piece.pk:
        return
    sums = piece.children.aggregate(**{name: Sum(name) for name in DIVIDED_HOURS})
    for name in DIVIDED_HOURS:
        mine = getattr(piece, name)
        if mine is not None and sums[name] is not None and sums[name] > mine:
            raise ValidationError(
                {
                    name: ngettext(
                        "Its parts already take %(taken)s hour together; give at least that "
                        "many, or lower the hours of the parts first.",
                        "Its parts already take %(taken)s hours together; give at least that "
                        "many, or lower the hours of the parts first.",
                        plural_count(sums[name]),
                    )
                    % {"taken": sums[name]}
                }
            )


def _check_talents(talents, bureau) -> list:
    talents = list(talents or ())
    if any(talent.bureau_id != bureau.pk for talent in talents):
        raise ValidationError({"talents_needed": _("Choose talents of this bureau's own list.")})
    return talents


def _check_piece(piece: PieceOfWork) -> None:
    piece.title = piece.title.strip()
    piece.skills = clean_words(piece.skills)
    days = set(piece.days or ())
    if days - set(Weekday.values):
        raise ValidationError({"days": _("Choose weekdays from Monday to Sunday.")})
    piece.days = [day for day in Weekday.values if day in days]
    if piece.postcode:
        normalised = normalise_postcode(piece.postcode)
        if not normalised:
            raise ValidationError(
                {"postcode": _("This is not a Dutch postcode. Write e.g. 6828 AB or 6828.")}
            )
        piece.postcode = normalised
    if piece.kind == WorkKind.GROEPSWERK and piece.people_needed < 2:
        raise ValidationError(
            {"people_needed": _("Group work is done together: ask for at least two people.")}
        )
    if piece.is_paid:
        if not piece.pay_kind:
            raise ValidationError(
                {"pay_kind": _("Say how the work is paid: a wage per hour or a fixed fee.")}
            )
    else:
        piece.pay_kind, piece.pay_amount = PayKind.NONE, None
    _check_asker(piece, piece.bureau)
    _check_dates(piece)
    piece.full_clean(exclude=["bureau", "purpose", "parent", "created_by"])
    _check_tree(piece)
    _check_children_fit(piece)


@transaction.atomic
def add_piece(
    *, actor, bureau, title: str, kind: str, purpose=None, parent=None, **fields
) -> PieceOfWork:
    """Add a piece of work, on its own, to a purpose, or as a part of another piece.

    Coordinators and coaches (other apps may call it for their own kinds of requests). A part
    takes its parent's purpose when none is given. Refuses (ValidationError) a parent or purpose
    of another bureau, a cycle, parts whose hours together exceed the parent's, group work for one
    person, paid work without a way of paying, a bad postcode or an end before the start.
    """
    _unknown(fields, PIECE_FIELDS - {"parent"})
    talents = _check_talents(fields.pop("talents_needed", ()), bureau)
    if parent is not None and purpose is None:
        purpose = parent.purpose
    piece = PieceOfWork(
        bureau=bureau,
        purpose=purpose,
        parent=parent,
        title=title,
        kind=kind,
        created_by=_user(actor),
        **fields,
    )
    _check_piece(piece)
    piece.save()
    piece.talents_needed.set(talents)
    log_event(actor=actor, action=AuditAction.CREATE, obj=piece)
    return piece


@transaction.atomic
def update_piece(*, actor, piece: PieceOfWork, changes: dict) -> PieceOfWork:
    """Change a piece's details, or move it under another piece of the same purpose.
    Coordinators and coaches. The same checks as `add_piece`, plus: the piece's hours stay at
    least what its parts take together. Status changes go through `set_status`."""
    _unknown(changes, PIECE_FIELDS - {"status"})
    changes = dict(changes)
    talents = None
    if "talents_needed" in changes:
        talents = _check_talents(changes.pop("talents_needed"), piece.bureau)
    before = {name: getattr(piece, name) for name in changes}
    for name, value in changes.items():
        setattr(piece, name, value)
    _check_piece(piece)
    changed = [name for name in changes if getattr(piece, name) != before[name]]
    if changed:
        piece.save(update_fields=[*changed, "updated_at"])
    if talents is not None and {t.pk for t in talents} != set(
        piece.talents_needed.values_list("pk", flat=True)
    ):
        piece.talents_needed.set(talents)
        changed.append("talents_needed")
    if changed:
        log_event(actor=actor, action=AuditAction.CHANGE, obj=piece, fields=changed)
    return piece


@transaction.atomic
def split_piece(*, actor, piece: PieceOfWork, parts: list[dict]) -> list[PieceOfWork]:
    """Break a piece into parts (its children). Each part is a dict with at least `title`; the
    other fields default to the piece's own (kind, pay, place, asker, dates), so "clear the
    attic" and "insulate the attic" only need their titles and hours.

    All parts are added or none: the first part that does not fit raises ValidationError with
    `"part N: ..."` in front of the message.
    """
    if not parts:
        raise ValidationError(_("Give at least one part."))
    inherited = {
        name: getattr(piece, name)
        for name in (
            "kind",
            "is_paid",
            "pay_kind",
            "pay_amount",
            "postcode",
            "starts_on",
            "ends_on",
            "asked_by_kind",
            "asked_by_resident",
            "asked_by_organisation",
        )
    }
    inherited["talents_needed"] = list(piece.talents_needed.all())
    created = []
    for number, part in enumerate(parts, start=1):
        fields = {**inherited, **part}
        if fields.get("kind") == WorkKind.GROEPSWERK and "people_needed" not in part:
            fields["people_needed"] = max(piece.people_needed, 2)
        try:
            created.append(add_piece(actor=actor, bureau=piece.bureau, parent=piece, **fields))
        except ValidationError as error:
            messages = "; ".join(error.messages)
            raise ValidationError(
                _("part %(number)s: %(messages)s") % {"number": number, "messages": messages}
            ) from error
    return created


@transaction.atomic
def set_status(*, actor, piece: PieceOfWork, status: str) -> PieceOfWork:
    """Move a piece to another status (draft → open → in progress → done, or cancelled).
    Coordinators and coaches; the bulletin board and matching call it too."""
    status = WorkStatus(status)
    if status == piece.status:
        return piece
    if status not in STATUS_STEPS[WorkStatus(piece.status)]:
        raise ValidationError(
            _("A piece that is %(current)s cannot become %(new)s directly.")
            % {"current": piece.get_status_display(), "new": status.label}
        )
    piece.status = status
    piece.save(update_fields=["status", "updated_at"])
    log_event(
        actor=actor, action=AuditAction.CHANGE, obj=piece, fields=["status"], note=f"→ {status}"
    )
    return piece


@transaction.atomic
def record_hours_done(
    *, actor, piece: PieceOfWork, hours: Decimal, worked_on: datetime.date, note: str = ""
) -> HoursEntry:
    """Book hours realised on a piece; `piece.hours_done` becomes the sum of all bookings.
    Coordinators and coaches. Cancelled work, and hours in the future, are refused."""
    hours = Decimal(hours)
    if hours <= 0:
        raise ValidationError({"hours": _("Give a number of hours greater than zero.")})
    if worked_on > timezone.localdate():
        raise ValidationError({"worked_on": _("Hours can only be booked up to today.")})
    if piece.status == WorkStatus.CANCELLED:
        raise ValidationError(_("This piece was cancelled; reopen it before booking hours."))
    entry = HoursEntry(
        piece=piece, hours=hours, worked_on=worked_on, note=note.strip(), recorded_by=_user(actor)
    )
    entry.full_clean(exclude=["piece", "recorded_by"])
    entry.save()
    piece.hours_done = piece.hours_entries.aggregate(total=Sum("hours"))["total"] or Decimal("0")
    piece.save(update_fields=["hours_done", "updated_at"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=piece, fields=["hours_done"])
    return entry


# ---------------------------------------------------------------------------------------------
# Inverted subsidiarity: the five questions, in order


def next_question(answers: dict[int, SubsidiarityAnswer]) -> int | None:
    """The question to answer now, given the answers so far (by question number): the first
    unanswered one, unless an earlier "yes" already decided the level (then None)."""
    for level in ScaleLevel.values:
        answer = answers.get(level)
        if answer is None:
            return level
        if answer.answer == Answer.YES:
            return None
    return None


def deciding_level(answers: dict[int, SubsidiarityAnswer]) -> int | None:
    """The level of the first "yes", in question order; None while no question says yes."""
    for level in ScaleLevel.values:
        answer = answers.get(level)
        if answer is None:
            return None
        if answer.answer == Answer.YES:
            return level
    return None


@transaction.atomic
def answer_subsidiarity_question(
    *,
    actor,
    piece: PieceOfWork,
    question: int,
    answer: str,
    note: str = "",
    organisation=None,
) -> SubsidiarityAnswer:
    """Answer one of the five questions for a piece. Coordinators and coaches.

    The questions go in order, from the resident themselves (1) to public services (5): a
    question can be answered once all before it are answered, and an earlier answer can be
    changed. The first "yes" decides the piece's `scale_level`; its note is recorded as the
    reason (so a "yes" needs one), and at levels 3–5 the organisation that carries the work may be
    named (it must work at that level). Answering an earlier question "yes" drops the answers
    after it; changing the deciding "yes" into "no" or "partly" clears the level again.
    "Partly" means part of the work fits this level: split the piece, and go on asking for the rest.
    """
    level = ScaleLevel(int(question))
    answer = Answer(answer)
    note = note.strip()
    # Read from the database, not from a prefetched `piece.subsidiarity_answers`.
    stored = SubsidiarityAnswer.objects.filter(piece=piece)
    answers = {a.question: a for a in stored.select_for_update()}
    decided = deciding_level(answers)
    if decided is not None and level > decided:
        raise ValidationError(
            _(
                "The level was already decided at question %(number)s. Change that answer first "
                "if the work cannot be carried there."
            )
            % {"number": decided}
        )
    waiting = next_question(answers)
    if level not in answers and waiting is not None and level > waiting:
        raise ValidationError(
            _(
                "Answer question %(number)s first: the questions go in order, from what the "
                "resident can do themselves to what a public service must do."
            )
            % {"number": waiting}
        )
    if answer == Answer.YES and not note:
        raise ValidationError({"note": _("Say why this level can carry the work.")})
    if organisation is not None:
        if organisation.bureau_id != piece.bureau_id:
            raise ValidationError({"organisation": _("This organisation is of another bureau.")})
        if answer != Answer.YES or organisation.scale_level != level:
            raise ValidationError(
                {
                    "organisation": _(
                        "Only name an organisation when you answer yes, and choose one that "
                        "works at this level (%(level)s)."
                    )
                    % {"level": level.label}
                }
            )

    record, _created = SubsidiarityAnswer.objects.update_or_create(
        piece=piece,
        question=level,
        defaults={"answer": answer, "note": note, "answered_by": _user(actor)},
    )
    if answer == Answer.YES:
        stored.filter(question__gt=level).delete()
    answers = {a.question: a for a in stored}
    _place(piece, answers, organisation)
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=piece,
        fields=["subsidiarity_answers", "scale_level"],
        note=f"question={level} answer={answer}",
    )
    return record


def _place(piece: PieceOfWork, answers: dict, organisation) -> None:
    level = deciding_level(answers)
    if level is None:
        reason, carrier = "", None
    else:
        reason = answers[level].note
        if organisation is not None:
            carrier = organisation
        elif level == piece.scale_level and piece.carried_by_organisation_id:
            carrier = piece.carried_by_organisation
        else:
            carrier = None
    piece.scale_level, piece.scale_level_reason = level, reason
    piece.carried_by_organisation = carrier
    piece.save(
        update_fields=["scale_level", "scale_level_reason", "carried_by_organisation", "updated_at"]
    )


@transaction.atomic
def restart_subsidiarity(*, actor, piece: PieceOfWork) -> PieceOfWork:
    """Drop all answers and the chosen level, to walk the questions again from the start."""
    SubsidiarityAnswer.objects.filter(piece=piece).delete()
    _place(piece, {}, None)
    log_event(actor=actor, action=AuditAction.CHANGE, obj=piece, fields=["subsidiarity_answers"])
    return piece


@transaction.atomic
def place_at_level(
    *, actor, piece: PieceOfWork, level: int, reason: str, organisation=None, notes=None
) -> PieceOfWork:
    """Walk the questions in one go: "no" to every level below `level`, "yes" at `level`.
    For the demo loader and imports, where the decision was taken outside the assistant.
    `notes` may give the note per lower level (a dict)."""
    restart_subsidiarity(actor=actor, piece=piece)
    for lower in range(1, int(level)):
        answer_subsidiarity_question(
            actor=actor,
            piece=piece,
            question=lower,
            answer=Answer.NO,
            note=(notes or {}).get(lower, ""),
        )
    answer_subsidiarity_question(
        actor=actor,
        piece=piece,
        question=level,
        answer=Answer.YES,
        note=reason,
        organisation=organisation,
    )
    piece.refresh_from_db()
    return piece
