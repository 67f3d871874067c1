"""Money and numbers as people read them in the active language: € 1.850,00 and 7,5 in Dutch."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


def format_euro(value) -> str:
    if value in (None, ""):
        return ""
    amount = number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"€\u00a0{amount}"


def format_number(value) -> str:
    """A number without needless decimals: 12, 7,5, 2,25."""
    if value in (None, ""):
        return ""
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def euro(value) -> str:
    return format_euro(value)


@register.filter
def number(value) -> str:
    return format_number(value)


@register.filter
def rate(value) -> str:
    """A percentage stored as 21.00 shown as 21%."""
    if value in (None, ""):
        return ""
    return f"{format_number(value)}%"


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
