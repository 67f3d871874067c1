"""The matching round: one proposal list for all open work, solved exactly.

Choose pairs x_ij ∈ {0, 1} to

    maximise  Σ x_ij · g_ij,   g_ij = fit_ij + priority_weight · priority_i
    subject to Σ_i x_ij ≤ people_j              (places per piece)
               Σ_j x_ij ≤ max_per_resident      (fairness cap per resident)
               x_ij = 0 unless the pair is allowed and fit_ij ≥ min_score.

This is a bipartite b-matching. Its constraint matrix is the incidence matrix of a bipartite graph,
which is totally unimodular, so the LP relaxation has integral vertices and a simplex solution is an
optimal allocation. That is checked, not assumed: a solution that is not 0/1 is solved again as an
integer program, and the final allocation is checked against every constraint.

Solving the LP over all 10,000 × 2,000 pairs would be slow, so the round solves it over a
*candidate set* — each piece's best ``2 · people + extra`` residents plus the pairs of a greedy
allocation (each piece in turn takes its best residents with room left, so that the first LP can
fill places even when every piece prefers the same residents) — and then proves the allocation
optimal for *all* pairs with a dual certificate. The LP dual is

    minimise  Σ_j people_j · v_j + max_per_resident · Σ_i u_i + Σ_ij z_ij
    subject to u_i + v_j + z_ij ≥ g_ij for every usable pair,  u, v, z ≥ 0,

and by weak duality *any* u, v ≥ 0 with z_ij = max(0, g_ij - u_i - v_j) bounds the optimum from
above; the bound is computed over the full matrix, every usable pair included. Two sets of duals
are tried. First complementary slackness with the allocation, as difference constraints over the
pairs seen so far, solved by Bellman-Ford; numpy prices every usable pair (reduced cost
g_ij - u_i - v_j), pairs with a positive one join the seen pairs (per piece the shortest, a
bounded number) and Bellman-Ford goes on. If that does not prove the allocation, the LP's own
optimal duals price every pair: a usable pair they leave short is one the restricted LP lacks
(column generation). The short pairs of both join the candidates and the LP is solved again;
from the ``UNCAPPED_AFTER``-th solve on, every short pair joins. The candidate set grows by at
least one pair per solve until no pair outside it prices positive, so the loop ends, in the worst
case with every usable pair. ``gap_bound`` is the dual bound minus the objective, and the
allocation is *certified optimal* when it is at most ``CERTIFICATE_TOLERANCE``. docs/matching.md
has the argument in full.

A coordinator's choices enter as ``forbidden`` pairs (made unusable) and ``fixed`` pairs (taken out
first: each uses a place of its piece and one of its resident's proposals, so the cap becomes one
number per resident), and the rest is solved exactly as above: the optimum given the choices.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from .scenario import Id
from .scoring import Prepared, UnknownIdError

DEFAULT_MIN_SCORE = 0.35
DEFAULT_MAX_PER_RESIDENT = 1
#: The first candidate set holds each piece's best CANDIDATES_PER_PLACE × people + extra residents.
CANDIDATES_PER_PLACE = 2
DEFAULT_EXTRA_CANDIDATES = 10
#: The allocation counts as proven optimal when the dual bound exceeds it by at most this.
CERTIFICATE_TOLERANCE = 1e-6
#: A pair whose reduced cost exceeds this joins the seen pairs.
REDUCED_COST_TOLERANCE = 1e-9
#: Dual constraints are met up to this (float rounding must not keep Bellman-Ford going).
DUAL_SLACK = 1e-12
#: float32 prices may err by a few 1e-7 per unit of gain; pairs within this (times the largest
#: gain or dual, if above 1) of zero are priced again in float64.
FLOAT32_MARGIN = 1e-5
#: Candidate sets up to this size are solved by dual simplex, larger ones by interior point.
SIMPLEX_PAIRS = 50_000
#: An LP solution further than this from 0/1 is solved again as an integer program.
INTEGRALITY_TOLERANCE = 1e-6
#: From this LP solve on, every short pair joins the candidates, not only the shortest per piece.
UNCAPPED_AFTER = 8
MAX_PRICING_ROUNDS = 50
MAX_DUAL_PASSES = 300
#: Pieces priced at once: bounds the temporary arrays.
PIECES_PER_BLOCK = 256


class ChoiceError(ValueError):
    """A forbidden or fixed pair the round cannot honour: unknown, not usable, or too many."""


@dataclass(frozen=True)
class Assignment:
    """One proposal of the round: a resident for a place in a piece of work."""

    resident_id: Id
    work_id: Id
    score: float
    bonus: float


@dataclass(frozen=True)
class RoundResult:
    """The allocation with its totals and whether its optimality is proven.

    ``objective`` is what was maximised (fit plus priority bonus); ``gap_bound`` is how far below
    the true optimum the objective can at most be: at rounding level when certified.
    """

    assignments: tuple[Assignment, ...]
    objective: float
    total_fit: float
    matched_residents: int
    matched_work: int
    places: int
    open_places: int
    is_certified_optimal: bool
    gap_bound: float
    candidate_pairs: int
    lp_solves: int

    def to_dict(self) -> dict[str, Any]:
        """The exchange form: ids as given, numbers rounded to 6 decimals."""
        return {
            "assignments": [
                {"resident": a.resident_id, "work": a.work_id, "score": round(a.score, 4)}
                for a in self.assignments
            ],
            "objective": round(self.objective, 6),
            "total_fit": round(self.total_fit, 6),
            "matched_residents": self.matched_residents,
            "matched_work": self.matched_work,
            "places": self.places,
            "open_places": self.open_places,
            "certified_optimal": self.is_certified_optimal,
            "gap_bound": self.gap_bound,
        }


def round_gains(prepared: Prepared, min_score: float) -> np.ndarray:
    """The gain of each pair in the round (fit + priority bonus), -inf where it may not be used.

    A float32 (residents × work) matrix: the objective the round maximises, also what a dense
    solver is compared on in the benchmark and tests.
    """
    return _gains_by_work(prepared, min_score).T


def _gains_by_work(prepared: Prepared, min_score: float) -> np.ndarray:
    """``round_gains`` laid out work-major: (pieces × residents), C order.

    Pair p = j · R + i indexes its ravel(); a piece's gains are contiguous.
    """
    scores = prepared.scores.T
    bonus = np.float32(prepared.weights.priority_weight) * prepared.priority
    gains = scores + bonus[None, :]
    is_unusable = ~prepared.allowed.T
    is_unusable |= scores < np.float32(min_score)
    np.putmask(gains, is_unusable, -np.inf)
    return gains


def solve_round(
    prepared: Prepared,
    *,
    max_per_resident: int = DEFAULT_MAX_PER_RESIDENT,
    min_score: float = DEFAULT_MIN_SCORE,
    extra_candidates: int = DEFAULT_EXTRA_CANDIDATES,
    time_limit: float | None = None,
    forbidden: Iterable[tuple[Id, Id]] = (),
    fixed: Iterable[tuple[Id, Id]] = (),
) -> RoundResult:
    """Allocate residents to the places of all open work, maximising total gain, exactly.

    ``forbidden`` pairs (resident id, work id) are never proposed; ``fixed`` pairs always are,
    and the rest is solved exactly around them: the optimum *given* those choices, which a
    coordinator compares with the optimum without them. A fixed pair must be usable (allowed,
    fit at least ``min_score``, not forbidden) and fixed pairs may not take more places of a
    piece, or more proposals of a resident, than there are; otherwise ``ChoiceError`` says which.

    ``extra_candidates`` only changes how fast the optimum is found, never its value.
    ``time_limit`` (seconds) stops the search for a proof once it has run that long: the result
    is then the best allocation over the pairs considered so far, always feasible, with
    ``is_certified_optimal`` False and ``gap_bound`` saying how far from the optimum it may be.
    Matrices built to be hard (every piece ranking all residents alike) can need minutes at
    10,000 × 2,000; a person waiting for a page should not.
    """
    started = time.monotonic()
    if max_per_resident < 1:
        raise ValueError("max_per_resident must be at least 1")
    if extra_candidates < 0:
        raise ValueError("extra_candidates must be at least 0")
    if not math.isfinite(min_score):
        raise ValueError("min_score must be a finite number")
    by_work = _gains_by_work(prepared, min_score)
    places = np.array(prepared.places, dtype=np.int64)
    caps = np.full(by_work.shape[1], max_per_resident, dtype=np.int64)
    fixed_pairs = _apply_choices(prepared, by_work, places, caps, forbidden, fixed)
    fixed_gains = by_work.ravel()[fixed_pairs].astype(np.float64)
    # The rest is solved without the fixed pairs' places and proposals, and a fixed pair cannot
    # be chosen a second time.
    by_work.ravel()[fixed_pairs] = -np.inf
    if len(fixed_pairs):
        fixed_work, fixed_residents = np.divmod(fixed_pairs, by_work.shape[1])
        np.subtract.at(places, fixed_work, 1)
        np.subtract.at(caps, fixed_residents, 1)
        by_work[np.unique(fixed_work[places[fixed_work] <= 0])] = -np.inf
        by_work[:, np.unique(fixed_residents[caps[fixed_residents] <= 0])] = -np.inf
    per_work = np.minimum(CANDIDATES_PER_PLACE * places + extra_candidates, by_work.shape[1])
    candidates = _initial_candidates(by_work, per_work)
    candidates = np.union1d(
        candidates, _greedy_allocation(by_work, candidates, per_work, places, caps)
    )
    lp_solves = 0
    while True:
        lp_solves += 1
        restricted = _solve_restricted(by_work, candidates, places, caps)
        certificate = _Certificate(
            by_work, restricted.assigned, places, caps, np.maximum(per_work, 1)
        )
        # First the Bellman-Ford duals (exact complementary slackness, few pairs to add) ...
        seen = certificate.certify(candidates)
        if certificate.gap_bound <= CERTIFICATE_TOLERANCE:
            break
        # ... then the LP's own duals, which price every pair the restricted LP is missing.
        new = certificate.price_lp_duals(
            restricted.u, restricted.v, candidates, is_capped=lp_solves < UNCAPPED_AFTER
        )
        if certificate.gap_bound <= CERTIFICATE_TOLERANCE:
            break
        grown = np.union1d(seen, new)
        if time_limit is not None and time.monotonic() - started >= time_limit:
            break  # out of time: the allocation stands, its gap is reported, not proven 0
        if len(grown) == len(candidates):
            # No usable pair outside the candidates prices positive against the LP's optimal
            # duals, so this LP has the optimum of the LP over all pairs; only solver tolerances
            # keep the bound above the objective (reported as the gap, not certified).
            break
        candidates = grown
    _check_feasible(by_work, restricted.assigned, places, caps)
    objective = float(by_work.ravel()[restricted.assigned].astype(np.float64).sum())
    return _result(
        prepared,
        np.concatenate([restricted.assigned, fixed_pairs]),
        objective=objective + float(fixed_gains.sum()),
        gap_bound=certificate.gap_bound,
        candidate_pairs=len(candidates),
        lp_solves=lp_solves,
    )


def _apply_choices(
    prepared: Prepared,
    by_work: np.ndarray,
    places: np.ndarray,
    caps: np.ndarray,
    forbidden: Iterable[tuple[Id, Id]],
    fixed: Iterable[tuple[Id, Id]],
) -> np.ndarray:
    """Mask the forbidden pairs out of ``by_work`` (in place) and return the fixed pairs' indices.

    Refuses (``ChoiceError``) a pair naming an unknown resident or piece, a fixed pair that is
    not usable or also forbidden, and fixed pairs that take more places or proposals than exist.
    """
    n_residents = by_work.shape[1]

    def index(pair: tuple[Id, Id]) -> int:
        resident_id, work_id = pair
        try:
            return prepared.work_position(work_id) * n_residents + prepared.resident_position(
                resident_id
            )
        except UnknownIdError as error:
            raise ChoiceError(f"pair {resident_id}:{work_id}: {error}") from None

    forbidden_pairs = np.array(sorted({index(pair) for pair in forbidden}), dtype=np.int64)
    fixed = list(fixed)
    fixed_pairs = np.array([index(pair) for pair in fixed], dtype=np.int64)
    for pair, p in zip(fixed, fixed_pairs, strict=True):
        if p in forbidden_pairs:
            raise ChoiceError(f"pair {pair[0]}:{pair[1]} is both fixed and forbidden")
        if not np.isfinite(by_work.ravel()[p]):
            raise ChoiceError(
                f"pair {pair[0]}:{pair[1]} cannot be fixed: it is not allowed "
                "or its fit is below the lowest fit proposed"
            )
    if len(np.unique(fixed_pairs)) != len(fixed_pairs):
        raise ChoiceError("a pair is fixed twice")
    fixed_work, fixed_residents = np.divmod(fixed_pairs, max(n_residents, 1))
    over = np.flatnonzero(np.bincount(fixed_work, minlength=len(places)) > places)
    if len(over):
        raise ChoiceError(
            f"more pairs fixed for work {prepared.work[over[0]].id} than it has places"
        )
    over = np.flatnonzero(np.bincount(fixed_residents, minlength=n_residents) > caps)
    if len(over):
        raise ChoiceError(
            f"more pairs fixed for resident {prepared.residents[over[0]].id} "
            "than proposals a resident may get"
        )
    by_work.ravel()[forbidden_pairs] = -np.inf
    return fixed_pairs


def _initial_candidates(by_work: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Pair indices of each piece's ``wanted`` best usable residents.

    A piece's cut-off is its k-th best gain, read from a sort of its row (numpy's vectorised
    sort beats a partition here); residents tied at the cut-off all join, which is harmless.
    """
    n_work, n_residents = by_work.shape
    if not n_residents or not n_work:
        return np.zeros(0, dtype=np.int64)
    wanted = np.minimum(wanted, n_residents)
    cut_off = np.sort(by_work, axis=1)[
        np.arange(n_work), np.minimum(n_residents - wanted, n_residents - 1)
    ]
    cut_off[wanted <= 0] = np.inf
    is_candidate = by_work >= cut_off[:, None]
    is_candidate &= np.isfinite(by_work)
    return np.flatnonzero(is_candidate).astype(np.int64)


