"""A coach picks the resident who asks for a piece of work by searching for their name: with
htmx the suggestions come as they type, without JavaScript the Search button does it and the form
comes back as it was typed. Every page is checked with axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from buurtbaan.work.models import PieceOfWork
from tests.browser.conftest import PASSWORD
from tests.factories import ResidentFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def residents(personas):
    for first, last in [("Sandra", "de Vries"), ("Sandra", "Bakker"), ("Ahmed", "Yilmaz")]:
        ResidentFactory(bureau=personas.bureau, first_name=first, last_name=last)
    ResidentFactory(bureau=personas.other_bureau, first_name="Sandra", last_name="Elders")
    for n in range(30):
        ResidentFactory(bureau=personas.bureau, first_name=f"Bewoner{n}", last_name="Anders")


def piece_create_url(live_url, personas):
    return live_url + reverse("work:piece-create", kwargs={"bureau_slug": personas.bureau.slug})


def test_with_javascript_suggestions_come_as_you_type(
    page, live_url, personas, residents, log_in, assert_accessible
):
    log_in(page, personas.coach)
    page.goto(piece_create_url(live_url, personas))
    assert_accessible(page)
    assert page.locator("select[name=asked_by_resident]").count() == 0
    page.fill("#id_title", "Boodschappen doen")
    page.select_option("#id_kind", "buurtklus")
    page.check("input[name=asked_by_kind][value=resident]")
    # The field's label names the search box.
    page.get_by_label("Bewoner die het vraagt").press_sequentially("sand", delay=30)
    results = page.locator("#id_asked_by_resident_results input[type=radio]")
    expect(results).to_have_count(2)
    assert "Elders" not in page.locator("#id_asked_by_resident_results").inner_text()
    assert page.input_value("#id_title") == "Boodschappen doen"  # no page load: nothing lost
    assert_accessible(page)
    page.get_by_label("Sandra Bakker").check()
    assert results.count() == 2
    page.locator("main form button[type=submit]:not([name])").click()
    page.wait_for_load_state()
    assert_accessible(page)
    piece = PieceOfWork.objects.get(title="Boodschappen doen")
    assert str(piece.asked_by_resident) == "Sandra Bakker"


def coach_without_javascript(browser, live_url, personas):
    """A browser context with JavaScript off and the coach logged in: (context, page)."""
    context = browser.new_context(
        locale="nl-NL", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"{live_url}/inloggen/")
        page.fill("input[name=username]", personas.coach.email)
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    except BaseException:
        context.close()
        raise
    return context, page


def test_without_javascript_the_search_button_finds_and_keeps_what_was_typed(
    browser, live_url, personas, residents
):
    """axe needs JavaScript: the same form and radio buttons are checked in the test above."""
    context, page = coach_without_javascript(browser, live_url, personas)
    try:
        page.goto(piece_create_url(live_url, personas))
        page.fill("#id_title", "Ramen lappen")
        page.select_option("#id_kind", "buurtklus")
        page.fill("#id_people_needed", "2")
        page.check("input[name=asked_by_kind][value=resident]")
        page.fill("#id_asked_by_resident_q", "sandra")
        page.get_by_role("button", name="Zoeken").click()
        page.wait_for_load_state()

        # The same form again: nothing saved, nothing lost, the two Sandras to choose from.
        assert not PieceOfWork.objects.exists()
        assert page.input_value("#id_title") == "Ramen lappen"
        assert page.input_value("#id_kind") == "buurtklus"
        assert page.input_value("#id_people_needed") == "2"
        assert page.is_checked("input[name=asked_by_kind][value=resident]")
        assert page.locator("#id_asked_by_resident_results input[type=radio]").count() == 2
        assert page.locator(".form-errors").count() == 0

        page.get_by_label("Sandra de Vries").check()
        page.locator("main form button[type=submit]:not([name])").click()
        page.wait_for_load_state()
        piece = PieceOfWork.objects.get(title="Ramen lappen")
        assert str(piece.asked_by_resident) == "Sandra de Vries"
        assert piece.people_needed == 2
    finally:
        context.close()


def test_without_javascript_enter_searches_in_the_search_box_and_saves_elsewhere(
    browser, live_url, personas, residents
):
    """The form's first submit button is a hidden Save: Enter in the title saves, Enter on a
    new name in the search box searches (before, every Enter ran a search)."""
    context, page = coach_without_javascript(browser, live_url, personas)
    try:
        page.goto(piece_create_url(live_url, personas))
        page.fill("#id_title", "Ramen lappen")
        page.select_option("#id_kind", "buurtklus")
        page.check("input[name=asked_by_kind][value=resident]")
        page.fill("#id_asked_by_resident_q", "sandra")
        page.press("#id_asked_by_resident_q", "Enter")
        page.wait_for_load_state()
        assert not PieceOfWork.objects.exists()
        assert page.locator("#id_asked_by_resident_results input[type=radio]").count() == 2

        page.get_by_label("Sandra de Vries").check()
        page.press("#id_title", "Enter")
        page.wait_for_load_state()
        piece = PieceOfWork.objects.get(title="Ramen lappen")
        assert str(piece.asked_by_resident) == "Sandra de Vries"
    finally:
        context.close()
