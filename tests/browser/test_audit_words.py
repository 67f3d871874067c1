"""A resident reads who viewed or changed their data in plain words (issue 10): they say yes to a
proposal, then open their activity log and read the coach's read (with the page it was on), the
coordinator's change, the consent and their own answer, without a record number ("#"), a field
name (accepted_at, consent.matching, date_of_birth) or an e-mail address of staff. The coordinator
reads the same entries in the bureau's audit log, in words, with a toggle for a list read.

Selectors use URLs and names rather than visible text where they can.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.residents import actions
from tests.factories import MatchFactory, ResidentFactory, resident_with_account

pytestmark = pytest.mark.browser

INTERNAL = re.compile(r"#\d|accepted_at|consent\.|date_of_birth|first_name|is_active|_")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def story(personas):
    """Sandra, a match for her, and what staff did with her data."""
    bureau = personas.bureau
    personas.coach.first_name, personas.coach.last_name = "Anna", "Jansen"
    personas.coach.save(update_fields=["first_name", "last_name"])
    personas.coordinator.first_name, personas.coordinator.last_name = "Karim", "Bos"
    personas.coordinator.save(update_fields=["first_name", "last_name"])
    sandra = resident_with_account(
        bureau, first_name="Sandra", last_name="de Vries", coach=personas.coach
    )
    match = MatchFactory(bureau=bureau, resident=sandra, piece__title="Lampen ophangen")
    log_event(actor=personas.coach, action=AuditAction.VIEW, obj=sandra, note="resident detail")
    actions.update_resident(
        actor=personas.coordinator,
        resident=sandra,
        changes={
            "first_name": "Sandra",
            "city": "Velp",
            "date_of_birth": datetime.date(1981, 2, 3),
        },
    )
    actions.set_consents(actor=personas.coach, resident=sandra, scopes=["matching"], note="")
    peter = ResidentFactory(bureau=bureau, first_name="Peter", last_name="Bakker")
    AuditEntry.objects.create(
        actor=personas.coach,
        actor_label=personas.coach.email,
        action=AuditAction.VIEW,
        bureau=bureau,
        object_type="residents.resident",
        object_label="2 × bewoners",
        note=f"talent bank search: #{sandra.pk}, #{peter.pk}",
    )
    return sandra, match


def test_a_resident_reads_their_audit_entries_in_plain_words(
    page, live_url, personas, story, log_in, assert_accessible
):
    sandra, match = story
    slug = personas.bureau.slug
    log_in(page, sandra.user)

    # Sandra says yes to the proposal on her own page.
    answer = reverse("matching:my-proposal-answer", kwargs={"bureau_slug": slug, "pk": match.pk})
    page.goto(f"{live_url}{answer}")
    assert_accessible(page)
    page.locator("main button[name=answer][value=accept]").click()
    page.wait_for_load_state()
    assert_accessible(page)

    # Her activity log: on her own data page, and on a page of its own.
    page.goto(f"{live_url}{reverse('residents:mydata', kwargs={'bureau_slug': slug})}")
    assert_accessible(page)
    assert page.locator("main .activity-list li").count() >= 5
    page.goto(f"{live_url}{reverse('residents:mydata-activity', kwargs={'bureau_slug': slug})}")
    assert_accessible(page)

    lines = [text.strip() for text in page.locator("main .activity-list li").all_inner_texts()]
    text = "\n".join(lines)
    assert any(
        line.startswith("Je hebt ja gezegd tegen het voorstel voor Lampen ophangen op")
        for line in lines
    ), text
    assert any(
        line.startswith("Anna Jansen (coach) heeft je gegevens bekeken op")
        and "(pagina: het dossier van de bewoner)" in line
        for line in lines
    ), text
    assert any(
        line.startswith("Karim Bos (coördinator) heeft je gegevens veranderd op")
        and "geboortedatum" in line
        and "woonplaats" in line
        for line in lines
    ), text
    assert any(
        line.startswith("Anna Jansen (coach) heeft je toestemming opgeschreven op")
        and "voorgesteld worden voor werk" in line
        for line in lines
    ), text
    # Words only: no record numbers, field names, e-mail addresses or other residents.
    assert not INTERNAL.search(text), text
    assert "@" not in text
    assert "Peter" not in text


def test_the_coordinator_reads_the_log_in_words_and_opens_a_list_read(
    page, live_url, personas, story, log_in, assert_accessible
):
    sandra, _match = story
    log_in(page, personas.coordinator)

    page.goto(
        f"{live_url}{reverse('audit:entry-list', kwargs={'bureau_slug': personas.bureau.slug})}"
    )
    assert_accessible(page)

    table = page.locator("main table.audit-log")
    rows = table.locator("tbody tr").all_inner_texts()
    assert any(
        "bewoner Sandra de Vries" in row and "toestemming voor matching" in row for row in rows
    )
    assert any("geboortedatum" in row and "woonplaats" in row for row in rows)
    # A list read says how many; the toggle shows which, linked to their files.
    toggle = table.locator("details.audit-shown").first
    assert toggle.locator("summary").inner_text() == "2 bewoners"
    toggle.locator("summary").click()
    detail = reverse(
        "residents:resident-detail", kwargs={"bureau_slug": personas.bureau.slug, "pk": sandra.pk}
    )
    assert toggle.locator(f"a[href='{detail}']").is_visible()
    assert_accessible(page)
