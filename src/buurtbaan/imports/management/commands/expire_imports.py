from django.core.management.base import BaseCommand

from buurtbaan.core.plurals import counted
from buurtbaan.imports import actions


class Command(BaseCommand):
    help = (
        "Delete the uploaded files of imports left half-way for more than a day. A dry run "
        "unless given --for-real. Runs daily as a background task (imports.tasks)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--for-real", action="store_true", help="delete the files (without it: only count)"
        )

    def handle(self, *args, for_real: bool, **options):
        if for_real:
            count = actions.expire_stale_imports()
            self.stdout.write(f"{counted(count, 'stale import')} expired; their files are deleted.")
        else:
            count = actions.stale_imports().count()
            self.stdout.write(
                f"{counted(count, 'stale import')} would expire. Add --for-real to do it."
            )
