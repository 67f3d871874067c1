from django import forms
from django.utils.translation import gettext_lazy as _

from buurtbaan.core import locking
from buurtbaan.core.forms import ActionModelForm
from buurtbaan.core.postcodes import PostcodeInput
from buurtbaan.organisations.models import (
    Organisation,
    OrganisationKind,
    PersonalRelation,
    ScaleLevel,
)
from buurtbaan.residents.lookup import ResidentLookupFormMixin

STAFF_FIELDS = [
    "name",
    "kind",
    "scale_level",
    "contact_person",
    "email",
    "phone",
    "website",
    "street",
    "postcode",
    "city",
    "description",
    "offers",
    "needs",
    "is_active",
]
# A partner keeps their own details up to date; kind, level and being active are the bureau's
# judgement, and the name is how the bureau knows them.
PARTNER_FIELDS = [
    "contact_person",
    "email",
    "phone",
    "website",
    "street",
    "postcode",
    "city",
    "description",
    "offers",
    "needs",
]
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class OrganisationForm(ActionModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = STAFF_FIELDS
        widgets = {
            "description": TEXTAREA,
            "offers": TEXTAREA,
            "needs": TEXTAREA,
            "postcode": PostcodeInput(),
        }
        help_texts = {
            "scale_level": _(
                "Usually: social enterprises and welfare organisations 3, businesses 4, "
                "schools and the municipality 5."
            )
        }

    def __init__(self, *args, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if fields is not None and name not in fields and name != locking.FIELD_NAME:
                del self.fields[name]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds")), *OrganisationKind.choices], required=False
    )
    level = forms.TypedChoiceField(
        label=_("Scale level"),
        choices=[("", _("all levels")), *ScaleLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    active = forms.ChoiceField(
        label=_("Active"),
        choices=[("", _("active only")), ("all", _("active and inactive"))],
        required=False,
    )


class PersonalRelationForm(ResidentLookupFormMixin, ActionModelForm):
    class Meta:
        model = PersonalRelation
        fields = ["name", "helper", "kind", "helps_with", "hours_per_week", "is_active"]
        widgets = {"helps_with": TEXTAREA}
        localized_fields = ["hours_per_week"]

    def __init__(self, *args, resident, request, **kwargs):
        super().__init__(*args, **kwargs)
        # Found by name among every current resident of the bureau but the resident themselves,
        # as the drop-down offered.
        self.setup_resident_lookup(
            "helper",
            request=request,
            page="personal relation form",
            everyone=True,
            exclude=[resident.pk],
            empty_label=_("not registered at the bureau"),
        )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name") or "").strip() and not cleaned.get("helper"):
            self.add_error(
                "name", _("Give the helper's name, or choose them from the talent bank.")
            )
        return cleaned
