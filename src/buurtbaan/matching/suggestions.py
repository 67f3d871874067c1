"""Suggestions both ways, teams and explanations, from the bureau's prepared engine.

The prepared engine comes from `matching.cache` (milliseconds when cached). What changes with
every proposal is read from the database on each call and applied on top, so the engine's cache
survives proposals:

- residents who already have a match for the piece (other than a stopped one) are not suggested
  again for it, nor are pairs declined since the engine was built;
- suggested work for a resident is **open** work with a free place;
- a team leaves out residents who already consider as many open proposals as the bureau allows,
  so the team it composes can be proposed as it is (candidates show them, with their count).

Each function runs a fixed number of queries (the cache's own load aside): a list of 10 or of 50
candidates costs the same.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from buurtbaan.matching import cache, eligibility, queries
from buurtbaan.matching.engine import (
    Prepared,
    RoundResult,
    Team,
    compose_team,
    explain_pair,
    solve_round,
)
from buurtbaan.matching.models import ACTIVE_STATUSES, PLACE_STATUSES, Match, MatchStatus
from buurtbaan.matching.reasons import score_percent
from buurtbaan.residents.models import Resident
from buurtbaan.work.models import PieceOfWork, WorkStatus

DEFAULT_TOP = 10


@dataclass
class Candidate:
    """A suggested pair: the resident or the piece, the fit and why."""

    resident: Resident | None
    piece: PieceOfWork | None
    score: float
    reasons: list[dict]
    support: list[str]
    open_proposals: int = 0


@dataclass
class Suggestions:
    """A ranked list, or why there is none (`unavailable`: a message for the page). For one
    resident's work, `support` is what that resident needs whatever the work (their open barriers)."""

    candidates: list[Candidate] = field(default_factory=list)
    unavailable: str = ""
    support: list[str] = field(default_factory=list)

    @property
    def has_ties(self) -> bool:
        """Whether two candidates show the same fit: the page then says how they are ordered."""
        shown = [score_percent(candidate.score) for candidate in self.candidates]
        return len(set(shown)) < len(shown)


@dataclass
class TeamProposal:
    """A composed team for group work, with what it covers and what it does not (`team` is the
    engine's answer, for its exchange form)."""

    team: Team
    members: list[Candidate]
    covered: list[str]
    uncovered: list[str]
    coverage: float
    size: int
    open_places: int
    is_exact: bool


@dataclass(frozen=True)
class Explanation:
    score: float
    reasons: list[dict]
    exclusions: list[dict]
    support: list[str]

    @property
    def is_allowed(self) -> bool:
        return not self.exclusions


def _taken_residents(piece) -> set[int]:
    """Residents who have (or had, other than stopped) a match for the piece."""
    return set(
        Match.objects.filter(piece=piece)
        .exclude(status=MatchStatus.STOPPED)
        .values_list("resident_id", flat=True)
    )


def _positions(prepared: Prepared, ids, of: str) -> list[int]:
    lookup = prepared.resident_position if of == "resident" else prepared.work_position
    positions = []
    for item_id in ids:
        try:
            positions.append(lookup(item_id))
        except LookupError:
            continue
    return positions


def ranked_positions(
    prepared: Prepared,
    is_candidate: np.ndarray,
    k: int,
    *,
    resident: int | None = None,
    piece: int | None = None,
    registered: dict | None = None,
) -> np.ndarray:
    """The `k` best candidates for one piece (pass `piece`, candidates are residents) or for one
    resident (pass `resident`, candidates are pieces), best first.

    Best is the fit as the page shows it (a whole percentage). Candidates with the same fit are
    ordered by what tells them apart, uncapped where the fit caps: availability (days available
    of those the work asks, then hours a week), distance (nearest first, unknown last), the
    dream, time waiting (registered earliest first; residents only) and finally the position
    (the id's order), so the same data always gives the same list. Every candidate tied with the
    k-th is looked at, not only the first k.
    """
    line = prepared.scores[:, piece] if piece is not None else prepared.scores[resident]
    candidates = np.flatnonzero(is_candidate)
    if k <= 0 or not len(candidates):
        return candidates[:0]
    percent = np.round(np.clip(line[candidates].astype(np.float64), 0.0, 1.0) * 100)
    if k < len(candidates):
        cut_off = -np.partition(-percent, k - 1)[k - 1]
        candidates, percent = candidates[percent >= cut_off], percent[percent >= cut_off]
    if piece is not None:
        cols = np.array([piece])
        components, km, _ = prepared.block(candidates, cols)
        dream, km = components["dream"][:, 0], km[:, 0]
        days = prepared.shared_days(candidates, cols)[:, 0]
        hours = prepared.resident_hours(candidates).astype(np.float64)
        registered = registered or {}
        waiting = np.array(
            [registered.get(prepared.residents[i].id, np.inf) for i in candidates],
            dtype=np.float64,
        )
    else:
        rows = np.array([resident])
        components, km, _ = prepared.block(rows, candidates)
        dream, km = components["dream"][0], km[0]
        days = prepared.shared_days(rows, candidates)[0]
        hours = components["hours"][0].astype(np.float64)
        waiting = np.zeros(len(candidates))
    order = np.lexsort(
        (
            candidates,
            waiting,
            -dream,
            np.where(np.isnan(km), np.inf, km),
            -np.where(np.isnan(hours), -1.0, hours),
            -days,
            -percent,
        )
    )
    return candidates[order[:k]]


