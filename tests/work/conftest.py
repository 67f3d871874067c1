import pytest
from django.utils import translation

from tests.factories import PieceOfWorkFactory, PurposeFactory


@pytest.fixture
def purpose(personas):
    return PurposeFactory(bureau=personas.bureau)


@pytest.fixture
def piece(personas, purpose):
    return PieceOfWorkFactory(bureau=personas.bureau, purpose=purpose, hours_total=40)


@pytest.fixture(autouse=True)
def _english(client, settings):
    """These tests read English msgids: pin the language, whatever the Dutch catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
