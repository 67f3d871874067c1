"""Figures of the work bank, for the capability factor page and for `impact/`.

Every function takes `(bureau, start, end)` (dates, both days included) and has a matching
`..._records()` that returns the rows behind the number. Each runs in a fixed number of queries.

How hours are counted (the same rules everywhere):

- **Planned hours** of a piece in a period: `PieceOfWork.planned_hours_between` (all of
  `hours_total` when the piece's dates overlap the period; `hours_per_week` for the weeks it runs
  inside the period). Cancelled pieces plan nothing.
- A piece that was split counts only its **own** hours: its planned hours minus those of its parts
  (never below zero), so the hours of a tree are counted once, at the level of the piece that
  carries them.
- **Done hours**: the `HoursEntry` rows booked on a day inside the period (also on pieces that were
  cancelled later: that work was done).
- The **capability factor** of a scale level is its share of the hours placed at a level. Hours of
  pieces not yet placed (no scale level chosen) are left out of the shares; `unplaced_hours` says
  how many there are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from buurtbaan.organisations.models import ScaleLevel
from buurtbaan.work.models import HoursEntry, PieceOfWork, WorkStatus

ZERO = Decimal("0")
LOCAL_LEVELS = (ScaleLevel.RESIDENT, ScaleLevel.PERSONAL_RELATION, ScaleLevel.SOCIAL_ENTERPRISE)


@dataclass(frozen=True)
class Contribution:
    """What one piece adds to the figures of a period."""

    piece: PieceOfWork
    level: int | None
    planned_hours: Decimal
    done_hours: Decimal


def _contributions(bureau, start: datetime.date, end: datetime.date) -> list[Contribution]:
    pieces = list(
        PieceOfWork.objects.filter(bureau=bureau)
        .select_related("purpose", "carried_by_organisation")
        .order_by("pk")
    )
    done = dict(
        HoursEntry.objects.filter(piece__bureau=bureau, worked_on__gte=start, worked_on__lte=end)
        .values("piece")
        .annotate(total=Sum("hours"))
        .values_list("piece", "total")
    )
    planned = {
        piece.pk: (
            ZERO
            if piece.status == WorkStatus.CANCELLED
            else piece.planned_hours_between(start, end)
        )
        for piece in pieces
    }
    in_parts: dict[int, Decimal] = {}
    for piece in pieces:
        if piece.parent_id in planned:
            in_parts[piece.parent_id] = in_parts.get(piece.parent_id, ZERO) + planned[piece.pk]
    contributions = []
    for piece in pieces:
        own = max(ZERO, planned[piece.pk] - in_parts.get(piece.pk, ZERO))
        hours_done = done.get(piece.pk) or ZERO
        if own or hours_done:
            contributions.append(Contribution(piece, piece.scale_level, own, hours_done))
    return contributions


def _share(part: Decimal, whole: Decimal) -> float:
    return float(part / whole) if whole else 0.0


def capability_factor(bureau, start: datetime.date, end: datetime.date) -> dict:
    """Per scale level (1–5): `{"planned": share, "done": share, "planned_hours": h,
    "done_hours": h}`. Shares are fractions (0–1) of the hours placed at any level; they add up
    to 1 unless no hours are placed at all (then every share is 0)."""
    totals = {level: {"planned_hours": ZERO, "done_hours": ZERO} for level in ScaleLevel.values}
    for row in _contributions(bureau, start, end):
        if row.level is None:
            continue
        totals[row.level]["planned_hours"] += row.planned_hours
        totals[row.level]["done_hours"] += row.done_hours
    all_planned = sum(t["planned_hours"] for t in totals.values())
    all_done = sum(t["done_hours"] for t in totals.values())
    return {
        level: {
            "planned": _share(t["planned_hours"], all_planned),
            "done": _share(t["done_hours"], all_done),
            "planned_hours": t["planned_hours"],
            "done_hours": t["done_hours"],
        }
        for level, t in totals.items()
    }


def capability_factor_records(bureau, start, end, level: int | None = None) -> list[Contribution]:
    """The pieces behind `capability_factor`, optionally of one level, with their own hours."""
    return [
        row
        for row in _contributions(bureau, start, end)
        if row.level is not None and (level is None or row.level == level)
    ]


def planned_hours(bureau, start, end) -> Decimal:
    """All hours planned in the period, placed at a level or not."""
    return sum((row.planned_hours for row in _contributions(bureau, start, end)), ZERO)


def planned_hours_records(bureau, start, end) -> list[Contribution]:
    return [row for row in _contributions(bureau, start, end) if row.planned_hours]


def done_hours(bureau, start, end) -> Decimal:
    """All hours booked as done in the period."""
    return sum((row.done_hours for row in _contributions(bureau, start, end)), ZERO)


def done_hours_records(bureau, start, end) -> list[Contribution]:
    return [row for row in _contributions(bureau, start, end) if row.done_hours]


def unplaced_hours(bureau, start, end) -> Decimal:
    """Planned hours of pieces for which no scale level has been chosen yet."""
    return sum((row.planned_hours for row in unplaced_hours_records(bureau, start, end)), ZERO)


def unplaced_hours_records(bureau, start, end) -> list[Contribution]:
    return [
        row for row in _contributions(bureau, start, end) if row.level is None and row.planned_hours
    ]


def local_share(bureau, start, end) -> float:
    """The share of placed planned hours that the neighbourhood carries itself: residents,
    personal relations and social enterprises (levels 1–3)."""
    factor = capability_factor(bureau, start, end)
    return sum(factor[level]["planned"] for level in LOCAL_LEVELS)


def local_share_records(bureau, start, end) -> list[Contribution]:
    return [
        row
        for row in capability_factor_records(bureau, start, end)
        if row.level in LOCAL_LEVELS and row.planned_hours
    ]
