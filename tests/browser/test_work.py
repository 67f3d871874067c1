"""The work bank journey: a coordinator records a purpose, breaks it into pieces and walks a
piece through the subsidiarity questions to a chosen level. Every page is checked with axe."""

import pytest
from django.urls import reverse

from buurtbaan.organisations.models import ScaleLevel
from buurtbaan.work.models import PieceOfWork, Purpose
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.browser


def test_a_purpose_is_broken_into_pieces_that_go_through_the_subsidiarity_questions(
    page, live_url, personas, log_in, assert_accessible
):
    OrganisationFactory(
        bureau=personas.bureau,
        name="BuurtGroenBedrijf",
        kind="social_enterprise",
        scale_level=ScaleLevel.SOCIAL_ENTERPRISE,
        offers="Snoeien, planten en groenonderhoud",
    )
    log_in(page, personas.coordinator)
    page.goto(live_url + reverse("work:purpose-list", kwargs={"bureau_slug": personas.bureau.slug}))
    assert_accessible(page)

    # The purpose.
    page.locator("main a[href$='/werk/bedoelingen/nieuw/']").click()
    assert_accessible(page)
    page.fill("#id_title", "Het plantsoen klimaatbestendig")
    page.fill("#id_target", "Na een droge zomer hoeft er niets opnieuw geplant te worden")
    page.check("input[name=asked_by_kind][value=bureau]")
    page.locator("main form button[type=submit]:not([name])").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Het plantsoen klimaatbestendig"
    purpose = Purpose.objects.get(title="Het plantsoen klimaatbestendig")
    assert_accessible(page)

    # A first piece of 40 hours, added from the purpose.
    page.locator(f"a[href$='?bedoeling={purpose.pk}']").click()
    page.fill("#id_title", "Plantsoen onderhouden")
    page.select_option("#id_kind", "groepswerk")
    page.fill("#id_people_needed", "4")
    page.fill("#id_hours_total", "40")
    page.check("input[name=asked_by_kind][value=bureau]")
    assert_accessible(page)
    page.locator("main form button[type=submit]:not([name])").click()
    page.wait_for_load_state()
    piece = PieceOfWork.objects.get(title="Plantsoen onderhouden")
    assert piece.purpose == purpose
    assert_accessible(page)

    # Split it into two parts.
    page.goto(
        live_url
        + reverse("work:piece-split", kwargs={"bureau_slug": personas.bureau.slug, "pk": piece.pk})
    )
    assert_accessible(page)
    page.fill("#id_parts-0-title", "Snoeien en vegen")
    page.fill("#id_parts-0-hours_total", "30")
    page.fill("#id_parts-1-title", "Kastanjes planten")
    page.fill("#id_parts-1-hours_total", "10")
    page.locator("main form button[type=submit]:not([name])").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Het plantsoen klimaatbestendig"
    tree = page.locator("main ul.work-tree")
    assert tree.first.inner_text().index("Plantsoen onderhouden") < tree.first.inner_text().index(
        "Snoeien en vegen"
    )
    assert (
        page.locator("ul.work-tree ul.work-tree li").count() == 2
    )  # the parts sit inside the piece
    assert_accessible(page)

    # Walk "Snoeien en vegen" through the questions: no, partly, yes at the social enterprise.
    part = PieceOfWork.objects.get(title="Snoeien en vegen")
    page.locator(f"a[href$='/klussen/{part.pk}/schaalniveau/']").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert "BuurtGroenBedrijf" in page.locator(".work-suggestion").inner_text()

    page.check("input[name=answer][value=no]")
    page.fill("#id_note", "Bewoners kunnen dit niet alleen volhouden")
    page.locator("#assistant li[aria-current=step] button[type=submit]").click()
    page.wait_for_selector("#assistant li[aria-current=step] >> text=2.")
    assert_accessible(page)

    page.check("input[name=answer][value=partly]")
    page.fill("#id_note", "Buren helpen bij het vegen")
    page.locator("#assistant li[aria-current=step] button[type=submit]").click()
    page.wait_for_selector("#assistant li[aria-current=step] >> text=3.")

    # A yes without a reason is refused, and says how to fix it.
    page.check("input[name=answer][value=yes]")
    page.locator("#assistant li[aria-current=step] button[type=submit]").click()
    page.wait_for_selector("#id_note_error")
    assert_accessible(page)
    page.check("input[name=answer][value=yes]")
    page.fill("#id_note", "Het BuurtGroenBedrijf doet het onderhoud met bewoners")
    page.select_option("#id_organisation", label="BuurtGroenBedrijf")
    page.locator("#assistant li[aria-current=step] button[type=submit]").click()
    page.wait_for_selector(".work-result")
    assert_accessible(page)

    part.refresh_from_db()
    assert part.scale_level == ScaleLevel.SOCIAL_ENTERPRISE
    assert part.carried_by_organisation.name == "BuurtGroenBedrijf"
    assert part.scale_level_reason == "Het BuurtGroenBedrijf doet het onderhoud met bewoners"
    assert [a.answer for a in part.subsidiarity_answers.order_by("question")] == [
        "no",
        "partly",
        "yes",
    ]

    # The capability factor now shows the 30 placed hours at level 3.
    page.goto(live_url + reverse("work:capability", kwargs={"bureau_slug": personas.bureau.slug}))
    assert "100%" in page.locator("main table").inner_text()
    assert_accessible(page)
