from django.core.management.base import BaseCommand, CommandError

from buurtbaan.bureaus.models import Bureau
from buurtbaan.core.plurals import counted
from buurtbaan.privacy import actions


class Command(BaseCommand):
    help = (
        "Clear what is past its retention period: per bureau with the bureau's periods, and "
        "for the whole platform with the periods from settings. A dry run that only counts "
        "unless given --for-real; runs daily as a task (privacy.tasks)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--for-real", action="store_true", help="clear it (without it: only count)"
        )
        parser.add_argument(
            "--bureau", metavar="SLUG", help="only this bureau (and not the platform's rules)"
        )

    def handle(self, *args, for_real: bool, bureau: str | None, **options):
        bureaus = None
        if bureau:
            bureaus = list(Bureau.objects.filter(slug=bureau))
            if not bureaus:
                raise CommandError(f"No bureau with slug {bureau!r}.")
        results = actions.apply_retention(
            for_real=for_real, bureaus=bureaus, include_platform=bureaus is None
        )
        verb = "cleared" if for_real else "would be cleared"
        # Counts and rules only: no names or addresses in the output of scheduled jobs.
        for result in results:
            where = result.bureau.slug if result.bureau else "(platform)"
            self.stdout.write(
                f"{where}: {result.rule.key}: {result.count} {verb} "
                f"(older than {result.period} {result.rule.unit}, "
                f"before {result.cutoff:%Y-%m-%d %H:%M})"
            )
        total = sum(result.count for result in results)
        self.stdout.write(f"{counted(total, 'record')} {verb} in all.")
        if total and not for_real:
            self.stdout.write("Add --for-real to clear them.")
