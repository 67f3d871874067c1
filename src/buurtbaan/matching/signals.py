"""What matching does when a resident's record is erased, without touching the residents app.

`residents.erasure.anonymise_resident` saves the record with `is_anonymised`; inside that same
transaction every match of the resident that is still active (proposed, introduced, started) is
stopped (`actions.stop_erased_match`: an ordinary step, with an event without an actor and an
audit entry), so it no longer holds a place of the work or waits for an answer nobody can give.
What the matches say about the person (reasons, support, notes) is blanked by the erasure itself
(`residents.erasure`, "in other apps"); status, dates, score, the work and the organisation stay,
so the figures (placements) stay right.

The cached engine is kept fresh by `matching.cache`'s own signals (the erased resident leaves it).
"""

from __future__ import annotations

from django.db.models.signals import post_save


def stop_matches_of_erased_resident(resident_id: int) -> None:
    from buurtbaan.matching import actions
    from buurtbaan.matching.models import ACTIVE_STATUSES, Match

    for match in Match.objects.filter(resident_id=resident_id, status__in=ACTIVE_STATUSES):
        actions.stop_erased_match(match=match)


def _on_resident_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not instance.is_anonymised:
        return
    if update_fields is not None and "is_anonymised" not in update_fields:
        return
    stop_matches_of_erased_resident(instance.pk)


def connect_signals() -> None:
    from buurtbaan.residents.models import Resident

    post_save.connect(
        _on_resident_saved, sender=Resident, dispatch_uid="matching_stop_matches_of_erased"
    )