def candidates_for_piece(bureau, piece, *, k: int = DEFAULT_TOP) -> Suggestions:
    """The `k` best residents for a piece, with reasons and the support they would need."""
    engine = cache.prepared_for(bureau)
    if piece.pk not in engine.piece_status:
        return Suggestions(unavailable=_("Work that is done or cancelled gets no candidates."))
    prepared = engine.prepared
    j = prepared.work_position(piece.pk)
    is_candidate = prepared.allowed[:, j].copy()
    is_candidate[_positions(prepared, _taken_residents(piece), "resident")] = False
    rows = ranked_positions(prepared, is_candidate, k, piece=j, registered=engine.registered)
    ids = [prepared.residents[i].id for i in rows]
    residents = Resident.objects.select_related("coach").prefetch_related("consents").in_bulk(ids)
    counts = queries.open_proposal_counts(ids)
    candidates = []
    for i in rows:
        explanation = prepared.explain(int(i), j)
        resident = residents.get(explanation.resident_id)
        if resident is None:  # removed since the engine was built
            continue
        candidates.append(
            Candidate(
                resident=resident,
                piece=piece,
                score=explanation.score,
                reasons=[reason.to_dict() for reason in explanation.reasons],
                support=list(explanation.support),
                open_proposals=counts.get(resident.pk, 0),
            )
        )
    return Suggestions(candidates=candidates)


def work_for_resident(bureau, resident, *, k: int = DEFAULT_TOP) -> Suggestions:
    """The `k` best open pieces with a free place for a resident."""
    engine = cache.prepared_for(bureau)
    prepared = engine.prepared
    try:
        i = prepared.resident_position(resident.pk)
    except LookupError:
        return Suggestions(unavailable=_("This resident's data was erased."))
    if not prepared.residents[i].consent:
        return Suggestions(
            unavailable=_(
                "This resident has not agreed to be proposed for work. Record their consent "
                "first if they want to be."
            )
        )
    if not prepared.residents[i].proposable:
        return Suggestions(
            unavailable=_("This resident cannot be proposed yet: %(why)s.")
            % {"why": "; ".join(eligibility.reasons(prepared.residents[i].not_proposable))}
        )
    taken = queries.places_taken(bureau)
    is_candidate = prepared.allowed[i].copy()
    for j, piece in enumerate(prepared.work):
        if engine.piece_status.get(piece.id) != WorkStatus.OPEN or taken.get(
            piece.id, 0
        ) >= engine.people_needed.get(piece.id, 1):
            is_candidate[j] = False
    own = (
        Match.objects.filter(resident=resident)
        .exclude(status=MatchStatus.STOPPED)
        .values_list("piece_id", flat=True)
    )
    is_candidate[_positions(prepared, own, "work")] = False
    cols = ranked_positions(prepared, is_candidate, k, resident=i)
    ids = [prepared.work[j].id for j in cols]
    pieces = PieceOfWork.objects.select_related("carried_by_organisation").in_bulk(ids)
    candidates = []
    for j in cols:
        explanation = prepared.explain(i, int(j))
        piece = pieces.get(explanation.work_id)
        if piece is None:
            continue
        candidates.append(
            Candidate(
                resident=resident,
                piece=piece,
                score=explanation.score,
                reasons=[reason.to_dict() for reason in explanation.reasons],
                support=list(explanation.support),
            )
        )
    return Suggestions(candidates=candidates, support=list(prepared.residents[i].support_needed))


def team_for_piece(bureau, piece) -> TeamProposal | None:
    """The best team for the free places of a piece of group work; None when it has none."""
    engine = cache.prepared_for(bureau)
    if piece.pk not in engine.piece_status:
        return None
    free = (
        piece.people_needed - Match.objects.filter(piece=piece, status__in=PLACE_STATUSES).count()
    )
    if free < 1:
        return None
    prepared = engine.prepared
    j = prepared.work_position(piece.pk)
    limit = queries.settings_for(bureau).max_open_proposals
    left_out = _taken_residents(piece) | queries.residents_at_proposal_limit(bureau, limit)
    team = compose_team(
        _excluding(prepared, j, _positions(prepared, left_out, "resident")), piece.pk, size=free
    )
    ids = [member.resident_id for member in team.members]
    residents = Resident.objects.select_related("coach").prefetch_related("consents").in_bulk(ids)
    members = []
    for member in team.members:
        explanation = prepared.explain(prepared.resident_position(member.resident_id), j)
        resident = residents.get(member.resident_id)
        if resident is None:
            continue
        members.append(
            Candidate(
                resident=resident,
                piece=piece,
                score=member.score,
                reasons=[reason.to_dict() for reason in explanation.reasons],
                support=list(explanation.support),
            )
        )
    return TeamProposal(
        team=team,
        members=members,
        covered=list(team.covered),
        uncovered=list(team.uncovered),
        coverage=team.coverage,
        size=free,
        open_places=team.open_places,
        is_exact=team.is_exact,
    )


