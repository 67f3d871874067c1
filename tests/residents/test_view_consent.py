from buurtbaan.residents.models import ConsentScope


def test_it_gives_and_withdraws_consent_and_shows_the_history(personas, login, url, resident):
    page = url("residents:consent-list", personas.bureau, pk=resident.pk)
    client = login(personas.coach)
    client.post(page, {"scopes": ["partners", "matching"], "consent_note": "formulier"})
    assert resident.has_consent(ConsentScope.PARTNERS)
    client.post(page, {"scopes": ["matching"]})
    resident.refresh_from_db()
    assert not resident.has_consent(ConsentScope.PARTNERS)
    assert resident.has_consent(ConsentScope.MATCHING)
    response = client.get(page)
    assert response.context["form"]["scopes"].value() == ["matching"]
    assert len(response.context["consents"]) == 2
    assert "formulier" in response.content.decode()


def test_another_coach_without_consent_cannot_open_it(personas, login, url, resident):
    page = url("residents:consent-list", personas.bureau, pk=resident.pk)
    assert login(personas.other_coach).get(page).status_code == 403
