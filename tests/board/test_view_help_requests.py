"""The bureau's help requests inbox: coaches read, coordinators turn requests into work."""

import pytest

from buurtbaan.audit.models import AuditEntry
from buurtbaan.board.models import HelpStatus
from tests.factories import HelpRequestFactory, ResidentFactory

pytestmark = pytest.mark.usefixtures("english")


def test_the_inbox_lists_open_requests_of_the_bureau(personas, login, url):
    open_request = HelpRequestFactory(bureau=personas.bureau)
    HelpRequestFactory(bureau=personas.bureau, status="done", person_description="Al klaar")
    HelpRequestFactory(bureau=personas.other_bureau, person_description="Andere wijk")
    response = login(personas.coach).get(url("board:helprequest-inbox", personas.bureau))
    assert list(response.context["page"]) == [open_request]
    every = login(personas.coach).get(
        url("board:helprequest-inbox", personas.bureau), {"status": "all"}
    )
    assert every.context["page"].paginator.count == 2
    assert b"Andere wijk" not in every.content


@pytest.mark.parametrize("rows", [2, 20])
def test_the_inbox_query_count_is_constant(personas, login, url, django_assert_num_queries, rows):
    for _ in range(rows):
        HelpRequestFactory(bureau=personas.bureau)
    client = login(personas.coordinator)
    client.get(url("board:helprequest-inbox", personas.bureau))
    # session, user, membership, my memberships, count, page
    with django_assert_num_queries(6):
        client.get(url("board:helprequest-inbox", personas.bureau))


def test_reading_a_request_is_audited_and_escaped(personas, login, url):
    request = HelpRequestFactory(bureau=personas.bureau)
    response = login(personas.coach).get(
        url("board:helprequest-detail", personas.bureau, pk=request.pk)
    )
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    entry = AuditEntry.objects.get(action="view", object_type="board.helprequest")
    assert entry.actor == personas.coach
    # a coach sees no buttons to handle it
    assert url("board:helprequest-piece", personas.bureau, pk=request.pk).encode() not in (
        response.content
    )


def test_the_coordinator_makes_a_piece_of_work_and_goes_on_to_the_board(personas, login, url):
    request = HelpRequestFactory(bureau=personas.bureau)
    person = ResidentFactory(bureau=personas.bureau)
    data = {
        "title": "Buurtmaatje: koffie",
        "kind": "buurtklus",
        "resident": person.pk,
        "people_needed": "1",
        "hours_per_week": "2",
        "times_per_week": "1",
    }
    response = login(personas.coordinator).post(
        url("board:helprequest-piece", personas.bureau, pk=request.pk), data
    )
    request.refresh_from_db()
    assert request.status == HelpStatus.PIECE_CREATED
    assert request.resident == person
    assert response["Location"] == (
        url("board:item-create", personas.bureau) + f"?klus={request.piece_id}"
    )


def test_a_second_piece_is_refused_with_a_message(personas, login, url):
    request = HelpRequestFactory(bureau=personas.bureau)
    client = login(personas.coordinator)
    data = {"title": "Koffie", "kind": "buurtklus", "people_needed": "1"}
    client.post(url("board:helprequest-piece", personas.bureau, pk=request.pk), data)
    again = client.post(url("board:helprequest-piece", personas.bureau, pk=request.pk), data)
    assert again.status_code == 200
    assert "already has a piece" in again.content.decode()


def test_the_coordinator_says_why_it_is_not_possible_and_the_requester_sees_it(
    personas, login, url, welfare, welfare_partner
):
    request = HelpRequestFactory(bureau=personas.bureau, organisation=welfare)
    client = login(personas.coordinator)
    status_url = url("board:helprequest-status", personas.bureau, pk=request.pk)
    missing = client.post(status_url, {"status": "not_possible", "reason": ""})
    assert "Say why it is not possible" in missing.content.decode()
    client.post(status_url, {"status": "not_possible", "reason": "Niemand in de buurt"})
    mine = login(welfare_partner).get(url("board:helprequest-mine", personas.bureau))
    assert "Niemand in de buurt" in mine.content.decode()


def test_a_coach_cannot_handle_requests(personas, login, url):
    request = HelpRequestFactory(bureau=personas.bureau)
    client = login(personas.coach)
    data = {"title": "x", "kind": "buurtklus", "people_needed": "1"}
    assert (
        client.post(url("board:helprequest-piece", personas.bureau, pk=request.pk), data)
    ).status_code == 404
    request.refresh_from_db()
    assert request.piece is None
