"""Telling records apart that share a title, without showing an internal id.

Two pieces of work (or board items) may well be called "Lampen ophangen". A page that lists both
shows each with what tells them apart for a person — when it starts, the postcode area, the
organisation — never "(33)". `{{ piece|told_apart:pieces }}` in a template (from
`{% load buurtbaan %}`); the second argument is the list on the page (pieces, or matches and
other rows with a `.piece` or `.item`).

Only what is already loaded is read (never a deferred field or an unfetched relation), so the
filter adds no query to a page.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format

from buurtbaan.core.postcodes import format_postcode


def _loaded(obj, name):
    """A field's value when it is loaded; None when reading it would cost a query."""
    if name in obj.__dict__:
        return obj.__dict__[name]
    cache = getattr(getattr(obj, "_state", None), "fields_cache", {})
    return cache.get(name)


def _subject(row, like):
    """The record a row of a list stands for: the row itself, or its `.piece` / `.item`."""
    if isinstance(row, type(like)):
        return row
    for name in ("piece", "item"):
        related = _loaded(row, name)
        if isinstance(related, type(like)):
            return related
    return None


def _details(obj) -> list[str]:
    """What may tell this record apart, most helpful first."""
    details = []
    day = _loaded(obj, "starts_on") or _loaded(obj, "published_at") or _loaded(obj, "created_at")
    if day is not None:
        if isinstance(day, datetime.datetime):
            day = timezone.localdate(day) if timezone.is_aware(day) else day.date()
        details.append(date_format(day, "j F Y"))
    area = _loaded(obj, "postcode") or _loaded(obj, "area")
    if area:
        details.append(format_postcode(area) or area)
    for name in ("carried_by_organisation", "organisation", "asked_by_organisation"):
        organisation = _loaded(obj, name)
        if organisation is not None:
            details.append(str(organisation))
    return details


def told_apart(obj, others) -> str:
    """`str(obj)`, followed by what tells it apart when another record in `others` has the same
    title: "Lampen ophangen · 3 maart 2026". The first detail that differs from every namesake
    is used; when none does, the first one there is."""
    title = str(obj)
    if obj is None or not others:
        return title
    namesakes = []
    for row in others:
        other = _subject(row, obj)
        if other is not None and other.pk != obj.pk and str(other) == title:
            namesakes.append(other)
    if not namesakes:
        return title
    mine = _details(obj)
    if not mine:
        return title
    theirs = [set(_details(other)) for other in namesakes]
    distinct = next((d for d in mine if all(d not in t for t in theirs)), mine[0])
    return f"{title} · {distinct}"
