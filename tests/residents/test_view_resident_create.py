import datetime

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.residents.models import Resident


def valid_data(**overrides):
    return {
        "first_name": "Sandra",
        "last_name": "Willems",
        "date_of_birth": "1982-04-17",
        "postcode": "6828 bc",
        "street": "Spijkerstraat 12",
        "city": "Arnhem",
        "email": "sandra.w@buurtbaan.example",
        "phone": "",
        "languages": "Nederlands",
        "intake_source": "walk_in",
        "intake_source_detail": "",
        "coach": "",
        **overrides,
    }


def test_a_coach_registers_a_resident(personas, login, url):
    client = login(personas.coach)
    form_page = client.get(url("residents:resident-create", personas.bureau))
    assert form_page.context["form"]["coach"].value() == personas.coach.pk
    response = client.post(
        url("residents:resident-create", personas.bureau), valid_data(coach=personas.coach.pk)
    )
    resident = Resident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("residents:resident-detail", personas.bureau, pk=resident.pk)
    assert resident.bureau == personas.bureau
    assert resident.postcode == "6828BC"
    assert resident.coach == personas.coach
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(resident.pk)).exists()


def test_under_18_is_refused_clearly_and_the_input_is_kept(personas, login, url):
    born = datetime.date.today().replace(year=datetime.date.today().year - 16)
    response = login(personas.coach).post(
        url("residents:resident-create", personas.bureau),
        valid_data(date_of_birth=born.isoformat(), first_name="Jonge"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["date_of_birth"]
    assert "18" in errors[0]
    content = response.content.decode()
    assert 'value="Jonge"' in content
    assert 'aria-invalid="true"' in content
    assert not Resident.objects.exists()


def test_a_wrong_postcode_gets_a_clear_error(personas, login, url):
    response = login(personas.coach).post(
        url("residents:resident-create", personas.bureau), valid_data(postcode="6828")
    )
    assert response.status_code == 200
    error = response.context["form"].errors["postcode"][0]
    assert "6828" in error
    assert "AB" in error
    assert 'value="6828"' in response.content.decode()


def test_a_resident_outside_the_area_is_welcome_and_flagged(personas, login, url):
    response = login(personas.coach).post(
        url("residents:resident-create", personas.bureau),
        valid_data(postcode="6822AB"),
        follow=True,
    )
    resident = Resident.objects.get()
    assert resident.is_outside_area
    assert len(list(response.context["messages"])) == 2


def test_a_coach_of_another_bureau_cannot_be_chosen(personas, login, url):
    response = login(personas.coordinator).post(
        url("residents:resident-create", personas.bureau),
        valid_data(coach=personas.other_coordinator.pk),
    )
    assert "coach" in response.context["form"].errors
