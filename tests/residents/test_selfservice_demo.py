"""The demo shows self-service: Sandra sees her own data, a few residents have a public profile,
and one generated resident waits for the coordinator to handle their erasure request."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from buurtbaan.bureaus.models import Bureau
from buurtbaan.residents import queries
from buurtbaan.residents.models import ErasureRequest, PublicProfile, Resident


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Bureau.objects.get(slug="spijkerkwartier")


def test_sandra_has_her_own_pages(client, demo):
    sandra = Resident.objects.get(bureau=demo, first_name="Sandra", last_name="Willems")
    client.force_login(sandra.user)
    response = client.get(reverse("residents:mydata", kwargs={"bureau_slug": demo.slug}))
    assert response.status_code == 200
    assert response.context["resident"] == sandra


def test_a_few_consenting_residents_have_a_public_profile(demo):
    visible = list(queries.public_profiles(demo))
    assert 2 <= len(visible) <= 4
    assert {"Jorge", "Nicolai"} <= {p.display_name for p in visible}
    assert all(not p.photo for p in PublicProfile.objects.all())


def test_one_generated_resident_asked_for_erasure(demo):
    pending = ErasureRequest.objects.filter(bureau=demo, status="pending")
    assert pending.count() == 1
    assert pending.get().resident.email.startswith("spijkerkwartier.bewoner")
