"""Possible duplicates: a confirmed self-registration and a record the bureau made before that
may be the same person.

A sign-up is merged into the bureau's record on its own (`actions._merge_with_staff_record`)
only when the e-mail address, the name and the birth date all agree. An e-mail address alone
proves nothing: a family shares one, and anyone can type someone else's. In every other case
both records stay as they are, a `PossibleDuplicate` waits on the coordinators' page, and the
newcomer sees only what they entered themselves until a coordinator links them or keeps them
apart here. Both decisions are in the audit log of both records.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.residents.models import DuplicateStatus, PossibleDuplicate, Resident


def _comparable(name: str) -> str:
    """A name without case, accents or extra spaces: "Özdemir  " and "ozdemir" agree."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def is_same_person(registration: Resident, record: Resident) -> bool:
    """Name and birth date agree (the e-mail address is already known to agree)."""
    return (
        registration.date_of_birth == record.date_of_birth
        and _comparable(registration.first_name) == _comparable(record.first_name)
        and _comparable(registration.last_name) == _comparable(record.last_name)
    )


def record_possible_duplicates(*, registration: Resident, records: list[Resident]) -> None:
    """Put each pair on the coordinators' page (once). Called when a sign-up is confirmed."""
    for record in records:
        PossibleDuplicate.objects.get_or_create(
            bureau_id=registration.bureau_id, registration=registration, record=record
        )


def open_duplicates(bureau):
    """The pairs still waiting for a coordinator, with both records, in two queries at most."""
    return (
        PossibleDuplicate.objects.filter(
            bureau=bureau,
            status=DuplicateStatus.OPEN,
            registration__is_anonymised=False,  # also leaves out pairs whose record went
            record__is_anonymised=False,
        )
        .select_related("registration", "record")
        .order_by("created_at", "pk")
    )


def _decide(duplicate: PossibleDuplicate, *, actor, status: DuplicateStatus) -> None:
    duplicate.status = status
    duplicate.decided_by = actor
    duplicate.decided_at = timezone.now()
    duplicate.save(update_fields=["status", "decided_by", "decided_at"])


def _lock_open(duplicate: PossibleDuplicate) -> PossibleDuplicate:
    stored = (
        PossibleDuplicate.objects.select_for_update(of=("self",))
        .select_related("registration__user", "record__bureau", "record__coach")
        .get(pk=duplicate.pk)
    )
    if not stored.is_open or stored.registration is None or stored.record is None:
        raise ValidationError(_("Someone has already decided about these records."))
    return stored


@transaction.atomic
def link_duplicate(*, actor, duplicate: PossibleDuplicate) -> Resident:
    """A coordinator decides the sign-up and the bureau's record are the same person: the
    sign-up's account is linked to the bureau's record, which keeps its data and gets the empty
    fields and consents from the sign-up; the sign-up itself is deleted (as when merging on
    confirmation). Other open pairs of this sign-up are closed as kept apart.

    Raises ValidationError when someone already decided, when the record has an account by now,
    or when someone worked on the sign-up (then nothing would be merged unseen: copy what is
    needed by hand, and keep the two apart). Coordinators only. Returns the bureau's record.
    """
    from buurtbaan.residents.actions import _is_untouched, _link_to_staff_record

    duplicate = _lock_open(duplicate)
    registration, record = duplicate.registration, duplicate.record
    if record.user_id is not None or record.is_anonymised:
        raise ValidationError(_("The bureau's record is linked to another account by now."))
    if registration.user_id is None or not _is_untouched(registration):
        raise ValidationError(
            _(
                "Someone already worked on the sign-up, so it cannot be merged without losing "
                "that work. Copy what is needed to the bureau's record and keep them apart."
            )
        )
    others = PossibleDuplicate.objects.filter(
        registration=registration, status=DuplicateStatus.OPEN
    ).exclude(pk=duplicate.pk)
    for other in others:
        _decide(other, actor=actor, status=DuplicateStatus.KEPT_APART)
    _decide(duplicate, actor=actor, status=DuplicateStatus.LINKED)
    try:
        with transaction.atomic():
            return _link_to_staff_record(registration, record, registration.user, actor=actor)
    except ProtectedError:
        raise ValidationError(
            _("Another part of the bureau already refers to the sign-up; it cannot be merged.")
        ) from None


@transaction.atomic
def keep_duplicate_apart(*, actor, duplicate: PossibleDuplicate) -> None:
    """A coordinator decides the two records are different people: both stay as they are and
    the pair leaves the list. Coordinators only. Raises ValidationError when already decided."""
    duplicate = _lock_open(duplicate)
    _decide(duplicate, actor=actor, status=DuplicateStatus.KEPT_APART)
    pair = (duplicate.registration, duplicate.record)
    for resident, other in (pair, pair[::-1]):
        log_event(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=resident,
            note=f"possible duplicate kept apart: not the same person as resident #{other.pk}",
        )
