"""The access crawl: every demo account of both demo bureaus fetches everything it can reach —
pages, files (PDFs, print views, exports, photos, example files), htmx fragments and JSON
answers — and the other bureau's real ids in paths and query strings, and never gets a server
error or a word of the other bureau's data. See `tests/crawler.py` for what is checked.

The registered URLs (`tests/bureau_urls.py`) seed the crawl, so every kind of page is visited
even when no link leads to it. The demo is loaded once for all accounts (loading takes seconds).
The last tests break one view on purpose each and prove that the crawl then fails, so a green
run means something.
"""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.http import HttpResponse, JsonResponse
from django.urls import get_resolver, reverse

from buurtbaan.accounts.models import User
from buurtbaan.bureaus.models import Bureau
from buurtbaan.residents.models import Resident
from tests.bureau_urls import OBJECT_URLS, ROLE_MATRIX, ROLES
from tests.crawler import Crawler, Visit, markers_of

pytestmark = pytest.mark.django_db

MAIN, SECOND = "spijkerkwartier", "klarendal"

# Demo account -> (bureau, the role's column in ROLE_MATRIX).
ACCOUNTS = {
    "coordinator@buurtbaan.example": (MAIN, "coordinator"),
    "coach@buurtbaan.example": (MAIN, "coach"),
    "partner@buurtbaan.example": (MAIN, "partner"),
    "wijkteam@buurtbaan.example": (MAIN, "partner"),
    "sandra@buurtbaan.example": (MAIN, "resident"),
    "funder@buurtbaan.example": (MAIN, "funder"),
    "klarendal@buurtbaan.example": (SECOND, "coordinator"),
}
COORDINATORS = {MAIN: "coordinator@buurtbaan.example", SECOND: "klarendal@buurtbaan.example"}


@pytest.fixture
def demo(client):
    call_command("load_demo", stdout=io.StringIO())
    bureaus = {slug: Bureau.objects.get(slug=slug) for slug in (MAIN, SECOND)}
    markers = {slug: markers_of(bureau) for slug, bureau in bureaus.items()}
    return SimpleNamespace(bureaus=bureaus, markers=markers, client=client)


def other_than(slug):
    return SECOND if slug == MAIN else MAIN


def registered_urls(bureau, names=None) -> list[str]:
    """Every registered bureau URL, with a real object of `bureau` where it takes one."""
    urls = []
    for name, builder in sorted(OBJECT_URLS.items()):
        if names is None or name in names:
            kwargs = {"bureau_slug": bureau.slug, **builder(bureau)}
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def found_by_coordinator(demo, slug) -> list[Visit]:
    """What a bureau's coordinator finds by crawling their own bureau: its real ids, in paths
    and in the query strings of its filters, for the other bureau's members to try."""
    demo.client.force_login(User.objects.get(email=COORDINATORS[slug]))
    crawler = Crawler(demo.client, bureau_slug=slug, markers=[], per_name=2)
    crawler.crawl(registered_urls(demo.bureaus[slug]))
    demo.client.logout()
    return crawler.result.visits


def crawl_as(demo, email, *, foreign, seeds=None):
    slug, _role = ACCOUNTS[email]
    other = other_than(slug)
    demo.client.force_login(User.objects.get(email=email))
    markers = demo.markers[other] - demo.markers[slug]
    assert len(markers) > 20, "the other bureau's data must give the crawl something to look for"
    crawler = Crawler(demo.client, bureau_slug=slug, markers=markers, per_name=2)
    if seeds is None:
        seeds = [reverse("bureaus:dashboard", kwargs={"bureau_slug": slug})]
        seeds += registered_urls(demo.bureaus[slug])
    crawler.crawl(seeds)
    crawler.check_foreign_ids(foreign)
    crawler.check_foreign_queries(foreign)
    demo.client.logout()
    return crawler.result


