import pytest

from buurtbaan.residents.models import BarrierLevel, ConsentScope, IncomeSituation
from tests.factories import BarrierFactory, ConsentFactory, DreamFactory, SensitiveNoteFactory


def detail(login, user, url, resident):
    return login(user).get(url("residents:resident-detail", resident.bureau, pk=resident.pk))


def test_it_shows_the_profile_talents_dreams_barriers_and_consent(personas, login, url, resident):
    resident.talents.add(personas.bureau.talents.get(name="organiseren"))
    DreamFactory(resident=resident, description="Iets in het theater")
    BarrierFactory(resident=resident, level=BarrierLevel.SYSTEM, description="Regels")
    ConsentFactory(resident=resident, scope=ConsentScope.MATCHING)
    response = detail(login, personas.coach, url, resident)
    content = response.content.decode()
    assert response.status_code == 200
    for text in ("organiseren", "Iets in het theater", "Regels", 'id="consent"'):
        assert text in content
    assert b"<script>alert" not in response.content


def test_the_sensitive_section_is_only_there_for_the_coach_and_coordinators(
    personas, login, url, resident
):
    SensitiveNoteFactory(resident=resident, text="Rugklachten")
    notes_url = url("residents:sensitive-note-list", personas.bureau, pk=resident.pk)
    for user in (personas.coach, personas.coordinator):
        content = detail(login, user, url, resident).content.decode()
        assert notes_url in content
        assert "Rugklachten" not in content  # reading them is a separate, audited step
    ConsentFactory(resident=resident, scope=ConsentScope.COACHES)
    content = detail(login, personas.other_coach, url, resident).content.decode()
    assert notes_url not in content
    assert 'id="sensitive"' not in content


def test_another_coach_without_consent_sees_only_name_and_stage(personas, login, url, resident):
    DreamFactory(resident=resident, description="Geheime droom")
    response = detail(login, personas.other_coach, url, resident)
    assert response.status_code == 200
    assert "Geheime droom" not in response.content.decode()
    assert not response.context["can_see_profile"]


@pytest.mark.parametrize("who", ["partner", "resident", "funder", "other_coordinator", "outsider"])
def test_it_is_404_for_everyone_outside_the_talent_bank(personas, login, url, resident, who):
    assert detail(login, getattr(personas, who), url, resident).status_code == 404


def test_it_shows_the_benefit_rules_flag_for_a_benefit(personas, login, url, resident):
    resident.income_situation = IncomeSituation.PARTICIPATION_ACT
    resident.save()
    content = detail(login, personas.coach, url, resident).content.decode()
    assert content.count("benefit-flag") == 1
    resident.income_situation = IncomeSituation.NO_BENEFIT
    resident.save()
    content = detail(login, personas.coach, url, resident).content.decode()
    assert "benefit-flag" not in content


def test_it_flags_a_resident_outside_the_area(personas, login, url, resident):
    resident.is_outside_area = True
    resident.save()
    assert "flag--outside" in detail(login, personas.coach, url, resident).content.decode()


def test_only_the_coordinator_can_assign_a_coach(personas, login, url, resident):
    assign = url("residents:resident-assign-coach", personas.bureau, pk=resident.pk)
    assert detail(login, personas.coordinator, url, resident).context["coach_form"] is not None
    assert detail(login, personas.coach, url, resident).context["coach_form"] is None
    assert login(personas.coach).post(assign, {"coach": personas.coach.pk}).status_code == 403
    response = login(personas.coordinator).post(assign, {"coach": personas.other_coach.pk})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.coach == personas.other_coach


def test_a_coach_of_another_bureau_cannot_be_assigned(personas, login, url, resident):
    assign = url("residents:resident-assign-coach", personas.bureau, pk=resident.pk)
    login(personas.coordinator).post(assign, {"coach": personas.other_coordinator.pk})
    resident.refresh_from_db()
    assert resident.coach == personas.coach


def test_the_detail_page_has_a_flat_query_count(
    personas, login, url, resident, django_assert_max_num_queries
):
    for _ in range(5):
        BarrierFactory(resident=resident)
        ConsentFactory(
            resident=resident, scope=ConsentScope.PARTNERS, withdrawn_at="2025-01-01T10:00Z"
        )
        DreamFactory(resident=resident)
    client = login(personas.coordinator)
    client.get(url("residents:resident-detail", personas.bureau, pk=resident.pk))
    with django_assert_max_num_queries(16):
        client.get(url("residents:resident-detail", personas.bureau, pk=resident.pk))
