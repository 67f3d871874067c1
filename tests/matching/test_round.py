"""The matching round from the database: run, check, confirm; and a property test that its
proposals never break a hard constraint or a capacity."""

import datetime
import math
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtbaan.audit.models import AuditEntry
from buurtbaan.matching import actions, cache
from buurtbaan.matching.models import ACTIVE_STATUSES, Match, MatchingRound, MatchStatus
from buurtbaan.matching.queries import settings_for
from buurtbaan.residents.models import Resident
from tests.factories import (
    ConsentFactory,
    ImpactAssignmentFactory,
    ImpactParticipantFactory,
    MatchFactory,
)
from tests.matching.conftest import AREAS, matchable, open_piece


def test_a_round_stores_its_allocation_and_proposes_nothing_yet(neighbourhood, personas):
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    assert matching_round.status == "draft"
    assert matching_round.run_by == personas.coordinator
    pairs = {(row[0], row[1]) for row in matching_round.assignments}
    assert (neighbourhood.sandra.pk, neighbourhood.theatre.pk) in pairs
    assert (neighbourhood.martinez.pk, neighbourhood.dog.pk) in pairs
    assert matching_round.residents_considered == 2  # Lotte gave no consent
    assert matching_round.pieces_considered == 3
    assert matching_round.places_filled == len(pairs) == matching_round.matched_residents
    assert matching_round.open_places == 5 - len(pairs)
    assert matching_round.is_certified_optimal
    assert matching_round.objective >= matching_round.total_fit > 0
    assert Match.objects.count() == 0
    assert AuditEntry.objects.filter(object_type="matching.matchinground").count() == 1


def test_a_round_leaves_out_busy_residents_closed_pairs_and_work_without_places(
    neighbourhood, personas
):
    from buurtbaan.matching.suggestions import compute_round

    bureau = neighbourhood.bureau
    MatchFactory(bureau=bureau, resident=neighbourhood.martinez, status="introduced")
    MatchFactory(bureau=bureau, piece=neighbourhood.theatre, status="started")
    MatchFactory(bureau=bureau, piece=neighbourhood.park, status="proposed")
    MatchFactory(
        bureau=bureau, resident=neighbourhood.sandra, piece=neighbourhood.park, status="completed"
    )
    draft = open_piece(bureau, talent_names=["organiseren"], status="draft", postcode="6828BC")
    computed = compute_round(bureau)
    view = computed.prepared
    places = {piece.id: int(n) for piece, n in zip(view.work, view.places, strict=True)}
    assert places[neighbourhood.theatre.pk] == 0
    assert places[neighbourhood.park.pk] == 1  # a proposal and a placement hold two of three
    assert places[neighbourhood.dog.pk] == 1
    assert places[draft.pk] == 0
    row = {resident.id: n for n, resident in enumerate(view.residents)}
    col = {piece.id: n for n, piece in enumerate(view.work)}
    assert not view.allowed[row[neighbourhood.martinez.pk]].any()
    assert not view.allowed[row[neighbourhood.sandra.pk], col[neighbourhood.park.pk]]
    assert not view.allowed[:, col[draft.pk]].any()
    assert computed.pieces_considered == 2
    assert computed.residents_considered == 1  # Sandra; others are busy, new or without consent
    # The engine of the candidate pages is the round's, untouched by the round's masks.
    engine = cache.prepared_for(bureau)
    assert engine.was_cached
    assert engine.prepared.allowed[row[neighbourhood.martinez.pk], col[neighbourhood.dog.pk]]


def test_confirming_a_round_makes_the_proposals(neighbourhood, personas):
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    count = actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)
    matches = Match.objects.filter(matching_round=matching_round)
    assert count == len(matching_round.assignments) == matches.count()
    assert {m.source for m in matches} == {"round"}
    assert {m.status for m in matches} == {"proposed"}
    assert {m.proposed_by for m in matches} == {personas.coordinator}
    matching_round.refresh_from_db()
    assert matching_round.status == "confirmed"
    assert matching_round.confirmed_by == personas.coordinator
    with pytest.raises(ValidationError, match="already"):
        actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)


