"""Writing down who looked at a resident's personal data (the read audit).

Every page that shows a resident's personal details to someone else than that resident calls one of
two functions, once per page view:

- `log_record_view(request, obj, page=...)` for a page about one record (a resident, a match, a
  quote): one VIEW entry that references the record;
- `log_list_view(request, records, page=...)` for a list or a search: one VIEW entry for the page,
  with how many records it showed (`12 × bewoners`) and which (`#3, #8, …` in the note), never the typed search terms.

Both keep the log's volume in check with the rule in `audit.models.AuditEntry` (a repeat within
`VIEW_WINDOW` is not written again) and cost one INSERT at most: the "seen recently" memory lives in
Django's cache, not in the database.

`tests/audit/test_read_audit_crawl.py` walks every bureau page and fails when one shows a
resident's name without writing an entry, so a new page cannot forget.

The `page` name is what the audit log and the resident's own activity log say in words: give every
new name its words in `audit.describe.PAGES` (`"piece #{} story"` for `f"piece #{pk} story"`);
`tests/audit/test_describe.py` finds the names passed here in the source and fails on one without.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import cache

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import VIEW_WINDOW, AuditAction, AuditEntry

NOTE_LENGTH = AuditEntry._meta.get_field("note").max_length


def _is_new_view(request, key: str) -> bool:
    """True the first time this member sees `key` within the window; `cache.add` is atomic, so two
    parallel requests write one entry. Without a shared cache (several processes with `locmem://`)
    a repeat may be written twice: more entries, never fewer."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    user_id = getattr(request.user, "pk", None)
    bureau_id = getattr(getattr(request, "bureau", None), "pk", None)
    return cache.add(
        f"audit-view:{bureau_id}:{user_id}:{digest}", True, int(VIEW_WINDOW.total_seconds())
    )


def log_record_view(request, obj, *, page: str, fields: Iterable[str] = ()):
    """One VIEW entry for a page about `obj` (e.g. `page="resident detail"`), unless the same
    member saw the same page of the same record within `VIEW_WINDOW`. Returns the entry or None."""
    fields = sorted(fields)
    key = f"{page}|{obj._meta.label_lower}|{obj.pk}|{','.join(fields)}"
    if not _is_new_view(request, key):
        return None
    return log_event(
        actor=request.user,
        action=AuditAction.VIEW,
        bureau=request.bureau,
        obj=obj,
        fields=fields,
        note=page,
    )


def log_list_view(request, records, *, page: str, model=None):
    """One VIEW entry for a list or search page that showed `records` (rows already fetched for
    the page; an empty page writes nothing). The entry says how many and which records, never
    what was typed: search terms can be personal. `records` may be anything with a `pk` (e.g.
    the pool's profiles) when `model` names what they are.

    A repeat of the same page with the same rows within `VIEW_WINDOW` (an htmx refresh, going back
    a page) is not written again; other rows are a new view and are written."""
    records = [record for record in records if record is not None]
    if not records:
        return None
    ids = sorted({record.pk for record in records})
    meta = (model or records[0])._meta
    if not _is_new_view(request, f"{page}|{meta.label_lower}|{ids}"):
        return None
    return AuditEntry.objects.create(
        actor=request.user,
        actor_label=request.user.email,
        action=AuditAction.VIEW,
        bureau=request.bureau,
        object_type=meta.label_lower,
        object_label=f"{len(ids)} × {meta.verbose_name_plural}",
        note=_shown(page, ids),
    )


def _shown(page: str, ids: list[int]) -> str:
    """`page: #3, #8, #12` within the note's 300 characters; `… +N` says how many did not fit."""
    note = f"{page}:"
    for position, pk in enumerate(ids):
        rest = len(ids) - position
        if len(note) + len(f" #{pk},") + len(f" … +{rest}") > NOTE_LENGTH:
            return f"{note} … +{rest}"
        note += f" #{pk}" if position == 0 else f", #{pk}"
    return note
