"""The subsidiarity assistant's suggestion: the lowest scale level that has someone with the
needed talents and capacity in the neighbourhood. Reads only; the decision itself is taken by a
person through `work.actions.answer_subsidiarity_question`.

The heuristic, level by level (documented here because staff see its outcome as advice):

1. **Residents**: current residents of the bureau who agreed to be proposed for work
   (`ConsentScope.MATCHING`), who have *all* the talents the piece needs (when it needs none:
   whose skills or own talent words share a word with the piece), and whose stated `hours_per_week` covers the piece's weekly hours (when the piece
   has weekly hours; otherwise any stated hours > 0). Commitments elsewhere are not subtracted:
   the talent bank does not record them yet.
2. **Personal relations**: only when a resident asks for the piece — the active helpers in that
   resident's network whose "helps with" text shares a word with the piece (its talents, skills
   and title), and whose hours a week cover the piece's weekly hours (unknown hours count as
   enough: helpers are asked, never assigned).
3. to 5. **Organisations**: active organisations of the bureau at that level whose "what they
   offer" or "what they do" text shares a word with the piece. Organisations do not record
   capacity, so it is not checked.

Words are compared after Dutch stemming (snowballstemmer), and two stems also match when one
contains the other or they share all but their last two letters (isoleren ~ isolatie,
onderhoud ~ groenonderhoud), with short words (under four letters) ignored.
The suggested level is the lowest with at least one candidate; each level says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtbaan.organisations.models import Organisation, PersonalRelation, ScaleLevel
from buurtbaan.residents.models import ConsentScope, Resident
from buurtbaan.work.models import AskerKind, PieceOfWork

MAX_CANDIDATES = 5
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# Words that say nothing about the work itself.
_STOPWORDS = {
    "voor",
    "door",
    "naar",
    "met",
    "een",
    "het",
    "van",
    "de",
    "aan",
    "bij",
    "werk",
    "klus",
    "keer",
    "week",
    "samen",
    "alle",
    "with",
    "from",
    "work",
    "the",
    "and",
}


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("dutch")


def stems(text: str) -> set[str]:
    return {_stem(word) for word in _WORD.findall(text or "") if word.lower() not in _STOPWORDS}


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 6 and shorter in longer:
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(5, len(shorter) - 2)


def shared_words(piece_stems: set[str], text: str) -> bool:
    other = stems(text)
    return any(_similar(a, b) for a in piece_stems for b in other)


@dataclass
class LevelFinding:
    level: ScaleLevel
    candidates: list[str] = field(default_factory=list)
    count: int = 0
    explanation: str = ""

    @property
    def has_candidates(self) -> bool:
        return self.count > 0


@dataclass
class Suggestion:
    level: ScaleLevel | None
    findings: list[LevelFinding]

    def finding(self, level: int) -> LevelFinding:
        return self.findings[int(level) - 1]


def _piece_stems(piece: PieceOfWork, talents) -> set[str]:
    words = [talent.name for talent in talents] + list(piece.skills) + [piece.title]
    return stems(" ".join(words))


def _residents(piece: PieceOfWork, talents, piece_stems: set[str]) -> LevelFinding:
    finding = LevelFinding(ScaleLevel.RESIDENT)
    residents = (
        Resident.objects.current()
        .with_consent(ConsentScope.MATCHING)
        .filter(bureau_id=piece.bureau_id, hours_per_week__gt=0)
    )
    if piece.hours_per_week:
        residents = residents.filter(hours_per_week__gte=piece.hours_per_week)
    if talents:
        residents = residents.annotate(
            matching_talents=Count("talents", filter=Q(talents__in=talents), distinct=True)
        ).filter(matching_talents=len(talents))
        fitting = list(residents.order_by("last_name", "pk"))
    else:
        # Without talents to compare, the resident's own words must share a word with the piece.
        residents = residents.only("first_name", "last_name", "skills", "own_talent_words")
        fitting = [
            r
            for r in residents.order_by("last_name", "pk")
            if shared_words(piece_stems, f"{r.skills} {r.own_talent_words}")
        ]
    finding.count = len(fitting)
    finding.candidates = [str(r) for r in fitting[:MAX_CANDIDATES]]
    finding.explanation = ngettext(
        "%(count)d resident who agreed to be proposed for work has the talents and the hours.",
        "%(count)d residents who agreed to be proposed for work have the talents and the hours.",
        finding.count,
    ) % {"count": finding.count}
    return finding


def _relations(piece: PieceOfWork, piece_stems: set[str]) -> LevelFinding:
    finding = LevelFinding(ScaleLevel.PERSONAL_RELATION)
    if piece.asked_by_kind != AskerKind.RESIDENT or not piece.asked_by_resident_id:
        finding.explanation = _(
            "No resident asks for this piece, so there is no personal network to ask."
        )
        return finding
    relations = PersonalRelation.objects.filter(
        resident_id=piece.asked_by_resident_id, is_active=True
    ).select_related("helper")
    if piece.hours_per_week:
        relations = relations.filter(
            Q(hours_per_week__isnull=True) | Q(hours_per_week__gte=piece.hours_per_week)
        )
    fitting = [r for r in relations if shared_words(piece_stems, r.helps_with)]
    finding.count = len(fitting)
    finding.candidates = [r.display_name for r in fitting[:MAX_CANDIDATES]]
    finding.explanation = ngettext(
        "%(count)d person in the network of the resident who asks helps with this kind of work.",
        "%(count)d people in the network of the resident who asks help with this kind of work.",
        finding.count,
    ) % {"count": finding.count}
    return finding


def _organisations(piece: PieceOfWork, piece_stems: set[str], level, organisations):
    finding = LevelFinding(level)
    fitting = [
        org
        for org in organisations
        if org.scale_level == level and shared_words(piece_stems, f"{org.offers} {org.description}")
    ]
    finding.count = len(fitting)
    finding.candidates = [org.name for org in fitting[:MAX_CANDIDATES]]
    finding.explanation = ngettext(
        "%(count)d organisation at this level offers this kind of work.",
        "%(count)d organisations at this level offer this kind of work.",
        finding.count,
    ) % {"count": finding.count}
    return finding


def suggest_scale_level(*, piece: PieceOfWork) -> Suggestion:
    """The lowest level with someone who has the talents and capacity (see the module docstring).
    Anyone who may see the piece may call it; it reads only, in a fixed number of queries."""
    talents = list(piece.talents_needed.all())
    piece_stems = _piece_stems(piece, talents)
    organisations = list(
        Organisation.objects.active()
        .filter(bureau_id=piece.bureau_id, scale_level__gte=ScaleLevel.SOCIAL_ENTERPRISE)
        .only("name", "scale_level", "offers", "description")
    )
    findings = [_residents(piece, talents, piece_stems), _relations(piece, piece_stems)]
    findings += [
        _organisations(piece, piece_stems, level, organisations)
        for level in (
            ScaleLevel.SOCIAL_ENTERPRISE,
            ScaleLevel.COMMERCIAL_BUSINESS,
            ScaleLevel.PUBLIC_SERVICE,
        )
    ]
    suggested = next((f.level for f in findings if f.has_candidates), None)
    return Suggestion(level=suggested, findings=findings)
