"""Writing the audit log. Every view of sensitive personal data and every change to personal
data calls `log_event`; the entries are what a coordinator and a data-protection officer read."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from buurtbaan.audit.models import AuditAction, AuditEntry


def log_event(
    *,
    actor,
    action: AuditAction,
    bureau=None,
    obj: models.Model | None = None,
    fields: Iterable[str] = (),
    note: str = "",
) -> AuditEntry:
    """Append one entry. `actor` may be None or anonymous (a failed login, a public form).

    May be called by anyone; it only writes. The label of `obj` is its model name and primary
    key, never its string form, which could carry personal data into the log.
    """
    is_known_actor = actor is not None and getattr(actor, "is_authenticated", False)
    if obj is not None and bureau is None:
        bureau = getattr(obj, "bureau", None)
    return AuditEntry.objects.create(
        actor=actor if is_known_actor else None,
        actor_label=actor.email if is_known_actor else "anoniem",
        action=action,
        bureau=bureau,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=f"{obj._meta.verbose_name} #{obj.pk}" if obj is not None else "",
        fields=sorted(fields),
        note=note[:300],
    )
