"""The small-numbers rule: a count of fewer than 5 people is "< 5" for anyone but staff, and a
breakdown never lets one hidden cell be worked out from the total."""

import pytest

from buurtbaan.core.small_numbers import SMALL, is_protected, protect_breakdown, shown_count


@pytest.mark.parametrize(("count", "shown"), [(0, SMALL), (1, SMALL), (4, SMALL), (5, 5), (12, 12)])
def test_a_count_below_five_is_shown_as_less_than_five(count, shown):
    assert shown_count(count, exact=False) == shown


def test_staff_see_the_exact_count():
    assert shown_count(3, exact=True) == 3
    assert not is_protected(3, exact=True)


def test_one_small_cell_takes_the_next_smallest_with_it():
    counts = {"paid_work": 9, "education": 6, "none": 3}

    shown = protect_breakdown(counts, exact=False)

    assert shown == {"paid_work": 9, "education": SMALL, "none": SMALL}


def test_two_small_cells_are_enough_on_their_own():
    counts = {"paid_work": 9, "education": 2, "none": 3}

    assert protect_breakdown(counts, exact=False) == {
        "paid_work": 9,
        "education": SMALL,
        "none": SMALL,
    }


def test_staff_see_the_whole_breakdown():
    counts = {"paid_work": 9, "none": 3}

    assert protect_breakdown(counts, exact=True) == counts
