"""The edges of a match's life: every step an event, refusals checked under the lock, erased
residents and withdrawn consent, teams that can really be proposed, and the proposal lock."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from buurtbaan.matching import actions, suggestions
from buurtbaan.matching.models import Match, MatchEvent, MatchStatus
from buurtbaan.matching.queries import places_taken, settings_for
from buurtbaan.residents.actions import withdraw_consent
from tests.factories import MatchFactory
from tests.matching.conftest import matchable, propose


def test_the_proposal_is_an_event_like_every_other_step(neighbourhood, personas):
    match = propose(neighbourhood, personas, note="Past bij haar droom")
    event = MatchEvent.objects.get(match=match)
    assert (event.kind, event.from_status, event.to_status) == ("proposed", "", "proposed")
    assert (event.actor, event.at, event.reason) == (
        personas.coordinator,
        match.proposed_at,
        "Past bij haar droom",
    )
    assert Match.objects.get(pk=match.pk).history() == [event]


def test_a_confirmed_round_writes_the_proposed_event_of_each_proposal(neighbourhood, personas):
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    count = actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)
    assert count >= 2
    matches = Match.objects.filter(matching_round=matching_round)
    events = MatchEvent.objects.filter(match__in=matches)
    assert events.count() == count
    assert set(events.values_list("kind", "from_status", "to_status", "actor", "reason")) == {
        ("proposed", "", "proposed", personas.coordinator.pk, "")
    }
    for match in matches:
        [event] = match.history()
        assert event.at == match.proposed_at


def test_a_round_confirmed_twice_at_once_proposes_once(neighbourhood, personas):
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)
    # The second submit still holds the draft it loaded before the first one finished.
    with pytest.raises(ValidationError, match="confirmed"):
        actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)
    assert MatchEvent.objects.count() == Match.objects.count() == len(matching_round.assignments)


def test_proposals_lock_the_bureau_first(neighbourhood, personas):
    with CaptureQueriesContext(connection) as captured:
        propose(neighbourhood, personas)
    locks = [q["sql"] for q in captured.captured_queries if "FOR UPDATE" in q["sql"]]
    if not connection.features.has_select_for_update:  # SQLite: one write lock for everything
        assert locks == []
        return
    # The bureau's lock first: a confirmed round holds it while its inserts share-lock pieces.
    assert "matching_matchingsettings" in locks[0]
    assert any("work_pieceofwork" in sql for sql in locks[1:])


@pytest.mark.django_db(transaction=True)
def test_two_proposals_at_once_respect_the_limit_of_open_proposals(neighbourhood, personas):
    """Two coordinators propose Sandra at the same moment, for two pieces; she may have one."""
    if not connection.features.has_select_for_update:
        pytest.skip("needs row locks (PostgreSQL)")
    first_proposed, release = threading.Event(), threading.Event()
    outcomes = {}

    def propose_in_a_thread(name, piece, wait):
        try:
            with translation.override("en"), transaction.atomic():
                actions.propose_match(
                    actor=personas.coordinator, piece=piece, resident=neighbourhood.sandra
                )
                if wait:
                    first_proposed.set()
                    release.wait(10)
            outcomes[name] = "proposed"
        except ValidationError as error:
            outcomes[name] = " ".join(error.messages)
        finally:
            connections.close_all()

    first = threading.Thread(
        target=propose_in_a_thread, args=("first", neighbourhood.theatre, True)
    )
    second = threading.Thread(
        target=propose_in_a_thread, args=("second", neighbourhood.park, False)
    )
    first.start()
    assert first_proposed.wait(10)
    second.start()
    second.join(0.5)
    assert second.is_alive()  # waits for the bureau's lock
    release.set()
    first.join(10)
    second.join(10)
    assert outcomes["first"] == "proposed"
    assert "already considering 1 proposal" in outcomes["second"]
    assert Match.objects.filter(resident=neighbourhood.sandra).count() == 1


def test_a_declined_proposal_cannot_have_been_accepted(neighbourhood, personas):
    match = propose(neighbourhood, personas)
    # Two tabs: the resident said yes in one, and presses no in the other.
    actions.resident_accepts(actor=neighbourhood.sandra.user, match=match)
    with pytest.raises(ValidationError, match="accepted this proposal already"):
        actions.resident_declines(actor=neighbourhood.sandra.user, match=match)
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED
    assert not match.events.filter(kind="declined").exists()


def test_an_erased_resident_is_not_proposed_even_from_an_old_copy(neighbourhood, personas):
    sandra = neighbourhood.sandra  # loaded before the erasure
    type(sandra).objects.filter(pk=sandra.pk).update(is_anonymised=True)
    with pytest.raises(ValidationError, match="erased"):
        propose(neighbourhood, personas, resident=sandra)


def test_erasing_a_resident_stops_their_active_matches_and_frees_the_places(
    neighbourhood, personas
):
    from django.db import transaction
    from django.utils import timezone

    from buurtbaan.residents.erasure import anonymise_resident

    sandra = neighbourhood.sandra
    working = propose(neighbourhood, personas, note="Ze kent de eigenaar")
    actions.resident_accepts(actor=sandra.user, match=working, note="Graag, mijn buurman werkt er")
    actions.start_match(actor=personas.coach, match=working)
    old = MatchFactory(bureau=neighbourhood.bureau, resident=sandra, status="declined")
    other = propose(
        neighbourhood, personas, resident=neighbourhood.martinez, piece=neighbourhood.dog
    )
    with transaction.atomic():
        anonymise_resident(resident=sandra, actor=personas.coordinator, now=timezone.now())
    working.refresh_from_db()
    assert working.status == MatchStatus.STOPPED
    assert working.events.get(kind="stopped").actor is None
    assert "Graag" not in str(list(working.events.values_list("reason", flat=True)))
    old.refresh_from_db()
    assert old.status == MatchStatus.DECLINED
    # The theatre's place is free again, and nobody else's match changed.
    assert places_taken(neighbourhood.bureau) == {neighbourhood.dog.pk: 1}
    other.refresh_from_db()
    assert other.status == MatchStatus.PROPOSED
    assert other.reasons


def test_withdrawing_consent_takes_the_resident_out_of_the_cached_candidates(
    neighbourhood, personas
):
    assert neighbourhood.sandra.pk in [
        c.resident.pk
        for c in suggestions.candidates_for_piece(
            neighbourhood.bureau, neighbourhood.theatre
        ).candidates
    ]
    withdraw_consent(actor=personas.coach, resident=neighbourhood.sandra, scope="matching")
    found = suggestions.candidates_for_piece(neighbourhood.bureau, neighbourhood.theatre)
    assert neighbourhood.sandra.pk not in [c.resident.pk for c in found.candidates]
    team = suggestions.team_for_piece(neighbourhood.bureau, neighbourhood.park)
    assert neighbourhood.sandra.pk not in [m.resident.pk for m in team.members]
    with pytest.raises(ValidationError, match="has not agreed"):
        propose(neighbourhood, personas)


def test_a_declined_pair_is_left_out_of_the_team(neighbourhood, personas):
    MatchFactory(
        bureau=neighbourhood.bureau,
        resident=neighbourhood.martinez,
        piece=neighbourhood.park,
        status="declined",
    )
    team = suggestions.team_for_piece(neighbourhood.bureau, neighbourhood.park)
    assert neighbourhood.martinez.pk not in [m.resident.pk for m in team.members]
    assert neighbourhood.sandra.pk in [m.resident.pk for m in team.members]


def test_a_team_leaves_out_residents_who_may_not_get_another_proposal(neighbourhood, personas):
    # Sandra is considering the theatre; the bureau allows one open proposal at a time.
    propose(neighbourhood, personas)
    team = suggestions.team_for_piece(neighbourhood.bureau, neighbourhood.park)
    assert neighbourhood.sandra.pk not in [m.resident.pk for m in team.members]
    # So the composed team can really be proposed.
    team, matches = actions.compose_team_for(actor=personas.coordinator, piece=neighbourhood.park)
    assert matches
    assert {m.resident_id for m in matches} == {m.resident.pk for m in team.members}
    # With room for two open proposals, she is in again.
    matching_settings = settings_for(neighbourhood.bureau)
    matching_settings.max_open_proposals = 2
    matching_settings.save()
    newcomer = matchable(neighbourhood.bureau, talent_names=["organiseren"], postcode="6828BC")
    propose(neighbourhood, personas, resident=newcomer, piece=neighbourhood.dog)
    team = suggestions.team_for_piece(neighbourhood.bureau, neighbourhood.park)
    assert newcomer.pk in [m.resident.pk for m in team.members]


def test_confirming_a_round_is_all_or_nothing(neighbourhood, personas, monkeypatch):
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    assert matching_round.assignments

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(actions, "_insert_round_events", fail)
    with pytest.raises(RuntimeError):
        actions.confirm_round(actor=personas.coordinator, matching_round=matching_round)
    matching_round.refresh_from_db()
    assert matching_round.status == "draft"
    assert not Match.objects.exists()
