"""Every text field of every form follows `core.text`: control characters out, a maximum length.

The test walks all form classes in `buurtbaan` (every module is imported, so a form in a new app
is found too) and checks each field people type text into, by what it does rather than by its
class: a field of any kind with a text input or a text area must strip or refuse control
characters and must have a maximum length.
"""

import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.widgets import Input

import buurtbaan
from buurtbaan.core.text import MAX_LINE_LENGTH, MAX_TEXTAREA_LENGTH, has_control_characters

TEXT_INPUT_TYPES = {"text", "email", "url", "search", "tel"}
SKIPPED_MODULES = {"buurtbaan.wsgi"}
NASTY = "Ann\x1b[31m\u202eab\x07\x00c\u2066"


def _all_form_classes() -> list[type]:
    for module in pkgutil.walk_packages(buurtbaan.__path__, "buurtbaan."):
        is_script = module.name.endswith(".__main__")
        if module.name in SKIPPED_MODULES or is_script or ".migrations" in module.name:
            continue
        importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                todo.append(subclass)
    return sorted(
        (cls for cls in found if cls.__module__.startswith("buurtbaan.")),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def _is_typed_text(field: forms.Field) -> bool:
    widget = field.widget
    if isinstance(widget, forms.Textarea):
        return True
    return isinstance(widget, Input) and widget.input_type in TEXT_INPUT_TYPES


def _takes_free_text(field: forms.Field) -> bool:
    """A number or a date in a text input refuses words: its own rules bound it."""
    try:
        return isinstance(field.to_python("some words"), str)
    except ValidationError:
        return False


def _max_length(field: forms.Field) -> int | None:
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    return min(limits) if limits else None


def text_rule_violations(form_class) -> list[str]:
    """What is wrong with the text fields of `form_class` (an empty list when all is well)."""
    violations = []
    for name, field in form_class.base_fields.items():
        if not _is_typed_text(field):
            continue
        where = f"{form_class.__module__}.{form_class.__qualname__}.{name}"
        if _takes_free_text(field) and _max_length(field) is None:
            violations.append(f"{where}: no maximum length")
        try:
            value = field.to_python(NASTY)
        except ValidationError:
            continue  # refused: nothing is stored
        if isinstance(value, str) and has_control_characters(value):
            violations.append(f"{where}: keeps control characters ({value!r})")
    return violations


def test_the_walk_finds_the_forms_of_every_app():
    modules = {cls.__module__.split(".")[1] for cls in _all_form_classes()}
    assert {"residents", "board", "organisations", "bureaus", "imports", "quotes"} <= modules
    assert len(_all_form_classes()) > 40


def test_every_text_field_of_every_form_strips_control_characters_and_has_a_maximum():
    violations = [v for cls in _all_form_classes() for v in text_rule_violations(cls)]
    assert violations == []


def test_the_check_catches_a_form_that_forgets():
    class LooseTextField(forms.Field):
        """Text without the rules: not a CharField, so nothing applies them."""

        widget = forms.Textarea

    class ForgetfulForm(forms.Form):
        note = LooseTextField()

    assert text_rule_violations(ForgetfulForm) == [
        f"{__name__}.{ForgetfulForm.__qualname__}.note: no maximum length",
        f"{__name__}.{ForgetfulForm.__qualname__}.note: keeps control characters ({NASTY!r})",
    ]


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        (forms.CharField(), MAX_LINE_LENGTH),
        (forms.CharField(widget=forms.Textarea), MAX_TEXTAREA_LENGTH),
        (forms.CharField(max_length=80), 80),
        (forms.EmailField(), 320),
    ],
)
def test_a_field_without_its_own_maximum_gets_one_for_its_kind(field, limit):
    assert field.max_length == limit


def test_a_text_area_gets_no_html_maxlength_so_a_paste_is_never_cut_silently():
    assert "maxlength" not in forms.CharField(widget=forms.Textarea).widget.attrs
    assert forms.CharField().widget.attrs["maxlength"] == str(MAX_LINE_LENGTH)


def test_passwords_hidden_fields_and_json_keep_their_own_rules():
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    assert password.max_length is None
    assert password.clean("pass\x1bword") == "pass\x1bword"
    assert forms.CharField(widget=forms.HiddenInput).max_length is None
    assert forms.JSONField().max_length is None
