"""The whole story of a resident (`residents:resident-story`, told by every app's `story.py`)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.matching.models import EventKind, MatchEvent, MatchingRound, RoundStatus
from buurtbaan.residents import actions
from buurtbaan.residents.models import ConsentScope
from tests.factories import (
    AccessRequestFactory,
    BarrierFactory,
    BoardItemFactory,
    BoardResponseFactory,
    ConsentFactory,
    HelpRequestFactory,
    ImpactParticipantFactory,
    IntakeFactory,
    IntroductionRequestFactory,
    MatchFactory,
    PieceOfWorkFactory,
    QuoteFactory,
    ResidentFactory,
    SensitiveNoteFactory,
    sign_up,
)

pytestmark = pytest.mark.usefixtures("english")


def escape_free(html):
    return html.replace("&#x27;", "'")


def days_ago(days, hour=10):
    return timezone.now().replace(hour=hour, minute=0) - datetime.timedelta(days=days)


def story(login, user, url, resident, **params):
    return login(user).get(url("residents:resident-story", resident.bureau, pk=resident.pk), params)


def a_life(resident, coordinator, *, times=1):
    """`times` of every kind of event the apps tell about a resident."""
    bureau = resident.bureau
    for number in range(times):
        match = MatchFactory(bureau=bureau, resident=resident, piece__title=f"Theaterwerk {number}")
        MatchEvent.objects.create(
            match=match, kind=EventKind.PROPOSED, to_status="proposed", actor=coordinator
        )
        MatchEvent.objects.create(match=match, kind=EventKind.ACCEPTED, to_status="proposed")
        IntroductionRequestFactory(
            bureau=bureau,
            resident=resident,
            status="accepted",
            handled_by=coordinator,
            handled_at=timezone.now(),
        )
        item = BoardItemFactory(bureau=bureau)
        BoardResponseFactory(item=item, resident=resident, name="")
        HelpRequestFactory(bureau=bureau, resident=resident)
        QuoteFactory(bureau=bureau, client_resident=resident, sent_on=timezone.localdate())
        ImpactParticipantFactory(assignment__bureau=bureau, resident=resident)
        BarrierFactory(resident=resident)
        ConsentFactory(
            resident=resident,
            scope=ConsentScope.MATCHING,
            given_at=days_ago(3),
            withdrawn_at=days_ago(1),
        )
        IntakeFactory(resident=resident, coach=coordinator, completed_at=timezone.now())
        SensitiveNoteFactory(resident=resident, author=coordinator, text="Schulden bij de bank")
        AccessRequestFactory(resident=resident, status="declined", decided_at=timezone.now())
        PieceOfWorkFactory(
            bureau=bureau, asked_by_kind="resident", asked_by_resident=resident, title="Hond"
        )
        MatchingRound.objects.create(
            bureau=bureau,
            status=RoundStatus.DRAFT,
            assignments=[[resident.pk, match.piece_id, 0.6, 0]],
        )
        log_event(actor=coordinator, action=AuditAction.CHANGE, obj=resident, fields=["coach"])


def test_it_tells_what_every_app_knows_in_time_order(personas, login, url, resident):
    item = BoardItemFactory(bureau=personas.bureau, title="Conciërge gezocht")
    response = BoardResponseFactory(item=item, resident=resident, name="")
    introduction = IntroductionRequestFactory(bureau=personas.bureau, resident=resident)
    match = MatchFactory(bureau=personas.bureau, resident=resident, piece__title="Conciërge")
    proposal = MatchEvent.objects.create(
        match=match, kind=EventKind.PROPOSED, to_status="proposed", actor=personas.coordinator
    )
    # Made in another order than they happened: the page sorts by when.
    type(response).objects.filter(pk=response.pk).update(created_at=days_ago(30))
    type(introduction).objects.filter(pk=introduction.pk).update(created_at=days_ago(20))
    MatchEvent.objects.filter(pk=proposal.pk).update(at=days_ago(10))
    content = story(login, personas.coordinator, url, resident).content.decode()
    responded = content.index("Responded on the bulletin board to “Conciërge gezocht”")
    introduced = content.index("asked to be introduced")
    proposed = content.index("Proposed for “Conciërge”")
    assert responded < introduced < proposed
    assert url("matching:match-detail", personas.bureau, pk=match.pk) in content
    assert url("pool:introduction-detail", personas.bureau, pk=introduction.pk) in content
    assert escape(str(personas.coordinator)) in content  # who proposed


def test_the_newest_come_first_on_request_and_a_kind_can_be_chosen(personas, login, url, resident):
    item = BoardItemFactory(bureau=personas.bureau, title="Conciërge gezocht")
    response = BoardResponseFactory(item=item, resident=resident, name="")
    type(response).objects.filter(pk=response.pk).update(created_at=days_ago(400))
    match = MatchFactory(bureau=personas.bureau, resident=resident, piece__title="Conciërge")
    MatchEvent.objects.create(match=match, kind=EventKind.PROPOSED, to_status="proposed")
    content = story(login, personas.coordinator, url, resident, volgorde="nieuwste").content
    content = content.decode()
    assert content.index("Proposed for") < content.index("Responded on the bulletin board")
    only_board = story(login, personas.coordinator, url, resident, soort="board").content.decode()
    assert "Responded on the bulletin board" in only_board
    assert "Proposed for" not in only_board
    assert '<option value="matching">Proposals and placements (1)</option>' in only_board


def test_it_groups_by_month(personas, login, url, resident):
    response = BoardResponseFactory(
        item=BoardItemFactory(bureau=personas.bureau), resident=resident, name=""
    )
    type(response).objects.filter(pk=response.pk).update(
        created_at=datetime.datetime(2025, 3, 14, 10, tzinfo=datetime.UTC)
    )
    content = story(login, personas.coordinator, url, resident).content.decode()
    assert "<caption>March 2025</caption>" in content


def test_it_escapes_what_people_typed(personas, login, url, resident):
    a_life(resident, personas.coordinator)
    response = story(login, personas.coordinator, url, resident)
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_it_writes_a_read_entry(personas, login, url, resident):
    story(login, personas.coordinator, url, resident)
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, note="resident story")
    assert entry.object_id == str(resident.pk)
    assert entry.actor == personas.coordinator


def test_sensitive_notes_only_for_who_may_read_them(personas, login, url, resident):
    SensitiveNoteFactory(resident=resident, author=personas.coach, text="Schulden bij de bank")
    ConsentFactory(resident=resident, scope=ConsentScope.COACHES)  # other coaches see the profile
    for user in (personas.coordinator, personas.coach):
        content = story(login, user, url, resident).content.decode()
        assert "A sensitive note was written" in content
        assert "Schulden bij de bank" not in content  # the notes are read on their own page
        assert url("residents:sensitive-note-list", personas.bureau, pk=resident.pk) in content
    content = story(login, personas.other_coach, url, resident).content.decode()
    assert "sensitive note" not in content
    assert "Registered in the talent bank" in content


def test_a_coach_who_may_not_see_the_profile_gets_no_story(personas, login, url, resident):
    a_life(resident, personas.coordinator)
    response = story(login, personas.other_coach, url, resident)
    content = response.content.decode()
    assert response.status_code == 200
    assert "has not agreed to share their profile" in content
    for secret in ("Theaterwerk", "Registered", "Proposed", "asked to be introduced"):
        assert secret not in content


def test_access_requests_only_for_coordinators(personas, login, url, resident):
    AccessRequestFactory(resident=resident)
    assert (
        "Asked to see all their data"
        in story(login, personas.coordinator, url, resident).content.decode()
    )
    assert (
        "Asked to see all their data"
        not in story(login, personas.coach, url, resident).content.decode()
    )


@pytest.mark.parametrize("role", ["partner", "resident", "funder", "other_coordinator"])
def test_it_is_not_found_outside_the_staff(personas, login, url, resident, role):
    assert story(login, getattr(personas, role), url, resident).status_code == 404


def test_another_bureaus_resident_is_not_found(personas, login, url):
    stranger = ResidentFactory(bureau=personas.other_bureau)
    response = login(personas.coordinator).get(
        url("residents:resident-story", personas.bureau, pk=stranger.pk)
    )
    assert response.status_code == 404


def test_it_tells_a_sign_up_from_a_registration_by_staff(personas, login, url, resident):
    _outcome, signed_up = sign_up(personas.bureau)
    content = story(login, personas.coordinator, url, signed_up).content.decode()
    assert "Signed up on the bureau's website" in escape_free(content)
    registered = actions.register_resident(
        actor=personas.coach,
        bureau=personas.bureau,
        first_name="Peter",
        last_name="Bakker",
        date_of_birth=datetime.date(1990, 1, 1),
        postcode="6828AB",
    )
    content = story(login, personas.coordinator, url, registered).content.decode()
    assert "Registered in the talent bank" in content
    assert escape(str(personas.coach)) in content


def test_the_file_links_to_the_story(personas, login, url, resident):
    content = (
        login(personas.coach)
        .get(url("residents:resident-detail", personas.bureau, pk=resident.pk))
        .content.decode()
    )
    assert url("residents:resident-story", personas.bureau, pk=resident.pk) in content


def test_the_queries_do_not_grow_with_the_events(personas, login, url, django_assert_num_queries):
    """One of every kind against ten of every kind: the same number of queries."""
    few = ResidentFactory(bureau=personas.bureau, coach=personas.coach)
    many = ResidentFactory(bureau=personas.bureau, coach=personas.coach)
    a_life(few, personas.coordinator, times=1)
    a_life(many, personas.coordinator, times=10)
    client = login(personas.coordinator)
    client.get(url("bureaus:dashboard", personas.bureau))  # the session is warm for both
    with CaptureQueriesContext(connection) as counted:
        response = client.get(url("residents:resident-story", personas.bureau, pk=few.pk))
    few_events = response.content.decode().count("<tr>") - response.content.decode().count(
        "<thead>"
    )
    with django_assert_num_queries(len(counted.captured_queries)):
        response = client.get(url("residents:resident-story", personas.bureau, pk=many.pk))
    many_events = response.content.decode().count("<tr>") - response.content.decode().count(
        "<thead>"
    )
    assert few_events >= 3
    assert many_events >= 30
    assert many_events > 5 * few_events


def test_every_app_tells_its_part(personas, login, url, resident):
    a_life(resident, personas.coordinator)
    content = story(login, personas.coordinator, url, resident).content.decode()
    for told in (
        "Proposed for “Theaterwerk 0”",  # matching
        "Said yes to the proposal",
        "in a matching round that is not confirmed yet",
        "The bureau accepted the introduction to",  # pool
        "Responded on the bulletin board to",  # board
        "asked Buurtmaatjes for help for them",
        "made for them",  # quotes
        "sent",
        "Takes part in the impact assignment",  # impact
        "Asked for work: “Hond”",  # work
        "Barrier recorded",  # the talent bank
        "Consent given",
        "Consent withdrawn",
        "Intake started",
        "Intake completed",
        "Another coach was assigned",
        "Asked to see all their data",  # privacy requests, for a coordinator
        "The request to see their data was declined",
    ):
        assert told in content, told


def test_coach_and_stage_changes_say_who_made_them(personas, login, url, resident):
    actions.assign_coach(actor=personas.coordinator, resident=resident, coach=personas.other_coach)
    actions.change_stage(actor=personas.coordinator, resident=resident, stage="active")
    content = story(login, personas.coordinator, url, resident).content.decode()
    assert "Another coach was assigned" in content
    assert "Stage changed to: in a trajectory" in content
    assert content.count(escape(str(personas.coordinator))) >= 2
