"""Reads for the quote pages, each in a fixed number of queries whatever the rows."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from buurtbaan.quotes.models import Quote, QuoteLine


def seen_by(quotes: QuerySet[Quote], membership) -> QuerySet[Quote]:
    """The quotes the member may see: a quote for a resident names them, their address and the
    work done for them, so it follows the profile rule (`visible_profiles_q`); quotes for an
    organisation are for all readers."""
    from buurtbaan.residents.models import Resident
    from buurtbaan.residents.permissions import visible_profiles_q

    visible = Resident.objects.filter(visible_profiles_q(membership)).values("pk")
    return quotes.filter(Q(client_resident__isnull=True) | Q(client_resident__in=visible))


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
