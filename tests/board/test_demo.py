"""The demo board tells the Netwerkboek's stories, without personal data on the public side."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from buurtbaan.board import demo as board_demo
from buurtbaan.board.models import BoardItem, HelpRequest, Response
from buurtbaan.bureaus.models import Bureau


@pytest.mark.django_db
def test_the_demo_board_has_the_stories_and_keeps_the_askers_private():
    call_command("load_demo", stdout=io.StringIO())
    main = Bureau.objects.get(slug="spijkerkwartier")
    items = BoardItem.objects.filter(bureau=main)
    dog = items.get(piece__title="Hond van Sandra uitlaten")
    assert dog.status == "published"
    assert "Sandra" not in dog.title + dog.summary
    assert Response.objects.get(item=dog).resident.last_name == "Martinez"
    builder = items.get(piece__title__startswith="Vacature medewerker bouw")
    assert builder.status == "closed"
    assert Response.objects.get(item=builder).resident.first_name == "Peter"
    assert items.get(piece__title__startswith="Conciërge").status == "published"
    assert items.filter(status="submitted").count() == 2  # the theatre's and the wijkteam's
    assert items.filter(kind="group_work", status="published").count() >= 2
    assert items.filter(kind="buurtklus", status="published").count() >= 3
    requests = HelpRequest.objects.filter(organisation__name="Sociaal Wijkteam Arnhem-Oost")
    assert requests.count() == 2
    assert requests.filter(piece__isnull=False, piece__board_item__status="published").count() == 1

    content = Client().get(reverse("board:item-list", args=[main.slug])).content.decode()
    for secret in ("Sandra", "Martinez", "Jansen", "Peter", "@buurtbaan.example", "Spijkerstraat"):
        assert secret not in content

    before = (BoardItem.objects.count(), Response.objects.count(), HelpRequest.objects.count())
    board_demo.load_demo_data({"spijkerkwartier": main})
    assert (BoardItem.objects.count(), Response.objects.count(), HelpRequest.objects.count()) == (
        before
    )
