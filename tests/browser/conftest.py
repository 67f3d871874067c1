"""Browser tests: a real headless Chromium (Debian's package) driven by Playwright, against
pytest-django's live server. Every page a test visits is checked with axe-core: a passing test
that loaded a page without calling `assert_accessible(page)` on it fails at teardown.

Chromium comes from the operating system (`apt-get install chromium`); Playwright never downloads
a browser here. Without Chromium the browser tests are skipped locally, but fail under CI.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the tests still use the ORM
# synchronously (factories), which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",  # the machine has no internet: don't call out
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR).parent.parent / "test-results"
PASSWORD = "geheim-wachtwoord-42"  # the factories' password
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_url(live_server):
    return live_server.url


@pytest.fixture
def page(browser, live_url, request):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.live_url = live_url
    loaded, page.checked_paths = set(), set()
    page.on("load", lambda loaded_page: loaded.add(urlsplit(loaded_page.url).path))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    if report is not None and report.passed:
        unchecked = loaded - page.checked_paths
        assert not unchecked, f"pages visited without assert_accessible(page): {sorted(unchecked)}"


@pytest.fixture
def log_in(live_url, assert_accessible):
    """`log_in(page, user)`: log in through the login form, as a person would."""

    def _log_in(page, user, password=PASSWORD):
        page.goto(f"{live_url}/inloggen/")
        assert_accessible(page)
        page.fill("input[name=username]", user.email)
        page.fill("input[name=password]", password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert_accessible(page)

    return _log_in


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


@pytest.fixture
def assert_accessible():
    """`assert_accessible(page)`: no serious or critical axe-core violation on the page."""

    def _assert(page):
        page.checked_paths.add(urlsplit(page.url).path)
        violations = axe_violations(page)
        summary = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in violations
        )
        assert not violations, f"accessibility violations on {page.url}:\n{summary}"

    return _assert
