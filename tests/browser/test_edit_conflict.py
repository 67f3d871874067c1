"""The conflict journey: a coach and a coordinator edit the same resident's personal details in
two browsers. The coordinator saves a new phone number first; the coach's save of the older form
is stopped on a conflict page that shows both versions and keeps the coach's typing; the coach
takes the coordinator's number and saves again, and both changes are kept.

Selectors use field names and classes rather than visible text, so the test holds in any language.
"""

import pytest
from django.urls import reverse

from buurtbaan.residents.models import Resident
from tests.factories import ResidentFactory

pytestmark = pytest.mark.browser


def test_the_second_saver_sees_both_versions_and_keeps_what_they_typed(
    page, browser, live_url, personas, log_in, assert_accessible
):
    resident = ResidentFactory(
        bureau=personas.bureau, coach=personas.coach, phone="06 1234 5678", city="Arnhem"
    )
    edit = live_url + reverse(
        "residents:resident-update",
        kwargs={"bureau_slug": personas.bureau.slug, "pk": resident.pk, "section": "persoonlijk"},
    )
    detail = live_url + reverse(
        "residents:resident-detail", kwargs={"bureau_slug": personas.bureau.slug, "pk": resident.pk}
    )

    # The coach opens the form and starts typing.
    log_in(page, personas.coach)
    page.goto(edit)
    assert_accessible(page)
    page.fill("input[name=city]", "Velp")

    # Meanwhile the coordinator, in another browser, saves a new phone number.
    other = browser.new_context(locale="nl-NL").new_page()
    other.checked_paths = set()
    log_in(other, personas.coordinator)
    other.goto(edit)
    assert_accessible(other)
    other.fill("input[name=phone]", "06 5555 4444")
    other.locator("main form > button[type=submit]").click()
    other.wait_for_load_state()
    assert other.url == detail
    other.context.close()

    # The coach saves the older form: a conflict page, nothing overwritten.
    with page.expect_response(edit) as answer:
        page.locator("main form > button[type=submit]").click()
    assert answer.value.status == 409
    page.wait_for_load_state()
    assert_accessible(page)
    conflict = page.locator(".edit-conflict")
    assert conflict.locator("h2").is_visible()
    rows = conflict.locator("tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").all_inner_texts() == ["06 55554444", "06 1234 5678"]
    assert page.input_value("input[name=city]") == "Velp"  # what the coach typed is kept
    assert page.locator("#form-errors[role=alert]").is_visible()
    assert Resident.objects.get(pk=resident.pk).phone == "+31655554444"

    # The coach takes the coordinator's number and saves their city on top.
    page.fill("input[name=phone]", "06 5555 4444")
    conflict.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == detail
    assert_accessible(page)
    stored = Resident.objects.get(pk=resident.pk)
    assert (stored.phone, stored.city) == ("+31655554444", "Velp")
