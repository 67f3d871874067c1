"""Journeys through the talent bank: a coach records an intake in two sittings, and sensitive
notes are read by the coach but never seen by a partner.

Selectors use field names and URLs rather than visible text, so the tests hold in any language.
"""

import re

import pytest
from django.urls import reverse

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.residents.models import Intake, Stage
from tests.factories import ResidentFactory, SensitiveNoteFactory

pytestmark = pytest.mark.browser


def resident_url(live_url, resident, name="residents:resident-detail"):
    return live_url + reverse(name, kwargs={"bureau_slug": resident.bureau.slug, "pk": resident.pk})


def click_and_wait(page, selector):
    page.locator(selector).click()
    page.wait_for_load_state()


def test_an_intake_saved_halfway_is_resumed_and_finished(
    page, live_url, personas, log_in, assert_accessible
):
    resident = ResidentFactory(bureau=personas.bureau, first_name="Sandra", postcode="6828AB")
    koken = personas.bureau.talents.get(name="koken")
    log_in(page, personas.coach)

    # First sitting: the coach starts the intake and gets through two steps.
    page.goto(resident_url(live_url, resident))
    assert_accessible(page)
    click_and_wait(page, "main form[action$='/intake/'] button[type=submit]")
    assert re.search(r"/intake/\d+/stap/1/$", page.url)
    assert_accessible(page)
    page.fill("input[name=phone]", "06 1234 5678")
    page.fill("textarea[name=notes]", "Kwam binnenlopen bij het spreekuur.")
    click_and_wait(page, "button[name=next]")

    assert page.url.endswith("/stap/2/")
    assert_accessible(page)
    page.check(f"input[name=talents][value='{koken.pk}']")
    page.fill("textarea[name=dreams]", "Een eigen lunchroom in de wijk")
    click_and_wait(page, "button[name=pause]")  # save and stop for now

    assert page.url == resident_url(live_url, resident)
    assert_accessible(page)
    intake = Intake.objects.get(resident=resident)
    assert intake.step_reached == 3
    assert not intake.is_completed

    # Second sitting, another day: a fresh visit resumes at step 3 with the earlier answers kept.
    page.goto(resident_url(live_url, resident))
    assert "Een eigen lunchroom in de wijk" in page.locator("main").inner_text()
    click_and_wait(page, "main form[action$='/intake/'] button[type=submit]")
    assert page.url.endswith("/stap/3/")
    assert_accessible(page)
    page.check("input[name=wants][value=paid]")
    page.fill("input[name=hours_per_week]", "24")
    page.check("input[name=available_days][value=tue]")
    page.check("input[name=travel][value=neighbourhood]")
    page.check("input[name=income_situation][value=participation_act]")
    click_and_wait(page, "button[name=next]")

    assert page.url.endswith("/stap/4/")
    assert_accessible(page)
    page.check("input[name=level][value=system]")
    page.fill("textarea[name=description]", "Bang om de bijstand kwijt te raken")
    page.fill("textarea[name=support_needed]", "Uitleg over bijverdienen")
    page.select_option("select[name=sensitive_category]", "debts")
    page.fill("textarea[name=sensitive_text]", "Betalingsregeling energierekening")
    click_and_wait(page, "button[name=next]")

    assert page.url.endswith("/stap/5/")
    assert_accessible(page)
    page.check("input[name=scopes][value=coaches]")
    page.check("input[name=scopes][value=matching]")
    click_and_wait(page, "button[name=next]")

    assert page.url.endswith("/stap/6/")
    assert_accessible(page)
    # Referring without saying to whom is refused, and the choice is kept.
    page.check("input[name=decision][value=refer]")
    click_and_wait(page, "button[name=complete]")
    assert page.locator("#id_referred_to_error").is_visible()
    assert page.is_checked("input[name=decision][value=refer]")
    assert_accessible(page)
    page.check("input[name=decision][value=start_trajectory]")
    page.fill("textarea[name=decision_note]", "Doet mee aan de talenttraining.")
    click_and_wait(page, "button[name=complete]")

    assert page.url == resident_url(live_url, resident)
    assert_accessible(page)
    intake.refresh_from_db()
    resident.refresh_from_db()
    assert intake.is_completed
    assert intake.notes_for(1) == "Kwam binnenlopen bij het spreekuur."
    assert resident.stage == Stage.ACTIVE
    assert resident.phone == "+31612345678"  # typed as 06 1234 5678
    assert list(resident.talents.all()) == [koken]
    assert resident.has_consent("matching")
    assert resident.barriers.get().level == "system"
    assert resident.sensitive_notes.get().text == "Betalingsregeling energierekening"
    # The benefit flag is shown with the barriers; the sensitive note is not on the page.
    main = page.locator("main")
    assert main.locator(".benefit-flag").count() == 1
    assert "Betalingsregeling" not in main.inner_text()


def test_a_coach_sees_the_sensitive_note_and_a_partner_does_not(
    page, live_url, personas, log_in, assert_accessible
):
    resident = ResidentFactory(bureau=personas.bureau, coach=personas.coach)
    SensitiveNoteFactory(resident=resident, text="Rugklachten: niet zwaar tillen")
    notes_url = resident_url(live_url, resident, "residents:sensitive-note-list")

    # The assigned coach opens the notes from the resident's page; the read is audited.
    log_in(page, personas.coach)
    page.goto(resident_url(live_url, resident))
    assert_accessible(page)
    click_and_wait(page, "main a[href$='/gevoelige-notities/']")
    assert page.url == notes_url
    assert "Rugklachten: niet zwaar tillen" in page.locator("main").inner_text()
    assert_accessible(page)
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, fields=["sensitive_notes"])
    assert entry.actor == personas.coach
    assert entry.object_id == str(resident.pk)

    # A partner of the same bureau, at another computer, sees no talent bank, resident or note.
    page.context.clear_cookies()
    log_in(page, personas.partner)
    page.goto(live_url + reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug}))
    assert_accessible(page)
    assert page.locator("a[href$='/bewoners/']").count() == 0
    for url in (resident_url(live_url, resident), notes_url):
        response = page.goto(url)
        assert response.status == 404
        assert "Rugklachten" not in page.content()
        assert_accessible(page)
    # Only the coach's reads are in the audit log: the partner's refused pages write nothing.
    views = AuditEntry.objects.filter(action=AuditAction.VIEW)
    assert {entry.actor for entry in views} == {personas.coach}
