from django.core.management.base import BaseCommand

from buurtbaan.core import actions
from buurtbaan.core.plurals import counted


class Command(BaseCommand):
    help = (
        "Take control characters (ESC, U+202E ...) out of text stored before every form and "
        "import stripped them (docs/input.md). A dry run unless given --for-real; run it once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--for-real", action="store_true", help="change the rows (without it: only count)"
        )

    def handle(self, *args, for_real: bool, **options):
        found = actions.strip_stored_control_characters(is_for_real=for_real)
        for label, count in sorted(found.items()):
            self.stdout.write(f"{label}: {counted(count, 'row')}")
        total = sum(found.values())
        if for_real:
            self.stdout.write(f"{counted(total, 'row')} cleaned.")
        else:
            self.stdout.write(
                f"{counted(total, 'row')} {'has' if total == 1 else 'have'} control characters. "
                "Add --for-real to clean."
            )
