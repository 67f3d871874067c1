from django import forms, template

register = template.Library()


@register.filter
def is_choice_group(field) -> bool:
    """Radio buttons and checkbox lists are shown as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def postcode(value) -> str:
    """ "6828AB" as it is written: "6828 AB" (the same filter as `{% load buurtbaan %}`'s)."""
    from buurtbaan.core.templatetags.buurtbaan import postcode as written

    return written(value)


@register.filter
def age(resident) -> int:
    from django.utils import timezone

    return resident.age_on(timezone.localdate())


@register.filter
def saved_step(intake, step) -> bool:
    return intake.is_step_saved(step)


@register.filter
def step_notes(intake, step) -> str:
    return intake.notes_for(step)


@register.filter
def neighbourhood_picture(value) -> str:
    """The static path of a neighbourhood drawing (a `ProfilePicture` value), or ""."""
    from buurtbaan.residents.models import NEIGHBOURHOOD_PICTURES

    picture = NEIGHBOURHOOD_PICTURES.get(value)
    return picture[0] if picture else ""
