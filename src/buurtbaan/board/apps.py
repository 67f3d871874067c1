from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "buurtbaan.board"
    verbose_name = _("Bulletin board")
