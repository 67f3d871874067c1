"""Forms of the talent bank. Each form that changes a resident offers `action_kwargs()`: the
keyword arguments for the matching action, so views stay thin and the intake steps and the edit
pages share one form per part of the record."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.locking import LockedFormMixin
from buurtbaan.core.phones import PhoneNumberFormField
from buurtbaan.core.postcodes import PostcodeInput
from buurtbaan.core.spam import HoneypotMixin
from buurtbaan.residents import actions, images, queries
from buurtbaan.residents.images import ACCEPT_ATTRIBUTE
from buurtbaan.residents.models import (
    AccessChannel,
    BarrierLevel,
    ConsentScope,
    IncomeSituation,
    IntakeDecision,
    ProfilePicture,
    PublicProfile,
    Resident,
    SensitiveCategory,
    SensitiveNote,
    Stage,
    Talent,
    TravelRange,
    Weekday,
    WorkWanted,
)

MAX_HOURS_PER_WEEK = 60


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ValidateOnlyMixin:
    """A model form that only validates: the actions change (and audit) the record.

    A plain ModelForm copies the input onto its instance while validating, which would hide
    from `update_resident` what changed."""

    def _post_clean(self):
        pass


class ResidentPartForm(LockedFormMixin, ValidateOnlyMixin, forms.ModelForm):
    """A part of the resident record; `action_kwargs` feeds `actions.update_resident`."""

    def action_kwargs(self) -> dict:
        return {"changes": {name: self.cleaned_data[name] for name in self.Meta.fields}}


class PersonalForm(ResidentPartForm):
    """Step 1 of the intake, and the "personal details" part of the record."""

    class Meta:
        model = Resident
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "email",
            "phone",
            "street",
            "postcode",
            "city",
            "languages",
            "intake_source",
            "intake_source_detail",
        ]
        widgets = {"date_of_birth": DateInput(), "postcode": PostcodeInput()}
        help_texts = {
            "date_of_birth": _("Everyone from 18 is welcome."),
            "postcode": _("Four digits and two letters, e.g. 6828 AB."),
            "intake_source_detail": _("For example the name of the referrer or the meeting."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intake_source"].choices = [
            ("", _("— not known —")),
            *self.fields["intake_source"].choices[1:],
        ]
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean_postcode(self):
        return actions.clean_resident_postcode(self.cleaned_data["postcode"])

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born != self.instance.date_of_birth:
            actions.check_age(born)
        return born


class ResidentCreateForm(PersonalForm):
    coach = forms.ModelChoiceField(
        label=_("Coach"),
        queryset=None,
        required=False,
        empty_label=_("— no coach yet —"),
        help_text=_("The coach can read the resident's sensitive notes."),
    )

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = queries.staff_of(bureau)

    def action_kwargs(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**data, "coach": self.cleaned_data["coach"]}


class DreamsField(forms.CharField):
    """Dreams as text, one per line; cleans to a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class TalentsForm(ResidentPartForm):
    """Step 2 of the intake: talents, skills and dreams."""

    dreams = DreamsField(
        label=_("Dream jobs"),
        required=False,
        help_text=_("In the resident's own words, one dream per line."),
    )

    class Meta:
        model = Resident
        fields = ["talents", "own_talent_words", "skills"]
        widgets = {
            "talents": forms.CheckboxSelectMultiple,
            "skills": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        talents = self.fields["talents"]
        talents.queryset = queries.talent_choices(self.instance.bureau, self.instance)
        talents.help_text = _("Choose the talents that fit; add others in their own words below.")
        if self.instance.pk:
            self.initial["dreams"] = [dream.description for dream in self.instance.dreams.all()]

    def action_kwargs(self) -> dict:
        return {
            "changes": {
                "own_talent_words": self.cleaned_data["own_talent_words"],
                "skills": self.cleaned_data["skills"],
            },
            "talents": list(self.cleaned_data["talents"]),
            "dreams": self.cleaned_data["dreams"],
        }


class WorkForm(ResidentPartForm):
    """Step 3 of the intake: experience, education and what work the resident looks for."""

    available_days = forms.MultipleChoiceField(
        label=_("Available days"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Resident
        fields = [
            "work_experience",
            "education",
            "wants",
            "hours_per_week",
            "available_days",
            "travel",
            "income_situation",
        ]
        widgets = {
            "work_experience": forms.Textarea(attrs={"rows": 3}),
            "education": forms.Textarea(attrs={"rows": 2}),
            "wants": forms.RadioSelect,
            "travel": forms.RadioSelect,
            "income_situation": forms.RadioSelect,
        }
        help_texts = {
            "income_situation": _(
                "Optional. Only used to point out rules on working with a benefit; never to "
                "select or rank anyone."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wants"].choices = WorkWanted.choices
        self.fields["travel"].choices = TravelRange.choices
        self.fields["income_situation"].choices = [
            ("", _("not asked, or rather not say")),
            *IncomeSituation.choices,
        ]
        self.fields["hours_per_week"].widget.attrs.update({"min": 0, "max": MAX_HOURS_PER_WEEK})

    def clean_hours_per_week(self):
        hours = self.cleaned_data["hours_per_week"]
        if hours is not None and hours > MAX_HOURS_PER_WEEK:
            raise ValidationError(
                # plural-ok: the most hours a week is a constant above 1
                _("Enter at most %(max)s hours a week.") % {"max": MAX_HOURS_PER_WEEK}
            )
        return hours


class BarrierForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level"), choices=BarrierLevel.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What holds the resident back?"), widget=forms.Textarea(attrs={"rows": 2})
    )
    support_needed = forms.CharField(
        label=_("Support needed"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("For example: a buddy, childcare, advice on the rules for earning extra."),
    )


class IntakeNotesMixin(forms.Form):
    notes = forms.CharField(
        label=_("Notes from the conversation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Seen by the bureau's coaches, and by the resident on their own page. Put health, "
            "debts or referrals in a sensitive note."
        ),
    )


class IntakePersonalForm(IntakeNotesMixin, PersonalForm):
    def action_kwargs(self):
        return {**super().action_kwargs(), "notes": self.cleaned_data["notes"]}


class IntakeTalentsForm(IntakeNotesMixin, TalentsForm):
    def action_kwargs(self):
        return {**super().action_kwargs(), "notes": self.cleaned_data["notes"]}


class IntakeWorkForm(IntakeNotesMixin, WorkForm):
    def action_kwargs(self):
        return {**super().action_kwargs(), "notes": self.cleaned_data["notes"]}


class IntakeBarriersForm(IntakeNotesMixin):
    """Step 4: add a barrier (optional) and, for the assigned coach or a coordinator, a sensitive
    note (optional). Both can be added one at a time; the step can be saved several times."""

    level = forms.ChoiceField(
        label=_("Level of the barrier"),
        choices=BarrierLevel.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    description = forms.CharField(
        label=_("What holds the resident back?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    support_needed = forms.CharField(
        label=_("Support needed"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    sensitive_category = forms.ChoiceField(
        label=_("Sensitive note about"),
        choices=[("", _("— no sensitive note —")), *SensitiveCategory.choices],
        required=False,
    )
    sensitive_text = forms.CharField(
        label=_("Sensitive note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Only you (as coach) and the coordinators can read it; every read is logged."),
    )

    field_order = [
        "level",
        "description",
        "support_needed",
        "sensitive_category",
        "sensitive_text",
        "notes",
    ]

    def __init__(self, *args, can_write_sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_write_sensitive:
            del self.fields["sensitive_category"]
            del self.fields["sensitive_text"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("description") and not cleaned.get("level"):
            self.add_error("level", _("Choose the level of the barrier."))
        if (cleaned.get("level") or cleaned.get("support_needed")) and not cleaned.get(
            "description"
        ):
            self.add_error("description", _("Describe what holds the resident back."))
        if cleaned.get("sensitive_text") and not cleaned.get("sensitive_category"):
            self.add_error("sensitive_category", _("Choose what the sensitive note is about."))
        if cleaned.get("sensitive_category") and not cleaned.get("sensitive_text"):
            self.add_error("sensitive_text", _("Write the sensitive note, or choose no note."))
        return cleaned

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"notes": data["notes"]}
        if data.get("description"):
            kwargs["barrier"] = {
                "level": data["level"],
                "description": data["description"],
                "support_needed": data["support_needed"],
            }
        if data.get("sensitive_text"):
            kwargs["sensitive_note"] = {
                "category": data["sensitive_category"],
                "text": data["sensitive_text"],
            }
        return kwargs


class ConsentForm(LockedFormMixin, forms.Form):
    scopes = forms.MultipleChoiceField(
        label=_("The resident agrees to share their profile with"),
        choices=ConsentScope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Ask for each one separately. The resident can withdraw consent at any time."),
    )
    consent_note = forms.CharField(
        label=_("How consent was given"),
        max_length=200,
        required=False,
        help_text=_("For example: signed form at intake, by e-mail."),
    )

    def __init__(self, *args, resident: Resident, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        self.initial.setdefault(
            "scopes", [scope for scope in ConsentScope if resident.has_consent(scope)]
        )

    def action_kwargs(self) -> dict:
        return {
            "consent_scopes": self.cleaned_data["scopes"],
            "consent_note": self.cleaned_data["consent_note"],
        }

    def lock_instance(self):
        return self.resident


class IntakeConsentForm(IntakeNotesMixin, ConsentForm):
    def action_kwargs(self):
        return {**super().action_kwargs(), "notes": self.cleaned_data["notes"]}


class DecisionForm(IntakeNotesMixin):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=IntakeDecision.choices, widget=forms.RadioSelect
    )
    referred_to = forms.CharField(
        label=_("Referred to"),
        max_length=200,
        required=False,
        help_text=_(
            "Only when referring elsewhere, e.g. the Sociaal Wijkteam or debt counselling."
        ),
    )
    decision_note = forms.CharField(
        label=_("Explanation of the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    field_order = ["decision", "referred_to", "decision_note", "notes"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == IntakeDecision.REFER and not cleaned.get("referred_to"):
            self.add_error(
                "referred_to",
                _("Say to whom the resident is referred, e.g. the Sociaal Wijkteam."),
            )
        return cleaned

    def action_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


INTAKE_STEP_FORMS = {
    1: IntakePersonalForm,
    2: IntakeTalentsForm,
    3: IntakeWorkForm,
    4: IntakeBarriersForm,
    5: IntakeConsentForm,
    6: DecisionForm,
}

#: The parts of the record that can be edited on their own page, by URL segment.
SECTION_FORMS = {
    "persoonlijk": PersonalForm,
    "talenten": TalentsForm,
    "werk": WorkForm,
}


class SensitiveNoteForm(forms.ModelForm):
    class Meta:
        model = SensitiveNote
        fields = ["category", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("— choose —")), *SensitiveCategory.choices]


class AssignCoachForm(forms.Form):
    coach = forms.ModelChoiceField(
        label=_("Coach"), queryset=None, required=False, empty_label=_("— no coach —")
    )

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = queries.staff_of(bureau)


class TalentForm(LockedFormMixin, ValidateOnlyMixin, forms.ModelForm):
    class Meta:
        model = Talent
        fields = ["name", "description", "is_active"]


class NewTalentForm(forms.ModelForm):
    class Meta:
        model = Talent
        fields = ["name", "description"]
        labels = {"name": _("New talent")}


class ResidentFilterForm(forms.Form):
    """The few filters of the resident list. Income situation is deliberately not one of them."""

    name = forms.CharField(label=_("Name"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("all")), *Stage.choices], required=False
    )
    coach = forms.ChoiceField(label=_("Coach"), required=False)
    talent = forms.ModelChoiceField(
        label=_("Talent"), queryset=None, required=False, empty_label=_("all")
    )
    wants = forms.ChoiceField(
        label=_("Looking for"), choices=[("", _("all")), *WorkWanted.choices], required=False
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

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talent"].queryset = Talent.objects.filter(bureau=bureau)
        self.fields["coach"].choices = [
            ("", _("all")),
            ("mine", _("my residents")),
            ("none", _("no coach yet")),
            *((str(user.pk), str(user)) for user in queries.staff_of(bureau)),
        ]


def intake_step_form(step: int, data, *, intake, can_write_sensitive: bool):
    """The form of one intake step, filled with what was saved before."""
    resident = intake.resident
    initial = {"notes": intake.notes_for(step)}
    form_class = INTAKE_STEP_FORMS[step]
    if step in (1, 2, 3):
        return form_class(data, instance=resident, initial=initial)
    if step == 4:
        return form_class(data, initial=initial, can_write_sensitive=can_write_sensitive)
    if step == 5:
        return form_class(data, initial=initial, resident=resident)
    return form_class(data, initial=initial)


# --- Self-service --------------------------------------------------------------------------------

#: What each consent means, said to the resident themself (registration and their consent page).
OWN_CONSENT_LABELS = {
    ConsentScope.COACHES: _(
        "The bureau's other coaches and trainers may see my profile. (My own coach and the "
        "coordinators always can.)"
    ),
    ConsentScope.PARTNERS: _(
        "Partner organisations that look for people may see my talents and wishes (the employer "
        "pool), without my contact details."
    ),
    ConsentScope.PUBLIC_PROFILE: _(
        "I may have a public profile on the bureau's website. I choose what it shows."
    ),
    ConsentScope.MATCHING: _("The bureau may propose me for work."),
}


def _own_consent_field(**kwargs):
    return forms.MultipleChoiceField(
        choices=[(scope.value, OWN_CONSENT_LABELS[scope]) for scope in ConsentScope],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,
    )


def _too_young_message(born) -> str:
    from django.utils.formats import date_format

    return _(
        "You can register from %(date)s, when you turn %(minimum)s. Until then you are welcome to "
        "drop by the bureau with your questions."
    ) % {
        "date": date_format(actions.adult_from(born), "DATE_FORMAT"),
        "minimum": actions.MINIMUM_AGE,
    }


def clean_own_date_of_birth(born):
    """The 18+ rule of `actions.check_age`, worded for the resident themself."""
    try:
        actions.check_age(born)
    except ValidationError as error:
        if error.code == "too_young":
            raise ValidationError(_too_young_message(born), code="too_young") from None
        raise
    return born


class RegistrationForm(HoneypotMixin, forms.Form):
    """Self-registration on the bureau's public site. The rules are the talent bank's own
    (`actions.check_age`, `actions.clean_resident_postcode`); the password is not sent back when
    the form has errors, everything else is kept."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send you an e-mail with a link to confirm this address."),
        error_messages={"invalid": _("This is not an e-mail address. Write e.g. name@example.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        help_text=_(
            "At least 8 characters. Not only digits, not a common password, and not like your "
            "name or e-mail address."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=12,
        help_text=_("Four digits and two letters, e.g. 6828 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=_("Everyone from 18 is welcome."),
        widget=DateInput(attrs={"autocomplete": "bday"}),
        error_messages={"invalid": _("Enter your date of birth as day, month and year.")},
    )
    phone = PhoneNumberFormField(required=False)
    consent_scopes = _own_consent_field(
        label=_("What may the bureau share?"),
        help_text=_(
            "Optional: nothing is ticked, choose only what you agree to. You can change this at "
            "any time on your own page."
        ),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_postcode(self):
        return actions.clean_resident_postcode(self.cleaned_data["postcode"])

    def clean_date_of_birth(self):
        return clean_own_date_of_birth(self.cleaned_data["date_of_birth"])

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            from django.contrib.auth import get_user_model
            from django.contrib.auth.password_validation import validate_password

            person = get_user_model()(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                validate_password(password, user=person)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def action_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "website"}


class ResendConfirmationForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The address you registered with."),
        error_messages={"invalid": _("This is not an e-mail address. Write e.g. name@example.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class OwnPersonalForm(ResidentPartForm):
    """The resident corrects their own personal details. The e-mail address is their login, so it
    is changed through the bureau, not here."""

    class Meta:
        model = Resident
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "phone",
            "street",
            "postcode",
            "city",
            "languages",
        ]
        widgets = {"date_of_birth": DateInput()}
        help_texts = {"postcode": _("Four digits and two letters, e.g. 6828 AB.")}

    def clean_postcode(self):
        return actions.clean_resident_postcode(self.cleaned_data["postcode"])

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born != self.instance.date_of_birth:
            clean_own_date_of_birth(born)
        return born


class OwnTalentsForm(TalentsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talents"].help_text = _(
            "Choose the talents that fit you; add others in your own words below."
        )
        self.fields["dreams"].help_text = _("In your own words, one dream per line.")


#: The parts of their record a resident corrects themself, by URL segment.
OWN_SECTION_FORMS = {
    "persoonlijk": OwnPersonalForm,
    "talenten": OwnTalentsForm,
    "werk": WorkForm,
}


class OwnConsentForm(LockedFormMixin, forms.Form):
    scopes = _own_consent_field(
        label=_("I agree that"),
        help_text=_("Untick to withdraw. Withdrawing takes effect at once."),
    )

    def __init__(self, *args, resident: Resident, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        self.initial.setdefault(
            "scopes", [scope.value for scope in ConsentScope if resident.has_consent(scope)]
        )

    def lock_instance(self):
        return self.resident


class ErasureRequestForm(forms.Form):
    understood = forms.BooleanField(
        label=_(
            "I understand that the bureau will erase my data and close my account, and that this "
            "cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm that you want this.")},
    )


class ErasureDeclineForm(forms.Form):
    decline_reason = forms.CharField(
        label=_("Why the data cannot be erased (yet)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The resident reads this. For example: a legal duty to keep invoices for seven years."
        ),
        error_messages={"required": _("Say why the data cannot be erased, so the resident knows.")},
    )


class PublicProfileForm(LockedFormMixin, ValidateOnlyMixin, forms.ModelForm):
    """The resident's public profile. The photo is re-encoded without metadata while validating
    (`images.clean_photo`), so the action only ever stores a clean file."""

    photo_upload = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("Only when you chose your own photo: JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    class Meta:
        model = PublicProfile
        fields = [
            "is_enabled",
            "display_name",
            "what_i_do",
            "what_i_offer",
            "about",
            "show_talents",
            "picture",
        ]
        widgets = {
            "picture": forms.RadioSelect,
            "what_i_offer": forms.Textarea(attrs={"rows": 3}),
            "about": forms.Textarea(attrs={"rows": 4}),
        }

    field_order = [
        "display_name",
        "what_i_do",
        "what_i_offer",
        "about",
        "show_talents",
        "picture",
        "photo_upload",
        "is_enabled",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["picture"].choices = ProfilePicture.choices

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        return images.clean_photo(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("picture") == ProfilePicture.PHOTO
            and not cleaned.get("photo_upload")
            and not self.instance.photo
            and "photo_upload" not in self.errors
        ):
            self.add_error(
                "photo_upload",
                _("Choose a photo to upload, or pick a picture of the neighbourhood."),
            )
        return cleaned

    def action_kwargs(self) -> dict:
        changes = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {"changes": changes, "photo": self.cleaned_data.get("photo_upload")}


# --- Access requests (AVG art. 15) ---------------------------------------------------------------


class AccessRegisterForm(forms.Form):
    """A coordinator registers an access request that came by letter, e-mail or at the desk."""

    channel = forms.ChoiceField(
        label=_("How did the request come in?"),
        choices=[
            (value, label)
            for value, label in AccessChannel.choices
            if value != AccessChannel.OWN_PAGES
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the request came in.")},
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the bureau received the request: the term of one month starts then."),
        error_messages={
            "required": _("Fill in the day the request was received."),
            "invalid": _("Fill in a date, for example 2 December 2026."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("For example how you checked who asked (identity document shown at the desk)."),
    )


class AccessDeclineForm(forms.Form):
    decline_reason = forms.CharField(
        label=_("Why the bureau cannot give the data"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The resident reads this. For example: we could not check that you asked yourself."
        ),
        error_messages={
            "required": _("Say why the bureau cannot give the data, so the resident knows.")
        },
    )


class AccessExtendForm(forms.Form):
    extension_reason = forms.CharField(
        label=_("Why the bureau needs more time"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The resident reads this. For example: the file is large and partly on paper."),
        error_messages={
            "required": _("Say why the bureau needs more time, so the resident knows.")
        },
    )
