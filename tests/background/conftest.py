import subprocess
import sys

import pytest
from django.db import connection
from django_tasks import task

from buurtbaan.background import registry
from tests.background.processes import environment

RUNS = []


@task()
def count_in_memory() -> int:
    RUNS.append(1)
    return len(RUNS)


@task()
def fail_with_an_id() -> None:
    raise RuntimeError("import #7 could not be read")


@pytest.fixture
def hourly_counter():
    """`count_in_memory` scheduled hourly, for the length of one test; RUNS counts its runs."""
    RUNS.clear()
    registry.register("hourly", count_in_memory, declared_in="tests")
    yield RUNS
    registry.unregister(count_in_memory)


@pytest.fixture
def database_queue(settings):
    """The production backend: tasks wait in the database until a worker takes them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


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
            env=environment(url, tmp_path),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrate.returncode == 0, migrate.stderr
    return url
