"""Proposals and the life of a match: who, when and why at every step."""

import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditEntry
from buurtbaan.matching import actions
from buurtbaan.matching.models import Match, MatchEvent, MatchStatus
from buurtbaan.matching.queries import settings_for
from tests.factories import (
    HelpRequestFactory,
    MatchFactory,
    OrganisationFactory,
    PieceOfWorkFactory,
)
from tests.matching.conftest import matchable, open_piece, propose


def test_it_proposes_with_score_reasons_and_support(neighbourhood, personas):
    match = propose(neighbourhood, personas, note="Ze ontmoette de eigenaar")
    assert match.status == MatchStatus.PROPOSED
    assert match.bureau == neighbourhood.bureau
    assert 0 < match.score <= 1
    codes = [reason["code"] for reason in match.reasons]
    assert "shared_talents" in codes
    assert "dream_match" in codes
    assert match.support == ["Uitleg over bijverdienen"]
    assert match.proposed_by == personas.coordinator
    assert match.source == "suggestion"
    history = match.history()
    assert [(e.kind, e.actor, e.reason) for e in history] == [
        ("proposed", personas.coordinator, "Ze ontmoette de eigenaar")
    ]
    entry = AuditEntry.objects.get(object_type="matching.match", object_id=str(match.pk))
    assert entry.action == "create"
    assert entry.actor == personas.coordinator


def test_it_links_the_organisation_that_carries_the_work(neighbourhood, personas):
    theatre = OrganisationFactory(bureau=neighbourhood.bureau)
    neighbourhood.theatre.carried_by_organisation = theatre
    neighbourhood.theatre.save()
    assert propose(neighbourhood, personas).organisation == theatre


def test_it_links_the_organisation_that_asks_when_none_carries_it(neighbourhood, personas):
    asker = OrganisationFactory(bureau=neighbourhood.bureau)
    piece = open_piece(
        neighbourhood.bureau, asked_by_kind="organisation", asked_by_organisation=asker
    )
    assert (
        propose(neighbourhood, personas, resident=neighbourhood.martinez, piece=piece).organisation
        == asker
    )


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda n: n.sandra.consents.update(withdrawn_at="2026-01-01T00:00Z"), "has not agreed"),
        (lambda n: type(n.theatre).objects.filter(pk=n.theatre.pk).update(status="done"), "done"),
        (
            lambda n: MatchFactory(
                bureau=n.bureau, resident=n.sandra, piece=n.theatre, status="declined"
            ),
            "declined this work before",
        ),
        (
            lambda n: MatchFactory(bureau=n.bureau, resident=n.sandra, piece=n.theatre),
            "already has a proposal",
        ),
        (
            lambda n: MatchFactory(bureau=n.bureau, piece=n.theatre, status="started"),
            "place of this work is taken",
        ),
        (
            lambda n: MatchFactory(bureau=n.bureau, piece=n.theatre, status="completed"),
            "place of this work is taken",
        ),
        (
            lambda n: MatchFactory(bureau=n.bureau, resident=n.sandra, piece=n.dog),
            "already considering 1 proposal",
        ),
    ],
    ids=[
        "no-consent",
        "work-done",
        "declined-before",
        "proposed-already",
        "full",
        "filled-by-a-placement",
        "limit",
    ],
)
def test_it_refuses_what_may_not_be_proposed(neighbourhood, personas, setup, message):
    setup(neighbourhood)
    neighbourhood.theatre.refresh_from_db()
    with pytest.raises(ValidationError, match=message):
        propose(neighbourhood, personas)
    assert not Match.objects.filter(proposed_by=personas.coordinator).exists()


def test_it_refuses_a_pair_a_hard_constraint_keeps_apart(neighbourhood, personas):
    far = open_piece(neighbourhood.bureau, postcode="6812AB", hours_per_week=8)
    with pytest.raises(ValidationError, match="too far for work in their own neighbourhood"):
        propose(neighbourhood, personas, piece=far)


def test_it_refuses_a_resident_of_another_bureau(neighbourhood, personas):
    stranger = matchable(personas.other_bureau)
    with pytest.raises(ValidationError, match="different bureaus"):
        propose(neighbourhood, personas, resident=stranger)


