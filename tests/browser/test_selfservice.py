"""Journeys of self-service: a resident signs up (first with a wrong postcode and a date of birth
under 18), confirms their e-mail, is invited to tell about their talents and dreams and does;
another resident downloads their data and asks for erasure, which the coordinator confirms.

Selectors use field names and URLs rather than visible text, so the tests hold in any language.
"""

import datetime
import json
import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from buurtbaan.residents import actions
from buurtbaan.residents.models import ErasureRequest, Resident
from tests.factories import DreamFactory, resident_with_account

pytestmark = pytest.mark.browser

PASSWORD = "Wandelen-in-de-wijk-7"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def click_and_wait(page, selector):
    page.locator(selector).click()
    page.wait_for_load_state()


def test_a_resident_signs_up_confirms_and_fills_in_their_profile(
    page, live_url, personas, assert_accessible, mailoutbox
):
    bureau = personas.bureau
    # From the bureau's public page to the sign-up form.
    page.goto(f"{live_url}/b/{bureau.slug}/")
    assert_accessible(page)
    profiles = reverse("residents:profile-list", kwargs={"bureau_slug": bureau.slug})
    assert page.locator(f"main a[href='{profiles}']").count() == 1
    click_and_wait(page, f"main a[href='/b/{bureau.slug}/aanmelden/']")
    assert page.url == f"{live_url}/b/{bureau.slug}/aanmelden/"
    assert_accessible(page)

    # First try: a postcode that is not Dutch and a date of birth under 18.
    today = timezone.localdate()
    too_young = today.replace(year=today.year - 16) - datetime.timedelta(days=10)
    page.fill("input[name=first_name]", "Yasmina")
    page.fill("input[name=last_name]", "Ouali")
    page.fill("input[name=email]", "yasmina@buurtbaan.example")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=postcode]", "1234 5A")
    page.fill("input[name=date_of_birth]", too_young.isoformat())
    page.fill("input[name=phone]", "06 1234 5678")
    page.check("input[name=consent_scopes][value=matching]")
    click_and_wait(page, "main form button[type=submit]")

    assert page.url.endswith("/aanmelden/")
    assert_accessible(page)
    assert page.locator("#form-errors").is_visible()
    postcode_error = page.locator("#id_postcode_error").inner_text()
    assert "6828 AB" in postcode_error  # says how to write it, with an example
    birth_error = page.locator("#id_date_of_birth_error").inner_text()
    assert str(actions.adult_from(too_young).year) in birth_error  # from when they are welcome
    assert page.input_value("input[name=first_name]") == "Yasmina"
    assert page.input_value("input[name=last_name]") == "Ouali"
    assert page.input_value("input[name=email]") == "yasmina@buurtbaan.example"
    assert page.input_value("input[name=postcode]") == "1234 5A"
    assert page.input_value("input[name=date_of_birth]") == too_young.isoformat()
    assert page.input_value("input[name=phone]") == "06 1234 5678"
    assert page.is_checked("input[name=consent_scopes][value=matching]")
    assert page.input_value("input[name=password]") == ""  # the one field not sent back
    assert not Resident.objects.filter(email="yasmina@buurtbaan.example").exists()

    # Corrected: now it goes through.
    page.fill("input[name=postcode]", "6828 AB")
    page.fill("input[name=date_of_birth]", "1990-03-14")
    page.fill("input[name=password]", PASSWORD)
    click_and_wait(page, "main form button[type=submit]")
    assert page.url.endswith("/aanmelden/verstuurd/")
    assert_accessible(page)

    # Logging in before confirming: with the right password, a clear word and a way on.
    page.goto(f"{live_url}/inloggen/")
    page.fill("input[name=username]", "yasmina@buurtbaan.example")
    page.fill("input[name=password]", PASSWORD)
    click_and_wait(page, "main form button[type=submit]")
    assert_accessible(page)
    assert page.locator("form[action$='/uitloggen/']").count() == 0
    resend = reverse("residents:registration-resend", kwargs={"bureau_slug": bureau.slug})
    assert page.locator(f"main a[href='{resend}']").is_visible()
    assert page.locator("[role=alert]").is_visible()

    # The confirmation e-mail; its link works on this server.
    assert [m.to for m in mailoutbox] == [["yasmina@buurtbaan.example"]]
    link = re.search(r"https?://\S+/bevestigen/\S+/", mailoutbox[0].body).group(0)
    page.goto(live_url + urlsplit(link).path)
    assert_accessible(page)
    click_and_wait(page, "main form button[type=submit]")
    assert page.url == live_url + reverse("residents:mydata", kwargs={"bureau_slug": bureau.slug})
    assert_accessible(page)
    assert page.locator("form[action$='/uitloggen/']").count() == 1  # logged in

    # Not a page of "—": they are invited to tell about their talents and dreams.
    invitation = page.locator("main section.selfservice-invitation")
    assert invitation.is_visible()
    assert invitation.locator("a[href$='/bewerken/talenten/#id_talents_group']").is_visible()
    assert invitation.locator("a[href$='/bewerken/talenten/#id_dreams']").is_visible()
    assert invitation.bounding_box()["y"] < page.locator("#downloads").bounding_box()["y"]

    # Talents and a dream, in their own words, through the invitation.
    koken = bureau.talents.get(name="koken")
    click_and_wait(page, "main section.selfservice-invitation a[href$='#id_talents_group']")
    assert urlsplit(page.url).path.endswith("/bewerken/talenten/")
    assert_accessible(page)
    page.check(f"input[name=talents][value='{koken.pk}']")
    page.fill("textarea[name=dreams]", "Een eigen lunchroom in de wijk")
    click_and_wait(page, "main form button[type=submit]")
    assert urlsplit(page.url).path.endswith("/mijn-gegevens/")
    assert_accessible(page)
    assert "Een eigen lunchroom in de wijk" in page.locator("main").inner_text()
    assert invitation.count() == 0  # told: the invitation has done its work

    resident = Resident.objects.get(email="yasmina@buurtbaan.example")
    assert resident.user.is_active
    assert list(resident.talents.all()) == [koken]
    assert resident.has_consent("matching")


