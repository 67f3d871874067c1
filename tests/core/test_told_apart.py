"""Titles carry no internal ids; two records that share a title are told apart by a date, an area
or an organisation (core.told_apart), and the bulletin board's title names its bureau once."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from buurtbaan.core.told_apart import told_apart
from buurtbaan.work.models import PieceOfWork
from tests.factories import BoardItemFactory, PieceOfWorkFactory

ID_IN_TITLE = re.compile(r"Lampen ophangen \(\d+\)")


@pytest.fixture
def namesakes(personas):
    first = PieceOfWorkFactory(
        bureau=personas.bureau, title="Lampen ophangen", starts_on=datetime.date(2026, 3, 3)
    )
    second = PieceOfWorkFactory(
        bureau=personas.bureau, title="Lampen ophangen", starts_on=datetime.date(2026, 5, 12)
    )
    return first, second


def test_a_unique_title_is_shown_as_it_is(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Heg snoeien")
    other = PieceOfWorkFactory(bureau=personas.bureau, title="Ramen lappen")
    assert told_apart(piece, [piece, other]) == "Heg snoeien"
    assert told_apart(piece, None) == "Heg snoeien"


def test_namesakes_get_their_start_date(namesakes):
    first, second = namesakes
    with translation.override("nl"):
        assert told_apart(first, namesakes) == "Lampen ophangen · 3 maart 2026"
        assert told_apart(second, namesakes) == "Lampen ophangen · 12 mei 2026"


def test_namesakes_on_the_same_day_are_told_apart_by_their_area(personas):
    day = datetime.date(2026, 3, 3)
    first = PieceOfWorkFactory(
        bureau=personas.bureau, title="Heg snoeien", starts_on=day, postcode="6828KE"
    )
    second = PieceOfWorkFactory(
        bureau=personas.bureau, title="Heg snoeien", starts_on=day, postcode="6828AB"
    )
    assert told_apart(first, [first, second]) == "Heg snoeien · 6828 KE"


def test_rows_that_hold_a_piece_are_compared_by_their_piece(namesakes):
    first, second = namesakes

    class Row:
        def __init__(self, piece):
            self.piece = piece

    assert told_apart(first, [Row(first), Row(second)]).startswith("Lampen ophangen · ")


def test_it_adds_no_query_for_a_deferred_field(personas, namesakes, django_assert_num_queries):
    pieces = list(PieceOfWork.objects.filter(bureau=personas.bureau).only("id", "title"))
    with django_assert_num_queries(0):
        assert told_apart(pieces[0], pieces) == "Lampen ophangen"


def test_the_work_list_tells_namesakes_apart_without_ids(login, personas, namesakes):
    url = reverse("work:piece-list", kwargs={"bureau_slug": personas.bureau.slug})
    content = login(personas.coordinator).get(url).content.decode()
    assert "Lampen ophangen · 3 maart 2026" in content
    assert "Lampen ophangen · 12 mei 2026" in content
    assert not ID_IN_TITLE.search(content)


def test_the_public_board_tells_namesakes_apart(client, personas):
    for day in (3, 4):
        BoardItemFactory(
            bureau=personas.bureau,
            title="Lampen ophangen",
            status="published",
            published_at=datetime.datetime(2026, 3, day, 12, tzinfo=datetime.UTC),
        )
    url = reverse("board:item-list", kwargs={"bureau_slug": personas.bureau.slug})
    content = client.get(url).content.decode()
    assert "Lampen ophangen · 3 maart 2026" in content
    assert "Lampen ophangen · 4 maart 2026" in content


def _title(content: str) -> str:
    return re.search(r"<title>(.*?)</title>", content, re.S).group(1)


@pytest.mark.parametrize("who", ["anonymous", "resident", "coordinator"])
def test_the_bulletin_board_title_names_the_bureau_once(client, login, personas, who):
    if who != "anonymous":
        client = login(getattr(personas, who))
    url = reverse("board:item-list", kwargs={"bureau_slug": personas.bureau.slug})
    title = _title(client.get(url).content.decode())
    assert title.count(escape(personas.bureau.name)) == 1
