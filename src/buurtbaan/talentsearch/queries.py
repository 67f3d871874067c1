"""Searching the talent bank: the staff search page and the employer pool read through here, and
so does `bench/talent_search.py`.

- `SearchCriteria`: the search box and the filters. There is deliberately no criterion on the
  income situation (see `residents.models.IncomeSituation`), and nothing is ranked by it.
- `search_residents`: the staff search as a queryset — current residents of the bureau whose
  profile the member may see, filtered, matched and ordered (best match first, then by name).
- `search_page`: one page of it, with what a result shows (talents, dreams, a highlighted
  snippet, where the words were found), in a fixed number of queries whatever the number of
  residents: count, page, talents, dreams, consents.
- `filter_residents`: the filters alone, shared with `buurtbaan.pool`.

Who is searched: coordinators search every current resident; a coach searches the residents
whose full profile they may see (`residents.permissions.visible_profiles_q`, the filter form of
`can_see_profile`: no coach yet, their own, or shared with the bureau's coaches). Residents whose profile is not shared are left out of
the search altogether, not shown as restricted rows: a match would tell what their profile says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Bureau, Membership
from buurtbaan.residents.models import (
    Consent,
    Dream,
    Resident,
    Talent,
    TravelRange,
    WorkWanted,
)
from buurtbaan.residents.permissions import mark_visible_profiles, visible_profiles_q
from buurtbaan.talentsearch.backends import backend
from buurtbaan.talentsearch.highlight import best_snippet, has_match
from buurtbaan.talentsearch.text import ParsedQuery, parse_query

PAGE_SIZE = 25

#: What a result reads of a resident (visibility, the row, "found in"); nothing else is loaded.
RESULT_COLUMNS = (
    "pk",
    "bureau_id",
    "coach_id",
    "first_name",
    "last_name",
    "stage",
    "is_outside_area",
    "is_anonymised",
    "own_talent_words",
    "skills",
    "work_experience",
    "education",
)

#: The parts of a profile a result can be found in, as a result says it ("found in: ...").
FOUND_IN_LABELS = {
    "talents": _("talents"),
    "dreams": _("dreams"),
    "skills": _("skills"),
    "work_experience": _("work experience"),
    "education": _("education"),
}

#: "Looking for" in a search: paid work also finds residents open to both, and so on.
WANTS_MATCHING = {
    WorkWanted.PAID: [WorkWanted.PAID, WorkWanted.BOTH],
    WorkWanted.VOLUNTEER: [WorkWanted.VOLUNTEER, WorkWanted.BOTH],
    WorkWanted.BOTH: [WorkWanted.BOTH],
}
#: "Will travel at least": work within cycling distance needs residents who cycle or go anywhere.
TRAVEL_MATCHING = {
    TravelRange.NEIGHBOURHOOD: list(TravelRange),
    TravelRange.CYCLING: [TravelRange.CYCLING, TravelRange.ANYWHERE],
    TravelRange.ANYWHERE: [TravelRange.ANYWHERE],
}


@dataclass
class SearchCriteria:
    text: str = ""
    talents: Sequence[Talent | int] = ()  # all of them
    skill: str = ""
    days: Sequence[str] = ()  # available on all of them
    min_hours: int | None = None
    wants: str = ""
    travel: str = ""
    area: str = ""  # "inside" or "outside" the bureau's area
    pc4: str = ""
    stage: str = ""

    @classmethod
    def from_form(cls, cleaned_data: dict) -> SearchCriteria:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in cleaned_data.items() if k in names and v is not None})


@dataclass
class SearchPage:
    page: Page
    query: ParsedQuery = field(default_factory=ParsedQuery)

    @property
    def terms(self) -> frozenset[str]:
        return self.query.terms


def filter_residents(residents: QuerySet[Resident], criteria: SearchCriteria) -> QuerySet:
    """Apply every criterion but the text. Never filters on income situation."""
    through = Resident.talents.through
    for talent in criteria.talents:
        talent_id = getattr(talent, "pk", talent)
        having = through.objects.filter(resident_id=OuterRef("pk"), talent_id=talent_id)
        residents = residents.filter(Exists(having))
    if criteria.skill.strip():
        residents = residents.filter(skills__icontains=criteria.skill.strip())
    for day in criteria.days:
        # JSON text of the list, e.g. ["mon", "wed"]; works the same on SQLite and PostgreSQL.
        residents = residents.filter(available_days__icontains=f'"{day}"')
    if criteria.min_hours:
        residents = residents.filter(hours_per_week__gte=criteria.min_hours)
    if criteria.wants in WANTS_MATCHING:
        residents = residents.filter(wants__in=WANTS_MATCHING[criteria.wants])
    if criteria.travel in TRAVEL_MATCHING:
        residents = residents.filter(travel__in=TRAVEL_MATCHING[criteria.travel])
    if criteria.area == "inside":
        residents = residents.filter(is_outside_area=False)
    elif criteria.area == "outside":
        residents = residents.filter(is_outside_area=True)
    if criteria.pc4:
        residents = residents.filter(postcode__startswith=criteria.pc4)
    if criteria.stage:
        residents = residents.filter(stage=criteria.stage)
    return residents


def match_text(
    residents: QuerySet, text: str, *, pool: bool = False
) -> tuple[QuerySet, ParsedQuery]:
    """Match the search box and order by rank, then name; without words, order by name."""
    parsed = parse_query(text)
    if not parsed:
        return residents.order_by("last_name", "first_name", "pk"), parsed
    residents = backend().match(residents, text, parsed, pool=pool)
    return residents.order_by("-search_rank", "last_name", "first_name", "pk"), parsed


def search_residents(
    bureau: Bureau, *, membership: Membership, criteria: SearchCriteria
) -> tuple[QuerySet[Resident], ParsedQuery]:
    residents = (
        Resident.objects.current().filter(bureau=bureau).filter(visible_profiles_q(membership))
    )
    residents = filter_residents(residents, criteria)
    residents, parsed = match_text(residents, criteria.text)
    residents = residents.only(*RESULT_COLUMNS).prefetch_related(
        Prefetch("talents", queryset=Talent.objects.only("pk", "name")),
        Prefetch("dreams", queryset=Dream.objects.only("pk", "resident_id", "description")),
        Prefetch("consents", queryset=Consent.objects.filter(withdrawn_at__isnull=True)),
    )
    return residents, parsed


def search_page(
    bureau: Bureau,
    *,
    membership: Membership,
    criteria: SearchCriteria,
    page_number=1,
    per_page: int = PAGE_SIZE,
) -> SearchPage:
    """One page of results, each resident with `can_see_profile`, `snippet` (the best dream,
    matching words marked) and `found_in` (the parts of the profile the words were found in)."""
    residents, parsed = search_residents(bureau, membership=membership, criteria=criteria)
    page = Paginator(residents, per_page).get_page(page_number)
    page.object_list = mark_visible_profiles(membership, page.object_list)
    for resident in page.object_list:
        dreams = [dream.description for dream in resident.dreams.all()]
        resident.snippet = best_snippet(dreams, parsed.terms)
        resident.found_in = found_in(resident, dreams, parsed.terms)
    return SearchPage(page=page, query=parsed)


def found_in(resident: Resident, dreams: list[str], terms) -> list[str]:
    """Which parts of the profile hold a searched word (labels from `FOUND_IN_LABELS`)."""
    if not terms:
        return []
    parts = {
        "talents": [t.name for t in resident.talents.all()] + [resident.own_talent_words],
        "dreams": dreams,
        "skills": [resident.skills],
        "work_experience": [resident.work_experience],
        "education": [resident.education],
    }
    return [
        FOUND_IN_LABELS[name]
        for name, texts in parts.items()
        if any(has_match(text, terms) for text in texts)
    ]
