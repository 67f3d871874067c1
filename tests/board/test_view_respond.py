"""Responding: one click for a resident, the short form for everyone else, with spam protection."""

import pytest

from buurtbaan.board import actions
from buurtbaan.board.models import Response
from tests.factories import BoardItemFactory

pytestmark = pytest.mark.usefixtures("english")

VALID = {"name": "Ans de Boer", "email": "ans@buurtbaan.example", "phone": "", "message": "Ja!"}


def test_a_resident_responds_with_one_post(personas, login, url, item, resident_record):
    client = login(personas.resident)
    detail = client.get(url("board:item-detail", personas.bureau, pk=item.pk))
    assert detail.context["is_resident"]
    assert detail.context["form"] is None
    response = client.post(url("board:item-respond", personas.bureau, pk=item.pk))
    assert response.status_code == 302
    assert response["Location"] == url("board:item-detail", personas.bureau, pk=item.pk)
    created = Response.objects.get(item=item)
    assert created.user == personas.resident
    assert created.resident == resident_record
    after = client.get(url("board:item-detail", personas.bureau, pk=item.pk))
    assert after.context["has_responded"]


def test_a_second_click_does_not_respond_twice(personas, login, url, item):
    client = login(personas.resident)
    client.post(url("board:item-respond", personas.bureau, pk=item.pk))
    client.post(url("board:item-respond", personas.bureau, pk=item.pk))
    assert Response.objects.filter(item=item).count() == 1


def test_a_visitor_responds_through_the_short_form(client, personas, url, item):
    response = client.post(url("board:item-respond", personas.bureau, pk=item.pk), VALID)
    assert response.status_code == 302
    saved = Response.objects.get(item=item)
    assert (saved.name, saved.email, saved.user) == ("Ans de Boer", "ans@buurtbaan.example", None)
    assert saved.ip_hash == actions.hash_ip("127.0.0.1")


def test_mistakes_are_explained_and_the_input_is_kept(client, personas, url, item):
    data = {**VALID, "email": "", "message": "Ik kan op dinsdag"}
    response = client.post(url("board:item-respond", personas.bureau, pk=item.pk), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "email" in form.errors
    content = response.content.decode()
    assert "Give an e-mail address or a phone number" in content
    assert 'value="Ans de Boer"' in content
    assert "Ik kan op dinsdag" in content
    assert 'aria-invalid="true"' in content
    assert not Response.objects.exists()


def test_an_invalid_email_address_is_explained(client, personas, url, item):
    response = client.post(
        url("board:item-respond", personas.bureau, pk=item.pk), {**VALID, "email": "ans@"}
    )
    assert "This is not an e-mail address" in response.content.decode()


def test_the_honeypot_pretends_to_work_and_keeps_nothing(client, personas, url, item):
    response = client.post(
        url("board:item-respond", personas.bureau, pk=item.pk),
        {**VALID, "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert not Response.objects.exists()


def test_the_honeypot_is_hidden_from_people_but_labelled(client, personas, url, item):
    content = client.get(url("board:item-detail", personas.bureau, pk=item.pk)).content.decode()
    assert 'class="board-honeypot"' in content
    assert 'name="website"' in content
    assert 'tabindex="-1"' in content


def test_floods_from_one_address_are_refused_with_a_clear_message(client, personas, url, item):
    for number in range(actions.RESPONSES_PER_HOUR):
        client.post(
            url("board:item-respond", personas.bureau, pk=item.pk),
            {**VALID, "email": f"bot{number}@buurtbaan.example"},
        )
    response = client.post(
        url("board:item-respond", personas.bureau, pk=item.pk),
        {**VALID, "email": "laatste@buurtbaan.example"},
    )
    assert response.status_code == 200
    assert "Many responses were sent from this address" in response.content.decode()
    assert response.context["form"]["name"].value() == "Ans de Boer"
    assert Response.objects.count() == actions.RESPONSES_PER_HOUR


@pytest.mark.parametrize("status", ["draft", "submitted", "closed"])
def test_nobody_responds_to_a_hidden_item(client, personas, login, url, status):
    hidden = BoardItemFactory(bureau=personas.bureau, status=status)
    assert (
        client.post(url("board:item-respond", personas.bureau, pk=hidden.pk), VALID).status_code
        == 404
    )
    resident = login(personas.resident)
    assert (
        resident.post(url("board:item-respond", personas.bureau, pk=hidden.pk)).status_code == 404
    )
    assert not Response.objects.exists()


def test_staff_and_residents_of_other_bureaus_use_the_short_form(personas, login, url, item):
    client = login(personas.other_coordinator)
    detail = client.get(url("board:item-detail", personas.bureau, pk=item.pk))
    assert not detail.context["is_resident"]
    assert detail.context["form"] is not None
    client.post(url("board:item-respond", personas.bureau, pk=item.pk))  # an empty short form
    assert not Response.objects.exists()


def test_the_respond_page_shows_the_item(client, personas, url, item):
    response = client.get(url("board:item-respond", personas.bureau, pk=item.pk))
    assert response.status_code == 200
    assert response.context["item"] == item
