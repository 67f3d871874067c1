from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "buurtbaan.matching"
    verbose_name = _("Matching")

    def ready(self):
        # Writes to the talent bank, the work bank and the postcode table make the cached engine
        # of a bureau stale; see buurtbaan.matching.cache.
        from buurtbaan.matching import cache

        cache.connect_signals()
