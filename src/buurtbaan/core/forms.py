"""Form helpers every app uses: forms that leave validation of the model to the actions."""

from django import forms
from django.core.exceptions import ValidationError

from buurtbaan.core.locking import LockedFormMixin


def add_action_error(form, error: ValidationError) -> None:
    """Show an action's ValidationError on the form: on the field it names when the form has
    that field, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ActionModelForm(LockedFormMixin, forms.ModelForm):
    """A ModelForm that only validates input: the action validates the model and saves it.

    The instance is left untouched (no `construct_instance`), so an action can compare the new
    values with the stored ones, and the model's rules are checked once, in the action; its
    errors come back on the fields through `add_action_error`. Edit views save through
    `core.locking.unchanged_since_opened(form)`, so no one overwrites a change they have not seen.
    """

    def _post_clean(self):
        pass

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data}
