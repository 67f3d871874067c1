"""A visitor who lands on an error page sees the site, in Dutch, with a way on, and the page
passes axe-core like every other page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.core.error_urls")]


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/b/nergens/bestaat-niet/", 404, "Pagina niet gevonden"),
        ("/test-fout/500/", 500, "Er ging bij ons iets mis"),
    ],
)
def test_an_error_page_is_the_site_in_dutch_with_a_way_on(
    page, live_url, db, assert_accessible, path, status, heading
):
    response = page.goto(live_url + path)
    assert response.status == status
    assert_accessible(page)
    assert page.locator("h1").inner_text() == heading
    assert page.locator(".site-header").is_visible()
    assert "Traceback" not in page.content()
    page.locator("main a[href='/']").click()
    page.wait_for_load_state()
    assert page.url == live_url + "/"
    assert_accessible(page)
