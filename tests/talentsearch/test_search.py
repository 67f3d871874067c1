"""The talent bank search (`talentsearch.queries`): the same behaviour on SQLite and PostgreSQL."""

import pytest

from buurtbaan.bureaus.models import Membership
from buurtbaan.residents.models import ConsentScope, IncomeSituation, Stage
from buurtbaan.talentsearch.queries import (
    FOUND_IN_LABELS,
    SearchCriteria,
    search_page,
    search_residents,
)
from tests.factories import ConsentFactory


def found(personas, user=None, **criteria):
    membership = Membership.objects.get(user=user or personas.coordinator, bureau=personas.bureau)
    residents, _parsed = search_residents(
        personas.bureau, membership=membership, criteria=SearchCriteria(**criteria)
    )
    return [resident.first_name for resident in residents]


def test_it_finds_inflected_forms_of_a_word(personas, make_resident):
    make_resident(first_name="Ali", dreams=["Ik wil fietsen repareren"])
    make_resident(first_name="Bo", dreams=["Ik repareer graag een fiets voor de buren"])
    make_resident(first_name="Cor", dreams=["Werken in de tuin"])
    assert found(personas, text="repareren") == ["Ali", "Bo"]
    assert found(personas, text="fietsen") == ["Ali"]  # "fiets" stems to "fiet"
    assert found(personas, text="tuinen") == ["Cor"]


def test_it_finds_words_in_talents_skills_experience_and_education(personas, make_resident):
    make_resident(first_name="Ali", talents=["koken"])
    make_resident(first_name="Bo", own_talent_words="taarten bakken")
    make_resident(first_name="Cor", skills="rijbewijs B, heftruck")
    make_resident(first_name="Dirk", work_experience="Tien jaar bakker geweest")
    make_resident(first_name="Eva", education="mbo koken en bakken")
    assert found(personas, text="koken") == ["Ali", "Eva"]
    assert found(personas, text="bakken") == ["Bo", "Eva"]
    assert found(personas, text="heftruck") == ["Cor"]
    assert found(personas, text="bakker") == ["Dirk"]


def test_all_words_must_match_or_gives_alternatives_and_minus_leaves_out(personas, make_resident):
    make_resident(first_name="Ali", dreams=["Koken voor de buurt, ook 's nachts"])
    make_resident(first_name="Bo", dreams=["Koken in een restaurant"])
    make_resident(first_name="Cor", dreams=["Spelen in het theater"])
    assert found(personas, text="koken buurt") == ["Ali"]
    assert found(personas, text="theater or restaurant") == ["Bo", "Cor"]
    assert found(personas, text="koken -nachts") == ["Bo"]


def test_accents_and_case_do_not_matter(personas, make_resident):
    make_resident(first_name="Ali", dreams=["Iets creëren met mijn handen"])
    assert found(personas, text="CREEREN") == ["Ali"]
    assert found(personas, text="creëren") == ["Ali"]


def test_without_words_everyone_is_listed_by_name(personas, make_resident):
    make_resident(first_name="Bo", last_name="Zwart")
    make_resident(first_name="Ali", last_name="Aarts")
    assert found(personas) == ["Ali", "Bo"]
    assert found(personas, text="de het") == ["Ali", "Bo"]  # only stop words: no search


def test_a_dream_or_talent_ranks_above_skills_and_experience(personas, make_resident):
    make_resident(first_name="Ali", last_name="A", work_experience="Kok in een verzorgingshuis")
    make_resident(first_name="Bo", last_name="B", skills="koken voor groepen")
    make_resident(first_name="Cor", last_name="C", dreams=["Koken in een eigen restaurant"])
    assert found(personas, text="koken") == ["Cor", "Bo", "Ali"]


def test_more_mentions_rank_higher(personas, make_resident):
    make_resident(first_name="Ali", last_name="A", dreams=["Een tuin"])
    make_resident(first_name="Bo", last_name="B", dreams=["Tuin aanleggen", "Tuinen onderhouden"])
    make_resident(first_name="Cor", last_name="C", dreams=["Een moestuin"])  # a compound
    assert found(personas, text="tuin") == ["Bo", "Ali"]


