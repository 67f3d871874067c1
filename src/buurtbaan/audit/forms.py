from django import forms
from django.utils.translation import gettext_lazy as _

from buurtbaan.audit.models import AuditAction


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What"), choices=[("", _("everything")), *AuditAction.choices], required=False
    )
    actor = forms.CharField(label=_("Who (e-mail address)"), required=False)