def _excluding(prepared: Prepared, j: int, rows: list[int]) -> Prepared:
    """The prepared engine with the pairs (rows, j) not allowed, leaving the cached one as it is."""
    if not rows:
        return prepared
    view = copy.copy(prepared)
    view.allowed = np.array(prepared.allowed, order="F", copy=True)
    view.allowed[rows, j] = False
    return view


def explain(bureau, resident, piece) -> Explanation | None:
    """Score, reasons, exclusions and support of one pair; None when either is not in the
    engine (erased resident, or work that is done or cancelled)."""
    return explain_ids(bureau, resident.pk, piece.pk)


def prepared_engine(bureau) -> Prepared:
    """The bureau's scored engine (from the cache when fresh), to explain many pairs with."""
    return cache.prepared_for(bureau).prepared


def explain_ids(
    bureau, resident_id: int, piece_id: int, *, prepared: Prepared | None = None
) -> Explanation | None:
    """As `explain`, by ids; pass `prepared` (from `prepared_engine`) to explain many pairs."""
    prepared = prepared if prepared is not None else prepared_engine(bureau)
    try:
        explanation = explain_pair(prepared, resident_id, piece_id)
    except LookupError:
        return None
    return Explanation(
        score=explanation.score,
        reasons=[reason.to_dict() for reason in explanation.reasons],
        exclusions=[reason.to_dict() for reason in explanation.exclusions],
        support=list(explanation.support),
    )


class RoundView(Prepared):
    """The bureau's scored engine as a matching round sees it, without copying the scores.

    Residents with an active match (proposed, introduced, started) are left out: they are being
    helped, and the round shares the rest of the work among the others. Only **open** work with
    a free place takes part, with its free places as `places`; pairs that were declined or that
    completed a match before are not proposed again. The engine's `solve_round` reads only
    `scores`, `allowed`, `priority`, `places`, `weights`, `residents` and `work`.
    """

    def __init__(self, base: Prepared, allowed: np.ndarray, places: np.ndarray, busy: list[int]):
        # Not Prepared.__init__: the scores exist already; share them and replace what differs.
        self.__dict__.update(base.__dict__)
        self.allowed = allowed
        self._round_places = places
        #: Residents the round may propose: they pass `matching.eligibility` (consent to be
        #: proposed among it) and have nothing running.
        self.is_considered = np.array(
            [r.consent and r.proposable for r in base.residents], dtype=bool
        )
        self.is_considered[busy] = False

    @property
    def places(self) -> np.ndarray:
        return self._round_places


@dataclass(frozen=True)
class ComputedRound:
    prepared: RoundView
    result: RoundResult
    residents_considered: int
    pieces_considered: int


def round_view(bureau, engine: cache.PreparedBureau) -> RoundView:
    """Apply what a round leaves out to the scored engine (four queries, any size)."""
    prepared = engine.prepared
    active = Match.objects.filter(bureau=bureau, status__in=ACTIVE_STATUSES)
    busy = _positions(prepared, set(active.values_list("resident_id", flat=True)), "resident")
    taken = queries.places_taken(bureau)
    places = np.array(
        [
            max(0, engine.people_needed.get(piece.id, 0) - taken.get(piece.id, 0))
            if engine.piece_status.get(piece.id) == WorkStatus.OPEN
            else 0
            for piece in prepared.work
        ],
        dtype=np.int64,
    )
    allowed = np.array(prepared.allowed, order="F", copy=True)
    allowed[busy, :] = False
    allowed[:, places == 0] = False
    closed = Match.objects.filter(
        bureau=bureau, status__in=[MatchStatus.DECLINED, MatchStatus.COMPLETED]
    ).values_list("resident_id", "piece_id")
    for resident_id, piece_id in closed:
        rows = _positions(prepared, [resident_id], "resident")
        cols = _positions(prepared, [piece_id], "work")
        if rows and cols:
            allowed[rows[0], cols[0]] = False
    return RoundView(prepared, allowed, places, busy)


def compute_round(bureau, matching_settings=None) -> ComputedRound:
    """The matching round for the bureau, scored fresh from the database, without writing
    anything but the engine cache (which the candidate pages then use)."""
    matching_settings = matching_settings or queries.settings_for(bureau)
    view = round_view(bureau, cache.prepared_for(bureau, fresh=True))
    result = solve_round(
        view,
        max_per_resident=matching_settings.max_open_proposals,
        min_score=float(matching_settings.min_score),
        # A coordinator waits for this page: past the limit the round keeps the best allocation
        # found and says how far from the optimum it may be (shown on the round's page).
        time_limit=settings.MATCHING_ROUND_SECONDS or None,
    )
    return ComputedRound(
        prepared=view,
        result=result,
        residents_considered=int(view.is_considered.sum()),
        pieces_considered=int((view.places > 0).sum()),
    )
