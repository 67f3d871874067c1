"""Lost updates on the board: two staff members follow up the same response (htmx on the list
page, one form per response); the second gets the conflict in the row, answered with 409."""

import pytest
from django.urls import reverse

from tests.factories import BoardItemFactory, BoardResponseFactory
from tests.locking import changed, client_for, form_data

pytestmark = pytest.mark.usefixtures("english")


def test_a_second_note_on_a_response_does_not_replace_the_first_unseen(personas):
    response = BoardResponseFactory(item=BoardItemFactory(bureau=personas.bureau), note="")
    url = reverse("board:response-update", args=[personas.bureau.slug, response.pk])
    coordinator, coach = client_for(personas.coordinator), client_for(personas.coach)
    first, second = form_data(coordinator.get(url)), form_data(coach.get(url))
    note = f"response-{response.pk}-note"
    htmx = {"HTTP_HX_REQUEST": "true"}

    assert (
        coordinator.post(url, changed(first, **{note: "Gebeld, komt dinsdag"}), **htmx).status_code
        == 200
    )
    conflict = coach.post(url, changed(second, **{note: "Mail gestuurd"}), **htmx)

    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert page.lstrip().startswith("<li")  # the row alone, for htmx to swap in
    assert "Gebeld, komt dinsdag" in page
    assert "Mail gestuurd" in page
    response.refresh_from_db()
    assert response.note == "Gebeld, komt dinsdag"
