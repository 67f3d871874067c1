"""The demo (and `serve --with-worker`) run tasks without a separate process: a worker and the
scheduler in threads of the web server's process."""

import os
import socket
import time
import urllib.request

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from buurtbaan import cli
from buurtbaan.background import registry, worker
from tests.background.processes import count_runs, start, stop


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_threads_in_this_process_enqueue_and_run_the_periodic_work(hourly_counter, database_queue):
    if connection.vendor == "sqlite":
        # The in-memory test database answers "table is locked" between threads instead of
        # waiting; test_one_process_serves_pages_and_runs_tasks covers SQLite with a file.
        pytest.skip("needs a database that other connections wait for: PostgreSQL")
    threads = worker.start_in_background(interval=0.05, every=0.1)
    try:
        assert wait_until(lambda: hourly_counter == [1])
        assert wait_until(
            lambda: (
                DBTaskResult.objects.exclude(status="SUCCESSFUL").count() == 0
                and DBTaskResult.objects.count() == len(registry.periodic_tasks())
            )
        )
        time.sleep(0.3)  # a few more scheduler rounds: the period's run is not enqueued again
        assert hourly_counter == [1]
    finally:
        for thread in threads:
            thread.stop()
        for thread in threads:
            thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads)


def test_with_the_immediate_backend_only_the_scheduler_thread_starts(db, monkeypatch):
    started = []
    monkeypatch.setattr(worker.SchedulerLoop, "start", lambda self: started.append("scheduler"))
    monkeypatch.setattr(worker._WorkerThread, "start", lambda self: started.append("worker"))
    worker.start_in_background()
    assert started == ["scheduler"]


def test_the_demo_starts_the_background_work_before_it_serves(monkeypatch):
    steps = []
    # The demo sets defaults in the environment (SITE_URL, ...): keep them to this test.
    monkeypatch.setattr(os, "environ", os.environ.copy())
    monkeypatch.setattr(
        "django.core.management.call_command", lambda name, **kw: steps.append(name)
    )
    monkeypatch.setattr(cli, "_start_background_work", lambda: steps.append("background"))
    monkeypatch.setattr(cli, "_serve", lambda *args: steps.append("serve"))
    cli.demo(["--port", "8123"])
    assert steps == ["migrate", "load_demo", "background", "serve"]


def test_serve_with_worker_starts_the_background_work(monkeypatch):
    steps = []
    monkeypatch.setattr(os, "environ", os.environ.copy())  # serve sets SITE_URL when unset
    monkeypatch.setattr(cli, "_start_background_work", lambda: steps.append("background"))
    monkeypatch.setattr(cli, "_serve", lambda *args: steps.append("serve"))
    cli.serve(["--no-collectstatic", "--with-worker"])
    cli.serve(["--no-collectstatic"])
    assert steps == ["background", "serve", "serve"]


@pytest.mark.django_db(transaction=True)  # on PostgreSQL the server shares the test database
def test_one_process_serves_pages_and_runs_tasks(shared_database, tmp_path):
    """`serve --with-worker`, as the demo does: a real server process on the shared database
    answers a page and runs the periodic work, with no worker process beside it."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = start(
        tmp_path,
        shared_database,
        "server",
        "serve",
        "--with-worker",
        "--no-collectstatic",
        "--threads=2",
        f"--port={port}",
        DEBUG="true",  # static files from the source folders, as in the demo
    )
    try:
        assert wait_until(lambda: "periodic" in count_runs(tmp_path), timeout=120), (
            tmp_path / "server.log"
        ).read_text()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert response.status == 200
    finally:
        stop([server])
    assert len(count_runs(tmp_path)["periodic"]) == 1
