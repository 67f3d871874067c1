"""The demo neighbourhood: believable, fictional, and loading it twice changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from buurtbaan.bureaus.models import Bureau, Membership, Role
from buurtbaan.residents.models import Resident


def snapshot():
    """Row counts of every model, plus the residents' data, to compare two runs."""
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    counts.pop("audit.AuditEntry")  # a second run may log nothing new, but counts are not data
    residents = list(
        Resident.objects.order_by("pk").values_list(
            "first_name", "last_name", "postcode", "date_of_birth"
        )
    )
    return counts, residents


@pytest.mark.django_db
def test_the_demo_loads_twice_without_changing_anything():
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first

    printed = output.getvalue()
    for address in ("coordinator@", "coach@", "partner@", "sandra@", "funder@", "admin@"):
        assert address in printed
    assert "buurtbaan-demo" in printed


@pytest.mark.django_db
def test_the_demo_has_the_netwerkboek_stories_and_two_bureaus():
    call_command("load_demo", stdout=io.StringIO())
    main = Bureau.objects.get(slug="spijkerkwartier")
    assert Bureau.objects.filter(slug="klarendal").exists()
    names = set(Resident.objects.filter(bureau=main).values_list("first_name", flat=True))
    assert {"Sandra", "Jorge", "Nicolai", "Riet", "Peter"} <= names
    assert Resident.objects.filter(bureau=main).count() >= 300
    assert main.organisations.count() >= 30
    assert main.organisations.filter(name="Theater De Spijker").exists()
    roles = set(Membership.objects.filter(bureau=main).values_list("role", flat=True))
    assert roles == set(Role.values)


@pytest.mark.django_db
def test_demo_data_is_fictional():
    call_command("load_demo", stdout=io.StringIO())
    emails = Resident.objects.exclude(email="").values_list("email", flat=True)
    assert all(email.endswith("@buurtbaan.example") for email in emails)
    adults = [r for r in Resident.objects.all() if r.age_on(r.created_at.date()) >= 18]
    assert len(adults) == Resident.objects.count()
