"""Personas in one place: a bureau with one user per role, and a second bureau with its own
coordinator, so every test can check both what a role sees and what it must not."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import translation

from buurtbaan.bureaus.models import Role
from tests.factories import BureauFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # A fresh cache: rate limits and the read audit's "seen recently" (audit.reads) live there.
    cache.clear()
    # Argon2 is deliberately slow; the tests check behaviour, not the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Static files straight from the source folders; no collectstatic manifest needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Background tasks run at once, inside the test: fast and deterministic, no worker needed.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def personas(db):
    bureau = BureauFactory(slug="spijkerkwartier", postcodes=[("6828", "6828")])
    other_bureau = BureauFactory(slug="klarendal", postcodes=[("6822", "6822")])

    def member(role, of=bureau, **kwargs):
        return MembershipFactory(bureau=of, role=role, **kwargs).user

    return SimpleNamespace(
        bureau=bureau,
        other_bureau=other_bureau,
        coordinator=member(Role.COORDINATOR),
        coach=member(Role.COACH),
        other_coach=member(Role.COACH),
        partner=member(Role.PARTNER),
        resident=member(Role.RESIDENT),
        funder=member(Role.FUNDER),
        other_coordinator=member(Role.COORDINATOR, of=other_bureau),
        platform_admin=UserFactory(is_superuser=True, is_staff=True),
        outsider=UserFactory(),
    )


@pytest.fixture
def english(client, settings):
    """Show and raise messages in English (the msgids), for tests that assert on the wording.

    Use with `pytestmark = pytest.mark.usefixtures("english")`. Dutch is the default language.
    """
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def login(client):
    """`login(user)` logs the test client in as that user and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
