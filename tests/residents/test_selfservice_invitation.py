"""A resident who has told nothing about their talents or dreams is invited to, on their own
page, with links to where they fill them in; the invitation goes once they have."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DreamFactory, resident_with_account

pytestmark = pytest.mark.usefixtures("english")


def mydata(bureau) -> str:
    return reverse("residents:mydata", kwargs={"bureau_slug": bureau.slug})


def edit_talents(bureau) -> str:
    return reverse(
        "residents:mydata-update", kwargs={"bureau_slug": bureau.slug, "section": "talenten"}
    )


@pytest.fixture
def newcomer(personas):
    return resident_with_account(personas.bureau, first_name="Yasmina")


def invitation(client, bureau) -> str:
    html = client.get(mydata(bureau)).content.decode()
    start = html.find('class="selfservice-box selfservice-invitation"')
    return "" if start == -1 else html[start : html.index("</section>", start)]


def test_a_newcomer_is_invited_to_tell_their_talents_and_dreams(login, personas, newcomer):
    shown = invitation(login(newcomer.user), personas.bureau)
    assert "Tell us what you are good at and what you would love to do" in shown
    assert f'href="{edit_talents(personas.bureau)}#id_talents_group"' in shown
    assert f'href="{edit_talents(personas.bureau)}#id_dreams"' in shown


def test_with_talents_only_the_dream_is_asked_for(login, personas, newcomer):
    newcomer.talents.add(personas.bureau.talents.get(name="koken"))
    shown = invitation(login(newcomer.user), personas.bureau)
    assert "What would you love to do?" in shown
    assert "#id_talents_group" not in shown
    assert "#id_dreams" in shown


def test_talents_in_their_own_words_count_as_talents(login, personas, newcomer):
    newcomer.own_talent_words = "luisteren"
    newcomer.save(update_fields=["own_talent_words"])
    DreamFactory(resident=newcomer, description="Een eigen lunchroom")
    assert invitation(login(newcomer.user), personas.bureau) == ""


def test_with_a_dream_only_the_talents_are_asked_for(login, personas, newcomer):
    DreamFactory(resident=newcomer, description="Een eigen lunchroom")
    shown = invitation(login(newcomer.user), personas.bureau)
    assert "What are you good at?" in shown
    assert "#id_talents_group" in shown
    assert "#id_dreams" not in shown


def test_the_invitation_adds_no_query(login, personas, newcomer):
    client = login(newcomer.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(mydata(personas.bureau))
        return len(context)

    client.get(mydata(personas.bureau))  # the read audit's first entry out of the way
    invited = queries()
    newcomer.talents.add(personas.bureau.talents.get(name="koken"))
    DreamFactory(resident=newcomer)
    assert queries() == invited


def test_the_edit_page_has_the_anchors_the_links_point_to(login, personas, newcomer):
    html = login(newcomer.user).get(edit_talents(personas.bureau)).content.decode()
    assert 'id="id_talents_group"' in html
    assert 'id="id_dreams"' in html
