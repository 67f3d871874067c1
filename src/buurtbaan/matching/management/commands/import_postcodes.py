"""buurtbaan import_postcodes FILE.csv: load PC4 centroids for the distances in matching.

All or nothing: a file with a bad row changes nothing and every problem is printed with its row
and column. Running it twice with the same file changes nothing the second time.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from buurtbaan.core.plurals import counted
from buurtbaan.matching.postcodes import PostcodeFileError, import_areas, parse


class Command(BaseCommand):
    help = (
        "Import PC4 postcode areas with their centroids (CSV with the columns postcode, latitude "
        "and longitude; woonplaats and gemeente are kept when present)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV file, e.g. pc4-4pp.csv")

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not a UTF-8 text file; save it as CSV (UTF-8).") from None
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror}).") from None
        try:
            areas = parse(text)
        except PostcodeFileError as error:
            lines = "\n".join(f"  {line}" for line in error.errors)
            count = len(error.errors)
            # plural-ok: the plural only when there is more than one
            what = "this problem" if count == 1 else f"these {count} problems"
            raise CommandError(
                f"{path}: nothing was imported; fix {what} and run the command again:\n{lines}"
            ) from None
        result = import_areas(areas)
        self.stdout.write(
            f"{counted(len(areas), 'postcode area')} read: {result.created} new, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
