"""What can be wrong with a cell, and how to say it.

A problem is stored with a code and parameters, not as a sentence, so that it is told in the
language of whoever reads the dry run (`describe`), also after switching languages. Rules that
other apps own (the 18+ rule, Dutch postcodes) come back as their own ValidationError; their known
codes map onto ours, and an unknown one keeps its message under the code "rule".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from openpyxl.utils import get_column_letter

MESSAGES = {
    "required": _("This cell is empty. Fill in the %(field)s."),
    # plural-ok: a maximum length is never 1
    "too_long": _("Too long: at most %(max)s characters, and this has %(length)s."),
    "invalid_date": _("This is not a date. Write it as day-month-year, for example 31-12-1980."),
    "two_digit_year": _("Write the year in four digits, for example 31-12-1980."),
    "future_date": _("This date lies in the future. Check the day, month and year."),
    "too_young": ngettext_lazy(
        "This person is %(age)s year old. The bureau is for residents of %(minimum)s and older.",
        "This person is %(age)s years old. The bureau is for residents of %(minimum)s and older.",
        "age",
    ),
    "invalid_postcode": _(
        "This is not a Dutch postcode. Write four digits and two letters, for example 6828 AB."
    ),
    "invalid_email": _(
        "This is not an e-mail address. Check it, or leave the cell empty. "
        "An address looks like name@example.nl."
    ),
    "duplicate_in_file": _(
        "The same %(field)s is also in row %(row)s. Every resident needs their own, "
        "or leave it empty."
    ),
    "duplicate_existing": _(
        "The bureau already has a resident with this %(field)s. Leave this row out if it is the "
        "same person, or correct the %(field)s."
    ),
    "invalid_phone": _(
        "This is not a phone number we recognise. Write it for example as 06 12345678 or "
        "026 123 4567; a number from abroad with its country code, for example +32 470 12 34 56."
    ),
    "formula": _(
        "This cell starts with “%(sign)s”, so a spreadsheet program would run it as a formula. "
        "Take the %(sign)s away, or leave the cell empty."
    ),
    "invalid_number": _("Write a whole number, for example 16."),
    "number_too_large": _("At most %(max)s. Check the number."),
    "unknown_choice": _("This is not one of the choices. Write %(examples)s."),
    "unknown_days": _("These are not days of the week. Write for example %(examples)s."),
    "unknown_coach": _(
        "No coach or coordinator of the bureau has this name or e-mail address. Check the "
        "spelling, or leave the cell empty and choose a coach later."
    ),
    "ambiguous_coach": _(
        "More than one coach or coordinator has this name. Write their e-mail address instead."
    ),
    "rule": "%(message)s",
}


@dataclass
class Problem:
    row: int  # as the spreadsheet shows it: the header is row 1
    column: int | None  # 0 is column A; None when the problem is about the whole row
    field: str
    value: str
    code: str
    params: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Problem:
        return cls(**data)

    def sort_key(self):
        return (self.row, -1 if self.column is None else self.column, self.code)


def column_letter(index: int | None) -> str:
    return "" if index is None else get_column_letter(index + 1)


def describe(problem: Problem, target) -> str:
    """The reason, in the active language."""
    params = dict(problem.params)
    import_field = target.field(problem.field)
    if import_field is not None:
        params.setdefault("field", import_field.label)
        params.setdefault("examples", import_field.examples)
    # Whole numbers stay numbers: a counted message picks its form by one (too_young's age).
    params = {
        key: value if isinstance(value, int) and not isinstance(value, bool) else str(value)
        for key, value in params.items()
    }
    message = MESSAGES.get(problem.code, MESSAGES["rule"])
    try:
        return str(message % params)
    except (KeyError, TypeError, ValueError):
        return str(message)
