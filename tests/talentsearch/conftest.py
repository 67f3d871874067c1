import pytest
from django.db import connection
from django.urls import reverse

from buurtbaan.talentsearch.actions import reindex_residents
from tests.factories import DreamFactory, ResidentFactory

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
)


@pytest.fixture
def url():
    def _url(name, bureau, **kwargs):
        return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})

    return _url


@pytest.fixture
def make_resident(personas):
    """`make_resident(dreams=[...], talents=["koken"], **fields)`: a resident of the personas'
    bureau, indexed. Talents are names from the bureau's vocabulary."""

    def _make(*, dreams=(), talents=(), bureau=None, **fields):
        bureau = bureau or personas.bureau
        resident = ResidentFactory(bureau=bureau, **fields)
        resident.talents.set(bureau.talents.filter(name__in=talents))
        for position, text in enumerate(dreams):
            DreamFactory(resident=resident, description=text, position=position)
        reindex_residents([resident.pk])
        return resident

    return _make
