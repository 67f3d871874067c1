"""A task that must run once runs once, with two real worker processes (or two cron hosts) on
one database: a SQLite file, or the PostgreSQL test database when the suite runs on it.

Each test starts real `buurtbaan` processes (tests/background/launch.py) against the same
database. The counting tasks write every run to a file, outside the database, so the count
does not depend on what the queue itself claims to have done.
"""

import time

import pytest

from tests.background.processes import count_runs, start, stop, wait_for

# On PostgreSQL the processes share the test database, emptied after each test.
pytestmark = pytest.mark.django_db(transaction=True)


def test_two_workers_run_each_task_and_each_periods_run_exactly_once(shared_database, tmp_path):
    workers = [
        start(
            tmp_path,
            shared_database,
            f"worker-{number}",
            "worker",
            "--interval=0.05",
            "--schedule-every=0.2",
            "--no-startup-delay",
            "--verbosity=1",
        )
        for number in (1, 2)
    ]
    try:
        # Enqueue only when both poll the queue, so they really compete for every task.
        wait_for(
            lambda: all(
                "Starting worker" in (tmp_path / f"worker-{n}.log").read_text() for n in (1, 2)
            ),
            timeout=120,
            what="both workers to start",
        )
        enqueue = start(tmp_path, shared_database, "enqueue", "enqueue", "40")
        assert enqueue.wait(timeout=120) == 0, (tmp_path / "enqueue.log").read_text()
        enqueue.log_file.close()

        def all_ran():
            runs = count_runs(tmp_path)
            return "periodic" in runs and all(f"once-{n}" in runs for n in range(40))

        wait_for(all_ran, timeout=120, what="all tasks to run")
        time.sleep(1.5)  # room for a second run of anything, had one been enqueued or claimed
    finally:
        stop(workers)

    runs = count_runs(tmp_path)
    logs = "\n".join((tmp_path / f"worker-{n}.log").read_text() for n in (1, 2))
    assert {label: len(pids) for label, pids in runs.items()} == {
        "periodic": 1,
        **{f"once-{n}": 1 for n in range(40)},
    }, logs
    assert [worker.returncode for worker in workers] == [0, 0], logs  # SIGTERM: a clean stop
    # Both took part: the queue was really contended, not drained by one of them.
    assert {pids[0] for pids in runs.values()} == {worker.pid for worker in workers}, logs


def test_two_cron_hosts_at_once_run_a_periods_task_once(shared_database, tmp_path):
    hosts = [start(tmp_path, shared_database, f"cron-{n}", "run_scheduled") for n in (1, 2)]
    try:
        for number, host in enumerate(hosts, start=1):
            assert host.wait(timeout=180) == 0, (tmp_path / f"cron-{number}.log").read_text()
    finally:
        stop(hosts)
    assert len(count_runs(tmp_path)["periodic"]) == 1

    # The next round in the same hour finds the period's run done.
    again = start(tmp_path, shared_database, "cron-3", "run_scheduled")
    assert again.wait(timeout=180) == 0
    again.log_file.close()
    assert len(count_runs(tmp_path)["periodic"]) == 1
    assert "Nothing due." in (tmp_path / "cron-3.log").read_text()