def test_the_limit_of_open_proposals_is_the_bureaus(neighbourhood, personas):
    MatchFactory(
        bureau=neighbourhood.bureau, resident=neighbourhood.sandra, piece=neighbourhood.dog
    )
    settings = settings_for(neighbourhood.bureau)
    settings.max_open_proposals = 2
    settings.save()
    assert propose(neighbourhood, personas).status == "proposed"


def test_the_whole_life_of_a_match_is_recorded(neighbourhood, personas):
    match = propose(neighbourhood, personas)
    sandra_user = neighbourhood.sandra.user
    actions.introduce_match(actor=personas.coach, match=match, note="Op de wijkexcursie")
    actions.resident_accepts(actor=sandra_user, match=match, note="Graag!")
    actions.start_match(actor=personas.coordinator, match=match)
    match = actions.complete_match(actor=personas.coordinator, match=match, note="Vast contract")
    assert match.status == MatchStatus.COMPLETED
    assert match.introduced_at
    assert match.accepted_at
    assert match.started_at
    assert match.ended_at
    events = [
        (e.kind, e.from_status, e.to_status, e.actor, e.reason)
        for e in Match.objects.get(pk=match.pk).history()
    ]
    assert events == [
        ("proposed", "", "proposed", personas.coordinator, ""),
        ("introduced", "proposed", "introduced", personas.coach, "Op de wijkexcursie"),
        ("accepted", "introduced", "introduced", sandra_user, "Graag!"),
        ("started", "introduced", "started", personas.coordinator, ""),
        ("completed", "started", "completed", personas.coordinator, "Vast contract"),
    ]
    assert all(event.at for event in MatchEvent.objects.filter(match=match))
    assert AuditEntry.objects.filter(object_type="matching.match", action="change").count() == 4


def test_a_match_only_starts_after_the_resident_accepted(neighbourhood, personas):
    match = propose(neighbourhood, personas)
    with pytest.raises(ValidationError, match="not accepted this proposal yet"):
        actions.start_match(actor=personas.coordinator, match=match)
    actions.resident_accepts(actor=personas.coach, match=match)
    assert actions.start_match(actor=personas.coordinator, match=match).status == "started"


def test_accepting_twice_or_after_the_end_is_refused(neighbourhood, personas):
    match = propose(neighbourhood, personas)
    actions.resident_accepts(actor=personas.coach, match=match)
    with pytest.raises(ValidationError, match="accepted already"):
        actions.resident_accepts(actor=personas.coach, match=match)
    actions.stop_match(actor=personas.coach, match=match, reason="Het theater sluit")
    with pytest.raises(ValidationError, match="can no longer be accepted"):
        actions.resident_accepts(actor=personas.coach, match=match)


def test_stopping_needs_a_reason(neighbourhood, personas):
    match = propose(neighbourhood, personas)
    with pytest.raises(ValidationError, match="Say why"):
        actions.stop_match(actor=personas.coach, match=match, reason="  ")
    match = actions.stop_match(actor=personas.coach, match=match, reason="Ander werk gevonden")
    assert match.status == "stopped"
    assert match.end_reason == "Ander werk gevonden"


def test_steps_out_of_order_are_refused(neighbourhood, personas):
    match = propose(neighbourhood, personas)
    with pytest.raises(ValidationError, match="cannot be completed now"):
        actions.complete_match(actor=personas.coach, match=match)
    actions.resident_declines(actor=personas.coach, match=match)
    with pytest.raises(ValidationError, match="cannot be introduced"):
        actions.introduce_match(actor=personas.coach, match=match)


def test_a_declined_pair_is_never_proposed_again_but_a_stopped_one_may_be(neighbourhood, personas):
    match = propose(neighbourhood, personas)
    actions.resident_declines(actor=neighbourhood.sandra.user, match=match, reason="Liever overdag")
    assert Match.objects.get(pk=match.pk).end_reason == "Liever overdag"
    with pytest.raises(ValidationError, match="declined this work before"):
        propose(neighbourhood, personas)
    other = propose(
        neighbourhood, personas, resident=neighbourhood.martinez, piece=neighbourhood.dog
    )
    actions.stop_match(actor=personas.coach, match=other, reason="Even niet")
    assert propose(
        neighbourhood, personas, resident=neighbourhood.martinez, piece=neighbourhood.dog
    )


