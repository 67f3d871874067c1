"""Writes of the background machinery: enqueue what is due, prune what is old.

Called by the `worker` command's scheduler loop, by `run_scheduled` (cron) and by the demo's
background thread. The tasks themselves live in each app's `tasks.py` and call that app's
actions; nothing here knows what a task does.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from buurtbaan.background import registry
from buurtbaan.background.models import ScheduledRun
from buurtbaan.core.plurals import counted

logger = logging.getLogger(__name__)

#: Finished task results are kept this long: long enough to look back over a holiday.
KEEP_SUCCESSFUL_DAYS = 14
#: Failed ones a little longer, but not for ever: a traceback may quote a database error,
#: and those can contain a value that was being written.
KEEP_FAILED_DAYS = 30
#: A task still running after this many hours lost its worker (killed, power cut): no task of
#: ours takes that long. It is marked failed so that it shows among the failures.
ABANDONED_AFTER_HOURS = 24


class AbandonedTask(Exception):
    """Recorded as the failure of a task whose worker stopped while running it."""


def enqueue_due_tasks(*, now: datetime.datetime | None = None) -> list[ScheduledRun]:
    """Enqueue every periodic task whose current period has no run yet; return the new runs.

    Safe to call from any number of workers and cron hosts at once: per task, the row for
    (task, period start) and the task itself are written in one transaction, and the unique
    constraint lets only the first writer through. The others get an IntegrityError, roll back
    and enqueue nothing. Only the current period is considered: after a worker was down for
    three days a daily task runs once, not three times (tasks do "what is due", so that is
    enough). No audit entry: this touches no personal data; the tasks' actions write their own.
    """
    now = now or timezone.now()
    due = {
        (periodic.path, periodic.period, registry.period_start(periodic.period, now)): periodic
        for periodic in registry.periodic_tasks()
    }
    # One read first, so that a round with nothing due writes nothing: no write lock on
    # SQLite, no "duplicate key" line per task and minute in PostgreSQL's log. The insert
    # below stays the guard against a worker that got here at the same moment.
    done = set(
        ScheduledRun.objects.filter(period_start__in={key[2] for key in due}).values_list(
            "task_path", "period", "period_start"
        )
    )
    enqueued = []
    for (_path, _period, start), periodic in due.items():
        if (periodic.path, periodic.period, start) in done:
            continue
        try:
            with transaction.atomic():
                # Claim the period first: with an immediate backend, enqueue runs the task.
                run = ScheduledRun.objects.create(
                    task_path=periodic.path, period=periodic.period, period_start=start
                )
                result = periodic.task.enqueue()
                run.result_id = str(result.id)
                run.save(update_fields=["result_id"])
        except IntegrityError:
            continue  # another worker or cron host enqueued this period's run
        logger.info(
            "Enqueued %s for the period from %s",
            periodic.path,
            timezone.localtime(start).isoformat(timespec="minutes"),
        )
        enqueued.append(run)
    return enqueued


def prunable_task_results(
    *,
    successful_days: int = KEEP_SUCCESSFUL_DAYS,
    failed_days: int = KEEP_FAILED_DAYS,
    now: datetime.datetime | None = None,
):
    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL,
        finished_at__lt=now - datetime.timedelta(days=successful_days),
    ) | DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED,
        finished_at__lt=now - datetime.timedelta(days=failed_days),
    )


def abandoned_tasks(*, hours: int = ABANDONED_AFTER_HOURS, now: datetime.datetime | None = None):
    now = now or timezone.now()
    return DBTaskResult.objects.running().filter(
        started_at__lt=now - datetime.timedelta(hours=hours)
    )


def fail_abandoned_tasks(
    *, hours: int = ABANDONED_AFTER_HOURS, now: datetime.datetime | None = None
) -> int:
    """Mark tasks that have been RUNNING for more than `hours` as FAILED. The database backend
    keeps no heartbeat of its workers, so a task whose worker was killed would otherwise stay
    "running" for ever, out of sight of `task_results --failed`. Not retried: the next period's
    run (or an operator's command) does the work. Returns how many were marked."""
    count = 0
    for result in abandoned_tasks(hours=hours, now=now):
        result.set_failed(
            AbandonedTask(f"still running after {counted(hours, 'hour')}: its worker stopped")
        )
        count += 1
    return count


@transaction.atomic
def prune_task_results(
    *,
    successful_days: int = KEEP_SUCCESSFUL_DAYS,
    failed_days: int = KEEP_FAILED_DAYS,
    now: datetime.datetime | None = None,
) -> dict[str, int]:
    """Delete finished task results older than their period, and the scheduled runs of the
    same age, after marking abandoned tasks failed (`fail_abandoned_tasks`). Tasks that are
    waiting or running are never deleted. Run daily by `background.tasks.prune_task_results`,
    by hand with `buurtbaan prune_task_results`. Returns how many results were marked
    abandoned and how many results and runs were deleted."""
    now = now or timezone.now()
    abandoned = fail_abandoned_tasks(now=now)
    results, _ = prunable_task_results(
        successful_days=successful_days, failed_days=failed_days, now=now
    ).delete()
    runs, _ = ScheduledRun.objects.filter(
        period_start__lt=now - datetime.timedelta(days=max(successful_days, failed_days))
    ).delete()
    return {"abandoned": abandoned, "results": results, "runs": runs}
