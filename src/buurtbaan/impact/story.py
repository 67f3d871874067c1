"""Impact assignments' part of the story (see `core.story`).

- A resident: the assignments they take part in, and the outcome reached.
- A piece of work: the assignments it is part of (from the day the assignment runs).

Days without a time. One query for either story.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from buurtbaan.core.story import Event, story
from buurtbaan.impact.models import ImpactAssignment, ImpactParticipant, Outcome

IMPACT = "impact"


@story.about_resident
def participations(resident, viewer):
    taking_part = ImpactParticipant.objects.filter(resident=resident).select_related("assignment")
    for participant in taking_part.order_by("joined_on", "pk"):
        link = viewer.url("impact:assignment-detail", pk=participant.assignment_id)
        assignment = {"assignment": participant.assignment.title}
        yield Event(
            at=participant.joined_on,
            kind=IMPACT,
            text=_("Takes part in the impact assignment “%(assignment)s”") % assignment,
            link=link,
        )
        if participant.outcome != Outcome.NONE_YET and participant.outcome_on:
            text = _("Outcome for “%(assignment)s”: %(outcome)s") % {
                **assignment,
                "outcome": participant.get_outcome_display(),
            }
            if participant.outcome_note:
                text = f"{text} — {participant.outcome_note}"
            yield Event(at=participant.outcome_on, kind=IMPACT, text=text, link=link)


@story.about_piece
def piece_assignments(piece, viewer):
    for assignment in ImpactAssignment.objects.filter(pieces=piece).order_by("starts_on", "pk"):
        yield Event(
            at=assignment.starts_on,
            kind=IMPACT,
            text=_("Part of the impact assignment “%(assignment)s”")
            % {"assignment": assignment.title},
            link=viewer.url("impact:assignment-detail", pk=assignment.pk),
        )