def test_no_demo_account_reaches_the_other_bureau(demo):
    foreign = {slug: found_by_coordinator(demo, other_than(slug)) for slug in (MAIN, SECOND)}
    problems, unreached, kinds = [], {}, {}
    for email, (slug, role) in ACCOUNTS.items():
        result = crawl_as(demo, email, foreign=foreign[slug])
        problems += [f"{email}: {problem}" for problem in result.problems]
        # The crawl reached every page the role may read, so it is not green by seeing little.
        may_read = {name for name, row in ROLE_MATRIX.items() if row[ROLES.index(role)] == 200}
        if missing := may_read - result.fetched_with(200):
            unreached[email] = sorted(missing)
        kinds[email] = result.kinds_of_answer

    assert problems == []
    assert unreached == {}
    coordinator = kinds["coordinator@buurtbaan.example"]
    assert coordinator["text/html"] > 100
    assert coordinator["application/pdf"] >= 1  # quotes
    assert coordinator["text/csv"] >= 1  # the import's example file
    resident = kinds["sandra@buurtbaan.example"]
    assert {"application/json", "application/pdf"} <= set(resident)  # her own data


# The crawl must fail when a view is broken. Each case breaks one view on purpose and crawls
# from that view's registered URL (a full crawl would find the same, only slower).


def _break_view(monkeypatch, name, replacement):
    namespace, _, url_name = name.rpartition(":")
    patterns = get_resolver().namespace_dict[namespace][1].url_patterns
    pattern = next(p for p in patterns if getattr(p, "name", None) == url_name)
    monkeypatch.setattr(pattern, "callback", replacement)


def _crawl_broken(demo, email, name):
    slug, _role = ACCOUNTS[email]
    foreign = [v for v in found_by_coordinator(demo, other_than(slug)) if v.name == name]
    assert foreign, f"the other bureau's coordinator found no {name}"
    seeds = registered_urls(demo.bureaus[slug], names={name})
    return crawl_as(demo, email, foreign=foreign, seeds=seeds).problems


def _detail_without_bureau(request, bureau_slug, pk):
    """A detail view that forgot the bureau: fetches the resident by id alone."""
    resident = Resident.objects.get(pk=pk)
    return HttpResponse(f"<p>{resident.first_name} {resident.last_name}</p>")


def _json_of_every_bureau(request, bureau_slug):
    """A JSON answer that lists the residents of every bureau."""
    return JsonResponse(
        {"residents": [f"{r.first_name} {r.last_name}" for r in Resident.objects.all()]}
    )


def _crashing_fragment(request, bureau_slug):
    if request.headers.get("HX-Request"):
        raise ZeroDivisionError("a fragment that crashes")
    return HttpResponse("<p>fine as a page</p>")


def _fragment_without_check(request, bureau_slug, pk):
    """A page that checks access, but whose htmx fragment does not."""
    if request.headers.get("HX-Request"):
        return HttpResponse("<p>fragment</p>")
    return HttpResponse(status=404)


def test_the_crawl_fails_on_a_view_that_ignores_the_bureau(demo, monkeypatch):
    _break_view(monkeypatch, "residents:resident-detail", _detail_without_bureau)
    problems = _crawl_broken(demo, "coordinator@buurtbaan.example", "residents:resident-detail")
    assert any(p.kind == "foreign-id" and "/bewoners/" in p.url for p in problems)


def test_the_crawl_fails_on_json_with_another_bureaus_data(demo, monkeypatch):
    _break_view(monkeypatch, "residents:mydata-json", _json_of_every_bureau)
    seeds = registered_urls(demo.bureaus[MAIN], names={"residents:mydata-json"})
    problems = crawl_as(demo, "sandra@buurtbaan.example", foreign=[], seeds=seeds).problems
    assert any(p.kind == "leak" and p.url.endswith("/json/") for p in problems)


def test_the_crawl_fails_on_a_crashing_htmx_fragment(demo, monkeypatch):
    demo.client.raise_request_exception = False
    _break_view(monkeypatch, "work:piece-list", _crashing_fragment)
    seeds = registered_urls(demo.bureaus[MAIN], names={"work:piece-list"})
    problems = crawl_as(demo, "coordinator@buurtbaan.example", foreign=[], seeds=seeds).problems
    assert [p.kind for p in problems] == ["server-error"]
    assert problems[0].detail == "htmx request"


def test_the_crawl_fails_on_a_fragment_that_skips_the_access_check(demo, monkeypatch):
    _break_view(monkeypatch, "residents:resident-detail", _fragment_without_check)
    seeds = registered_urls(demo.bureaus[MAIN], names={"residents:resident-detail"})
    problems = crawl_as(demo, "coach@buurtbaan.example", foreign=[], seeds=seeds).problems
    assert any(p.kind == "htmx-differs" for p in problems)
