"""The public bulletin board: readable without login, only public fields, constant queries."""

import pytest

from buurtbaan.board.models import ItemStatus
from tests.board.helpers import make_items
from tests.factories import (
    BoardItemFactory,
    BoardResponseFactory,
    OrganisationFactory,
    ResidentFactory,
)


def test_anonymous_visitors_read_the_board(client, personas, url, item):
    response = client.get(url("board:item-list", personas.bureau))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    assert "Hond uitlaten" in response.content.decode()


def test_it_shows_only_what_is_on_the_board(client, personas, url, item):
    hidden = [
        BoardItemFactory(bureau=personas.bureau, status=status, title=f"Verborgen {status}")
        for status in (ItemStatus.DRAFT, ItemStatus.SUBMITTED, ItemStatus.CLOSED, "rejected")
    ]
    other = BoardItemFactory(bureau=personas.other_bureau, title="Andere wijk")
    content = client.get(url("board:item-list", personas.bureau)).content.decode()
    for hidden_item in [*hidden, other]:
        assert hidden_item.title not in content


def test_anonymous_board_shows_nothing_private(client, personas, url):
    """No asker names, e-mail addresses, street addresses, hidden items or responses."""
    sandra = ResidentFactory(
        bureau=personas.bureau,
        first_name="Sandra",
        last_name="Geheimachternaam",
        email="sandra.geheim@buurtbaan.example",
        street="Geheimstraat 12",
        postcode="6828BC",
    )
    item = BoardItemFactory(
        bureau=personas.bureau,
        title="Hond uitlaten, 3× per week",
        summary="Een energieke hond",
        piece__title="Hond van Sandra Geheimachternaam uitlaten",
        piece__description="Sandra woont op Geheimstraat 12, bel 06-11112222",
        piece__postcode="6828BC",
        piece__asked_by_kind="resident",
        piece__asked_by_resident=sandra,
    )
    BoardResponseFactory(
        item=item,
        name="Reageerder Geheim",
        email="reageerder.geheim@buurtbaan.example",
        phone="06-99998888",
        message="Mijn geheime bericht",
    )
    BoardItemFactory(bureau=personas.bureau, status="submitted", title="Ingediend geheim")
    for path in (
        url("board:item-list", personas.bureau),
        url("board:item-detail", personas.bureau, pk=item.pk),
    ):
        content = client.get(path).content.decode()
        assert "Hond uitlaten, 3× per week" in content
        for secret in (
            "Sandra",
            "Geheimachternaam",
            "Geheimstraat",
            "6828BC",
            "6828 BC",
            "06-11112222",
            "@buurtbaan.example",
            "Reageerder Geheim",
            "06-99998888",
            "Mijn geheime bericht",
            "Ingediend geheim",
            personas.coordinator.email,
        ):
            assert secret not in content, f"{secret} leaked on {path}"


def test_free_text_is_escaped(client, personas, url, item):
    content = client.get(url("board:item-list", personas.bureau)).content
    assert b"<script>alert" not in content
    assert b"&lt;script&gt;" in content


def test_it_filters_by_kind_and_talent(client, personas, url):
    koken = personas.bureau.talents.get(name="koken")
    cooking = BoardItemFactory(bureau=personas.bureau, kind="group_work", title="Koken samen")
    cooking.talents.set([koken])
    vacancy = BoardItemFactory(bureau=personas.bureau, kind="vacancy", title="Baan")
    board = url("board:item-list", personas.bureau)
    by_kind = client.get(board, {"kind": "vacancy"}).context["page"].object_list
    assert list(by_kind) == [vacancy]
    by_talent = client.get(board, {"talent": koken.pk}).context["page"].object_list
    assert list(by_talent) == [cooking]


def test_an_unknown_filter_shows_everything(client, personas, url, item):
    response = client.get(url("board:item-list", personas.bureau), {"talent": "999999"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1


def test_htmx_gets_the_cards_alone(client, personas, url, item):
    response = client.get(
        url("board:item-list", personas.bureau), {"kind": "buurtklus"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert "<html" not in content
    assert item.title.split(" <")[0] in content


def test_it_is_paginated(client, personas, url):
    make_items(personas.bureau, 14)
    response = client.get(url("board:item-list", personas.bureau), {"page": 2})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 2


@pytest.mark.parametrize("rows", [2, 30])
def test_the_query_count_does_not_grow_with_the_items(
    client, personas, url, django_assert_num_queries, rows
):
    organisation = OrganisationFactory(bureau=personas.bureau)
    make_items(personas.bureau, rows, organisation=organisation)
    # bureau, its postcode ranges, talents of the filter form, count, page, talents of the items
    with django_assert_num_queries(6):
        response = client.get(url("board:item-list", personas.bureau))
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [2, 30])
def test_the_query_count_is_constant_for_a_logged_in_resident_too(
    personas, login, url, django_assert_num_queries, rows
):
    make_items(personas.bureau, rows)
    client = login(personas.resident)
    client.get(url("board:item-list", personas.bureau))  # warm the session
    # session, user, memberships, and the six of the anonymous page
    with django_assert_num_queries(9):
        client.get(url("board:item-list", personas.bureau))


def test_a_member_sees_the_bureau_navigation(personas, login, url, item):
    content = login(personas.resident).get(url("board:item-list", personas.bureau)).content
    assert url("bureaus:dashboard", personas.bureau).encode() in content


def test_an_unknown_or_inactive_bureau_is_404(client, personas, url):
    personas.other_bureau.is_active = False
    personas.other_bureau.save()
    assert client.get(url("board:item-list", personas.other_bureau)).status_code == 404
    assert client.get("/b/bestaat-niet/prikbord/").status_code == 404


def test_the_detail_page_shows_the_public_text(client, personas, url, item):
    response = client.get(url("board:item-detail", personas.bureau, pk=item.pk))
    assert response.status_code == 200
    assert response.context["form"] is not None  # the short form for visitors


@pytest.mark.parametrize("status", ["draft", "submitted", "closed", "rejected"])
def test_hidden_items_answer_404_like_unknown_numbers(client, personas, url, status):
    hidden = BoardItemFactory(bureau=personas.bureau, status=status)
    response = client.get(url("board:item-detail", personas.bureau, pk=hidden.pk))
    unknown = client.get(url("board:item-detail", personas.bureau, pk=hidden.pk + 1000))
    assert response.status_code == unknown.status_code == 404
    assert hidden.title.split(" <")[0] not in response.content.decode()


def test_an_item_of_another_bureau_is_404(client, personas, url):
    other = BoardItemFactory(bureau=personas.other_bureau)
    assert client.get(url("board:item-detail", personas.bureau, pk=other.pk)).status_code == 404
