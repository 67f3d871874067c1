"""The operator's commands: run_scheduled (cron), worker --batch, task_results, prune."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from buurtbaan.background import registry
from buurtbaan.background.models import ScheduledRun
from tests.background.conftest import count_in_memory, fail_with_an_id


def run(*arguments):
    output = io.StringIO()
    call_command(*arguments, stdout=output)
    return output.getvalue()


# Tests that run the worker use `transactional_db`: like a real worker, it closes a database
# connection it finds inside a transaction, and the plain `db` fixture wraps each test in one.


def test_run_scheduled_enqueues_and_runs_what_is_due_then_nothing_twice(
    transactional_db, hourly_counter, database_queue
):
    first = run("run_scheduled")
    assert "Enqueued tests.background.conftest.count_in_memory (hourly)." in first
    assert f"Ran {len(registry.periodic_tasks())} tasks, 0 failed." in first
    assert hourly_counter == [1]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}

    second = run("run_scheduled")
    assert "Nothing due." in second
    assert "Ran 0 tasks" in second
    assert hourly_counter == [1]


def test_run_scheduled_enqueue_only_leaves_the_work_to_a_worker(
    transactional_db, hourly_counter, database_queue
):
    run("run_scheduled", "--enqueue-only")
    assert hourly_counter == []
    assert DBTaskResult.objects.ready().count() == len(registry.periodic_tasks())

    run("worker", "--batch", "--no-startup-delay", "--verbosity=0")
    assert hourly_counter == [1]
    assert DBTaskResult.objects.ready().count() == 0


def test_run_scheduled_names_a_failed_task_and_task_results_shows_why(
    transactional_db, database_queue
):
    fail_with_an_id.enqueue()
    output = run("run_scheduled")
    assert "1 failed." in output
    assert "failed: tests.background.conftest.fail_with_an_id" in output

    listing = run("task_results", "--failed", "--show-tracebacks")
    assert "FAILED" in listing
    assert "builtins.RuntimeError" in listing
    assert "import #7 could not be read" in listing
    assert "1 task result in the last 7 days." in listing


def test_the_worker_with_the_immediate_backend_is_refused(db):
    with pytest.raises(Exception, match="not a database backend"):
        run("worker", "--batch")


def test_task_results_lists_the_schedule(db):
    listing = run("task_results", "--schedule")
    assert "daily   buurtbaan.quotes.tasks.expire_quotes" in listing


def finished(days_ago, status="SUCCESSFUL"):
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=count_in_memory.module_path,
        backend_name="default",
        status=status,
        finished_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_prune_task_results_is_a_dry_run_unless_for_real(db):
    finished(20)
    finished(20, status="FAILED")
    finished(40, status="FAILED")
    finished(1)
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", backend_name="default"
    )
    ScheduledRun.objects.create(
        task_path="x.y", period="daily", period_start=timezone.now() - datetime.timedelta(days=40)
    )

    assert "2 task results would be deleted" in run("prune_task_results")
    assert DBTaskResult.objects.count() == 5

    output = run("prune_task_results", "--for-real")
    assert "0 abandoned tasks marked failed; 2 task results and 1 scheduled run" in output
    # Kept: the failure of 20 days ago, yesterday's success and the one still waiting.
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == [
        "FAILED",
        "READY",
        "SUCCESSFUL",
    ]


def test_a_task_whose_worker_died_shows_as_failed_after_a_day(db):
    def running(hours_ago):
        return DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path=count_in_memory.module_path,
            backend_name="default",
            status="RUNNING",
            started_at=timezone.now() - datetime.timedelta(hours=hours_ago),
            worker_ids=["killed-worker"],
        )

    abandoned, busy = running(25), running(2)
    assert "1 abandoned task marked failed" in run("prune_task_results", "--for-real")
    abandoned.refresh_from_db()
    busy.refresh_from_db()
    assert (abandoned.status, busy.status) == ("FAILED", "RUNNING")
    assert abandoned.exception_class_path == "buurtbaan.background.actions.AbandonedTask"
    assert "AbandonedTask" in run("task_results", "--failed")
