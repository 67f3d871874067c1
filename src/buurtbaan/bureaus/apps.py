from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BureausConfig(AppConfig):
    name = "buurtbaan.bureaus"
    verbose_name = _("Bureaus")