def test_round_proposals_get_their_reasons_when_first_shown(neighbourhood, personas):
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)
    match = Match.objects.get(resident=neighbourhood.sandra)
    assert match.reasons == []
    actions.add_missing_reasons(bureau=neighbourhood.bureau, matches=[match])
    match.refresh_from_db()
    assert {"shared_talents", "dream_match"} <= {r["code"] for r in match.reasons}
    assert match.support == ["Uitleg over bijverdienen"]


def test_confirming_skips_what_is_no_longer_possible(neighbourhood, personas):
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    assert {(row[0], row[1]) for row in matching_round.assignments} == {
        (neighbourhood.sandra.pk, neighbourhood.theatre.pk),
        (neighbourhood.martinez.pk, neighbourhood.dog.pk),
    }
    # Meanwhile Sandra got another proposal and the dog's place was taken.
    MatchFactory(
        bureau=neighbourhood.bureau, resident=neighbourhood.sandra, piece=neighbourhood.park
    )
    MatchFactory(bureau=neighbourhood.bureau, piece=neighbourhood.dog, status="started")
    count = actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)
    assert count == 0
    assert not Match.objects.filter(matching_round=matching_round).exists()


def test_a_round_can_be_set_aside(neighbourhood, personas):
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    actions.discard_round(actor=personas.coordinator, matching_round=matching_round)
    assert MatchingRound.objects.get(pk=matching_round.pk).status == "discarded"
    with pytest.raises(ValidationError, match="already"):
        actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)
    with pytest.raises(ValidationError, match="Only a round"):
        actions.discard_round(actor=personas.coordinator, matching_round=matching_round)


def test_residents_furthest_from_work_get_priority(personas, areas):
    """Two equal residents for one place: the impact participant gets it."""
    bureau = personas.bureau
    matchable(bureau, talent_names=["koken"], postcode="6828AA")
    second = matchable(bureau, talent_names=["koken"], postcode="6828AA")
    ImpactParticipantFactory(
        assignment=ImpactAssignmentFactory(bureau=bureau, status="running"), resident=second
    )
    open_piece(bureau, talent_names=["koken"], postcode="6828AA")
    matching_round = actions.run_round(actor=personas.coordinator, bureau=bureau)
    assert [row[0] for row in matching_round.assignments] == [second.pk]
    assert matching_round.assignments[0][3] == pytest.approx(0.1)


def test_an_empty_bureau_gives_an_empty_round(personas):
    matching_round = actions.run_round(actor=personas.coordinator, bureau=personas.bureau)
    assert matching_round.assignments == []
    assert matching_round.places_filled == 0
    assert actions.confirm_round(actor=personas.coordinator, matching_round=matching_round) == 0


# --- Property: the round never breaks a hard constraint or a capacity ---------------------------

COORDINATES = {pc4: (lat, lon) for pc4, lat, lon in AREAS}
LIMIT_KM = {"neighbourhood": 1.5, "cycling": 7.5, "anywhere": math.inf}


def km(a: str, b: str) -> float:
    (lat1, lon1), (lat2, lon2) = COORDINATES[a[:4]], COORDINATES[b[:4]]
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _neighbourhood(bureau, rng: random.Random):
    today = timezone.localdate()
    words = ["koken", "verbinden", "tuinieren", "repareren", "zorgen"]
    residents, pieces = [], []
    for _ in range(rng.randint(3, 12)):
        age = rng.choice([16, 17, 19, 30, 45, 70])
        residents.append(
            matchable(
                bureau,
                talent_names=rng.sample(words, rng.randint(0, 3)),
                postcode=rng.choice(list(COORDINATES)) + "AB",
                hours_per_week=rng.choice([None, 2, 8, 16, 24, 36]),
                travel=rng.choice(list(LIMIT_KM)),
                wants=rng.choice(["paid", "volunteer", "both"]),
                date_of_birth=today - datetime.timedelta(days=365 * age + 40),
                consent=rng.random() < 0.8,
                is_anonymised=rng.random() < 0.1,
            )
        )
    for _ in range(rng.randint(1, 6)):
        pieces.append(
            open_piece(
                bureau,
                talent_names=rng.sample(words, rng.randint(0, 2)),
                postcode=rng.choice(list(COORDINATES)) + "CD",
                hours_per_week=rng.choice([None, 3, 8, 24, 32]),
                people_needed=rng.randint(1, 3),
                is_paid=rng.random() < 0.5,
                status=rng.choice(["open", "open", "open", "draft"]),
            )
        )
    pairs = {(rng.choice(residents), rng.choice(pieces)) for _ in range(rng.randint(0, 6))}
    for resident, piece in sorted(pairs, key=lambda pair: (pair[0].pk, pair[1].pk)):
        MatchFactory(
            bureau=bureau,
            resident=resident,
            piece=piece,
            status=rng.choice(["declined", "completed", "stopped", "proposed", "started"]),
        )
    return residents


