import pytest
from django.urls import reverse

from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.organisations.models import OrganisationKind, ScaleLevel
from tests.factories import (
    BoardItemFactory,
    MembershipFactory,
    OrganisationFactory,
    ResidentFactory,
)


@pytest.fixture
def url():
    """`url(name, bureau, **kwargs)`: reverse a bureau URL."""

    def _url(name, bureau, **kwargs):
        return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})

    return _url


@pytest.fixture
def item(personas):
    """A published item of the personas' bureau."""
    return BoardItemFactory(bureau=personas.bureau)


@pytest.fixture
def resident_record(personas):
    """The talent-bank record of `personas.resident` (the resident's own account)."""
    return ResidentFactory(bureau=personas.bureau, user=personas.resident, first_name="Jorge")


@pytest.fixture
def welfare(personas):
    return OrganisationFactory(
        bureau=personas.bureau,
        name="Sociaal Wijkteam <script>",
        kind=OrganisationKind.WELFARE,
        scale_level=ScaleLevel.PUBLIC_SERVICE,
    )


@pytest.fixture
def welfare_partner(personas, welfare):
    """A partner user acting for a welfare organisation."""
    return MembershipFactory(bureau=personas.bureau, role=Role.PARTNER, organisation=welfare).user


@pytest.fixture
def partner_organisation(personas):
    return Membership.objects.get(user=personas.partner, bureau=personas.bureau).organisation
