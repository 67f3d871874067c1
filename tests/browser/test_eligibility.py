"""Who may be proposed, in a real browser: the talent bank shows why a resident cannot be
proposed yet, a coordinator marks them ready on their file, and they then appear among the
candidates for a piece, with why it fits, points to watch and support as separate lists."""

from django.urls import reverse

from buurtbaan.matching import cache
from tests.factories import BarrierFactory
from tests.matching.conftest import AREAS, matchable, open_piece


def bureau_url(live_url, name, bureau, **kwargs):
    return live_url + reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


def test_a_coordinator_marks_a_resident_ready_and_finds_them_among_the_candidates(
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
        postcode="6828BC",
        wants="paid",
        is_ready_to_propose=False,
    )
    BarrierFactory(resident=sandra, support_needed="Uitleg over bijverdienen")
    piece = open_piece(
        bureau,
        title="Plantsoen onderhouden",
        kind="groepswerk",
        people_needed=2,
        talent_names=["organiseren", "tuinieren"],
        hours_per_week=4,
        is_paid=False,
        postcode="6828BK",
    )
    candidates = bureau_url(live_url, "matching:piece-candidates", bureau, pk=piece.pk)

    log_in(page, personas.coordinator)
    # Not a candidate yet: no intake, and no coach marked her ready.
    page.goto(candidates)
    assert page.locator(f"[data-resident='{sandra.pk}']").count() == 0

    # The talent bank says why.
    page.goto(bureau_url(live_url, "residents:resident-list", bureau))
    assert_accessible(page)
    row = page.locator("tbody tr", has_text="Sandra Willems")
    assert row.locator("[data-not-proposable='no_intake']").count() == 1

    # Her file says it too, and has the button to mark her ready.
    row.locator("a").first.click()
    page.wait_for_url("**/bewoners/*/")
    assert_accessible(page)
    assert page.locator("#proposable ~ ul [data-code='no_intake']").count() == 1
    mark = reverse(
        "residents:resident-mark-ready", kwargs={"bureau_slug": bureau.slug, "pk": sandra.pk}
    )
    page.locator(f"form[action='{mark}'] button[type=submit]").click()
    page.wait_for_url("**/bewoners/*/")
    assert page.locator(".messages").count() == 1
    assert page.locator("#proposable ~ ul [data-code]").count() == 0
    assert_accessible(page)

    # Now she is a candidate, with three separate lists.
    page.goto(candidates)
    assert_accessible(page)
    card = page.locator(f"[data-resident='{sandra.pk}']")
    assert card.count() == 1
    helpful = card.locator(".matching-why--helpful li").all_inner_texts()
    to_watch = card.locator(".matching-why--watch li").all_inner_texts()
    support = card.locator(".matching-support li").all_inner_texts()
    assert any("organiseren" in reason for reason in helpful)
    assert any("tuinieren" in reason for reason in to_watch)
    assert support == ["Uitleg over bijverdienen"]
    # "Would rather have paid work" is a point to watch for voluntary work, never a reason.
    assert len(to_watch) == 2
    assert not any(reason in to_watch for reason in helpful)
