"""buurtbaan backup FILE: the database and the uploaded files in one new file (see docs/backup.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from buurtbaan.core.backup import BackupError, write_backup
from buurtbaan.core.plurals import counted


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database (SQLite or PostgreSQL) and the uploaded files "
        "into one new file, readable by its owner only. It holds personal data: see "
        "docs/backup.md for where to keep it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="the new backup file, e.g. buurtbaan-2026-12-02.tar.gz"
        )

    def handle(self, *args, file: Path, **options):
        try:
            manifest = write_backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"{file}: {counted(rows, 'row')} in {counted(len(manifest['tables']), 'table')} and "
            f"{counted(len(manifest['media']), 'uploaded file')} "
            f"({counted(file.stat().st_size, 'byte')})."
        )
