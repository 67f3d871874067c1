from django import forms, template

register = template.Library()


@register.filter
def is_choice_group(field) -> bool:
    """Radio buttons and checkbox lists: rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def hours(value) -> str:
    """7.0 → "7", 7.5 → "7,5" in Dutch (the active language's decimal separator)."""
    from django.template.defaultfilters import floatformat

    return floatformat(value, "-1")
