from django import forms
from django.utils.translation import gettext_lazy as _

from buurtbaan.board.models import (
    WORK_FOR_KIND,
    BoardItem,
    BoardKind,
    HelpRequest,
    HelpStatus,
    ResponseStatus,
)
from buurtbaan.core.forms import ActionModelForm
from buurtbaan.core.locking import LockedFormMixin
from buurtbaan.core.phones import PhoneNumberFormField
from buurtbaan.organisations.models import Organisation
from buurtbaan.residents.lookup import ResidentLookupField, ResidentLookupFormMixin
from buurtbaan.residents.models import Talent
from buurtbaan.work.models import PayKind, PieceOfWork, WorkKind, WorkStatus

TEXTAREA = forms.Textarea(attrs={"rows": 4})
SHORT_TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _talents(bureau):
    return Talent.objects.filter(bureau=bureau, is_active=True).only("name").order_by("name")


class BoardFilterForm(forms.Form):
    """The public board's filters. Unknown values are ignored rather than shown as errors."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds")), *BoardKind.choices], required=False
    )
    talent = forms.ModelChoiceField(
        label=_("Talent"),
        queryset=Talent.objects.none(),
        required=False,
        empty_label=_("any talent"),
    )

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talent"].queryset = _talents(bureau)


class VisitorResponseForm(forms.Form):
    """The short form for visitors who are not logged in as a resident of the bureau."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        error_messages={"required": _("Give your name, so the bureau knows who you are.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("Give an e-mail address or a phone number (or both)."),
        error_messages={"invalid": _("This is not an e-mail address. Write e.g. name@example.nl.")},
    )
    phone = PhoneNumberFormField(required=False)
    message = forms.CharField(
        label=_("Message"),
        max_length=1000,
        required=False,
        widget=SHORT_TEXTAREA,
        help_text=_("Optional: why you would like to do this, or when you can."),
    )
    # The honeypot: hidden from people, filled in by many spam robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error(
                "email", _("Give an e-mail address or a phone number, so the bureau can reach you.")
            )
        return cleaned

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]


class PostForm(forms.Form):
    """A partner's post: a vacancy, buurtklus or group work for their own organisation."""

    kind = forms.ChoiceField(
        label=_("What do you post?"),
        choices=[(kind, BoardKind(kind).label) for kind in WORK_FOR_KIND],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("Short and concrete, e.g. Caretaker for our theatre, 24 hours a week."),
    )
    summary = forms.CharField(
        label=_("What is it about"),
        max_length=1500,
        widget=TEXTAREA,
        help_text=_(
            "Everyone can read this on the board. Describe the work; no names, addresses or "
            "phone numbers of people."
        ),
    )
    area = forms.CharField(
        label=_("Postcode area"),
        max_length=7,
        required=False,
        help_text=_("Where the work is: the four digits are enough, e.g. 6828."),
    )
    talents = forms.ModelMultipleChoiceField(
        label=_("Talents that fit"),
        queryset=Talent.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people_needed = forms.IntegerField(label=_("People needed"), min_value=1, initial=1)
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"),
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=80,
        required=False,
        localize=True,
        help_text=_("For ongoing work."),
    )
    hours_total = forms.DecimalField(
        label=_("Hours in total"),
        max_digits=7,
        decimal_places=1,
        min_value=0,
        required=False,
        localize=True,
        help_text=_("For work with an end."),
    )
    # One question about pay, "no pay (voluntary)" among its answers: no "paid" checkbox beside it
    # that could say the opposite.
    pay_kind = forms.ChoiceField(
        label=_("Pay"),
        choices=PayKind.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=PayKind.NONE,
    )
    pay_amount = forms.DecimalField(
        label=_("Amount in euros"),
        max_digits=9,
        decimal_places=2,
        min_value=0,
        required=False,
        localize=True,
        help_text=_("The wage per hour or the fixed fee, before tax."),
    )
    closes_at = forms.DateField(
        label=_("On the board until"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty when there is no end."),
    )

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talents"].queryset = _talents(bureau)

    def clean(self):
        cleaned = super().clean()
        if "pay_kind" in cleaned:
            cleaned["is_paid"] = bool(cleaned["pay_kind"])
        if cleaned.get("kind") == BoardKind.GROUP_WORK and (cleaned.get("people_needed") or 0) < 2:
            self.add_error(
                "people_needed", _("Group work is done together: ask for at least two people.")
            )
        return cleaned


class ItemForm(ActionModelForm):
    """What the board shows of a piece: the coordinator writes or corrects it."""

    class Meta:
        model = BoardItem
        fields = ["title", "summary", "organisation", "talents", "area", "closes_at"]
        widgets = {
            "summary": TEXTAREA,
            "closes_at": DATE,
            "talents": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(bureau=bureau).only(
            "name"
        )
        self.fields["talents"].queryset = _talents(bureau)

    def changes(self) -> dict:
        changes = super().changes()
        if "talents" in changes:
            changes["talents"] = list(changes["talents"])
        return changes


class ItemCreateForm(ItemForm):
    """A new board item for a piece of work that is not on the board yet."""

    piece = forms.ModelChoiceField(
        label=_("Piece of work"),
        queryset=PieceOfWork.objects.none(),
        help_text=_("Open work that is not on the board yet. Its kind decides the board's kind."),
    )

    class Meta(ItemForm.Meta):
        fields = ["piece", *ItemForm.Meta.fields]

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, bureau=bureau, **kwargs)
        self.fields["piece"].queryset = (
            PieceOfWork.objects.filter(
                bureau=bureau,
                board_item__isnull=True,
                status__in=[WorkStatus.DRAFT, WorkStatus.OPEN, WorkStatus.IN_PROGRESS],
            )
            .exclude(kind=WorkKind.DROOMBAAN)
            .only("title")
            .order_by("title")
        )
        self.order_fields(["piece"])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=SHORT_TEXTAREA, max_length=1000)


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=SHORT_TEXTAREA,
        max_length=1000,
        required=False,
        help_text=_("E.g. filled, or no longer needed."),
    )


