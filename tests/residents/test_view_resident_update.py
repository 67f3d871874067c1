import pytest

from buurtbaan.residents.models import IncomeSituation, TravelRange, WorkWanted
from tests.factories import ConsentFactory


def test_it_edits_the_personal_details_and_keeps_input_on_errors(personas, login, url, resident):
    edit = url("residents:resident-update", personas.bureau, pk=resident.pk, section="persoonlijk")
    client = login(personas.coach)
    data = client.get(edit).context["form"].initial
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update({"phone": "06 1111 2222", "postcode": "XYZ", "date_of_birth": "1980-05-01"})
    response = client.post(edit, data)
    assert response.status_code == 200
    assert 'value="06 1111 2222"' in response.content.decode()
    data["postcode"] = "6828 cd"
    assert client.post(edit, data).status_code == 302
    resident.refresh_from_db()
    assert (resident.phone, resident.postcode) == ("+31611112222", "6828CD")


def test_it_edits_talents_and_dreams(personas, login, url, resident):
    edit = url("residents:resident-update", personas.bureau, pk=resident.pk, section="talenten")
    koken = personas.bureau.talents.get(name="koken")
    response = login(personas.coach).post(
        edit,
        {
            "talents": [koken.pk],
            "own_talent_words": "geduld",
            "skills": "kassa",
            "dreams": "Kok worden\n\nEigen lunchroom",
        },
    )
    assert response.status_code == 302
    assert list(resident.talents.all()) == [koken]
    assert [d.description for d in resident.dreams.all()] == ["Kok worden", "Eigen lunchroom"]


def test_it_offers_only_the_bureaus_talents(personas, login, url, resident):
    from tests.factories import TalentFactory

    foreign = TalentFactory(bureau=personas.other_bureau)
    edit = url("residents:resident-update", personas.bureau, pk=resident.pk, section="talenten")
    response = login(personas.coach).post(edit, {"talents": [foreign.pk], "dreams": ""})
    assert "talents" in response.context["form"].errors


def test_it_edits_work_and_preferences(personas, login, url, resident):
    edit = url("residents:resident-update", personas.bureau, pk=resident.pk, section="werk")
    response = login(personas.coach).post(
        edit,
        {
            "work_experience": "Kassa",
            "education": "mbo 2",
            "wants": WorkWanted.VOLUNTEER,
            "hours_per_week": "12",
            "available_days": ["mon", "thu"],
            "travel": TravelRange.CYCLING,
            "income_situation": IncomeSituation.UNEMPLOYMENT_BENEFIT,
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.available_days == ["mon", "thu"]
    assert resident.hours_per_week == 12
    assert resident.has_benefit_rules_flag


def test_too_many_hours_are_refused(personas, login, url, resident):
    edit = url("residents:resident-update", personas.bureau, pk=resident.pk, section="werk")
    response = login(personas.coach).post(
        edit, {"wants": "both", "travel": "anywhere", "hours_per_week": "90"}
    )
    assert "hours_per_week" in response.context["form"].errors


def test_an_unknown_section_is_404(personas, login, url, resident):
    edit = url("residents:resident-update", personas.bureau, pk=resident.pk, section="geheim")
    assert login(personas.coach).get(edit).status_code == 404


def test_another_coach_without_consent_may_not_edit(personas, login, url, resident):
    edit = url("residents:resident-update", personas.bureau, pk=resident.pk, section="werk")
    assert login(personas.other_coach).get(edit).status_code == 403
    ConsentFactory(resident=resident, scope="coaches")
    assert login(personas.other_coach).get(edit).status_code == 200


@pytest.mark.parametrize("who", ["partner", "funder", "resident"])
def test_other_roles_get_404(personas, login, url, resident, who):
    edit = url("residents:resident-update", personas.bureau, pk=resident.pk, section="werk")
    assert login(getattr(personas, who)).post(edit, {}).status_code == 404
