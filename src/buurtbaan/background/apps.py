from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "buurtbaan.background"
    verbose_name = _("Background work")

    def ready(self):
        from buurtbaan.background import checks, registry  # noqa: F401  (registers the check)

        # Like admin.autodiscover(): import every app's `tasks.py` now, so a broken SCHEDULE
        # fails at start-up instead of at midnight.
        registry.autodiscover()
