"""Reads for the quote pages, each in a fixed number of queries whatever the rows."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from buurtbaan.quotes.models import Quote, QuoteLine


def quotes_for_list(bureau, status: str = "") -> QuerySet[Quote]:
    """Quotes with their client and lines (for the totals), newest number first."""
    quotes = (
        Quote.objects.filter(bureau=bureau)
        .select_related("client_resident", "client_organisation")
        .prefetch_related(Prefetch("lines", queryset=QuoteLine.objects.order_by("position", "pk")))
        .order_by("-year", "-sequence")
    )
    return quotes.filter(status=status) if status else quotes


def quote_for_detail(bureau) -> QuerySet[Quote]:
    """One quote with everything its page, print view and PDF show."""
    return (
        Quote.objects.filter(bureau=bureau)
        .select_related("bureau", "client_resident", "client_organisation", "created_by", "purpose")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=QuoteLine.objects.select_related("payee_organisation", "piece").order_by(
                    "position", "pk"
                ),
            )
        )
    )


def quote_of_piece(piece) -> Quote | None:
    """The quote a piece of work was made from, if any."""
    line = QuoteLine.objects.filter(piece=piece).select_related("quote").first()
    return line.quote if line else None