def test_a_resident_downloads_their_data_and_asks_for_erasure(
    page, live_url, personas, log_in, assert_accessible
):
    bureau = personas.bureau
    resident = resident_with_account(bureau, first_name="Zwaantje", last_name="Qwertyhuis")
    DreamFactory(resident=resident, description="Een theewinkel met boeken")
    mydata = live_url + reverse("residents:mydata", kwargs={"bureau_slug": bureau.slug})
    log_in(page, resident.user)

    page.goto(mydata)
    assert_accessible(page)
    assert "Een theewinkel met boeken" in page.locator("main").inner_text()

    with page.expect_download() as download_info:
        page.locator("main a[href$='/download/json/']").click()
    with open(download_info.value.path(), encoding="utf-8") as file:
        data = json.load(file)
    assert data["personal_details"]["first_name"] == "Zwaantje"
    assert data["dreams"] == ["Een theewinkel met boeken"]

    pdf = page.request.get(
        live_url + reverse("residents:mydata-pdf", kwargs={"bureau_slug": bureau.slug})
    )
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    click_and_wait(page, "main a[href$='/download/afdrukken/']")
    assert_accessible(page)
    assert "Zwaantje" in page.locator("main").inner_text()
    page.goto(mydata)

    # Ask for erasure: an explanation, a tick to confirm, then the request.
    click_and_wait(page, "main a[href$='/mijn-gegevens/verwijderen/']")
    assert_accessible(page)
    page.check("input[name=understood]")
    click_and_wait(page, "main form button[type=submit]")
    assert page.url == mydata
    assert_accessible(page)
    erasure_request = ErasureRequest.objects.get(resident=resident)
    assert erasure_request.is_pending
    click_and_wait(page, "form[action$='/uitloggen/'] button")
    assert_accessible(page)

    # The coordinator confirms it.
    log_in(page, personas.coordinator)
    page.goto(live_url + reverse("residents:erasure-list", kwargs={"bureau_slug": bureau.slug}))
    assert_accessible(page)
    click_and_wait(page, f"main a[href$='/verwijderverzoeken/{erasure_request.pk}/']")
    assert_accessible(page)
    click_and_wait(page, "button[name=decision][value=confirm]")
    assert page.url.endswith("/verwijderverzoeken/")
    assert_accessible(page)
    assert "Zwaantje" not in page.locator("main").inner_text()
    resident.refresh_from_db()
    assert resident.is_anonymised
    click_and_wait(page, "form[action$='/uitloggen/'] button")

    # The resident can no longer log in.
    page.goto(f"{live_url}/inloggen/")
    page.fill("input[name=username]", data["account"]["email"])
    page.fill("input[name=password]", "geheim-wachtwoord-42")
    click_and_wait(page, "main form button[type=submit]")
    assert page.url.endswith("/inloggen/")
    assert page.locator("form[action$='/uitloggen/']").count() == 0
    assert_accessible(page)
