"""Reads of matching data for pages and figures; each runs in a fixed number of queries."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch

from buurtbaan.matching.models import (
    ACTIVE_STATUSES,
    OPEN_STATUSES,
    PLACE_STATUSES,
    Match,
    MatchEvent,
    MatchingRound,
    MatchingSettings,
    MatchStatus,
)


def settings_for(bureau) -> MatchingSettings:
    """The bureau's matching settings, created with the defaults on first use."""
    found = MatchingSettings.objects.filter(bureau=bureau).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return MatchingSettings.objects.create(bureau=bureau)
    except IntegrityError:  # created by a parallel request in the meantime
        return MatchingSettings.objects.get(bureau=bureau)


def visible_matches(membership):
    """The matches of the member's bureau of residents whose profile the member may see
    (`residents.permissions.visible_profiles_q`): a match is a step in someone's path."""
    from buurtbaan.residents.models import Resident
    from buurtbaan.residents.permissions import visible_profiles_q

    visible = Resident.objects.filter(visible_profiles_q(membership)).values("pk")
    return Match.objects.filter(bureau_id=membership.bureau_id, resident__in=visible)


def matches_for_list(bureau, *, status: str = "", source: str = "", membership=None):
    """The bureau's matches with what a list shows, newest first; with `membership` only those
    the member may see (`visible_matches`)."""
    matches = Match.objects.filter(bureau=bureau)
    if membership is not None:
        matches = matches & visible_matches(membership)
    matches = matches.select_related("resident", "piece", "organisation")
    if status == "active":
        matches = matches.filter(status__in=ACTIVE_STATUSES)
    elif status == "accepted":
        matches = matches.filter(status=MatchStatus.PROPOSED, accepted_at__isnull=False)
    elif status:
        matches = matches.filter(status=status)
    if source:
        matches = matches.filter(source=source)
    return matches


def match_for_detail(bureau, membership=None):
    matches = Match.objects.filter(bureau=bureau)
    if membership is not None:
        matches = matches & visible_matches(membership)
    return matches.select_related(
        "resident__coach", "piece", "organisation", "proposed_by", "matching_round"
    ).prefetch_related(
        "resident__consents",
        Prefetch("events", queryset=MatchEvent.objects.select_related("actor")),
    )


def matches_of_piece(piece, membership=None):
    matches = Match.objects.filter(piece=piece)
    if membership is not None:
        matches = matches & visible_matches(membership)
    return matches.select_related("resident").order_by("-proposed_at", "-pk")


def matches_of_resident(resident):
    return (
        Match.objects.filter(resident=resident)
        .select_related("piece", "organisation")
        .order_by("-proposed_at", "-pk")
    )


def proposals_for_resident_user(bureau, user):
    """The matches of the talent-bank resident linked to `user` in this bureau (none without)."""
    return (
        Match.objects.filter(bureau=bureau, resident__user=user, resident__is_anonymised=False)
        .select_related("piece", "organisation")
        .order_by("-proposed_at", "-pk")
    )


def open_proposal_counts(resident_ids) -> dict[int, int]:
    """Open proposals (proposed or introduced) per resident."""
    return dict(
        Match.objects.filter(resident_id__in=list(resident_ids), status__in=OPEN_STATUSES)
        .values("resident_id")
        .annotate(count=Count("pk"))
        .values_list("resident_id", "count")
    )


def residents_at_proposal_limit(bureau, limit: int) -> set[int]:
    """Residents of the bureau who already consider `limit` open proposals (or more): another
    proposal for them would be refused."""
    return set(
        Match.objects.filter(bureau=bureau, status__in=OPEN_STATUSES)
        .values("resident_id")
        .annotate(count=Count("pk"))
        .filter(count__gte=limit)
        .values_list("resident_id", flat=True)
    )


def places_taken(bureau) -> dict[int, int]:
    """Places taken per piece of the bureau: matches active or completed."""
    return dict(
        Match.objects.filter(bureau=bureau, status__in=PLACE_STATUSES)
        .values("piece_id")
        .annotate(count=Count("pk"))
        .values_list("piece_id", "count")
    )


def status_counts(bureau) -> dict[str, int]:
    counts = dict(
        Match.objects.filter(bureau=bureau)
        .values("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return {status: counts.get(status, 0) for status in MatchStatus.values}


def rounds_for_list(bureau):
    return (
        MatchingRound.objects.filter(bureau=bureau)
        .select_related("run_by")
        .annotate(proposals=Count("matches"))
        .defer("assignments")
        .order_by("-run_at", "-pk")
    )


def work_needing_people(bureau, limit: int = 20):
    """Open pieces with a free place, oldest first, with their free places (`free`)."""
    from django.db.models import F, Q

    from buurtbaan.work.models import PieceOfWork, WorkStatus

    return (
        PieceOfWork.objects.filter(bureau=bureau, status=WorkStatus.OPEN)
        .annotate(taken=Count("matches", filter=Q(matches__status__in=PLACE_STATUSES)))
        .annotate(free=F("people_needed") - F("taken"))
        .filter(free__gt=0)
        .order_by("created_at", "pk")[:limit]
    )


def assignment_rows(bureau, assignments, *, membership=None):
    """A page of a round's allocation ([resident_id, piece_id, score, bonus]) with the residents
    and pieces it names (two queries for any page size). With `membership`, a resident whose
    profile the member may not see is left out of their row (`resident` None): the pair says what
    the profile fits."""
    from buurtbaan.residents.models import Resident
    from buurtbaan.residents.permissions import visible_profiles_q
    from buurtbaan.work.models import PieceOfWork

    assignments = list(assignments)
    residents = Resident.objects.filter(bureau=bureau)
    if membership is not None:
        residents = residents.filter(visible_profiles_q(membership))
    residents = residents.in_bulk([row[0] for row in assignments])
    pieces = PieceOfWork.objects.filter(bureau=bureau).in_bulk([row[1] for row in assignments])
    return [
        {
            "resident": residents.get(resident_id),
            "piece": pieces.get(piece_id),
            "score": score,
            "bonus": bonus,
        }
        for resident_id, piece_id, score, bonus in assignments
    ]
