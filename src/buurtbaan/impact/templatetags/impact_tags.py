from decimal import ROUND_HALF_UP, Decimal

from django import template

from buurtbaan.quotes.templatetags.quote_tags import format_euro, format_number

register = template.Library()


@register.filter
def euro(value) -> str:
    return format_euro(value)


@register.filter
def number(value) -> str:
    return format_number(value)


@register.filter
def share(value) -> str:
    """A share (0.8) as a whole percentage (80%); — when there is none."""
    if value is None:
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal('1'), rounding=ROUND_HALF_UP)}%"


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
