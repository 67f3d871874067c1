"""Reads for the talent bank, each in a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from buurtbaan.bureaus.models import Bureau, Membership
from buurtbaan.bureaus.permissions import STAFF
from buurtbaan.residents.models import (
    Barrier,
    Consent,
    ConsentScope,
    ErasureRequest,
    ErasureStatus,
    Intake,
    PublicProfile,
    Resident,
    Stage,
    Talent,
)
from buurtbaan.residents.permissions import visible_profiles_q

User = get_user_model()


def in_area_q(ranges) -> Q:
    """A filter for residents whose (normalised, "6828AB") postcode lies in one of `ranges`.

    A PC4 range "6828"–"6829" covers "6828AA" up to "6829ZZ", so the upper end is padded with Z.
    Without ranges nothing is inside.
    """
    condition = Q(pk__in=[])
    for area in ranges:
        upper = area.end + "Z" * (6 - len(area.end))
        condition |= Q(postcode__gte=area.start, postcode__lte=upper)
    return condition


def _active_consents():
    return Prefetch("consents", queryset=Consent.objects.filter(withdrawn_at__isnull=True))


def residents_for_list(bureau: Bureau) -> QuerySet[Resident]:
    """The talent bank as staff see it in the list: current residents, with what a row shows
    (and the facts of `matching.eligibility`, as subqueries, for the badges)."""
    from buurtbaan.matching import eligibility

    return eligibility.annotate(
        Resident.objects.current()
        .filter(bureau=bureau)
        .select_related("coach")
        .prefetch_related("talents", "dreams", _active_consents())
    )


def filter_residents(
    residents: QuerySet[Resident], *, membership: Membership, filters: dict
) -> QuerySet[Resident]:
    """Apply the list filters (cleaned data of `ResidentFilterForm`) for `membership`.

    The filters on profile fields (talent, looking for) keep only residents whose profile the
    member may see (`permissions.visible_profiles_q`): a match would tell what a hidden profile
    says. Never filters on income situation: it is not a criterion (see `IncomeSituation`).
    """
    name = (filters.get("name") or "").strip()
    if name:
        for word in name.split():
            residents = residents.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word)
            )
    if filters.get("stage"):
        residents = residents.filter(stage=filters["stage"])
    coach = filters.get("coach")
    if coach == "mine":
        residents = residents.filter(coach_id=membership.user_id)
    elif coach == "none":
        residents = residents.filter(coach__isnull=True)
    elif coach:
        residents = residents.filter(coach_id=coach)
    if filters.get("talent") or filters.get("wants"):
        residents = residents.filter(visible_profiles_q(membership))
    if filters.get("talent"):
        residents = residents.filter(talents=filters["talent"])
    if filters.get("area") == "outside":
        residents = residents.filter(is_outside_area=True)
    elif filters.get("area") == "inside":
        residents = residents.filter(is_outside_area=False)
    if filters.get("wants"):
        residents = residents.filter(wants=filters["wants"])
    return residents


def resident_for_detail(bureau: Bureau) -> QuerySet[Resident]:
    """One resident with everything the detail page shows (not the sensitive notes)."""
    return (
        Resident.objects.filter(bureau=bureau)
        .select_related("coach", "bureau")
        .prefetch_related(
            "talents",
            "dreams",
            "barriers",
            Prefetch("consents", queryset=Consent.objects.select_related("recorded_by")),
            Prefetch("intakes", queryset=Intake.objects.select_related("coach")),
        )
    )


def staff_of(bureau: Bureau) -> QuerySet:
    """Users who may be a resident's coach: active coaches and coordinators of the bureau."""
    member_ids = Membership.objects.active().filter(bureau=bureau, role__in=STAFF)
    return User.objects.filter(pk__in=member_ids.values("user_id")).order_by(
        "first_name", "last_name", "email"
    )


def talent_vocabulary(bureau: Bureau) -> QuerySet[Talent]:
    """The bureau's talents with the number of current residents who have each."""
    return Talent.objects.filter(bureau=bureau).annotate(
        resident_count=Count("residents", filter=Q(residents__is_anonymised=False))
    )


