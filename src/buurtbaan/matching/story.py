"""Matching's part of the story (see `core.story`): every step of every match (proposed, said yes
or no, introduced, started, completed as a placement, stopped) and the pairs of a matching round
that is not confirmed yet.

For a piece, only the matches of residents whose profile the viewer may see (`visible_matches`:
a match is a step in someone's path), the way the candidates page and the match list do. Two
queries for the steps and the rounds, and one more for the names in a round's pairs.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from buurtbaan.core.story import Event, name_of, story
from buurtbaan.matching.models import EventKind, MatchEvent, MatchingRound, MatchSource, RoundStatus
from buurtbaan.matching.queries import visible_matches

MATCHING = "matching"


def _steps(matches):
    return (
        MatchEvent.objects.filter(match__in=matches)
        .select_related("actor", "match__piece", "match__resident", "match__organisation")
        .select_related("match__matching_round")
        .order_by("at", "pk")
    )


def _with_reason(text: str, reason: str) -> str:
    return f"{text} — {reason}" if reason else text


def _for_resident(event: MatchEvent) -> str:
    match, work = event.match, {"work": event.match.piece.title}
    if event.kind == EventKind.PROPOSED:
        if match.source == MatchSource.ROUND and match.matching_round is not None:
            day = formats.date_format(match.matching_round.run_at, "j F Y")
            text = _("Proposed for “%(work)s” in the matching round of %(day)s") % {
                **work,
                "day": day,
            }
        elif match.source == MatchSource.TEAM:
            text = _("Proposed for “%(work)s” as part of a team") % work
        else:
            text = _("Proposed for “%(work)s”") % work
    elif event.kind == EventKind.ACCEPTED:
        text = _("Said yes to the proposal for “%(work)s”") % work
    elif event.kind == EventKind.DECLINED:
        text = _("Said no to the proposal for “%(work)s”") % work
    elif event.kind == EventKind.INTRODUCED:
        text = _("Introduced (kennismaking) for “%(work)s”") % work
    elif event.kind == EventKind.STARTED:
        text = _("Started on “%(work)s”") % work
    elif event.kind == EventKind.COMPLETED:
        if match.organisation is not None:
            text = _("Completed “%(work)s”: a placement with %(organisation)s") % {
                **work,
                "organisation": match.organisation.name,
            }
        else:
            text = _("Completed “%(work)s”: a placement") % work
    else:
        text = _("Stopped: “%(work)s”") % work
    return _with_reason(text, event.reason)


def _for_piece(event: MatchEvent) -> str:
    name = {"name": str(event.match.resident)}
    texts = {
        EventKind.PROPOSED: _("%(name)s was proposed"),
        EventKind.ACCEPTED: _("%(name)s said yes to the proposal"),
        EventKind.DECLINED: _("%(name)s said no to the proposal"),
        EventKind.INTRODUCED: _("%(name)s was introduced (kennismaking)"),
        EventKind.STARTED: _("%(name)s started"),
        EventKind.COMPLETED: _("%(name)s completed the work: a placement"),
        EventKind.STOPPED: _("Stopped for %(name)s"),
    }
    return _with_reason(texts.get(event.kind, texts[EventKind.STOPPED]) % name, event.reason)


@story.about_resident
def resident_matches(resident, viewer):
    for event in _steps(resident.matches.all()):
        yield Event(
            at=event.at,
            kind=MATCHING,
            text=_for_resident(event),
            link=viewer.url("matching:match-detail", pk=event.match_id),
            actor=name_of(event.actor),
        )
    rounds = MatchingRound.objects.filter(bureau_id=resident.bureau_id, status=RoundStatus.DRAFT)
    pairs = [
        (matching_round, row[1])
        for matching_round in rounds.select_related("run_by")
        for row in matching_round.assignments
        if row and row[0] == resident.pk
    ]
    if pairs:
        from buurtbaan.work.models import PieceOfWork

        pieces = PieceOfWork.objects.filter(bureau_id=resident.bureau_id).in_bulk(
            [piece_id for _round, piece_id in pairs]
        )
        for matching_round, piece_id in pairs:
            if piece_id in pieces:
                yield Event(
                    at=matching_round.run_at,
                    kind=MATCHING,
                    text=_("Paired with “%(work)s” in a matching round that is not confirmed yet")
                    % {"work": pieces[piece_id].title},
                    link=viewer.url("matching:round-detail", pk=matching_round.pk),
                    actor=name_of(matching_round.run_by),
                )


@story.about_piece
def piece_matches(piece, viewer):
    matches = visible_matches(viewer.membership).filter(piece=piece)
    for event in _steps(matches):
        yield Event(
            at=event.at,
            kind=MATCHING,
            text=_for_piece(event),
            link=viewer.url("matching:match-detail", pk=event.match_id),
            actor=name_of(event.actor),
            residents=(event.match.resident,),
        )
    rounds = MatchingRound.objects.filter(bureau_id=piece.bureau_id, status=RoundStatus.DRAFT)
    pairs = [
        (matching_round, row[0])
        for matching_round in rounds.select_related("run_by")
        for row in matching_round.assignments
        if len(row) > 1 and row[1] == piece.pk
    ]
    if pairs:
        from buurtbaan.residents.models import Resident
        from buurtbaan.residents.permissions import visible_profiles_q

        residents = Resident.objects.filter(visible_profiles_q(viewer.membership)).in_bulk(
            [resident_id for _round, resident_id in pairs]
        )
        for matching_round, resident_id in pairs:
            if resident_id in residents:
                yield Event(
                    at=matching_round.run_at,
                    kind=MATCHING,
                    text=_("%(name)s paired with this work in a matching round not confirmed yet")
                    % {"name": str(residents[resident_id])},
                    link=viewer.url("matching:round-detail", pk=matching_round.pk),
                    actor=name_of(matching_round.run_by),
                    residents=(residents[resident_id],),
                )
