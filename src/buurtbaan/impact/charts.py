"""Server-rendered SVG progress bars for an assignment's targets: the geometry is computed here,
the template only draws it; the table beside the chart shows the same numbers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from buurtbaan.impact.stats import AssignmentProgress, TargetProgress

BAR_WIDTH = 400  # the width of a full bar (100%), in SVG units
LEFT = 10
ROW_HEIGHT = 76
TOP = 8


def _width(share) -> float:
    share = min(max(Decimal(share or 0), Decimal("0")), Decimal("1"))
    return round(float(share) * BAR_WIDTH, 1)


@dataclass
class Row:
    progress: TargetProgress
    label_y: int
    target_y: int
    target_width: float
    bonus_y: int | None
    bonus_width: float
    threshold_x: float | None


def progress_chart(progress: AssignmentProgress) -> dict:
    rows, y = [], TOP
    for item in progress.targets:
        has_bonus = item.target.has_bonus_rule
        # A funder sees no bar of a target about fewer than 5 people (see `impact/funders.py`).
        is_hidden = getattr(item, "hides_people", False)
        threshold = (
            LEFT + _width(Decimal(item.target.bonus_threshold_percent) / 100) if has_bonus else None
        )
        rows.append(
            Row(
                progress=item,
                label_y=y + 14,
                target_y=y + 22,
                target_width=0 if is_hidden else _width(item.share_of_target),
                bonus_y=y + 46 if has_bonus else None,
                bonus_width=_width(item.bonus_share) if has_bonus and not is_hidden else 0,
                threshold_x=threshold,
            )
        )
        y += ROW_HEIGHT if has_bonus else ROW_HEIGHT - 24
    return {
        "rows": rows,
        "x": LEFT,
        "full": BAR_WIDTH,
        "text_x": LEFT + BAR_WIDTH + 8,
        "width": LEFT + BAR_WIDTH + 150,
        "height": y + 4,
    }
