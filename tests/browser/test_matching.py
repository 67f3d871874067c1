"""The matching journey in a real browser: a coordinator opens a piece of work, sees ranked
candidates with their reasons, proposes one; the resident accepts in their own view; the
coordinator marks the match started.

New strings are not in the Dutch catalogue yet, so the test finds things by structure, URLs,
names and values, never by Dutch wording of the matching pages' own texts.
"""

from django.urls import reverse

from buurtbaan.matching import cache
from buurtbaan.matching.models import Match
from tests.matching.conftest import AREAS, matchable, open_piece


def bureau_url(live_url, name, bureau, **kwargs):
    return live_url + reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


def switch_user(page, log_in, user):
    page.context.clear_cookies()
    log_in(page, user)


def test_a_coordinator_proposes_a_candidate_the_resident_accepts_and_the_work_starts(
    page, live_url, personas, log_in, assert_accessible
):
    from buurtbaan.matching.models import PostcodeArea

    cache.invalidate()
    bureau = personas.bureau
    PostcodeArea.objects.bulk_create(
        PostcodeArea(pc4=pc4, latitude=lat, longitude=lon) for pc4, lat, lon in AREAS
    )
    sandra = matchable(
        bureau,
        first_name="Sandra",
        last_name="Willems",
        talent_names=["organiseren", "verbinden"],
        dream="Iets in het theater",
        postcode="6828BC",
        wants="paid",
        account=True,
    )
    other = matchable(
        bureau, first_name="Kees", last_name="Verhoef", talent_names=["koken"], postcode="6826AB"
    )
    piece = open_piece(
        bureau,
        title="Conciërge theater",
        description="Beheer en schoonmaak van het theater",
        kind="basisbaan",
        talent_names=["organiseren"],
        hours_per_week=24,
        is_paid=True,
        postcode="6828BK",
    )

    # The coordinator opens the piece of work and goes to its candidates.
    log_in(page, personas.coordinator)
    page.goto(bureau_url(live_url, "work:piece-detail", bureau, pk=piece.pk))
    assert_accessible(page)
    candidates_url = reverse(
        "matching:piece-candidates", kwargs={"bureau_slug": bureau.slug, "pk": piece.pk}
    )
    page.locator(f"a[href='{candidates_url}']").click()
    page.wait_for_url(f"**{candidates_url}")
    assert_accessible(page)

    # Ranked candidates, best first, each with reasons in words.
    ranked = page.locator("ol.matching-candidates > li")
    assert ranked.count() == 2
    assert ranked.nth(0).get_attribute("data-resident") == str(sandra.pk)
    assert ranked.nth(1).get_attribute("data-resident") == str(other.pk)
    assert "Sandra Willems" in ranked.nth(0).locator("h3").inner_text()
    reasons = ranked.nth(0).locator(".matching-reasons li").all_inner_texts()
    assert any("organiseren" in reason for reason in reasons)
    assert any("theater" in reason for reason in reasons)

    # Propose Sandra.
    ranked.nth(0).locator("button[type=submit]").click()
    page.wait_for_url(f"**{candidates_url}")
    assert page.locator(".messages").count() == 1
    assert_accessible(page)
    match = Match.objects.get(resident=sandra, piece=piece)
    assert match.status == "proposed"
    assert page.locator("ol.matching-candidates > li").count() == 1  # Sandra moved on

    # Sandra sees the proposal in her own view and accepts it.
    switch_user(page, log_in, sandra.user)
    page.goto(bureau_url(live_url, "bureaus:dashboard", bureau))
    assert_accessible(page)
    mine = reverse("matching:my-proposals", kwargs={"bureau_slug": bureau.slug})
    page.locator(f"nav a[href='{mine}']").click()
    page.wait_for_url(f"**{mine}")
    assert_accessible(page)
    proposal = page.locator(f"[data-match='{match.pk}']")
    assert "Conciërge theater" in proposal.inner_text()
    assert "organiseren" in proposal.locator(".matching-reasons").inner_text()
    proposal.locator("a.button").click()
    page.wait_for_url(f"**/mijn-voorstellen/{match.pk}/")
    assert_accessible(page)
    page.fill("textarea[name=reason]", "Graag, ik ken het theater al.")
    page.locator("button[name=answer][value=accept]").click()
    page.wait_for_url(f"**{mine}")
    assert page.locator(".messages").count() == 1
    assert_accessible(page)
    match.refresh_from_db()
    assert match.accepted_at is not None
    assert match.status == "proposed"

    # The coordinator marks the match started.
    switch_user(page, log_in, personas.coordinator)
    page.goto(bureau_url(live_url, "matching:match-detail", bureau, pk=match.pk))
    assert_accessible(page)
    assert "Graag, ik ken het theater al." in page.locator(".matching-history").inner_text()
    page.select_option("select[name=step]", "start")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/koppelen/{match.pk}/")
    assert_accessible(page)
    assert page.locator(".matching-status--started").count() == 1
    match.refresh_from_db()
    assert match.status == "started"
    assert list(match.events.values_list("kind", "actor")) == [
        ("proposed", personas.coordinator.pk),
        ("accepted", sandra.user.pk),
        ("started", personas.coordinator.pk),
    ]
    history = page.locator(".matching-history > li")
    assert history.count() == 3
