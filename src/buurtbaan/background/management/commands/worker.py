import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from buurtbaan.background import actions
from buurtbaan.background.worker import SCHEDULE_EVERY, SchedulerLoop


class Command(db_worker.Command):
    help = (
        "Run the background worker: takes tasks off the queue and runs them, and every minute "
        "enqueues the periodic tasks that are due (the scheduler). Run one or more; they share "
        "the work and each period's run happens once. Stop with Ctrl+C or SIGTERM (the running "
        "task finishes first). Options are those of db_worker, plus the scheduler's."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="only run tasks; let another worker or cron (run_scheduled) enqueue periodic work",
        )
        parser.add_argument(
            "--schedule-every",
            type=db_worker.valid_interval,
            default=SCHEDULE_EVERY,
            help="seconds between looks for due periodic tasks (default: %(default)s)",
        )
        # Reloading restarts a running task half-way; opt in with --reload while developing.
        parser.set_defaults(reload=False)

    def handle(self, *args, scheduler: bool, schedule_every: float, **options):
        is_reloader_parent = options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if scheduler and not is_reloader_parent:
            if options["batch"]:
                # One round, as run_scheduled does: enqueue what is due, then run everything.
                actions.enqueue_due_tasks()
            else:
                SchedulerLoop(every=schedule_every).start()
        return super().handle(*args, **options)
