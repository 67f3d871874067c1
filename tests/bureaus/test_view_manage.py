"""The management page: one place for running the bureau, so the main menu stays short."""

import pytest
from django.urls import reverse

from tests.factories import ErasureRequestFactory, ResidentFactory

pytestmark = pytest.mark.usefixtures("english")


def manage_url(bureau):
    return reverse("bureaus:manage", kwargs={"bureau_slug": bureau.slug})


def links(response):
    return response.content.decode()


def test_a_coordinator_finds_every_management_page_and_the_pending_erasure_requests(
    login, personas
):
    ErasureRequestFactory(resident=ResidentFactory(bureau=personas.bureau))
    ErasureRequestFactory(resident=ResidentFactory(bureau=personas.bureau))
    ErasureRequestFactory(resident=ResidentFactory(bureau=personas.other_bureau))
    response = login(personas.coordinator).get(manage_url(personas.bureau))
    assert response.status_code == 200
    content = links(response)
    slug = personas.bureau.slug
    for name in (
        "bureaus:member-list",
        "bureaus:settings",
        "residents:talent-list",
        "imports:run-list",
        "residents:erasure-list",
        "audit:entry-list",
        "matching:settings",
        "work:capability",
    ):
        assert reverse(name, kwargs={"bureau_slug": slug}) in content, name
    assert "2 requests wait for your decision." in content


def test_a_coach_sees_only_the_pages_a_coach_may_open(login, personas):
    content = links(login(personas.coach).get(manage_url(personas.bureau)))
    slug = personas.bureau.slug
    assert reverse("bureaus:member-list", kwargs={"bureau_slug": slug}) in content
    assert reverse("imports:run-list", kwargs={"bureau_slug": slug}) in content
    for coordinator_only in ("bureaus:settings", "audit:entry-list", "residents:erasure-list"):
        assert reverse(coordinator_only, kwargs={"bureau_slug": slug}) not in content


def test_the_menu_leads_to_it_and_marks_it_current_on_the_pages_it_lists(login, personas):
    client = login(personas.coordinator)
    manage = manage_url(personas.bureau)
    audit = reverse("audit:entry-list", kwargs={"bureau_slug": personas.bureau.slug})
    dashboard = client.get(
        reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug})
    )
    menu = dashboard.content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert f'href="{manage}"' in menu
    assert f'href="{audit}"' not in menu  # reached through "Manage", not from the menu itself
    settings_page = client.get(
        reverse("bureaus:settings", kwargs={"bureau_slug": personas.bureau.slug})
    )
    menu = settings_page.content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert f'href="{manage}" aria-current="page"' in menu