def talent_choices(bureau: Bureau, resident: Resident | None = None) -> QuerySet[Talent]:
    """Talents a resident can be given: those in use, plus any retired ones they already have."""
    condition = Q(is_active=True)
    if resident is not None and resident.pk:
        condition |= Q(residents=resident)
    return Talent.objects.filter(bureau=bureau).filter(condition).distinct()


def open_intake(resident: Resident) -> Intake | None:
    return resident.intakes.filter(completed_at__isnull=True).select_related("coach").first()


def stage_counts(bureau: Bureau) -> dict[str, int]:
    """How many current residents are at each stage (for overviews)."""
    rows = (
        Resident.objects.current()
        .filter(bureau=bureau)
        .values("stage")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {stage.value: 0 for stage in Stage}
    counts.update({row["stage"]: row["count"] for row in rows})
    return counts


# --- Self-service --------------------------------------------------------------------------------


def own_resident(bureau: Bureau, user) -> Resident | None:
    """The user's own (current) record in the bureau, with everything their pages show."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        resident_for_detail(bureau)
        .current()
        .filter(user=user)
        .select_related("public_profile")
        .prefetch_related(
            Prefetch(
                "erasure_requests",
                queryset=ErasureRequest.objects.select_related("decided_by"),
            )
        )
        .first()
    )


def public_profiles(bureau: Bureau) -> QuerySet[PublicProfile]:
    """The profiles anyone may see: switched on, with an active public-profile consent, of a
    current resident of this bureau. The only way public pages reach profiles."""
    consenting = Resident.objects.with_consent(ConsentScope.PUBLIC_PROFILE)
    return (
        PublicProfile.objects.filter(
            is_enabled=True,
            resident__bureau=bureau,
            resident__is_anonymised=False,
            resident__in=consenting,
        )
        .select_related("resident")
        .prefetch_related("resident__talents")
        .order_by("display_name", "pk")
    )


def erasure_requests_for_list(bureau: Bureau) -> QuerySet[ErasureRequest]:
    """The bureau's erasure requests, pending first, oldest pending at the top."""
    return (
        ErasureRequest.objects.filter(bureau=bureau)
        .select_related("resident", "decided_by")
        .annotate(
            is_open=Case(
                When(status=ErasureStatus.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_open", "requested_at", "pk")
    )


def audit_entries_about(resident: Resident):
    """Audit entries a resident may read about themselves: about their record and its parts, their
    account and membership, and what they did themselves, newest first.

    Leaves out everything about sensitive notes (they are coach-only, and so is the fact that they
    were read). Uses the prefetched barriers and intakes; three queries.
    """
    from buurtbaan.audit.models import AuditEntry

    parts = {
        "residents.resident": [resident.pk],
        Barrier._meta.label_lower: [barrier.pk for barrier in resident.barriers.all()],
        Intake._meta.label_lower: [intake.pk for intake in resident.intakes.all()],
        ErasureRequest._meta.label_lower: [
            request.pk for request in resident.erasure_requests.all()
        ],
        "residents.accessrequest": list(resident.access_requests.values_list("pk", flat=True)),
    }
    profile = public_profile_of(resident)
    parts[PublicProfile._meta.label_lower] = [profile.pk] if profile else []
    condition = Q(pk__in=[])
    if resident.user_id:
        parts["accounts.user"] = [resident.user_id]
        condition |= Q(actor_id=resident.user_id)
    for object_type, ids in parts.items():
        if ids:
            condition |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    entries = (
        AuditEntry.objects.filter(condition)
        .exclude(object_type="residents.sensitivenote")
        .select_related("actor")
        .order_by("-at", "-pk")
    )
    return [entry for entry in entries if "sensitive_notes" not in (entry.fields or [])]


def public_profile_of(resident: Resident) -> PublicProfile | None:
    """The resident's public profile or None (uses `select_related("public_profile")`)."""
    try:
        return resident.public_profile
    except PublicProfile.DoesNotExist:
        return None
