from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Bureau, Membership, Role
from buurtbaan.bureaus.postcode_ranges import format_postcode_ranges, parse_postcode_ranges
from buurtbaan.core.locking import LockedFormMixin
from buurtbaan.organisations.models import Organisation


class PostcodeRangesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        return parse_postcode_ranges(super().clean(value) or "")


class BureauForm(LockedFormMixin, forms.ModelForm):
    postcode_ranges = PostcodeRangesField(
        label=_("Postcodes"),
        help_text=_(
            "Four-digit areas and ranges, separated by commas, e.g. 6828, 6822-6824, 6811AA-6811CZ."
        ),
    )

    class Meta:
        model = Bureau
        fields = [
            "name",
            "municipality",
            "description",
            "email",
            "phone",
            "visiting_address",
            "opening_hours",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["postcode_ranges"] = format_postcode_ranges(
                self.instance.postcode_ranges.all()
            )


class NewBureauForm(BureauForm):
    """For platform administrators: a bureau and its first coordinator."""

    coordinator_email = forms.EmailField(label=_("E-mail address of the coordinator"))

    class Meta(BureauForm.Meta):
        fields = ["name", "slug", "municipality", "description", "email"]


class AppointCoordinatorForm(forms.Form):
    """For platform administrators: make someone coordinator of an existing bureau."""

    email = forms.EmailField(
        label=_("E-mail address of the coordinator"),
        help_text=_(
            "A new account gets an e-mail to choose a password. The bureau's coordinators are "
            "told, and it is written in the bureau's audit log."
        ),
    )


class OrganisationChoiceMixin:
    def _limit_organisations(self, bureau):
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(bureau=bureau)
        field.required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.PARTNER and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose the organisation this partner acts for."))
        return cleaned


class NewMemberForm(OrganisationChoiceMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_organisations(bureau)
        self.bureau = bureau

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email=email).first()
        if user and Membership.objects.filter(user=user, bureau=self.bureau).exists():
            raise forms.ValidationError(_("This person already has a role in this bureau."))
        return email


class MembershipForm(LockedFormMixin, OrganisationChoiceMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "organisation", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_organisations(self.instance.bureau)
