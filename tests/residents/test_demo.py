"""The demo talent bank: the Netwerkboek's people are there as the stories tell them."""

import io

import pytest
from django.core.management import call_command

from buurtbaan.residents.models import IncomeSituation, Intake, Resident, SensitiveNote, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def story(first_name):
    return Resident.objects.get(
        bureau__slug="spijkerkwartier",
        first_name=first_name,
        email__in=["", "sandra@buurtbaan.example"],
    )


def test_sandra_is_in_the_talent_bank_as_the_story_tells(demo):
    sandra = story("Sandra")
    assert sandra.coach.email == "coach@buurtbaan.example"
    assert {t.name for t in sandra.talents.all()} == {"organiseren", "verbinden"}
    assert sandra.dreams.first().description == "Iets in het theater"
    assert sandra.income_situation == IncomeSituation.PARTICIPATION_ACT
    assert sandra.has_benefit_rules_flag
    assert sandra.sensitive_notes.exists()


def test_the_other_stories_are_there(demo):
    assert {t.name for t in story("Nicolai").talents.all()} >= {"inspireren", "koken"}
    assert "kastanje" in story("Nicolai").own_talent_words
    assert story("Jorge").wants == "volunteer"
    assert story("Riet").stage == Stage.REFERRED
    assert story("Peter").stage == Stage.PLACED


def test_every_resident_has_a_believable_profile(demo):
    residents = Resident.objects.all()
    assert not residents.filter(intake_source="").exists()
    assert residents.filter(dreams__isnull=False).distinct().count() > 0.8 * residents.count()
    assert residents.filter(is_outside_area=True).exists()
    for stage in Stage:
        assert residents.filter(stage=stage).exists(), stage
    # Residents in an intake have an open intake, halfway.
    open_intakes = Intake.objects.filter(completed_at__isnull=True)
    assert open_intakes.count() == residents.filter(stage=Stage.INTAKE).count()
    # Sensitive notes are written by the resident's own coach.
    assert all(
        n.author_id == n.resident.coach_id for n in SensitiveNote.objects.select_related("resident")
    )


def test_the_demo_bureau_extended_its_talents(demo):
    names = set(
        Resident.objects.get(first_name="Nicolai").bureau.talents.values_list("name", flat=True)
    )
    assert {"verbinden", "bakken", "tuinieren"} <= names
