from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from buurtbaan.accounts.actions import clear_old_login_records


class Command(BaseCommand):
    help = (
        "Delete old login records of django-axes: failed-login counts past the cool-off and "
        "access logs past 30 days. A dry run unless given --for-real. Runs daily as a task."
    )

    def add_arguments(self, parser):
        parser.add_argument("--for-real", action="store_true", help="really delete the records")

    def handle(self, *args, for_real, **options):
        counts = clear_old_login_records(dry_run=not for_real)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        if for_real:
            self.stdout.write(_("Old login records deleted."))
        else:
            self.stdout.write(_("Dry run: nothing deleted. Add --for-real to delete them."))
