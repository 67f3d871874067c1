"""Journeys on the bulletin board (prikbord) and Buurtmaatjes help requests, in a real browser.

New strings are not in the Dutch catalogue yet, so the tests find things by structure, names and
values they typed, never by Dutch wording of the board's own texts.
"""

from django.urls import reverse

from buurtbaan.board.models import BoardItem, HelpRequest, Response
from buurtbaan.bureaus.models import Role
from buurtbaan.organisations.models import OrganisationKind, ScaleLevel
from tests.factories import (
    BoardItemFactory,
    MembershipFactory,
    OrganisationFactory,
    ResidentFactory,
)


def bureau_url(live_url, name, bureau, **kwargs):
    return live_url + reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


def switch_user(page, log_in, user):
    page.context.clear_cookies()
    log_in(page, user)


def test_a_partners_vacancy_is_published_and_a_resident_answers_it_in_one_click(
    page, live_url, personas, log_in, assert_accessible
):
    bureau = personas.bureau
    resident = ResidentFactory(bureau=bureau, user=personas.resident, first_name="Jorge")

    # The partner posts a vacancy for their own organisation.
    log_in(page, personas.partner)
    page.goto(bureau_url(live_url, "board:post-create", bureau))
    assert_accessible(page)
    page.check("input[name=kind][value=vacancy]")
    page.fill("input[name=title]", "Kassamedewerker theater")
    page.fill("textarea[name=summary]", "Vrijdag- en zaterdagavond aan de kassa.")
    page.fill("input[name=area]", "6828")
    page.fill("input[name=hours_per_week]", "8")
    page.check("input[name=pay_kind][value=hourly_wage]")
    page.fill("input[name=pay_amount]", "13,50")
    page.locator("main form button[type=submit]").click()
    # They land on their post's own page, which says it waits for approval.
    page.wait_for_url("**/mijn-berichten/*/")
    assert_accessible(page)
    assert "Kassamedewerker theater" in page.locator("h1").inner_text()
    assert page.locator(".board-status--submitted").count() == 1
    item = BoardItem.objects.get(title="Kassamedewerker theater")

    # The coordinator finds it in the moderation queue and publishes it.
    switch_user(page, log_in, personas.coordinator)
    page.goto(bureau_url(live_url, "board:item-queue", bureau))
    assert_accessible(page)
    page.get_by_role("link", name="Kassamedewerker theater").click()
    page.wait_for_url(f"**/beheer/{item.pk}/")
    assert_accessible(page)
    publish = reverse("board:item-publish", kwargs={"bureau_slug": bureau.slug, "pk": item.pk})
    page.locator(f"form[action='{publish}'] button").click()
    page.wait_for_load_state()
    assert page.locator(".board-status--published").count() == 1
    assert_accessible(page)

    # The partner opens their post from "my posts" and sees it is on the board now.
    switch_user(page, log_in, personas.partner)
    page.goto(bureau_url(live_url, "board:post-list", bureau))
    page.get_by_role("link", name="Kassamedewerker theater").click()
    page.wait_for_url(f"**/mijn-berichten/{item.pk}/")
    assert page.locator(".board-status--published").count() == 1
    assert_accessible(page)

    # A resident logged in finds it on the board and responds with one click.
    switch_user(page, log_in, personas.resident)
    page.goto(bureau_url(live_url, "board:item-list", bureau))
    assert_accessible(page)
    page.get_by_role("link", name="Kassamedewerker theater").click()
    page.wait_for_url(f"**/prikbord/{item.pk}/")
    assert_accessible(page)
    assert page.locator("#respond input[name=name]").count() == 0  # no form to fill in
    page.locator("#respond form button[type=submit]").click()
    page.wait_for_url(f"**/prikbord/{item.pk}/")
    assert page.locator(".messages").count() == 1
    assert page.locator("#respond form").count() == 0  # cannot respond twice
    assert_accessible(page)
    assert Response.objects.get(item=item).resident == resident

    # The coordinator sees the response.
    switch_user(page, log_in, personas.coordinator)
    page.goto(bureau_url(live_url, "board:response-list", bureau, pk=item.pk))
    assert_accessible(page)
    assert "Jorge" in page.locator(".board-response h2").inner_text()


