"""A crawler for the access tests: logs in as one member of one bureau, fetches every page, file,
htmx fragment and JSON answer it can reach, and reports what must never happen.

What counts as a problem (`Problem.kind`):

- `server-error`: any answer of 500 or more, to a page, a file or an htmx request;
- `leak`: text of another bureau (a marker: a resident's name or e-mail address, a piece of
  work) in what the member was given, be it HTML, JSON, CSV, an Excel sheet or a PDF;
- `htmx-differs`: an htmx request for a URL that the plain request refuses (403/404) answers 200,
  so a fragment would bypass the page's access check;
- `foreign-id`: a URL of the member's own bureau with the ids of the *other* bureau's objects (in
  the path, as the other bureau's coordinator found them) answers anything but 404 or 405.

The crawl follows `href`, `src`, `hx-get` and GET forms' `action` (with one value of each of
their choice lists) within the site, at most `per_name` URLs for each URL name and set of query
keys, at most `per_view` URLs of one view, so it stays bounded on a bureau with hundreds of
residents while still visiting every kind of page. It asks for the htmx fragment of the first
URL of each kind and of every `hx-get` link. It only ever sends GETs, and stays in its own
bureau (and the pages of no bureau).
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

from django.urls import Resolver404, resolve

#: Where the crawl never goes: leaving, switching language, the platform admin, static files.
SKIPPED_PREFIXES = ("/uitloggen", "/logout", "/i18n/", "/beheer/", "/static/")
#: Attributes that hold a URL the browser (or htmx) would fetch with a GET.
LINK_ATTRIBUTES = {"href", "src", "hx-get", "data-href"}


@dataclass(frozen=True)
class Problem:
    kind: str
    url: str
    detail: str = ""

    def __str__(self):
        return f"{self.kind}: {self.url} {self.detail}".rstrip()


@dataclass
class Visit:
    url: str
    name: str
    kwargs: dict
    status: int
    content_type: str


@dataclass
class CrawlResult:
    visits: list[Visit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def fetched_with(self, status: int) -> set[str]:
        """URL names that answered `status` at least once."""
        return {visit.name for visit in self.visits if visit.status == status}

    @property
    def kinds_of_answer(self) -> Counter:
        return Counter(visit.content_type for visit in self.visits)


class _Links(HTMLParser):
    """Links of a page, plus one URL per choice list of a GET form (a filter with a value), so
    filters are fetched with real ids too."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.links: list[tuple[str, bool]] = []  # (url, fetched by htmx)
        self._form_action: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in LINK_ATTRIBUTES & attributes.keys():
            if attributes[name]:
                self.links.append((attributes[name], name == "hx-get"))
        if tag == "form":
            is_get = (attributes.get("method") or "get").lower() == "get"
            action = attributes.get("action") or urlsplit(self.page_url).path
            self._form_action = action if is_get else None
            if is_get:
                self.links.append((action, False))
        elif tag == "select" and self._form_action:
            self._select = attributes.get("name")
        elif tag == "option" and self._form_action and self._select and attributes.get("value"):
            self.links.append(
                (f"{self._form_action}?{urlencode({self._select: attributes['value']})}", False)
            )
            self._select = None  # one value per choice list is enough

    def handle_endtag(self, tag):
        if tag == "form":
            self._form_action = None
        elif tag == "select":
            self._select = None


def text_of(response) -> str:
    """What a person could read in an answer, whatever its format."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    if content_type.startswith("image/"):
        return ""
    decoded = body.decode(response.charset or "utf-8", errors="replace")
    if "json" in content_type:
        # Names in JSON may be written with \u escapes: read them as the data they are.
        return json.dumps(json.loads(decoded), ensure_ascii=False)
    return html.unescape(decoded)


def _normalise(url: str, base: str) -> str | None:
    url, _fragment = urldefrag(url.strip())
    if not url or url.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.netloc not in ("testserver", ""):
            return None
        url = parts.path + (f"?{parts.query}" if parts.query else "")
    elif not url.startswith("/"):
        base_path = urlsplit(base).path
        url = base_path.rsplit("/", 1)[0] + "/" + url
    if url.startswith(SKIPPED_PREFIXES):
        return None
    return url


def _shape(url: str) -> tuple[str, tuple[str, ...]] | None:
    """A URL's name and query keys: the crawl visits a few URLs of each shape."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.view_name, tuple(sorted(key for key, _ in parse_qsl(parts.query)))


