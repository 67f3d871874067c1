"""The resident import target: the talent bank's rules applied to one row at a time."""

import datetime

import pytest
from django.utils import timezone, translation

from buurtbaan.imports.problems import Problem, describe
from buurtbaan.imports.readers import Row
from buurtbaan.imports.targets import get_target
from buurtbaan.residents.models import MINIMUM_AGE
from tests.factories import MembershipFactory, ResidentFactory, UserFactory

TARGET = get_target("residents")
BASICS = ["Sandra", "Jansen", "14-03-1985", "6828 ab"]
BASIC_MAPPING = {"first_name": 0, "last_name": 1, "date_of_birth": 2, "postcode": 3}


@pytest.fixture
def clean(personas):
    """`clean(extra={field: value})`: clean one row holding the basics plus `extra`."""

    def _clean(extra=None, *, basics=None):
        context = TARGET.prepare(personas.bureau)
        extra = extra or {}
        cells = list(basics or BASICS) + list(extra.values())
        mapping = {**BASIC_MAPPING, **{name: 4 + i for i, name in enumerate(extra)}}
        return TARGET.clean_row(Row(7, cells), mapping, context)

    return _clean


def codes(problems: list[Problem]):
    return [(problem.row, problem.column, problem.field, problem.code) for problem in problems]


def test_a_good_row_is_cleaned_with_the_talent_banks_rules(clean):
    cleaned, problems = clean()
    assert problems == []
    assert cleaned["postcode"] == "6828AB"
    assert cleaned["date_of_birth"] == datetime.date(1985, 3, 14)
    assert cleaned["wants"] == "both"
    assert cleaned["travel"] == "anywhere"
    assert cleaned["available_days"] == []
    assert cleaned["talents"] == []
    assert cleaned["dreams"] == []
    assert cleaned["coach"] is None


def test_talents_are_matched_to_the_vocabulary_and_other_words_kept(personas, clean):
    cleaned, problems = clean(
        {"talents": "Koken; creeren, verhalen vertellen, koken", "own_talent_words": "zingen"}
    )
    assert problems == []
    assert sorted(talent.name for talent in cleaned["talents"]) == ["creëren", "koken"]
    assert cleaned["own_talent_words"] == "zingen, verhalen vertellen"


def test_a_retired_talent_is_kept_as_own_words(personas, clean):
    personas.bureau.talents.filter(name="koken").update(is_active=False)
    cleaned, _problems = clean({"talents": "koken"})
    assert cleaned["talents"] == []
    assert cleaned["own_talent_words"] == "koken"


def test_dreams_are_one_per_line_or_semicolon(clean):
    cleaned, _problems = clean({"dreams": "Iets met video\nEigen zaak; Theater "})
    assert cleaned["dreams"] == ["Iets met video", "Eigen zaak", "Theater"]


def test_name_prefix_and_house_number_are_joined(clean):
    cleaned, problems = clean(
        {"name_prefix": "van der", "street": "Spijkerstraat", "house_number": "12a"}
    )
    assert problems == []
    assert cleaned["last_name"] == "van der Jansen"
    assert cleaned["street"] == "Spijkerstraat 12a"
    assert "name_prefix" not in cleaned
    assert "house_number" not in cleaned


def test_a_phone_number_excel_turned_into_a_number_gets_its_zero_back(clean):
    cleaned, _problems = clean({"phone": 612345678})
    assert cleaned["phone"] == "+31612345678"  # 06 12345678, in the one form phones are kept


def test_an_unknown_intake_source_is_kept_as_other_with_the_words(clean):
    cleaned, _problems = clean({"intake_source": "Via de buurvrouw"})
    assert (cleaned["intake_source"], cleaned["intake_source_detail"]) == (
        "other",
        "Via de buurvrouw",
    )
    cleaned, _problems = clean({"intake_source": "Sociaal Wijkteam"})
    assert (cleaned["intake_source"], cleaned["intake_source_detail"]) == (
        "social_district_team",
        "",
    )


def test_a_coach_is_found_by_email_or_name(personas, clean):
    coach = personas.coach
    cleaned, _problems = clean({"coach": coach.email.upper()})
    assert cleaned["coach"] == coach
    coach.first_name, coach.last_name = "Karin", "de Boer"
    coach.save()
    cleaned, _problems = clean({"coach": "karin de boer"})
    assert cleaned["coach"] == coach


