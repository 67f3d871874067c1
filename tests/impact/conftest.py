import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ImpactAssignmentFactory, OrganisationFactory


@pytest.fixture
def url():
    def _url(name, bureau, **kwargs):
        return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})

    return _url


@pytest.fixture
def municipality(personas):
    return OrganisationFactory(
        bureau=personas.bureau, name="Gemeente Arnhem", kind="municipality", scale_level=5
    )


@pytest.fixture
def assignment(personas, municipality):
    """Running for a year: started 200 days ago."""
    return ImpactAssignmentFactory(
        bureau=personas.bureau,
        client=municipality,
        starts_on=days(-200),
        ends_on=days(165),
    )


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)
