"""Team composition (meervoudige match): who does a piece of group work together.

A piece with ``people`` > 1 (groepswerk: maintaining the park) needs a team whose members together
bring the talents and skills the piece asks for. The value of a team S of the wanted size n is

    value(S) = (1 - λ) · (Σ_{r in S} fit(r)) / n  +  λ · coverage(S)

where λ is ``Weights.team_coverage`` and coverage(S) is the weighted share of the piece's needs
that at least one member has (each talent weighs ``Weights.talents``, each skill
``Weights.skills``; a piece that asks for nothing is fully covered). Only allowed residents can join.

The search is exact whenever it finishes within its node budget: a dominance rule shrinks the pool
of candidates without losing the optimum (proof below and in docs/matching.md), and a branch and
bound over the pool, started from a greedy + swap team, proves the best team. Beyond the budget the
greedy + swap team is returned, marked ``is_exact=False``.

Dominance: resident d *dominates* r when d has every need r has (σ_r ⊆ σ_d) and ranks higher
(higher fit, or equal fit and earlier in the scenario). If r has at least n dominators, some
optimal team leaves r out: in a team with r at most n - 1 of them can be members, so one dominator
is outside, and swapping r for it keeps coverage (σ_d ⊇ σ_r) and does not lower the fit. Each such
swap moves the team up in rank, so repeating them ends in an optimal team without dominated-n-times
residents. Residents with n or more dominators are therefore dropped from the pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .scenario import Id
from .scoring import Prepared

#: Branch-and-bound nodes visited before falling back to the greedy + swap team.
DEFAULT_NODE_LIMIT = 100_000
#: Pools larger than this skip the pairwise dominance count (the per-signature cut still holds).
PAIRWISE_DOMINANCE_LIMIT = 3_000
#: Values closer than this are equal (they are sums of float32 scores).
EPSILON = 1e-9


@dataclass(frozen=True)
class TeamMember:
    """A member of a team: their fit with the piece and the needs they bring (work's words)."""

    resident_id: Id
    score: float
    brings: tuple[str, ...]


@dataclass(frozen=True)
class Team:
    """The chosen team for one piece of group work."""

    work_id: Id
    members: tuple[TeamMember, ...]
    covered: tuple[str, ...]
    uncovered: tuple[str, ...]
    coverage: float
    value: float
    is_exact: bool
    open_places: int

    def to_dict(self) -> dict[str, Any]:
        """The exchange form, ids as given and numbers rounded to 4 decimals."""
        return {
            "work": self.work_id,
            "members": [
                {"resident": m.resident_id, "score": round(m.score, 4), "brings": list(m.brings)}
                for m in self.members
            ],
            "covered": list(self.covered),
            "uncovered": list(self.uncovered),
            "coverage": round(self.coverage, 4),
            "value": round(self.value, 4),
            "exact": self.is_exact,
            "open_places": self.open_places,
        }


def compose_team(
    prepared: Prepared,
    work_id: Id,
    *,
    size: int | None = None,
    node_limit: int = DEFAULT_NODE_LIMIT,
) -> Team:
    """The best team of ``size`` (default: the piece's ``people``) allowed residents for a piece.

    Among equally valued teams the one whose members rank highest, compared member by member in
    order of fit, is chosen, so the result does not depend on search order.
    """
    j = prepared.work_position(work_id)
    size = prepared.work[j].people if size is None else size
    if size < 1:
        raise ValueError("a team has at least one member")
    weights = prepared.weights
    needs = prepared.needs(j)
    need_weight = np.array(
        [weights.talents if kind == "talent" else weights.skills for _, _, kind in needs]
    )
    # Rank candidates by fit, ties by position: rank order is also the search order.
    candidates = np.flatnonzero(prepared.allowed[:, j])
    fits = prepared.scores[candidates, j].astype(np.float64)
    order = np.lexsort((candidates, -fits))
    candidates, fits = candidates[order], fits[order]
    has_need = np.array(
        [[key in prepared.abilities(i) for key, _, _ in needs] for i in candidates], dtype=bool
    ).reshape(len(candidates), len(needs))

    search = _TeamSearch(fits, has_need, need_weight, size, weights.team_coverage)
    pool = search.pool()
    chosen, is_exact = search.best(pool, node_limit)

    covered_mask = has_need[chosen].any(axis=0)
    members = tuple(
        TeamMember(
            resident_id=prepared.residents[candidates[k]].id,
            score=float(fits[k]),
            brings=tuple(word for (_, word, _), has in zip(needs, has_need[k], strict=True) if has),
        )
        for k in chosen
    )
    return Team(
        work_id=prepared.work[j].id,
        members=members,
        covered=tuple(word for (_, word, _), has in zip(needs, covered_mask, strict=True) if has),
        uncovered=tuple(
            word for (_, word, _), has in zip(needs, covered_mask, strict=True) if not has
        ),
        coverage=search.coverage(covered_mask),
        value=search.value(chosen),
        is_exact=is_exact,
        open_places=size - len(chosen),
    )


class _NodeBudgetExceeded(Exception):
    pass


class _TeamSearch:
    """Pool pruning, greedy + swap, and branch and bound over candidates in rank order."""

    def __init__(
        self,
        fits: np.ndarray,
        has_need: np.ndarray,
        need_weight: np.ndarray,
        size: int,
        coverage_share: float,
    ):
        self.fits = fits
        self.has_need = has_need
        self.need_weight = need_weight
        self.total_weight = float(need_weight.sum())
        self.size = size
        self.fit_factor = (1.0 - coverage_share) / size
        self.coverage_factor = coverage_share
        # Needs as bit masks, for fast unions in the search.
        self.signature = [sum(1 << b for b in np.flatnonzero(row).tolist()) for row in has_need]

    def coverage(self, covered: np.ndarray) -> float:
        if self.total_weight <= 0:
            return 1.0
        return float(self.need_weight[covered].sum() / self.total_weight)

    def covered_weight(self, mask: int) -> float:
        return float(
            sum(self.need_weight[b] for b in range(len(self.need_weight)) if mask >> b & 1)
        )

    def value(self, chosen: list[int]) -> float:
        fit = float(self.fits[chosen].sum())
        covered = self.has_need[chosen].any(axis=0)
        return self.fit_factor * fit + self.coverage_factor * self.coverage(covered)

    def pool(self) -> list[int]:
        """Candidates (in rank order) that some optimal team may need: fewer than n dominators."""
        kept_per_signature: dict[int, int] = {}
        pool = []
        for k, signature in enumerate(self.signature):
            # Earlier candidates with the same needs dominate later ones.
            if kept_per_signature.get(signature, 0) < self.size:
                kept_per_signature[signature] = kept_per_signature.get(signature, 0) + 1
                pool.append(k)
        if len(pool) > PAIRWISE_DOMINANCE_LIMIT or not pool:
            return pool
        bits = self.has_need[pool]
        # dominated_by[a, b]: pool member b has every need of a (b ranks higher when b < a).
        lacks = ~bits
        dominated_by = ~(bits.astype(np.int32) @ lacks.T.astype(np.int32)).astype(bool)
        higher_ranked = np.tri(len(pool), k=-1, dtype=bool)
        dominators = (dominated_by & higher_ranked).sum(axis=1)
        return [k for k, count in zip(pool, dominators.tolist(), strict=True) if count < self.size]

    def best(self, pool: list[int], node_limit: int) -> tuple[list[int], bool]:
        """The best team from the pool and whether it is proven optimal."""
        if len(pool) <= self.size:
            return pool, True
        heuristic = self.greedy_and_swap(pool)
        try:
            return self.branch_and_bound(pool, heuristic, node_limit), True
        except _NodeBudgetExceeded:
            return sorted(heuristic), False

    def greedy_and_swap(self, pool: list[int]) -> list[int]:
        """Greedy by marginal value, then single swaps with the pool while any improves."""
        team: list[int] = []
        for _ in range(self.size):
            outside = [k for k in pool if k not in team]
            team.append(max(outside, key=lambda k: (self.value([*team, k]), -k)))
        current = self.value(team)
        improved = True
        while improved:
            improved = False
            for position in range(len(team)):
                for k in pool:
                    if k in team:
                        continue
                    trial = [*team[:position], k, *team[position + 1 :]]
                    trial_value = self.value(trial)
                    if trial_value > current + EPSILON:
                        team, current, improved = trial, trial_value, True
        return team

    def branch_and_bound(self, pool: list[int], incumbent: list[int], node_limit: int) -> list[int]:
        """The first optimal team in rank order (combinations of ``pool`` in lexicographic order).

        Bound of a partial team (fit sum F, covered needs M, next candidate at ``start``, s places
        left): fit can grow at most by the s best fits still to come (the pool is sorted by fit),
        coverage at most by the needs anyone still to come has, and by coverage being
        submodular at most by the s largest single gains. A subtree is cut when its bound cannot
        beat the best team so far. The incumbent is the greedy + swap team, held at a value just
        below its own, so a team as good but earlier in rank order still replaces it.
        """
        fits = self.fits[pool]
        signatures = [self.signature[k] for k in pool]
        bits = self.has_need[pool]
        n = len(pool)
        cumulative_fit = np.concatenate([[0.0], np.cumsum(fits)])
        suffix_union = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            suffix_union[k] = suffix_union[k + 1] | signatures[k]
        weight_scale = self.coverage_factor / self.total_weight if self.total_weight > 0 else 0.0
        constant_coverage = self.coverage_factor if self.total_weight <= 0 else 0.0

        best_value = self.value(incumbent) - 2 * EPSILON
        best_team = sorted(pool.index(k) for k in incumbent)
        nodes = 0

        def visit(start: int, team: list[int], fit_sum: float, covered: int) -> None:
            nonlocal best_value, best_team, nodes
            nodes += 1
            if nodes > node_limit:
                raise _NodeBudgetExceeded
            places_left = self.size - len(team)
            covered_weight = self.covered_weight(covered)
            if places_left == 0:
                value = (
                    self.fit_factor * fit_sum + weight_scale * covered_weight + constant_coverage
                )
                if value > best_value + EPSILON:
                    best_value, best_team = value, list(team)
                return
            fit_bound = fit_sum + cumulative_fit[start + places_left] - cumulative_fit[start]
            reachable = self.covered_weight(covered | suffix_union[start])
            bound = self.fit_factor * fit_bound + weight_scale * reachable + constant_coverage
            if bound <= best_value + EPSILON:
                return
            missing = np.array([not covered >> b & 1 for b in range(bits.shape[1])], dtype=bool)
            gains = bits[start:, missing].astype(np.float64) @ self.need_weight[missing]
            if len(gains) > places_left:
                gains = np.partition(gains, len(gains) - places_left)[-places_left:]
            bound = (
                self.fit_factor * fit_bound
                + constant_coverage
                + weight_scale * min(reachable, covered_weight + float(gains.sum()))
            )
            if bound <= best_value + EPSILON:
                return
            for k in range(start, n - places_left + 1):
                team.append(k)
                visit(k + 1, team, fit_sum + fits[k], covered | signatures[k])
                team.pop()

        visit(0, [], 0.0, 0)
        return [pool[k] for k in best_team]
