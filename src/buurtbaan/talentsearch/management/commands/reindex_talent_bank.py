"""buurtbaan reindex_talent_bank [--bureau SLUG] [--missing-only]: rebuild the talent bank's
search index. Needed after writes that send no signals (bulk imports, scripts, restoring a
backup) and after changing the database backend; safe to run at any time."""

import time

from django.core.management.base import BaseCommand, CommandError

from buurtbaan.bureaus.models import Bureau
from buurtbaan.core.plurals import counted
from buurtbaan.talentsearch.actions import reindex_bureau
from buurtbaan.talentsearch.backends import backend


class Command(BaseCommand):
    help = "Rebuild the search index of the talent bank, for one bureau or for all."

    def add_arguments(self, parser):
        parser.add_argument("--bureau", metavar="SLUG", help="only this bureau (its short name)")
        parser.add_argument(
            "--missing-only",
            action="store_true",
            help="only add residents without a search document (faster after an import)",
        )

    def handle(self, *args, bureau=None, missing_only=False, **options):
        bureaus = Bureau.objects.order_by("slug")
        if bureau:
            bureaus = bureaus.filter(slug=bureau)
            if not bureaus.exists():
                raise CommandError(f"There is no bureau with the short name {bureau!r}.")
        for each in bureaus:
            started = time.perf_counter()
            count = reindex_bureau(bureau=each, missing_only=missing_only)
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"{each.slug}: {counted(count, 'resident')} indexed in {seconds:.1f} s ({backend().name})"
            )
