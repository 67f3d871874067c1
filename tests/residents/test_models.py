import datetime

import pytest
from django.utils import timezone, translation

from buurtbaan.residents.models import (
    STANDARD_TALENTS,
    ConsentScope,
    IncomeSituation,
    Intake,
    Resident,
    Talent,
    split_words,
)
from tests.factories import BureauFactory, ConsentFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def test_age_on_counts_birthdays():
    resident = Resident(date_of_birth=datetime.date(2000, 6, 15))
    assert resident.age_on(datetime.date(2018, 6, 14)) == 17
    assert resident.age_on(datetime.date(2018, 6, 15)) == 18


def test_lists_are_split_on_commas_semicolons_and_lines():
    assert split_words("Nederlands, Engels;Arabisch\n  Turks ,") == [
        "Nederlands",
        "Engels",
        "Arabisch",
        "Turks",
    ]
    resident = Resident(skills="kassa, EHBO", languages="", own_talent_words="geduld")
    assert resident.skill_list() == ["kassa", "EHBO"]
    assert resident.language_list() == []
    assert resident.own_talent_word_list() == ["geduld"]


def test_available_days_are_labelled_in_week_order():
    resident = Resident(available_days=["fri", "mon"])
    with translation.override("en"):
        assert [str(label) for label in resident.available_day_labels()] == ["Monday", "Friday"]


@pytest.mark.parametrize(
    ("income", "flagged"),
    [
        ("", False),
        (IncomeSituation.NO_BENEFIT, False),
        (IncomeSituation.PARTICIPATION_ACT, True),
        (IncomeSituation.UNEMPLOYMENT_BENEFIT, True),
        (IncomeSituation.OTHER_BENEFIT, True),
    ],
)
def test_the_benefit_rules_flag_follows_only_the_income_situation(income, flagged):
    assert Resident(income_situation=income).has_benefit_rules_flag is flagged


def test_has_consent_ignores_withdrawn_consent():
    resident = ResidentFactory()
    ConsentFactory(resident=resident, scope=ConsentScope.PARTNERS, withdrawn_at=timezone.now())
    ConsentFactory(resident=resident, scope=ConsentScope.MATCHING)
    assert resident.has_consent(ConsentScope.MATCHING)
    assert not resident.has_consent(ConsentScope.PARTNERS)
    assert list(Resident.objects.with_consent(ConsentScope.MATCHING)) == [resident]
    assert not Resident.objects.with_consent(ConsentScope.PARTNERS).exists()


def test_has_consent_uses_prefetched_consents(django_assert_num_queries):
    ConsentFactory(scope=ConsentScope.COACHES)
    resident = Resident.objects.prefetch_related("consents").get()
    with django_assert_num_queries(0):
        assert resident.has_consent(ConsentScope.COACHES)


def test_a_new_bureau_gets_the_standard_talents():
    bureau = BureauFactory()
    names = set(Talent.objects.filter(bureau=bureau).values_list("name", flat=True))
    assert names == set(STANDARD_TALENTS)
    assert {"verbinden", "organiseren", "repareren", "koken", "inspireren"} <= names


def test_anonymised_residents_have_no_name():
    resident = Resident(first_name="Sandra", last_name="Willems", is_anonymised=True)
    assert "Sandra" not in str(resident)


def test_an_intake_knows_its_saved_steps_and_notes():
    intake = Intake(answers={"personal": {"notes": "kwam binnenlopen"}})
    assert intake.is_step_saved(1)
    assert not intake.is_step_saved(2)
    assert intake.notes_for(1) == "kwam binnenlopen"
    assert intake.notes_for(2) == ""
