"""The thin layer between the database and the matching engine: a bureau as an engine `Scenario`.

`load_scenario(bureau)` reads everything the engine needs in a **constant number of queries**
(nine, whatever the number of residents and pieces; `tests/matching/test_loader.py` checks it)
and builds the engine's plain dataclasses directly, without the JSON round trip. Suggestions,
teams and the matching round all score this one scenario (see `matching.cache`), so a pair has
the same fit on every page.

What goes in
------------
- **Residents**: every resident of the bureau whose data was not erased. Only residents who pass
  the rule of `matching.eligibility` may be proposed: those without an active
  `ConsentScope.MATCHING` consent go in with `consent=False`, those failing another condition
  with `proposable=False` and the codes in `not_proposable` (the engine then never suggests
  them, and can say why). Talents are the talent-bank talents
  plus the resident's own talent words; skills from `skills`; the dreams joined into one text;
  postcode, hours a week, paid/voluntary, days, date of birth as recorded; travel mapped from the
  talent bank's values (neighbourhood/cycling/anywhere) to the engine's (wijk/fiets/overal);
  `support_needed` from the support text of each **unresolved** barrier.
- **Priority** (distance to work; the matching round's bonus): 1.0 for a participant of an impact
  assignment that is being agreed or running and has no outcome yet (the bureau has promised to
  help them, and is paid for it); 0.5 for a resident who registered more than a year ago and has
  not been placed (`Stage.PLACED`): long in the talent bank without work; 0 otherwise. The income
  situation is never used (see `residents.models.IncomeSituation`).
- **Work**: every piece that may still need people (draft, open or in progress), with `people` =
  the places still free (at least 1, so a full piece can still be looked at), where free places
  = `people_needed` minus the matches that hold a place (proposed, introduced, started, or
  completed: the person has the work). Hours are
  `hours_per_week` (a piece with only `hours_total` has no weekly hours, so hours neither help
  nor exclude). `LoadedScenario` keeps each piece's status, people needed and free places.
- **Declined** pairs (a match the resident declined) are never proposed again.
- **Postcodes**: the `PostcodeArea` centroids of the PC4 areas that occur; a PC6 uses its PC4.

What a matching round leaves out on top (residents with an active match, work that is not open
or has no free place, pairs that completed before) is applied to the scored engine by
`suggestions.compute_round`, not here.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    TextField,
)
from django.db.models.functions import Cast
from django.utils import timezone

from buurtbaan.matching import eligibility
from buurtbaan.matching.engine import Resident as EngineResident
from buurtbaan.matching.engine import Scenario
from buurtbaan.matching.engine import Work as EngineWork
from buurtbaan.matching.engine.scenario import normalize_postcode
from buurtbaan.matching.models import PLACE_STATUSES, Match, MatchStatus, PostcodeArea
from buurtbaan.matching.queries import settings_for
from buurtbaan.residents.models import (
    Barrier,
    Dream,
    Resident,
    Stage,
    TravelRange,
    split_words,
)
from buurtbaan.work.models import PieceOfWork, WorkStatus

TRAVEL = {
    TravelRange.NEIGHBOURHOOD: "wijk",
    TravelRange.CYCLING: "fiets",
    TravelRange.ANYWHERE: "overal",
}
DAY_NUMBERS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
#: Pieces that can still get people: candidates are shown for these.
MATCHABLE_STATUSES = (WorkStatus.DRAFT, WorkStatus.OPEN, WorkStatus.IN_PROGRESS)
#: Long in the talent bank without work: half the priority of an impact participant.
LONG_REGISTERED = datetime.timedelta(days=365)
IMPACT_PRIORITY = 1.0
LONG_REGISTERED_PRIORITY = 0.5
MAX_HOURS = 168.0


@dataclass(frozen=True)
class LoadedScenario:
    """The scenario and the facts about its pieces the Django layer needs next to it."""

    scenario: Scenario
    #: piece id → status; → people needed; → free places (people needed minus the matches
    #: that hold a place).
    piece_status: dict[int, str]
    people_needed: dict[int, int]
    free_places: dict[int, int]
    #: resident id → when they registered (a timestamp), to break ties by time waiting.
    registered: dict[int, float] = field(default_factory=dict)


def load_scenario(bureau, *, today: datetime.date | None = None) -> LoadedScenario:
    """The bureau as an engine scenario, in a constant number of queries; see the module doc."""
    today = today or timezone.localdate()
    matching_settings = settings_for(bureau)
    residents, registered = _residents(bureau, today)
    pieces = _pieces(bureau)
    resident_ids = {row[0] for row in residents}
    piece_ids = {row["pk"] for row in pieces}
    talents, piece_talents = _talents(bureau, resident_ids, piece_ids)
    dreams = _dreams(bureau)
    support = _support(bureau)
    excluded = _declined_pairs(bureau, resident_ids, piece_ids)
    postcodes = _postcodes([row[3] for row in residents] + [row["postcode"] for row in pieces])

    engine_residents = tuple(
        EngineResident(
            id=pk,
            proposable=not not_proposable,
            not_proposable=not_proposable,
            talents=talents.get(pk, ()) + (tuple(split_words(own_words)) if own_words else ()),
            skills=tuple(split_words(skills)) if skills else (),
            dream="\n".join(dreams.get(pk, ())),
            postcode=normalize_postcode(postcode) if postcode else None,
            hours_per_week=_hours(hours),
            wants=wants or "both",
            travel=TRAVEL.get(travel, "overal"),
            priority=_priority(is_impact_participant, is_long_registered),
            birth_date=born,
            consent=has_consent,
            days=_days(_json_list(days)),
            support_needed=support.get(pk, ()),
        )
        for (
            pk,
            own_words,
            skills,
            postcode,
            hours,
            wants,
            travel,
            born,
            days,
            has_consent,
            is_impact_participant,
            is_long_registered,
            not_proposable,
        ) in residents
    )
    free_places = {row["pk"]: max(0, row["people_needed"] - row["places_taken"]) for row in pieces}
    engine_work = tuple(
        EngineWork(
            id=row["pk"],
            kind=row["kind"],
            title=row["title"],
            description=row["description"],
            talents=piece_talents.get(row["pk"], ()),
            skills=tuple(str(word).strip() for word in row["skills"] or () if str(word).strip()),
            postcode=normalize_postcode(row["postcode"]) if row["postcode"] else None,
            hours_per_week=_hours(row["hours_per_week"]),
            paid=row["is_paid"],
            people=max(1, free_places[row["pk"]]),
            days=_days(row["days"]),
        )
        for row in pieces
    )
    scenario = Scenario(
        residents=engine_residents,
        work=engine_work,
        postcodes=postcodes,
        today=today,
        declined=tuple(excluded),
        weights=matching_settings.engine_weights(),
    )
    return LoadedScenario(
        scenario=scenario,
        piece_status={row["pk"]: row["status"] for row in pieces},
        people_needed={row["pk"]: row["people_needed"] for row in pieces},
        free_places=free_places,
        registered=registered,
    )


def _residents(bureau, today: datetime.date) -> tuple[list[tuple], dict[int, float]]:
    """One tuple per resident, in the order `load_scenario` unpacks them. Days come as JSON
    text: parsing only the lists that are not empty is much faster on 10,000 rows. The last
    item is what keeps the resident from being proposed (`eligibility`), consent aside: the
    engine has its own `consent`."""
    from buurtbaan.impact.models import AssignmentStatus, ImpactParticipant, Outcome

    participating = ImpactParticipant.objects.filter(
        resident=OuterRef("pk"),
        outcome=Outcome.NONE_YET,
        assignment__status__in=[AssignmentStatus.AGREEING, AssignmentStatus.RUNNING],
    )
    long_registered = Q(created_at__lt=_start_of(today) - LONG_REGISTERED) & ~Q(stage=Stage.PLACED)
    residents = eligibility.annotate(
        Resident.objects.filter(bureau=bureau, is_anonymised=False)
    ).annotate(
        days_text=Cast("available_days", output_field=TextField()),
        is_impact_participant=Exists(participating),
        is_long_registered=ExpressionWrapper(long_registered, output_field=BooleanField()),
    )
    columns = (
        "pk",
        "own_talent_words",
        "skills",
        "postcode",
        "hours_per_week",
        "wants",
        "travel",
        "date_of_birth",
        "days_text",
        "has_matching_consent",
        "is_impact_participant",
        "is_long_registered",
    )
    rows, registered = [], {}
    wanted = dict.fromkeys((*columns, "created_at", *eligibility.FIELDS))
    for row in residents.order_by("pk").values(*wanted):
        codes = eligibility.codes_for(row)
        not_proposable = tuple(code for code in codes if code != eligibility.NO_CONSENT)
        rows.append((*(row[name] for name in columns), not_proposable))
        registered[row["pk"]] = row["created_at"].timestamp()
    return rows, registered


def _pieces(bureau) -> list[dict]:
    return list(
        PieceOfWork.objects.filter(bureau=bureau, status__in=MATCHABLE_STATUSES)
        .annotate(places_taken=Count("matches", filter=Q(matches__status__in=PLACE_STATUSES)))
        .order_by("pk")
        .values(
            "pk",
            "kind",
            "title",
            "description",
            "skills",
            "postcode",
            "hours_per_week",
            "is_paid",
            "people_needed",
            "days",
            "status",
            "places_taken",
        )
    )


def _talents(bureau, resident_ids: set[int], piece_ids: set[int]):
    """Talent names per resident and per piece (two queries over the M2M tables)."""
    resident_talents: dict[int, list[str]] = defaultdict(list)
    through = Resident.talents.through
    for resident_id, name in (
        through.objects.filter(resident__bureau=bureau)
        .order_by("resident_id", "talent__name")
        .values_list("resident_id", "talent__name")
    ):
        if resident_id in resident_ids:
            resident_talents[resident_id].append(name)
    resident_talents = {key: tuple(names) for key, names in resident_talents.items()}
    piece_talents: dict[int, list[str]] = defaultdict(list)
    through = PieceOfWork.talents_needed.through
    for piece_id, name in (
        through.objects.filter(pieceofwork__bureau=bureau)
        .order_by("pieceofwork_id", "talent__name")
        .values_list("pieceofwork_id", "talent__name")
    ):
        if piece_id in piece_ids:
            piece_talents[piece_id].append(name)
    piece_talents = {key: tuple(names) for key, names in piece_talents.items()}
    return resident_talents, piece_talents


def _dreams(bureau) -> dict[int, list[str]]:
    dreams: dict[int, list[str]] = defaultdict(list)
    for resident_id, text in (
        Dream.objects.filter(resident__bureau=bureau)
        .order_by("resident_id", "position", "pk")
        .values_list("resident_id", "description")
    ):
        if text.strip():
            dreams[resident_id].append(text.strip())
    return dreams


def _support(bureau) -> dict[int, list[str]]:
    support: dict[int, list[str]] = defaultdict(list)
    for resident_id, text in (
        Barrier.objects.filter(resident__bureau=bureau, is_resolved=False)
        .exclude(support_needed="")
        .order_by("resident_id", "pk")
        .values_list("resident_id", "support_needed")
    ):
        if text.strip():
            support[resident_id].append(text.strip())
    return {key: tuple(texts) for key, texts in support.items()}


def _declined_pairs(bureau, resident_ids, piece_ids) -> list[tuple[int, int]]:
    pairs = (
        Match.objects.filter(bureau=bureau, status=MatchStatus.DECLINED)
        .order_by("resident_id", "piece_id")
        .values_list("resident_id", "piece_id")
        .distinct()
    )
    return [pair for pair in pairs if pair[0] in resident_ids and pair[1] in piece_ids]


def _postcodes(postcodes) -> dict[str, tuple[float, float]]:
    areas = {postcode[:4] for postcode in postcodes if postcode and len(postcode) >= 4}
    return {
        pc4: (latitude, longitude)
        for pc4, latitude, longitude in PostcodeArea.objects.filter(pc4__in=areas).values_list(
            "pc4", "latitude", "longitude"
        )
    }


def _hours(value) -> float | None:
    if value is None:
        return None
    return min(float(value), MAX_HOURS)


def _days(values) -> tuple[int, ...] | None:
    """Weekday values ("mon") as the engine's numbers; None when no days were given."""
    numbers = sorted({DAY_NUMBERS[day] for day in values or () if day in DAY_NUMBERS})
    return tuple(numbers) or None


def _priority(is_impact_participant: bool, is_long_registered: bool) -> float:
    if is_impact_participant:
        return IMPACT_PRIORITY
    if is_long_registered:
        return LONG_REGISTERED_PRIORITY
    return 0.0


def _json_list(text: str | None) -> list:
    if not text or text == "[]":
        return []
    value = json.loads(text)
    return value if isinstance(value, list) else []


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
