"""Writes that concern the data of every app: cleaning text stored before the input rules."""

from __future__ import annotations

from collections.abc import Iterator

from django.apps import apps
from django.db import models, transaction

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.core.text import has_control_characters, strip_control_characters

#: Apps whose rows are not typed text, or may not change: the audit log is append-only.
SKIPPED_APPS = {"audit"}
SKIPPED_FIELDS = {"accounts.user.password"}


def stored_text_fields() -> Iterator[tuple[type[models.Model], list[str]]]:
    """Every model of buurtbaan with the names of its free-text columns."""
    for model in apps.get_models():
        app_config = apps.get_app_config(model._meta.app_label)
        if not app_config.name.startswith("buurtbaan.") or app_config.label in SKIPPED_APPS:
            continue
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and f"{model._meta.label_lower}.{field.name}" not in SKIPPED_FIELDS
        ]
        if names:
            yield model, names


@transaction.atomic
def strip_stored_control_characters(*, is_for_real: bool) -> dict[str, int]:
    """Take control characters out of text stored before `core.text` applied to every form and
    import. Run by an operator once, through `buurtbaan strip_control_characters`.

    Returns the number of rows per `app_label.Model` that have (or had) them. Only with
    `is_for_real` are they changed, with one audit entry per row naming the fields (not the
    values). Tabs and line breaks stay.
    """
    found: dict[str, int] = {}
    for model, names in stored_text_fields():
        for row in model._base_manager.only("pk", *names).iterator():
            dirty = [name for name in names if has_control_characters(getattr(row, name) or "")]
            if not dirty:
                continue
            found[model._meta.label] = found.get(model._meta.label, 0) + 1
            if is_for_real:
                cleaned = {name: strip_control_characters(getattr(row, name)) for name in dirty}
                model._base_manager.filter(pk=row.pk).update(**cleaned)
                log_event(
                    actor=None,
                    action=AuditAction.CHANGE,
                    obj=row,
                    fields=dirty,
                    note="control characters removed",
                )
    return found
