"""Writes of the privacy app: a bureau's retention periods, and applying retention."""

from __future__ import annotations

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.bureaus.models import Bureau
from buurtbaan.privacy.models import RetentionSettings
from buurtbaan.privacy.registry import RetentionRule, registry


@transaction.atomic
def update_retention_settings(*, actor, bureau: Bureau, periods: dict) -> RetentionSettings:
    """Set the bureau's retention periods (coordinators). `periods` maps the key of a
    per-bureau rule to a whole number in the rule's unit, or None ("never") where the rule
    allows it; rules left out keep their period. Raises ValidationError (per key) on a value
    out of range; writes one audit entry naming the changed rules (not their values)."""
    rules = {rule.key: rule for rule in registry.bureau_rules()}
    unknown = set(periods) - set(rules)
    if unknown:
        raise ValueError(f"unknown retention rules: {sorted(unknown)}")
    errors = {
        key: message for key, value in periods.items() if (message := _problem(rules[key], value))
    }
    if errors:
        raise ValidationError(errors)
    retention, _created = RetentionSettings.objects.select_for_update().get_or_create(bureau=bureau)
    changed = [key for key, value in periods.items() if retention.period(rules[key]) != value]
    if not changed:
        return retention
    retention.periods = {**retention.periods, **{key: periods[key] for key in changed}}
    retention.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    retention.save(update_fields=["periods", "updated_by", "updated_at"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=retention, fields=changed)
    return retention


def _problem(rule: RetentionRule, value) -> str | None:
    if value is None:
        return None if rule.can_be_off else _("Fill in a period.")
    if isinstance(value, bool) or not isinstance(value, int):
        return _("Give a whole number.")
    if not rule.minimum <= value <= rule.maximum:
        return _("Give a number from %(minimum)s to %(maximum)s.") % {
            "minimum": rule.minimum,
            "maximum": rule.maximum,
        }
    return None


@dataclasses.dataclass(frozen=True)
class RetentionResult:
    """What one rule found (and, for real, cleared) in one bureau, or on the platform."""

    bureau: Bureau | None
    rule: RetentionRule
    period: int
    cutoff: datetime.datetime
    count: int


def apply_retention(
    *,
    for_real: bool,
    now: datetime.datetime | None = None,
    bureaus=None,
    include_platform: bool = True,
) -> list[RetentionResult]:
    """Clear what is past its retention period, rule by rule (`privacy.registry`): per bureau
    with the bureau's periods (`RetentionSettings`, defaults when unset; a rule that is off is
    skipped), then the platform's rules (periods from settings). Called by the daily task
    (`privacy.tasks`) and `buurtbaan apply_retention`.

    `for_real=False` only counts: nothing changes. For real, each bureau is done in its own
    transaction (a failure in one leaves the others done) and gets one audit entry with the
    counts per rule, never what was cleared; the platform's rules write one entry without a
    bureau. Returns a result per rule that applies, with what it found (dry run) or cleared.
    """
    now = now or timezone.now()
    bureaus = list(Bureau.objects.order_by("slug") if bureaus is None else bureaus)
    retention = {
        row.bureau_id: row
        for row in RetentionSettings.objects.filter(bureau__in=[b.pk for b in bureaus])
    }
    results = []
    for bureau in bureaus:
        settings_row = retention.get(bureau.pk) or RetentionSettings(bureau=bureau)
        rules = [
            (rule, period)
            for rule in registry.bureau_rules()
            if (period := settings_row.period(rule)) is not None
        ]
        results += _apply(bureau, rules, now=now, for_real=for_real)
    if include_platform:
        rules = [(rule, rule.period()) for rule in registry.platform_rules()]
        results += _apply(None, rules, now=now, for_real=for_real)
    return results


def _apply(bureau, rules, *, now, for_real) -> list[RetentionResult]:
    results = []
    with transaction.atomic():
        for rule, period in rules:
            cutoff = rule.cutoff(now, period)
            found = rule.find(bureau, cutoff)
            count = found.count() if found is not None else 0
            if for_real and count:
                count = rule.clear(found, now)
            results.append(RetentionResult(bureau, rule, period, cutoff, count))
        cleared = [result for result in results if result.count]
        if for_real and cleared:
            log_event(
                actor=None,
                action=AuditAction.ERASE,
                bureau=bureau,
                note=retention_note(cleared),
            )
    return results


def retention_note(results: list[RetentionResult]) -> str:
    """The audit entry's note: counts per rule in Dutch (stored, so not translated later)."""
    with translation.override("nl"):
        counts = "; ".join(f"{result.rule.label}: {result.count}" for result in results)
        return _("Retention periods applied. Cleared: %(counts)s.") % {"counts": counts}
