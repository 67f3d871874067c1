from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolConfig(AppConfig):
    name = "buurtbaan.pool"
    verbose_name = _("Employer pool")
