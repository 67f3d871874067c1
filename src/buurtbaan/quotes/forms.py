import datetime
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.forms import ActionModelForm
from buurtbaan.core.locking import LockedFormMixin
from buurtbaan.organisations.models import Organisation
from buurtbaan.quotes.models import DEFAULT_VALIDITY_DAYS, Payee, Quote, QuoteLine, QuoteStatus
from buurtbaan.residents.lookup import ResidentLookupFormMixin
from buurtbaan.work.models import PieceOfWork, Purpose

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
VAT_CHOICES = [
    ("21.00", _("21% (general rate)")),
    ("9.00", _("9% (low rate)")),
    ("0.00", _("0% (exempt or zero rate)")),
]


def _organisations(bureau):
    return Organisation.objects.filter(bureau=bureau).only("name").order_by("name")


class QuoteForm(ResidentLookupFormMixin, ActionModelForm):
    vat_rate = forms.TypedChoiceField(
        label=_("VAT rate"),
        choices=VAT_CHOICES,
        coerce=Decimal,
        help_text=_("Usually 21%. Ask the bookkeeper when in doubt."),
    )

    class Meta:
        model = Quote
        fields = [
            "title",
            "client_resident",
            "client_organisation",
            "description",
            "postcode",
            "work_starts_on",
            "work_ends_on",
            "valid_until",
            "vat_rate",
            "bureau_share_percent",
            "purpose",
        ]
        widgets = {
            "description": TEXTAREA,
            "work_starts_on": DATE,
            "work_ends_on": DATE,
            "valid_until": DATE,
        }
        help_texts = {
            "client_resident": _("Choose a resident or an organisation, not both."),
            "client_organisation": _("E.g. the municipality, a housing association or a school."),
        }
        localized_fields = ["bureau_share_percent"]

    def __init__(self, *args, bureau, request, **kwargs):
        super().__init__(*args, **kwargs)
        # Found by name among every current resident of the bureau, as the drop-down offered.
        self.setup_resident_lookup(
            "client_resident",
            request=request,
            page="quote form",
            everyone=True,
            log_current=False,  # the quote views log the client read with the quote
        )
        self.fields["client_organisation"].queryset = _organisations(bureau)
        self.fields["purpose"].queryset = Purpose.objects.filter(bureau=bureau).only("title")
        if not self.instance.pk:
            self.initial.setdefault(
                "valid_until",
                timezone.localdate() + datetime.timedelta(days=DEFAULT_VALIDITY_DAYS),
            )
        if self.instance.vat_rate is not None:
            self.initial["vat_rate"] = f"{self.instance.vat_rate:.2f}"

    def clean(self):
        cleaned = super().clean()
        has_one_client = bool(cleaned.get("client_resident")) != bool(
            cleaned.get("client_organisation")
        )
        if not has_one_client and not {"client_resident", "client_organisation"} & set(self.errors):
            self.add_error(
                "client_resident",
                _("Choose the client: either a resident or an organisation, not both."),
            )
        starts_on, ends_on = cleaned.get("work_starts_on"), cleaned.get("work_ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("work_ends_on", _("The end date is before the start date."))
        return cleaned


class LineForm(ActionModelForm):
    class Meta:
        model = QuoteLine
        fields = [
            "kind",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "payee",
            "payee_organisation",
            "bureau_share_percent",
            "people_needed",
            "becomes_work",
            "piece",
        ]
        localized_fields = ["quantity", "unit_price", "bureau_share_percent"]
        labels = {"piece": _("Prices this piece of work (optional)")}
        help_texts = {
            "piece": _(
                "A piece of work of the quote's purpose that is already in the work bank. "
                "Leave empty to make a new piece when the quote is accepted."
            ),
            "people_needed": _("Two or more people make it group work."),
            "becomes_work": _(
                "Labour and third parties that work in the neighbourhood become pieces of work "
                "when the quote is accepted; materials never do."
            ),
        }

    def __init__(self, *args, quote, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payee_organisation"].queryset = _organisations(quote.bureau_id)
        self.fields["payee"].required = False
        self.fields["payee"].choices = [("", _("as usual for the kind")), *Payee.choices]
        self.fields["payee"].help_text = _(
            "Usually: labour is paid to the residents who do it; materials and third parties to "
            "a third party."
        )
        if quote.purpose_id:
            # Pieces of the purpose no other line prices yet.
            self.fields["piece"].queryset = (
                PieceOfWork.objects.filter(bureau=quote.bureau_id, purpose=quote.purpose_id)
                .filter(Q(quote_line__isnull=True) | Q(quote_line=self.instance.pk))
                .only("title")
                .order_by("pk")
            )
        else:
            del self.fields["piece"]
        if not self.instance.pk:
            self.initial.setdefault("bureau_share_percent", quote.bureau_share_percent)


class AcceptForm(forms.Form):
    accepted_on = forms.DateField(
        label=_("Accepted on"),
        widget=DATE,
        required=False,
        help_text=_("The day the client said yes. Empty means today."),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=TEXTAREA,
        required=False,
        help_text=_("E.g. accepted by phone, or signed copy received."),
    )


class DeclineForm(forms.Form):
    declined_on = forms.DateField(
        label=_("Declined on"),
        widget=DATE,
        required=False,
        help_text=_("The day the client said no. Empty means today."),
    )
    note = forms.CharField(label=_("Why, if the client said"), widget=TEXTAREA, required=False)


class RealisedForm(LockedFormMixin, forms.Form):
    """Opened on a `QuoteLine` (`record=`); labour proposes the hours booked on its piece."""

    quantity = forms.DecimalField(
        label=_("Realised quantity"),
        min_value=Decimal("0"),
        max_digits=9,
        decimal_places=2,
        localize=True,
        help_text=_("For labour: the hours really worked, by all people together."),
    )
    amount = forms.DecimalField(
        label=_("Realised amount (€, excl. VAT)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        help_text=_("Leave empty to use quantity × price per unit; fill in a final invoice."),
    )
    realised_on = forms.DateField(
        label=_("Done on"), widget=DATE, required=False, help_text=_("Empty means today.")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=250)

    def initial_for(self, line):
        proposed = line.realised_quantity
        if proposed is None:
            piece = line.piece
            proposed = piece.hours_done if piece and piece.hours_done else line.quantity
        return {"quantity": proposed, "amount": line.realised_amount, "note": line.realised_note}


class QuoteFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all")), *QuoteStatus.choices], required=False
    )
