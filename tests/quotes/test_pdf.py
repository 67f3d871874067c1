"""The printable quote: a PDF (WeasyPrint) and an HTML print view from one template."""

import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from buurtbaan.audit.models import AuditEntry
from buurtbaan.quotes.pdf import pdf_filename, render_quote_pdf
from buurtbaan.quotes.queries import quote_for_detail


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def full_quote(personas, sent_quote):
    return quote_for_detail(personas.bureau).get(pk=sent_quote.pk)


def test_the_pdf_has_the_bureau_the_client_the_lines_and_the_totals(personas, full_quote):
    pdf = render_quote_pdf(full_quote)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert full_quote.number in text
    assert "Riet Jansen" in text
    assert "Aan het plantsoen 3" in text
    assert "Zolder isoleren door De Vries" in text
    assert "1,850.00" in text or "1.850,00" in text
    for amount in ("2,270.50", "476.81", "2,747.31", "143.55", "153.00", "1,973.95"):
        assert (
            amount in text or amount.replace(",", "_").replace(".", ",").replace("_", ".") in text
        )
    assert "%" in text  # the VAT rate


def test_the_pdf_is_served_as_a_pdf_with_a_sensible_name_and_the_export_is_logged(
    personas, login, url, full_quote
):
    response = login(personas.coach).get(url("quotes:quote-pdf", personas.bureau, pk=full_quote.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # "offerte-…" in Dutch once the catalogue has the word, "quote-…" until then.
    assert re.search(
        rf'filename="\w+-{full_quote.number}-zolder-opruimen-en-isoleren\.pdf"',
        response["Content-Disposition"],
    )
    assert response.content.startswith(b"%PDF")
    entry = AuditEntry.objects.get(action="export")
    assert (entry.actor, entry.object_id) == (personas.coach, str(full_quote.pk))


def test_the_filename_follows_the_language_and_survives_odd_titles(full_quote):
    full_quote.title = "<script>Zolder & dak</script>"
    with translation.override("en"):
        assert pdf_filename(full_quote) == f"quote-{full_quote.number}-scriptzolder-dakscript.pdf"


def test_the_print_view_is_the_same_template_as_html(personas, login, url, full_quote):
    response = login(personas.coordinator).get(
        url("quotes:quote-print", personas.bureau, pk=full_quote.pk)
    )
    content = response.content.decode()
    assert "quote_print.css" in content
    assert "Riet Jansen" in content
    assert "2.747,31" in content
    assert url("quotes:quote-pdf", personas.bureau, pk=full_quote.pk) in content


def test_nothing_outside_the_document_is_fetched(personas, full_quote, monkeypatch):
    """A URL in the content (an image, a stylesheet) is never fetched while rendering."""
    import urllib.request

    def no_network(*args, **kwargs):  # pragma: no cover - fails the test when called
        raise AssertionError("WeasyPrint tried to fetch a URL")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    full_quote.description = "Zie http://127.0.0.1:9/plaatje.png"
    assert render_quote_pdf(full_quote).startswith(b"%PDF")
