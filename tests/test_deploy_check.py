"""`django check --deploy` with production-like settings reports only what docs/deployment.md
explains (HSTS preload is an operator's choice, off by default)."""

import os
import re
import subprocess
import sys
from pathlib import Path

EXPLAINED = {"security.W021"}
DEPLOYMENT_DOC = Path(__file__).resolve().parent.parent / "docs" / "deployment.md"


def run_deploy_check(tmp_path, **extra_env):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DEBUG", "HTTPS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DJANGO_SETTINGS_MODULE": "buurtbaan.settings",
        "SECRET_KEY": "a-production-like-secret-" + "x9Q#" * 12,
        "ALLOWED_HOSTS": "buurtbaan.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "BUURTBAAN_DATA_DIR": str(tmp_path),
        **extra_env,
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return set(re.findall(r"\((\w+\.\w+)\)", result.stdout + result.stderr))


def test_deploy_check_reports_only_explained_warnings(tmp_path):
    reported = run_deploy_check(tmp_path)
    assert reported <= EXPLAINED
    for check_id in EXPLAINED:
        assert check_id in DEPLOYMENT_DOC.read_text()


def test_deploy_check_is_silent_with_hsts_preload(tmp_path):
    assert run_deploy_check(tmp_path, SECURE_HSTS_PRELOAD="true") == set()
