"""The fit score of every (resident, work) pair, the hard constraints, and the reasons behind both.

``prepare(scenario)`` turns a scenario into a ``Prepared``: per-person and per-piece feature arrays
plus the whole score matrix (residents × work, float32) and the matrix of allowed pairs. Everything
later (suggestions, teams, the round) reads from it, so a scenario is scored once.

The fit score is the weighted mean of seven components, each in [0, 1] (docs/matching.md):

* ``talents``  share of the work's talents that the resident has (talents or skills, stemmed);
* ``skills``   share of the work's skills that the resident has;
* ``dream``    TF-IDF cosine of dream and work text, divided by ``DREAM_SATURATION``, capped at 1;
* ``distance`` 1 within ``WALKING_KM``, falling linearly to 0 at ``FAR_KM``;
* ``hours``    resident hours / work hours, capped at 1;
* ``days``     share of the work's days on which the resident is available;
* ``paid``     1 when paid/voluntary is what the resident wants (or "both"), else 0.

Missing information (no talents asked, no dream, unknown postcode, no hours, no days, paid not
said) gives the neutral value ``NEUTRAL`` instead of a reward or a penalty. Blocks of the matrix are
computed by one function, so the full matrix and a single explained pair can never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import scipy.sparse as sp

from .geo import DistanceTable
from .reasons import Reason
from .scenario import Id, Resident, Scenario, Work
from .text import build_tfidf, normalize_term, tokens

NEUTRAL = np.float32(0.5)
WALKING_KM = 1.0
FAR_KM = 8.0
DREAM_SATURATION = 0.5
#: A resident may be short of the work's hours by at most max(2 h, 20 % of the work's hours).
HOURS_TOLERANCE = 2.0
HOURS_TOLERANCE_SHARE = 0.2
#: How far a resident will travel, by their ``travel`` answer.
TRAVEL_LIMIT_KM = {"wijk": 1.5, "fiets": 7.5, "overal": math.inf}
ADULT_AGE = 18
#: Below this distance two centroids count as the same place ("woont in dezelfde buurt").
SAME_PLACE_KM = 0.025
#: At most this many dream words are named in a reason.
DREAM_WORDS_SHOWN = 3
#: Rows of the score matrix computed at once: bounds the temporary arrays to a few dozen MB.
ROWS_PER_BLOCK = 1024

_WANTS_CODE = {"paid": 0, "volunteer": 1, "both": 2}


class UnknownIdError(LookupError):
    """No resident or piece of work has the requested id."""


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on ``day``."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


@dataclass(frozen=True)
class PairExplanation:
    """Why one resident and one piece of work fit, and whether a hard constraint excludes them."""

    resident_id: Id
    work_id: Id
    score: float
    components: dict[str, float]
    reasons: tuple[Reason, ...]
    exclusions: tuple[Reason, ...]
    support: tuple[str, ...]

    @property
    def is_allowed(self) -> bool:
        return not self.exclusions


class Prepared:
    """A scored scenario: the score matrix, the allowed pairs, and what is needed to explain them.

    ``scores[i, j]`` is the fit of resident ``i`` and piece ``j`` (positions as in the scenario)
    whether or not the pair is allowed; ``allowed[i, j]`` is False when a hard constraint
    excludes the pair. Both are (residents × work) arrays in column-major order.
    """

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.residents: tuple[Resident, ...] = scenario.residents
        self.work: tuple[Work, ...] = scenario.work
        self.weights = scenario.weights
        self._resident_position = {resident.id: n for n, resident in enumerate(self.residents)}
        self._work_position = {piece.id: n for n, piece in enumerate(self.work)}
        self._prepare_talents()
        self._prepare_dreams()
        self._prepare_facts()
        # Column-major: a piece's column is contiguous, which is what suggestions for a piece
        # and the round read.
        shape = (len(self.residents), len(self.work))
        self.scores = np.zeros(shape, dtype=np.float32, order="F")
        self.allowed = np.zeros(shape, dtype=bool, order="F")
        for start in range(0, len(self.residents), ROWS_PER_BLOCK):
            stop = min(start + ROWS_PER_BLOCK, len(self.residents))
            components, _, allowed = self.block(np.arange(start, stop), None)
            self.scores[start:stop] = self.combine(components)
            self.allowed[start:stop] = allowed

    # -- lookups ---------------------------------------------------------------------------

    def resident_position(self, resident_id: Id) -> int:
        """Position of a resident; a string also finds an int id ("12" → 12) for CLI use."""
        return _position(self._resident_position, resident_id, "resident")

    def work_position(self, work_id: Id) -> int:
        """Position of a piece of work; a string also finds an int id."""
        return _position(self._work_position, work_id, "work")

    @property
    def priority(self) -> np.ndarray:
        """Each resident's priority (0..1), float32."""
        return self._priority

    @property
    def places(self) -> np.ndarray:
        """Places (``people``) of each piece of work, int64."""
        return self._places

    def abilities(self, position: int) -> dict[str, str]:
        """A resident's talents and skills: stem → the words as the resident wrote them."""
        return self._abilities[position]

    def needs(self, position: int) -> list[tuple[str, str, str]]:
        """What a piece asks for: (stem, word as written, "talent" or "skill"), no repeats."""
        return self._needs[position]

    def shared_days(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Days each resident is available of those the work asks (of all seven when it asks
        none), rows × cols; -1 when the resident gave no days. Not capped like the fit's
        ``days`` component, so it tells apart residents whose fit is the same."""
        work_days = self._work_days[:, cols].copy()
        work_days[:, ~self._work_has_days[cols]] = 1.0
        shared = self._resident_days[rows] @ work_days
        return np.where(self._resident_has_days[rows][:, None], shared, -1.0)

    def resident_hours(self, rows: np.ndarray) -> np.ndarray:
        """Hours a week of each resident (NaN when not given), float32."""
        return self._resident_hours[rows]

    # -- preparation -----------------------------------------------------------------------

    def _prepare_talents(self) -> None:
        """Binary ability and need matrices over the stems that some piece of work asks for.

        Only stems a piece asks for can ever match, so the vocabulary (and the dense need
        matrices, vocabulary × work) stays as small as the work's own vocabulary.
        """
        self._needs = []
        for piece in self.work:
            seen: set[str] = set()
            needs = []
            for kind, words in (("talent", piece.talents), ("skill", piece.skills)):
                for word in words:
                    key = normalize_term(word)
                    if key and key not in seen:
                        seen.add(key)
                        needs.append((key, word, kind))
            self._needs.append(needs)
        vocabulary: dict[str, int] = {}
        for needs in self._needs:
            for key, _, _ in needs:
                vocabulary.setdefault(key, len(vocabulary))
        self._abilities = []
        rows, cols = [], []
        for n, resident in enumerate(self.residents):
            abilities: dict[str, str] = {}
            for word in (*resident.talents, *resident.skills):
                key = normalize_term(word)
                if key and key not in abilities:
                    abilities[key] = word
                    if key in vocabulary:
                        rows.append(n)
                        cols.append(vocabulary[key])
            self._abilities.append(abilities)
        self._ability_matrix = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(self.residents), len(vocabulary)),
        )
        self._talent_needs = np.zeros((len(vocabulary), len(self.work)), dtype=np.float32)
        self._skill_needs = np.zeros_like(self._talent_needs)
        for j, needs in enumerate(self._needs):
            for key, _, kind in needs:
                target = self._talent_needs if kind == "talent" else self._skill_needs
                target[vocabulary[key], j] = 1.0
        self._talent_count = self._talent_needs.sum(axis=0)
        self._skill_count = self._skill_needs.sum(axis=0)

    def _prepare_dreams(self) -> None:
        """TF-IDF of dreams against work texts (title and description)."""
        work_texts = [f"{piece.title}\n{piece.description}" for piece in self.work]
        space = build_tfidf([resident.dream for resident in self.residents], work_texts)
        self._dream_vectors = space.left
        self._work_vectors = space.right
        self._stem_of_column = {column: stem for stem, column in space.vocabulary.items()}
        # Only stems in some work text can contribute to a cosine: keep those columns dense.
        used = np.unique(space.right.indices)
        self._dreams_on_work_terms = space.left[:, used].tocsr()
        self._work_terms = space.right[:, used].T.toarray()
        self._has_dream = np.diff(space.left.indptr) > 0
        self._has_text = np.diff(space.right.indptr) > 0

    def _prepare_facts(self) -> None:
        """Hours, days, money, travel and eligibility as arrays."""
        residents, work, today = self.residents, self.work, self.scenario.today
        self._distances = DistanceTable(
            [resident.postcode for resident in residents],
            [piece.postcode for piece in work],
            self.scenario.postcodes,
        )
        self._resident_hours = _hours_array(residents)
        self._work_hours = _hours_array(work)
        self._resident_days, self._resident_has_days = _days_matrix(residents)
        work_days, self._work_has_days = _days_matrix(work)
        self._work_days = np.ascontiguousarray(work_days.T)
        self._work_day_count = self._work_days.sum(axis=0)
        self._wants = np.array([_WANTS_CODE[r.wants] for r in residents], dtype=np.int8)
        self._paid = np.array(
            [-1 if piece.paid is None else int(piece.paid) for piece in work], dtype=np.int8
        )
        self._travel_limit = np.array(
            [TRAVEL_LIMIT_KM[r.travel] for r in residents], dtype=np.float32
        )
        self._priority = np.array([r.priority for r in residents], dtype=np.float32)
        self._places = np.array([piece.people for piece in work], dtype=np.int64)
        self._is_adult = np.array(
            [r.birth_date is None or age_on(r.birth_date, today) >= ADULT_AGE for r in residents],
            dtype=bool,
        )
        self._has_consent = np.array([r.consent for r in residents], dtype=bool)
        self._is_proposable = np.array([r.proposable for r in residents], dtype=bool)
        declined = [
            (self._resident_position[resident_id], self._work_position[work_id])
            for resident_id, work_id in self.scenario.declined
        ]
        self._declined = np.array(declined, dtype=np.int64).reshape(-1, 2)
        self._declined_set = set(declined)

    # -- scoring ---------------------------------------------------------------------------

    def block(
        self, rows: np.ndarray, cols: np.ndarray | None
    ) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        """Components, distances (km, NaN if unknown) and allowed mask of a block of pairs.

        ``rows`` are resident positions, ``cols`` work positions (None: all work). Each returned
        array is len(rows) × len(cols).
        """
        all_cols = np.arange(len(self.work))
        col_index = all_cols if cols is None else cols

        def work_side(array: np.ndarray) -> np.ndarray:
            return array if cols is None else array[..., cols]

        components: dict[str, np.ndarray] = {}
        abilities = self._ability_matrix[rows]
        for name, needs, count in (
            ("talents", self._talent_needs, self._talent_count),
            ("skills", self._skill_needs, self._skill_count),
        ):
            overlap = np.asarray(abilities @ work_side(needs), dtype=np.float32)
            count = work_side(count)[None, :]
            components[name] = np.where(count > 0, overlap / np.maximum(count, 1), NEUTRAL)

        cosine = np.asarray(
            self._dreams_on_work_terms[rows] @ work_side(self._work_terms), dtype=np.float32
        )
        has_both = self._has_dream[rows][:, None] & work_side(self._has_text)[None, :]
        components["dream"] = np.where(
            has_both, np.minimum(cosine / DREAM_SATURATION, 1.0), NEUTRAL
        )

        km = self._distances.km(rows, col_index)
        closeness = np.clip(1.0 - (km - WALKING_KM) / (FAR_KM - WALKING_KM), 0.0, 1.0)
        components["distance"] = np.where(np.isnan(km), NEUTRAL, closeness)

        resident_hours = self._resident_hours[rows][:, None]
        work_hours = work_side(self._work_hours)[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            hours_share = np.where(
                work_hours > 0, np.minimum(resident_hours / work_hours, 1.0), 1.0
            )
        components["hours"] = np.where(
            np.isnan(resident_hours) | np.isnan(work_hours), NEUTRAL, hours_share
        )

        shared_days = self._resident_days[rows] @ work_side(self._work_days)
        day_count = work_side(self._work_day_count)[None, :]
        has_days = self._resident_has_days[rows][:, None] & work_side(self._work_has_days)[None, :]
        components["days"] = np.where(has_days, shared_days / np.maximum(day_count, 1), NEUTRAL)

        wants = self._wants[rows][:, None]
        paid = work_side(self._paid)[None, :]
        is_wanted = (wants == 2) | ((wants == 0) & (paid == 1)) | ((wants == 1) & (paid == 0))
        components["paid"] = np.where(paid < 0, NEUTRAL, is_wanted)

        components = {
            name: value.astype(np.float32, copy=False) for name, value in components.items()
        }

        allowed = (self._is_adult & self._has_consent & self._is_proposable)[rows][
            :, None
        ] & np.ones((1, len(col_index)), dtype=bool)
        tolerance = np.maximum(HOURS_TOLERANCE, HOURS_TOLERANCE_SHARE * work_hours)
        allowed &= ~(resident_hours < work_hours - tolerance)
        allowed &= ~(km > self._travel_limit[rows][:, None])
        self._exclude_declined(allowed, rows, col_index)
        return components, km, allowed

    def combine(self, components: dict[str, np.ndarray]) -> np.ndarray:
        """The fit score: weighted mean of the components (float32)."""
        weights = self.weights.fit_weights()
        total = np.zeros_like(components["talents"])
        for name, weight in weights.items():
            if weight:
                total += np.float32(weight) * components[name]
        return total / np.float32(sum(weights.values()))

    def _exclude_declined(self, allowed: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> None:
        if not len(self._declined):
            return
        row_at = np.full(len(self.residents), -1)
        row_at[rows] = np.arange(len(rows))
        col_at = np.full(len(self.work), -1)
        col_at[cols] = np.arange(len(cols))
        block_rows = row_at[self._declined[:, 0]]
        block_cols = col_at[self._declined[:, 1]]
        inside = (block_rows >= 0) & (block_cols >= 0)
        allowed[block_rows[inside], block_cols[inside]] = False

    # -- explaining ------------------------------------------------------------------------

    def explain(self, i: int, j: int) -> PairExplanation:
        """Score, components, reasons and exclusions of the pair at positions (i, j)."""
        components, km, _ = self.block(np.array([i]), np.array([j]))
        values = {name: float(value[0, 0]) for name, value in components.items()}
        distance = float(km[0, 0])
        resident, piece = self.residents[i], self.work[j]
        return PairExplanation(
            resident_id=resident.id,
            work_id=piece.id,
            score=float(self.scores[i, j]),
            components=values,
            reasons=tuple(self._reasons(i, j, distance, values)),
            exclusions=tuple(self._exclusions(i, j, distance)),
            support=resident.support_needed,
        )

    def _reasons(self, i: int, j: int, km: float, values: dict[str, float]) -> list[Reason]:
        resident, piece = self.residents[i], self.work[j]
        abilities = self._abilities[i]
        reasons = []
        for kind, code in (("talent", "shared_talents"), ("skill", "shared_skills")):
            shared = [
                abilities[key]
                for key, _, need in self._needs[j]
                if need == kind and key in abilities
            ]
            if shared:
                reasons.append(Reason(code, {"words": shared}))
        dream_words = self._dream_words(i, j)
        if dream_words:
            reasons.append(Reason("dream_match", {"words": dream_words}))
        if math.isnan(km):
            reasons.append(Reason("distance_unknown"))
        elif km < SAME_PLACE_KM:
            reasons.append(Reason("same_area"))
        else:
            reasons.append(Reason("distance", {"km": round(km, 3)}))
        if resident.days and piece.days:
            shared_days = sorted(set(resident.days) & set(piece.days))
            reasons.append(
                Reason("shared_days", {"days": shared_days})
                if shared_days
                else Reason("no_shared_days")
            )
        if resident.hours_per_week is not None and piece.hours_per_week is not None:
            hours = {"resident_hours": resident.hours_per_week, "work_hours": piece.hours_per_week}
            code = "enough_hours" if values["hours"] >= 1 else "few_hours"
            reasons.append(Reason(code, hours))
        if piece.paid is not None and resident.wants != "both":
            wants_paid = resident.wants == "paid"
            if piece.paid == wants_paid:
                reasons.append(Reason("wants_paid" if wants_paid else "wants_volunteer"))
            else:
                reasons.append(Reason("prefers_paid" if wants_paid else "prefers_volunteer"))
        missing = [
            word for key, word, need in self._needs[j] if need == "talent" and key not in abilities
        ]
        if missing:
            reasons.append(Reason("missing_talents", {"words": missing}))
        return reasons

    def _dream_words(self, i: int, j: int) -> list[str]:
        """Dream words (as the resident wrote them) whose stems the work text also has.

        Ordered by their share of the cosine, largest first.
        """
        dream = self._dream_vectors[i]
        text = self._work_vectors[j]
        text_weight = dict(zip(text.indices.tolist(), text.data.tolist(), strict=True))
        shares = {
            self._stem_of_column[column]: weight * text_weight[column]
            for column, weight in zip(dream.indices.tolist(), dream.data.tolist(), strict=True)
            if column in text_weight
        }
        written: dict[str, str] = {}
        for word, word_stem in tokens(self.residents[i].dream):
            if word_stem in shares:
                written.setdefault(word_stem, word)
        ranked = sorted(written, key=lambda word_stem: -shares[word_stem])
        return [written[word_stem] for word_stem in ranked[:DREAM_WORDS_SHOWN]]

    def _exclusions(self, i: int, j: int, km: float) -> list[Reason]:
        resident, piece = self.residents[i], self.work[j]
        exclusions = []
        if not self._is_adult[i]:
            exclusions.append(Reason("under_18"))
        if not resident.consent:
            exclusions.append(Reason("no_consent"))
        if not resident.proposable:
            exclusions.append(Reason("not_proposable", {"codes": list(resident.not_proposable)}))
        resident_hours, work_hours = self._resident_hours[i], self._work_hours[j]
        if resident_hours < work_hours - max(HOURS_TOLERANCE, HOURS_TOLERANCE_SHARE * work_hours):
            hours = {"resident_hours": resident.hours_per_week, "work_hours": piece.hours_per_week}
            exclusions.append(Reason("too_few_hours", hours))
        if km > self._travel_limit[i]:
            exclusions.append(Reason("too_far", {"km": round(km, 3), "travel": resident.travel}))
        if (i, j) in self._declined_set:
            exclusions.append(Reason("declined"))
        return exclusions


def prepare(scenario: Scenario) -> Prepared:
    """Score a scenario: build the feature arrays, the score matrix and the allowed pairs."""
    return Prepared(scenario)


def explain_pair(prepared: Prepared, resident_id: Id, work_id: Id) -> PairExplanation:
    """Why this resident and this piece of work fit (or are excluded), in structured reasons."""
    return prepared.explain(
        prepared.resident_position(resident_id), prepared.work_position(work_id)
    )


def _position(positions: dict[Id, int], wanted: Id, what: str) -> int:
    if wanted in positions and not isinstance(wanted, bool):
        return positions[wanted]
    if isinstance(wanted, str):
        matches = [n for key, n in positions.items() if isinstance(key, int) and str(key) == wanted]
        if len(matches) == 1:
            return matches[0]
    raise UnknownIdError(f"no {what} with id {wanted!r}")


def _hours_array(items: Sequence[Resident | Work]) -> np.ndarray:
    return np.array(
        [np.nan if item.hours_per_week is None else item.hours_per_week for item in items],
        dtype=np.float32,
    )


def _days_matrix(items: Sequence[Resident | Work]) -> tuple[np.ndarray, np.ndarray]:
    """(items × 7) 0/1 availability per weekday, and whether days were given at all."""
    matrix = np.zeros((len(items), 7), dtype=np.float32)
    for n, item in enumerate(items):
        for day in item.days or ():
            matrix[n, day] = 1.0
    return matrix, matrix.any(axis=1)
