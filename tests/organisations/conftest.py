import pytest


@pytest.fixture(autouse=True)
def _english(client, settings):
    """These tests read English msgids: pin the language, whatever the Dutch catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