class Crawler:
    """Crawl as one logged-in client; see the module docstring for what is checked."""

    def __init__(
        self,
        client,
        *,
        bureau_slug,
        markers,
        per_name: int = 2,
        per_view: int = 5,
        max_requests: int = 3000,
    ):
        self.client = client
        self.bureau_slug = bureau_slug
        self.markers = sorted({marker for marker in markers if len(marker) >= 6})
        self.per_name = per_name
        self.per_view = per_view
        self._per_view: Counter = Counter()
        self.max_requests = max_requests
        self.result = CrawlResult()
        self._seen: set[str] = set()
        self._per_shape: Counter = Counter()
        self._requests = 0

    def crawl(self, start_urls) -> CrawlResult:
        queue = [(url, False) for url in start_urls]
        while queue and self._requests < self.max_requests:
            url, by_htmx = queue.pop(0)
            if url in self._seen:
                continue
            shape = _shape(url)
            if shape is None or not self._is_own(url):
                continue
            if self._per_shape[shape] >= self.per_name or self._per_view[shape[0]] >= self.per_view:
                continue
            self._seen.add(url)
            self._per_shape[shape] += 1
            self._per_view[shape[0]] += 1
            # An htmx request for the first URL of each shape and for every hx-get link: the
            # fragment code of a view is the same for all its objects.
            check_htmx = by_htmx or self._per_shape[shape] == 1
            for link in self._fetch(url, shape[0], check_htmx=check_htmx):
                queue.append(link)
        return self.result

    def _is_own(self, url: str) -> bool:
        """Pages of the own bureau, or of none (the front page, the account pages); the crawl
        does not wander into another bureau's public pages, whose data is public anyway."""
        slug = resolve(urlsplit(url).path).kwargs.get("bureau_slug")
        return slug is None or slug == self.bureau_slug

    def check_foreign_ids(self, foreign_visits: list[Visit]) -> None:
        """Ask for the other bureau's objects under the own bureau's URLs: 404 (or 405)."""
        from django.urls import reverse

        tried = set()
        for visit in foreign_visits:
            if visit.kwargs.get("bureau_slug") in (None, self.bureau_slug):
                continue
            ids = {key: value for key, value in visit.kwargs.items() if _is_object_id(key)}
            if not ids or (visit.name, tuple(sorted(ids.items()))) in tried:
                continue
            tried.add((visit.name, tuple(sorted(ids.items()))))
            url = reverse(visit.name, kwargs={**visit.kwargs, "bureau_slug": self.bureau_slug})
            response = self._get(url)
            if response.status_code not in (404, 405):
                self.result.problems.append(
                    Problem("foreign-id", url, f"answered {response.status_code}")
                )
            else:
                self._check_text(url, response)

    def check_foreign_queries(self, foreign_visits: list[Visit]) -> None:
        """Put the other bureau's ids (as found in its own filters and links) into the query
        strings of the own bureau's pages: never an error, never the other bureau's data."""
        foreign_values: dict[str, set[str]] = {}
        for visit in foreign_visits:
            if visit.kwargs.get("bureau_slug") in (None, self.bureau_slug):
                continue
            for key, value in parse_qsl(urlsplit(visit.url).query):
                if value.isdigit():
                    foreign_values.setdefault(key, set()).add(value)
        tried = set()
        for visit in list(self.result.visits):
            if visit.status != 200:
                continue
            parts = urlsplit(visit.url)
            query = dict(parse_qsl(parts.query))
            for key in query.keys() & foreign_values.keys():
                for value in sorted(foreign_values[key])[:2]:
                    url = f"{parts.path}?{urlencode({**query, key: value})}"
                    if url in tried or url in self._seen:
                        continue
                    tried.add(url)
                    response = self._get(url)
                    if response.status_code >= 500:
                        self.result.problems.append(Problem("server-error", url, "foreign id"))
                    else:
                        self._check_text(url, response)

    def _get(self, url, **headers):
        self._requests += 1
        return self.client.get(url, headers=headers)

    def _fetch(self, url: str, name: str, *, check_htmx: bool):
        response = self._get(url)
        path = urlsplit(url).path
        kwargs = resolve(path).kwargs
        content_type = response.get("Content-Type", "").split(";")[0]
        self.result.visits.append(Visit(url, name, kwargs, response.status_code, content_type))
        if response.status_code >= 500:
            self.result.problems.append(Problem("server-error", url, str(response.status_code)))
            return []
        if response.status_code in (301, 302, 303):
            location = _normalise(response["Location"], url)
            return [(location, False)] if location else []
        text = self._check_text(url, response)
        if check_htmx:
            self._check_htmx(url, response.status_code)
        if response.status_code != 200 or content_type != "text/html":
            return []
        parser = _Links(url)
        parser.feed(text)
        links = []
        for link, by_htmx in parser.links:
            normalised = _normalise(link, url)
            if normalised:
                links.append((normalised, by_htmx))
        return links

    def _check_text(self, url, response) -> str:
        if response.status_code >= 300:
            return ""
        text = text_of(response)
        for marker in self.markers:
            if marker in text:
                self.result.problems.append(Problem("leak", url, repr(marker)))
        return text

    def _check_htmx(self, url: str, plain_status: int) -> None:
        response = self._get(url, HX_Request="true")
        if response.status_code >= 500:
            self.result.problems.append(Problem("server-error", url, "htmx request"))
            return
        if plain_status in (403, 404) and response.status_code == 200:
            self.result.problems.append(
                Problem("htmx-differs", url, f"page {plain_status}, fragment 200")
            )
        self._check_text(url, response)


def _is_object_id(key: str) -> bool:
    return key == "pk" or key.endswith("_pk")


_WORD = re.compile(r"\w")


def markers_of(bureau) -> set[str]:
    """Strings that only this bureau's data holds: what another bureau's member must never see.

    Residents' full names and e-mail addresses and the titles of pieces of work. Organisations'
    names are left out: residents' texts may name an organisation of the next neighbourhood
    (the demo's barriers mention Spijkerbikes in both bureaus). A crawl passes the markers of
    the *other* bureau and leaves out any string that also occurs in the crawling member's own
    bureau (two people can share a name).
    """
    from buurtbaan.residents.models import Resident
    from buurtbaan.work.models import PieceOfWork

    found = set()
    for first, last, email in Resident.objects.filter(bureau=bureau).values_list(
        "first_name", "last_name", "email"
    ):
        found.add(f"{first} {last}".strip())
        found.add(email)
    found |= set(PieceOfWork.objects.filter(bureau=bureau).values_list("title", flat=True))
    return {marker for marker in found if marker and _WORD.search(marker)}
