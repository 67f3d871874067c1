"""The search form of the talent bank. The income situation is deliberately not a criterion."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from buurtbaan.residents.forms import MAX_HOURS_PER_WEEK
from buurtbaan.residents.models import Stage, Talent, TravelRange, Weekday, WorkWanted

validate_pc4 = RegexValidator(
    r"^[1-9][0-9]{3}$",
    _("Give only the four digits of the postcode area, e.g. 6828."),
    code="invalid_pc4",
)


class PoolSearchForm(forms.Form):
    """What partners may search the employer pool by: words in talents and dreams, talents,
    availability and the kind of work. Also the first part of the staff search form."""

    text = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_(
            'For example: koken, fietsen repareren. Words in "quotes" belong together, "or" '
            "gives alternatives, a minus sign leaves a word out (-nacht)."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    talents = forms.ModelMultipleChoiceField(
        label=_("Talents"),
        queryset=Talent.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Residents who have all the talents you tick."),
    )
    days = forms.MultipleChoiceField(
        label=_("Available on"),
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Residents available on all the days you tick."),
    )
    min_hours = forms.IntegerField(
        label=_("At least hours a week"),
        required=False,
        min_value=1,
        max_value=MAX_HOURS_PER_WEEK,
        error_messages={
            "min_value": _("Enter a number of hours from 1 to 60, or leave it empty."),
            "max_value": _("Enter a number of hours from 1 to 60, or leave it empty."),
            "invalid": _("Enter a whole number of hours, e.g. 8."),
        },
    )
    wants = forms.ChoiceField(
        label=_("Looking for"),
        choices=[
            ("", _("any work")),
            (WorkWanted.PAID, _("paid work (also those open to both)")),
            (WorkWanted.VOLUNTEER, _("volunteer work (also those open to both)")),
            (WorkWanted.BOTH, _("open to both")),
        ],
        required=False,
    )
    pc4 = forms.CharField(
        label=_("Postcode area"),
        required=False,
        max_length=4,
        validators=[validate_pc4],
        help_text=_("Four digits, e.g. 6828."),
    )

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talents"].queryset = Talent.objects.filter(bureau=bureau, is_active=True)

    @property
    def has_filters(self) -> bool:
        """Whether a filter (not the search box) is used or wrong: the page shows them open."""
        return bool(self.errors) or any(name != "text" for name in criteria_data(self))

    def clean_pc4(self):
        return self.cleaned_data["pc4"].strip()

    def clean_talents(self):
        return list(self.cleaned_data["talents"])


class TalentSearchForm(PoolSearchForm):
    """The staff search: everything partners search by, plus skills, travel, area and stage."""

    skill = forms.CharField(
        label=_("Skill"),
        required=False,
        max_length=100,
        help_text=_("For example: driving licence B, first aid."),
    )
    travel = forms.ChoiceField(
        label=_("Will travel"),
        choices=[
            ("", _("any distance")),
            (TravelRange.CYCLING, _("at least within cycling distance")),
            (TravelRange.ANYWHERE, _("anywhere")),
        ],
        required=False,
    )
    area = forms.ChoiceField(
        label=_("Lives"),
        choices=[
            ("", _("anywhere")),
            ("inside", _("in the bureau's area")),
            ("outside", _("outside the bureau's area")),
        ],
        required=False,
    )
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("all")), *Stage.choices], required=False
    )

    field_order = [
        "text",
        "talents",
        "skill",
        "days",
        "min_hours",
        "wants",
        "travel",
        "area",
        "pc4",
        "stage",
    ]


def criteria_data(form: forms.Form) -> dict:
    """The valid part of a bound form (a wrong field is left out, the others still apply)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value not in ("", None, [])}
