"""Sandra's story in a sensible time order (Netwerkboek ch. 2), for her story page.

The apps' demo parts make her history through the actions, so everything they do happens at the
moment the demo loads, while her intake (residents/demo.py) and the theatre's hours
(work/demo.py, weekly from the first days of the year) lie in the past. This last step of the
loader adds her response on the board and puts each step on its own day, counted from the
first day she worked at the theatre (`_start`, a few days into the year, as the hours are):

    registered ten days before her intake; barriers and a sensitive note at the intake;
    the theatre's vacancy made and published ~2.5 months before the start;
    Sandra responds on the board; the bureau contacts her;
    the theatre asks the pool for an introduction; the bureau accepts;
    she is proposed, says yes, meets the owner on the wijkexcursie (kennismaking);
    she asks for someone to walk her dog (she will have less time);
    she starts (the first hours), and after a month the theatre takes her on: a placement.

Only on the load that made these steps (while her record is younger than her intake); a second
run changes nothing. The audit entries written by the actions keep the moment they were written:
the log says when things were recorded and is never rewritten.
"""

from __future__ import annotations

import contextlib
import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtbaan.board import actions as board_actions
from buurtbaan.board.models import BoardItem, Response, ResponseStatus
from buurtbaan.demo import stories
from buurtbaan.matching.models import EventKind, Match, MatchEvent, MatchStatus
from buurtbaan.pool.models import IntroductionRequest
from buurtbaan.residents.models import Resident, SensitiveNote
from buurtbaan.work.models import PieceOfWork

THEATRE_JOB = "Conciërge en schoonmaak Theater De Spijker"
DOG = "Hond van Sandra uitlaten"


def _start() -> datetime.date:
    """The first day of the theatre's hours (work/demo.py books them from 4 January)."""
    today = timezone.localdate()
    return min(datetime.date(today.year, 1, 4), today)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return min(moment, timezone.now())


def date_sandras_story(bureau) -> None:
    sandra = (
        Resident.objects.filter(bureau=bureau, email=f"sandra@{stories.EMAIL_DOMAIN}")
        .select_related("user")
        .first()
    )
    intake = sandra.intakes.order_by("started_at").first() if sandra else None
    if sandra is None or intake is None or sandra.created_at <= intake.started_at:
        return
    start = _start()

    def day(offset: int) -> datetime.date:
        return start + datetime.timedelta(days=offset)

    Resident.objects.filter(pk=sandra.pk).update(
        created_at=intake.started_at - datetime.timedelta(days=10)
    )
    decided = intake.completed_at or intake.started_at
    sandra.barriers.update(created_at=decided)
    SensitiveNote.objects.filter(resident=sandra).update(
        created_at=decided + datetime.timedelta(hours=1)
    )

    theatre = PieceOfWork.objects.filter(bureau=bureau, title=THEATRE_JOB).first()
    if theatre is not None:
        PieceOfWork.objects.filter(pk=theatre.pk).update(created_at=_at(day(-75), 11))
        item = BoardItem.objects.filter(piece=theatre).first()
        if item is not None:
            BoardItem.objects.filter(pk=item.pk).update(
                created_at=_at(day(-74), 9), published_at=_at(day(-73), 10)
            )
            _response(sandra, item, responded=_at(day(-60), 19, 30), contacted=_at(day(-58), 10))
        _match_steps(
            sandra,
            theatre,
            {
                EventKind.PROPOSED: _at(day(-45), 11),
                EventKind.ACCEPTED: _at(day(-43), 20, 15),
                EventKind.INTRODUCED: _at(day(-35), 14),
                EventKind.STARTED: _at(day(0), 9),
                EventKind.COMPLETED: _at(day(28), 16),
            },
        )
    IntroductionRequest.objects.filter(resident=sandra).update(
        created_at=_at(day(-50), 15), handled_at=_at(day(-49), 9, 30)
    )
    PieceOfWork.objects.filter(bureau=bureau, title=DOG, asked_by_resident=sandra).update(
        created_at=_at(day(-5), 10)
    )


def _response(sandra, item, *, responded, contacted) -> None:
    """Sandra said "I want to do this" on the board; the bureau called her back."""
    if sandra.user is None:
        return
    response = Response.objects.filter(item=item, resident=sandra).first()
    if response is None:
        with contextlib.suppress(ValidationError):  # the item may be off the board by now
            response, _new = board_actions.respond_as_resident(actor=sandra.user, item=item)
    if response is None:
        return
    coordinator = (
        get_user_model().objects.filter(email=f"coordinator@{stories.EMAIL_DOMAIN}").first()
    )
    if response.status == ResponseStatus.NEW and coordinator is not None:
        board_actions.handle_response(
            actor=coordinator,
            response=response,
            status=ResponseStatus.CONTACTED,
            note="Gebeld: ze komt langs op de wijkexcursie.",
        )
    Response.objects.filter(pk=response.pk).update(created_at=responded, handled_at=contacted)


def _match_steps(sandra, piece, moments: dict) -> None:
    match = Match.objects.filter(resident=sandra, piece=piece).first()
    if match is None:
        return
    for kind, moment in moments.items():
        MatchEvent.objects.filter(match=match, kind=kind).update(at=moment)
    fields = {
        "proposed_at": moments[EventKind.PROPOSED],
        "accepted_at": moments[EventKind.ACCEPTED],
        "introduced_at": moments[EventKind.INTRODUCED],
        "started_at": moments[EventKind.STARTED],
    }
    if match.status == MatchStatus.COMPLETED:
        fields["ended_at"] = moments[EventKind.COMPLETED]
    Match.objects.filter(pk=match.pk).update(**fields)
