"""The scheduler: each period's run of a periodic task is enqueued once."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from buurtbaan.background import actions, registry
from buurtbaan.background.models import ScheduledRun

HOURLY = "tests.background.conftest.count_in_memory"


def test_a_due_task_is_enqueued_and_with_the_test_backend_runs_at_once(db, hourly_counter):
    runs = actions.enqueue_due_tasks()
    assert HOURLY in {run.task_path for run in runs}
    assert hourly_counter == [1]
    run = ScheduledRun.objects.get(task_path=HOURLY)
    assert run.period == "hourly"
    assert run.result_id


def test_a_period_is_enqueued_only_once(db, hourly_counter):
    now = timezone.now().replace(minute=10)
    actions.enqueue_due_tasks(now=now)
    assert actions.enqueue_due_tasks(now=now + datetime.timedelta(minutes=40)) == []
    assert hourly_counter == [1]
    assert ScheduledRun.objects.filter(task_path=HOURLY).count() == 1


def test_the_next_period_is_enqueued_again(db, hourly_counter):
    now = timezone.now().replace(minute=10)
    actions.enqueue_due_tasks(now=now)
    runs = actions.enqueue_due_tasks(now=now + datetime.timedelta(hours=1))
    assert [run.task_path for run in runs] == [HOURLY]  # the daily ones are still done
    assert hourly_counter == [1, 1]


def test_after_days_without_a_worker_a_daily_task_runs_once_not_once_per_missed_day(db):
    actions.enqueue_due_tasks(now=timezone.now() - datetime.timedelta(days=8))
    runs = actions.enqueue_due_tasks()
    assert len(runs) == len(registry.periodic_tasks())
    assert ScheduledRun.objects.count() == 2 * len(runs)


def test_with_the_database_backend_the_task_waits_in_the_queue(db, hourly_counter, database_queue):
    actions.enqueue_due_tasks()
    assert hourly_counter == []
    run = ScheduledRun.objects.get(task_path=HOURLY)
    waiting = DBTaskResult.objects.get(pk=run.result_id)
    assert (waiting.status, waiting.task_path, waiting.args_kwargs) == (
        "READY",
        HOURLY,
        {"args": [], "kwargs": {}},
    )


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_the_same_moment_enqueue_one_run(hourly_counter, database_queue):
    """Four threads, each with its own database connection, race for the same period."""
    if connection.vendor == "sqlite":
        # The suite's in-memory SQLite answers a second writer "table is locked" at once
        # instead of waiting as a file database does; test_two_workers.py races real
        # processes on a SQLite file instead.
        pytest.skip("needs a database that other connections wait for: PostgreSQL")
    start = threading.Barrier(4)
    outcomes, errors = [], []

    def schedule():
        try:
            start.wait()
            outcomes.append([run.task_path for run in actions.enqueue_due_tasks()])
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=schedule) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(path for paths in outcomes for path in paths).count(HOURLY) == 1
    assert DBTaskResult.objects.filter(task_path=HOURLY).count() == 1
    assert ScheduledRun.objects.filter(task_path=HOURLY).count() == 1


def test_a_round_with_nothing_due_only_reads(db, hourly_counter, django_assert_num_queries):
    actions.enqueue_due_tasks()
    with django_assert_num_queries(1):
        assert actions.enqueue_due_tasks() == []


def test_a_run_enqueued_meanwhile_by_another_worker_is_not_enqueued_again(
    db, hourly_counter, monkeypatch
):
    """The read said "not done", but another worker inserted the row since: the insert fails
    and nothing is enqueued."""
    actions.enqueue_due_tasks()
    reads = []

    def read_before_the_other_worker_wrote(**kwargs):
        reads.append(kwargs)
        return ScheduledRun.objects.none()

    monkeypatch.setattr(ScheduledRun.objects, "filter", read_before_the_other_worker_wrote)
    assert actions.enqueue_due_tasks() == []
    assert len(reads) == 1
    assert hourly_counter == [1]
    assert ScheduledRun.objects.count() == len(registry.periodic_tasks())
