import datetime

import pytest
from django.urls import reverse

from buurtbaan.residents.models import ConsentScope
from buurtbaan.talentsearch.actions import reindex_residents
from tests.factories import (
    BarrierFactory,
    ConsentFactory,
    DreamFactory,
    ResidentFactory,
    SensitiveNoteFactory,
)


@pytest.fixture
def url():
    def _url(name, bureau, **kwargs):
        return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})

    return _url


@pytest.fixture
def pool_resident(personas):
    """`pool_resident(dreams=[...], talents=[...], in_pool=True, **fields)`: an indexed resident
    of the personas' bureau, with the employer-pool consent unless `in_pool=False`, and with data
    partners must never see: a barrier, an income situation, a sensitive note, contact details,
    a street, a full postcode and a date of birth."""

    def _make(*, dreams=("Iets met mensen",), talents=(), in_pool=True, bureau=None, **fields):
        bureau = bureau or personas.bureau
        defaults = {
            "last_name": "Bakker",
            "email": "geheim.adres@buurtbaan.example",
            "phone": "06-98765432",
            "street": "Geheimstraat 99",
            "postcode": "6828XY",
            "date_of_birth": datetime.date(1977, 3, 14),
            "income_situation": "participation_act",
            "skills": "Geheimevaardigheid",
            "work_experience": "Geheimewerkervaring",
            "education": "Geheimeopleiding",
        }
        resident = ResidentFactory(bureau=bureau, **{**defaults, **fields})
        resident.talents.set(bureau.talents.filter(name__in=talents))
        for position, text in enumerate(dreams):
            DreamFactory(resident=resident, description=text, position=position)
        BarrierFactory(resident=resident, description="Geheime belemmering")
        SensitiveNoteFactory(resident=resident, text="Geheime notitie")
        if in_pool:
            ConsentFactory(resident=resident, scope=ConsentScope.PARTNERS)
        reindex_residents([resident.pk])
        return resident

    return _make


#: What must never reach a partner, for residents made by `pool_resident`.
SECRETS = (
    "Geheime belemmering",
    "Geheime notitie",
    "geheim.adres@buurtbaan.example",
    "06-98765432",
    "Geheimstraat",
    "6828XY",
    "6828 XY",
    "1977",
    "14-03",
    "Geheimevaardigheid",
    "Geheimewerkervaring",
    "Geheimeopleiding",
    "participation",
    "Participatiewet",
    "bijstand",
)
