"""The profile rule (`residents.permissions.visible_profiles_q` / `can_see_profile`) holds on
every page that lists or reaches a resident: a coach who may not see a resident's profile
(another coach's resident who did not share with all coaches) neither sees nor changes them there.
Each test also checks that someone who may see the resident does, so it can fail."""

import pytest
from django.urls import reverse

from buurtbaan.impact.models import ImpactParticipant
from buurtbaan.matching.models import Match
from tests.factories import (
    HelpRequestFactory,
    ImpactAssignmentFactory,
    ImpactParticipantFactory,
    ImpactTargetFactory,
    MatchFactory,
    MatchingRoundFactory,
    PieceOfWorkFactory,
    PurposeFactory,
    QuoteFactory,
    ResidentFactory,
)

SECRET = "Verborgenachternaam"


@pytest.fixture
def hidden(personas):
    """A resident of the other coach, without consent to share with all coaches."""
    return ResidentFactory(bureau=personas.bureau, coach=personas.other_coach, last_name=SECRET)


def url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


# --- Impact participants (the tester's finding) --------------------------------------------------


@pytest.fixture
def participation(personas, hidden):
    assignment = ImpactAssignmentFactory(bureau=personas.bureau)
    return ImpactParticipantFactory(assignment=assignment, resident=hidden, outcome_note="Geheim")


def test_a_coach_does_not_see_a_hidden_resident_among_the_participants(
    personas, login, participation
):
    address = url("impact:participant-list", personas.bureau, pk=participation.assignment_id)
    assert SECRET not in page(login(personas.coach), address)
    assert SECRET in page(login(personas.other_coach), address)


def test_a_coach_can_neither_read_nor_record_a_hidden_residents_outcome(
    personas, login, participation
):
    address = url(
        "impact:participant-outcome",
        personas.bureau,
        pk=participation.assignment_id,
        participant_pk=participation.pk,
    )
    coach = login(personas.coach)
    assert coach.get(address).status_code == 404
    response = coach.post(address, {"outcome": "paid_work", "note": "Overschreven"})
    assert response.status_code == 404
    participation.refresh_from_db()
    assert participation.outcome_note == "Geheim"
    assert login(personas.other_coach).get(address).status_code == 200


def test_a_coach_cannot_remove_a_hidden_resident_from_an_assignment(personas, login, participation):
    address = url(
        "impact:participant-remove",
        personas.bureau,
        pk=participation.assignment_id,
        participant_pk=participation.pk,
    )
    assert login(personas.coach).post(address).status_code == 404
    assert ImpactParticipant.objects.filter(pk=participation.pk).exists()


def test_a_coach_cannot_add_a_hidden_resident_to_an_assignment(personas, login, hidden):
    assignment = ImpactAssignmentFactory(bureau=personas.bureau)
    address = url("impact:participant-list", personas.bureau, pk=assignment.pk)
    coach = login(personas.coach)
    option = f'name="resident" value="{hidden.pk}"'
    search = {"resident_q": hidden.last_name, "resident_search": "1"}
    assert option not in page(coach, address)
    assert option not in coach.post(address, search).content.decode()
    response = coach.post(address, {"resident": hidden.pk})
    assert response.status_code == 200  # the form again, with its error
    assert not ImpactParticipant.objects.exists()
    their_coach = login(personas.other_coach)  # the same client, now their own coach
    assert option in their_coach.post(address, search).content.decode()  # the search works
    their_coach.post(address, {"resident": hidden.pk})
    assert ImpactParticipant.objects.filter(resident=hidden).exists()


def test_the_rows_behind_a_target_leave_out_hidden_residents_but_the_number_counts_them(
    personas, login, participation
):
    target = ImpactTargetFactory(assignment=participation.assignment, measure="participants")
    address = url(
        "impact:target-records",
        personas.bureau,
        pk=participation.assignment_id,
        target_pk=target.pk,
    )
    assert SECRET not in page(login(personas.coach), address)
    assert SECRET in page(login(personas.coordinator), address)


# --- Matching ------------------------------------------------------------------------------------


def test_a_coach_does_not_see_a_hidden_resident_in_a_rounds_pairs(personas, login, hidden):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    matching_round = MatchingRoundFactory(
        bureau=personas.bureau, assignments=[[hidden.pk, piece.pk, 0.8, 0.0]]
    )
    address = url("matching:round-detail", personas.bureau, pk=matching_round.pk)
    assert SECRET not in page(login(personas.coach), address)
    assert SECRET in page(login(personas.coordinator), address)


def test_a_coach_does_not_see_a_hidden_residents_match_on_the_candidates_page(
    personas, login, hidden
):
    match = MatchFactory(bureau=personas.bureau, resident=hidden)
    address = url("matching:piece-candidates", personas.bureau, pk=match.piece_id)
    assert SECRET not in page(login(personas.coach), address)
    assert SECRET in page(login(personas.other_coach), address)


def test_a_coach_cannot_move_a_hidden_residents_match(personas, login, hidden):
    match = MatchFactory(bureau=personas.bureau, resident=hidden)
    address = url("matching:match-step", personas.bureau, pk=match.pk)
    assert login(personas.coach).post(address, {"step": "introduce"}).status_code == 404
    assert Match.objects.get(pk=match.pk).status == "proposed"


# --- Quotes, work asked by a resident, help requests ---------------------------------------------


def test_a_coach_does_not_see_quotes_for_a_hidden_resident(personas, login, hidden):
    quote = QuoteFactory(bureau=personas.bureau, client_resident=hidden)
    coach = login(personas.coach)
    assert SECRET not in page(coach, url("quotes:quote-list", personas.bureau))
    for name in ("quotes:quote-detail", "quotes:quote-print", "quotes:quote-pdf"):
        assert coach.get(url(name, personas.bureau, pk=quote.pk)).status_code == 404
    other_coach = login(personas.other_coach)
    assert SECRET in page(other_coach, url("quotes:quote-print", personas.bureau, pk=quote.pk))


@pytest.mark.parametrize(
    ("name", "factory"),
    [("work:piece-detail", PieceOfWorkFactory), ("work:purpose-detail", PurposeFactory)],
)
def test_a_coach_does_not_see_which_hidden_resident_asked_for_work(
    personas, login, hidden, name, factory
):
    work = factory(bureau=personas.bureau, asked_by_kind="resident", asked_by_resident=hidden)
    address = url(name, personas.bureau, pk=work.pk)
    assert SECRET not in page(login(personas.coach), address)
    assert SECRET in page(login(personas.other_coach), address)


def test_a_coach_does_not_see_which_hidden_resident_asked_on_the_purpose_list(
    personas, login, hidden
):
    PurposeFactory(bureau=personas.bureau, asked_by_kind="resident", asked_by_resident=hidden)
    address = url("work:purpose-list", personas.bureau)
    assert SECRET not in page(login(personas.coach), address)
    assert SECRET in page(login(personas.other_coach), address)


def test_a_coach_does_not_see_the_hidden_resident_a_help_request_is_for(personas, login, hidden):
    help_request = HelpRequestFactory(bureau=personas.bureau, resident=hidden)
    address = url("board:helprequest-detail", personas.bureau, pk=help_request.pk)
    assert SECRET not in page(login(personas.coach), address)
    assert SECRET in page(login(personas.coordinator), address)
