"""A coordinator makes a quote for oma Jansen, sends it, records her yes, and finds the work it
became; the PDF to send her is a real PDF."""

from django.urls import reverse
from playwright.sync_api import expect

from buurtbaan.quotes.models import Quote
from tests.factories import OrganisationFactory, ResidentFactory


def _add_line(page, assert_accessible, **values):
    page.locator("[data-action=add-line]").click()
    page.wait_for_load_state()
    assert_accessible(page)
    for name, value in values.items():
        selector = f"[name={name}]"
        if page.locator(selector).evaluate("el => el.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_quote_is_made_sent_accepted_and_becomes_work(
    page, live_url, personas, log_in, assert_accessible
):
    ResidentFactory(
        bureau=personas.bureau, first_name="Riet", last_name="Jansen", postcode="6828EB"
    )
    de_vries = OrganisationFactory(bureau=personas.bureau, name="Aannemersbedrijf De Vries")
    log_in(page, personas.coordinator)

    page.goto(live_url + reverse("quotes:quote-list", kwargs={"bureau_slug": personas.bureau.slug}))
    assert_accessible(page)
    page.locator("a[href$='/offertes/nieuw/']").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.fill("[name=title]", "Zolder opruimen en isoleren")
    # The client is found by name (htmx swaps in the radio buttons as one types).
    assert page.locator("select[name=client_resident]").count() == 0
    page.locator("#id_client_resident_q").press_sequentially("jans", delay=30)
    expect(page.locator("#id_client_resident_results input[type=radio]")).to_have_count(1)
    assert_accessible(page)
    page.get_by_label("Riet Jansen").check()
    page.fill("[name=description]", "Alles geregeld, zonder gedoe.")
    page.locator("main form button[type=submit]:not([name])").click()
    page.wait_for_load_state()
    quote = Quote.objects.get()
    assert page.url == live_url + quote.get_absolute_url()
    assert quote.number in page.locator("h1").inner_text()
    assert_accessible(page)

    # The lines: two residents clear the attic for 6 hours each, De Vries insulates.
    _add_line(
        page,
        assert_accessible,
        kind="labour",
        description="Zolder opruimen met twee bewoners",
        quantity="12",
        unit_price="18,75",
        bureau_share_percent="20",
        people_needed="2",
    )
    assert_accessible(page)
    _add_line(
        page,
        assert_accessible,
        kind="third_party",
        description="Zolder isoleren",
        quantity="1",
        unit_price="1850",
        payee="third_party",
        payee_organisation=str(de_vries.pk),
        bureau_share_percent="5",
    )
    _add_line(
        page,
        assert_accessible,
        kind="materials",
        description="Isolatiemateriaal",
        quantity="26",
        unit_price="9,25",
        payee="third_party",
        bureau_share_percent="10",
    )
    lines = page.locator("table.quotes-lines tbody tr")
    assert lines.count() == 3
    # 225.00 + 1,850.00 + 240.50 = 2,315.50 excl. VAT; 21% VAT = 486.26; 2,801.76 incl.
    totals = page.locator("table.quotes-totals").first.inner_text()
    assert "2.315,50" in totals
    assert "486,26" in totals
    assert "2.801,76" in totals
    assert_accessible(page)

    # Send it: the lines are fixed now.
    page.locator("[data-action=send]").click()
    page.wait_for_load_state()
    assert page.locator("[data-action=add-line]").count() == 0
    assert_accessible(page)

    # The PDF to send to oma Jansen.
    pdf = page.request.get(live_url + page.locator("[data-action=pdf]").get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # She says yes: record the acceptance, and the lines become work.
    page.locator("[data-action=accept]").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.fill("[name=note]", "Ja, aan de balie")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert_accessible(page)
    quote.refresh_from_db()
    assert quote.status == "accepted"
    pieces = page.locator(".quotes-pieces a")
    assert pieces.count() == 2  # labour and De Vries; materials do not become work
    assert pieces.all_inner_texts() == ["Zolder opruimen met twee bewoners", "Zolder isoleren"]

    pieces.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Zolder opruimen met twee bewoners"
    assert_accessible(page)


def test_the_print_view_is_accessible(page, live_url, personas, log_in, assert_accessible):
    from tests.factories import QuoteFactory, QuoteLineFactory

    quote = QuoteFactory(bureau=personas.bureau)
    QuoteLineFactory(quote=quote)
    log_in(page, personas.coach)
    page.goto(
        live_url
        + reverse(
            "quotes:quote-print", kwargs={"bureau_slug": personas.bureau.slug, "pk": quote.pk}
        )
    )
    assert quote.number in page.locator("h1").inner_text()
    assert_accessible(page)


def test_impact_progress_for_a_coach_and_for_a_funder(
    page, live_url, personas, log_in, assert_accessible
):
    from decimal import Decimal

    from tests.factories import (
        ImpactAssignmentFactory,
        ImpactParticipantFactory,
        ImpactTargetFactory,
    )

    assignment = ImpactAssignmentFactory(bureau=personas.bureau)
    ImpactTargetFactory(
        assignment=assignment,
        bonus_amount=Decimal("5000"),
        bonus_threshold_percent=Decimal("80"),
    )
    for number in range(5):
        ImpactParticipantFactory(
            assignment=assignment,
            resident=ResidentFactory(bureau=personas.bureau, first_name=f"Geheimnaam{number}"),
            outcome="paid_work" if number < 4 else "none",
            outcome_on=assignment.starts_on if number < 4 else None,
        )
    detail = reverse(
        "impact:assignment-detail",
        kwargs={"bureau_slug": personas.bureau.slug, "pk": assignment.pk},
    )

    log_in(page, personas.coach)
    page.goto(live_url + detail)
    assert_accessible(page)
    assert page.locator("svg[role=img]").count() == 1
    page.locator(f"a[href$='/impactopdrachten/{assignment.pk}/deelnemers/']").click()
    page.wait_for_load_state()
    assert "Geheimnaam0" in page.locator("main").inner_text()
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, personas.funder)
    page.goto(live_url + detail)
    assert_accessible(page)
    assert "80%" in page.locator("main").inner_text()
    assert "Geheimnaam" not in page.content()
