from django import forms, template

from buurtbaan.core.phones import format_phone

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
