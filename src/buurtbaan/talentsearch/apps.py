from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentSearchConfig(AppConfig):
    name = "buurtbaan.talentsearch"
    label = "talentsearch"
    verbose_name = _("Talent bank search")

    def ready(self):
        from buurtbaan.talentsearch import signals  # noqa: F401  (connects the receivers)
