from buurtbaan.residents.models import Talent


def test_coaches_see_the_vocabulary_with_counts(personas, login, url, resident):
    resident.talents.add(personas.bureau.talents.get(name="koken"))
    response = login(personas.coach).get(url("residents:talent-list", personas.bureau))
    counts = {t.name: t.resident_count for t in response.context["talents"]}
    assert counts["koken"] == 1
    assert counts["bouwen"] == 0


def test_the_coordinator_adds_a_talent(personas, login, url):
    response = login(personas.coordinator).post(
        url("residents:talent-list", personas.bureau), {"name": "Tuinieren", "description": ""}
    )
    assert response.status_code == 302
    assert Talent.objects.filter(bureau=personas.bureau, name="tuinieren").exists()


def test_a_duplicate_talent_gets_a_clear_error(personas, login, url):
    response = login(personas.coordinator).post(
        url("residents:talent-list", personas.bureau), {"name": "KOKEN"}
    )
    assert response.status_code == 200
    assert "koken" in response.context["form"].errors["name"][0]


def test_the_coordinator_retires_a_talent(personas, login, url):
    talent = personas.bureau.talents.get(name="gidsen")
    response = login(personas.coordinator).post(
        url("residents:talent-update", personas.bureau, pk=talent.pk),
        {"name": "gidsen", "description": "anderen de weg wijzen", "is_active": ""},
    )
    assert response.status_code == 302
    talent.refresh_from_db()
    assert not talent.is_active
    assert talent.description == "anderen de weg wijzen"


def test_a_coach_cannot_add_talents(personas, login, url):
    response = login(personas.coach).post(
        url("residents:talent-list", personas.bureau), {"name": "tuinieren"}
    )
    assert response.status_code == 403
