"""The empty choice of every drop-down says "— kies —" ("— choose —"), not Django's "---------".

Django spells the empty choice in two places: `BLANK_CHOICE_DASH`, the list that model fields
with choices (and foreign keys) put first, and the `empty_label` default of `ModelChoiceField`.
`install_empty_choice_label()` (called once from `CoreConfig.ready`) replaces both with a lazy
translation, so each form shows it in the user's language. A form that wants a more telling empty
choice ("any talent") still passes its own `empty_label` or choices.
"""

from django.db.models import fields as model_fields
from django.forms import models as form_models
from django.utils.translation import gettext_lazy as _

EMPTY_CHOICE_LABEL = _("— choose —")


def install_empty_choice_label() -> None:
    """Idempotent. `BLANK_CHOICE_DASH` is changed in place: `Field.get_choices` took the list
    itself as its default argument when Django was imported."""
    model_fields.BLANK_CHOICE_DASH[:] = [("", EMPTY_CHOICE_LABEL)]
    model_choice_init = form_models.ModelChoiceField.__init__
    model_choice_init.__kwdefaults__["empty_label"] = EMPTY_CHOICE_LABEL
