"""Who may see what of a resident.

- Coordinators and coaches (staff) see the talent bank; partners, residents and funders see no
  resident records here (partners get a consent-filtered employer pool elsewhere).
- The full profile of a resident is seen by coordinators, the assigned coach, and — while the
  resident has no coach yet (the intake queue) or has agreed to share with the bureau's coaches
  (`ConsentScope.COACHES`) — the other coaches. Other coaches see only the name and stage.
  `visible_profiles_q` is the same rule as a queryset filter, for lists and searches.
- Sensitive notes: only the assigned coach and coordinators. Anyone else does not even learn
  that notes exist (404).

Every view reaches a resident through `get_resident_for_user` (404 outside the bureau, 403 when
the role may read but not write).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from buurtbaan.bureaus.models import Membership
from buurtbaan.residents.models import Consent, ConsentScope, Resident


def can_see_talent_bank(membership: Membership | None) -> bool:
    return membership is not None and membership.is_staff_member


def can_see_profile(membership: Membership | None, resident: Resident) -> bool:
    """Whether the member may see (and, as staff, change) the resident's full profile."""
    if not can_see_talent_bank(membership) or membership.bureau_id != resident.bureau_id:
        return False
    if membership.is_coordinator:
        return True
    if resident.coach_id is None or resident.coach_id == membership.user_id:
        return True
    return resident.has_consent(ConsentScope.COACHES)


def visible_profiles_q(membership: Membership | None) -> Q:
    """`can_see_profile` as a filter on residents: the residents whose full profile the member
    may see, in one condition (a subquery for the consent) whatever the number of rows.

    Lists and searches use it so that a filter on profile fields (talents, dreams, what someone
    is looking for) never finds a resident whose profile the member may not read: a match would
    tell what the profile says. `tests/residents/test_permissions.py` checks that the two agree
    on a matrix of roles, coaches and consents; change them together."""
    if not can_see_talent_bank(membership):
        return Q(pk__in=[])
    own_bureau = Q(bureau_id=membership.bureau_id)
    if membership.is_coordinator:
        return own_bureau
    shares = Consent.objects.filter(
        resident=OuterRef("pk"), scope=ConsentScope.COACHES, withdrawn_at__isnull=True
    )
    return own_bureau & (Q(coach__isnull=True) | Q(coach_id=membership.user_id) | Q(Exists(shares)))


def visible_resident_ids(membership: Membership | None, ids) -> set[int]:
    """Which of the residents `ids` the member may see the profile of, in one query (none when
    `ids` is empty), for pages that name residents beside other things (who asked for work)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return set()
    visible = Resident.objects.filter(visible_profiles_q(membership), pk__in=ids)
    return set(visible.values_list("pk", flat=True))


def can_read_sensitive(membership: Membership | None, resident: Resident) -> bool:
    """Only the assigned coach and the bureau's coordinators read sensitive notes."""
    if not can_see_talent_bank(membership) or membership.bureau_id != resident.bureau_id:
        return False
    if resident.is_anonymised:
        return False
    return membership.is_coordinator or resident.coach_id == membership.user_id


def get_resident_for_user(request, pk: int, write: bool = False, *, queryset=None) -> Resident:
    """The resident `pk` of `request.bureau` for the member making the request.

    404 for anyone outside the bureau or without access to the talent bank (we never reveal that
    a resident exists); 403 when `write` and the member may only see the name (another coach's
    resident without consent) or the record has been anonymised.
    """
    from buurtbaan.residents.queries import resident_for_detail  # queries imports this module

    membership = getattr(request, "membership", None)
    if not can_see_talent_bank(membership):
        raise Http404
    queryset = queryset if queryset is not None else resident_for_detail(request.bureau)
    resident = get_object_or_404(queryset.filter(bureau=request.bureau), pk=pk)
    if write and (resident.is_anonymised or not can_see_profile(membership, resident)):
        raise PermissionDenied
    return resident


def get_resident_for_sensitive_notes(request, pk: int) -> Resident:
    """The resident `pk`, only for someone allowed to read their sensitive notes; 404 otherwise."""
    resident = get_resident_for_user(request, pk)
    if not can_read_sensitive(request.membership, resident):
        raise Http404
    return resident


def mark_visible_profiles(membership: Membership, residents) -> list[Resident]:
    """Set `can_see_profile` on each resident of a list page (uses prefetched consents)."""
    residents = list(residents)
    for resident in residents:
        resident.can_see_profile = can_see_profile(membership, resident)
    return residents


# --- Self-service ----------------------------------------------------------------------------------
#
# A resident reaches only their own record, through `get_own_resident`: there is no resident id in
# the URLs of their pages, so there is nothing to guess. Staff never use these pages (404): they
# work on records through the talent bank.


def get_own_resident(request) -> Resident | None:
    """The logged-in resident's own current record in `request.bureau`, or None when their account
    has no record there (yet)."""
    from buurtbaan.residents.queries import own_resident

    return own_resident(request.bureau, request.user)
