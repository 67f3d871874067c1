"""Running the queue: django-tasks-db's worker plus our scheduler loop.

`buurtbaan worker` (production) runs the scheduler in a thread next to the worker loop;
`buurtbaan demo` and `buurtbaan serve --with-worker` run both in threads of the web server
process, so one process serves everything.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import connections
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from buurtbaan.background import actions
from buurtbaan.core.plurals import counted

logger = logging.getLogger(__name__)

#: How often the scheduler looks for due periodic work (seconds). An hourly task starts at
#: most this long after the hour.
SCHEDULE_EVERY = 60


class SchedulerLoop(threading.Thread):
    """Every `every` seconds, enqueue the periodic tasks that are due.

    Runs beside a worker; several loops on several hosts are safe (see `enqueue_due_tasks`).
    A failure (the database away for a moment) is logged and tried again next round.
    """

    def __init__(self, *, every: float = SCHEDULE_EVERY):
        super().__init__(name="buurtbaan-scheduler", daemon=True)
        self.every = every
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.is_set():
            self.tick()
            self._stopped.wait(self.every)

    def tick(self) -> None:
        try:
            actions.enqueue_due_tasks()
        except Exception:
            logger.exception(
                "The scheduler failed; trying again in %s", counted(self.every, "second")
            )
        finally:
            # This thread's own connection: do not hold it (or a SQLite lock) between rounds.
            connections.close_all()

    def stop(self) -> None:
        self._stopped.set()


def uses_database_backend(alias: str = "default") -> bool:
    return isinstance(task_backends[alias], DatabaseBackend)


class _WorkerThread(threading.Thread):
    def __init__(self, worker: Worker):
        super().__init__(name="buurtbaan-worker", daemon=True)
        self.worker = worker

    def run(self) -> None:
        while self.worker.running:
            try:
                self.worker.run()
            except Exception:
                # A server process has no one to restart a dead thread: log and go on.
                logger.exception("The background worker failed; starting again")
                time.sleep(self.worker.interval or 1)
            finally:
                connections.close_all()

    def stop(self) -> None:
        self.worker.running = False


def start_in_background(*, interval: float = 1, every: float = SCHEDULE_EVERY) -> list:
    """Start the scheduler and, with the database backend, a worker in daemon threads of this
    process. For the demo and for a one-process installation; returns the threads (each has
    `stop()`). With an immediate backend the scheduler alone suffices: enqueueing runs a task.
    """
    threads: list = [SchedulerLoop(every=every)]
    if uses_database_backend():
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"{get_random_string(12)}-in-process",
            excluded_queue_names=[],
        )
        threads.append(_WorkerThread(worker))
    for thread in threads:
        thread.start()
    return threads
