from django.core.management.base import BaseCommand, CommandError

from buurtbaan.core.plurals import counted
from buurtbaan.residents import actions


class Command(BaseCommand):
    help = (
        "Remove self-registrations whose e-mail address was never confirmed, some days after "
        "signing up (the record, its consents, the membership and the account). A dry run "
        "unless given --for-real. Runs daily as a background task (residents.tasks)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=actions.PURGE_UNCONFIRMED_AFTER_DAYS,
            help="remove sign-ups older than this many days (default: %(default)s; "
            f"more than the {counted(actions.CONFIRMATION_MAX_AGE.days, 'day')} a link works)",
        )
        parser.add_argument(
            "--for-real", action="store_true", help="remove them (without it: only list them)"
        )

    def handle(self, *args, days: int, for_real: bool, **options):
        if days <= actions.CONFIRMATION_MAX_AGE.days:
            raise CommandError(
                f"--days must be more than {actions.CONFIRMATION_MAX_AGE.days}: "
                "confirmation links work that long."
            )
        if for_real:
            removed = actions.purge_unconfirmed_registrations(days=days)
            total = sum(removed.values())
            self.stdout.write(
                f"{counted(total, 'unconfirmed sign-up')} older than {counted(days, 'day')} removed."
                + "".join(f"\n  {slug}: {count}" for slug, count in removed.items())
            )
            return
        residents = actions.purgeable_registrations(days=days)
        self.stdout.write(
            f"{counted(len(residents), 'unconfirmed sign-up')} older than {counted(days, 'day')} "
            "would be removed."
        )
        for resident in residents:
            # Record numbers only: no names or addresses in logs of scheduled jobs.
            self.stdout.write(
                f"  {resident.bureau.slug}: resident #{resident.pk}, "
                f"signed up {resident.created_at:%Y-%m-%d}"
            )
        if residents:
            self.stdout.write("Add --for-real to remove them.")
