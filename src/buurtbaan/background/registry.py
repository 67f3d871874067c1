"""The periodic tasks of every app, collected from each app's `tasks.py`.

The convention (docs/background.md): an app may have a `tasks.py` with `@task()` functions that
only call actions. Work that must run on a schedule is listed in that module as

    SCHEDULE = {"daily": [expire_quotes], "hourly": [...]}

`autodiscover()` imports every installed app's `tasks.py`, the way `admin.autodiscover()` imports
`admin.py`, and checks each SCHEDULE strictly: a typo in a period or a task that needs arguments
fails the system check (run by `check`, `migrate`, `worker`, `run_scheduled`), not silently at
midnight. It runs on first use rather than in `ready()`, so processes that never schedule do
not import every app's actions.
"""

from __future__ import annotations

import datetime
import inspect
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django_tasks.base import Task

from buurtbaan.background.models import Period


@dataclass(frozen=True)
class PeriodicTask:
    task: Task
    period: Period
    declared_in: str

    @property
    def path(self) -> str:
        return self.task.module_path


_registry: dict[str, PeriodicTask] = {}
_discovered = False


def register(period: str, task: Task, *, declared_in: str = "") -> PeriodicTask:
    """Add one periodic task. Apps use SCHEDULE instead; this is for code outside an app."""
    if period not in Period.values:
        raise ImproperlyConfigured(
            f"{declared_in or 'SCHEDULE'}: unknown period {period!r}; "
            f"use one of {', '.join(Period.values)}"
        )
    if not isinstance(task, Task):
        raise ImproperlyConfigured(
            f"{declared_in or 'SCHEDULE'}: {task!r} under {period!r} is not a task; "
            "decorate the function with @task()"
        )
    required = [
        parameter.name
        for parameter in inspect.signature(task.func).parameters.values()
        if parameter.default is parameter.empty
        and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
    ]
    if required:
        raise ImproperlyConfigured(
            f"{declared_in or 'SCHEDULE'}: the periodic task {task.module_path} needs "
            f"{', '.join(required)}; a scheduled task is enqueued without arguments"
        )
    if task.module_path in _registry:
        raise ImproperlyConfigured(
            f"{declared_in or 'SCHEDULE'}: {task.module_path} is scheduled twice "
            f"(also {_registry[task.module_path].period})"
        )
    periodic = PeriodicTask(task=task, period=Period(period), declared_in=declared_in)
    _registry[task.module_path] = periodic
    return periodic


def unregister(task: Task) -> None:
    _registry.pop(task.module_path, None)


def autodiscover() -> None:
    """Import `<app>.tasks` of every installed app and register its SCHEDULE (once)."""
    global _discovered
    if _discovered:
        return
    before = dict(_registry)
    try:
        _register_schedules()
    except BaseException:
        _registry.clear()
        _registry.update(before)
        raise
    _discovered = True


def _register_schedules() -> None:
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, "tasks"):
            continue
        module_name = f"{app_config.name}.tasks"
        module = import_module(module_name)
        schedule = getattr(module, "SCHEDULE", {})
        if not isinstance(schedule, dict):
            raise ImproperlyConfigured(f"{module_name}.SCHEDULE must be a dict of lists")
        for period, tasks in schedule.items():
            for task in tasks:
                register(period, task, declared_in=f"{module_name}.SCHEDULE")


def periodic_tasks() -> list[PeriodicTask]:
    autodiscover()
    return sorted(_registry.values(), key=lambda periodic: periodic.path)


def period_start(period: str, now: datetime.datetime) -> datetime.datetime:
    """The start of the period `now` falls in, in the site's time zone.

    Every worker and cron host computes the same instant for the same period, which is what
    makes (task, period start) a key that only one of them can claim. Daily and weekly
    periods start at TASKS_DAILY_HOUR (night work, not at midnight sharp); weeks on Monday.
    Returned in UTC.
    """
    if period not in Period.values:
        raise ValueError(f"unknown period {period!r}")
    local = timezone.localtime(now)
    if period == Period.HOURLY:
        # `replace` keeps `fold`, so the repeated hour when summer time ends is two periods;
        # in UTC, where the database keeps it, they differ (in local time they compare equal).
        return local.replace(minute=0, second=0, microsecond=0).astimezone(datetime.UTC)
    hour = datetime.time(settings.TASKS_DAILY_HOUR)
    day = local.date()
    if period == Period.WEEKLY:
        day -= datetime.timedelta(days=day.weekday())
    start = datetime.datetime.combine(day, hour, tzinfo=local.tzinfo)
    if start > now:
        start = datetime.datetime.combine(
            day - datetime.timedelta(days=7 if period == Period.WEEKLY else 1),
            hour,
            tzinfo=local.tzinfo,
        )
    return start.astimezone(datetime.UTC)
