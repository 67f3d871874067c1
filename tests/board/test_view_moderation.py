"""The coordinator moderates; coaches read and handle responses."""

import pytest

from buurtbaan.audit.models import AuditEntry
from buurtbaan.board.models import BoardItem, ItemStatus, Response
from tests.board.helpers import make_items
from tests.factories import BoardItemFactory, BoardResponseFactory, PieceOfWorkFactory

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def submitted(personas, partner_organisation):
    return BoardItemFactory(
        bureau=personas.bureau,
        status=ItemStatus.SUBMITTED,
        organisation=partner_organisation,
        submitted_by=personas.partner,
        published_at=None,
        piece__status="draft",
    )


def test_the_queue_shows_posts_waiting_for_approval(personas, login, url, submitted, item):
    response = login(personas.coach).get(url("board:item-queue", personas.bureau))
    assert list(response.context["page"]) == [submitted]
    assert response.context["counts"]["submitted"] == 1
    published = login(personas.coach).get(
        url("board:item-queue", personas.bureau), {"tab": "published"}
    )
    assert list(published.context["page"]) == [item]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_queue_query_count_is_constant(
    personas, login, url, partner_organisation, django_assert_num_queries, rows
):
    items = make_items(personas.bureau, rows, status="submitted", organisation=partner_organisation)
    for item in items:
        BoardResponseFactory(item=item)
    client = login(personas.coordinator)
    client.get(url("board:item-queue", personas.bureau))
    # session, user, membership, my memberships, count, page, the tab counts
    with django_assert_num_queries(7):
        client.get(url("board:item-queue", personas.bureau))


def test_the_coordinator_publishes_a_submitted_post(client, personas, login, url, submitted):
    coordinator = login(personas.coordinator)
    response = coordinator.post(url("board:item-publish", personas.bureau, pk=submitted.pk))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ItemStatus.PUBLISHED
    coordinator.logout()
    board = client.get(url("board:item-list", personas.bureau))
    assert list(board.context["page"]) == [submitted]


@pytest.mark.parametrize("who", ["coach", "partner", "resident", "funder"])
def test_only_coordinators_publish(personas, login, url, submitted, who):
    response = login(getattr(personas, who)).post(
        url("board:item-publish", personas.bureau, pk=submitted.pk)
    )
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == ItemStatus.SUBMITTED


def test_a_coach_reads_an_item_but_cannot_change_it(personas, login, url, submitted):
    client = login(personas.coach)
    page = client.get(url("board:item-manage", personas.bureau, pk=submitted.pk))
    assert page.status_code == 200
    assert url("board:item-publish", personas.bureau, pk=submitted.pk).encode() not in page.content
    response = client.post(
        url("board:item-manage", personas.bureau, pk=submitted.pk), {"title": "Anders"}
    )
    assert response.status_code == 403


def test_the_coordinator_corrects_the_text_before_publishing(personas, login, url, submitted):
    data = {"title": "Zonder naam", "summary": "Nette tekst", "area": "6828"}
    response = login(personas.coordinator).post(
        url("board:item-manage", personas.bureau, pk=submitted.pk), data
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.title, submitted.summary, submitted.organisation) == (
        "Zonder naam",
        "Nette tekst",
        None,
    )


def test_a_bad_area_is_explained(personas, login, url, submitted):
    data = {"title": "x", "summary": "y", "area": "68"}
    response = login(personas.coordinator).post(
        url("board:item-manage", personas.bureau, pk=submitted.pk), data
    )
    assert response.status_code == 200
    assert "four digits" in response.content.decode()


def test_rejecting_asks_for_a_reason(personas, login, url, submitted):
    client = login(personas.coordinator)
    reject = url("board:item-reject", personas.bureau, pk=submitted.pk)
    assert client.post(reject, {"reason": ""}).status_code == 200
    assert client.post(reject, {"reason": "Er staat een naam in"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ItemStatus.REJECTED


def test_closing_takes_an_item_off_the_board(client, personas, login, url, item):
    response = login(personas.coordinator).post(
        url("board:item-close", personas.bureau, pk=item.pk), {"reason": "Vervuld"}
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(url("board:item-detail", personas.bureau, pk=item.pk)).status_code == 404
    assert BoardItem.objects.filter(pk=item.pk, status="closed").exists()


def test_the_coordinator_puts_a_piece_of_work_on_the_board(personas, login, url):
    piece = PieceOfWorkFactory(bureau=personas.bureau, kind="groepswerk", people_needed=3)
    client = login(personas.coordinator)
    form = client.get(url("board:item-create", personas.bureau), {"klus": piece.pk})
    assert form.context["form"]["piece"].value() == str(piece.pk)
    data = {"piece": piece.pk, "title": "Samen", "summary": "Tekst", "publish": "1"}
    response = client.post(url("board:item-create", personas.bureau), data)
    assert response.status_code == 302
    item = BoardItem.objects.get(piece=piece)
    assert item.kind == "group_work"
    assert item.status == ItemStatus.PUBLISHED


def test_pieces_of_other_bureaus_cannot_be_chosen(personas, login, url):
    stranger = PieceOfWorkFactory(bureau=personas.other_bureau)
    data = {"piece": stranger.pk, "title": "x", "summary": "y"}
    response = login(personas.coordinator).post(url("board:item-create", personas.bureau), data)
    assert response.status_code == 200
    assert "piece" in response.context["form"].errors
    assert not BoardItem.objects.exists()


def test_responses_are_listed_with_contact_details_and_the_read_is_audited(
    personas, login, url, item, resident_record
):
    BoardResponseFactory(item=item, name="Ans", email="ans@buurtbaan.example")
    Response.objects.create(
        bureau=personas.bureau, item=item, user=personas.resident, resident=resident_record
    )
    response = login(personas.coach).get(url("board:response-list", personas.bureau, pk=item.pk))
    content = response.content.decode()
    assert "ans@buurtbaan.example" in content
    assert resident_record.email in content
    assert "&lt;script&gt;" in content
    assert "<script>alert" not in content
    entry = AuditEntry.objects.get(action="view", object_type="board.boarditem")
    assert entry.actor == personas.coach
    assert entry.fields == ["responses"]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_responses_query_count_is_constant(
    personas, login, url, item, django_assert_num_queries, rows
):
    for _ in range(rows):
        BoardResponseFactory(item=item)
    client = login(personas.coordinator)
    client.get(url("board:response-list", personas.bureau, pk=item.pk))
    # session, user, membership, item, responses, the audit entry, my memberships
    with django_assert_num_queries(7):
        client.get(url("board:response-list", personas.bureau, pk=item.pk))


def test_a_coach_handles_a_response_inline_with_htmx(personas, login, url, item):
    answer = BoardResponseFactory(item=item)
    prefix = f"response-{answer.pk}"
    response = login(personas.coach).post(
        url("board:response-update", personas.bureau, pk=answer.pk),
        {f"{prefix}-status": "contacted", f"{prefix}-note": "Gebeld"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "board-saved" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.status, answer.note, answer.handled_by) == (
        "contacted",
        "Gebeld",
        personas.coach,
    )


def test_without_htmx_handling_a_response_redirects_to_the_list(personas, login, url, item):
    answer = BoardResponseFactory(item=item)
    prefix = f"response-{answer.pk}"
    response = login(personas.coordinator).post(
        url("board:response-update", personas.bureau, pk=answer.pk),
        {f"{prefix}-status": "declined", f"{prefix}-note": ""},
    )
    assert response["Location"] == url("board:response-list", personas.bureau, pk=item.pk)
