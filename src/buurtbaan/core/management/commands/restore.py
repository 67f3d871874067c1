"""buurtbaan restore FILE [--replace | --check]: bring a backup into this installation (see
docs/backup.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from buurtbaan.core.backup import BackupError, check_backup, restore_backup
from buurtbaan.core.plurals import counted


class Command(BaseCommand):
    help = (
        "Restore a backup made with `buurtbaan backup` into an empty installation. The file is "
        "checked in full before anything changes; a damaged or foreign file is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the backup file")
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--replace",
            action="store_true",
            help="delete everything this installation holds (all tables and uploaded files) first",
        )
        action.add_argument(
            "--check", action="store_true", help="only check the file and say what it holds"
        )

    def handle(self, *args, file: Path, replace: bool, check: bool, **options):
        try:
            manifest = check_backup(file) if check else restore_backup(file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(table["rows"] for table in manifest["tables"].values())
        what = (
            f"{counted(rows, 'row')} in {counted(len(manifest['tables']), 'table')} and "
            f"{counted(len(manifest['media']), 'uploaded file')}, made {manifest['created_at']} on {manifest['database']} by buurtbaan "
            f"{manifest.get('buurtbaan', '?')}"
        )
        if check:
            self.stdout.write(f"{file} is a good backup: {what}.")
        else:
            self.stdout.write(f"Restored {what}.")
