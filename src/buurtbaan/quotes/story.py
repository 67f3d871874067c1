"""Quotes' part of the story (see `core.story`).

- A resident: the quotes made for them as a client, and what became of each (sent, accepted,
  declined, expired).
- A piece of work: the accepted quote whose line it came from.

The days a quote was sent or decided are dates without a time. One query for either story.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from buurtbaan.core.story import Event, name_of, story
from buurtbaan.quotes.models import Quote
from buurtbaan.quotes.queries import seen_by

QUOTES = "quotes"


@story.about_resident
def resident_quotes(resident, viewer):
    quotes = Quote.objects.filter(client_resident=resident).select_related("created_by")
    for quote in quotes.order_by("created_at", "pk"):
        link = viewer.url("quotes:quote-detail", pk=quote.pk)
        number = {"number": quote.number, "title": quote.title}
        yield Event(
            at=quote.created_at,
            kind=QUOTES,
            text=_("Quote %(number)s made for them: “%(title)s”") % number,
            link=link,
            actor=name_of(quote.created_by),
        )
        steps = [
            (quote.sent_on, _("Quote %(number)s sent")),
            (quote.accepted_on, _("Quote %(number)s accepted: the work is in the work bank")),
            (quote.declined_on, _("Quote %(number)s declined")),
            (quote.expired_on, _("Quote %(number)s expired")),
        ]
        for day, text in steps:
            if day is not None:
                yield Event(at=day, kind=QUOTES, text=text % number, link=link)


@story.about_piece
def piece_quote(piece, viewer):
    quote = seen_by(Quote.objects.filter(lines__piece=piece), viewer.membership).first()
    if quote is None or quote.accepted_on is None:
        return
    yield Event(
        at=quote.accepted_on,
        kind=QUOTES,
        text=_("Made from a line of quote %(number)s (“%(title)s”), accepted by the client")
        % {"number": quote.number, "title": quote.title},
        link=viewer.url("quotes:quote-detail", pk=quote.pk),
    )
