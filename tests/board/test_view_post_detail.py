"""A partner opens their own post whatever its status; the public bureau page links the board."""

import pytest
from django.urls import reverse

from tests.factories import BoardItemFactory, BoardResponseFactory, OrganisationFactory

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("status", "says"),
    [
        ("submitted", "The bureau checks your post first."),
        ("published", "Your post is on the bulletin board."),
        ("rejected", "The bureau has not put your post on the bulletin board."),
    ],
)
def test_a_partner_opens_their_own_post_in_every_status(
    personas, login, url, partner_organisation, status, says
):
    item = BoardItemFactory(
        bureau=personas.bureau,
        organisation=partner_organisation,
        status=status,
        status_reason="Te weinig uitleg <script>" if status == "rejected" else "",
    )
    response = login(personas.partner).get(url("board:post-detail", personas.bureau, pk=item.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert says in content
    assert item.get_status_display() in content
    if status == "rejected":
        assert "Te weinig uitleg &lt;script&gt;" in content


def test_my_posts_links_to_each_post_also_while_it_waits(
    personas, login, url, partner_organisation
):
    item = BoardItemFactory(
        bureau=personas.bureau, organisation=partner_organisation, status="submitted"
    )
    content = login(personas.partner).get(url("board:post-list", personas.bureau)).content
    assert url("board:post-detail", personas.bureau, pk=item.pk) in content.decode()


def test_another_organisations_post_is_not_found(personas, login, url):
    other = BoardItemFactory(
        bureau=personas.bureau,
        organisation=OrganisationFactory(bureau=personas.bureau),
        status="submitted",
    )
    response = login(personas.partner).get(url("board:post-detail", personas.bureau, pk=other.pk))
    assert response.status_code == 404


def test_it_shows_the_number_of_responses_never_who(personas, login, url, partner_organisation):
    item = BoardItemFactory(bureau=personas.bureau, organisation=partner_organisation)
    BoardResponseFactory(item=item, name="Geheime Reageerder")
    response = login(personas.partner).get(url("board:post-detail", personas.bureau, pk=item.pk))
    content = response.content.decode()
    assert "1 response" in content
    assert "Geheime Reageerder" not in content


def test_it_takes_a_fixed_number_of_queries(
    personas, login, url, partner_organisation, django_assert_max_num_queries
):
    item = BoardItemFactory(bureau=personas.bureau, organisation=partner_organisation)
    item.talents.set(personas.bureau.talents.all()[:3])
    client = login(personas.partner)
    with django_assert_max_num_queries(12):
        assert client.get(url("board:post-detail", personas.bureau, pk=item.pk)).status_code == 200


def test_after_posting_the_partner_sees_the_post(personas, login, url):
    from tests.board.test_view_partner import POST

    data = {**POST, "pay_amount": "13.50"}  # English number format
    response = login(personas.partner).post(url("board:post-create", personas.bureau), data)
    assert response.status_code == 302
    assert "/mijn-berichten/" in response.url
    assert login(personas.partner).get(response.url).status_code == 200


def test_the_public_bureau_page_links_to_its_bulletin_board(client, personas):
    page = client.get(reverse("bureaus:public", kwargs={"bureau_slug": personas.bureau.slug}))
    board = reverse("board:item-list", kwargs={"bureau_slug": personas.bureau.slug})
    assert f'href="{board}"' in page.content.decode()