def _greedy_allocation(
    by_work: np.ndarray,
    candidates: np.ndarray,
    wanted: np.ndarray,
    places: np.ndarray,
    caps: np.ndarray,
) -> np.ndarray:
    """A feasible allocation (pair indices): each piece in turn takes its best residents with room.

    Not optimal, but it fills places the way the optimum roughly does, and its pairs join the
    first candidates. Without it, when many pieces prefer the same residents (equal scores and
    the priority bonus deciding), every piece's best few are the same few residents and the first
    LPs fill only a handful of places. A piece looks among its candidates (``wanted`` best, in
    sorted ``candidates``) first and scans its whole row only when too few of them have room.
    """
    n_work, n_residents = by_work.shape
    room = caps.copy()
    starts = np.searchsorted(candidates, np.arange(n_work + 1) * n_residents)
    chosen = [np.zeros(0, dtype=np.int64)]
    for j in range(n_work):
        k = int(places[j])
        if k <= 0:
            continue
        own = candidates[starts[j] : starts[j + 1]] - j * n_residents
        has_all = len(own) < wanted[j]  # fewer usable residents than wanted: all are candidates
        rows = own[room[own] > 0]
        if len(rows) < k and not has_all:
            rows = np.flatnonzero((room > 0) & np.isfinite(by_work[j]))
        if len(rows) > k:
            # Best first, ties by position (a stable sort of the negated gains).
            rows = rows[np.argsort(-by_work[j, rows], kind="stable")[:k]]
        room[rows] -= 1
        chosen.append(j * n_residents + rows.astype(np.int64))
    return np.sort(np.concatenate(chosen))


