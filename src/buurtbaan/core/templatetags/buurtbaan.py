from django import forms, template

from buurtbaan.core.phones import format_phone
from buurtbaan.core.plurals import plural_count as _plural_count
from buurtbaan.core.postcodes import format_postcode
from buurtbaan.core.told_apart import told_apart as _told_apart

register = template.Library()


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def field_widget(field):
    """Render a field's widget tied to its hint and errors, so screen readers read them out."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_hint")
    for index, _error in enumerate(field.errors, start=1):
        described_by.append(f"{field.auto_id}_error{index if index > 1 else ''}")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def phone(value) -> str:
    """A stored phone number as people read it: "06 12345678", "+32 470 12 34 56"."""
    return format_phone(value)


@register.filter
def plural_count(value) -> int:
    """The whole number `{% blocktranslate count %}` picks a form by: hours 1,5 → 2 ("1,5 uur")."""
    return _plural_count(value)


@register.filter
def postcode(value) -> str:
    """A stored postcode as it is written: "6828KE" → "6828 KE"; a PC4 "6828" stays; anything
    that is not a postcode is shown as stored."""
    return format_postcode(value or "") or (value or "")


@register.filter
def told_apart(obj, others) -> str:
    """A title, with what tells it apart from a namesake in `others` ("· 3 maart 2026")."""
    return _told_apart(obj, others)
