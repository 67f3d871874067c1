"""Reviewing a matching round pair by pair: reasons in words, choices, and the figures in words.

A coordinator may **drop** a pair (never propose it) or **swap** it (another resident for that
piece, or another piece for that resident) before confirming. Each choice becomes a forbidden or
fixed pair, and the round is solved again around all choices so far (`engine.solve_round` with
``forbidden`` and ``fixed``), next to the round without any choice on the same data, so the page
can say how far the choices are from the best result. Only reads here; `actions` stores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtbaan.matching import cache, suggestions
from buurtbaan.matching.engine import RoundResult, solve_round
from buurtbaan.matching.engine.round import ChoiceError
from buurtbaan.matching.engine.scoring import Prepared

#: How many other residents (or pieces) a pair's page offers to swap with.
SWAP_OPTIONS = 5
#: A result within this fraction of the best counts as "as good as the best".
AS_GOOD_AS_BEST = 0.005


# --- Reasons -------------------------------------------------------------------------------------


def reasons_for_pair(bureau, resident_id: int, piece_id: int, *, prepared=None) -> dict | None:
    """A pair's reasons (engine codes, rendered by the `_reasons.html` partial) and support.

    The one place the round asks for reasons, so that it says what the candidates page says.
    None when the pair is not in the engine (the resident was erased, the work closed)."""
    explanation = suggestions.explain_ids(bureau, resident_id, piece_id, prepared=prepared)
    if explanation is None:
        return None
    return {"reasons": explanation.reasons, "support": explanation.support}


def reasons_for_pairs(bureau, pairs) -> dict[tuple[int, int], dict]:
    """`reasons_for_pair` for many pairs with one engine (no query per pair)."""
    pairs = list(pairs)
    if not pairs:
        return {}
    prepared = suggestions.prepared_engine(bureau)
    found = {}
    for resident_id, piece_id in pairs:
        reasons = reasons_for_pair(bureau, resident_id, piece_id, prepared=prepared)
        if reasons is not None:
            found[(resident_id, piece_id)] = reasons
    return found


# --- Solving with choices ------------------------------------------------------------------------


class ChoiceNotPossible(Exception):
    """The new pair cannot be proposed in this round (no longer allowed, or no room)."""


@dataclass(frozen=True)
class Solved:
    """The round solved around the choices, and without them on the same data."""

    view: Prepared
    result: RoundResult
    best: RoundResult
    fixed: list[list[int]]

    @property
    def residents_considered(self) -> int:
        return int(self.view.is_considered.sum())

    @property
    def pieces_considered(self) -> int:
        return int((self.view.places > 0).sum())


def round_view(bureau):
    """The bureau's engine as a round sees it now (cached engine; four queries besides)."""
    return suggestions.round_view(bureau, cache.prepared_for(bureau))


def solve_with_choices(
    bureau, parameters: dict, *, forbidden, fixed, new_pairs=(), view=None
) -> Solved:
    """Solve the round around ``forbidden`` and ``fixed`` pairs ([resident, piece] lists), and
    without them, on the bureau's current data, with the round's ``parameters``.

    Earlier fixed pairs that are no longer possible (the resident got a proposal elsewhere, the
    piece filled up) are let go; ``new_pairs``, the choices being made now, must be possible,
    else `ChoiceNotPossible`."""
    view = view if view is not None else round_view(bureau)
    max_per_resident = int(parameters.get("max_per_resident", 1))
    min_score = float(parameters.get("min_score", 0.35))
    time_limit = settings.MATCHING_ROUND_SECONDS or None
    kept = _possible_fixed(view, fixed, new_pairs, max_per_resident, min_score)
    options = {"max_per_resident": max_per_resident, "min_score": min_score}
    try:
        result = solve_round(
            view,
            **options,
            time_limit=time_limit,
            forbidden=[tuple(pair) for pair in forbidden],
            fixed=[tuple(pair) for pair in kept],
        )
    except ChoiceError as error:
        raise ChoiceNotPossible(str(error)) from None
    best = solve_round(view, **options, time_limit=time_limit)
    return Solved(view=view, result=result, best=best, fixed=kept)


