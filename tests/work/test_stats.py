"""work.stats: the capability factor computed from the records, with known numbers."""

import datetime
from decimal import Decimal

import pytest

from buurtbaan.work import stats
from buurtbaan.work.models import HoursEntry, WorkStatus
from tests.factories import HoursEntryFactory, PieceOfWorkFactory

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
IN_PERIOD = datetime.date(2026, 3, 1)


@pytest.fixture
def bureau(personas):
    return personas.bureau


def piece(bureau, level, hours=None, **fields):
    fields.setdefault("starts_on", IN_PERIOD)
    return PieceOfWorkFactory(bureau=bureau, scale_level=level, hours_total=hours, **fields)


def test_10_hours_at_level_1_and_30_at_level_3_is_25_and_75_percent(bureau):
    piece(bureau, 1, 10)
    piece(bureau, 3, 30)
    factor = stats.capability_factor(bureau, START, END)
    assert factor[1]["planned"] == 0.25
    assert factor[3]["planned"] == 0.75
    assert factor[1]["planned_hours"] == Decimal("10")
    assert factor[3]["planned_hours"] == Decimal("30")
    assert factor[2]["planned"] == factor[4]["planned"] == factor[5]["planned"] == 0.0


def test_done_hours_count_the_bookings_inside_the_period(bureau):
    first, second = piece(bureau, 2, 10), piece(bureau, 4, 50)
    HoursEntryFactory(piece=first, hours=6, worked_on=IN_PERIOD)
    HoursEntryFactory(piece=second, hours=18, worked_on=IN_PERIOD)
    HoursEntryFactory(piece=second, hours=100, worked_on=datetime.date(2025, 12, 31))
    factor = stats.capability_factor(bureau, START, END)
    assert (factor[2]["done_hours"], factor[4]["done_hours"]) == (Decimal("6"), Decimal("18"))
    assert (factor[2]["done"], factor[4]["done"]) == (0.25, 0.75)


def test_a_split_piece_counts_only_the_hours_its_parts_do_not_take(bureau):
    attic = piece(bureau, 4, 40)
    piece(bureau, 1, 4, parent=attic)
    piece(bureau, 2, 8, parent=attic)
    factor = stats.capability_factor(bureau, START, END)
    assert [factor[level]["planned_hours"] for level in (1, 2, 4)] == [4, 8, 28]
    assert sum(factor[level]["planned_hours"] for level in range(1, 6)) == 40


def test_weekly_hours_count_for_the_weeks_inside_the_period(bureau):
    piece(bureau, 4, hours_per_week=Decimal("24"), starts_on=datetime.date(2025, 6, 1))
    four_weeks = stats.capability_factor(
        bureau, datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)
    )
    assert four_weeks[4]["planned_hours"] == Decimal("96")
    ended = piece(bureau, 3, hours_per_week=Decimal("7"), starts_on=datetime.date(2025, 1, 1))
    ended.ends_on = datetime.date(2025, 12, 31)
    ended.save()
    assert stats.capability_factor(bureau, START, END)[3]["planned_hours"] == 0


def test_pieces_outside_the_period_and_cancelled_pieces_plan_nothing(bureau):
    piece(bureau, 1, 10, starts_on=datetime.date(2025, 3, 1))
    piece(bureau, 1, 10, status=WorkStatus.CANCELLED)
    piece(bureau, 3, 10)
    factor = stats.capability_factor(bureau, START, END)
    assert (factor[1]["planned"], factor[3]["planned"]) == (0.0, 1.0)


def test_unplaced_hours_are_left_out_of_the_shares(bureau):
    piece(bureau, 1, 10)
    piece(bureau, None, 90)
    factor = stats.capability_factor(bureau, START, END)
    assert factor[1]["planned"] == 1.0
    assert stats.unplaced_hours(bureau, START, END) == Decimal("90")
    assert stats.planned_hours(bureau, START, END) == Decimal("100")


def test_without_placed_hours_every_share_is_zero(bureau):
    assert all(
        row["planned"] == 0.0 for row in stats.capability_factor(bureau, START, END).values()
    )


def test_other_bureaus_do_not_count(bureau, personas):
    piece(bureau, 1, 10)
    piece(personas.other_bureau, 5, 1000)
    assert stats.capability_factor(bureau, START, END)[1]["planned"] == 1.0


def test_records_are_the_pieces_behind_the_numbers(bureau):
    one, three = piece(bureau, 1, 10), piece(bureau, 3, 30)
    piece(bureau, None, 5)
    records = stats.capability_factor_records(bureau, START, END)
    assert [(r.piece, r.planned_hours) for r in records] == [(one, 10), (three, 30)]
    assert [r.piece for r in stats.capability_factor_records(bureau, START, END, level=3)] == [
        three
    ]
    assert sum(r.planned_hours for r in records) == sum(
        row["planned_hours"] for row in stats.capability_factor(bureau, START, END).values()
    )


def test_local_share_is_levels_1_to_3(bureau):
    piece(bureau, 1, 10)
    piece(bureau, 3, 20)
    piece(bureau, 5, 10)
    assert stats.local_share(bureau, START, END) == 0.75
    assert len(stats.local_share_records(bureau, START, END)) == 2


def test_done_hours_and_records(bureau):
    worked = piece(bureau, 1, 10)
    HoursEntryFactory(piece=worked, hours=3, worked_on=IN_PERIOD)
    assert stats.done_hours(bureau, START, END) == Decimal("3")
    assert [r.piece for r in stats.done_hours_records(bureau, START, END)] == [worked]
    assert HoursEntry.objects.count() == 1


def test_it_runs_in_a_fixed_number_of_queries(bureau, django_assert_num_queries):
    for _ in range(20):
        HoursEntryFactory(piece=piece(bureau, 2, 10), worked_on=IN_PERIOD)
    with django_assert_num_queries(2):
        stats.capability_factor(bureau, START, END)
