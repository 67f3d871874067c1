"""Tenancy: a user of one bureau never sees or changes another bureau's data, and each role sees
only what it should. Driven by the registry in tests/bureau_urls.py."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.bureau_urls import OBJECT_URLS, PUBLIC_URLS, READ_ONLY, ROLE_MATRIX, ROLES


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if pattern.namespace and namespace:
                inner = f"{namespace}:{pattern.namespace}"
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern


def bureau_url_names():
    return {
        name
        for name, pattern in _walk(get_resolver().url_patterns)
        if "bureau_slug" in pattern.pattern.converters
    }


def url_for(name, bureau, object_bureau=None):
    builder = OBJECT_URLS.get(name) or PUBLIC_URLS[name]
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **builder(object_bureau or bureau)})


def test_every_bureau_url_is_registered():
    registered = set(OBJECT_URLS) | set(PUBLIC_URLS)
    assert bureau_url_names() - registered == set(), "register new bureau URLs in bureau_urls.py"
    assert registered - bureau_url_names() == set(), "bureau_urls.py names URLs that do not exist"


def test_every_object_url_has_a_role_matrix_row():
    assert set(ROLE_MATRIX) == set(OBJECT_URLS)


@pytest.mark.parametrize("name", sorted(OBJECT_URLS))
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_coordinator_gets_404_for_every_object_url_of_another_bureau(
    personas, login, name, method
):
    client = login(personas.coordinator)
    url = url_for(name, personas.other_bureau)
    assert getattr(client, method)(url).status_code == 404


@pytest.mark.parametrize(
    "name", sorted(name for name in OBJECT_URLS if OBJECT_URLS[name].__name__ != "no_object")
)
def test_an_object_of_another_bureau_is_404_under_the_own_bureau_too(personas, login, name):
    client = login(personas.coordinator)
    url = url_for(name, personas.bureau, object_bureau=personas.other_bureau)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("name", sorted(OBJECT_URLS))
@pytest.mark.parametrize("who", ["outsider", "platform_admin", "other_coordinator"])
def test_people_outside_the_bureau_get_404(personas, login, name, who):
    client = login(getattr(personas, who))
    assert client.get(url_for(name, personas.bureau)).status_code == 404


@pytest.mark.parametrize("name", sorted(OBJECT_URLS))
def test_anonymous_visitors_are_sent_to_login_whatever_the_bureau(client, personas, name):
    for bureau_slug in (personas.bureau.slug, "no-such-bureau"):
        url = url_for(name, personas.bureau).replace(personas.bureau.slug, bureau_slug, 1)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [
        (name, role, status)
        for name, statuses in sorted(ROLE_MATRIX.items())
        for role, status in zip(ROLES, statuses, strict=True)
    ],
)
def test_role_matrix(personas, login, name, role, expected):
    client = login(getattr(personas, role))
    assert client.get(url_for(name, personas.bureau)).status_code == expected


@pytest.mark.parametrize(
    ("name", "role"), [(name, role) for name, roles in sorted(READ_ONLY.items()) for role in roles]
)
def test_read_only_roles_get_403_on_write(personas, login, name, role):
    client = login(getattr(personas, role))
    url = url_for(name, personas.bureau)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 403


@pytest.mark.parametrize("name", sorted(PUBLIC_URLS))
def test_public_bureau_pages_show_no_personal_data(client, personas, name):
    from tests.factories import ResidentFactory

    resident = ResidentFactory(bureau=personas.bureau, first_name="Geheimnaam")
    content = client.get(url_for(name, personas.bureau)).content.decode()
    assert resident.first_name not in content
    assert personas.coordinator.email not in content
