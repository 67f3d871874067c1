from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "buurtbaan.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from buurtbaan.privacy import checks, registry  # noqa: F401 (registers the check)

        registry.autodiscover()
