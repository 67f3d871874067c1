"""`core.locking` itself: the signed `opened_as` field, and that the check holds when two saves
arrive at the same moment (the row lock), on PostgreSQL where two transactions really overlap."""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from buurtbaan.core import locking
from buurtbaan.residents import actions
from buurtbaan.residents.forms import PersonalForm
from buurtbaan.residents.models import Resident
from tests.factories import ResidentFactory
from tests.locking import changed, client_for, form_data


def test_a_form_opened_on_a_record_carries_a_signed_fingerprint(personas):
    resident = ResidentFactory(bureau=personas.bureau, phone="06 1234 5678")
    token = PersonalForm(instance=resident)[locking.FIELD_NAME].value()
    opened = locking.read_token(token)
    assert set(opened["f"]) == set(PersonalForm.Meta.fields)
    assert resident.phone not in token
    assert locking.read_token(token[:-2] + "xx") is None


def test_a_damaged_token_is_a_conflict_not_a_silent_save(personas):
    resident = ResidentFactory(bureau=personas.bureau, city="Arnhem")
    url = reverse(
        "residents:resident-update", args=[personas.bureau.slug, resident.pk, "persoonlijk"]
    )
    client = client_for(personas.coordinator)
    data = changed(form_data(client.get(url)), city="Velp", **{locking.FIELD_NAME: "kapot"})
    response = client.post(url, data)
    assert response.status_code == 409
    assert [row.typed for row in response.context["form"].edit_conflict.rows] == ["Velp"]
    resident.refresh_from_db()
    assert resident.city == "Arnhem"


def test_the_conflict_page_is_in_dutch(personas):
    resident = ResidentFactory(bureau=personas.bureau)
    url = reverse(
        "residents:resident-update", args=[personas.bureau.slug, resident.pk, "persoonlijk"]
    )
    coordinator, coach = client_for(personas.coordinator, "nl"), client_for(personas.coach, "nl")
    first, second = form_data(coordinator.get(url)), form_data(coach.get(url))
    coordinator.post(url, changed(first, phone="06 5555 4444"))
    page = coach.post(url, changed(second, city="Velp")).content.decode()
    assert "Iemand anders heeft dit intussen veranderd" in page
    assert "Wat u typte" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time")
@pytest.mark.django_db(transaction=True)
def test_of_two_saves_at_the_same_moment_the_second_waits_and_gets_the_conflict(
    personas, monkeypatch
):
    resident = ResidentFactory(bureau=personas.bureau, phone="06 1234 5678", city="Arnhem")
    url = reverse(
        "residents:resident-update", args=[personas.bureau.slug, resident.pk, "persoonlijk"]
    )
    coordinator, coach = client_for(personas.coordinator), client_for(personas.coach)
    first, second = form_data(coordinator.get(url)), form_data(coach.get(url))

    first_is_writing, second_may_finish = threading.Event(), threading.Event()
    update_resident = actions.update_resident

    def slow_first_save(**kwargs):
        changed_fields = update_resident(**kwargs)
        if kwargs["actor"] == personas.coordinator:
            first_is_writing.set()  # the row is locked and changed, not yet committed
            second_may_finish.wait(timeout=5)
        return changed_fields

    monkeypatch.setattr(actions, "update_resident", slow_first_save)
    statuses = {}

    def save(name, client, data):
        try:
            statuses[name] = client.post(url, data).status_code
        finally:
            connections.close_all()

    coordinator_saves = threading.Thread(
        target=save, args=("coordinator", coordinator, changed(first, phone="06 5555 4444"))
    )
    coach_saves = threading.Thread(target=save, args=("coach", coach, changed(second, city="Velp")))
    coordinator_saves.start()
    assert first_is_writing.wait(timeout=5)
    coach_saves.start()
    coach_saves.join(timeout=1)
    assert coach_saves.is_alive()  # waiting for the row lock
    second_may_finish.set()
    coordinator_saves.join(timeout=10)
    coach_saves.join(timeout=10)

    assert statuses == {"coordinator": 302, "coach": 409}
    stored = Resident.objects.get(pk=resident.pk)
    assert (stored.phone, stored.city) == ("+31655554444", "Arnhem")
