"""The subsidiarity assistant page: the five questions in order, without JavaScript."""

from django.urls import reverse

from buurtbaan.organisations.models import ScaleLevel
from buurtbaan.work import actions
from tests.factories import SCRIPT, OrganisationFactory, PieceOfWorkFactory


def url(piece, **query):
    base = reverse(
        "work:piece-subsidiarity", kwargs={"bureau_slug": piece.bureau.slug, "pk": piece.pk}
    )
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_it_starts_at_question_1_with_a_suggestion(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Heg snoeien")
    OrganisationFactory(bureau=personas.bureau, name="Groen", scale_level=3, offers="snoeien")
    content = login(personas.coach).get(url(piece)).content.decode()
    assert "1. What part of the work can the resident do themselves?" in content
    assert 'aria-current="step"' in content
    assert "3. social enterprise" in content  # the suggested level
    assert "Groen" in content


def test_walking_the_questions_places_the_piece(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    green = OrganisationFactory(bureau=personas.bureau, scale_level=ScaleLevel.SOCIAL_ENTERPRISE)
    client = login(personas.coach)
    assert client.post(url(piece), {"answer": "no", "note": "Te zwaar"}).status_code == 302
    assert (
        client.post(url(piece), {"answer": "partly", "note": "Buurman helpt wat"}).status_code
        == 302
    )
    response = client.post(
        url(piece), {"answer": "yes", "note": f"Groen {SCRIPT}", "organisation": green.pk}
    )
    assert response.status_code == 302
    piece.refresh_from_db()
    assert (piece.scale_level, piece.carried_by_organisation) == (3, green)
    content = client.get(url(piece)).content.decode()
    assert "Placed at level 3" in content
    assert "Groen &lt;script&gt;" in content
    assert SCRIPT not in content
    assert "Not needed: an earlier question placed the piece." in content


def test_a_yes_without_a_reason_is_refused_and_the_answer_kept(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    response = login(personas.coach).post(url(piece), {"answer": "yes", "note": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Say why this level can carry the work." in content
    assert 'value="yes" id="id_answer_0" required checked' in content
    assert not piece.subsidiarity_answers.exists()


def test_an_earlier_answer_can_be_changed(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    actions.place_at_level(actor=None, piece=piece, level=4, reason="Aannemer")
    response = login(personas.coach).post(
        url(piece, vraag=2), {"answer": "yes", "note": "Kleinzoon"}
    )
    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.scale_level == 2
    assert piece.subsidiarity_answers.count() == 2


def test_an_unanswered_later_question_cannot_be_opened(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    login(personas.coach).post(url(piece, vraag=4), {"answer": "yes", "note": "Sneller"})
    piece.refresh_from_db()
    # The address asked for question 4, but question 1 is the one that was answered.
    assert list(piece.subsidiarity_answers.values_list("question", flat=True)) == [1]
    assert piece.scale_level == 1


def test_htmx_gets_the_assistant_alone(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    content = login(personas.coach).get(url(piece), HTTP_HX_REQUEST="true").content.decode()
    assert content.strip().startswith('<div id="assistant"')


def test_start_again(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    actions.place_at_level(actor=None, piece=piece, level=3, reason="Groen")
    restart = reverse(
        "work:piece-subsidiarity-restart",
        kwargs={"bureau_slug": personas.bureau.slug, "pk": piece.pk},
    )
    client = login(personas.coach)
    assert client.get(restart).status_code == 405
    assert client.post(restart).status_code == 302
    piece.refresh_from_db()
    assert piece.scale_level is None
