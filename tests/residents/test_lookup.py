"""Picking a resident by name (`residents.lookup`) instead of a drop-down of every resident:
without JavaScript the form searches and comes back as typed; with htmx the radio buttons come
from `residents:resident-lookup`. Only residents the member may see; each search is audited."""

import pytest
from django.urls import reverse

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.residents import lookup
from buurtbaan.work.models import PieceOfWork, Purpose
from tests.factories import PieceOfWorkFactory, ResidentFactory

pytestmark = pytest.mark.usefixtures("english")


def url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


@pytest.fixture
def sandras(personas):
    """Two residents called Sandra, one other, and a Sandra of another bureau."""
    return {
        "de_vries": ResidentFactory(
            bureau=personas.bureau, first_name="Sandra", last_name="de Vries"
        ),
        "bakker": ResidentFactory(bureau=personas.bureau, first_name="Sandra", last_name="Bakker"),
        "ahmed": ResidentFactory(bureau=personas.bureau, first_name="Ahmed", last_name="Yilmaz"),
        "elsewhere": ResidentFactory(
            bureau=personas.other_bureau, first_name="Sandra", last_name="Elders"
        ),
    }


PIECE = {"title": "Zolder opruimen <script>", "kind": "buurtklus", "people_needed": "3"}


def test_the_piece_form_has_no_drop_down_of_residents(personas, login, sandras):
    content = login(personas.coach).get(url("work:piece-create", personas.bureau)).content.decode()
    assert 'name="asked_by_resident_q"' in content
    assert '<select name="asked_by_resident"' not in content
    assert "Sandra" not in content  # nobody is listed before a search


