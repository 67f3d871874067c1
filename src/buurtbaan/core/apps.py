from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "buurtbaan.core"
    verbose_name = _("Core")

    def ready(self):
        from buurtbaan.core import story
        from buurtbaan.core.choices import install_empty_choice_label
        from buurtbaan.core.text import install_form_text_rules

        install_form_text_rules()
        install_empty_choice_label()
        story.autodiscover()
