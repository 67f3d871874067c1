"""Keep the search index in step with the talent bank, without touching the residents app.

Whatever changes what is indexed — a resident saved (their texts, erasure), a dream added,
changed or removed, talents set on a resident, a talent renamed or removed — schedules the
residents concerned for reindexing after the commit (`actions.schedule_reindex`). Writes that
send no signals (`bulk_create`, `bulk_update`, `QuerySet.update`: imports, the demo) must call
`actions.reindex_bureau` themselves; `buurtbaan reindex_talent_bank` rebuilds everything.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from buurtbaan.residents.models import Dream, Resident, Talent
from buurtbaan.talentsearch.actions import schedule_reindex

#: The resident's own fields a document is made of (talents and dreams have their own signals).
INDEXED_FIELDS = frozenset(
    {"own_talent_words", "skills", "work_experience", "education", "is_anonymised", "bureau"}
)


@receiver(post_save, sender=Resident, dispatch_uid="talentsearch_resident_saved")
def resident_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # A save of other fields only (a coach assigned, a stage, an account linked) changes nothing.
    # A save of `updated_at` alone is how `update_resident` marks new talents or dreams.
    named = set(update_fields or ()) - {"updated_at"}
    if raw or (named and INDEXED_FIELDS.isdisjoint(named)):
        return
    schedule_reindex([instance.pk])


@receiver(post_save, sender=Dream, dispatch_uid="talentsearch_dream_saved")
@receiver(post_delete, sender=Dream, dispatch_uid="talentsearch_dream_deleted")
def dream_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_reindex([instance.resident_id])


@receiver(m2m_changed, sender=Resident.talents.through, dispatch_uid="talentsearch_talents_set")
def talents_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        schedule_reindex([instance.pk])
    elif action == "pre_clear":
        # talent.residents.clear(): remember who had it before the rows go.
        schedule_reindex(instance.residents.values_list("pk", flat=True))
    elif pk_set:
        schedule_reindex(pk_set)


@receiver(post_save, sender=Talent, dispatch_uid="talentsearch_talent_saved")
def talent_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    # A new talent is on nobody yet; a renamed one changes the documents of those who have it.
    if created or raw or (update_fields is not None and "name" not in update_fields):
        return
    schedule_reindex(instance.residents.values_list("pk", flat=True))


@receiver(pre_delete, sender=Talent, dispatch_uid="talentsearch_talent_deleted")
def talent_deleted(sender, instance, **kwargs):
    schedule_reindex(instance.residents.values_list("pk", flat=True))
