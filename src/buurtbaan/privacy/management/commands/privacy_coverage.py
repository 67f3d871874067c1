from django.core.management.base import BaseCommand, CommandError

from buurtbaan.core.plurals import counted
from buurtbaan.privacy.registry import coverage


class Command(BaseCommand):
    help = (
        "List every model that refers to a resident or an account (directly or through other "
        "models) with the app that declares it in its privacy.py. Exits 1 when a model is "
        "declared by no app."
    )

    def handle(self, *args, **options):
        rows = coverage()
        width = max(len(row.model) for row in rows)
        missing = []
        for row in rows:
            declaration = row.declaration
            if declaration is None:
                missing.append(row)
                covered = "NOT COVERED (through " + " → ".join(row.path[1:]) + ")"
            else:
                kind = "" if declaration.is_personal else " (refers only)"
                covered = f"{declaration.app}{kind}"
            self.stdout.write(f"{row.model.ljust(width)}  {covered}")
        if missing:
            names = ", ".join(row.model for row in missing)
            raise CommandError(
                f"{counted(len(missing), 'model')} "
                f"{'refers' if len(missing) == 1 else 'refer'} to residents or accounts but no "
                f"app declares {'it' if len(missing) == 1 else 'them'}: {names}. Declare them in the app's privacy.py (see privacy.registry).",
                returncode=1,
            )
        self.stdout.write(
            "The one model is covered."
            if len(rows) == 1
            else f"All {len(rows)} models are covered."  # plural-ok: more than one here
        )
