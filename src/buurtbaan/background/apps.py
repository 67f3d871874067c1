from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "buurtbaan.background"
    verbose_name = _("Background work")

    def ready(self):
        # Registers the system check that collects every app's tasks.py and reports a broken
        # SCHEDULE. Collecting happens there and on first use (the scheduler), not here: that
        # would import every app's actions into every process, even `migrate`'s.
        from buurtbaan.background import checks  # noqa: F401
