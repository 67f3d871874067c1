"""What quotes keep about residents who are clients; see `privacy.registry`."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.privacy.registry import AppDeclarations, LegalGround
from buurtbaan.privacy.values import when
from buurtbaan.quotes.models import Quote

privacy = AppDeclarations("quotes")

privacy.declare(
    "quotes.Quote",
    holds=_("Quotes: the client (an organisation or a resident), the work and the amounts."),
    purpose=_("Agreeing on work and its price, and keeping the books."),
    legal_ground=LegalGround.LEGAL_OBLIGATION,
    kept=_(
        "Seven years, as bookkeeping rules require (also after erasure: a coordinator says "
        "so when declining that part of a request)."
    ),
    seen_by=[Role.COORDINATOR, Role.COACH],
    seen_by_note=_("A partner sees the quotes of their own organisation."),
)
privacy.declare(
    "quotes.QuoteLine",
    is_personal=False,
    holds=_("The lines of a quote: work, hours and amounts; no personal data."),
)


def _quote_data(quote) -> dict:
    return {
        "number": quote.number,
        "title": quote.title,
        "description": quote.description,
        "status": quote.status,
        "sent_on": when(quote.sent_on),
        "accepted_on": when(quote.accepted_on),
    }


@privacy.export_part("quotes", serialise=_quote_data)
def collect_quotes(resident) -> list:
    return list(Quote.objects.filter(client_resident=resident).order_by("-pk"))