def test_a_coach_must_be_staff_of_the_bureau_and_unambiguous(personas, clean):
    _cleaned, problems = clean({"coach": personas.partner.email})
    assert codes(problems) == [(7, 4, "coach", "unknown_coach")]
    _cleaned, problems = clean({"coach": personas.other_coordinator.email})
    assert codes(problems) == [(7, 4, "coach", "unknown_coach")]
    for user in (personas.coach, personas.other_coach):
        user.first_name, user.last_name = "Kim", "Smit"
        user.save()
    _cleaned, problems = clean({"coach": "Kim Smit"})
    assert codes(problems) == [(7, 4, "coach", "ambiguous_coach")]


def test_every_bad_cell_of_a_row_is_reported_with_its_column(clean):
    too_young = timezone.localdate().replace(year=timezone.localdate().year - 17)
    _cleaned, problems = clean(
        {"email": "sandra.example", "hours_per_week": "veel", "wants": "misschien"},
        basics=["", "Jansen", too_young.strftime("%d-%m-%Y"), "1234 5"],
    )
    assert codes(problems) == [
        (7, 0, "first_name", "required"),
        (7, 2, "date_of_birth", "too_young"),
        (7, 3, "postcode", "invalid_postcode"),
        (7, 4, "email", "invalid_email"),
        (7, 5, "hours_per_week", "invalid_number"),
        (7, 6, "wants", "unknown_choice"),
    ]
    assert problems[1].params == {"age": 17, "minimum": MINIMUM_AGE}
    assert problems[2].value == "1234 5"


def test_a_future_or_impossible_birth_date_is_reported(clean):
    _cleaned, problems = clean(basics=["Sandra", "Jansen", "01-01-2999", "6828AB"])
    assert codes(problems) == [(7, 2, "date_of_birth", "future_date")]
    _cleaned, problems = clean(basics=["Sandra", "Jansen", "01-01-1850", "6828AB"])
    assert codes(problems) == [(7, 2, "date_of_birth", "rule")]
    assert "120" in problems[0].params["message"]


def test_a_joined_last_name_that_is_too_long_is_reported_on_the_last_name(clean):
    _cleaned, problems = clean(
        {"name_prefix": "van der"}, basics=["Sandra", "J" * 118, "14-03-1985", "6828AB"]
    )
    assert codes(problems) == [(7, 1, "last_name", "too_long")]


def test_the_reason_is_told_in_the_readers_language(clean):
    _cleaned, problems = clean(basics=["Sandra", "", "14-03-1985", "6828AB"])
    with translation.override("en"):
        assert describe(problems[0], TARGET) == "This cell is empty. Fill in the last name."
    with translation.override("nl"):
        assert "achternaam" in describe(problems[0], TARGET)


def test_duplicate_email_addresses_in_the_file_and_in_the_bureau(personas):
    ResidentFactory(bureau=personas.bureau, email="Bestaand@buurtbaan.example")
    ResidentFactory(bureau=personas.other_bureau, email="elders@buurtbaan.example")
    rows = [
        Row(2, ["sandra@buurtbaan.example"]),
        Row(3, ["peter@buurtbaan.example"]),
        Row(4, ["SANDRA@buurtbaan.example"]),
        Row(5, ["bestaand@buurtbaan.example"]),
        Row(6, ["elders@buurtbaan.example"]),  # another bureau's resident: no clash
        Row(7, ["geen adres"]),  # malformed: its own problem, not a duplicate
        Row(8, [""]),
        Row(9, [""]),
    ]
    context = TARGET.prepare(personas.bureau)
    problems = TARGET.duplicate_problems(rows, {"email": 0}, context)
    assert [(p.row, p.code, p.params) for p in problems] == [
        (4, "duplicate_in_file", {"row": 2}),
        (5, "duplicate_existing", {}),
    ]


def test_preparing_a_file_takes_a_fixed_number_of_queries(personas, django_assert_num_queries):
    for _n in range(5):
        MembershipFactory(bureau=personas.bureau, role="coach", user=UserFactory())
    # Postcode ranges, staff (memberships as a subquery) and talents.
    with django_assert_num_queries(3):
        TARGET.prepare(personas.bureau)
