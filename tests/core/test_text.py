"""Control characters and unbounded text, as the tester sent them: through real forms."""

import pytest
from django.urls import reverse

from buurtbaan.core.text import MAX_TEXTAREA_LENGTH, clean_text
from tests.factories import ResidentFactory

ESC = "\x1b"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: shows "Ann<RLO>exe.gpj" as "Annjpg.exe"


@pytest.fixture
def resident(personas):
    return ResidentFactory(bureau=personas.bureau, coach=personas.coach, first_name="Sandra")


def _url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


@pytest.mark.parametrize(
    ("typed", "multiline", "kept"),
    [
        (f"Ann{ESC}[31m{RLO}a", False, "Ann[31ma"),
        ("a\x00b\x07c\x7fd\x85e\x9bf", False, "abcdef"),
        ("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069x", False, "x"),
        ("one\ttwo\r\nthree", False, "one two three"),
        ("one\ttwo\r\nthree\rfour\n\nfive", True, "one\ttwo\nthree\nfour\n\nfive"),
        ("Fatima العربية, Zoë, 😀‍👍", False, "Fatima العربية, Zoë, 😀‍👍"),
    ],
)
def test_clean_text_strips_control_characters_and_keeps_real_text(typed, multiline, kept):
    assert clean_text(typed, multiline=multiline) == kept


def test_a_name_with_escape_and_bidi_override_is_stored_and_shown_without_them(
    personas, login, resident
):
    edit = _url("residents:resident-update", personas.bureau, pk=resident.pk, section="persoonlijk")
    client = login(personas.coach)
    data = client.get(edit).context["form"].initial
    data = {key: ("" if value is None else value) for key, value in data.items()}
    data.update({"first_name": f"Sa{ESC}[2Jndra{RLO}", "date_of_birth": "1980-05-01"})
    assert client.post(edit, data).status_code == 302
    resident.refresh_from_db()
    assert resident.first_name == "Sa[2Jndra"
    page = client.get(_url("residents:resident-detail", personas.bureau, pk=resident.pk))
    assert ESC not in page.content.decode()
    assert RLO not in page.content.decode()


def test_a_text_area_keeps_its_line_breaks_and_tabs_but_loses_control_characters(
    personas, login, resident
):
    edit = _url("residents:resident-update", personas.bureau, pk=resident.pk, section="werk")
    response = login(personas.coach).post(
        edit,
        {
            "work_experience": f"Kassa{ESC}[5m\r\n\tAlbert Heijn{RLO}\x07",
            "wants": "both",
            "travel": "anywhere",
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.work_experience == "Kassa[5m\n\tAlbert Heijn"


def test_a_text_area_of_100000_characters_is_refused_and_the_text_is_kept(
    personas, login, resident
):
    edit = _url("residents:resident-update", personas.bureau, pk=resident.pk, section="werk")
    long_text = "Werkervaring " * 7700  # 100,100 characters
    response = login(personas.coach).post(
        edit, {"work_experience": long_text, "wants": "both", "travel": "anywhere"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["work_experience"]
    assert f"{MAX_TEXTAREA_LENGTH}" in errors[0]
    assert "tekens" in errors[0]  # in Dutch
    assert long_text.strip() in response.content.decode()
    resident.refresh_from_db()
    assert resident.work_experience != long_text.strip()


def test_a_visitor_response_with_a_100000_character_name_is_refused(client, personas):
    from tests.factories import BoardItemFactory

    item = BoardItemFactory(bureau=personas.bureau)
    response = client.post(
        _url("board:item-respond", personas.bureau, pk=item.pk),
        {"name": "A" * 100_000, "email": "ans@buurtbaan.example", "message": "B" * 100_000},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "message"}
    assert not item.responses.exists()
