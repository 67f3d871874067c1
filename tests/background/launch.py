"""A real buurtbaan process for the two-worker tests, with the counting task scheduled daily.

    python tests/background/launch.py worker --interval 0.1 ...   the `worker` command
    python tests/background/launch.py run_scheduled               the cron command
    python tests/background/launch.py enqueue 30                  enqueue count_run(0..29)
    python tests/background/launch.py serve --with-worker ...      `buurtbaan serve`

The environment gives DATABASE_URL and COUNT_FILE. With SQLITE_WAL_IMMEDIATE=true the SQLite
connection uses write-ahead logging and IMMEDIATE transactions, as settings.py will.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtbaan.settings")

import django
from django.conf import settings

if os.environ.get("SQLITE_WAL_IMMEDIATE") == "true":
    settings.DATABASES["default"]["OPTIONS"].update(
        transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL"
    )
django.setup()

from django.core.management import call_command  # noqa: E402

from buurtbaan.background import registry  # noqa: E402
from tests.background import counting  # noqa: E402

# Daily, not hourly: a test that runs across the hour must not see two periods.
registry.register("daily", counting.count_periodic_run, declared_in="tests")

if sys.argv[1] == "enqueue":
    for number in range(int(sys.argv[2])):
        counting.count_run.enqueue(number)
elif sys.argv[1] == "serve":
    from buurtbaan import cli

    cli.serve(sys.argv[2:])
else:
    call_command(*sys.argv[1:])
