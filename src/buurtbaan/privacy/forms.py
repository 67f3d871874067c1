from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from buurtbaan.privacy.registry import registry

UNIT_LABELS = {
    "days": _("%(what)s, in days"),
    "months": _("%(what)s, in months"),
    "years": _("%(what)s, in years"),
}


class RetentionSettingsForm(forms.Form):
    """One field per per-bureau retention rule of the registry, so a new app's rule appears
    here by itself. Empty means "never" where the rule allows it."""

    def __init__(self, data=None, *, retention):
        super().__init__(data)
        self.rules = {rule.key: rule for rule in registry.bureau_rules()}
        for key, rule in self.rules.items():
            self.fields[key] = forms.IntegerField(
                label=UNIT_LABELS[rule.unit] % {"what": capfirst(rule.label)},
                help_text=rule.help_text,
                required=not rule.can_be_off,
                min_value=rule.minimum,
                max_value=rule.maximum,
                initial=retention.period(rule),
            )

    def periods(self) -> dict:
        return {key: self.cleaned_data[key] for key in self.rules}
