"""`{{ count|people:current_membership }}` shows a count of people as the member may see it ("< 5"
for a funder when the group is smaller than 5); `{% if count|hides_people:current_membership %}`
tells a template to leave out what derives from it. See `core/small_numbers.py`."""

from django import template

from buurtbaan.core.small_numbers import is_protected, sees_exact_figures, shown_count

register = template.Library()


@register.filter
def people(count, membership):
    return shown_count(count, exact=sees_exact_figures(membership))


@register.filter
def hides_people(count, membership) -> bool:
    return is_protected(count, exact=sees_exact_figures(membership))
