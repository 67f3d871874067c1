"""Reads of the privacy app: a bureau's retention periods and its processing register."""

from __future__ import annotations

import dataclasses
from itertools import groupby

from django.apps import apps

from buurtbaan.bureaus.models import Role
from buurtbaan.privacy.models import RetentionSettings
from buurtbaan.privacy.registry import Declaration, RetentionRule, registry


def retention_settings_for(bureau) -> RetentionSettings:
    """The bureau's retention settings; an unsaved row with the defaults when it has none, so
    reading (and a dry run) writes nothing."""
    found = RetentionSettings.objects.filter(bureau=bureau).first()
    return found if found is not None else RetentionSettings(bureau=bureau)


@dataclasses.dataclass
class RegisterRow:
    declaration: Declaration
    periods: list[tuple[RetentionRule, int | None]]  # the bureau's (or the default) period

    @property
    def roles(self) -> list[str]:
        return [Role(role).label for role in self.declaration.seen_by]


@dataclasses.dataclass
class RegisterGroup:
    app_label: str
    title: str
    rows: list[RegisterRow]


def processing_register(bureau=None) -> list[RegisterGroup]:
    """The processing register (verwerkingsregister), per app: every declared model that holds
    personal data, with the bureau's retention periods (the defaults when `bureau` is None, as
    on the public privacy page). One query at most."""
    retention = retention_settings_for(bureau) if bureau is not None else None

    def period(rule):
        if not rule.per_bureau:
            return rule.period()
        return retention.period(rule) if retention is not None else rule.default

    rows = [
        RegisterRow(
            declaration=declaration,
            periods=[(rule, period(rule)) for rule in registry.rules_for(declaration.model)],
        )
        for declaration in registry.personal_declarations()
    ]
    rows.sort(key=lambda row: row.declaration.app)
    return [
        RegisterGroup(app_label=app, title=_app_title(app), rows=list(group))
        for app, group in groupby(rows, key=lambda row: row.declaration.app)
    ]


def _app_title(app_label: str) -> str:
    return str(apps.get_app_config(app_label).verbose_name)


def references_only() -> list[Declaration]:
    """Models that refer to a person only in passing (e.g. "made by"), with why."""
    return [d for d in registry.declarations.values() if not d.is_personal]
