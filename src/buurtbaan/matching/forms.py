from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.forms import ActionModelForm
from buurtbaan.matching.models import MatchingSettings, MatchSource, MatchStatus

RETURN_TO = (("piece", "piece"), ("resident", "resident"))


class ProposeForm(forms.Form):
    """One candidate proposed from a list of suggestions."""

    resident = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note with the proposal"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. E.g. why you think this fits, or what to arrange first."),
    )
    return_to = forms.ChoiceField(choices=RETURN_TO, widget=forms.HiddenInput, initial="piece")


class TeamForm(forms.Form):
    """The members of a composed team, proposed together."""

    residents = forms.TypedMultipleChoiceField(coerce=int, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, resident_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residents"].choices = [(pk, pk) for pk in resident_ids]


class Step(models.TextChoices):
    INTRODUCE = "introduce", _("Introduced (kennismaking)")
    ACCEPT = "accept", _("The resident accepted")
    DECLINE = "decline", _("The resident declined")
    START = "start", _("Started")
    COMPLETE = "complete", _("Completed")
    STOP = "stop", _("Stop")


class StepForm(forms.Form):
    """The next step of a match, recorded by a coordinator or coach."""

    step = forms.ChoiceField(label=_("What happened"), choices=Step.choices)
    reason = forms.CharField(
        label=_("Why, or a note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you stop a match."),
    )

    def __init__(self, *args, steps=None, **kwargs):
        super().__init__(*args, **kwargs)
        if steps is not None:
            self.fields["step"].choices = [(value, Step(value).label) for value in steps]


class AnswerForm(forms.Form):
    """The resident's own answer to a proposal."""

    # Sent by the button the resident presses; not rendered as a field.
    answer = forms.ChoiceField(choices=(("accept", "accept"), ("decline", "decline")))
    reason = forms.CharField(
        label=_("Anything you want to tell the bureau?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. If you say no, telling why helps us find something that fits."),
    )


class SettingsForm(ActionModelForm):
    class Meta:
        model = MatchingSettings
        fields = [
            *MatchingSettings.FIT_FIELDS,
            "priority_weight",
            "team_coverage",
            "min_score",
            "max_open_proposals",
        ]


STATUS_FILTERS = [
    ("", _("all")),
    ("active", _("active (proposed, introduced or started)")),
    ("accepted", _("accepted by the resident: to be introduced")),
    *MatchStatus.choices,
]


class MatchFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTERS, required=False)
    source = forms.ChoiceField(
        label=_("Found through"), choices=[("", _("all")), *MatchSource.choices], required=False
    )
