from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from buurtbaan.background import actions
from buurtbaan.background.worker import uses_database_backend
from buurtbaan.core.plurals import counted


class Command(BaseCommand):
    help = (
        "For cron: enqueue the periodic tasks that are due, then run every task waiting in the "
        "queue and exit. Run it every few minutes (hourly tasks start at most that late); two "
        "hosts running it at once still run each period's task once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue-only",
            action="store_true",
            help="only enqueue what is due; a running worker takes it from the queue",
        )

    def handle(self, *args, enqueue_only: bool, **options):
        started = timezone.now()
        runs = actions.enqueue_due_tasks()
        for run in runs:
            self.stdout.write(f"Enqueued {run.task_path} ({run.period}).")
        if not runs:
            self.stdout.write("Nothing due.")
        if enqueue_only or not uses_database_backend():
            return
        worker_id = f"{get_random_string(12)}-run-scheduled"
        worker = Worker(
            queue_names=["*"],
            interval=0.1,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
        worker.reset_signals()
        ours = [
            result
            for result in DBTaskResult.objects.filter(started_at__gte=started)
            if worker_id in result.worker_ids
        ]
        failed = [result for result in ours if result.status == "FAILED"]
        self.stdout.write(f"Ran {counted(len(ours), 'task')}, {len(failed)} failed.")
        for result in failed:
            self.stdout.write(f"  failed: {result.task_path} (id {result.id})")
        if failed:
            self.stdout.write("See them with: buurtbaan task_results --failed --show-tracebacks")
