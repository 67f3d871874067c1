from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from buurtbaan.demo.loader import load_demo
from buurtbaan.demo.stories import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Create the fictional demo neighbourhood (idempotent) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="URL to print")

    def handle(self, *args, url, **options):
        accounts = load_demo()
        width = max(len(address) for address, _role, _bureau in accounts)
        lines = [
            "",
            _("buurtbaan demo is ready: %(url)s") % {"url": url},
            "",
            _("Demo accounts (password for all: %(password)s):") % {"password": DEMO_PASSWORD},
        ]
        lines += [
            f"  {address:<{width}}  {role:<22}  {bureau}" for address, role, bureau in accounts
        ]
        lines.append("")
        self.stdout.write("\n".join(lines))
