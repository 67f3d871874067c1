import datetime
import json

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from buurtbaan.background.registry import periodic_tasks
from buurtbaan.core.plurals import counted


class Command(BaseCommand):
    help = (
        "List recent background task results, newest first: what waits, runs, succeeded or "
        "failed. With --failed only failures; --show-tracebacks shows where they failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--failed", action="store_true", help="only failed tasks")
        parser.add_argument(
            "--days", type=int, default=7, help="enqueued in the last N days (default: 7)"
        )
        parser.add_argument(
            "--show-tracebacks", action="store_true", help="show where each failure happened"
        )
        parser.add_argument("--schedule", action="store_true", help="list the periodic tasks too")

    def handle(
        self, *args, failed: bool, days: int, show_tracebacks: bool, schedule: bool, **options
    ):
        if schedule:
            self.stdout.write("Periodic tasks:")
            for periodic in periodic_tasks():
                self.stdout.write(f"  {periodic.period:<7} {periodic.path}")
        results = DBTaskResult.objects.filter(
            enqueued_at__gte=timezone.now() - datetime.timedelta(days=days)
        ).order_by("-enqueued_at")
        if failed:
            results = results.filter(status=TaskResultStatus.FAILED)
        count = 0
        for result in results.iterator():
            count += 1
            when = timezone.localtime(result.finished_at or result.started_at or result.enqueued_at)
            line = f"{when:%Y-%m-%d %H:%M:%S} {result.status:<10} {result.task_path} {result.id}"
            if result.status == TaskResultStatus.FAILED:
                line += f" {result.exception_class_path}"
            elif result.status == TaskResultStatus.SUCCESSFUL and result.return_value is not None:
                line += f" returned {json.dumps(result.return_value)}"
            self.stdout.write(line)
            if show_tracebacks and result.traceback:
                self.stdout.write("    " + result.traceback.rstrip().replace("\n", "\n    "))
        self.stdout.write(f"{counted(count, 'task result')} in the last {counted(days, 'day')}.")
