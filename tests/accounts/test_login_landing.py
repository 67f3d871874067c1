"""After logging in, a member of one bureau lands on the page of that bureau for their role."""

import pytest
from django.urls import reverse

from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.queries import landing_url
from tests.factories import MembershipFactory

PASSWORD = "geheim-wachtwoord-42"


def log_in(client, user, next_url=None):
    url = reverse("accounts:login")
    if next_url:
        url += f"?next={next_url}"
    return client.post(url, {"username": user.email, "password": PASSWORD})


@pytest.mark.parametrize(
    ("persona", "page"),
    [
        ("coordinator", "bureaus:dashboard"),
        ("coach", "bureaus:dashboard"),
        ("partner", "board:post-list"),
        ("resident", "residents:mydata"),
        ("funder", "impact:assignment-list"),
    ],
)
def test_a_member_of_one_bureau_lands_on_their_page_of_it(client, personas, persona, page):
    response = log_in(client, getattr(personas, persona))
    assert response.status_code == 302
    assert response.url == reverse(page, kwargs={"bureau_slug": personas.bureau.slug})


def test_a_partner_acting_for_no_organisation_lands_on_the_overview(client, personas):
    partner = MembershipFactory(bureau=personas.bureau, role=Role.PARTNER, organisation=None).user
    response = log_in(client, partner)
    assert response.url == reverse("bureaus:dashboard", kwargs={"bureau_slug": "spijkerkwartier"})
    assert client.get(response.url).status_code == 200


def test_a_member_of_several_bureaus_lands_on_the_front_page(client, personas):
    MembershipFactory(user=personas.coach, bureau=personas.other_bureau, role=Role.COACH)
    response = log_in(client, personas.coach)
    assert response.url == reverse("core:home")


def test_an_inactive_membership_does_not_count(client, personas):
    MembershipFactory(
        user=personas.coach, bureau=personas.other_bureau, role=Role.COACH, is_active=False
    )
    response = log_in(client, personas.coach)
    assert response.url == reverse("bureaus:dashboard", kwargs={"bureau_slug": "spijkerkwartier"})


def test_a_user_without_a_bureau_lands_on_the_front_page(client, personas):
    assert log_in(client, personas.outsider).url == reverse("core:home")


def test_a_platform_administrator_without_a_bureau_lands_on_the_platform_page(client, personas):
    response = log_in(client, personas.platform_admin)
    assert response.url == reverse("bureaus:platform-bureau-list")


def test_a_safe_next_wins(client, personas):
    next_url = reverse("accounts:account")
    assert log_in(client, personas.coordinator, next_url).url == next_url


def test_an_unsafe_next_is_ignored(client, personas):
    response = log_in(client, personas.coordinator, "https://elders.example/")
    assert response.url == reverse("bureaus:dashboard", kwargs={"bureau_slug": "spijkerkwartier"})


def test_an_already_logged_in_member_visiting_login_is_sent_to_their_page(login, personas):
    response = login(personas.resident).get(reverse("accounts:login"))
    assert response.url == reverse("residents:mydata", kwargs={"bureau_slug": "spijkerkwartier"})


def test_landing_url_takes_one_query(personas, django_assert_num_queries):
    with django_assert_num_queries(1):
        landing_url(personas.funder)
