"""The capability factor page: SVG chart and table with the same numbers; funders may see it."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import SCRIPT, PieceOfWorkFactory, ResidentFactory


def url(bureau, name="capability"):
    return reverse(f"work:{name}", kwargs={"bureau_slug": bureau.slug})


def known_numbers(bureau):
    day = datetime.date(2026, 3, 1)
    resident = ResidentFactory(bureau=bureau, first_name="Geheimnaam")
    PieceOfWorkFactory(
        bureau=bureau, scale_level=1, hours_total=10, starts_on=day, title=f"Zolder van {resident}"
    )
    PieceOfWorkFactory(bureau=bureau, scale_level=3, hours_total=30, starts_on=day)


def test_the_table_and_the_chart_show_25_and_75_percent(personas, login):
    known_numbers(personas.bureau)
    response = login(personas.coordinator).get(
        url(personas.bureau), {"start": "2026-01-01", "end": "2026-12-31"}
    )
    content = response.content.decode()
    assert "<svg" in content
    assert 'role="img"' in content
    assert content.count(">25%<") == 2  # once in the chart, once in the table
    assert content.count(">75%<") == 2
    assert 'width="100.0"' in content  # 25% of a 400-unit bar, written with a dot, not a comma
    assert 'width="300.0"' in content


def test_a_funder_sees_the_figures_but_no_names_or_links(personas, login):
    known_numbers(personas.bureau)
    content = (
        login(personas.funder)
        .get(url(personas.bureau), {"start": "2026-01-01", "end": "2026-12-31"})
        .content.decode()
    )
    assert ">25%<" in content
    assert "Geheimnaam" not in content
    assert "Zolder" not in content
    assert url(personas.bureau, "capability-records") not in content


def test_staff_can_open_the_records_behind_a_level(personas, login):
    known_numbers(personas.bureau)
    response = login(personas.coach).get(
        url(personas.bureau, "capability-records"),
        {"niveau": 1, "start": "2026-01-01", "end": "2026-12-31"},
    )
    content = response.content.decode()
    assert "Zolder van" in content
    assert SCRIPT not in content
    assert (
        login(personas.coach)
        .get(url(personas.bureau, "capability-records"), {"niveau": 9})
        .status_code
        == 404
    )


def test_a_bad_period_is_explained_and_this_year_is_shown(personas, login):
    response = login(personas.coach).get(
        url(personas.bureau), {"start": "2026-05-01", "end": "2026-01-01"}
    )
    assert "The end date is before the start date." in response.content.decode()


@pytest.mark.parametrize("rows", [2, 20])
def test_it_has_a_fixed_number_of_queries(personas, login, django_assert_num_queries, rows):
    PieceOfWorkFactory.create_batch(rows, bureau=personas.bureau, scale_level=2)
    client = login(personas.funder)
    # session, user, membership, nav memberships; two reads for the factor, two for unplaced hours
    with django_assert_num_queries(8):
        assert client.get(url(personas.bureau)).status_code == 200
