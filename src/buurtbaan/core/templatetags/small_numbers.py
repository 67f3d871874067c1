"""`{{ count|people:current_membership }}` shows a count of people as the member may see it ("< 5"
for a funder when the group is smaller than 5); `{% if count|hides_people:current_membership %}`
tells a template to leave out what derives from it; `{% blocktranslate count
counter=count|plural_people:current_membership %}` picks the noun's form without telling a hidden
"1" from a hidden "3". See `core/small_numbers.py`."""

from django import template

from buurtbaan.core.small_numbers import (
    SMALLEST_GROUP,
    is_protected,
    sees_exact_figures,
    shown_count,
)

register = template.Library()


@register.filter
def people(count, membership):
    return shown_count(count, exact=sees_exact_figures(membership))


@register.filter
def hides_people(count, membership) -> bool:
    return is_protected(count, exact=sees_exact_figures(membership))


@register.filter
def plural_people(count, membership):
    """The number to choose a noun's form by: the count, or (when it is shown as "< 5") a number
    that takes the plural, so "< 5 residents" never gives away that there is one."""
    return SMALLEST_GROUP if is_protected(count, exact=sees_exact_figures(membership)) else count
