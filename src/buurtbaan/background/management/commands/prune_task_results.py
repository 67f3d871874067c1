from django.core.management.base import BaseCommand, CommandError

from buurtbaan.background import actions
from buurtbaan.core.plurals import counted


class Command(BaseCommand):
    help = (
        "Delete finished background task results (and the scheduler's records) older than "
        "their period, after marking tasks still running a day after they started (their "
        "worker was killed) as failed. Runs daily as a background task; a dry run by hand "
        "unless --for-real."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--successful-days",
            type=int,
            default=actions.KEEP_SUCCESSFUL_DAYS,
            help="keep successful results this many days (default: %(default)s)",
        )
        parser.add_argument(
            "--failed-days",
            type=int,
            default=actions.KEEP_FAILED_DAYS,
            help="keep failed results this many days (default: %(default)s)",
        )
        parser.add_argument(
            "--for-real", action="store_true", help="delete them (without it: only count)"
        )

    def handle(self, *args, successful_days: int, failed_days: int, for_real: bool, **options):
        if successful_days < 0 or failed_days < 0:
            raise CommandError("--successful-days and --failed-days must be 0 or more.")
        if for_real:
            deleted = actions.prune_task_results(
                successful_days=successful_days, failed_days=failed_days
            )
            self.stdout.write(
                f"{counted(deleted['abandoned'], 'abandoned task')} marked failed; "
                f"{counted(deleted['results'], 'task result')} and "
                f"{counted(deleted['runs'], 'scheduled run')} deleted."
            )
            return
        count = actions.prunable_task_results(
            successful_days=successful_days, failed_days=failed_days
        ).count()
        abandoned = actions.abandoned_tasks().count()
        self.stdout.write(
            f"{counted(abandoned, 'abandoned task')} would be marked failed; "
            f"{counted(count, 'task result')} would be deleted. Add --for-real to do it."
        )
