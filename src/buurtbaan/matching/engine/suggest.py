"""Suggestions both ways: the best residents for a piece of work, the best work for a resident.

Only allowed pairs are suggested (no hard constraint excludes them). Ties in score are broken by
position in the scenario, earlier first, so the same scenario always gives the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .reasons import Reason, render_all
from .scenario import Id
from .scoring import Prepared

DEFAULT_TOP = 10


@dataclass(frozen=True)
class Suggestion:
    """A proposed pair with its fit score, its reasons, and the support the resident needs."""

    resident_id: Id
    work_id: Id
    score: float
    reasons: tuple[Reason, ...]
    support: tuple[str, ...]

    def to_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The exchange form: ids as given, score rounded to 4 decimals, reasons rendered."""
        return {
            "resident": self.resident_id,
            "work": self.work_id,
            "score": round(self.score, 4),
            "reasons": render_all(self.reasons, lang),
            "support": list(self.support),
        }


def best_positions(values: np.ndarray, is_candidate: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest values among the candidates, best first.

    Equal values keep their position order. ``argpartition`` finds the k-th best value in
    linear time; every candidate at least that good is then sorted, so a tie at the cut-off is
    decided by position too, not by the partition's arbitrary order.
    """
    candidates = np.flatnonzero(is_candidate)
    if k <= 0 or not len(candidates):
        return candidates[:0]
    candidate_values = values[candidates]
    if k < len(candidates):
        cut_off = candidate_values[np.argpartition(-candidate_values, k - 1)[k - 1]]
        good_enough = candidate_values >= cut_off
        candidates, candidate_values = candidates[good_enough], candidate_values[good_enough]
    order = np.lexsort((candidates, -candidate_values))
    return candidates[order[:k]]


def suggest_for_work(prepared: Prepared, work_id: Id, k: int = DEFAULT_TOP) -> list[Suggestion]:
    """The ``k`` best allowed residents for one piece of work."""
    j = prepared.work_position(work_id)
    rows = best_positions(prepared.scores[:, j], prepared.allowed[:, j], k)
    return [_suggestion(prepared, int(i), j) for i in rows]


def suggest_for_resident(
    prepared: Prepared, resident_id: Id, k: int = DEFAULT_TOP
) -> list[Suggestion]:
    """The ``k`` best allowed pieces of work for one resident."""
    i = prepared.resident_position(resident_id)
    cols = best_positions(prepared.scores[i], prepared.allowed[i], k)
    return [_suggestion(prepared, i, int(j)) for j in cols]


def _suggestion(prepared: Prepared, i: int, j: int) -> Suggestion:
    explanation = prepared.explain(i, j)
    return Suggestion(
        resident_id=explanation.resident_id,
        work_id=explanation.work_id,
        score=explanation.score,
        reasons=explanation.reasons,
        support=explanation.support,
    )
