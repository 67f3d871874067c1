"""The work bank's part of the story (see `core.story`).

- A resident: the work they asked for.
- A piece of work: created (split off from another piece, asked for by whom), every change of its
  status (open, in progress when its places are filled, done, cancelled; from the audit log, which
  `work.actions.change_status` writes), the parts split off it, and the hours booked on it.

The person who asked is named only when the viewer may see their profile, as on the piece's page.
Three queries at most for a piece (the audit entries, the hours, and whether the asker's profile
is visible; the parts come prefetched), one for a resident.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.core.story import Event, name_of, story
from buurtbaan.residents.permissions import visible_resident_ids
from buurtbaan.work.models import AskerKind, PieceOfWork, WorkStatus
from buurtbaan.work.templatetags.work_tags import hours as hours_text

WORK = "work"

STATUS_TEXT = {
    WorkStatus.DRAFT: gettext_lazy("Back to draft: not on offer"),
    WorkStatus.OPEN: gettext_lazy("Open: on offer, people can be proposed"),
    WorkStatus.IN_PROGRESS: gettext_lazy("In progress: every place is filled"),
    WorkStatus.DONE: gettext_lazy("Done"),
    WorkStatus.CANCELLED: gettext_lazy("Cancelled"),
}


@story.about_resident
def asked_for(resident, viewer):
    pieces = PieceOfWork.objects.filter(
        asked_by_kind=AskerKind.RESIDENT, asked_by_resident=resident
    )
    for piece in pieces.select_related("created_by").order_by("created_at", "pk"):
        yield Event(
            at=piece.created_at,
            kind=WORK,
            text=_("Asked for work: “%(work)s”") % {"work": piece.title},
            link=viewer.url("work:piece-detail", pk=piece.pk),
            actor=name_of(piece.created_by),
        )


@story.about_piece
def piece_work(piece, viewer):
    created_by = None
    entries = (
        AuditEntry.objects.filter(
            object_type=piece._meta.label_lower,
            object_id=str(piece.pk),
            action__in=[AuditAction.CREATE, AuditAction.CHANGE],
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
    changes = []
    for entry in entries:
        if entry.action == AuditAction.CREATE:
            created_by = entry.actor
        elif "status" in entry.fields:
            changes.append(entry)
    yield from _created(piece, viewer, created_by)
    for entry in changes:
        status = entry.note.removeprefix("→").strip()
        if status in STATUS_TEXT:
            yield Event(
                at=entry.at,
                kind=WORK,
                text=str(STATUS_TEXT[status]),
                actor=name_of(entry.actor),
            )
    for part in piece.children.all():
        yield Event(
            at=part.created_at,
            kind=WORK,
            text=_("Part split off: “%(work)s”") % {"work": part.title},
            link=viewer.url("work:piece-detail", pk=part.pk),
        )
    yield from _hours_by_month(piece)


def _hours_by_month(piece):
    """The hours booked, one line per month (on the day of its last booking): a weekly booking
    would bury the rest of the story."""
    months: dict = {}
    for booking in piece.hours_entries.order_by("worked_on", "pk"):
        key = booking.worked_on.replace(day=1)
        total, _last = months.get(key, (0, None))
        months[key] = (total + booking.hours, booking.worked_on)
    for first_day, (total, last_day) in months.items():
        yield Event(
            at=last_day,
            kind=WORK,
            text=_("Hours done in %(month)s: %(hours)s")
            % {"month": formats.date_format(first_day, "F Y"), "hours": hours_text(total)},
        )


def _created(piece, viewer, created_by):
    if piece.parent_id:
        yield Event(
            at=piece.created_at,
            kind=WORK,
            text=_("Split off from “%(work)s”") % {"work": piece.parent.title},
            link=viewer.url("work:piece-detail", pk=piece.parent_id),
            actor=name_of(created_by or piece.created_by),
        )
    else:
        yield Event(
            at=piece.created_at,
            kind=WORK,
            text=_("Piece of work created"),
            actor=name_of(created_by or piece.created_by),
        )
    asker = piece.asker
    if asker is None:
        return
    if piece.asked_by_kind == AskerKind.RESIDENT:
        if asker.pk in visible_resident_ids(viewer.membership, [asker.pk]):
            yield Event(
                at=piece.created_at,
                kind=WORK,
                text=_("Asked for by %(name)s") % {"name": str(asker)},
                link=viewer.url("residents:resident-story", pk=asker.pk),
                residents=(asker,),
            )
        else:
            yield Event(at=piece.created_at, kind=WORK, text=_("Asked for by a resident"))
    else:
        yield Event(
            at=piece.created_at,
            kind=WORK,
            text=_("Asked for by %(name)s") % {"name": asker.name},
            link=viewer.url("organisations:organisation-detail", pk=asker.pk),
        )
