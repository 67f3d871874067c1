from decimal import Decimal

from django import forms, template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def is_choice_group(field) -> bool:
    """Radio buttons and checkbox lists are rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def hours(value) -> str:
    """Hours without needless decimals, in the active language's format: 24, 7,5."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 1
    return number_format(value, decimal_pos=places, use_l10n=True)


@register.filter
def percent(share) -> str:
    """A share (0–1) as a whole percentage: 0.25 → 25%."""
    return f"{round((share or 0) * 100)}%"
