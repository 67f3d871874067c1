import pytest
from django.urls import reverse

from tests.factories import ResidentFactory


@pytest.fixture
def resident(personas):
    """A resident of the personas' bureau whose coach is `personas.coach`."""
    return ResidentFactory(bureau=personas.bureau, coach=personas.coach, first_name="Sandra")


@pytest.fixture
def url():
    """`url(name, bureau, **kwargs)`: reverse a bureau URL."""

    def _url(name, bureau, **kwargs):
        return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})

    return _url
