"""A coordinator finds a sign-up that may be someone the bureau knows on the overview, compares
the two side by side and links them."""

import datetime

from django.contrib.auth import get_user_model

from buurtbaan.residents import actions
from buurtbaan.residents.models import DuplicateStatus, PossibleDuplicate
from tests.factories import ResidentFactory, sign_up


def click_and_wait(page, selector):
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_a_coordinator_links_a_sign_up_to_the_bureaus_record(
    page, live_url, personas, log_in, assert_accessible
):
    bureau = personas.bureau
    record = ResidentFactory(
        bureau=bureau,
        first_name="Yasmina",
        last_name="Ouali-Bakkali",  # the name the bureau wrote down differs from the sign-up
        email="yasmina@buurtbaan.example",
        date_of_birth=datetime.date(1990, 3, 14),
    )
    sign_up(bureau)
    actions.confirm_registration(
        user=get_user_model().objects.get(email="yasmina@buurtbaan.example")
    )
    log_in(page, personas.coordinator)

    page.goto(f"{live_url}/b/{bureau.slug}/overzicht/")
    assert_accessible(page)
    click_and_wait(page, "main a[href$='/bewoners/mogelijk-dubbel/']")
    assert_accessible(page)
    main = page.locator("main").inner_text()
    assert "Ouali-Bakkali" in main
    assert "14 maart 1990" in main

    click_and_wait(page, "main button[value=link]")
    assert_accessible(page)
    assert "gekoppeld" in page.locator("body").inner_text()
    record.refresh_from_db()
    assert record.user is not None
    assert PossibleDuplicate.objects.get().status == DuplicateStatus.LINKED
