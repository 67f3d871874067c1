"""Journeys in the employer pool and the talent bank search, in a real browser.

New strings are not in the Dutch catalogue yet, so the tests find things by structure, URLs,
names and values they typed, never by the pool's own wording.
"""

from django.urls import reverse

from buurtbaan.pool.models import IntroductionRequest, IntroductionStatus
from buurtbaan.residents.models import ConsentScope
from buurtbaan.talentsearch.actions import reindex_resident
from tests.factories import ConsentFactory, DreamFactory, ResidentFactory


def bureau_url(live_url, name, bureau, **kwargs):
    return live_url + reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


def switch_user(page, log_in, user):
    page.context.clear_cookies()
    log_in(page, user)


def resident(bureau, first_name, last_name, dream, *, in_pool=True):
    person = ResidentFactory(
        bureau=bureau, first_name=first_name, last_name=last_name, email="", phone=""
    )
    DreamFactory(resident=person, description=dream)
    if in_pool:
        ConsentFactory(resident=person, scope=ConsentScope.PARTNERS)
    reindex_resident(person)
    return person


def test_a_partner_asks_to_meet_someone_and_the_bureau_accepts(
    page, live_url, personas, log_in, assert_accessible
):
    bureau = personas.bureau
    sandra = resident(bureau, "Sandra", "Willems", "Conciërge in het theater")
    resident(bureau, "Jorge", "Martinez", "Elke dag wandelen")
    resident(bureau, "Nicolai", "Petrović", "Werken in het theater", in_pool=False)

    # The partner searches the pool; the results update while typing.
    log_in(page, personas.partner)
    page.goto(bureau_url(live_url, "pool:profile-list", bureau))
    assert_accessible(page)
    assert page.locator(".search-results > li").count() == 2
    page.fill("input[name=text]", "theater")
    page.wait_for_url("**/werkgeverspool/?text=theater**")
    page.wait_for_function("document.querySelectorAll('.search-results > li').length === 1")
    assert page.locator(".search-results mark").inner_text() == "theater"
    assert "Willems" not in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Sandra W.").click()
    page.wait_for_url(f"**/werkgeverspool/{sandra.pk}/")
    assert_accessible(page)
    page.locator(f"a[href$='/werkgeverspool/{sandra.pk}/kennismaken/']").click()
    page.wait_for_url(f"**/werkgeverspool/{sandra.pk}/kennismaken/")
    assert_accessible(page)
    page.fill("textarea[name=message]", "Wij zoeken een conciërge voor 24 uur per week.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/kennismakingen/mijn/")
    assert_accessible(page)
    assert page.locator(".introduction-status--new").count() == 1
    introduction = IntroductionRequest.objects.get(resident=sandra)

    # A coordinator finds it in the inbox and accepts it.
    switch_user(page, log_in, personas.coordinator)
    page.goto(bureau_url(live_url, "pool:introduction-inbox", bureau))
    assert_accessible(page)
    detail = reverse(
        "pool:introduction-detail", kwargs={"bureau_slug": bureau.slug, "pk": introduction.pk}
    )
    page.locator(f"a[href='{detail}']").click()
    page.wait_for_url(f"**{detail}")
    assert_accessible(page)
    assert "Wij zoeken een conciërge" in page.locator("main").inner_text()
    page.check("input[name=decision][value=accept]")
    page.fill("textarea[name=reply]", "We komen met de wijkexcursie langs.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{detail}")
    assert_accessible(page)
    assert page.locator(".introduction-status--accepted").count() == 1
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED

    # The partner sees the answer, and still no contact details.
    switch_user(page, log_in, personas.partner)
    page.goto(bureau_url(live_url, "pool:introduction-mine", bureau))
    assert_accessible(page)
    assert page.locator(".introduction-status--accepted").count() == 1
    assert "We komen met de wijkexcursie langs." in page.locator("table").inner_text()
    assert "Willems" not in page.content()


def test_a_coach_searches_the_talent_bank_as_they_type(
    page, live_url, personas, log_in, assert_accessible
):
    bureau = personas.bureau
    ali = resident(bureau, "Ali", "Bewoner", "Ik wil fietsen repareren", in_pool=False)
    resident(bureau, "Bo", "Bewoner", "Koken voor de buurt", in_pool=False)

    log_in(page, personas.coach)
    page.goto(bureau_url(live_url, "residents:resident-search", bureau))
    assert_accessible(page)
    assert page.locator(".search-results > li").count() == 2
    page.fill("input[name=text]", "repareren")
    page.wait_for_url("**/talentenbank/zoeken/?text=repareren**")
    page.wait_for_function("document.querySelectorAll('.search-results > li').length === 1")
    assert page.locator(".search-results mark").inner_text() == "repareren"
    assert_accessible(page)
    page.get_by_role("link", name=str(ali)).click()
    page.wait_for_url(f"**/bewoners/{ali.pk}/")
    assert_accessible(page)