def _check(bureau, matching_round, before: dict, max_per_resident: int, min_score: float):
    today = timezone.localdate()
    proposals = list(
        Match.objects.filter(matching_round=matching_round).select_related("resident", "piece")
    )
    per_resident: dict[int, int] = {}
    for match in proposals:
        resident, piece = match.resident, match.piece
        per_resident[resident.pk] = per_resident.get(resident.pk, 0) + 1
        assert not resident.is_anonymised
        assert resident.has_consent("matching")
        assert resident.age_on(today) >= 18
        assert piece.status == "open"
        assert piece.bureau_id == bureau.pk
        assert (resident.pk, piece.pk) not in before["closed_pairs"]
        assert resident.pk not in before["busy"]
        assert match.score >= min_score - 1e-6
        if resident.hours_per_week is not None and piece.hours_per_week is not None:
            need = float(piece.hours_per_week)
            assert resident.hours_per_week >= need - max(2.0, 0.2 * need) - 1e-9
        assert km(resident.postcode, piece.postcode) <= LIMIT_KM[resident.travel] + 1e-6
    assert all(count <= max_per_resident for count in per_resident.values())
    for piece_id, people in before["people"].items():
        active = Match.objects.filter(piece_id=piece_id, status__in=ACTIVE_STATUSES).count()
        assert active <= max(people, before["active"].get(piece_id, 0))


@given(
    seed=st.integers(0, 10**6),
    max_per_resident=st.integers(1, 2),
    min_score=st.sampled_from([0.0, 0.35, 0.6]),
)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_round_never_breaks_a_hard_constraint_or_a_capacity(
    personas, areas, seed, max_per_resident, min_score
):
    bureau = personas.bureau
    with transaction.atomic():
        cache.invalidate()
        residents = _neighbourhood(bureau, random.Random(seed))
        matching_settings = settings_for(bureau)
        matching_settings.max_open_proposals = max_per_resident
        matching_settings.min_score = min_score
        matching_settings.save()
        existing = list(Match.objects.filter(bureau=bureau))
        before = {
            "closed_pairs": {
                (m.resident_id, m.piece_id)
                for m in existing
                if m.status in (MatchStatus.DECLINED, MatchStatus.COMPLETED)
            },
            "busy": {m.resident_id for m in existing if m.status in ACTIVE_STATUSES},
            "people": dict(bureau.pieces_of_work.values_list("pk", "people_needed")),
            "active": {},
        }
        for m in existing:
            if m.status in ACTIVE_STATUSES:
                before["active"][m.piece_id] = before["active"].get(m.piece_id, 0) + 1
        # A resident who withdraws consent after the round is not proposed when it is confirmed.
        matching_round = actions.run_round(actor=personas.coordinator, bureau=bureau)
        withdrawn = residents[0]
        withdrawn.consents.update(withdrawn_at=timezone.now())
        actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)
        assert not Match.objects.filter(matching_round=matching_round, resident=withdrawn).exists()
        _check(bureau, matching_round, before, max_per_resident, min_score)
        transaction.set_rollback(True)
    cache.invalidate()


def test_consent_is_recorded_for_the_property_helpers(personas):
    resident = matchable(personas.bureau)
    assert Resident.objects.with_consent("matching").filter(pk=resident.pk).exists()
    ConsentFactory(resident=matchable(personas.bureau, consent=False), scope="coaches")


@pytest.mark.parametrize(("seconds", "limit"), [(20, 20), (0, None)])
def test_the_round_gets_the_time_limit_from_the_settings(
    neighbourhood, personas, monkeypatch, settings, seconds, limit
):
    from buurtbaan.matching import suggestions

    seen = {}
    solve = suggestions.solve_round

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return solve(*args, **kwargs)

    monkeypatch.setattr(suggestions, "solve_round", spy)
    settings.MATCHING_ROUND_SECONDS = seconds
    actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    assert seen["time_limit"] == limit
