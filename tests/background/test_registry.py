"""The collector: every app's tasks.py SCHEDULE, checked strictly; and where periods start."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django_tasks import task

from buurtbaan.background import registry

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@task()
def needs_a_resident(resident_id):
    return resident_id


@task()
def takes_optional_arguments(days=14):
    return days


def test_autodiscover_collects_the_daily_tasks_of_every_app():
    scheduled = {periodic.path: periodic.period for periodic in registry.periodic_tasks()}
    # Other apps add theirs; these four are today's daily jobs.
    assert (
        scheduled.items()
        >= {
            "buurtbaan.background.tasks.prune_task_results": "daily",
            "buurtbaan.imports.tasks.expire_imports": "daily",
            "buurtbaan.quotes.tasks.expire_quotes": "daily",
            "buurtbaan.residents.tasks.purge_unconfirmed_registrations": "daily",
        }.items()
    )


@pytest.mark.parametrize(
    ("period", "entry", "complaint"),
    [
        ("dayly", takes_optional_arguments, "unknown period 'dayly'"),
        ("daily", takes_optional_arguments.func, "is not a task"),
        ("hourly", needs_a_resident, "needs resident_id"),
    ],
)
def test_a_broken_schedule_entry_is_refused_with_the_reason(period, entry, complaint):
    with pytest.raises(ImproperlyConfigured, match=complaint):
        registry.register(period, entry, declared_in="example.tasks.SCHEDULE")
    assert "example" not in {periodic.declared_in for periodic in registry.periodic_tasks()}


def test_a_task_scheduled_twice_is_refused():
    registry.register("hourly", takes_optional_arguments)
    try:
        with pytest.raises(ImproperlyConfigured, match="scheduled twice"):
            registry.register("daily", takes_optional_arguments)
    finally:
        registry.unregister(takes_optional_arguments)


def test_the_system_check_reports_a_broken_schedule(monkeypatch):
    def broken():
        raise ImproperlyConfigured("example.tasks.SCHEDULE: unknown period 'dayly'")

    monkeypatch.setattr(registry, "periodic_tasks", broken)
    with pytest.raises(Exception, match=r"background\.E001"):
        call_command("check")


def at(*args, fold=0):
    return datetime.datetime(*args, tzinfo=AMSTERDAM, fold=fold)


@pytest.mark.parametrize(
    ("period", "now", "start"),
    [
        ("hourly", at(2026, 12, 2, 17, 59, 59), at(2026, 12, 2, 17)),
        ("hourly", at(2026, 12, 2, 18), at(2026, 12, 2, 18)),
        # Daily work falls due at TASKS_DAILY_HOUR (3 at night): at 01:00 it is yesterday's run.
        ("daily", at(2026, 12, 2, 1), at(2026, 12, 1, 3)),
        ("daily", at(2026, 12, 2, 3), at(2026, 12, 2, 3)),
        ("daily", at(2026, 12, 2, 23, 59), at(2026, 12, 2, 3)),
        # Weeks start on Monday (7 December 2026) at the same hour.
        ("weekly", at(2026, 12, 9, 12), at(2026, 12, 7, 3)),
        ("weekly", at(2026, 12, 7, 2), at(2026, 11, 30, 3)),
    ],
)
def test_a_period_starts_at_the_same_instant_for_every_host(period, now, start):
    assert registry.period_start(period, now) == start
    assert registry.period_start(period, now.astimezone(datetime.UTC)) == start


def test_the_hour_repeated_when_summer_time_ends_is_two_hourly_periods():
    first = datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)  # 02:30 summer time
    second = first + datetime.timedelta(hours=1)  # 02:30 again, winter time
    starts = {registry.period_start("hourly", first), registry.period_start("hourly", second)}
    assert len(starts) == 2


def test_the_daily_hour_comes_from_the_settings(settings):
    settings.TASKS_DAILY_HOUR = 0
    assert registry.period_start("daily", at(2026, 12, 2, 1)) == at(2026, 12, 2, 0)
