"""The piece pages: list with filters, create, detail, edit, split, status and hours."""

import pytest
from django.urls import reverse
from django.utils import timezone

from buurtbaan.work.models import PieceOfWork, WorkStatus
from tests.factories import SCRIPT, PieceOfWorkFactory, PurposeFactory


def url(name, bureau, **kwargs):
    return reverse(f"work:{name}", kwargs={"bureau_slug": bureau.slug, **kwargs})


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_has_a_fixed_number_of_queries(personas, login, django_assert_num_queries, rows):
    purpose = PurposeFactory(bureau=personas.bureau)
    PieceOfWorkFactory.create_batch(rows, bureau=personas.bureau, purpose=purpose, scale_level=3)
    client = login(personas.coach)
    with django_assert_num_queries(6):
        response = client.get(url("piece-list", personas.bureau))
    assert response.status_code == 200


def test_the_list_filters_and_answers_htmx_with_the_table_alone(personas, login):
    PieceOfWorkFactory(bureau=personas.bureau, title="Geplaatst", scale_level=2)
    PieceOfWorkFactory(bureau=personas.bureau, title=f"Nog niet {SCRIPT}", scale_level=None)
    client = login(personas.coach)
    response = client.get(
        url("piece-list", personas.bureau), {"level": "none"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert "Nog niet" in content
    assert "Geplaatst" not in content
    assert "<html" not in content
    assert "&lt;script&gt;" in content
    assert SCRIPT not in content


def test_a_coach_adds_a_piece_to_a_purpose(personas, login):
    purpose = PurposeFactory(bureau=personas.bureau)
    response = login(personas.coach).post(
        url("piece-create", personas.bureau),
        {
            "title": "Hond van Sandra uitlaten",
            "purpose": purpose.pk,
            "kind": "buurtklus",
            "people_needed": 1,
            "hours_per_week": "3",
            "times_per_week": 3,
            "days": ["mon", "wed", "fri"],
            "skills": "wandelen, geduld",
            "postcode": "6828 bc",
            "asked_by_kind": "bureau",
        },
    )
    piece = PieceOfWork.objects.get(title="Hond van Sandra uitlaten")
    assert response.status_code == 302
    assert piece.purpose == purpose
    assert piece.days == ["mon", "wed", "fri"]
    assert piece.skills == ["wandelen", "geduld"]
    assert piece.postcode == "6828BC"
    assert piece.created_by == personas.coach


def test_the_piece_form_cannot_pick_another_bureaus_purpose(personas, login):
    foreign = PurposeFactory(bureau=personas.other_bureau)
    response = login(personas.coach).post(
        url("piece-create", personas.bureau),
        {
            "title": "X",
            "purpose": foreign.pk,
            "kind": "buurtklus",
            "people_needed": 1,
            "asked_by_kind": "bureau",
        },
    )
    assert response.status_code == 200
    assert not PieceOfWork.objects.exists()


def test_an_action_error_lands_on_its_field(personas, login):
    response = login(personas.coach).post(
        url("piece-create", personas.bureau),
        {
            "title": "X",
            "kind": "buurtklus",
            "people_needed": 1,
            "postcode": "99",
            "asked_by_kind": "bureau",
        },
    )
    assert response.status_code == 200
    assert 'id="id_postcode_error"' in response.content.decode()


def test_the_detail_escapes_and_shows_the_level(personas, login):
    piece = PieceOfWorkFactory(
        bureau=personas.bureau, scale_level=3, scale_level_reason=f"Omdat {SCRIPT}"
    )
    content = (
        login(personas.coach)
        .get(url("piece-detail", personas.bureau, pk=piece.pk))
        .content.decode()
    )
    assert SCRIPT not in content
    assert "Omdat &lt;script&gt;" in content


def test_editing_a_piece_refuses_hours_below_its_parts(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau, hours_total=40)
    PieceOfWorkFactory(bureau=personas.bureau, parent=piece, hours_total=30)
    response = login(personas.coach).post(
        url("piece-update", personas.bureau, pk=piece.pk),
        {
            "title": "Zolder",
            "kind": "buurtklus",
            "people_needed": 1,
            "hours_total": "20",
            "asked_by_kind": "bureau",
        },
    )
    assert response.status_code == 200
    assert "Its parts already take 30" in response.content.decode()
    piece.refresh_from_db()
    assert piece.hours_total == 40


def test_splitting_adds_the_filled_in_parts(personas, login):
    purpose = PurposeFactory(bureau=personas.bureau)
    piece = PieceOfWorkFactory(bureau=personas.bureau, purpose=purpose, hours_total=40)
    data = {
        "parts-TOTAL_FORMS": 3,
        "parts-INITIAL_FORMS": 0,
        "parts-0-title": "Opruimen",
        "parts-0-hours_total": "12",
        "parts-1-title": "Isoleren",
        "parts-1-hours_total": "28",
        "parts-1-kind": "basisbaan",
    }
    response = login(personas.coach).post(url("piece-split", personas.bureau, pk=piece.pk), data)
    assert response.status_code == 302
    assert response["Location"] == purpose.get_absolute_url()
    assert sorted(piece.children.values_list("title", flat=True)) == ["Isoleren", "Opruimen"]


def test_splitting_into_too_many_hours_says_so_and_adds_nothing(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau, hours_total=10)
    data = {
        "parts-TOTAL_FORMS": 3,
        "parts-INITIAL_FORMS": 0,
        "parts-0-title": "Te groot",
        "parts-0-hours_total": "11",
    }
    response = login(personas.coach).post(url("piece-split", personas.bureau, pk=piece.pk), data)
    assert response.status_code == 200
    assert "part 1" in response.content.decode()
    assert not piece.children.exists()


def test_a_part_without_a_title_is_pointed_out(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau, hours_total=10)
    data = {"parts-TOTAL_FORMS": 1, "parts-INITIAL_FORMS": 0, "parts-0-hours_total": "2"}
    response = login(personas.coach).post(url("piece-split", personas.bureau, pk=piece.pk), data)
    assert "Give this part a title" in response.content.decode()


def test_status_and_hours_forms_and_a_dutch_decimal_comma(personas, login, settings):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    client = login(personas.coach)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert (
        client.post(
            url("piece-status", personas.bureau, pk=piece.pk), {"status": "in_progress"}
        ).status_code
        == 302
    )
    today = timezone.localdate().isoformat()
    response = client.post(
        url("piece-hours", personas.bureau, pk=piece.pk), {"hours": "2,5", "worked_on": today}
    )
    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.status == WorkStatus.IN_PROGRESS
    assert str(piece.hours_done) == "2.5"


def test_a_refused_status_change_is_explained(personas, login):
    piece = PieceOfWorkFactory(bureau=personas.bureau, status="done")
    response = login(personas.coach).post(
        url("piece-status", personas.bureau, pk=piece.pk), {"status": "draft"}
    )
    assert response.status_code == 200
    assert "cannot become" in response.content.decode()
