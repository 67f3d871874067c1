import pytest
from django_tasks import task

from buurtbaan.background import registry

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
