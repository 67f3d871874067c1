import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from buurtbaan.settings import cache_from_url, envbool, envint


@pytest.mark.parametrize(
    ("value", "expected"), [("true", True), ("1", True), ("off", False), ("", False)]
)
def test_envbool_reads_known_values(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_FLAG", value)
    assert envbool("SOME_FLAG", "false") is expected


def test_envbool_rejects_unknown_values(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ja")
    with pytest.raises(ImproperlyConfigured):
        envbool("SOME_FLAG", "false")


def test_envint_rejects_words(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "veel")
    with pytest.raises(ImproperlyConfigured):
        envint("SOME_NUMBER", "1")


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("file:///var/cache/buurtbaan", "django.core.cache.backends.filebased.FileBasedCache"),
    ],
)
def test_cache_url_chooses_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_a_redis_cache_url_needs_the_redis_package(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ImproperlyConfigured, match="install the redis package"):
        cache_from_url("redis://127.0.0.1:6379/0")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    backend = cache_from_url("redis://127.0.0.1:6379/0")["BACKEND"]
    assert backend == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.parametrize("url", ["memcached://127.0.0.1", "file://relative/folder", "locmem"])
def test_cache_url_rejects_what_it_does_not_know(url):
    with pytest.raises(ImproperlyConfigured):
        cache_from_url(url)


def test_a_file_cache_shares_the_rate_limit_between_processes(tmp_path, settings):
    """Two processes with the same CACHE_URL=file://... see each other's counts: the limit holds
    for an installation with several workers."""
    import subprocess
    import sys

    from buurtbaan.core.spam import is_over_limit

    settings.CACHES = {"default": cache_from_url(f"file://{tmp_path}")}
    assert [is_over_limit("shared", limit=2, window=60) for _ in range(2)] == [False, False]
    script = (
        "import django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE']='buurtbaan.settings';"
        "django.setup();"
        "from buurtbaan.core.spam import is_over_limit;"
        "print(is_over_limit('shared', limit=2, window=60))"
    )
    env = {**os.environ, "CACHE_URL": f"file://{tmp_path}"}
    other_process = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert other_process.stdout.strip() == "True"


def test_trusted_proxy_takes_one_address_or_a_star(monkeypatch):
    from buurtbaan.settings import envaddress

    monkeypatch.setenv("TRUSTED_PROXY", "10.0.0.2")
    assert envaddress("TRUSTED_PROXY", "127.0.0.1") == "10.0.0.2"
    monkeypatch.setenv("TRUSTED_PROXY", "10.0.0.0/8")
    with pytest.raises(ImproperlyConfigured):
        envaddress("TRUSTED_PROXY", "127.0.0.1")
