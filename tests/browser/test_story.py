"""A coordinator reads a resident's whole story, in a real browser, on the demo data: Sandra's
response on the board, the theatre's introduction and her proposal, in the order they happened."""

import pytest
from django.urls import reverse

from buurtbaan.demo import stories
from buurtbaan.demo.loader import load_demo
from buurtbaan.residents.models import Resident

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_reads_sandras_whole_story(page, live_url, log_in, assert_accessible):
    load_demo()
    page.set_default_timeout(30_000)  # the demo is large; the machine may be busy
    sandra = Resident.objects.get(email=f"sandra@{stories.EMAIL_DOMAIN}")
    coordinator = type(sandra.user).objects.get(email=f"coordinator@{stories.EMAIL_DOMAIN}")
    log_in(page, coordinator, password=stories.DEMO_PASSWORD)

    page.goto(
        live_url
        + reverse(
            "residents:resident-detail",
            kwargs={"bureau_slug": sandra.bureau.slug, "pk": sandra.pk},
        )
    )
    assert_accessible(page)
    page.get_by_role("link", name="Het hele verhaal").click()
    page.wait_for_url(f"**/bewoners/{sandra.pk}/verhaal/")
    assert_accessible(page)
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Het hele verhaal van Sandra Willems"
    )

    rows = page.locator("table.story-month tbody tr").all_inner_texts()
    response = next(i for i, row in enumerate(rows) if "Heeft op het prikbord gereageerd" in row)
    introduction = next(i for i, row in enumerate(rows) if "wil graag kennismaken" in row)
    proposal = next(
        i for i, row in enumerate(rows) if "Voorgesteld voor “Conciërge en schoonmaak" in row
    )
    placement = next(
        i for i, row in enumerate(rows) if "een plaatsing bij Theater De Spijker" in row
    )
    assert rows[0].count("Ingeschreven in de talentenbank") == 1  # the story starts at sign-up
    assert response < introduction < proposal < placement
    assert "Roel de Wit" in rows[proposal]  # who proposed her

    # Only the introductions, newest first; the link opens the request.
    page.select_option("select[name=soort]", "introductions")
    page.select_option("select[name=volgorde]", "nieuwste")
    page.locator("#story form button[type=submit]").click()
    page.wait_for_url("**/verhaal/?soort=introductions&volgorde=nieuwste")
    assert_accessible(page)
    rows = page.locator("table.story-month tbody tr").all_inner_texts()
    assert len(rows) == 2
    assert "ja gezegd tegen de kennismaking" in rows[0]
    assert "wil graag kennismaken" in rows[1]
    page.get_by_role("link", name="Theater De Spijker wil graag kennismaken").click()
    page.wait_for_url("**/kennismakingen/*/")
    assert_accessible(page)
