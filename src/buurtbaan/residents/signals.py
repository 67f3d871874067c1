"""Keeping derived data right when other apps change a bureau.

- A new bureau gets the standard talent vocabulary.
- When a bureau's postcode area changes, its residents' `is_outside_area` flags are recomputed
  once the change is committed (after the whole replacement of ranges, which the bureaus app
  does with a delete and a bulk insert inside one transaction).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from buurtbaan.bureaus.models import Bureau, PostcodeRange


@receiver(post_save, sender=Bureau, dispatch_uid="residents_standard_talents")
def give_new_bureau_standard_talents(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from buurtbaan.residents.actions import ensure_standard_talents

        ensure_standard_talents(bureau=instance)


@receiver(post_save, sender=PostcodeRange, dispatch_uid="residents_area_saved")
@receiver(post_delete, sender=PostcodeRange, dispatch_uid="residents_area_deleted")
def refresh_flags_when_area_changes(sender, instance, raw=False, **kwargs):
    if raw:
        return
    bureau_id = instance.bureau_id

    def refresh():
        from buurtbaan.residents.actions import refresh_outside_area_flags

        bureau = Bureau.objects.filter(pk=bureau_id).first()
        if bureau is not None:
            refresh_outside_area_flags(bureau=bureau)

    transaction.on_commit(refresh)
