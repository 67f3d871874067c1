"""Keep the search index in step with the talent bank, without touching the residents app.

Whatever changes what is indexed — a resident saved (any field: their texts, erasure, or the
save that follows dreams written in bulk), a dream added, changed or removed, talents set on a
resident, a talent renamed or removed — schedules the residents concerned for reindexing after
the commit (`actions.schedule_reindex`). Writes that send no signals (`bulk_create`,
`bulk_update`, `QuerySet.update`: imports, the demo) must call `actions.reindex_bureau`
themselves; `buurtbaan reindex_talent_bank` rebuilds everything.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from buurtbaan.residents.models import Dream, Resident, Talent
from buurtbaan.talentsearch.actions import schedule_reindex


@receiver(post_save, sender=Resident, dispatch_uid="talentsearch_resident_saved")
def resident_saved(sender, instance, raw=False, **kwargs):
    # Every save, whatever its `update_fields`: `residents.actions` writes new dreams with
    # `bulk_create` (no signal) and then saves the resident with the fields that changed, which
    # need not be indexed ones (hours and dreams in one change). Reindexing one resident after
    # the commit costs a few queries, and several saves in one transaction reindex once.
    if not raw:
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
