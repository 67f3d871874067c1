import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from buurtbaan.quotes import actions
from tests.factories import OrganisationFactory, ResidentFactory


@pytest.fixture
def url():
    """`url(name, bureau, **kwargs)`: reverse a bureau URL."""

    def _url(name, bureau, **kwargs):
        return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})

    return _url


@pytest.fixture
def oma_jansen(personas):
    return ResidentFactory(
        bureau=personas.bureau,
        first_name="Riet",
        last_name="Jansen",
        street="Aan het plantsoen 3",
        postcode="6828EB",
    )


@pytest.fixture
def de_vries(personas):
    return OrganisationFactory(bureau=personas.bureau, name="Aannemersbedrijf De Vries")


@pytest.fixture
def make_quote(personas, oma_jansen):
    """`make_quote(lines=[...], **fields)`: a draft quote for oma Jansen made through the actions.
    Each line is a dict of `add_line` arguments."""

    def _make(lines=(), **fields):
        fields.setdefault("client_resident", oma_jansen)
        quote = actions.create_quote(
            actor=personas.coordinator,
            bureau=fields.pop("bureau", personas.bureau),
            title=fields.pop("title", "Zolder opruimen en isoleren"),
            **fields,
        )
        for line in lines:
            actions.add_line(actor=personas.coordinator, quote=quote, **line)
        return quote

    return _make


LABOUR = {
    "kind": "labour",
    "description": "Zolder opruimen (2 bewoners × 6 uur)",
    "quantity": Decimal("12"),
    "unit_price": Decimal("15.00"),
    "bureau_share_percent": Decimal("15"),
    "people_needed": 2,
}
MATERIALS = {
    "kind": "materials",
    "description": "Isolatiemateriaal",
    "quantity": Decimal("1"),
    "unit_price": Decimal("240.50"),
    "bureau_share_percent": Decimal("10"),
}
THIRD_PARTY = {
    "kind": "third_party",
    "description": "Zolder isoleren door De Vries",
    "quantity": Decimal("1"),
    "unit_price": Decimal("1850.00"),
    "bureau_share_percent": Decimal("5"),
}


@pytest.fixture
def attic_lines(de_vries):
    return [LABOUR, MATERIALS, {**THIRD_PARTY, "payee_organisation": de_vries}]


@pytest.fixture
def sent_quote(personas, make_quote, attic_lines):
    quote = make_quote(lines=attic_lines)
    return actions.send_quote(actor=personas.coordinator, quote=quote)


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)
