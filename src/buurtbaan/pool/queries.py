"""Reads of the employer pool, each in a fixed number of queries whatever the number of rows.

The pool's pages never get a `Resident`: they get a `PoolProfile`, built here from the few
columns partners may see (the query loads no others), so a template cannot show what it was never
given.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When
from django.http import Http404
from django.utils.safestring import SafeString

from buurtbaan.bureaus.models import Bureau
from buurtbaan.organisations.models import Organisation
from buurtbaan.pool.models import IntroductionRequest, IntroductionStatus
from buurtbaan.residents.models import Consent, ConsentScope, Resident, WorkWanted, split_words
from buurtbaan.talentsearch.highlight import highlight
from buurtbaan.talentsearch.queries import SearchCriteria, filter_residents, match_text

PAGE_SIZE = 25

#: The only resident columns the pool reads.
POOL_COLUMNS = (
    "pk",
    "bureau_id",
    "first_name",
    "last_name",
    "own_talent_words",
    "wants",
    "hours_per_week",
    "available_days",
    "postcode",
)
#: The criteria partners may search by: only what they can see.
POOL_CRITERIA = ("text", "talents", "days", "min_hours", "wants", "pc4")


@dataclass(frozen=True)
class PoolProfile:
    """Someone in the pool, as partners see them."""

    pk: int
    display_name: str
    talents: tuple[str, ...]
    own_talent_words: tuple[str, ...]
    dreams: tuple[SafeString, ...]  # escaped, searched words marked
    available_days: tuple[str, ...]
    hours_per_week: int | None
    wants: str
    area: str  # PC4 only


def display_name(first_name: str, last_name: str) -> str:
    """First name and the initial of the last name: "Sandra W." ("van den Broek" → "B.")."""
    parts = last_name.split()
    initial = f" {parts[-1][0].upper()}." if parts else ""
    return f"{first_name}{initial}"


def pool_residents(bureau: Bureau) -> QuerySet[Resident]:
    """The current residents of the bureau who agree to be seen by partner organisations."""
    return (
        Resident.objects.current()
        .filter(bureau=bureau)
        .with_consent(ConsentScope.PARTNERS)
        .only(*POOL_COLUMNS)
        .prefetch_related("talents", "dreams")
    )


def profile_of(resident: Resident, terms=frozenset()) -> PoolProfile:
    return PoolProfile(
        pk=resident.pk,
        display_name=display_name(resident.first_name, resident.last_name),
        talents=tuple(talent.name for talent in resident.talents.all()),
        own_talent_words=tuple(split_words(resident.own_talent_words)),
        dreams=tuple(
            highlight(dream.description, terms, limit=300) for dream in resident.dreams.all()
        ),
        available_days=tuple(str(label) for label in resident.available_day_labels()),
        hours_per_week=resident.hours_per_week,
        wants=str(WorkWanted(resident.wants).label) if resident.wants else "",
        area=(resident.postcode or "")[:4],
    )


def pool_page(bureau: Bureau, *, criteria: SearchCriteria, page_number=1) -> tuple[Page, bool]:
    """One page of the pool as `PoolProfile`s, searched and filtered; and whether words were
    searched (then the best matches come first). Criteria partners may not use are ignored."""
    allowed = SearchCriteria(**{name: getattr(criteria, name) for name in POOL_CRITERIA})
    residents = filter_residents(pool_residents(bureau), allowed)
    residents, parsed = match_text(residents, allowed.text, pool=True)
    if not parsed:
        residents = residents.order_by("first_name", "pk")
    page = Paginator(residents, PAGE_SIZE).get_page(page_number)
    page.object_list = [profile_of(resident, parsed.terms) for resident in page.object_list]
    return page, bool(parsed)


def get_pool_resident(bureau: Bureau, pk: int) -> Resident:
    """A resident in the pool (with only the pool's columns), or 404: someone who is not in the
    pool does not exist for partners."""
    resident = pool_residents(bureau).filter(pk=pk).first()
    if resident is None:
        raise Http404
    return resident


# --- Introduction requests -------------------------------------------------------------------------


def _in_pool():
    return Exists(
        Consent.objects.filter(
            resident=OuterRef("resident_id"),
            scope=ConsentScope.PARTNERS,
            withdrawn_at__isnull=True,
            resident__is_anonymised=False,
        )
    )


def introductions_inbox(bureau: Bureau, status: str = "") -> QuerySet[IntroductionRequest]:
    """The bureau's requests, open ones first (oldest open at the top), with `is_in_pool`."""
    requests = IntroductionRequest.objects.filter(bureau=bureau)
    if status:
        requests = requests.filter(status=status)
    return (
        requests.select_related("resident", "organisation", "requested_by", "handled_by")
        .annotate(
            is_in_pool=_in_pool(),
            is_done=Case(
                When(status=IntroductionStatus.NEW, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("is_done", "created_at", "pk")
    )


def introduction_for_detail(bureau: Bureau) -> QuerySet[IntroductionRequest]:
    return introductions_inbox(bureau)


@dataclass(frozen=True)
class PartnerIntroduction:
    """A request as its partner sees it: the person's display name only while they are in the
    pool (after a withdrawal or erasure, not even that)."""

    pk: int
    created_at: object
    display_name: str | None
    message: str
    status: str
    status_label: str
    reply: str


def partner_introductions(organisation: Organisation, *, bureau: Bureau, page_number=1) -> Page:
    """One page of the organisation's requests in `bureau`, newest first, as
    `PartnerIntroduction`s."""
    requests = (
        IntroductionRequest.objects.filter(bureau=bureau, organisation=organisation)
        .select_related("resident")
        .annotate(is_in_pool=_in_pool())
        .order_by("-created_at", "-pk")
    )
    page = Paginator(requests, PAGE_SIZE).get_page(page_number)
    page.object_list = [_as_partner_sees(request) for request in page.object_list]
    return page


def _as_partner_sees(request: IntroductionRequest) -> PartnerIntroduction:
    resident = request.resident
    return PartnerIntroduction(
        pk=request.pk,
        created_at=request.created_at,
        display_name=display_name(resident.first_name, resident.last_name)
        if request.is_in_pool
        else None,
        message=request.message,
        status=request.status,
        status_label=str(request.get_status_display()),
        reply=request.reply,
    )


def introductions_for(organisation: Organisation, resident_pk: int) -> list[PartnerIntroduction]:
    """The organisation's requests about one person in the pool (their pool page)."""
    requests = (
        IntroductionRequest.objects.filter(organisation=organisation, resident_id=resident_pk)
        .select_related("resident")
        .annotate(is_in_pool=_in_pool())
        .order_by("-created_at", "-pk")
    )
    return [_as_partner_sees(request) for request in requests]
