from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from buurtbaan.quotes.actions import expire_quotes


class Command(BaseCommand):
    help = (
        "Mark sent quotes whose validity ran out as expired. Runs daily as a background task "
        "(quotes.tasks); run it by hand any time."
    )

    def handle(self, *args, **options):
        expired = expire_quotes(actor=None)
        for quote in expired:
            self.stdout.write(f"{quote.bureau.slug} {quote.number}")
        self.stdout.write(
            ngettext("%(count)d quote expired.", "%(count)d quotes expired.", len(expired))
            % {"count": len(expired)}
        )
