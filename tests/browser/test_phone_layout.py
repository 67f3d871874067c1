"""On a phone: the talent bank's buttons keep a gap when they wrap, and a table that scrolls
sideways can be scrolled with the keyboard (its wrapper takes focus)."""

import pytest
from django.urls import reverse

from tests.factories import ResidentFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
MIN_GAP = 4  # pixels between two buttons, across and down


def _apart(a, b) -> bool:
    """Whether two boxes are at least MIN_GAP apart, side by side or one above the other."""
    return (
        a["x"] + a["width"] + MIN_GAP <= b["x"]
        or b["x"] + b["width"] + MIN_GAP <= a["x"]
        or a["y"] + a["height"] + MIN_GAP <= b["y"]
        or b["y"] + b["height"] + MIN_GAP <= a["y"]
    )


def test_talent_bank_buttons_do_not_touch_on_a_phone(
    page, live_url, personas, log_in, assert_accessible
):
    for n in range(3):
        ResidentFactory(bureau=personas.bureau, first_name=f"Bewoner{n}")
    page.set_viewport_size(PHONE)
    log_in(page, personas.coach)
    page.goto(
        live_url + reverse("residents:resident-list", kwargs={"bureau_slug": personas.bureau.slug})
    )
    assert_accessible(page)
    boxes = [b.bounding_box() for b in page.locator(".page-heading .button").all()]
    assert len(boxes) == 3
    # On a phone they wrap onto more than one line, and still do not touch.
    assert len({round(box["y"]) for box in boxes}) > 1
    touching = [(i, j) for i in range(3) for j in range(i + 1, 3) if not _apart(boxes[i], boxes[j])]
    assert touching == []

    # The table is wider than the phone: its wrapper is focusable, so arrow keys scroll it.
    wrapper = page.locator("#resident-table .table-wrapper")
    assert wrapper.evaluate("w => w.scrollWidth > w.clientWidth")
    assert wrapper.get_attribute("tabindex") == "0"
    assert wrapper.get_attribute("role") == "region"
    assert wrapper.get_attribute("aria-label")
    wrapper.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert wrapper.evaluate("w => w.scrollLeft") > 0
    assert_accessible(page)


def test_a_table_that_fits_adds_no_tab_stop(page, live_url, personas, log_in, assert_accessible):
    ResidentFactory(bureau=personas.bureau, first_name="Bewoner")
    log_in(page, personas.coach)
    page.goto(
        live_url + reverse("residents:resident-list", kwargs={"bureau_slug": personas.bureau.slug})
    )
    assert_accessible(page)
    wrapper = page.locator("#resident-table .table-wrapper")
    if wrapper.evaluate("w => w.scrollWidth > w.clientWidth"):
        pytest.skip("the table does not fit at this width")
    assert wrapper.get_attribute("tabindex") is None
