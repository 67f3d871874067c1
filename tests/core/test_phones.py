"""Phone numbers: checked, kept as E.164, shown readably, everywhere one is typed."""

import io

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from buurtbaan.board.models import Response
from buurtbaan.bureaus.models import Bureau
from buurtbaan.core.phones import format_phone, normalise_phone
from buurtbaan.organisations.models import Organisation
from buurtbaan.residents import actions as resident_actions
from buurtbaan.residents.models import Resident
from tests.factories import BoardItemFactory, ResidentFactory


def _url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


@pytest.mark.parametrize(
    "typed",
    [
        "06 12345678",
        "06-1234 5678",
        "0612345678",
        "+31 6 12345678",
        "0031612345678",
        "(06)12345678",
    ],
)
def test_the_ways_people_write_a_dutch_mobile_number_are_one_number(typed):
    assert normalise_phone(typed) == "+31612345678"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+31612345678", "06 12345678"),
        ("+31260000000", "026 000 0000"),
        ("+32470123456", "+32 470 12 34 56"),
        ("", ""),
        ("bel de buurvrouw", "bel de buurvrouw"),  # an old free-text value stays readable
    ],
)
def test_a_stored_number_is_shown_the_way_people_read_it(stored, shown):
    assert format_phone(stored) == shown


@pytest.mark.parametrize("typed", ["06-1234", "12345", "+cmd|' /C calc'!A0", "bel maar", "112"])
def test_what_is_not_a_phone_number_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_phone(typed)
    assert refused.value.code == "invalid_phone"


def test_a_staff_member_gets_a_dutch_error_and_keeps_the_typed_number(personas, login):
    resident = ResidentFactory(bureau=personas.bureau, coach=personas.coach)
    edit = _url("residents:resident-update", personas.bureau, pk=resident.pk, section="persoonlijk")
    client = login(personas.coach)
    data = client.get(edit).context["form"].initial
    data = {key: ("" if value is None else value) for key, value in data.items()}
    data.update({"phone": "06-1234", "date_of_birth": "1980-05-01"})
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "geen telefoonnummer" in response.context["form"].errors["phone"][0]
    assert 'value="06-1234"' in response.content.decode()

    data["phone"] = "06-1234 5678"
    assert client.post(edit, data).status_code == 302
    resident.refresh_from_db()
    assert resident.phone == "+31612345678"
    assert 'value="06 12345678"' in client.get(edit).content.decode()
    detail = client.get(_url("residents:resident-detail", personas.bureau, pk=resident.pk))
    assert "06 12345678" in detail.content.decode()


def test_a_sign_up_with_a_wrong_number_is_refused_and_a_right_one_kept_as_e164(client, personas):
    cache.clear()
    data = {
        "first_name": "Yasmina",
        "last_name": "Ouali",
        "email": "yasmina@buurtbaan.example",
        "password": "een-lang-wachtwoord-42",
        "postcode": "6828 ab",
        "date_of_birth": "1990-03-14",
        "phone": "06 1234",
    }
    sign_up = _url("residents:registration-create", personas.bureau)
    response = client.post(sign_up, data)
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert 'value="06 1234"' in response.content.decode()
    assert not Resident.objects.filter(email="yasmina@buurtbaan.example").exists()
    client.post(sign_up, {**data, "phone": "+31 6 1234 5678"})
    assert Resident.objects.get(email="yasmina@buurtbaan.example").phone == "+31612345678"


def test_a_visitor_response_checks_the_number(client, personas):
    item = BoardItemFactory(bureau=personas.bureau)
    respond = _url("board:item-respond", personas.bureau, pk=item.pk)
    refused = client.post(respond, {"name": "Ans", "phone": "=HYPERLINK(1)", "message": "Ja"})
    assert "phone" in refused.context["form"].errors
    assert client.post(respond, {"name": "Ans", "phone": "026 000 0000"}).status_code == 302
    assert Response.objects.get(item=item).phone == "+31260000000"


def test_an_organisation_s_number_is_checked_and_kept_as_e164(personas, login):
    client = login(personas.coach)
    create = _url("organisations:organisation-create", personas.bureau)
    data = {"name": "BuurtGroen", "kind": "social_enterprise", "scale_level": 3, "phone": "0261"}
    assert "phone" in client.post(create, data).context["form"].errors
    client.post(create, {**data, "phone": "026 123 4567"})
    assert Organisation.objects.get(name="BuurtGroen").phone == "+31261234567"


def test_the_bureau_s_number_is_checked_and_kept_as_e164(personas, login):
    client = login(personas.coordinator)
    edit = _url("bureaus:settings", personas.bureau)
    form = client.get(edit).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data["postcode_ranges"] = "6828"
    refused = client.post(edit, {**data, "phone": "026"})
    assert "phone" in refused.context["form"].errors
    client.post(edit, {**data, "phone": "026 000 0000"})
    assert Bureau.objects.get(pk=personas.bureau.pk).phone == "+31260000000"


def test_the_actions_keep_numbers_in_one_form_whoever_calls_them(personas):
    resident = ResidentFactory(bureau=personas.bureau, phone="")
    resident_actions.update_resident(
        actor=personas.coach, resident=resident, changes={"phone": "06 1234 5678"}
    )
    assert resident.phone == "+31612345678"
    with pytest.raises(ValidationError) as refused:
        resident_actions.update_resident(
            actor=personas.coach, resident=resident, changes={"phone": "06"}
        )
    assert "phone" in refused.value.error_dict


def test_the_migration_converts_stored_numbers_and_keeps_what_it_cannot_read(personas):
    from buurtbaan.core.phones import normalise_stored_phones

    mobile, unreadable, empty = (ResidentFactory(bureau=personas.bureau) for _ in range(3))
    Resident.objects.filter(pk=mobile.pk).update(phone="06-1234 5678")
    Resident.objects.filter(pk=unreadable.pk).update(phone="bel de buurvrouw")
    Resident.objects.filter(pk=empty.pk).update(phone="")
    normalise_stored_phones(Resident)
    phones = dict(Resident.objects.values_list("pk", "phone"))
    assert (phones[mobile.pk], phones[unreadable.pk], phones[empty.pk]) == (
        "+31612345678",
        "bel de buurvrouw",
        "",
    )


@pytest.mark.django_db
def test_every_phone_number_of_the_demo_is_valid_and_stored_as_e164():
    from django.core.management import call_command

    from buurtbaan.core.phones import E164, validate_phone

    call_command("load_demo", stdout=io.StringIO())
    phones = [
        phone
        for model in (Resident, Bureau, Organisation, Response)
        for phone in model.objects.exclude(phone="").values_list("phone", flat=True)
    ]
    assert len(phones) > 100
    for phone in phones:
        assert E164.fullmatch(phone), phone
        validate_phone(phone)