def test_the_filters(personas, make_resident):
    koken = personas.bureau.talents.get(name="koken")
    ali = make_resident(
        first_name="Ali",
        talents=["koken", "organiseren"],
        skills="EHBO, rijbewijs B",
        available_days=["mon", "wed"],
        hours_per_week=24,
        wants="paid",
        travel="cycling",
        stage=Stage.ACTIVE,
    )
    make_resident(
        first_name="Bo",
        talents=["koken"],
        available_days=["wed"],
        hours_per_week=8,
        wants="both",
        travel="neighbourhood",
        postcode="6822AB",
        is_outside_area=True,
    )
    make_resident(first_name="Cor", wants="volunteer", travel="anywhere")
    assert found(personas, talents=[koken]) == ["Ali", "Bo"]
    assert found(personas, talents=[koken.pk, ali.talents.get(name="organiseren").pk]) == ["Ali"]
    assert found(personas, skill="ehbo") == ["Ali"]
    assert found(personas, days=["wed"]) == ["Ali", "Bo"]
    assert found(personas, days=["mon", "wed"]) == ["Ali"]
    assert found(personas, min_hours=20) == ["Ali"]
    assert found(personas, wants="paid") == ["Ali", "Bo"]
    assert found(personas, wants="volunteer") == ["Bo", "Cor"]
    assert found(personas, wants="both") == ["Bo"]
    assert found(personas, travel="cycling") == ["Ali", "Cor"]
    assert found(personas, travel="anywhere") == ["Cor"]
    assert found(personas, area="outside") == ["Bo"]
    assert found(personas, area="inside") == ["Ali", "Cor"]
    assert found(personas, pc4="6822") == ["Bo"]
    assert found(personas, stage=Stage.ACTIVE) == ["Ali"]
    assert found(personas, text="koken", days=["mon"]) == ["Ali"]


def test_the_income_situation_changes_nothing(personas, make_resident):
    make_resident(
        first_name="Ali",
        last_name="A",
        dreams=["Koken"],
        income_situation=IncomeSituation.PARTICIPATION_ACT,
    )
    make_resident(first_name="Bo", last_name="B", dreams=["Koken"], income_situation="")
    assert found(personas, text="koken") == ["Ali", "Bo"]
    assert not hasattr(SearchCriteria(), "income_situation")


def test_it_leaves_out_other_bureaus_and_anonymised_residents(personas, make_resident):
    make_resident(first_name="Ali", dreams=["Koken"])
    make_resident(first_name="Bo", dreams=["Koken"], bureau=personas.other_bureau)
    make_resident(first_name="Cor", dreams=["Koken"], is_anonymised=True)
    assert found(personas, text="koken") == ["Ali"]
    assert found(personas) == ["Ali"]


def test_coaches_search_only_profiles_they_may_see(personas, make_resident):
    make_resident(first_name="Own", dreams=["Koken"], coach=personas.coach)
    make_resident(first_name="Nobody", dreams=["Koken"])
    make_resident(first_name="Other", dreams=["Koken"], coach=personas.other_coach)
    shared = make_resident(first_name="Shared", dreams=["Koken"], coach=personas.other_coach)
    ConsentFactory(resident=shared, scope=ConsentScope.COACHES)
    coach_sees = found(personas, personas.coach, text="koken")
    assert sorted(coach_sees) == ["Nobody", "Own", "Shared"]
    assert sorted(found(personas, personas.coach)) == ["Nobody", "Own", "Shared"]
    assert len(found(personas, personas.coordinator, text="koken")) == 4


def test_other_roles_find_nobody(personas, make_resident):
    make_resident(first_name="Ali", dreams=["Koken"])
    assert found(personas, personas.partner, text="koken") == []


def test_a_page_shows_a_highlighted_escaped_snippet_and_where_words_were_found(
    personas, make_resident
):
    make_resident(
        first_name="Ali",
        dreams=["Iets met muziek", "Ik wil <b>fietsen</b> repareren <script>x</script>"],
        work_experience="Fietsenmaker",
        skills="fietsen repareren",
    )
    membership = Membership.objects.get(user=personas.coordinator, bureau=personas.bureau)
    results = search_page(
        personas.bureau, membership=membership, criteria=SearchCriteria(text="fietsen")
    )
    resident = results.page.object_list[0]
    assert resident.snippet == (
        "Ik wil &lt;b&gt;<mark>fietsen</mark>&lt;/b&gt; repareren &lt;script&gt;x&lt;/script&gt;"
    )
    assert resident.found_in == [FOUND_IN_LABELS["dreams"], FOUND_IN_LABELS["skills"]]
    assert resident.can_see_profile


@pytest.mark.parametrize("count", [3, 30])
def test_a_page_has_at_most_25_results(personas, make_resident, count):
    for number in range(count):
        make_resident(first_name=f"Bewoner{number:02d}", dreams=["Koken"])
    membership = Membership.objects.get(user=personas.coordinator, bureau=personas.bureau)
    criteria = SearchCriteria(text="koken")
    first = search_page(personas.bureau, membership=membership, criteria=criteria)
    assert first.page.paginator.count == count
    assert len(first.page.object_list) == min(count, 25)
    if count > 25:
        second = search_page(
            personas.bureau, membership=membership, criteria=criteria, page_number=2
        )
        assert len(second.page.object_list) == count - 25
