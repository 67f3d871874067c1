"""The story registry (`core.story`): who tells, the order, the months and the filters."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from buurtbaan.core import story as core_story
from buurtbaan.core.story import PIECE, RESIDENT, Event, Story, tell

DAY = datetime.date(2026, 3, 14)


def moment(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_every_app_with_a_part_tells_it():
    apps = {teller.__module__.split(".")[1] for teller in core_story.story.tellers[RESIDENT]}
    assert apps >= {"residents", "matching", "pool", "board", "quotes", "impact", "work"}
    apps = {teller.__module__.split(".")[1] for teller in core_story.story.tellers[PIECE]}
    assert apps >= {"work", "board", "matching", "quotes", "impact"}


def test_an_unknown_kind_is_refused():
    registry = Story()
    registry.about_resident(lambda subject, viewer: [Event(at=DAY, kind="gossip", text="…")])
    with pytest.raises(ValueError, match="gossip"):
        registry.events(RESIDENT, None, None)


def test_events_are_in_time_order_and_a_day_without_time_comes_after_that_days_times():
    registry = Story()
    registry.about_resident(
        lambda subject, viewer: [
            Event(at=DAY, kind="quotes", text="sent that day"),
            Event(at=moment(DAY, 16), kind="matching", text="afternoon"),
            Event(at=moment(DAY - datetime.timedelta(days=40), 9), kind="board", text="before"),
        ]
    )
    registry.about_resident(
        lambda subject, viewer: [Event(at=moment(DAY, 9), kind="work", text="morning")]
    )
    texts = [event.text for event in registry.events(RESIDENT, None, None)]
    assert texts == ["before", "morning", "afternoon", "sent that day"]


def test_tell_groups_by_month_filters_and_turns_the_order(monkeypatch):
    registry = Story()
    registry.about_resident(
        lambda subject, viewer: [
            Event(at=moment(DAY, 9), kind="matching", text="proposed"),
            Event(at=moment(DAY, 10), kind="board", text="responded"),
            Event(at=moment(DAY + datetime.timedelta(days=31), 9), kind="matching", text="started"),
        ]
    )
    monkeypatch.setattr(core_story, "story", registry)
    viewer = SimpleNamespace()
    told = tell(RESIDENT, None, viewer)
    assert [month.first_day for month in told.months] == [
        datetime.date(2026, 3, 1),
        datetime.date(2026, 4, 1),
    ]
    assert [(key, count) for key, _label, count in told.kinds] == [("matching", 2), ("board", 1)]
    assert told.total == 3
    told = tell(RESIDENT, None, viewer, kind="matching", newest_first=True)
    assert [e.text for month in told.months for e in month.events] == ["started", "proposed"]
    # A kind that is not there shows everything.
    assert tell(RESIDENT, None, viewer, kind="nonsense").total == 3
    assert tell(RESIDENT, None, viewer, kind="nonsense").kind == ""