class ResponseHandleForm(LockedFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ResponseStatus.choices)
    note = forms.CharField(label=_("Note"), widget=SHORT_TEXTAREA, required=False, max_length=2000)

    def __init__(self, *args, response, **kwargs):
        super().__init__(*args, **kwargs)
        self.response = response
        self.initial.setdefault("status", response.status)
        self.initial.setdefault("note", response.note)

    def lock_instance(self):
        return self.response


class HelpRequestForm(ActionModelForm):
    """A welfare organisation's help request. The consent box must be ticked."""

    class Meta:
        model = HelpRequest
        fields = [
            "help_kind",
            "description",
            "person_description",
            "postcode",
            "when",
            "has_consent",
        ]
        widgets = {"description": TEXTAREA, "help_kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consent = self.fields["has_consent"]
        consent.required = True
        consent.error_messages["required"] = _(
            "Ask the person first: the bureau only takes requests the person agrees to."
        )


class HelpPieceForm(ResidentLookupFormMixin, forms.Form):
    """Turn a help request into a piece of work."""

    title = forms.CharField(
        label=_("Title of the piece of work"),
        max_length=200,
        help_text=_("Without the person's name, e.g. Company for a neighbour, weekly."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of work"),
        choices=[(k, label) for k, label in WorkKind.choices if k != WorkKind.DROOMBAAN],
        initial=WorkKind.BUURTKLUS,
    )
    resident = ResidentLookupField(
        label=_("The person in the talent bank"),
        required=False,
        help_text=_("Only when the person is known to the bureau."),
    )
    people_needed = forms.IntegerField(label=_("People needed"), min_value=1, initial=1)
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"),
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=80,
        required=False,
        localize=True,
    )
    hours_total = forms.DecimalField(
        label=_("Hours in total"),
        max_digits=7,
        decimal_places=1,
        min_value=0,
        required=False,
        localize=True,
    )
    times_per_week = forms.IntegerField(
        label=_("Times a week"), min_value=1, max_value=21, required=False
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_resident_lookup("resident", request=request, page="help request piece form")


class HelpStatusForm(LockedFormMixin, forms.Form):
    """Opened on a `HelpRequest` (`record=`): its status and reason as they are now."""

    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (s, label)
            for s, label in HelpStatus.choices
            if s not in (HelpStatus.RECEIVED, HelpStatus.PIECE_CREATED)
        ]
        + [(HelpStatus.PIECE_CREATED, _("back to: looking for someone"))],
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=SHORT_TEXTAREA,
        required=False,
        max_length=1000,
        help_text=_("Needed when it is not possible; the organisation that asked reads it."),
    )

    def initial_for(self, help_request):
        return {"status": help_request.status, "reason": help_request.status_reason}
