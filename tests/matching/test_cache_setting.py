"""`MATCHING_CACHE_SECONDS` comes from the environment, strictly, and is documented."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = "import buurtbaan.settings as s; print(s.MATCHING_CACHE_SECONDS)"


def settings_with(data_dir, **env):
    environment = {k: v for k, v in os.environ.items() if k != "MATCHING_CACHE_SECONDS"}
    environment.update(BUURTBAAN_DATA_DIR=str(data_dir), **env)
    return subprocess.run(
        [sys.executable, "-c", READ], env=environment, capture_output=True, text=True, cwd=ROOT
    )


def test_it_is_read_from_the_environment_with_a_default(tmp_path):
    assert settings_with(tmp_path).stdout.strip() == "60"
    assert settings_with(tmp_path, MATCHING_CACHE_SECONDS="0").stdout.strip() == "0"


def test_a_value_that_is_not_a_whole_number_is_refused(tmp_path):
    result = settings_with(tmp_path, MATCHING_CACHE_SECONDS="een minuut")
    assert result.returncode != 0
    assert "MATCHING_CACHE_SECONDS must be a whole number" in result.stderr


def test_it_is_documented_in_the_example_environment():
    assert "\nMATCHING_CACHE_SECONDS=60\n" in (ROOT / ".env.example").read_text()
