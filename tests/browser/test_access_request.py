"""The access request journey (AVG art. 15): a resident asks for all their data on their own pages,
the coordinator reviews the request (seeing the deadline and the confidential notes) and releases
it, and the resident downloads everything, the confidential note included.

Selectors use field names and URLs rather than visible text, so the test holds in any language.
"""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from buurtbaan.residents import actions
from buurtbaan.residents.models import AccessRequest
from tests.factories import resident_with_account

pytestmark = pytest.mark.browser

NOTE = "Schulden bij de energieleverancier, regeling loopt"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def click_and_wait(page, selector):
    page.locator(selector).click()
    page.wait_for_load_state()


def test_a_resident_asks_the_coordinator_releases_and_the_resident_downloads(
    page, live_url, personas, log_in, assert_accessible
):
    bureau = personas.bureau
    resident = resident_with_account(bureau, first_name="Zwaantje", coach=personas.coach)
    actions.add_sensitive_note(actor=personas.coach, resident=resident, category="debts", text=NOTE)
    slug = {"bureau_slug": bureau.slug}

    # The resident asks, from their own pages.
    log_in(page, resident.user)
    page.goto(live_url + reverse("residents:mydata", kwargs=slug))
    assert_accessible(page)
    assert NOTE not in page.locator("main").inner_text()
    click_and_wait(page, "main a[href$='/mijn-gegevens/inzage/']")
    assert_accessible(page)
    click_and_wait(page, "main form button[type=submit]")
    assert_accessible(page)
    access_request = AccessRequest.objects.get(resident=resident)
    assert access_request.is_pending
    assert access_request.due_on.strftime("%Y") in page.locator("main").inner_text()
    click_and_wait(page, "form[action$='/uitloggen/'] button")
    assert_accessible(page)

    # The coordinator sees it waiting, with its deadline, reviews the note and releases it.
    log_in(page, personas.coordinator)
    page.goto(live_url + reverse("residents:access-list", kwargs=slug))
    assert_accessible(page)
    assert page.locator("main table tbody tr").count() == 1
    click_and_wait(page, f"main a[href$='/inzageverzoeken/{access_request.pk}/']")
    assert_accessible(page)
    assert NOTE in page.locator("main").inner_text()
    click_and_wait(page, "button[name=decision][value=release]")
    assert page.url.endswith("/inzageverzoeken/")
    assert_accessible(page)
    access_request.refresh_from_db()
    assert access_request.can_download()
    click_and_wait(page, "form[action$='/uitloggen/'] button")
    assert_accessible(page)

    # The resident downloads everything, the confidential note included.
    log_in(page, resident.user)
    page.goto(live_url + reverse("residents:my-access-list", kwargs=slug))
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.locator("main a[href$='/json/']").click()
    with open(download_info.value.path(), encoding="utf-8") as file:
        data = json.load(file)
    assert [note["text"] for note in data["sensitive_notes"]] == [NOTE]
    assert any("sensitive_notes" in entry["fields"] for entry in data["audit_log"])
    pdf = page.request.get(live_url + page.locator("main a[href$='/pdf/']").get_attribute("href"))
    assert pdf.ok
    assert pdf.body().startswith(b"%PDF")
    click_and_wait(page, "main a[href$='/afdrukken/']")
    assert_accessible(page)
    assert NOTE in page.locator("main").inner_text()
