from buurtbaan.residents.models import Intake, IntakeStep, Stage
from tests.factories import IntakeFactory, ResidentFactory


def start(client, url, resident):
    return client.post(url("residents:intake-list", resident.bureau, pk=resident.pk))


def step_url(url, intake, step):
    return url(
        "residents:intake-step",
        intake.resident.bureau,
        pk=intake.resident_id,
        intake_pk=intake.pk,
        step=step,
    )


def personal_data(resident, **overrides):
    return {
        "first_name": resident.first_name,
        "last_name": "Willems",
        "date_of_birth": "1982-04-17",
        "email": "",
        "phone": "06 1234 5678",
        "street": "",
        "postcode": "6828AB",
        "city": "Arnhem",
        "languages": "Nederlands",
        "intake_source": "walk_in",
        "intake_source_detail": "",
        "notes": "Kwam binnenlopen.",
        **overrides,
    }


def test_starting_goes_to_step_one(personas, login, url):
    resident = ResidentFactory(bureau=personas.bureau)
    response = start(login(personas.coach), url, resident)
    intake = Intake.objects.get()
    assert response["Location"] == step_url(url, intake, 1)
    resident.refresh_from_db()
    assert resident.stage == Stage.INTAKE
    assert resident.coach == personas.coach


def test_saving_halfway_and_resuming_at_the_step_reached(personas, login, url, resident):
    client = login(personas.coach)
    start(client, url, resident)
    intake = Intake.objects.get()
    response = client.post(step_url(url, intake, 1), personal_data(resident, next=""))
    assert response["Location"] == step_url(url, intake, 2)
    response = client.post(
        step_url(url, intake, 2),
        {"own_talent_words": "geduld", "skills": "", "dreams": "Iets in het theater", "pause": ""},
    )
    assert response["Location"] == url("residents:resident-detail", personas.bureau, pk=resident.pk)
    intake.refresh_from_db()
    assert intake.step_reached == IntakeStep.WORK
    # Coming back: the start button resumes at step 3, and step 1 shows what was saved.
    assert start(client, url, resident)["Location"] == step_url(url, intake, 3)
    page = client.get(step_url(url, intake, 1))
    assert "Kwam binnenlopen." in page.content.decode()
    assert (
        page.context["form"]["phone"].value() == "06 12345678"
    )  # the stored +31612345678, shown readably


def test_a_later_step_redirects_to_the_step_reached(personas, login, url, resident):
    intake = IntakeFactory(resident=resident, coach=personas.coach)
    response = login(personas.coach).get(step_url(url, intake, 5))
    assert response["Location"] == step_url(url, intake, 1)


def test_an_invalid_step_keeps_the_input_and_does_not_advance(personas, login, url, resident):
    intake = IntakeFactory(resident=resident, coach=personas.coach)
    response = login(personas.coach).post(
        step_url(url, intake, 1), personal_data(resident, postcode="1234", phone="06 9")
    )
    assert response.status_code == 200
    assert 'value="06 9"' in response.content.decode()
    intake.refresh_from_db()
    assert intake.step_reached == 1


def test_the_barrier_step_saves_a_barrier_and_can_stay(personas, login, url, resident):
    intake = IntakeFactory(resident=resident, coach=personas.coach, step_reached=4)
    response = login(personas.coach).post(
        step_url(url, intake, 4),
        {
            "level": "system",
            "description": "Bang om uitkering te verliezen",
            "support_needed": "",
            "sensitive_category": "debts",
            "sensitive_text": "Schulden bij de energieleverancier",
            "notes": "",
            "stay": "",
        },
    )
    assert response["Location"] == step_url(url, intake, 4)
    assert resident.barriers.count() == 1
    assert resident.sensitive_notes.count() == 1


def test_the_barrier_step_offers_no_sensitive_note_to_other_coaches(personas, login, url):
    resident = ResidentFactory(bureau=personas.bureau)  # no coach: any coach may do the intake
    intake = IntakeFactory(resident=resident, coach=personas.other_coach, step_reached=4)
    page = login(personas.other_coach).get(step_url(url, intake, 4))
    assert "sensitive_text" not in page.context["form"].fields


def test_a_barrier_needs_a_level(personas, login, url, resident):
    intake = IntakeFactory(resident=resident, coach=personas.coach, step_reached=4)
    response = login(personas.coach).post(
        step_url(url, intake, 4), {"description": "Geen fiets", "next": ""}
    )
    assert "level" in response.context["form"].errors
    assert resident.barriers.count() == 0


def test_the_consent_and_decision_steps_finish_the_intake(personas, login, url, resident):
    intake = IntakeFactory(resident=resident, coach=personas.coach, step_reached=5)
    client = login(personas.coach)
    client.post(step_url(url, intake, 5), {"scopes": ["coaches", "matching"], "next": ""})
    assert resident.has_consent("matching")
    missing = client.post(step_url(url, intake, 6), {"decision": "refer", "referred_to": ""})
    assert "referred_to" in missing.context["form"].errors
    response = client.post(
        step_url(url, intake, 6),
        {"decision": "refer", "referred_to": "Sociaal Wijkteam", "decision_note": "Eerst zorg"},
    )
    assert response["Location"] == url("residents:resident-detail", personas.bureau, pk=resident.pk)
    intake.refresh_from_db()
    resident.refresh_from_db()
    assert intake.is_completed
    assert resident.stage == Stage.REFERRED
    # A completed intake is no longer editable.
    later = client.get(step_url(url, intake, 2))
    assert later["Location"] == url("residents:intake-list", personas.bureau, pk=resident.pk)


def test_the_intake_list_shows_decisions_and_notes(personas, login, url, resident):
    IntakeFactory(
        resident=resident,
        coach=personas.coach,
        answers={"talents": {"notes": "Krijgt energie van koken"}},
    )
    page = login(personas.coach).get(url("residents:intake-list", personas.bureau, pk=resident.pk))
    assert "Krijgt energie van koken" in page.content.decode()


def test_an_intake_of_another_resident_is_404(personas, login, url, resident):
    other = IntakeFactory(resident=ResidentFactory(bureau=personas.bureau))
    wrong = url(
        "residents:intake-step", personas.bureau, pk=resident.pk, intake_pk=other.pk, step=1
    )
    assert login(personas.coordinator).get(wrong).status_code == 404


def test_an_unknown_step_is_404(personas, login, url, resident):
    intake = IntakeFactory(resident=resident)
    assert login(personas.coach).get(step_url(url, intake, 7)).status_code == 404
