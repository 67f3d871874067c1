"""Choosing the columns: suggestions from the header names, and the mapping form's rules."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from buurtbaan.imports import actions
from buurtbaan.imports.forms import MappingForm
from buurtbaan.imports.targets import get_target
from tests.factories import ImportRunFactory

TARGET = get_target("residents")


def test_it_suggests_the_columns_from_dutch_headers():
    headers = [
        "Voornaam",
        "Tussenvoegsel",
        "Achternaam",
        "Geboortedatum",
        "Straat",
        "Huisnummer",
        "Postcode",
        "Woonplaats",
        "E-mailadres",
        "Telefoonnummer",
        "Talenten",
        "Droombaan",
        "Uren per week",
        "Beschikbare dagen",
        "Coach",
    ]
    mapping = TARGET.suggest_mapping(headers)
    assert {name: headers[index] for name, index in mapping.items()} == {
        "first_name": "Voornaam",
        "name_prefix": "Tussenvoegsel",
        "last_name": "Achternaam",
        "date_of_birth": "Geboortedatum",
        "street": "Straat",
        "house_number": "Huisnummer",
        "postcode": "Postcode",
        "city": "Woonplaats",
        "email": "E-mailadres",
        "phone": "Telefoonnummer",
        "talents": "Talenten",
        "dreams": "Droombaan",
        "hours_per_week": "Uren per week",
        "available_days": "Beschikbare dagen",
        "coach": "Coach",
    }


def test_it_suggests_the_columns_from_english_headers_in_any_case():
    headers = ["FIRST NAME", "last_name", "Date of birth", "Zip code", "E-mail", "Dream job"]
    assert TARGET.suggest_mapping(headers) == {
        "first_name": 0,
        "last_name": 1,
        "date_of_birth": 2,
        "postcode": 3,
        "email": 4,
        "dreams": 5,
    }


def test_it_looks_past_explanations_and_longer_names():
    headers = ["Geboortedatum (dd-mm-jjjj)", "Postcode woonadres", "Opmerkingen"]
    assert TARGET.suggest_mapping(headers) == {"date_of_birth": 0, "postcode": 1}


def test_it_suggests_each_field_and_each_column_once():
    headers = ["Voornaam", "Voornaam", "Talenten in eigen woorden", "Talenten"]
    assert TARGET.suggest_mapping(headers) == {
        "first_name": 0,
        "own_talent_words": 2,
        "talents": 3,
    }


def mapping_form(run, data):
    columns = [
        {"index": index, "letter": "ABCD"[index], "header": header, "examples": []}
        for index, header in enumerate(run.headers)
    ]
    return MappingForm(data, run=run, target=TARGET, columns=columns)


@pytest.mark.django_db
def test_the_form_starts_from_the_suggestion():
    run = ImportRunFactory()
    form = mapping_form(run, None)
    assert [form[f"column_{index}"].initial for index in range(4)] == [
        "first_name",
        "last_name",
        "date_of_birth",
        "postcode",
    ]
    assert form["column_1"].label == "B · Achternaam"


@pytest.mark.django_db
def test_the_form_gives_the_mapping_of_the_chosen_columns():
    run = ImportRunFactory()
    data = {"column_0": "first_name", "column_1": "last_name", "column_2": "date_of_birth"}
    data["column_3"] = "postcode"
    form = mapping_form(run, data)
    assert form.is_valid(), form.errors
    assert form.mapping == {"first_name": 0, "last_name": 1, "date_of_birth": 2, "postcode": 3}


@pytest.mark.django_db
def test_the_form_requires_a_column_for_each_required_field():
    run = ImportRunFactory()
    form = mapping_form(run, {"column_0": "first_name", "column_1": "last_name"})
    with translation.override("en"):
        assert not form.is_valid()
        assert form.non_field_errors() == [
            "Choose a column for each required field: date of birth, postcode."
        ]


@pytest.mark.django_db
def test_the_form_refuses_one_field_for_two_columns():
    run = ImportRunFactory()
    data = {
        "column_0": "first_name",
        "column_1": "first_name",
        "column_2": "date_of_birth",
        "column_3": "postcode",
    }
    form = mapping_form(run, data)
    assert not form.is_valid()
    assert "(A, B)" in form.errors["column_0"][0]
    assert "(A, B)" in form.errors["column_1"][0]


@pytest.mark.django_db
def test_the_action_refuses_an_incomplete_or_impossible_mapping(personas):
    run = ImportRunFactory(bureau=personas.bureau)
    complete = {"first_name": 0, "last_name": 1, "date_of_birth": 2, "postcode": 3}
    for mapping in (
        {"first_name": 0, "last_name": 1},
        {**complete, "email": 3},
        {**complete, "city": 9},
        {**complete, "income_situation": 0},
    ):
        with pytest.raises(ValidationError):
            actions.choose_columns(actor=personas.coach, run=run, mapping=mapping)
    actions.choose_columns(actor=personas.coach, run=run, mapping=complete)
    assert run.status == "checking"
