"""Phone numbers: checked with `phonenumbers` (Google's libphonenumber), kept in one form, shown
readably.

- Typed however people write them: "06-12345678", "06 1234 5678", "+31 6 12345678",
  "0031 6 12345678", "(026) 000 0000". Without a country code a number is Dutch (`DEFAULT_REGION`).
- Kept as E.164 ("+31612345678"): one form, so the same number is always the same text, and a
  `tel:` link works from it.
- Shown in the national way for Dutch numbers ("06 12345678", "026 000 0000") and with the
  country code for others ("+32 470 12 34 56"): the `phone` template filter, and the value a
  form shows when it is opened again.
- A number that is not a real number (too short, a wrong area code, `+cmd|...`) is refused with
  an example of how to write it; the form keeps what was typed.

Model fields use `PhoneNumberField` (its form field is `PhoneNumberFormField`); a form that is
not a ModelForm declares `PhoneNumberFormField`; an import uses `normalise_phone`.
"""

from __future__ import annotations

import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "NL"
E164 = re.compile(r"\+[1-9]\d{6,14}")
#: Longer than any E.164 number (15 digits and "+") and than anyone types one with spaces.
MAX_LENGTH = 30


def _invalid() -> ValidationError:
    return ValidationError(
        _(
            "This is not a phone number we recognise. Write it for example as 06 12345678 or "
            "026 123 4567; a number from abroad with its country code, for example +32 470 12 34 56."
        ),
        code="invalid_phone",
    )


def parse_phone(value: str) -> phonenumbers.PhoneNumber:
    """The number that `value` writes, or a ValidationError when it is not a valid number."""
    try:
        number = phonenumbers.parse(str(value), DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise _invalid() from None
    if not phonenumbers.is_valid_number(number):
        raise _invalid()
    return number


def normalise_phone(value: str, *, field: str | None = None) -> str:
    """`value` as E.164 ("+31612345678"); "" stays ""; a ValidationError when it is not valid
    (on `field` when given, so that a form shows it at the phone number)."""
    value = str(value or "").strip()
    if not value:
        return ""
    try:
        number = parse_phone(value)
    except ValidationError as error:
        raise (ValidationError({field: error}) if field else error) from None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value: str) -> str:
    """A number for people to read; text that is not a valid number is returned as it is."""
    if not value:
        return ""
    try:
        number = parse_phone(value)
    except ValidationError:
        return str(value)
    if phonenumbers.region_code_for_number(number) == DEFAULT_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_phone(value: str) -> None:
    if value:
        parse_phone(value)


class PhoneNumberFormField(forms.CharField):
    """A phone number field: cleans to E.164, shows a stored number readably."""

    default_validators = [validate_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault("label", _("Phone number"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_phone(value) if value else value

    def prepare_value(self, value):
        # A stored number (E.164) is shown readably; what someone typed is shown as typed.
        if isinstance(value, str) and E164.fullmatch(value):
            return format_phone(value)
        return value


class PhoneNumberField(models.CharField):
    """A model's phone number, stored as E.164 (see the module docstring)."""

    default_validators = [validate_phone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhoneNumberFormField, **kwargs})


def normalise_stored_phones(model) -> None:
    """Bring the stored numbers of `model` (a migration's historical model) into E.164; a number
    that is not valid stays as it was typed (nothing is lost), and is refused at its next edit."""
    changed = []
    for row in model.objects.exclude(phone="").only("pk", "phone").iterator():
        try:
            normalised = normalise_phone(row.phone)
        except ValidationError:
            continue
        if normalised != row.phone:
            row.phone = normalised
            changed.append(row)
    model.objects.bulk_update(changed, ["phone"], batch_size=500)