def test_searching_without_javascript_keeps_what_was_typed_and_saves_nothing(
    personas, login, sandras
):
    data = {
        **PIECE,
        "asked_by_kind": "resident",
        "asked_by_resident_q": "sandra",
        "asked_by_resident_search": "1",
    }
    response = login(personas.coach).post(url("work:piece-create", personas.bureau), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert not PieceOfWork.objects.exists()
    assert 'value="Zolder opruimen &lt;script&gt;"' in content
    assert 'name="people_needed" value="3"' in content
    assert 'value="sandra"' in content
    assert f'name="asked_by_resident" value="{sandras["de_vries"].pk}"' in content
    assert f'name="asked_by_resident" value="{sandras["bakker"].pk}"' in content
    assert "Yilmaz" not in content
    assert "Elders" not in content  # another bureau's resident
    assert "form-errors" not in content  # nothing judged yet


def test_choosing_a_resident_found_and_saving_sets_the_asker(personas, login, sandras):
    chosen = sandras["bakker"]
    data = {
        **PIECE,
        "asked_by_kind": "resident",
        "asked_by_resident_q": "sandra",
        "asked_by_resident_searched": "sandra",  # the results the page showed were for "sandra"
        "asked_by_resident": str(chosen.pk),
    }
    response = login(personas.coach).post(url("work:piece-create", personas.bureau), data)
    assert response.status_code == 302
    assert PieceOfWork.objects.get().asked_by_resident == chosen


def test_enter_on_a_new_name_in_the_search_box_searches_and_saves_nothing(personas, login, sandras):
    """Enter presses the form's first submit button, which is Save (`_enter`), not Search: a
    name typed since the last search is still a search, so Enter in the search box finds."""
    data = {
        **PIECE,
        "asked_by_kind": "resident",
        "asked_by_resident_q": "bakker",
        "asked_by_resident_searched": "sandra",
        "asked_by_resident": str(sandras["ahmed"].pk),
        "asked_by_resident_enter": "1",
    }
    response = login(personas.coach).post(url("work:piece-create", personas.bureau), data)
    assert response.status_code == 200
    assert "Bakker" in response.content.decode()
    assert not PieceOfWork.objects.exists()


def test_the_chosen_resident_stays_chosen_during_another_search(personas, login, sandras):
    chosen = sandras["ahmed"]
    data = {
        **PIECE,
        "asked_by_resident": str(chosen.pk),
        "asked_by_resident_q": "bakker",
        "asked_by_resident_search": "1",
    }
    content = login(personas.coach).post(url("work:piece-create", personas.bureau), data)
    content = content.content.decode()
    assert f'value="{chosen.pk}" id="id_asked_by_resident_0" checked' in content
    assert "Bakker" in content


def test_the_purpose_form_searches_the_same_way(personas, login, sandras):
    data = {
        "title": "Buurtfeest",
        "asked_by_kind": "resident",
        "asked_by_resident_q": "de vries",
        "asked_by_resident_search": "1",
    }
    response = login(personas.coach).post(url("work:purpose-create", personas.bureau), data)
    assert response.status_code == 200
    assert not Purpose.objects.exists()
    assert f'value="{sandras["de_vries"].pk}"' in response.content.decode()


def test_a_coach_does_not_find_a_resident_whose_profile_they_may_not_see(personas, login, sandras):
    hidden = ResidentFactory(
        bureau=personas.bureau,
        first_name="Sandra",
        last_name="Verborgen",
        coach=personas.other_coach,
    )
    data = {**PIECE, "asked_by_resident_q": "sandra", "asked_by_resident_search": "1"}
    content = login(personas.coach).post(url("work:piece-create", personas.bureau), data)
    assert "Verborgen" not in content.content.decode()
    # Nor can they post that resident's number by hand.
    data = {**PIECE, "asked_by_kind": "resident", "asked_by_resident": str(hidden.pk)}
    response = login(personas.coach).post(url("work:piece-create", personas.bureau), data)
    assert response.status_code == 200
    assert not PieceOfWork.objects.exists()
    coordinator = login(personas.coordinator).get(
        url("residents:resident-lookup", personas.bureau), {"field": "x", "x_q": "verborgen"}
    )
    assert "Verborgen" in coordinator.content.decode()


def test_editing_a_piece_shows_its_asker_chosen(personas, login, sandras):
    """The unbound form's value is the asker's pk as a number: it must still check their radio."""
    asker = sandras["bakker"]
    piece = PieceOfWorkFactory(
        bureau=personas.bureau, asked_by_kind="resident", asked_by_resident=asker
    )
    content = login(personas.coach).get(url("work:piece-update", personas.bureau, pk=piece.pk))
    content = content.content.decode()
    assert f'value="{asker.pk}" id="id_asked_by_resident_0" checked' in content
    assert 'id="id_asked_by_resident_none" checked' not in content
    # Showing the asker's name is a read, as every shown option is.
    entry = AuditEntry.objects.get(actor=personas.coach, action=AuditAction.VIEW)
    assert entry.note.startswith("piece form:")
    assert f"#{asker.pk}" in entry.note


def test_editing_a_piece_keeps_an_asker_the_coach_may_not_see_without_naming_them(personas, login):
    hidden = ResidentFactory(
        bureau=personas.bureau,
        first_name="Geheim",
        last_name="Verborgen",
        coach=personas.other_coach,
    )
    piece = PieceOfWorkFactory(
        bureau=personas.bureau, asked_by_kind="resident", asked_by_resident=hidden
    )
    client = login(personas.coach)
    form = client.get(url("work:piece-update", personas.bureau, pk=piece.pk)).content.decode()
    assert "Verborgen" not in form
    assert f'value="{hidden.pk}" id="id_asked_by_resident_kept" checked' in form
    data = {
        "title": "Nieuwe titel",
        "kind": piece.kind,
        "people_needed": "1",
        "asked_by_kind": "resident",
        "asked_by_resident": str(hidden.pk),
    }
    response = client.post(url("work:piece-update", personas.bureau, pk=piece.pk), data)
    assert response.status_code == 302
    piece.refresh_from_db()
    assert (piece.title, piece.asked_by_resident) == ("Nieuwe titel", hidden)


def test_a_search_that_shows_residents_writes_one_read_entry_without_the_words(
    personas, login, sandras
):
    data = {**PIECE, "asked_by_resident_q": "sandra", "asked_by_resident_search": "1"}
    login(personas.coach).post(url("work:piece-create", personas.bureau), data)
    entry = AuditEntry.objects.get(actor=personas.coach, action=AuditAction.VIEW)
    assert entry.note.startswith("piece form:")
    assert f"#{sandras['bakker'].pk}" in entry.note
    assert "sandra" not in entry.note.lower()


def test_the_htmx_lookup_answers_the_radio_buttons_alone(personas, login, sandras):
    response = login(personas.coach).get(
        url("residents:resident-lookup", personas.bureau),
        {"field": "asked_by_resident", "asked_by_resident_q": "sandra"},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert content.count('type="radio" name="asked_by_resident"') == 2
    assert "Elders" not in content
    entry = AuditEntry.objects.get(actor=personas.coach, action=AuditAction.VIEW)
    assert entry.note.startswith("resident lookup:")


def test_the_lookup_refuses_a_strange_field_name_and_other_roles(personas, login):
    response = login(personas.coach).get(
        url("residents:resident-lookup", personas.bureau), {"field": '"><script>'}
    )
    assert response.status_code == 400
    for role in ("partner", "resident", "funder"):
        response = login(getattr(personas, role)).get(
            url("residents:resident-lookup", personas.bureau)
        )
        assert response.status_code == 404


def test_a_long_list_is_cut_short_and_says_so(personas, login):
    for n in range(lookup.LIMIT + 3):
        ResidentFactory(bureau=personas.bureau, first_name=f"Jan{n}", last_name="Jansen")
    content = login(personas.coach).get(
        url("residents:resident-lookup", personas.bureau), {"field": "r", "r_q": "jansen"}
    )
    content = content.content.decode()
    assert content.count('type="radio"') == lookup.LIMIT
    assert "type more of the name" in content


def test_one_letter_finds_nobody(personas, login, sandras):
    content = login(personas.coach).get(
        url("residents:resident-lookup", personas.bureau), {"field": "r", "r_q": "s"}
    )
    assert 'type="radio"' not in content.content.decode()


@pytest.mark.parametrize("count", [2, 12])
def test_the_lookup_takes_a_fixed_number_of_queries(
    personas, login, django_assert_max_num_queries, count
):
    for n in range(count):
        ResidentFactory(bureau=personas.bureau, first_name=f"Piet{n}", last_name="Pietersen")
    client = login(personas.coach)
    with django_assert_max_num_queries(9):
        client.get(url("residents:resident-lookup", personas.bureau), {"field": "r", "r_q": "piet"})


def test_the_help_request_piece_form_picks_the_person_by_search(personas, login, sandras):
    from tests.factories import HelpRequestFactory

    help_request = HelpRequestFactory(bureau=personas.bureau)
    data = {
        "title": "Gezelschap",
        "kind": "buurtklus",
        "resident_q": "bakker",
        "resident_search": "1",
    }
    response = login(personas.coordinator).post(
        url("board:helprequest-piece", personas.bureau, pk=help_request.pk), data
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f'name="resident" value="{sandras["bakker"].pk}"' in content
    assert 'value="Gezelschap"' in content
    assert help_request.piece_id is None