@dataclass(frozen=True)
class _Restricted:
    """The LP over the candidate pairs: the pairs chosen, and the LP's duals (0 where unused)."""

    assigned: np.ndarray
    u: np.ndarray
    v: np.ndarray


def _solve_restricted(
    by_work: np.ndarray, candidates: np.ndarray, places: np.ndarray, caps: np.ndarray
) -> _Restricted:
    """The optimal allocation using only the candidate pairs (pair indices of those chosen).

    HiGHS dual simplex ends in a basic (vertex) solution, which total unimodularity makes 0/1.
    That is checked, not assumed: a solution more than 1e-6 from 0/1 is solved again as an
    integer program (same optimum, by total unimodularity; the LP duals stay valid prices).
    """
    n_work, n_residents = by_work.shape
    u, v = np.zeros(n_residents), np.zeros(n_work)
    if not len(candidates):
        return _Restricted(candidates, u, v)
    cols, rows = np.divmod(candidates, n_residents)
    used_residents, resident_of = np.unique(rows, return_inverse=True)
    used_work, work_of = np.unique(cols, return_inverse=True)
    n_pairs = len(candidates)
    pair = np.arange(n_pairs)
    constraints = sp.vstack(
        [
            sp.csr_matrix((np.ones(n_pairs), (work_of, pair)), shape=(len(used_work), n_pairs)),
            sp.csr_matrix(
                (np.ones(n_pairs), (resident_of, pair)), shape=(len(used_residents), n_pairs)
            ),
        ]
    ).tocsr()
    limits = np.concatenate(
        [
            places[used_work].astype(np.float64),
            caps[used_residents].astype(np.float64),
        ]
    )
    costs = -by_work.ravel()[candidates].astype(np.float64)
    # Dual simplex is fastest on the usual few tens of thousands of pairs; on large sets of
    # nearly equal gains (a very degenerate LP) the interior point method, whose crossover also
    # ends in a vertex, is several times faster. If it does not finish, dual simplex does.
    methods = ["highs-ds"] if n_pairs <= SIMPLEX_PAIRS else ["highs-ipm", "highs-ds"]
    for method in methods:
        solution = linprog(
            costs,
            A_ub=constraints,
            b_ub=limits,
            bounds=(0, 1),
            method=method,
            # The LP is already as small as it gets; presolve only costs time here.
            options={
                "presolve": False,
                "primal_feasibility_tolerance": 1e-10,
                "dual_feasibility_tolerance": 1e-10,
            },
        )
        if solution.status == 0:
            break
    else:
        raise RuntimeError(f"the round's LP was not solved: {solution.message}")
    # linprog minimises -gain, so its marginals are minus the duals of the maximisation.
    duals = -solution.ineqlin.marginals
    v[used_work] = np.maximum(duals[: len(used_work)], 0.0)
    u[used_residents] = np.maximum(duals[len(used_work) :], 0.0)
    x = solution.x
    if np.abs(x - np.round(x)).max() > INTEGRALITY_TOLERANCE:
        x = _solve_integral(costs, constraints, limits)
    return _Restricted(candidates[x > 0.5], u, v)


