"""Real buurtbaan processes on one database, for the tests that two workers, two cron hosts
or one serving process run each task once (tests/background/launch.py starts them)."""

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

LAUNCH = Path(__file__).with_name("launch.py")
ROOT = LAUNCH.parents[2]


def environment(url, tmp_path):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "COUNT_FILE": str(tmp_path / "runs.txt"),
        "TASKS_BACKEND": "database",
        "BUURTBAAN_DATA_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
    }


def start(tmp_path, url, name, *arguments, **extra_environment):
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115  (closed with the process)
    process = subprocess.Popen(
        [sys.executable, str(LAUNCH), *arguments],
        env={**environment(url, tmp_path), **extra_environment},
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log_file = log
    return process


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def count_runs(tmp_path):
    """{label: [pid, ...]} from the count file."""
    runs = collections.defaultdict(list)
    path = tmp_path / "runs.txt"
    if path.exists():
        for line in path.read_text().splitlines():
            label, pid = line.split()
            runs[label].append(int(pid))
    return runs


def stop(processes):
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
