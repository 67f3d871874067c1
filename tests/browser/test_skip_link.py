"""The skip link "Naar de inhoud": the first thing Tab reaches, clearly visible when it has focus,
never over the logo, and readable (axe-core's colour-contrast check on the focused link).

It used to be blue on the dark green header (1.28:1) and on top of the logo, because the
Utrecht link styles were more specific than ours."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

pytestmark = pytest.mark.browser


def overlaps(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def focused_skip_link_contrast(page) -> dict:
    """axe-core's colour-contrast rule on the skip link alone, as it is now (focused)."""
    options = {
        "runOnly": {"type": "rule", "values": ["color-contrast"]},
        "resultTypes": ["violations", "passes", "incomplete"],
    }
    return Axe().run(page, context="a.skip-link", options=options).response


@pytest.mark.parametrize("width", [1280, 360], ids=["desktop", "phone"])
def test_the_focused_skip_link_is_visible_readable_and_not_over_the_logo(
    page, live_url, personas, log_in, assert_accessible, width
):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, personas.coordinator)  # a page with the bureau's name and the menu in the header
    page.goto(live_url + reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug}))
    assert_accessible(page)
    skip_link = page.locator("a.skip-link")
    assert skip_link.bounding_box()["y"] < 0  # out of sight until it has focus

    page.keyboard.press("Tab")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.inner_text() == "Naar de inhoud"
    box = skip_link.bounding_box()
    assert box["width"] > 0
    assert box["height"] > 0
    assert box["y"] >= 0
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
    assert not overlaps(box, page.locator(".site-header__logo").bounding_box())
    assert not overlaps(box, page.locator(".site-header").bounding_box())

    results = focused_skip_link_contrast(page)
    assert results["violations"] == []
    assert results["incomplete"] == []  # axe could tell the colours apart, not "needs review"
    assert [rule["id"] for rule in results["passes"]] == ["color-contrast"]
    colours = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('a.skip-link'));"
        " return [s.color, s.backgroundColor]; }"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 221, 0)"]  # black on yellow: 15:1

    # Enter goes to the content, and the link hides again.
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.evaluate("() => document.querySelector('.site-header').offsetTop") == 0


def test_the_skip_link_is_first_on_a_public_page_too(page, live_url, db, assert_accessible):
    page.goto(live_url + "/")
    assert_accessible(page)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    assert focused_skip_link_contrast(page)["violations"] == []
