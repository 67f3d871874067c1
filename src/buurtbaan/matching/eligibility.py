"""Who may be proposed for work: one rule for single suggestions, teams, the round and proposing.

A resident of the bureau may be proposed when **all** of these hold (docs/matching.md, "Who may
be proposed"):

- their data was not erased (``erased``);
- they agree to be proposed for work: an active consent for matching (``no_consent``);
- when they signed up themselves, they confirmed their e-mail address (``not_confirmed``);
- their intake is completed, or a coach marked them ready to be proposed (``no_intake``);
- there is something to match on: a talent, talents in their own words, a skill or a dream
  (``nothing_to_match``);
- their stage is not "not now" (``not_now``) nor "referred elsewhere" (``referred``);
- they live in the bureau's area, or they will travel beyond their own neighbourhood and their
  postcode is in the postcode table, so the engine can check the distance (``outside_area``).

Each failed condition has a stable code (kept in the engine scenario's ``not_proposable`` and
shown as a badge in the talent bank) and a sentence in words. The facts come from one annotated
query (`annotate`), so a list of residents costs the same whatever its length; `codes_for` reads
them from a row, `not_proposable` checks one resident against the database, `proposable_ids`
judges a queryset.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from buurtbaan.matching.models import PostcodeArea
from buurtbaan.residents.models import (
    Consent,
    ConsentScope,
    Dream,
    Intake,
    Resident,
    Stage,
    TravelRange,
)

ERASED = "erased"
NO_CONSENT = "no_consent"
NOT_CONFIRMED = "not_confirmed"
NO_INTAKE = "no_intake"
NOTHING_TO_MATCH = "nothing_to_match"
NOT_NOW = "not_now"
REFERRED = "referred"
OUTSIDE_AREA = "outside_area"

#: Every code, in the order they are checked and shown.
CODES = (
    ERASED,
    NO_CONSENT,
    NOT_CONFIRMED,
    NO_INTAKE,
    NOTHING_TO_MATCH,
    NOT_NOW,
    REFERRED,
    OUTSIDE_AREA,
)

#: Why a resident may not be proposed, as a sentence about them ("… cannot be proposed yet: …").
REASONS = {
    ERASED: _("their data was erased"),
    NO_CONSENT: _("has not agreed to be proposed for work"),
    NOT_CONFIRMED: _("has not confirmed their e-mail address yet"),
    NO_INTAKE: _("has had no intake yet, and no coach marked them ready to be proposed"),
    NOTHING_TO_MATCH: _("has no talents, skills or dreams recorded yet"),
    NOT_NOW: _("is in the stage “not now”"),
    REFERRED: _("was referred elsewhere"),
    OUTSIDE_AREA: _(
        "lives outside the bureau's area, and wants work in their own neighbourhood or lives "
        "where the distance to the work is not known"
    ),
}

#: The same, as a short badge in the talent bank.
BADGES = {
    ERASED: _("erased"),
    NO_CONSENT: _("no consent"),
    NOT_CONFIRMED: _("not confirmed"),
    NO_INTAKE: _("no intake yet"),
    NOTHING_TO_MATCH: _("no talents yet"),
    NOT_NOW: _("not now"),
    REFERRED: _("referred"),
    OUTSIDE_AREA: _("cannot be placed from here"),
}

#: Stages in which a resident is not proposed.
STAGE_CODES = {Stage.NOT_NOW: NOT_NOW, Stage.REFERRED: REFERRED}


def annotate(residents: QuerySet) -> QuerySet:
    """The residents with the facts the rule needs, as subqueries of the same query.

    Adds ``has_matching_consent``, ``is_unconfirmed``, ``has_completed_intake``,
    ``has_something_to_match`` and ``is_placeable``.
    """
    consent = Consent.objects.filter(
        resident=OuterRef("pk"), scope=ConsentScope.MATCHING, withdrawn_at__isnull=True
    )
    # A self-registration's account stays inactive, and was never used, until it is confirmed
    # (see `residents.actions.unconfirmed_resident`).
    unconfirmed = get_user_model().objects.filter(
        pk=OuterRef("user_id"), is_active=False, last_login__isnull=True
    )
    completed_intake = Intake.objects.filter(resident=OuterRef("pk"), completed_at__isnull=False)
    talent = Resident.talents.through.objects.filter(resident_id=OuterRef("pk"))
    dream = Dream.objects.filter(resident=OuterRef("pk")).exclude(description="")
    known_postcode = PostcodeArea.objects.filter(pc4=Substr(OuterRef("postcode"), 1, 4))
    return residents.annotate(
        has_matching_consent=Exists(consent),
        is_unconfirmed=Exists(unconfirmed),
        has_completed_intake=Exists(completed_intake),
        has_something_to_match=Q(Exists(talent))
        | Q(Exists(dream))
        | ~Q(own_talent_words="")
        | ~Q(skills=""),
        is_placeable=Q(is_outside_area=False)
        | (~Q(travel=TravelRange.NEIGHBOURHOOD) & Q(Exists(known_postcode))),
    )


def codes_for(resident) -> list[str]:
    """The codes of the conditions an annotated resident (see `annotate`) fails; [] when they
    may be proposed. Works on a model instance or on a dict of the same values."""

    def fact(name):
        return resident[name] if isinstance(resident, dict) else getattr(resident, name)

    if fact("is_anonymised"):
        return [ERASED]
    failed = []
    if not fact("has_matching_consent"):
        failed.append(NO_CONSENT)
    if fact("is_unconfirmed"):
        failed.append(NOT_CONFIRMED)
    if not (fact("has_completed_intake") or fact("is_ready_to_propose")):
        failed.append(NO_INTAKE)
    if not fact("has_something_to_match"):
        failed.append(NOTHING_TO_MATCH)
    if fact("stage") in STAGE_CODES:
        failed.append(STAGE_CODES[fact("stage")])
    if not fact("is_placeable"):
        failed.append(OUTSIDE_AREA)
    return failed


#: The fields `codes_for` reads besides the annotations (for `values()` queries).
FIELDS = (
    "is_anonymised",
    "is_ready_to_propose",
    "stage",
    "has_matching_consent",
    "is_unconfirmed",
    "has_completed_intake",
    "has_something_to_match",
    "is_placeable",
)


def not_proposable(resident: Resident) -> list[str]:
    """The codes one resident fails, read from the database now (one query)."""
    row = annotate(Resident.objects.filter(pk=resident.pk)).values(*FIELDS).first()
    return [ERASED] if row is None else codes_for(row)


def proposable_ids(residents: QuerySet) -> set[int]:
    """The ids of the residents who may be proposed (one query).

    The facts are read with `annotate` and judged here by `codes_for`, rather than filtered in
    SQL: PostgreSQL plans the filter on these subqueries badly (4.4 s against 0.09 s for 10,000
    residents, measured with bench/matching_db.py's database)."""
    return {
        row["pk"]
        for row in annotate(residents).order_by().values("pk", *FIELDS)
        if not codes_for(row)
    }


def reasons(codes: Iterable[str]) -> list[str]:
    """Each code as a sentence in the reader's language (unknown codes are left out)."""
    return [str(REASONS[code]) for code in codes if code in REASONS]


def badges(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, short label) for each code, for the talent bank's badges."""
    return [(code, str(BADGES[code])) for code in codes if code in BADGES]


#: Codes a talent-bank badge may show to staff who may not see the resident's profile: they say
#: nothing about what the profile holds (the stage and the outside-area flag are shown anyway).
CODES_WITHOUT_PROFILE = frozenset(CODES) - {NOTHING_TO_MATCH}


def mark_badges(residents: Iterable[Resident]) -> list[Resident]:
    """Set `not_proposable_badges` ((code, label) pairs) on each resident of a list annotated by
    `annotate`, leaving out what a hidden profile would tell (`can_see_profile`, when set, as
    `residents.permissions.mark_visible_profiles` does). No query."""
    residents = list(residents)
    for resident in residents:
        codes = codes_for(resident)
        if not getattr(resident, "can_see_profile", True):
            codes = [code for code in codes if code in CODES_WITHOUT_PROFILE]
        resident.not_proposable_badges = badges(codes)
    return residents
