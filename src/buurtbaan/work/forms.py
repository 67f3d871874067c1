import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.forms import ActionModelForm
from buurtbaan.core.locking import LockedFormMixin
from buurtbaan.organisations.models import Organisation, ScaleLevel
from buurtbaan.residents.lookup import ResidentLookupFormMixin
from buurtbaan.residents.models import Talent, Weekday
from buurtbaan.work.actions import clean_words
from buurtbaan.work.models import (
    QUESTIONS,
    Answer,
    AskerKind,
    PieceOfWork,
    Purpose,
    WorkKind,
    WorkStatus,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AskerFormMixin(ResidentLookupFormMixin):
    """Limits the asker choices to the bureau, and asks for the resident or organisation that
    fits the chosen kind of asker. The resident is found by name (`residents.lookup`), among
    those whose profile the member may see."""

    def _limit_askers(self, bureau, request, page):
        self.setup_resident_lookup("asked_by_resident", request=request, page=page)
        self.fields["asked_by_organisation"].queryset = Organisation.objects.filter(
            bureau=bureau
        ).only("name")
        self.fields["asked_by_kind"].widget = forms.RadioSelect(choices=AskerKind.choices)

    def _clean_asker(self, cleaned):
        kind = cleaned.get("asked_by_kind")
        if kind == AskerKind.RESIDENT and not cleaned.get("asked_by_resident"):
            self.add_error(
                "asked_by_resident",
                _("Choose the resident who asks, or say the bureau itself asks."),
            )
        if kind == AskerKind.ORGANISATION and not cleaned.get("asked_by_organisation"):
            self.add_error(
                "asked_by_organisation",
                _("Choose the organisation that asks, or say the bureau itself asks."),
            )
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date is before the start date."))


class PurposeForm(AskerFormMixin, ActionModelForm):
    class Meta:
        model = Purpose
        fields = [
            "title",
            "description",
            "target",
            "asked_by_kind",
            "asked_by_resident",
            "asked_by_organisation",
            "starts_on",
            "ends_on",
        ]
        widgets = {"description": TEXTAREA, "starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, bureau, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_askers(bureau, request, page="purpose form")

    def clean(self):
        cleaned = super().clean()
        self._clean_asker(cleaned)
        return cleaned


class WordListField(forms.CharField):
    """A comma-separated list of words, cleaned into a list."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def clean(self, value):
        return clean_words(super().clean(value) or "")


class PieceForm(AskerFormMixin, ActionModelForm):
    skills = WordListField(
        label=_("Skills needed"),
        required=False,
        help_text=_("Separate with commas, e.g. driving licence B, first aid."),
    )
    days = forms.MultipleChoiceField(
        label=_("On days"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PieceOfWork
        fields = [
            "title",
            "description",
            "purpose",
            "parent",
            "kind",
            "people_needed",
            "talents_needed",
            "skills",
            "pay_kind",
            "pay_amount",
            "hours_total",
            "hours_per_week",
            "starts_on",
            "ends_on",
            "times_per_week",
            "days",
            "postcode",
            "asked_by_kind",
            "asked_by_resident",
            "asked_by_organisation",
        ]
        widgets = {
            "description": TEXTAREA,
            "starts_on": DATE,
            "ends_on": DATE,
            "talents_needed": forms.CheckboxSelectMultiple,
            # One question about pay: "no pay (voluntary)" is one of its answers, so there is
            # no separate "paid" checkbox to contradict it.
            "pay_kind": forms.RadioSelect,
        }
        # Decimals as people write them in the active language: 7,5 in Dutch.
        localized_fields = ["pay_amount", "hours_total", "hours_per_week"]

    def __init__(self, *args, bureau, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_askers(bureau, request, page="piece form")
        self.fields["purpose"].queryset = Purpose.objects.filter(bureau=bureau).only("title")
        self.fields["talents_needed"].queryset = Talent.objects.filter(
            bureau=bureau, is_active=True
        )
        self.fields["pay_kind"].required = False
        parent = self.fields["parent"]
        piece = self.instance
        if piece.pk:
            # Move a piece only within its purpose, never under itself.
            del self.fields["purpose"]
            parent.queryset = (
                PieceOfWork.objects.filter(bureau=bureau, purpose_id=piece.purpose_id)
                .exclude(pk=piece.pk)
                .only("title")
            )
        else:
            del self.fields["parent"]

    def clean(self):
        cleaned = super().clean()
        self._clean_asker(cleaned)
        if "pay_kind" in cleaned:
            cleaned["is_paid"] = bool(cleaned["pay_kind"])
        if cleaned.get("kind") == WorkKind.GROEPSWERK and (cleaned.get("people_needed") or 0) < 2:
            self.add_error(
                "people_needed", _("Group work is done together: ask for at least two people.")
            )
        return cleaned

    def changes(self) -> dict:
        changes = super().changes()
        changes.pop("purpose", None)
        if "pay_kind" in changes:
            changes["is_paid"] = self.cleaned_data["is_paid"]
        if "talents_needed" in changes:
            changes["talents_needed"] = list(changes["talents_needed"])
        return changes


class PartForm(forms.Form):
    """One part in the split form; empty rows are skipped."""

    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of work"),
        choices=[("", _("same as the piece")), *WorkKind.choices],
        required=False,
    )
    hours_total = forms.DecimalField(
        label=_("Hours in total"),
        max_digits=7,
        decimal_places=1,
        min_value=0,
        required=False,
        localize=True,
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"),
        max_digits=4,
        decimal_places=1,
        min_value=0,
        required=False,
        localize=True,
    )
    people_needed = forms.IntegerField(
        label=_("People needed"), min_value=1, max_value=500, required=False
    )

    def part(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("title"):
            return None
        part = {"title": data["title"]}
        for name in ("kind", "hours_total", "hours_per_week", "people_needed"):
            if data.get(name) not in (None, ""):
                part[name] = data[name]
        return part


class BasePartFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        for form in self.forms:
            if not form.cleaned_data.get("title") and any(
                form.cleaned_data.get(name) not in (None, "")
                for name in ("kind", "hours_total", "hours_per_week", "people_needed")
            ):
                form.add_error("title", _("Give this part a title, or leave the whole row empty."))
        if not [form for form in self.forms if form.cleaned_data.get("title")]:
            raise forms.ValidationError(_("Give at least one part a title."))

    def parts(self) -> list[dict]:
        return [part for form in self.forms if (part := form.part())]


PartFormSet = forms.formset_factory(PartForm, formset=BasePartFormSet, extra=3, max_num=12)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=Answer.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Why"),
        widget=TEXTAREA,
        required=False,
        help_text=_("Needed for a yes: it is recorded as the reason for the level."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation that carries the work"),
        queryset=Organisation.objects.none(),
        required=False,
    )

    def __init__(self, *args, piece, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["answer"].label = f"{question}. {QUESTIONS[ScaleLevel(question)]}"
        if question >= ScaleLevel.SOCIAL_ENTERPRISE:
            self.fields["organisation"].queryset = Organisation.objects.active().filter(
                bureau_id=piece.bureau_id, scale_level=question
            )
            self.fields["organisation"].empty_label = _("not decided yet")
        else:
            del self.fields["organisation"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == Answer.YES and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Say why this level can carry the work."))
        if cleaned.get("organisation") and cleaned.get("answer") != Answer.YES:
            self.add_error("organisation", _("Only name an organisation when you answer yes."))
        return cleaned


class StatusForm(LockedFormMixin, forms.Form):
    """Opened on a `PieceOfWork` (`record=`)."""

    status = forms.ChoiceField(label=_("New status"), choices=WorkStatus.choices)

    def initial_for(self, piece):
        return {"status": piece.status}


class HoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=6,
        decimal_places=1,
        min_value=Decimal("0.1"),
        max_value=10000,
        localize=True,
    )
    worked_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worked_on"].initial = timezone.localdate

    def clean_worked_on(self):
        day = self.cleaned_data["worked_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Hours can only be booked up to today."))
        return day


class PieceFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of work"), choices=[("", _("all kinds")), *WorkKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("every status")), *WorkStatus.choices], required=False
    )
    level = forms.ChoiceField(
        label=_("Scale level"),
        choices=[("", _("all levels")), ("none", _("not placed yet")), *ScaleLevel.choices],
        required=False,
    )


def this_year() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("Until"), widget=DATE, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def period(self) -> tuple[datetime.date, datetime.date]:
        default_start, default_end = this_year()
        if not self.is_valid():
            return default_start, default_end
        return (
            self.cleaned_data.get("start") or default_start,
            self.cleaned_data.get("end") or default_end,
        )
