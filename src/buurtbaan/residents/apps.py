from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "buurtbaan.residents"
    verbose_name = _("Residents")

    def ready(self):
        from buurtbaan.residents import signals  # noqa: F401  (connects the receivers)