def test_an_anonymous_visitor_answers_through_the_short_form(
    page, live_url, personas, assert_accessible
):
    bureau = personas.bureau
    item = BoardItemFactory(bureau=bureau, title="Hond uitlaten", kind="buurtklus")
    BoardItemFactory(bureau=bureau, title="Conciërge theater", kind="vacancy")

    page.goto(bureau_url(live_url, "board:item-list", bureau))
    assert_accessible(page)
    assert page.locator(".board-card").count() == 2
    page.select_option("select[name=kind]", "buurtklus")  # htmx filters in place
    page.wait_for_url("**/prikbord/?kind=buurtklus**")
    page.wait_for_function("document.querySelectorAll('.board-card').length === 1")
    assert_accessible(page)
    page.get_by_role("link", name="Hond uitlaten").click()
    page.wait_for_url(f"**/prikbord/{item.pk}/")
    assert_accessible(page)

    # One mistake first: no e-mail address and no phone number.
    page.fill("input[name=name]", "Ans de Boer")
    page.fill("textarea[name=message]", "Ik kan op maandag en woensdag.")
    page.locator("#respond form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".form-errors").is_visible()
    assert page.locator("#id_email_error").is_visible()
    assert page.input_value("input[name=name]") == "Ans de Boer"
    assert page.input_value("textarea[name=message]") == "Ik kan op maandag en woensdag."
    assert page.locator("input[name=email]").get_attribute("aria-invalid") == "true"
    assert not Response.objects.exists()
    assert_accessible(page)

    page.fill("input[name=email]", "ans@buurtbaan.example")
    page.locator("#respond form button[type=submit]").click()
    page.wait_for_url(f"**/prikbord/{item.pk}/#main")
    assert page.locator(".messages").count() == 1
    assert_accessible(page)
    response = Response.objects.get(item=item)
    assert (response.name, response.email) == ("Ans de Boer", "ans@buurtbaan.example")


def test_a_welfare_partner_submits_a_help_request_that_becomes_work(
    page, live_url, personas, log_in, assert_accessible
):
    bureau = personas.bureau
    wijkteam = OrganisationFactory(
        bureau=bureau,
        name="Sociaal Wijkteam",
        kind=OrganisationKind.WELFARE,
        scale_level=ScaleLevel.PUBLIC_SERVICE,
    )
    partner = MembershipFactory(bureau=bureau, role=Role.PARTNER, organisation=wijkteam).user

    log_in(page, partner)
    page.goto(bureau_url(live_url, "board:helprequest-create", bureau))
    assert_accessible(page)
    page.check("input[name=help_kind][value=moving]")
    page.fill("textarea[name=description]", "Helpen met inpakken en dozen sjouwen.")
    page.fill("input[name=person_description]", "Een vrouw van 67")
    page.fill("input[name=postcode]", "6828 ce")
    page.fill("input[name=when]", "Twee zaterdagen in juni")
    page.check("input[name=has_consent]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/mijn-hulpvragen/")
    assert_accessible(page)
    assert "Een vrouw van 67" in page.locator("table").inner_text()
    assert page.locator(".board-status--received").count() == 1
    request = HelpRequest.objects.get()

    # The coordinator turns it into a piece of work.
    switch_user(page, log_in, personas.coordinator)
    page.goto(bureau_url(live_url, "board:helprequest-inbox", bureau))
    assert_accessible(page)
    detail = reverse(
        "board:helprequest-detail", kwargs={"bureau_slug": bureau.slug, "pk": request.pk}
    )
    page.locator(f"a[href='{detail}']").click()
    page.wait_for_url(f"**/buurtmaatjes/{request.pk}/")
    assert_accessible(page)
    make_piece = reverse(
        "board:helprequest-piece", kwargs={"bureau_slug": bureau.slug, "pk": request.pk}
    )
    page.locator(f"a[href='{make_piece}']").click()
    page.wait_for_url("**/klus-maken/")
    assert_accessible(page)
    page.fill("input[name=title]", "Buurtmaatje: helpen bij een verhuizing")
    page.fill("input[name=people_needed]", "2")
    page.fill("input[name=hours_total]", "10")
    page.locator("main form button[type=submit]:not([name])").click()
    page.wait_for_url("**/prikbord/beheer/nieuw/?klus=*")
    assert_accessible(page)
    request.refresh_from_db()
    assert request.piece is not None
    assert request.status == "piece_created"
    assert page.input_value("select[name=piece]") == str(request.piece_id)

    # The partner sees the new status.
    switch_user(page, log_in, partner)
    page.goto(bureau_url(live_url, "board:helprequest-mine", bureau))
    assert_accessible(page)
    assert page.locator(".board-status--piece_created").count() == 1
