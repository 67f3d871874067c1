"""When a resident is erased, what partners wrote about them goes too (see `actions`)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from buurtbaan.residents.models import Resident


@receiver(post_save, sender=Resident, dispatch_uid="pool_forget_erased_resident")
def forget_erased_resident(sender, instance, raw=False, **kwargs):
    if instance.is_anonymised and not raw:
        from buurtbaan.pool.actions import forget_messages_about

        forget_messages_about(instance)
