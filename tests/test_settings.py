import pytest
from django.core.exceptions import ImproperlyConfigured

from buurtbaan.settings import envbool, envint


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