def _usable(view, resident_id, piece_id, min_score: float) -> tuple[int, int] | None:
    try:
        i, j = view.resident_position(resident_id), view.work_position(piece_id)
    except LookupError:
        return None
    if not view.allowed[i, j] or view.scores[i, j] < np.float32(min_score) or view.places[j] < 1:
        return None
    return i, j


def _possible_fixed(view, fixed, new_pairs, max_per_resident: int, min_score: float) -> list:
    """The fixed pairs the round can still honour: the new ones first (each possible, or
    refused), then the earlier ones in the order they were chosen while they fit."""
    new_pairs = [list(pair) for pair in new_pairs]
    ordered = new_pairs + [list(pair) for pair in fixed if list(pair) not in new_pairs]
    per_piece, per_resident, kept = {}, {}, []
    for n, pair in enumerate(ordered):
        position = _usable(view, pair[0], pair[1], min_score)
        fits = position is not None and (
            per_piece.get(position[1], 0) < view.places[position[1]]
            and per_resident.get(position[0], 0) < max_per_resident
        )
        if not fits:
            if n < len(new_pairs):
                raise ChoiceNotPossible(f"pair {pair[0]}:{pair[1]} is not possible")
            continue
        per_piece[position[1]] = per_piece.get(position[1], 0) + 1
        per_resident[position[0]] = per_resident.get(position[0], 0) + 1
        kept.append(pair)
    return kept


def swap_options(matching_round, resident_id: int, piece_id: int, *, view=None) -> dict:
    """Who else could take this piece, and what else this resident could do: the best usable
    alternatives by fit, as {"residents": [(resident_id, score)], "pieces": [(piece_id, score)]}.

    Left out: the pair itself, pairs dropped before, and residents or pieces that chosen pairs
    fill already."""
    view = view if view is not None else round_view(matching_round.bureau)
    parameters = matching_round.parameters
    min_score = float(parameters.get("min_score", 0.35))
    max_per_resident = int(parameters.get("max_per_resident", 1))
    forbidden = {tuple(pair) for pair in matching_round.forbidden_pairs}
    fixed = [tuple(pair) for pair in matching_round.fixed_pairs]
    chosen_per_resident, chosen_per_piece = {}, {}
    for r, p in fixed:
        chosen_per_resident[r] = chosen_per_resident.get(r, 0) + 1
        chosen_per_piece[p] = chosen_per_piece.get(p, 0) + 1
    try:
        i, j = view.resident_position(resident_id), view.work_position(piece_id)
    except LookupError:
        return {"residents": [], "pieces": []}
    floor = np.float32(min_score)
    usable_for_piece = view.allowed[:, j] & (view.scores[:, j] >= floor)
    usable_for_resident = view.allowed[i, :] & (view.scores[i, :] >= floor)

    def best(scores: np.ndarray, is_usable: np.ndarray, skip: int) -> list[int]:
        is_usable = is_usable.copy()
        is_usable[skip] = False
        order = np.argsort(-np.where(is_usable, scores, -np.inf), kind="stable")
        return [int(k) for k in order if is_usable[k]]

    residents = []
    for k in best(view.scores[:, j], usable_for_piece, i):
        other = view.residents[k].id
        if (other, piece_id) in forbidden or chosen_per_resident.get(other, 0) >= max_per_resident:
            continue
        residents.append((other, float(view.scores[k, j])))
        if len(residents) == SWAP_OPTIONS:
            break
    pieces = []
    has_room = view.places > 0
    for k in best(view.scores[i, :], usable_for_resident & has_room, j):
        other = view.work[k].id
        if (resident_id, other) in forbidden or chosen_per_piece.get(other, 0) >= view.places[k]:
            continue
        pieces.append((other, float(view.scores[i, k])))
        if len(pieces) == SWAP_OPTIONS:
            break
    return {"residents": residents, "pieces": pieces}


