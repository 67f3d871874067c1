"""Funders never see a figure about fewer than 5 people: on every page they can open (the
overview, the impact assignments and their progress, the capability factor) a count of people
below 5 is "< 5" and what derives from it (shares, bonus progress, bonus earned, income) is not
shown; staff see the exact figures."""

from decimal import Decimal

import pytest

from tests.bureau_urls import ROLE_MATRIX, ROLES
from tests.factories import (
    ImpactParticipantFactory,
    ImpactTargetFactory,
    ResidentFactory,
)
from tests.impact.conftest import days

FUNDER_PAGES = sorted(
    name for name, statuses in ROLE_MATRIX.items() if statuses[ROLES.index("funder")] == 200
)


@pytest.fixture
def small_assignment(personas, assignment):
    """Three participants, two in paid work; a bonus when 60% of the participants has paid work."""
    ImpactTargetFactory(
        assignment=assignment,
        measure="paid_work",
        target_number=10,
        bonus_amount=Decimal("5000"),
        bonus_threshold_percent=Decimal("60"),
    )
    ImpactTargetFactory(assignment=assignment, measure="hours_done", target_number=100)
    for number in range(3):
        placed = number < 2
        ImpactParticipantFactory(
            assignment=assignment,
            resident=ResidentFactory(bureau=personas.bureau),
            joined_on=days(-100),
            outcome="paid_work" if placed else "none",
            outcome_on=days(-10) if placed else None,
        )
    return assignment


def detail(login, url, user, personas, assignment):
    return login(user).get(url("impact:assignment-detail", personas.bureau, pk=assignment.pk))


def test_the_funder_pages_are_the_ones_this_module_checks():
    assert FUNDER_PAGES == [
        "bureaus:dashboard",
        "impact:assignment-detail",
        "impact:assignment-list",
        "work:capability",
    ]


def test_a_funder_sees_less_than_five_and_no_shares_of_a_small_group(
    personas, login, url, small_assignment
):
    page = detail(login, url, personas.funder, personas, small_assignment).text

    assert "&lt; 5" in page
    assert "67%" not in page  # 2 of 3 participants
    assert "20%" not in page  # 2 of the target of 10
    assert ">2<" not in page
    assert ">3<" not in page
    assert "3 deelnemers" not in page
    assert "€\u00a05.000,00 van" not in page  # the bonus earned
    assert "€\u00a025.000,00" not in page  # the income: budget plus bonus
    assert "niet getoond (minder dan 5 mensen)" in page


def test_the_funder_s_chart_draws_no_bar_for_a_small_group(personas, login, url, small_assignment):
    response = detail(login, url, personas.funder, personas, small_assignment)

    [people_row, _hours_row] = response.context["chart"]["rows"]
    assert people_row.target_width == 0
    assert people_row.bonus_width == 0
    assert "2 / 10" not in response.text


def test_staff_see_the_exact_figures(personas, login, url, small_assignment):
    page = detail(login, url, personas.coordinator, personas, small_assignment).text

    assert "&lt; 5" not in page
    assert "67%" in page
    assert "€\u00a025.000,00" in page


def test_the_assignment_list_shows_a_small_number_of_participants_as_less_than_five(
    personas, login, url, small_assignment
):
    funder = login(personas.funder).get(url("impact:assignment-list", personas.bureau)).text
    coach = login(personas.coach).get(url("impact:assignment-list", personas.bureau)).text

    assert '<td class="impact-num">&lt; 5</td>' in funder
    assert '<td class="impact-num">3</td>' in coach


def test_five_or_more_are_shown_to_a_funder(personas, login, url, small_assignment):
    for _ in range(3):
        ImpactParticipantFactory(
            assignment=small_assignment,
            resident=ResidentFactory(bureau=personas.bureau),
            joined_on=days(-50),
            outcome="paid_work",
            outcome_on=days(-5),
        )

    page = detail(login, url, personas.funder, personas, small_assignment).text

    assert "83%" in page  # 5 of 6 in paid work
    assert "6 deelnemers" in page


def test_a_single_small_outcome_cannot_be_worked_out_from_the_total(
    personas, login, url, small_assignment
):
    for _ in range(6):
        ImpactParticipantFactory(
            assignment=small_assignment,
            resident=ResidentFactory(bureau=personas.bureau),
            joined_on=days(-50),
            outcome="paid_work",
            outcome_on=days(-5),
        )

    response = detail(login, url, personas.funder, personas, small_assignment)

    shown = dict(response.context["outcomes"])
    assert 8 in shown.values()  # paid work
    assert list(shown.values()).count("< 5") == len(shown) - 1


def test_the_overview_shows_a_small_talent_bank_as_less_than_five(personas, login, url):
    ResidentFactory.create_batch(3, bureau=personas.bureau)

    funder = login(personas.funder).get(url("bureaus:dashboard", personas.bureau)).text
    coach = login(personas.coach).get(url("bureaus:dashboard", personas.bureau)).text

    assert '<span class="figure">&lt; 5</span> bewoners' in funder
    assert '<span class="figure">3</span> bewoners' in coach
