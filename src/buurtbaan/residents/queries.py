"""Reads for the talent bank, each in a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from buurtbaan.bureaus.models import Bureau, Membership
from buurtbaan.bureaus.permissions import STAFF
from buurtbaan.residents.models import Consent, Intake, Resident, Stage, Talent

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
    """The talent bank as staff see it in the list: current residents, with what a row shows."""
    return (
        Resident.objects.current()
        .filter(bureau=bureau)
        .select_related("coach")
        .prefetch_related("talents", "dreams", _active_consents())
    )


def filter_residents(residents: QuerySet[Resident], *, user, filters: dict) -> QuerySet[Resident]:
    """Apply the list filters (cleaned data of `ResidentFilterForm`).

    Never filters on income situation: it is not a criterion (see `IncomeSituation`).
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
        residents = residents.filter(coach=user)
    elif coach == "none":
        residents = residents.filter(coach__isnull=True)
    elif coach:
        residents = residents.filter(coach_id=coach)
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
