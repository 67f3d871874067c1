"""Figures of matching, for `impact/` and the bureau's reports.

Every function takes `(bureau, start, end)` (dates, both days included, in the bureau's time zone)
and has a matching `..._records()` that returns the rows behind the number, in a fixed number of
queries.

A **placement** is a completed match (`MatchStatus.COMPLETED`), counted on the day it completed
(`Match.ended_at`): a resident who did the work they were proposed for. A placement with work
carried or asked for by an organisation also records the relation between the resident and that
organisation (`Match.organisation`), so `placements_by_organisation` says which organisations
took people on.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, QuerySet
from django.utils import timezone

from buurtbaan.matching.models import Match, MatchStatus


def _bounds(start: datetime.date, end: datetime.date):
    begin = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    finish = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    return begin, finish


def placements(bureau, start: datetime.date, end: datetime.date) -> int:
    """How many matches of the bureau completed in [start, end]."""
    return placements_records(bureau, start, end).count()


def placements_records(bureau, start: datetime.date, end: datetime.date) -> QuerySet[Match]:
    """The completed matches behind `placements`, with resident, piece and organisation."""
    begin, finish = _bounds(start, end)
    return (
        Match.objects.filter(
            bureau=bureau,
            status=MatchStatus.COMPLETED,
            ended_at__gte=begin,
            ended_at__lt=finish,
        )
        .select_related("resident", "piece", "organisation")
        .order_by("ended_at", "pk")
    )


def placed_residents(bureau, start: datetime.date, end: datetime.date) -> int:
    """How many different residents completed a match in [start, end]."""
    return placements_records(bureau, start, end).values("resident").distinct().count()


def placements_by_organisation(bureau, start: datetime.date, end: datetime.date) -> dict[int, int]:
    """Placements in [start, end] per organisation id (work without an organisation left out)."""
    rows = (
        placements_records(bureau, start, end)
        .filter(organisation__isnull=False)
        .values("organisation")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["organisation"]: row["count"] for row in rows}
