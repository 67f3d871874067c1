"""A number and its noun agree, in Dutch and in English: "1 bericht", "3 berichten", "1 hour"."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from buurtbaan.bureaus import queries
from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.core.plurals import counted, plural_count
from buurtbaan.matching.reasons import render as render_reason
from tests.factories import (
    BoardItemFactory,
    ErasureRequestFactory,
    HelpRequestFactory,
    PieceOfWorkFactory,
    ResidentFactory,
)

# A decimal count handed to gettext as it is warns now and fails in a later Python.
pytestmark = pytest.mark.filterwarnings("error:Plural value must be an integer")


@pytest.mark.parametrize(
    ("value", "count"),
    [(1, 1), (Decimal("1.0"), 1), (Decimal("1.5"), 2), (0.5, 2), (24, 24), (None, 0), ("", 0)],
)
def test_plural_count_gives_gettext_a_whole_number_with_the_right_form(value, count):
    assert plural_count(value) == count


def test_counted_is_english_with_the_right_form():
    assert counted(1, "row") == "1 row"
    assert counted(0, "row") == "0 rows"
    assert counted(3, "uploaded file") == "3 uploaded files"
    assert counted(2, "person", "people") == "2 people"


def _coordinator_membership(personas):
    return Membership.objects.get(
        bureau=personas.bureau, user=personas.coordinator, role=Role.COORDINATOR
    )


def test_one_task_of_each_kind_is_counted_in_the_singular_in_dutch(personas):
    bureau = personas.bureau
    BoardItemFactory(bureau=bureau, status="submitted")
    HelpRequestFactory(bureau=bureau, status="received")
    ErasureRequestFactory(resident=ResidentFactory(bureau=bureau, stage="active"))
    with translation.override("nl"):
        labels = {task.label for task in queries.waiting_for(_coordinator_membership(personas))}
    assert "bericht voor het prikbord dat wacht op goedkeuring" in labels
    assert "hulpvraag die net binnen is" in labels
    assert "verwijderverzoek dat wacht op je besluit" in labels
    assert not any(
        label.startswith(("berichten", "hulpvragen", "verwijderverzoeken")) for label in labels
    )


def test_two_tasks_of_a_kind_are_counted_in_the_plural_in_dutch(personas):
    for _ in range(2):
        BoardItemFactory(bureau=personas.bureau, status="submitted")
    with translation.override("nl"):
        labels = {task.label for task in queries.waiting_for(_coordinator_membership(personas))}
    assert "berichten voor het prikbord die wachten op goedkeuring" in labels


def test_the_overview_figures_agree_with_their_numbers(login, personas):
    ResidentFactory(bureau=personas.bureau)
    url = reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug})
    content = login(personas.coordinator).get(url).content.decode()
    assert "bewoner in de talentenbank" in content
    assert "bewoners in de talentenbank" not in content
    assert "coaches in het team" in content  # the personas hold two coaches


def test_a_hidden_count_takes_the_plural_so_it_gives_nothing_away(login, personas):
    ResidentFactory(bureau=personas.bureau)
    url = reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug})
    content = login(personas.funder).get(url).content.decode()
    assert "bewoners in de talentenbank" in content
    assert "bewoner in de talentenbank<" not in content


@pytest.mark.parametrize(
    ("problems", "dutch"), [(1, "rij heeft een probleem"), (3, "rijen hebben een probleem")]
)
def test_the_import_check_counts_its_rows(personas, problems, dutch):
    run = SimpleNamespace(pk=1, problem_rows=problems, ok_rows=1, total_rows=problems + 1)
    with translation.override("nl"):
        html = render_to_string(
            "imports/partials/_check_result.html",
            {
                "run": run,
                "current_bureau": personas.bureau,
                "problem_columns": [],
                "page": Paginator([], 10).page(1),
            },
        )
    assert dutch in html
    assert "1</span> rij is goed" in html


@pytest.mark.parametrize(
    ("hours", "shown"),
    [(Decimal("1"), "1 hour in total"), (Decimal("1.5"), "1.5 hours in total")],
)
@pytest.mark.usefixtures("english")
def test_hours_of_a_piece_take_the_right_form_in_english(login, personas, hours, shown):
    piece = PieceOfWorkFactory(bureau=personas.bureau, hours_total=hours, title="Heg snoeien")
    url = reverse("work:piece-detail", kwargs={"bureau_slug": personas.bureau.slug, "pk": piece.pk})
    content = login(personas.coordinator).get(url).content.decode()
    assert shown in content


def test_a_reason_about_one_hour_says_hour():
    reason = {"code": "few_hours", "params": {"resident_hours": 0.5, "work_hours": 1}}
    with translation.override("en"):
        assert render_reason(reason) == "has 0.5 of the 1 hour a week"
    with translation.override("nl"):
        assert render_reason(reason) == "heeft 0,5 van de 1 uur per week"
    enough = {"code": "enough_hours", "params": {"resident_hours": 1}}
    with translation.override("en"):
        assert render_reason(enough) == "has enough time (1 hour a week)"
