"""A task that must run once runs once, with two real worker processes (or two cron hosts) on
one database: a SQLite file, or the PostgreSQL test database when the suite runs on it.

Each test starts real `buurtbaan` processes (tests/background/launch.py) against the same
database. The counting tasks write every run to a file, outside the database, so the count
does not depend on what the queue itself claims to have done.
"""

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

LAUNCH = Path(__file__).with_name("launch.py")
ROOT = LAUNCH.parents[2]
# On PostgreSQL the processes share the test database, emptied after each test.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["as configured", "SQLite with WAL and IMMEDIATE"])
def shared_database(request, tmp_path, monkeypatch):
    """The URL of a migrated database that other processes can open too; on SQLite also with
    the write-ahead log and IMMEDIATE transactions that settings.py is getting."""
    if request.param != "as configured":
        if connection.vendor != "sqlite":
            pytest.skip("a SQLite variant")
        monkeypatch.setenv("SQLITE_WAL_IMMEDIATE", "true")
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        url = (
            f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD'] or ''}@"
            f"{settings_dict['HOST']}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        )
    else:
        # The suite's SQLite test database lives in memory; other processes need a file.
        url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        migrate = subprocess.run(
            [sys.executable, "-m", "buurtbaan", "migrate", "-v0"],
            env=_environment(url, tmp_path),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrate.returncode == 0, migrate.stderr
    return url


def _environment(url, tmp_path):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "COUNT_FILE": str(tmp_path / "runs.txt"),
        "TASKS_BACKEND": "database",
        "BUURTBAAN_DATA_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "false",
    }


def _start(tmp_path, url, name, *arguments):
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115  (closed with the process)
    process = subprocess.Popen(
        [sys.executable, str(LAUNCH), *arguments],
        env=_environment(url, tmp_path),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log_file = log
    return process


def _wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _runs(tmp_path):
    """{label: [pid, ...]} from the count file."""
    runs = collections.defaultdict(list)
    path = tmp_path / "runs.txt"
    if path.exists():
        for line in path.read_text().splitlines():
            label, pid = line.split()
            runs[label].append(int(pid))
    return runs


def _stop(processes):
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.log_file.close()


def test_two_workers_run_each_task_and_each_periods_run_exactly_once(shared_database, tmp_path):
    workers = [
        _start(
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
        _wait_for(
            lambda: all(
                "Starting worker" in (tmp_path / f"worker-{n}.log").read_text() for n in (1, 2)
            ),
            timeout=120,
            what="both workers to start",
        )
        enqueue = _start(tmp_path, shared_database, "enqueue", "enqueue", "40")
        assert enqueue.wait(timeout=120) == 0, (tmp_path / "enqueue.log").read_text()
        enqueue.log_file.close()

        def all_ran():
            runs = _runs(tmp_path)
            return "periodic" in runs and all(f"once-{n}" in runs for n in range(40))

        _wait_for(all_ran, timeout=120, what="all tasks to run")
        time.sleep(1.5)  # room for a second run of anything, had one been enqueued or claimed
    finally:
        _stop(workers)

    runs = _runs(tmp_path)
    logs = "\n".join((tmp_path / f"worker-{n}.log").read_text() for n in (1, 2))
    assert {label: len(pids) for label, pids in runs.items()} == {
        "periodic": 1,
        **{f"once-{n}": 1 for n in range(40)},
    }, logs
    # Both took part: the queue was really contended, not drained by one of them.
    assert {pids[0] for pids in runs.values()} == {worker.pid for worker in workers}, logs


def test_two_cron_hosts_at_once_run_a_periods_task_once(shared_database, tmp_path):
    hosts = [_start(tmp_path, shared_database, f"cron-{n}", "run_scheduled") for n in (1, 2)]
    try:
        for number, host in enumerate(hosts, start=1):
            assert host.wait(timeout=180) == 0, (tmp_path / f"cron-{number}.log").read_text()
    finally:
        _stop(hosts)
    assert len(_runs(tmp_path)["periodic"]) == 1

    # The next round in the same hour finds the period's run done.
    again = _start(tmp_path, shared_database, "cron-3", "run_scheduled")
    assert again.wait(timeout=180) == 0
    again.log_file.close()
    assert len(_runs(tmp_path)["periodic"]) == 1
    assert "Nothing due." in (tmp_path / "cron-3.log").read_text()
