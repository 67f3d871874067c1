"""Tasks that write down every run in a file (COUNT_FILE), outside the database, so a test can
count how often each ran, and in which process."""

import os
import time

from django_tasks import task


def _write_down(line: str) -> None:
    # One small write with O_APPEND: lines of two processes never mix.
    with open(os.environ["COUNT_FILE"], "a") as file:
        file.write(f"{line} {os.getpid()}\n")


@task()
def count_run(number: int) -> int:
    time.sleep(0.1)  # long enough for the other worker to try the same task
    _write_down(f"once-{number}")
    return number


@task()
def count_periodic_run() -> None:
    time.sleep(0.1)
    _write_down("periodic")
