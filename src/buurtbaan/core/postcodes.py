"""Dutch postcodes: validation through python-stdnum, plus the PC4 form used for areas.

Stored compact ("6828KE", `normalise_postcode`, which the actions apply to what forms accept:
"6828 ke", "6828KE"); always shown as written ("6828 KE"): `format_postcode`, the template
filter `{{ value|postcode }}` (`{% load buurtbaan %}`) and the form widget `PostcodeInput`.
"""

from django import forms
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import postcode as nl_postcode


def normalise_postcode(value: str) -> str:
    """Return a postcode as "1234AB" (PC6) or "1234" (PC4), or "" when it is not one.

    PC6 goes through stdnum, which also rejects the letter pairs PostNL never issues (SA, SD, SS).
    """
    compact = "".join((value or "").split()).upper()
    if len(compact) == 4:
        return compact if compact.isdigit() and compact[0] != "0" else ""
    try:
        return nl_postcode.validate(compact).replace(" ", "")
    except StdnumValidationError:
        return ""


def format_postcode(value: str) -> str:
    """The way postcodes are written: "1234 AB"."""
    normalised = normalise_postcode(value)
    if len(normalised) == 6:
        return f"{normalised[:4]} {normalised[4:]}"
    return normalised


class PostcodeInput(forms.TextInput):
    """A postcode input that shows a stored "6828KE" as "6828 KE". What is typed is posted as
    typed; the form's or action's cleaning stores it compact."""

    shows_formatted = True  # core.locking compares what is posted with the record as shown

    def format_value(self, value):
        text = super().format_value(value)
        return (format_postcode(text) or text) if text else text
