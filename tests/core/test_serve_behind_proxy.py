"""`buurtbaan serve` behind a TLS proxy, over a real socket: it trusts X-Forwarded-Proto and
X-Forwarded-For exactly when BEHIND_PROXY is on and the request comes from TRUSTED_PROXY, so the
site is not redirected to https forever and throttling sees the client's address."""

import http.client
import re
import threading
import time

import pytest
from axes.models import AccessAttempt
from django.core.handlers.wsgi import WSGIHandler

from buurtbaan import cli
from tests.core.test_serve import free_port

CLIENT = "203.0.113.7"
HOST = "buurtbaan.example"


@pytest.fixture
def proxied_site(settings, monkeypatch, transactional_db):
    """Production-like settings, then a server on a free port. Returns a function that sends one
    request as the proxy would (from 127.0.0.1, with the forwarded headers)."""
    settings.ALLOWED_HOSTS = [HOST]
    settings.HTTPS = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY = "127.0.0.1"
    port = free_port()

    def start():
        # A fresh handler: middleware reads settings such as SECURE_SSL_REDIRECT when it loads.
        monkeypatch.setattr("buurtbaan.wsgi.application", WSGIHandler())
        threading.Thread(target=cli._serve, args=("127.0.0.1", port, 2), daemon=True).start()
        for _ in range(50):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=5).connect()
                return
            except OSError:
                time.sleep(0.1)

    def request(method, path, body=None, headers=()):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        all_headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"{CLIENT}",
            **dict(headers),
        }
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        response.text = response.read().decode()
        connection.close()
        return response

    request.start = start
    return request


def fail_a_login(request, scheme="https"):
    page = request("GET", "/inloggen/")
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return request(
        "POST",
        "/inloggen/",
        body=f"csrfmiddlewaretoken={token}&username=anna%40buurtbaan.example&password=fout",
        headers={
            "Cookie": f"csrftoken={cookie}",
            "Origin": f"{scheme}://{HOST}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )


def test_behind_the_proxy_an_https_request_is_served_instead_of_redirected(proxied_site):
    proxied_site.start()

    response = proxied_site("GET", "/")

    assert response.status == 200


def test_behind_the_proxy_throttling_sees_the_clients_address(proxied_site):
    proxied_site.start()

    response = fail_a_login(proxied_site)

    assert response.status == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]


def test_forwarded_headers_from_another_address_than_the_proxy_are_ignored(proxied_site, settings):
    settings.TRUSTED_PROXY = "192.0.2.1"
    proxied_site.start()

    response = proxied_site("GET", "/")

    assert response.status == 301
    assert response.getheader("Location").startswith("https://")


def test_without_behind_proxy_a_forged_client_address_is_not_believed(proxied_site, settings):
    settings.BEHIND_PROXY = False
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    proxied_site.start()

    response = fail_a_login(proxied_site, scheme="http")

    assert response.status == 200

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["127.0.0.1"]
