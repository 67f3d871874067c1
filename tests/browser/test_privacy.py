"""A coordinator reads the bureau's processing register and sets its retention periods."""

from django.urls import reverse

from buurtbaan.privacy.models import RetentionSettings


def test_coordinator_reads_the_register_and_sets_the_retention_periods(
    page, live_url, personas, log_in, assert_accessible
):
    log_in(page, personas.coordinator)
    page.goto(live_url + reverse("bureaus:manage", kwargs={"bureau_slug": personas.bureau.slug}))
    assert_accessible(page)
    page.get_by_role("link", name="Verwerkingsregister").click()
    assert page.locator("h1").inner_text() == "Verwerkingsregister"
    assert "gewist na 12 maanden" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Bewaartermijnen wijzigen").click()
    assert_accessible(page)
    page.get_by_label("Reacties op het prikbord, in maanden").fill("0")
    page.get_by_label("Inactieve bewoners, in jaren").fill("6")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".form-errors").is_visible()
    # What was typed is kept.
    assert page.get_by_label("Inactieve bewoners, in jaren").input_value() == "6"
    assert_accessible(page)

    page.get_by_label("Reacties op het prikbord, in maanden").fill("18")
    page.locator("main form button[type=submit]").click()
    assert "opgeslagen" in page.locator(".messages").inner_text()
    assert_accessible(page)
    assert RetentionSettings.objects.get(bureau=personas.bureau).periods == {
        "board_responses": 18,
        "inactive_residents": 6,
    }

    page.get_by_role("link", name="Bekijk het verwerkingsregister").click()
    assert "gewist na 18 maanden" in page.locator("main").inner_text()
    assert_accessible(page)
