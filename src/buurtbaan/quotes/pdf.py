"""The printable quote: one HTML template (`quotes/quote_pdf.html`) is both the print view in the
browser and, through WeasyPrint, the PDF the coordinator sends to the client."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from buurtbaan.quotes.models import Payee, Quote

PRINT_CSS = Path(__file__).resolve().parent / "static" / "quotes" / "quote_print.css"
# The split, in the order the client reads it.
SPLIT_LABELS = {
    Payee.RESIDENTS: gettext_lazy("Paid to the residents who do the work"),
    Payee.PARTNER: gettext_lazy("Paid to partner organisations"),
    Payee.THIRD_PARTY: gettext_lazy("Paid to third parties (contractors, suppliers)"),
}


def quote_context(quote: Quote) -> dict:
    """What the quote page, the print view and the PDF show (uses the prefetched lines)."""
    lines = list(quote.lines.all())
    totals = quote.totals()
    realised = quote.realised_totals() if any(line.is_realised for line in lines) else None
    return {
        "quote": quote,
        "lines": lines,
        "totals": totals,
        "realised": realised,
        "split": [
            (label, totals.paid_to.get(payee), realised.paid_to.get(payee) if realised else None)
            for payee, label in SPLIT_LABELS.items()
            if payee in totals.paid_to
        ],
    }


def pdf_filename(quote: Quote) -> str:
    """E.g. offerte-2026-014-zolder-opruimen-en-isoleren.pdf (the word in the active language)."""
    title = slugify(quote.title)[:50].strip("-")
    return f"{slugify(_('quote'))}-{quote.number}{'-' + title if title else ''}.pdf"


def render_quote_pdf(quote: Quote, *, request=None) -> bytes:
    html = render_to_string(
        "quotes/quote_pdf.html", {**quote_context(quote), "for_pdf": True}, request=request
    )
    # Nothing is fetched from outside: the template carries everything it needs.
    fetcher = URLFetcher(allowed_protocols=["data"])
    document = HTML(string=html, url_fetcher=fetcher, base_url=str(PRINT_CSS.parent))
    return document.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)])
