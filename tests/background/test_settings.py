"""`TASKS_BACKEND` and `TASKS_DAILY_HOUR` come from the environment, strictly, and are
documented; the Django admin shows platform staff the queue, read-only."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READ = "import buurtbaan.settings as s; print(s.TASKS['default']['BACKEND'], s.TASKS_DAILY_HOUR)"


def settings_with(data_dir, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("TASKS_BACKEND", "TASKS_DAILY_HOUR")
    }
    environment.update(BUURTBAAN_DATA_DIR=str(data_dir), **env)
    return subprocess.run(
        [sys.executable, "-c", READ], env=environment, capture_output=True, text=True, cwd=ROOT
    )


def test_the_database_queue_is_the_default_and_immediate_can_be_chosen(tmp_path):
    assert settings_with(tmp_path).stdout.split() == ["django_tasks_db.DatabaseBackend", "3"]
    chosen = settings_with(tmp_path, TASKS_BACKEND="immediate", TASKS_DAILY_HOUR="0")
    assert chosen.stdout.split() == ["django_tasks.backends.immediate.ImmediateBackend", "0"]


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"TASKS_BACKEND": "celery"}, "TASKS_BACKEND must be database or immediate"),
        ({"TASKS_DAILY_HOUR": "24"}, "TASKS_DAILY_HOUR must be 0 to 23"),
        ({"TASKS_DAILY_HOUR": "drie"}, "TASKS_DAILY_HOUR must be a whole number"),
    ],
)
def test_a_value_it_does_not_understand_is_refused(tmp_path, env, complaint):
    result = settings_with(tmp_path, **env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_they_are_documented_in_the_example_environment():
    example = (ROOT / ".env.example").read_text()
    assert "\nTASKS_BACKEND=database\n" in example
    assert "\nTASKS_DAILY_HOUR=3\n" in example


def test_the_task_results_are_not_in_the_django_admin(personas, login):
    """A traceback may quote the data a task worked on: operators use `task_results`."""
    client = login(personas.platform_admin)
    response = client.get("/beheer/django_tasks_database/dbtaskresult/")
    assert response.status_code == 404
