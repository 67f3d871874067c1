"""Server-rendered SVG for the capability factor: the numbers are computed here, the template only
draws them. The same rows feed the accessible table beside the chart."""

from __future__ import annotations

from dataclasses import dataclass

from buurtbaan.organisations.models import ScaleLevel

BAR_WIDTH = 400  # the width of a 100% bar, in SVG units
ROW_HEIGHT = 56
LABEL_WIDTH = 190
TOP = 30


@dataclass
class CapabilityRow:
    level: int
    label: str
    planned: float
    done: float
    planned_hours: object
    done_hours: object

    @property
    def planned_percent(self) -> int:
        return round(self.planned * 100)

    @property
    def done_percent(self) -> int:
        return round(self.done * 100)


def capability_rows(factor: dict) -> list[CapabilityRow]:
    return [
        CapabilityRow(
            level=level,
            label=str(ScaleLevel(level).label),
            planned=values["planned"],
            done=values["done"],
            planned_hours=values["planned_hours"],
            done_hours=values["done_hours"],
        )
        for level, values in sorted(factor.items())
    ]


def capability_chart(factor: dict) -> dict:
    """Geometry of a horizontal bar chart: per level a bar for planned and one for done."""
    bars = []
    for index, row in enumerate(capability_rows(factor)):
        y = TOP + index * ROW_HEIGHT
        bars.append(
            {
                "row": row,
                "label_y": y + 22,
                "planned_y": y + 4,
                "done_y": y + 26,
                "planned_width": round(row.planned * BAR_WIDTH, 1),
                "done_width": round(row.done * BAR_WIDTH, 1),
                "planned_text_x": LABEL_WIDTH + round(row.planned * BAR_WIDTH, 1) + 6,
                "done_text_x": LABEL_WIDTH + round(row.done * BAR_WIDTH, 1) + 6,
            }
        )
    return {
        "bars": bars,
        "x": LABEL_WIDTH,
        "width": LABEL_WIDTH + BAR_WIDTH + 60,
        "height": TOP + len(bars) * ROW_HEIGHT + 10,
        "axis_end": LABEL_WIDTH + BAR_WIDTH,
        "legend_done_x": LABEL_WIDTH + 120,
    }
