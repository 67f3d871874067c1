"""The whole story of a resident or a piece of work, in time order, told by every app that
knows a part of it.

No app knows the whole story: the talent bank knows the sign-up, the intakes and the consents,
matching the proposals and placements, the pool the introductions, the board the responses and
help requests, quotes and impact their own steps. So each app tells its own part in its own
`<app>/story.py`, the way `privacy.py` declares what an app holds (found by `autodiscover`,
called from `CoreConfig.ready`):

    from buurtbaan.core.story import Event, story

    @story.about_resident
    def proposals(resident, viewer):
        ...
        yield Event(at=event.at, kind="matching", text=..., link=..., actor=...)

    @story.about_piece
    def ...(piece, viewer): ...

A teller gets the subject (already fetched through the access helpers, so the viewer may see it)
and the `Viewer`, and returns `Event`s. Rules for a teller:

- **Fixed queries**: a teller runs a fixed number of queries however many events it finds
  (`select_related` / `prefetch_related`); `tests/core/test_story.py` counts them for 3 and for 30
  events.
- **Within the viewer's rights**: it only tells what the viewer may see on the app's own pages
  (the profile rule `residents.permissions.visible_profiles_q` for other residents it names,
  sensitive notes only for `can_read_sensitive`, coordinator-only records only for coordinators),
  and links only to pages the viewer may open.
- **In words**: a sentence in the reader's language with names and titles, never an internal
  name or id (`docs/architecture.md`, "what users see").
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

#: What an event is about: the filters of the story page, in the order they are offered.
KINDS = {
    "talent_bank": _("Talent bank"),
    "matching": _("Proposals and placements"),
    "introductions": _("Introductions"),
    "board": _("Bulletin board"),
    "work": _("Work"),
    "quotes": _("Quotes"),
    "impact": _("Impact assignments"),
    "privacy": _("Privacy requests"),
}

RESIDENT = "resident"
PIECE = "piece"


@dataclasses.dataclass(frozen=True)
class Event:
    """One thing that happened. `at` is an aware datetime, or a date when only the day is known
    (a quote sent on, an hours booking); `link` is empty when the viewer may not open the page;
    `actor` is who did it, in words (empty when nobody in particular, e.g. the engine);
    `residents` are the residents the sentence names besides the subject, so the page can write
    its read entry (`audit.reads`)."""

    at: datetime.datetime | datetime.date
    kind: str
    text: str
    link: str = ""
    actor: str = ""
    residents: tuple = ()

    @property
    def has_time(self) -> bool:
        return isinstance(self.at, datetime.datetime)

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.at) if self.has_time else self.at

    @property
    def sort_key(self) -> tuple:
        # A step known only by its day comes after the steps of that day that have a time: what
        # is booked on a day (a quote sent, hours worked) usually follows what was done in it.
        if self.has_time:
            return (self.day, 0, timezone.localtime(self.at).time())
        return (self.day, 1, datetime.time.max)


@dataclasses.dataclass
class Viewer:
    """Who reads the story: their membership (role, bureau, user)."""

    membership: object

    @property
    def bureau(self):
        return self.membership.bureau

    @property
    def user(self):
        return self.membership.user

    @property
    def is_coordinator(self) -> bool:
        return self.membership.is_coordinator

    def url(self, name: str, **kwargs) -> str:
        """A URL of the viewer's bureau (`bureau_slug` filled in)."""
        return reverse(name, kwargs={"bureau_slug": self.bureau.slug, **kwargs})


def name_of(user) -> str:
    """Who did something, in words: the account's name (or e-mail), or "" for nobody."""
    return str(user) if user is not None else ""


Teller = Callable[[object, Viewer], Iterable[Event]]


class Story:
    """The registry of tellers; one instance, `story`, fed by the `<app>/story.py` modules."""

    def __init__(self):
        self.tellers: dict[str, list[Teller]] = {RESIDENT: [], PIECE: []}

    def about_resident(self, teller: Teller) -> Teller:
        self._add(RESIDENT, teller)
        return teller

    def about_piece(self, teller: Teller) -> Teller:
        self._add(PIECE, teller)
        return teller

    def _add(self, about: str, teller: Teller) -> None:
        if teller not in self.tellers[about]:
            self.tellers[about].append(teller)

    def events(self, about: str, subject, viewer: Viewer) -> list[Event]:
        """Every teller's events about `subject`, oldest first (at the same moment, in the order
        the tellers gave them)."""
        events = []
        for teller in self.tellers[about]:
            for event in teller(subject, viewer):
                if event.kind not in KINDS:
                    raise ValueError(f"{teller.__qualname__}: unknown kind {event.kind!r}")
                events.append(event)
        return sorted(events, key=lambda event: event.sort_key)


story = Story()


def autodiscover() -> None:
    """Import every installed app's `story` module (once)."""
    autodiscover_modules("story")


@dataclasses.dataclass
class Month:
    first_day: datetime.date
    events: list[Event]


@dataclasses.dataclass
class Told:
    """What a story page shows: the events of the chosen kind grouped by month, and the filters
    (only the kinds that occur, with how many)."""

    months: list[Month]
    kinds: list[tuple[str, str, int]]  # (key, label, count)
    kind: str
    newest_first: bool
    total: int
    residents: list  # every resident the events name besides the subject (for the read entry)


def tell(about: str, subject, viewer: Viewer, *, kind: str = "", newest_first=False) -> Told:
    """The story of `subject` for `viewer`: all events, or those of `kind`, grouped by month,
    oldest first (a story is read from its beginning) unless `newest_first`."""
    events = story.events(about, subject, viewer)
    counts: dict[str, int] = {}
    for event in events:
        counts[event.kind] = counts.get(event.kind, 0) + 1
    kind = kind if kind in counts else ""
    shown = [event for event in events if not kind or event.kind == kind]
    if newest_first:
        shown.reverse()
    months: list[Month] = []
    for event in shown:
        first_day = event.day.replace(day=1)
        if not months or months[-1].first_day != first_day:
            months.append(Month(first_day, []))
        months[-1].events.append(event)
    kinds = [(key, label, counts[key]) for key, label in KINDS.items() if key in counts]
    named = {resident.pk: resident for event in shown for resident in event.residents}
    return Told(months, kinds, kind, newest_first, len(events), list(named.values()))


def told_for(request, about: str, subject) -> Told:
    """The story for a page: `?soort=<kind>` filters, `?volgorde=nieuwste` puts the newest first."""
    return tell(
        about,
        subject,
        Viewer(request.membership),
        kind=request.GET.get("soort", ""),
        newest_first=request.GET.get("volgorde") == "nieuwste",
    )
