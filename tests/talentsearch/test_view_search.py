"""The talent bank search page (`residents/views/search.py`)."""

import pytest

from buurtbaan.residents.models import ConsentScope
from tests.factories import ConsentFactory


@pytest.fixture
def search_url(personas, url):
    return url("residents:resident-search", personas.bureau)


def test_it_finds_residents_by_words_and_links_to_them(personas, login, search_url, make_resident):
    ali = make_resident(first_name="Ali", dreams=["Werken in het theater"])
    make_resident(first_name="Bo", dreams=["Koken"])
    response = login(personas.coach).get(search_url, {"text": "theater"})
    assert response.status_code == 200
    content = response.content.decode()
    assert f"/bewoners/{ali.pk}/" in content
    assert "<mark>theater</mark>" in content
    assert "Bo" not in [r.first_name for r in response.context["page"]]
    assert response.context["is_searching"]


def test_free_text_is_escaped(personas, login, search_url, make_resident):
    make_resident(dreams=["<script>alert('x')</script> koken"])
    content = login(personas.coach).get(search_url, {"text": "koken"}).content
    assert b"<script>alert" not in content
    assert b"&lt;script&gt;" in content
    assert b"<mark>koken</mark>" in content


def test_an_htmx_request_gets_the_results_alone(personas, login, search_url, make_resident):
    make_resident(first_name="Ali", dreams=["Koken"])
    response = login(personas.coach).get(search_url, {"text": "koken"}, HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "residents/partials/_search_results.html"
    assert b"<html" not in response.content


def test_the_form_keeps_what_was_typed_and_ignores_a_wrong_filter(
    personas, login, search_url, make_resident
):
    make_resident(first_name="Ali", dreams=["Koken"])
    response = login(personas.coach).get(search_url, {"text": "koken", "pc4": "68"})
    assert response.context["form"]["text"].value() == "koken"
    assert "pc4" in response.context["form"].errors
    assert response.context["page"].paginator.count == 1


def test_the_form_has_no_income_criterion(personas, login, search_url):
    form = login(personas.coach).get(search_url).context["form"]
    assert not any("income" in name for name in form.fields)


def test_other_coaches_residents_without_consent_are_not_searched(
    personas, login, search_url, make_resident
):
    make_resident(first_name="Hidden", dreams=["Koken"], coach=personas.other_coach)
    shared = make_resident(first_name="Shared", dreams=["Koken"], coach=personas.other_coach)
    ConsentFactory(resident=shared, scope=ConsentScope.COACHES)
    page = login(personas.coach).get(search_url, {"text": "koken"}).context["page"]
    assert [r.first_name for r in page] == ["Shared"]


def test_it_hides_other_bureaus(personas, login, search_url, make_resident):
    make_resident(first_name="Elders", dreams=["Koken"], bureau=personas.other_bureau)
    page = login(personas.coordinator).get(search_url, {"text": "koken"}).context["page"]
    assert list(page) == []


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize(
    "params",
    [{}, {"text": "koken"}, {"text": "koken", "days": ["mon"], "talents": "TALENT", "page": "2"}],
)
def test_the_query_count_does_not_grow_with_the_residents(
    personas, login, search_url, make_resident, django_assert_num_queries, rows, params
):
    koken = personas.bureau.talents.get(name="koken")
    for number in range(rows):
        make_resident(
            first_name=f"Bewoner{number:02d}",
            dreams=["Koken voor de buurt", "Iets met koken"],
            talents=["koken", "organiseren"],
            available_days=["mon", "tue"],
            coach=personas.coach if number % 2 else None,
        )
    params = {k: (str(koken.pk) if v == "TALENT" else v) for k, v in params.items()}
    client = login(personas.coach)
    client.get(search_url, params)  # warm the session
    # session, user, membership, my memberships, talents of the form (and the chosen ones),
    # count, page, then the prefetches of talents, dreams and consents.
    # (With 5 rows, page 2 shows the last page: the same queries.)
    expected = 11 if "talents" in params else 10
    with django_assert_num_queries(expected):
        response = client.get(search_url, params)
    assert response.context["page"].paginator.count == rows


def test_the_filters_show_open_only_when_one_is_used(personas, login, search_url):
    client = login(personas.coach)
    assert b'class="search-filters" open' not in client.get(search_url, {"text": "x"}).content
    assert b'class="search-filters" open' in client.get(search_url, {"days": "mon"}).content
    assert b'class="search-filters" open' in client.get(search_url, {"pc4": "x"}).content
