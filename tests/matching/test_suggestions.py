"""Suggestions both ways and teams, from the cached engine with the live matches on top."""

from buurtbaan.matching import actions, cache, suggestions
from buurtbaan.matching.engine import Scenario, prepare, suggest_for_work
from buurtbaan.matching.loader import load_scenario
from tests.factories import DreamFactory, MatchFactory
from tests.matching.conftest import matchable, open_piece


def ids(found):
    return [candidate.resident.pk for candidate in found.candidates]


def test_candidates_are_ranked_with_reasons_and_support(neighbourhood):
    found = suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.theatre)
    assert ids(found)[0] == neighbourhood.sandra.pk
    best = found.candidates[0]
    assert best.support == ["Uitleg over bijverdienen"]
    assert {"shared_talents", "dream_match", "same_area"} <= {r["code"] for r in best.reasons}
    scores = [candidate.score for candidate in found.candidates]
    assert scores == sorted(scores, reverse=True)


def test_candidates_agree_with_the_engine_on_the_same_scenario(neighbourhood):
    expected = suggest_for_work(
        prepare(load_scenario(neighbourhood.bureau).scenario), neighbourhood.park.pk, 10
    )
    found = suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.park)
    assert ids(found) == [s.resident_id for s in expected]
    assert [c.score for c in found.candidates] == [s.score for s in expected]


def test_residents_without_consent_are_never_suggested(neighbourhood):
    found = suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.park)
    assert neighbourhood.no_consent.pk not in ids(found)
    assert neighbourhood.sandra.pk in ids(found)


def test_proposed_and_declined_residents_are_left_out_without_rebuilding(neighbourhood, personas):
    suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.park)
    actions.propose_match(
        actor=personas.coach, piece=neighbourhood.park, resident=neighbourhood.sandra
    )
    MatchFactory(
        bureau=neighbourhood.bureau,
        resident=neighbourhood.martinez,
        piece=neighbourhood.park,
        status="declined",
    )
    assert cache.prepared_for(neighbourhood.bureau).was_cached
    found = suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.park)
    assert neighbourhood.sandra.pk not in ids(found)
    assert neighbourhood.martinez.pk not in ids(found)


def test_a_stopped_match_lets_the_resident_be_suggested_again(neighbourhood, personas):
    match = actions.propose_match(
        actor=personas.coach, piece=neighbourhood.park, resident=neighbourhood.sandra
    )
    actions.stop_match(actor=personas.coach, match=match, reason="Even geen tijd")
    found = suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.park)
    assert neighbourhood.sandra.pk in ids(found)


def test_done_work_gets_no_candidates(neighbourhood):
    type(neighbourhood.theatre).objects.filter(pk=neighbourhood.theatre.pk).update(status="done")
    cache.invalidate()
    found = suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.theatre)
    assert found.candidates == []
    assert "done or cancelled" in found.unavailable


def test_the_count_of_open_proposals_is_shown(neighbourhood):
    MatchFactory(
        bureau=neighbourhood.bureau, resident=neighbourhood.sandra, piece=neighbourhood.dog
    )
    found = suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.theatre)
    assert found.candidates[0].open_proposals == 1


def test_work_for_a_resident_is_open_work_with_a_free_place(neighbourhood, personas):
    draft = open_piece(neighbourhood.bureau, talent_names=["zorgen"], status="draft")
    full = open_piece(neighbourhood.bureau, talent_names=["zorgen"], postcode="6828BC")
    MatchFactory(bureau=neighbourhood.bureau, piece=full, status="started")
    found = suggestions.work_for_resident(neighbourhood.bureau, neighbourhood.martinez)
    pieces = [candidate.piece.pk for candidate in found.candidates]
    assert pieces[0] == neighbourhood.dog.pk
    assert draft.pk not in pieces
    assert full.pk not in pieces
    actions.propose_match(
        actor=personas.coach, piece=neighbourhood.dog, resident=neighbourhood.martinez
    )
    found = suggestions.work_for_resident(neighbourhood.bureau, neighbourhood.martinez)
    assert neighbourhood.dog.pk not in [candidate.piece.pk for candidate in found.candidates]


def test_work_for_a_resident_without_consent_explains_why_there_is_none(neighbourhood):
    found = suggestions.work_for_resident(neighbourhood.bureau, neighbourhood.no_consent)
    assert found.candidates == []
    assert "not agreed to be proposed" in found.unavailable


def test_a_team_covers_the_talents_the_work_asks_for(neighbourhood):
    team = suggestions.team_for_piece(neighbourhood.bureau, neighbourhood.park)
    members = {member.resident.pk for member in team.members}
    assert {neighbourhood.sandra.pk, neighbourhood.martinez.pk} <= members
    assert set(team.covered) == {"organiseren", "zorgen"}
    assert team.uncovered == []
    assert team.size == 3
    assert team.open_places == 1


def test_a_team_leaves_out_residents_proposed_already_and_fills_the_free_places(
    neighbourhood, personas
):
    actions.propose_match(
        actor=personas.coach, piece=neighbourhood.park, resident=neighbourhood.sandra
    )
    team = suggestions.team_for_piece(neighbourhood.bureau, neighbourhood.park)
    assert [member.resident.pk for member in team.members] == [neighbourhood.martinez.pk]
    assert team.size == 2
    assert team.uncovered == ["organiseren"]
    # The cached engine itself is untouched.
    prepared = cache.prepared_for(neighbourhood.bureau).prepared
    i = prepared.resident_position(neighbourhood.sandra.pk)
    assert prepared.allowed[i, prepared.work_position(neighbourhood.park.pk)]


def test_writes_to_the_talent_bank_refresh_the_engine(neighbourhood):
    newcomer = matchable(neighbourhood.bureau, talent_names=["organiseren"], postcode="6828BK")
    found = suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.theatre)
    assert newcomer.pk in ids(found)
    assert cache.prepared_for(neighbourhood.bureau).was_cached
    DreamFactory(resident=newcomer, description="Theater, theater en nog eens theater")
    assert not cache.prepared_for(neighbourhood.bureau).was_cached


def test_the_cache_expires(neighbourhood, settings):
    cache.prepared_for(neighbourhood.bureau)
    settings.MATCHING_CACHE_SECONDS = 0
    assert not cache.prepared_for(neighbourhood.bureau).was_cached


def test_explain_says_why_a_pair_is_kept_apart(neighbourhood):
    far = open_piece(neighbourhood.bureau, postcode="6812AB")
    explanation = suggestions.explain(neighbourhood.bureau, neighbourhood.sandra, far)
    assert not explanation.is_allowed
    assert explanation.exclusions[0]["code"] == "too_far"


def test_the_engine_scenario_is_a_valid_exchange_scenario(neighbourhood):
    scenario = load_scenario(neighbourhood.bureau).scenario
    assert isinstance(scenario, Scenario)
    assert Scenario.from_dict(
        {
            "residents": [
                {"id": r.id, "talents": list(r.talents), "travel": r.travel, "wants": r.wants}
                for r in scenario.residents
            ]
        }
    )
