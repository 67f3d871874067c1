from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.forms import ActionModelForm
from buurtbaan.core.locking import LockedFormMixin
from buurtbaan.impact.models import ImpactAssignment, ImpactTarget, Outcome
from buurtbaan.organisations.models import Organisation, OrganisationKind
from buurtbaan.residents.lookup import ResidentLookupField, ResidentLookupFormMixin
from buurtbaan.work.models import PieceOfWork, Purpose

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssignmentForm(ActionModelForm):
    class Meta:
        model = ImpactAssignment
        fields = ["title", "client", "description", "budget", "starts_on", "ends_on", "status"]
        widgets = {"description": TEXTAREA, "starts_on": DATE, "ends_on": DATE}
        localized_fields = ["budget"]

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        # The municipality first: it gives most assignments.
        self.fields["client"].queryset = (
            Organisation.objects.filter(bureau=bureau)
            .annotate(
                is_municipality=Case(
                    When(kind=OrganisationKind.MUNICIPALITY, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("is_municipality", "name")
            .only("name")
        )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date is before the start date."))
        return cleaned


class TargetForm(ActionModelForm):
    class Meta:
        model = ImpactTarget
        fields = [
            "measure",
            "target_number",
            "description",
            "bonus_amount",
            "bonus_threshold_percent",
            "bonus_basis",
        ]
        localized_fields = ["bonus_amount", "bonus_threshold_percent"]
        help_texts = {
            "bonus_basis": _(
                "Of the participants: e.g. 8 of the 10 people taking part found work. Of the "
                "target: e.g. 320 of the 400 hours. Work and hours always use the target."
            )
        }

    def clean(self):
        cleaned = super().clean()
        has_amount = cleaned.get("bonus_amount") is not None
        has_threshold = cleaned.get("bonus_threshold_percent") is not None
        if has_amount != has_threshold:
            missing = "bonus_threshold_percent" if has_amount else "bonus_amount"
            self.add_error(
                missing, _("Fill in both the bonus and the share that earns it, or neither.")
            )
        return cleaned


class ParticipantForm(ResidentLookupFormMixin, forms.Form):
    resident = ResidentLookupField(label=_("Resident"))
    joined_on = forms.DateField(
        label=_("Taking part since"),
        widget=DATE,
        required=False,
        help_text=_("Empty means today."),
    )

    def __init__(self, *args, assignment, request, **kwargs):
        super().__init__(*args, **kwargs)
        # Only residents whose profile the member may see (linking someone is a step in their
        # path), found by name, and not those who take part already.
        self.setup_resident_lookup(
            "resident",
            request=request,
            page="impact participant form",
            exclude=assignment.participants.values("resident_id"),
        )


class OutcomeForm(LockedFormMixin, forms.Form):
    """Opened on an `ImpactParticipant` (`record=`)."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    outcome_on = forms.DateField(
        label=_("Reached on"), widget=DATE, required=False, help_text=_("Empty means today.")
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=250,
        help_text=_("E.g. 24 hours a week as caretaker at the theatre."),
    )

    def initial_for(self, participant):
        return {
            "outcome": participant.outcome,
            "outcome_on": participant.outcome_on,
            "note": participant.outcome_note,
        }


class LinkWorkForm(forms.Form):
    purpose = forms.ModelChoiceField(
        label=_("All pieces of a purpose"),
        queryset=Purpose.objects.none(),
        required=False,
        help_text=_("E.g. everything ordered with the park's quote."),
    )
    piece = forms.ModelChoiceField(
        label=_("Or one piece of work"), queryset=PieceOfWork.objects.none(), required=False
    )

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        bureau = assignment.bureau_id
        self.fields["purpose"].queryset = Purpose.objects.filter(bureau=bureau).only("title")
        self.fields["piece"].queryset = (
            PieceOfWork.objects.filter(bureau=bureau)
            .exclude(impact_assignments=assignment)
            .only("title")
            .order_by("title")
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("purpose") and not cleaned.get("piece"):
            raise forms.ValidationError(_("Choose a purpose or a piece of work to link."))
        return cleaned

    def pieces(self):
        pieces = []
        if self.cleaned_data.get("purpose"):
            pieces += list(self.cleaned_data["purpose"].pieces.all())
        if self.cleaned_data.get("piece"):
            pieces.append(self.cleaned_data["piece"])
        return pieces


class ReadingDayForm(forms.Form):
    op = forms.DateField(
        label=_("Progress on"),
        widget=DATE,
        required=False,
        help_text=_("Look back at any day; empty means today."),
    )