def _solve_integral(
    costs: np.ndarray, constraints: sp.csr_matrix, limits: np.ndarray
) -> np.ndarray:
    """The same problem with 0/1 variables (HiGHS branch and bound): the fallback when a
    simplex solution was not 0/1, which total unimodularity says cannot happen."""
    solution = milp(
        costs,
        constraints=LinearConstraint(constraints, -np.inf, limits),
        integrality=np.ones(len(costs)),
        bounds=Bounds(0, 1),
    )
    if solution.status != 0:
        raise RuntimeError(f"the round's integer program was not solved: {solution.message}")
    return np.round(solution.x)


class _Certificate:
    """Dual values that prove an allocation optimal over every usable pair, or bound its gap.

    The bound D - P, with D the dual objective of (u, v, z = max(0, g - u - v)) over the full
    matrix and P the allocation's objective, holds for any u, v ≥ 0 (weak duality), so the
    proof trusts neither the candidate set nor the LP solver's duals (which serve as prices).
    """

    def __init__(
        self,
        by_work: np.ndarray,
        assigned: np.ndarray,
        places: np.ndarray,
        caps: np.ndarray,
        added_per_work: np.ndarray,
    ):
        self.by_work = by_work
        self.added_per_work = added_per_work
        self.n_work, self.n_residents = by_work.shape
        self.assigned = assigned
        self.places = places
        self.caps = caps
        cols, rows = np.divmod(assigned, max(self.n_residents, 1))
        self.assigned_rows, self.assigned_cols = rows, cols
        self.assigned_gains = by_work.ravel()[assigned].astype(np.float64)
        taken = np.bincount(rows, minlength=self.n_residents)
        self.is_resident_full = taken >= caps
        self.is_work_open = np.bincount(cols, minlength=self.n_work) < places
        self.objective = float(self.assigned_gains.sum())
        self.gap_bound = np.inf
        # Gains are >= 0 where usable and -inf elsewhere, so the maximum is the largest size.
        self.largest_gain = float(by_work.max(initial=0.0))

    def certify(self, candidates: np.ndarray) -> np.ndarray:
        """Find duals for the seen pairs and price all pairs, until proven or stuck.

        Sets ``gap_bound`` and returns the pairs seen: the candidates plus every pair that was
        found with a positive reduced cost, for the next LP when the duals got stuck.
        """
        # Start at the top: u_i no more than its smallest assigned gain (v ≥ 0 and z ≥ 0 on an
        # assigned pair allow no more), v = 0. Residents with room left keep u = 0.
        top = np.full(self.n_residents, np.inf)
        np.minimum.at(top, self.assigned_rows, self.assigned_gains)
        # A resident with no proposal left to give (all fixed) has only unusable pairs: u = 0.
        u = np.where(self.is_resident_full & (self.caps > 0), top, 0.0)
        v = np.zeros(self.n_work)
        seen = candidates
        for _ in range(MAX_PRICING_ROUNDS):
            has_duals = self.solve_duals(seen, u, v)
            # Priced even when the duals got stuck: they are close, and the pairs they find
            # short are what the next LP needs.
            short, reduced, self.gap_bound = self.price(u, v)
            new = self.most_short(short, reduced, seen)
            if self.gap_bound <= CERTIFICATE_TOLERANCE or not len(new):
                return seen
            seen = np.union1d(seen, new)
            if not has_duals:
                return seen
        return seen

    def price_lp_duals(
        self, u: np.ndarray, v: np.ndarray, candidates: np.ndarray, *, is_capped: bool
    ) -> np.ndarray:
        """Price every pair with the restricted LP's duals; the short pairs it lacked, to add.

        Those duals are optimal for the LP over ``candidates``, so a usable pair they leave short is
        one that LP did not have; when there is none the bound meets the objective (column
        generation). Capped like ``most_short`` unless ``is_capped`` is False: then every short
        pair joins, so the loop ends after finitely many LP solves whatever the gains.
        """
        short, reduced, gap = self.price(u, v)
        self.gap_bound = min(self.gap_bound, gap)
        if is_capped:
            return self.most_short(short, reduced, candidates)
        return short[~np.isin(short, candidates, assume_unique=True)]

    def most_short(self, short: np.ndarray, reduced: np.ndarray, seen: np.ndarray) -> np.ndarray:
        """The unseen short pairs to add: per piece the shortest, no more than it had candidates
        at the start, so that the poor duals of an early allocation cannot flood the LP."""
        is_new = ~np.isin(short, seen, assume_unique=True)
        short, reduced = short[is_new], reduced[is_new]
        cols = short // self.n_residents
        order = np.lexsort((-reduced, cols))
        short, cols = short[order], cols[order]
        rank = np.arange(len(short)) - np.searchsorted(cols, cols)
        return np.sort(short[rank < self.added_per_work[cols]])

    def solve_duals(self, pairs: np.ndarray, u: np.ndarray, v: np.ndarray) -> bool:
        """Largest u and smallest v (below/above their start) meeting the seen pairs' constraints.

        Complementary slackness with the allocation: an unassigned pair needs u_i + v_j ≥ g_ij
        (z = 0), an assigned pair u_i + v_j ≤ g_ij (z takes the rest), a resident with room left
        has u = 0 and a piece with an open place v = 0. These are difference constraints;
        Bellman-Ford relaxes them by raising v_j and lowering u_i in turn, in place. It returns
        False when they have no solution (u < 0 or an open piece needing v > 0), which means a
        negative cycle: the seen pairs improve the allocation.
        """
        free = pairs[~np.isin(pairs, self.assigned, assume_unique=True)]
        free_cols, free_rows = np.divmod(free, self.n_residents)
        free_gains = self.by_work.ravel()[free].astype(np.float64)
        for _ in range(MAX_DUAL_PASSES):
            needed = np.zeros_like(v)
            np.maximum.at(needed, free_cols, free_gains - u[free_rows])
            allowed = np.full_like(u, np.inf)
            np.minimum.at(allowed, self.assigned_rows, self.assigned_gains - v[self.assigned_cols])
            is_raised = needed > v + DUAL_SLACK
            is_lowered = allowed < u - DUAL_SLACK
            if not is_raised.any() and not is_lowered.any():
                return True
            v[is_raised] = needed[is_raised]
            u[is_lowered] = allowed[is_lowered]
            if (v[self.is_work_open] > DUAL_SLACK).any() or (u < -DUAL_SLACK).any():
                return False
        return False

    def price(self, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
        """Unassigned usable pairs with a positive reduced cost, those costs, and the bound D - P.

        Reduced cost g_ij - u_i - v_j over the whole matrix, a block of pieces at a time: a
        float32 pass finds the pairs near or above zero, float64 prices those exactly.
        """
        u = np.maximum(u, 0.0)
        v = np.maximum(v, 0.0)
        u32 = u.astype(np.float32)
        # Rounding in the float32 pass is a few ulps of the largest term involved.
        margin = FLOAT32_MARGIN * max(
            1.0, self.largest_gain, float(u.max(initial=0.0)), float(v.max(initial=0.0))
        )
        short = [np.zeros(0, dtype=np.int64)]
        short_reduced = [np.zeros(0)]
        excess = 0.0
        for start in range(0, self.n_work, PIECES_PER_BLOCK):
            stop = min(start + PIECES_PER_BLOCK, self.n_work)
            block = self.by_work[start:stop] - v[start:stop, None].astype(np.float32)
            block -= u32[None, :]
            near = np.flatnonzero(block.ravel() > -margin) + start * self.n_residents
            near_cols, near_rows = np.divmod(near, self.n_residents)
            reduced = self.by_work.ravel()[near] - u[near_rows] - v[near_cols]
            excess += float(reduced[reduced > 0].sum())
            is_short = (reduced > REDUCED_COST_TOLERANCE) & ~np.isin(near, self.assigned)
            short.append(near[is_short])
            short_reduced.append(reduced[is_short])
        dual_bound = float(self.places @ v) + float(self.caps @ u) + excess
        gap = max(dual_bound - self.objective, 0.0)
        return np.concatenate(short), np.concatenate(short_reduced), gap


def _check_feasible(
    by_work: np.ndarray, assigned: np.ndarray, places: np.ndarray, caps: np.ndarray
) -> None:
    """Refuse an allocation that breaks a constraint: checked, whatever the solver promised."""
    n_work, n_residents = by_work.shape
    cols, rows = np.divmod(assigned, max(n_residents, 1))
    if (
        len(np.unique(assigned)) != len(assigned)
        or not np.isfinite(by_work.ravel()[assigned]).all()
        or (np.bincount(cols, minlength=n_work) > places).any()
        or (np.bincount(rows, minlength=n_residents) > caps).any()
    ):
        raise RuntimeError("the round's allocation breaks a constraint")


def _result(
    prepared: Prepared,
    assigned: np.ndarray,
    *,
    objective: float,
    gap_bound: float,
    candidate_pairs: int,
    lp_solves: int,
) -> RoundResult:
    cols, rows = np.divmod(assigned, max(len(prepared.residents), 1))
    scores = prepared.scores[rows, cols].astype(np.float64)
    bonuses = prepared.weights.priority_weight * prepared.priority[rows].astype(np.float64)
    # Per piece in scenario order; within a piece the best fit first, then scenario order.
    order = np.lexsort((rows, -scores, cols))
    assignments = tuple(
        Assignment(
            resident_id=prepared.residents[rows[k]].id,
            work_id=prepared.work[cols[k]].id,
            score=float(scores[k]),
            bonus=float(bonuses[k]),
        )
        for k in order
    )
    return RoundResult(
        assignments=assignments,
        objective=objective,
        total_fit=float(scores.sum()),
        matched_residents=len(np.unique(rows)),
        matched_work=len(np.unique(cols)),
        places=len(assigned),
        open_places=int(prepared.places.sum()) - len(assigned),
        is_certified_optimal=gap_bound <= CERTIFICATE_TOLERANCE,
        gap_bound=gap_bound,
        candidate_pairs=candidate_pairs,
        lp_solves=lp_solves,
    )
