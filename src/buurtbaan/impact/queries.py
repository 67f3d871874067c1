"""Reads for the impact pages, each in a fixed number of queries whatever the rows."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from buurtbaan.impact.models import ImpactAssignment, ImpactParticipant
from buurtbaan.residents.models import Resident
from buurtbaan.residents.permissions import visible_profiles_q


def assignments_for_list(bureau) -> QuerySet[ImpactAssignment]:
    """Assignments with the counts a row shows. Numbers only: safe for funders."""
    return (
        ImpactAssignment.objects.filter(bureau=bureau)
        .select_related("client")
        .annotate(
            participant_count=Count("participants", distinct=True),
            piece_count=Count("pieces", distinct=True),
            target_count=Count("targets", distinct=True),
        )
        .order_by("-starts_on", "-pk")
    )


def assignment_for_detail(bureau) -> QuerySet[ImpactAssignment]:
    return (
        ImpactAssignment.objects.filter(bureau=bureau)
        .select_related("bureau", "client", "created_by")
        .prefetch_related("targets")
    )


def visible_participants(assignment: ImpactAssignment, membership) -> QuerySet[ImpactParticipant]:
    """The assignment's participants whose profile the member may see
    (`residents.permissions.visible_profiles_q`): an outcome and its note are part of someone's
    path, so a coach who may not see a resident neither sees nor changes their participation.
    The figures (`stats`) still count everyone."""
    visible = Resident.objects.filter(visible_profiles_q(membership)).values("pk")
    return assignment.participants.filter(resident__in=visible)


def participants_of(assignment: ImpactAssignment, membership) -> QuerySet[ImpactParticipant]:
    """Staff only: names. Only those the member may see (`visible_participants`)."""
    participants = visible_participants(assignment, membership)
    return participants.select_related("resident").order_by(
        "resident__last_name", "resident__first_name", "pk"
    )


def pieces_of(assignment: ImpactAssignment):
    """Staff only: titles of work may name residents."""
    return assignment.pieces.select_related("purpose").order_by("purpose__title", "pk")
