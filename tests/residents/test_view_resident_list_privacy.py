"""The resident list never tells a coach what is in a profile they may not see: the filters on
profile fields (talent, looking for) only search the profiles the coach may see, and a row of
someone else's resident shows only the name, stage, coach and the outside-area flag."""

import datetime

import pytest
from django.utils import timezone

from buurtbaan.residents.models import ConsentScope, WorkWanted
from tests.factories import ConsentFactory, ResidentFactory


@pytest.fixture
def koken(personas):
    return personas.bureau.talents.get(name="koken")


@pytest.fixture
def cooks(personas, koken):
    """Four residents who all have the talent koken and look for paid work, one of each kind
    `can_see_profile` tells apart for `personas.coach`."""
    made = {
        "Own": ResidentFactory(bureau=personas.bureau, coach=personas.coach),
        "Nobody": ResidentFactory(bureau=personas.bureau),
        "Shared": ResidentFactory(bureau=personas.bureau, coach=personas.other_coach),
        "Hidden": ResidentFactory(bureau=personas.bureau, coach=personas.other_coach),
    }
    for first_name, resident in made.items():
        resident.first_name = first_name
        resident.wants = WorkWanted.PAID
        resident.save()
        resident.talents.add(koken)
    ConsentFactory(resident=made["Shared"], scope=ConsentScope.COACHES)
    return made


def names(client, url, **params):
    return sorted(r.first_name for r in client.get(url, params).context["page"])


@pytest.mark.parametrize("param", ["talent", "wants"])
def test_a_profile_filter_leaves_out_profiles_the_coach_may_not_see(
    personas, login, url, cooks, koken, param
):
    value = koken.pk if param == "talent" else WorkWanted.PAID
    list_url = url("residents:resident-list", personas.bureau)
    client = login(personas.coach)
    assert names(client, list_url) == ["Hidden", "Nobody", "Own", "Shared"]
    assert names(client, list_url, **{param: value}) == ["Nobody", "Own", "Shared"]
    # The other coach sees their own resident; a coordinator sees everyone.
    assert "Hidden" in names(login(personas.other_coach), list_url, **{param: value})
    assert len(names(login(personas.coordinator), list_url, **{param: value})) == 4


def test_filters_on_what_every_coach_sees_still_cover_everyone(personas, login, url, cooks):
    list_url = url("residents:resident-list", personas.bureau)
    client = login(personas.coach)
    assert names(client, list_url, stage="registered") == ["Hidden", "Nobody", "Own", "Shared"]
    assert names(client, list_url, name="hidd") == ["Hidden"]


def test_a_row_the_coach_may_not_see_shows_no_postcode_or_age(personas, login, url):
    hidden = ResidentFactory(
        bureau=personas.bureau,
        coach=personas.other_coach,
        first_name="Hidden",
        postcode="6828XY",
        date_of_birth=datetime.date(1950, 3, 14),
    )
    list_url = url("residents:resident-list", personas.bureau)
    age_cell = f"<td>{hidden.age_on(timezone.localdate())}</td>"
    content = login(personas.coach).get(list_url).content.decode()
    assert "Hidden" in content
    assert "6828 XY" not in content
    assert "6828XY" not in content
    assert age_cell not in content
    # Their own coach sees both.
    content = login(personas.other_coach).get(list_url).content.decode()
    assert "6828 XY" in content
    assert age_cell in content


@pytest.mark.parametrize("rows", [2, 20])
def test_the_profile_filters_add_no_queries_per_row(
    personas, login, url, koken, django_assert_num_queries, rows
):
    for number in range(rows):
        resident = ResidentFactory(
            bureau=personas.bureau, coach=personas.other_coach if number % 2 else None
        )
        resident.talents.add(koken)
    client = login(personas.coach)
    list_url = url("residents:resident-list", personas.bureau)
    params = {"talent": koken.pk, "wants": WorkWanted.BOTH}
    client.get(list_url, params)  # warm the session
    # As without filters (see test_view_resident_list.py), plus the chosen talent of the form.
    with django_assert_num_queries(12):
        response = client.get(list_url, params)
    assert response.context["page"].paginator.count == rows - rows // 2
