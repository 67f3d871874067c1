import pytest

from buurtbaan.residents.models import ConsentScope, IncomeSituation, Stage
from tests.factories import ConsentFactory, DreamFactory, ResidentFactory


def make_residents(personas, count):
    talents = list(personas.bureau.talents.all()[:2])
    for number in range(count):
        resident = ResidentFactory(
            bureau=personas.bureau,
            coach=personas.coach if number % 2 else personas.other_coach,
        )
        resident.talents.set(talents)
        DreamFactory(resident=resident)
        ConsentFactory(resident=resident, scope=ConsentScope.COACHES)


def test_it_lists_the_bureaus_residents_only(personas, login, url, resident):
    stranger = ResidentFactory(bureau=personas.other_bureau, first_name="Onbekend")
    response = login(personas.coach).get(url("residents:resident-list", personas.bureau))
    assert response.status_code == 200
    assert resident.first_name in response.content.decode()
    assert stranger.first_name not in response.content.decode()


def test_it_leads_to_the_full_text_search(personas, login, url):
    content = login(personas.coach).get(url("residents:resident-list", personas.bureau)).content
    assert f'href="{url("residents:resident-search", personas.bureau)}"'.encode() in content


def test_free_text_is_escaped(personas, login, url, resident):
    content = login(personas.coach).get(url("residents:resident-list", personas.bureau)).content
    assert b"<script>alert" not in content
    assert b"&lt;script&gt;" in content


@pytest.mark.parametrize("rows", [2, 20])
def test_the_query_count_does_not_grow_with_the_rows(
    personas, login, url, django_assert_num_queries, rows
):
    make_residents(personas, rows)
    client = login(personas.coach)
    client.get(url("residents:resident-list", personas.bureau))  # warm the session
    # session, user, membership, my memberships, staff (filter form), count, page, then the
    # prefetches of talents, dreams and consents, and the talents of the filter form.
    with django_assert_num_queries(11):
        response = client.get(url("residents:resident-list", personas.bureau))
    assert response.context["page"].paginator.count == rows


def test_it_flags_residents_outside_the_area(personas, login, url):
    ResidentFactory(bureau=personas.bureau, postcode="6822AB", is_outside_area=True)
    response = login(personas.coach).get(url("residents:resident-list", personas.bureau))
    assert response.content.decode().count("flag--outside") == 1
    outside = login(personas.coach).get(
        url("residents:resident-list", personas.bureau), {"area": "outside"}
    )
    assert outside.context["page"].paginator.count == 1


def test_filters(personas, login, url, resident):
    resident.stage = Stage.ACTIVE
    resident.save()
    talent = personas.bureau.talents.get(name="koken")
    resident.talents.add(talent)
    ResidentFactory(bureau=personas.bureau, first_name="Peter")
    client = login(personas.coach)
    list_url = url("residents:resident-list", personas.bureau)

    def names(**params):
        page = client.get(list_url, params).context["page"]
        return sorted(r.first_name for r in page)

    assert names() == ["Peter", "Sandra"]
    assert names(stage="active") == ["Sandra"]
    assert names(coach="mine") == ["Sandra"]
    assert names(coach="none") == ["Peter"]
    assert names(talent=talent.pk) == ["Sandra"]
    assert names(name="pet") == ["Peter"]


def test_there_is_no_filter_on_income(personas, login, url):
    ResidentFactory(bureau=personas.bureau, income_situation=IncomeSituation.PARTICIPATION_ACT)
    response = login(personas.coach).get(url("residents:resident-list", personas.bureau))
    assert "income_situation" not in response.context["form"].fields
    assert b"Participatiewet" not in response.content


def test_another_coachs_resident_without_consent_shows_no_talents_or_dreams(personas, login, url):
    resident = ResidentFactory(bureau=personas.bureau, coach=personas.other_coach)
    DreamFactory(resident=resident, description="Geheime droom")
    response = login(personas.coach).get(url("residents:resident-list", personas.bureau))
    assert "Geheime droom" not in response.content.decode()
    ConsentFactory(resident=resident, scope=ConsentScope.COACHES)
    response = login(personas.coach).get(url("residents:resident-list", personas.bureau))
    assert "Geheime droom" in response.content.decode()


def test_htmx_gets_the_table_alone(personas, login, url, resident):
    response = login(personas.coach).get(
        url("residents:resident-list", personas.bureau), HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert "<table" in content
    assert "<html" not in content
    assert resident.first_name in content


def test_anonymised_residents_are_not_listed(personas, login, url):
    ResidentFactory(bureau=personas.bureau, first_name="Gewist", is_anonymised=True)
    response = login(personas.coordinator).get(url("residents:resident-list", personas.bureau))
    assert "Gewist" not in response.content.decode()
