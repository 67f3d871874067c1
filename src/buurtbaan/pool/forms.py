from django import forms
from django.utils.translation import gettext_lazy as _

from buurtbaan.pool.models import IntroductionRequest


class IntroductionForm(forms.ModelForm):
    """A partner's request; validated here, saved by `actions.request_introduction`."""

    class Meta:
        model = IntroductionRequest
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def _post_clean(self):
        pass


class HandleForm(forms.Form):
    """The bureau's answer to a request."""

    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("accept", _("Accept: we arrange a meeting")),
            ("decline", _("Decline")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you accept or decline the request.")},
    )
    reply = forms.CharField(
        label=_("Reply to the partner"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The partner reads this. When you accept, say how the meeting will be arranged; "
            "when you decline, say why. Never write the resident's contact details here."
        ),
    )