# --- The figures in words ------------------------------------------------------------------------


def shortfall(objective: float, best_objective: float | None) -> float:
    """How far below the best result the allocation is, as a fraction (0 when as good)."""
    if best_objective is None or best_objective <= 0:
        return 0.0
    return max(0.0, (best_objective - objective) / best_objective)


def below_best_percent(objective: float, best_objective: float | None) -> int:
    """The shortfall as a whole percentage; 0 means "as good as the best result", and anything
    noticeably below it is at least 1."""
    fraction = shortfall(objective, best_objective)
    if fraction < AS_GOOD_AS_BEST:
        return 0
    return max(1, round(fraction * 100))


def priority_counts(assignments, priority_weight: float) -> dict[str, int]:
    """How many proposed residents get priority: as a participant of an impact assignment
    (priority 1) or because they have waited long (priority 0.5; see `loader`)."""
    counts = {"impact": 0, "waiting": 0}
    if priority_weight <= 0:
        return counts
    for _resident, _piece, _score, bonus in assignments:
        priority = bonus / priority_weight
        if priority > 0.75:
            counts["impact"] += 1
        elif priority > 0:
            counts["waiting"] += 1
    return counts


def _of_total(count: int, total: int, *, one: tuple, none, every, some) -> str:
    """ "12 of 15 …" without "1 of 1 pieces", "0 of 15 … get" or "3 of the 3": the sentence for
    the one thing, for none or all of them, or for some (the verb agreeing with ``count``)."""
    if total == 1:
        return one[0] if count else one[1]
    if count == 0:
        return none % {"total": total}
    if count >= total:
        return every % {"total": total}
    return some(count) % {"count": count, "total": total}


def summary(matching_round) -> dict:
    """What the round's page says about it, in sentences: what it proposes, who gets priority,
    and how good the result is. The numbers a solver speaks in stay on the page's details."""
    r = matching_round
    if r.pieces_considered == 0:
        return {
            "empty": _(
                "There was no open work with a free place when this round ran, so it "
                "proposes nothing."
            )
        }
    if r.residents_considered == 0:
        return {
            "empty": _(
                "There was nobody to propose: everyone who may be proposed has a proposal "
                "or work already."
            )
        }
    if r.places_filled == 0:
        return {
            "empty": _("Nobody fits any open place well enough, so this round proposes nothing.")
        }
    figures = [
        _of_total(
            r.matched_pieces,
            r.pieces_considered,
            one=(
                _("The one open piece of work gets a proposal."),
                _("The one open piece of work gets no proposal."),
            ),
            # plural-ok: total is 2 or more here; one has its own sentence
            none=_("None of the %(total)s open pieces of work gets a proposal."),
            # plural-ok: total is 2 or more here; one has its own sentence
            every=_("All %(total)s open pieces of work get a proposal."),
            some=lambda n: ngettext(
                "%(count)s of the %(total)s open pieces of work gets a proposal.",
                "%(count)s of the %(total)s open pieces of work get a proposal.",
                n,
            ),
        ),
        _of_total(
            r.places_filled,
            r.places_filled + r.open_places,
            one=(_("The one free place is filled."), _("The one free place stays open.")),
            # plural-ok: total is 2 or more here; one has its own sentence
            none=_("None of the %(total)s free places is filled."),
            # plural-ok: total is 2 or more here; one has its own sentence
            every=_("All %(total)s free places are filled."),
            some=lambda n: ngettext(
                "%(count)s of the %(total)s free places is filled.",
                "%(count)s of the %(total)s free places are filled.",
                n,
            ),
        ),
        _of_total(
            r.matched_residents,
            r.residents_considered,
            one=(
                _("The one resident who can be proposed now gets a proposal."),
                _("The one resident who can be proposed now gets no proposal."),
            ),
            # plural-ok: total is 2 or more here; one has its own sentence
            none=_("None of the %(total)s residents who can be proposed now gets a proposal."),
            # plural-ok: total is 2 or more here; one has its own sentence
            every=_("All %(total)s residents who can be proposed now get a proposal."),
            some=lambda n: ngettext(
                "%(count)s of the %(total)s residents who can be proposed now gets a proposal.",
                "%(count)s of the %(total)s residents who can be proposed now get a proposal.",
                n,
            ),
        ),
    ]
    priority_weight = float(r.parameters.get("weights", {}).get("priority_weight", 0) or 0)
    counts = priority_counts(r.assignments, priority_weight)
    if counts["impact"]:
        figures.append(
            ngettext(
                "%(count)s participant of an impact assignment gets priority.",
                "%(count)s participants of an impact assignment get priority.",
                counts["impact"],
            )
            % {"count": counts["impact"]}
        )
    if counts["waiting"]:
        figures.append(
            ngettext(
                "%(count)s resident who has been waiting long gets priority.",
                "%(count)s residents who have been waiting long get priority.",
                counts["waiting"],
            )
            % {"count": counts["waiting"]}
        )
    return {"figures": figures, "quality": _quality(r), "choices": _choices_in_words(r)}


