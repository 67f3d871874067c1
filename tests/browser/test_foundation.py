"""The first journeys: a coordinator logs in, sees the bureau's home page, switches language."""

from django.urls import reverse


def test_coordinator_logs_in_and_sees_the_bureau_home(
    page, live_url, personas, log_in, assert_accessible
):
    page.goto(live_url + "/")
    assert_accessible(page)
    log_in(page, personas.coordinator)
    page.goto(live_url + reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug}))
    assert page.locator("h1").inner_text() == "Overzicht"
    # The bureau's name is escaped, not executed: the factory puts a <script> in it.
    assert "<script>" in page.locator(".site-header__brand").inner_text()
    assert_accessible(page)


def test_wrong_password_shows_a_clear_error_and_keeps_the_address(
    page, live_url, personas, assert_accessible
):
    page.goto(live_url + reverse("accounts:login"))
    page.fill("input[name=username]", personas.coach.email)
    page.fill("input[name=password]", "niet-goed")
    page.locator("main form button[type=submit]").click()
    assert "komen niet overeen" in page.locator(".form-errors").inner_text()
    assert page.input_value("input[name=username]") == personas.coach.email
    assert_accessible(page)


def test_language_switch_to_english_and_back(page, live_url, personas, log_in, assert_accessible):
    log_in(page, personas.coordinator)
    page.goto(live_url + reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug}))
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Overzicht"


def test_coordinator_adds_a_coach_who_chooses_a_password(
    page, live_url, personas, log_in, assert_accessible, mailoutbox
):
    log_in(page, personas.coordinator)
    page.goto(
        live_url + reverse("bureaus:member-create", kwargs={"bureau_slug": personas.bureau.slug})
    )
    assert_accessible(page)
    page.get_by_label("Voornaam").fill("Nieuwe")
    page.get_by_label("Achternaam").fill("Coach")
    page.get_by_label("E-mailadres").fill("nieuwe.coach@buurtbaan.example")
    page.get_by_label("Rol").select_option("coach")
    page.locator("main form button[type=submit]").click()
    assert "is toegevoegd" in page.locator(".messages").inner_text()
    assert_accessible(page)
    link = next(line for line in mailoutbox[0].body.splitlines() if "/wachtwoord-kiezen/" in line)
    page.goto(link.replace("http://127.0.0.1:8000", live_url))
    page.wait_for_url("**/set-password/")
    assert_accessible(page)
    page.fill("input[name=new_password1]", "een-goed-wachtwoord-2026")
    page.fill("input[name=new_password2]", "een-goed-wachtwoord-2026")
    page.locator("main form button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Wachtwoord opgeslagen"
    assert_accessible(page)


def test_a_coordinator_follows_what_waits_and_finds_the_management_pages(
    page, live_url, personas, log_in, assert_accessible
):
    from tests.factories import ErasureRequestFactory, ResidentFactory

    ErasureRequestFactory(resident=ResidentFactory(bureau=personas.bureau, stage="active"))
    log_in(page, personas.coordinator)
    page.goto(live_url + reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug}))
    assert_accessible(page)
    waiting = page.locator("section[aria-labelledby=waiting]")
    assert "verwijderverzoek dat wacht op je besluit" in waiting.inner_text()  # there is one

    page.locator(".site-nav").get_by_role("link", name="Beheer").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Het bureau beheren"
    assert page.locator(".site-nav a[aria-current=page]").inner_text() == "Beheer"
    assert "1 verzoek wacht op je besluit." in page.locator("main").inner_text()
    assert_accessible(page)

    page.locator("main").get_by_role("link", name="Logboek").click()
    page.wait_for_load_state()
    assert page.url.endswith(
        reverse("audit:entry-list", kwargs={"bureau_slug": personas.bureau.slug})
    )
    assert page.locator(".site-nav a[aria-current=page]").inner_text() == "Beheer"
    assert_accessible(page)