def test_starting_every_place_puts_open_work_in_progress(neighbourhood, personas):
    match = propose(neighbourhood, personas)
    actions.resident_accepts(actor=personas.coach, match=match)
    actions.start_match(actor=personas.coach, match=match)
    neighbourhood.theatre.refresh_from_db()
    assert neighbourhood.theatre.status == "in_progress"
    park = neighbourhood.park  # three places, one started: stays open
    match = propose(neighbourhood, personas, resident=neighbourhood.martinez, piece=park)
    actions.resident_accepts(actor=personas.coach, match=match)
    actions.start_match(actor=personas.coach, match=match)
    park.refresh_from_db()
    assert park.status == "open"


def test_a_help_request_is_matched_when_its_piece_gets_a_match(neighbourhood, personas):
    help_request = HelpRequestFactory(
        bureau=neighbourhood.bureau, piece=neighbourhood.dog, status="piece_created"
    )
    match = propose(
        neighbourhood, personas, resident=neighbourhood.martinez, piece=neighbourhood.dog
    )
    help_request.refresh_from_db()
    assert help_request.status == "piece_created"
    actions.resident_accepts(actor=personas.coach, match=match)
    help_request.refresh_from_db()
    assert help_request.status == "matched"
    actions.start_match(actor=personas.coach, match=match)  # already matched: nothing changes
    help_request.refresh_from_db()
    assert help_request.status == "matched"


def test_completing_keeps_the_organisation_of_the_work(neighbourhood, personas):
    match = propose(neighbourhood, personas)
    organisation = OrganisationFactory(bureau=neighbourhood.bureau)
    neighbourhood.theatre.carried_by_organisation = organisation
    neighbourhood.theatre.save()
    actions.resident_accepts(actor=personas.coach, match=match)
    actions.start_match(actor=personas.coach, match=match)
    match = actions.complete_match(actor=personas.coach, match=match)
    assert Match.objects.get(pk=match.pk).organisation == organisation


def test_a_team_is_proposed_together_or_not_at_all(neighbourhood, personas):
    matches = actions.propose_team(
        actor=personas.coach,
        piece=neighbourhood.park,
        residents=[neighbourhood.sandra, neighbourhood.martinez],
    )
    assert {m.source for m in matches} == {"team"}
    with pytest.raises(ValidationError, match="already has a proposal"):
        actions.propose_team(
            actor=personas.coach,
            piece=neighbourhood.park,
            residents=[
                matchable(neighbourhood.bureau, talent_names=["zorgen"]),
                neighbourhood.sandra,
            ],
        )
    assert Match.objects.filter(piece=neighbourhood.park).count() == 2
    with pytest.raises(ValidationError, match="at least one"):
        actions.propose_team(actor=personas.coach, piece=neighbourhood.park, residents=[])


def test_compose_team_for_proposes_the_engines_team(neighbourhood, personas):
    team, matches = actions.compose_team_for(actor=personas.coordinator, piece=neighbourhood.park)
    assert {m.resident_id for m in matches} == {m.resident.pk for m in team.members}
    # Lotte gave no consent: never in a team.
    assert neighbourhood.no_consent.pk not in {m.resident_id for m in matches}


def test_compose_team_for_work_without_free_places_proposes_nothing(neighbourhood, personas):
    piece = PieceOfWorkFactory(bureau=neighbourhood.bureau, people_needed=1)
    MatchFactory(bureau=neighbourhood.bureau, piece=piece, status="started")
    assert actions.compose_team_for(actor=personas.coordinator, piece=piece) == (None, [])


def test_settings_are_validated_as_a_whole(personas):
    from decimal import Decimal

    zero = dict.fromkeys(
        [
            "weight_talents",
            "weight_skills",
            "weight_dream",
            "weight_distance",
            "weight_hours",
            "weight_days",
            "weight_paid",
        ],
        Decimal("0"),
    )
    with pytest.raises(ValidationError, match="at least one of the weights"):
        actions.update_settings(actor=personas.coordinator, bureau=personas.bureau, changes=zero)
    settings = actions.update_settings(
        actor=personas.coordinator, bureau=personas.bureau, changes={"min_score": Decimal("0.5")}
    )
    assert settings.min_score == Decimal("0.5")
    assert settings.updated_by == personas.coordinator
    assert AuditEntry.objects.filter(object_type="matching.matchingsettings").count() == 1
