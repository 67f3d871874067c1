"""Small numbers: a funder never sees a figure about fewer than 5 people.

A count of people below `SMALLEST_GROUP` is shown to them as "< 5", and every figure derived from
such a count (a percentage, a share for a bonus, how many more are needed, whether a bonus was
earned) is not shown at all: with a small group, a share or a yes/no says something about the
people in it. Staff of the bureau (coordinators and coaches) see exact figures. Zero counts as
small too: "0 of 3 found work" is a fact about three people.

One rule for every page: templates use the `people` and `hides_people` filters of
`{% load small_numbers %}`, Python code (charts, tables built in views) uses `shown_count`,
`is_protected` and `protect_breakdown`. When counts of a breakdown add up to a total that is shown,
a single hidden cell could be worked out by subtraction; `protect_breakdown` then hides the next
smallest cell too.
"""

from __future__ import annotations

from collections.abc import Mapping

#: The smallest group a funder sees a figure about.
SMALLEST_GROUP = 5
#: How a hidden count is shown.
SMALL = "< 5"


def sees_exact_figures(membership) -> bool:
    """Coordinators and coaches see exact figures; everyone else (funders) the protected ones."""
    return membership is not None and membership.is_staff_member


def is_small(count) -> bool:
    return count is not None and count < SMALLEST_GROUP


def is_protected(count, *, exact: bool) -> bool:
    """Whether `count` (of people) and what derives from it must be hidden from this viewer."""
    return not exact and is_small(count)


def shown_count(count, *, exact: bool):
    """The count as this viewer may see it: the number, or "< 5"."""
    return SMALL if is_protected(count, exact=exact) else count


def protect_breakdown(counts: Mapping, *, exact: bool, total_is_shown: bool = True) -> dict:
    """Each count of a breakdown of people (e.g. per outcome) as this viewer may see it. When the
    total is shown and exactly one cell would be hidden, the smallest other cell is hidden too,
    so that no hidden count can be worked out by subtraction."""
    if exact:
        return dict(counts)
    hidden = {key for key, count in counts.items() if is_small(count)}
    if total_is_shown and len(hidden) == 1 and len(counts) > 1:
        others = sorted(
            (count, index) for index, (key, count) in enumerate(counts.items()) if key not in hidden
        )
        smallest_index = others[0][1]
        hidden.add(list(counts)[smallest_index])
    return {key: SMALL if key in hidden else count for key, count in counts.items()}
