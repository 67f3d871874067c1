"""The whole story of a piece of work (`work:piece-story`, told by every app's `story.py`)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.matching.models import EventKind, MatchEvent, MatchingRound, RoundStatus
from buurtbaan.residents.models import ConsentScope
from buurtbaan.work import actions
from buurtbaan.work.models import WorkStatus
from tests.factories import (
    BoardItemFactory,
    BoardResponseFactory,
    ConsentFactory,
    HelpRequestFactory,
    HoursEntryFactory,
    ImpactAssignmentFactory,
    MatchFactory,
    PieceOfWorkFactory,
    QuoteFactory,
    QuoteLineFactory,
    ResidentFactory,
)


def url(name, piece):
    return reverse(name, kwargs={"bureau_slug": piece.bureau.slug, "pk": piece.pk})


def story(login, user, piece, **params):
    return login(user).get(url("work:piece-story", piece), params)


def propose(piece, resident, actor=None, *kinds):
    match = MatchFactory(bureau=piece.bureau, piece=piece, resident=resident)
    for kind in (EventKind.PROPOSED, *kinds):
        MatchEvent.objects.create(match=match, kind=kind, to_status="proposed", actor=actor)
    return match


def a_history(piece, coordinator, *, times=1):
    """`times` of every kind of event the apps tell about a piece."""
    bureau = piece.bureau
    item = BoardItemFactory(bureau=bureau, piece=piece)
    for number in range(times):
        resident = ResidentFactory(bureau=bureau, first_name=f"Kandidaat{number}")
        propose(piece, resident, coordinator, EventKind.ACCEPTED, EventKind.STARTED)
        BoardResponseFactory(item=item, resident=resident, name="")
        BoardResponseFactory(item=item)  # a visitor
        PieceOfWorkFactory(bureau=bureau, parent=piece, title=f"Deel {number}")
        HoursEntryFactory(
            piece=piece, worked_on=timezone.localdate() - datetime.timedelta(days=40 * number)
        )
        ImpactAssignmentFactory(bureau=bureau).pieces.add(piece)
        MatchingRound.objects.create(
            bureau=bureau, status=RoundStatus.DRAFT, assignments=[[resident.pk, piece.pk, 0.5, 0]]
        )
        # What `work.actions.set_status` writes, without its order of steps.
        status = WorkStatus.IN_PROGRESS if number % 2 == 0 else WorkStatus.OPEN
        log_event(
            actor=coordinator,
            action=AuditAction.CHANGE,
            obj=piece,
            fields=["status"],
            note=f"→ {status}",
        )
    HelpRequestFactory(bureau=bureau, piece=piece)
    quote = QuoteFactory(bureau=bureau, status="accepted", accepted_on=timezone.localdate())
    QuoteLineFactory(quote=quote, piece=piece)


@pytest.fixture(autouse=True)
def _english(english):
    pass


def test_it_shows_who_was_proposed_and_what_became_of_it(personas, login, piece):
    sandra = ResidentFactory(bureau=personas.bureau, first_name="Sandra", last_name="Willems")
    match = propose(piece, sandra, personas.coordinator, EventKind.ACCEPTED, EventKind.STARTED)
    content = story(login, personas.coordinator, piece).content.decode()
    proposed = content.index("Sandra Willems was proposed")
    accepted = content.index("Sandra Willems said yes to the proposal")
    started = content.index("Sandra Willems started")
    assert proposed < accepted < started
    assert url("matching:match-detail", match) in content


def test_it_tells_the_board_the_status_and_the_hours(personas, login, piece):
    item = BoardItemFactory(bureau=personas.bureau, piece=piece, title="Hond uitlaten")
    BoardResponseFactory(item=item)
    actions.set_status(actor=personas.coordinator, piece=piece, status=WorkStatus.IN_PROGRESS)
    HoursEntryFactory(piece=piece, hours=Decimal("2.5"))
    HoursEntryFactory(piece=piece, hours=Decimal("3"))
    content = story(login, personas.coordinator, piece).content.decode()
    assert "Written for the bulletin board: “Hond uitlaten”" in content
    assert "Published on the bulletin board" in content
    assert "Someone responded on the bulletin board" in content  # a visitor: no name here
    assert "In progress: every place is filled" in content
    assert content.count("Hours done in") == 1  # one line per month
    assert ": 5.5</" in content
    assert "Piece of work created" in content


def test_residents_whose_profile_the_coach_may_not_see_stay_out(personas, login, piece):
    hidden = ResidentFactory(bureau=personas.bureau, coach=personas.coach, first_name="Verborgen")
    shared = ResidentFactory(bureau=personas.bureau, coach=personas.coach, first_name="Gedeeld")
    ConsentFactory(resident=shared, scope=ConsentScope.COACHES)
    propose(piece, hidden)
    propose(piece, shared)
    item = BoardItemFactory(bureau=personas.bureau, piece=piece)
    BoardResponseFactory(item=item, resident=hidden, name="")
    MatchingRound.objects.create(
        bureau=personas.bureau, status=RoundStatus.DRAFT, assignments=[[hidden.pk, piece.pk, 1, 0]]
    )
    content = story(login, personas.other_coach, piece).content.decode()
    assert "Verborgen" not in content
    assert "Gedeeld" in content
    assert "Someone responded on the bulletin board" in content
    content = story(login, personas.coach, piece).content.decode()
    assert "Verborgen" in content  # their own coach sees them


def test_it_logs_the_residents_it_names(personas, login, piece):
    sandra = ResidentFactory(bureau=personas.bureau)
    propose(piece, sandra)
    story(login, personas.coordinator, piece)
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, note__startswith=f"piece #{piece.pk}")
    assert f"#{sandra.pk}" in entry.note


def test_the_asker_is_named_only_when_their_profile_may_be_seen(personas, login):
    asker = ResidentFactory(bureau=personas.bureau, coach=personas.coach, first_name="Vrager")
    piece = PieceOfWorkFactory(
        bureau=personas.bureau, asked_by_kind="resident", asked_by_resident=asker
    )
    content = story(login, personas.coordinator, piece).content.decode()
    assert "Asked for by Vrager" in content
    assert url("residents:resident-story", asker) in content
    content = story(login, personas.other_coach, piece).content.decode()
    assert "Vrager" not in content
    assert "Asked for by a resident" in content


def test_it_escapes_what_people_typed(personas, login, piece):
    a_history(piece, personas.coordinator)
    response = story(login, personas.coordinator, piece)
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    assert escape("<script>").encode() in response.content


@pytest.mark.parametrize("role", ["partner", "resident", "funder", "other_coordinator"])
def test_it_is_not_found_outside_the_staff(personas, login, piece, role):
    assert story(login, getattr(personas, role), piece).status_code == 404


def test_another_bureaus_piece_is_not_found(personas, login):
    stranger = PieceOfWorkFactory(bureau=personas.other_bureau)
    response = login(personas.coordinator).get(
        reverse("work:piece-story", kwargs={"bureau_slug": "spijkerkwartier", "pk": stranger.pk})
    )
    assert response.status_code == 404


def test_the_piece_links_to_its_story(personas, login, piece):
    content = login(personas.coach).get(url("work:piece-detail", piece)).content.decode()
    assert url("work:piece-story", piece) in content


def test_the_queries_do_not_grow_with_the_events(personas, login, django_assert_num_queries):
    """One of every kind against ten of every kind: the same number of queries."""
    few = PieceOfWorkFactory(bureau=personas.bureau)
    many = PieceOfWorkFactory(bureau=personas.bureau)
    a_history(few, personas.coordinator, times=1)
    a_history(many, personas.coordinator, times=10)
    client = login(personas.coordinator)
    client.get(reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug}))
    with CaptureQueriesContext(connection) as counted:
        few_page = client.get(url("work:piece-story", few)).content.decode()
    with django_assert_num_queries(len(counted.captured_queries)):
        many_page = client.get(url("work:piece-story", many)).content.decode()
    few_events = few_page.count("<tr>") - few_page.count("<thead>")
    many_events = many_page.count("<tr>") - many_page.count("<thead>")
    assert few_events >= 3
    assert many_events >= 30


def test_every_app_tells_its_part(personas, login, piece):
    a_history(piece, personas.coordinator)
    content = story(login, personas.coordinator, piece).content.decode()
    for told in (
        "Kandidaat0",  # matching
        "paired with this work in a matching round not confirmed yet",
        "responded on the bulletin board",  # board
        "Help request from",
        "Made from a line of quote",  # quotes
        "Part of the impact assignment",  # impact
        "Part split off: “Deel 0”",  # work
        "Hours done in",
    ):
        assert told in content, told