def _quality(r) -> str:
    if r.choices:
        percent = below_best_percent(r.objective, r.best_objective)
        if percent == 0:
            return _("With your choices the result is as good as the best result.")
        return _("With your choices the result is %(percent)s%% below the best result.") % {
            "percent": percent
        }
    if r.is_certified_optimal:
        return _("This is the best allocation there is: no other set of pairs fits better overall.")
    percent = below_best_percent(r.objective, r.objective + r.gap_bound)
    if percent == 0:
        return _(
            "This allocation is as good as the best possible, as far as could be checked "
            "in the time there was."
        )
    return _(
        "The search stopped at its time limit: this allocation is at most %(percent)s%% "
        "below the best possible."
    ) % {"percent": percent}


def _choices_in_words(r) -> list[str]:
    drops = sum(1 for choice in r.choices if choice.get("kind") == "drop")
    swaps = sum(1 for choice in r.choices if choice.get("kind") == "swap")
    fixes = sum(1 for choice in r.choices if choice.get("kind") == "fix")
    sentences = []
    if drops:
        sentences.append(
            ngettext("You left out %(count)s pair.", "You left out %(count)s pairs.", drops)
            % {"count": drops}
        )
    if swaps:
        sentences.append(
            ngettext(
                "You chose someone or something else for %(count)s pair.",
                "You chose someone or something else for %(count)s pairs.",
                swaps,
            )
            % {"count": swaps}
        )
    if fixes:
        sentences.append(
            ngettext(
                "You chose %(count)s pair yourself.", "You chose %(count)s pairs yourself.", fixes
            )
            % {"count": fixes}
        )
    return sentences


def choice_rows(bureau, matching_round, *, membership) -> list[dict]:
    """The round's choices, newest first, with the residents and pieces they name (two queries
    whatever their number; a resident whose profile the member may not see is None)."""
    from buurtbaan.residents.models import Resident
    from buurtbaan.residents.permissions import visible_profiles_q
    from buurtbaan.work.models import PieceOfWork

    choices = list(reversed(matching_round.choices))
    if not choices:
        return []
    resident_ids = {c["resident"] for c in choices} | {c.get("new_resident") for c in choices}
    piece_ids = {c["piece"] for c in choices} | {c.get("new_piece") for c in choices}
    residents = (
        Resident.objects.filter(bureau=bureau)
        .filter(visible_profiles_q(membership))
        .in_bulk([pk for pk in resident_ids if pk is not None])
    )
    pieces = PieceOfWork.objects.filter(bureau=bureau).in_bulk(
        [pk for pk in piece_ids if pk is not None]
    )
    return [
        {
            "kind": choice["kind"],
            "resident": residents.get(choice["resident"]),
            "piece": pieces.get(choice["piece"]),
            "new_resident": residents.get(choice.get("new_resident")),
            "new_piece": pieces.get(choice.get("new_piece")),
            "is_new_resident": choice.get("new_resident") != choice["resident"],
        }
        for choice in choices
    ]
