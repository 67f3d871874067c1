"""Error pages (400, 403, 404, 500 and a failed CSRF check) with DEBUG off: in the site's layout,
in the visitor's language, and revealing nothing of the request or the error."""

import re

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from buurtbaan.core import views
from tests.core.error_urls import SECRET

pytestmark = pytest.mark.urls("tests.core.error_urls")

MISSING = "/b/spijkerkwartier/geheime-map-xyz/"

#: path, status, Dutch heading, English heading
PAGES = [
    (
        "/test-fout/400/",
        400,
        "Er klopte iets niet aan het verzoek",
        "Something in the request was not right",
    ),
    ("/test-fout/403/", 403, "Dit mag je niet doen", "You may not do this"),
    (MISSING, 404, "Pagina niet gevonden", "Page not found"),
    ("/test-fout/500/", 500, "Er ging bij ons iets mis", "Something went wrong on our side"),
]


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


@pytest.fixture
def client(db):
    return Client(raise_request_exception=False)


def assert_reveals_nothing(html: str) -> None:
    assert SECRET not in html
    # The address is only in the language switch (to come back to it in the other language).
    main = re.search(r"<main.*</main>", html, re.DOTALL).group(0)
    assert "geheime-map-xyz" not in main
    for technical in (
        "Traceback",
        "Error",
        "PermissionDenied",
        "Suspicious",
        "DEBUG",
        "Django",
        "CSRF",
        "token",
        "Reason",
    ):
        assert technical not in main


@pytest.mark.parametrize(("path", "status", "dutch", "english"), PAGES)
def test_each_error_page_is_in_the_layout_in_dutch_and_reveals_nothing(
    client, path, status, dutch, english
):
    response = client.get(path)
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{dutch}</h1>" in html
    assert f"<title>{dutch} · buurtbaan</title>" in html
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    assert 'href="/"' in html  # a way on
    assert_reveals_nothing(html)


@pytest.mark.parametrize(("path", "status", "dutch", "english"), PAGES)
def test_each_error_page_is_in_english_for_who_chose_english(
    client, settings, path, status, dutch, english
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(path)
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert f"<h1>{english}</h1>" in html
    assert_reveals_nothing(html)


def test_a_404_under_a_bureau_url_looks_the_same_for_members_and_outsiders(client, personas):
    outsider = client.get(MISSING).content.decode()
    client.force_login(personas.coordinator)
    member = client.get(MISSING)
    assert member.status_code == 404
    assert "Pagina niet gevonden" in member.content.decode()
    assert "Pagina niet gevonden" in outsider
    assert_reveals_nothing(member.content.decode())


def test_a_form_without_its_security_token_gets_the_csrf_page(db, settings):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.post("/test-fout/formulier/", {"name": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Je formulier kon niet worden verstuurd</h1>" in html
    assert 'class="site-header"' in html
    assert_reveals_nothing(html)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.post("/test-fout/formulier/", {"name": "x"}).content.decode()
    assert "<h1>Your form could not be sent</h1>" in english


def test_the_500_page_renders_without_the_database_or_context_processors(settings):
    """pytest-django refuses any query here: the page must not need the database, which may be
    what failed. Nor the request's user or session."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": ["tests.core.test_error_pages.no_context_processor"],
            },
        }
    ]
    request = RequestFactory().get("/iets/")  # no user, no session
    with translation.override("nl"):
        response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Er ging bij ons iets mis</h1>" in html
    assert "language-switch" not in html  # it would post without a token
    assert 'class="site-header"' in html


def no_context_processor(request):
    raise AssertionError("the 500 page ran a context processor")
