"""Partners: their own posts (waiting for moderation), and help requests for welfare partners."""

import pytest

from buurtbaan.board.models import BoardItem, HelpRequest
from tests.board.helpers import make_items
from tests.factories import BoardItemFactory, BoardResponseFactory, HelpRequestFactory

POST = {
    "kind": "vacancy",
    "title": "Kassamedewerker",
    "summary": "Vrijdag- en zaterdagavond",
    "area": "6828",
    "people_needed": "1",
    "hours_per_week": "8",
    "pay_kind": "hourly_wage",
    "pay_amount": "13,50",
}
HELP = {
    "help_kind": "chores",
    "description": "De tuin bijhouden",
    "person_description": "Een man van 80",
    "postcode": "6828 AB",
    "when": "Eens per maand",
    "has_consent": "on",
}


def test_a_partner_posts_a_vacancy_that_waits_for_approval(
    client, personas, login, url, partner_organisation
):
    response = login(personas.partner).post(url("board:post-create", personas.bureau), POST)
    assert response.status_code == 302
    item = BoardItem.objects.get()
    assert item.status == "submitted"
    assert item.organisation == partner_organisation
    assert item.piece.pay_amount == pytest.approx(13.5)
    posts = login(personas.partner).get(url("board:post-list", personas.bureau))
    assert list(posts.context["page"]) == [item]
    client.logout()
    board = client.get(url("board:item-list", personas.bureau))
    assert board.context["page"].paginator.count == 0


def test_post_mistakes_are_explained_and_kept(english, personas, login, url):
    data = {**POST, "kind": "group_work", "people_needed": "1", "title": "Mijn titel"}
    response = login(personas.partner).post(url("board:post-create", personas.bureau), data)
    assert response.status_code == 200
    assert "Group work is done together" in response.content.decode()
    assert 'value="Mijn titel"' in response.content.decode()
    assert not BoardItem.objects.exists()


def test_the_post_form_asks_about_pay_once(personas, login, url):
    response = login(personas.partner).get(url("board:post-create", personas.bureau))
    content = response.content.decode()
    assert 'name="is_paid"' not in content
    assert content.count('name="pay_kind"') == 3  # voluntary, wage per hour, fixed fee


def test_a_voluntary_post_is_unpaid_and_a_wage_makes_it_paid(personas, login, url):
    client = login(personas.partner)
    client.post(url("board:post-create", personas.bureau), {**POST, "pay_kind": ""})
    client.post(url("board:post-create", personas.bureau), {**POST, "title": "Betaald"})
    pieces = {item.title: item.piece for item in BoardItem.objects.select_related("piece")}
    assert (pieces["Kassamedewerker"].is_paid, pieces["Kassamedewerker"].pay_amount) == (
        False,
        None,
    )
    assert pieces["Betaald"].is_paid
    assert pieces["Betaald"].pay_kind == "hourly_wage"


def test_a_partner_sees_only_their_own_posts_and_the_number_of_responses(
    personas, login, url, partner_organisation
):
    own = BoardItemFactory(bureau=personas.bureau, organisation=partner_organisation)
    BoardResponseFactory(item=own, name="Geheime Reageerder")
    BoardItemFactory(bureau=personas.bureau, title="Van een ander")
    response = login(personas.partner).get(url("board:post-list", personas.bureau))
    assert list(response.context["page"]) == [own]
    assert response.context["page"][0].response_count == 1
    content = response.content.decode()
    assert "Van een ander" not in content
    assert "Geheime Reageerder" not in content


def test_a_rejected_post_shows_the_reason(personas, login, url, partner_organisation):
    BoardItemFactory(
        bureau=personas.bureau,
        organisation=partner_organisation,
        status="rejected",
        status_reason="Er stond een telefoonnummer in",
    )
    content = login(personas.partner).get(url("board:post-list", personas.bureau)).content
    assert b"Er stond een telefoonnummer in" in content


@pytest.mark.parametrize("rows", [2, 20])
def test_my_posts_query_count_is_constant(
    personas, login, url, partner_organisation, django_assert_num_queries, rows
):
    make_items(personas.bureau, rows, organisation=partner_organisation)
    client = login(personas.partner)
    client.get(url("board:post-list", personas.bureau))
    # session, user, membership, my memberships, count, page
    with django_assert_num_queries(6):
        client.get(url("board:post-list", personas.bureau))


def test_a_welfare_partner_submits_a_help_request(personas, login, url, welfare_partner, welfare):
    client = login(welfare_partner)
    assert client.get(url("board:helprequest-create", personas.bureau)).status_code == 200
    response = client.post(url("board:helprequest-create", personas.bureau), HELP)
    assert response.status_code == 302
    request = HelpRequest.objects.get()
    assert request.organisation == welfare
    assert request.postcode == "6828AB"
    mine = client.get(url("board:helprequest-mine", personas.bureau))
    assert list(mine.context["page"]) == [request]
    assert "received" in mine.content.decode()


def test_without_consent_the_request_is_refused_with_a_clear_message(
    english, personas, login, url, welfare_partner
):
    data = {**HELP, "has_consent": ""}
    response = login(welfare_partner).post(url("board:helprequest-create", personas.bureau), data)
    assert response.status_code == 200
    assert "Ask the person first" in response.content.decode()
    assert "De tuin bijhouden" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_a_partner_sees_only_their_organisations_help_requests(
    personas, login, url, welfare_partner, welfare
):
    own = HelpRequestFactory(bureau=personas.bureau, organisation=welfare)
    HelpRequestFactory(bureau=personas.bureau, person_description="Van een andere organisatie")
    response = login(welfare_partner).get(url("board:helprequest-mine", personas.bureau))
    assert list(response.context["page"]) == [own]
    assert b"Van een andere organisatie" not in response.content


def test_partners_of_other_organisations_do_not_see_help_requests(personas, login, url):
    client = login(personas.partner)  # acts for a business
    assert client.get(url("board:helprequest-mine", personas.bureau)).status_code == 404
    assert client.post(url("board:helprequest-create", personas.bureau), HELP).status_code == 404


def test_the_welfare_partner_has_a_help_requests_link(personas, login, url, welfare_partner):
    content = login(welfare_partner).get(url("board:post-list", personas.bureau)).content
    assert url("board:helprequest-mine", personas.bureau).encode() in content
    business = login(personas.partner).get(url("board:post-list", personas.bureau)).content
    assert url("board:helprequest-mine", personas.bureau).encode() not in business
