"""Reviewing a matching round in a real browser: the coordinator runs a round, reads why each pair
fits, leaves one pair out, and confirms the rest; the proposals made are exactly the rest."""

from django.urls import reverse

from buurtbaan.matching import cache
from buurtbaan.matching.models import Match, MatchingRound
from tests.matching.conftest import AREAS, matchable, open_piece


def test_a_coordinator_drops_one_pair_from_a_round_and_confirms_the_rest(
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
        talent_names=["organiseren"],
        dream="Iets in het theater",
        postcode="6828BC",
        wants="paid",
    )
    kees = matchable(
        bureau, first_name="Kees", last_name="Verhoef", talent_names=["koken"], postcode="6826AB"
    )
    theatre = open_piece(
        bureau,
        title="Conciërge theater",
        talent_names=["organiseren"],
        hours_per_week=24,
        is_paid=True,
        postcode="6828BK",
    )
    kitchen = open_piece(
        bureau, title="Koken in het buurthuis", talent_names=["koken"], postcode="6826AB"
    )

    # The coordinator runs a round from the list of rounds.
    log_in(page, personas.coordinator)
    page.goto(live_url + reverse("matching:round-list", kwargs={"bureau_slug": bureau.slug}))
    assert_accessible(page)
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()
    matching_round = MatchingRound.objects.get()
    assert page.url.endswith(matching_round.get_absolute_url())
    assert_accessible(page)
    assert {(row[0], row[1]) for row in matching_round.assignments} == {
        (sandra.pk, theatre.pk),
        (kees.pk, kitchen.pk),
    }

    # The page says it in words, with each pair's reasons; the solver's figures are folded away.
    assert "Matchingronde van" in page.title()
    assert f"#{matching_round.pk}" not in page.title()
    assert page.locator("[data-round-summary] li").count() >= 3
    assert not page.locator("details.matching-details").evaluate("d => d.open")
    sandra_row = page.locator(f"tr[data-pair='{sandra.pk}-{theatre.pk}']")
    assert "organiseren" in sandra_row.locator(".matching-reasons").inner_text()

    # Kees's pair: open it and leave it out.
    kees_row = page.locator(f"tr[data-pair='{kees.pk}-{kitchen.pk}']")
    kees_row.locator("a").last.click()
    pair_url = reverse(
        "matching:round-pair",
        kwargs={
            "bureau_slug": bureau.slug,
            "pk": matching_round.pk,
            "resident": kees.pk,
            "piece": kitchen.pk,
        },
    )
    page.wait_for_url(f"**{pair_url}")
    assert_accessible(page)
    page.locator("button[name=decision][value=drop]").click()
    page.wait_for_url(f"**{matching_round.get_absolute_url()}")
    assert_accessible(page)
    matching_round.refresh_from_db()
    assert {(row[0], row[1]) for row in matching_round.assignments} == {(sandra.pk, theatre.pk)}
    assert page.locator(f"tr[data-pair='{kees.pk}-{kitchen.pk}']").count() == 0
    assert "Weggelaten" in page.locator("main").inner_text()

    # Confirm the rest: only Sandra is proposed.
    page.locator("button[name=decision][value=confirm]").click()
    page.wait_for_load_state()
    assert_accessible(page)
    proposed = set(Match.objects.values_list("resident_id", "piece_id", "source"))
    assert proposed == {(sandra.pk, theatre.pk, "round")}
    matching_round.refresh_from_db()
    assert matching_round.status == "confirmed"
