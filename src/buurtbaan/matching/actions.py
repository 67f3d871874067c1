"""Every write of matching: proposals, the steps of a match, teams, matching rounds, settings.

The life of a match (`models.Match`)::

    proposed ──► introduced ──► started ──► completed
       │  │           │  │         │
       │  └──────┬────┘  │         │
       │      declined   └────┬────┘
       └──────────────────► stopped

A resident **accepts** a proposal (proposed or introduced) before it can start; declining ends it
and the pair is never proposed again. Coordinators and coaches propose and move matches on and
may record the resident's answer for a resident without an account; the resident answers their
own proposals on "Mijn voorstellen". Every step, the proposal included, writes a `MatchEvent`
(who, when, why) and an audit entry (a confirmed round: one entry for the round). Errors are
`ValidationError`s with a message that says what to do.

Concurrency: a step locks its match (`select_for_update`) and checks the status it finds there,
so a double submit or two people at once cannot take a step twice or out of order. Proposals of
one bureau (by hand, as a team, from a round) lock the bureau's `MatchingSettings` row, so two of
them cannot both take a piece's last place or a resident's last open proposal.
"""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.core.plurals import counted
from buurtbaan.matching import eligibility, review, suggestions
from buurtbaan.matching.loader import MATCHABLE_STATUSES
from buurtbaan.matching.models import (
    ACTIVE_STATUSES,
    OPEN_STATUSES,
    PLACE_STATUSES,
    EventKind,
    Match,
    MatchEvent,
    MatchingRound,
    MatchingSettings,
    MatchSource,
    MatchStatus,
    RoundStatus,
)
from buurtbaan.matching.queries import settings_for
from buurtbaan.residents.models import Consent, ConsentScope, Resident
from buurtbaan.work.models import AskerKind, PieceOfWork, WorkStatus


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _event(match: Match, kind: str, from_status: str, actor, reason: str = "", at=None):
    return MatchEvent.objects.create(
        match=match,
        kind=kind,
        from_status=from_status,
        to_status=match.status,
        actor=_user(actor),
        at=at or timezone.now(),
        reason=reason,
    )


def _lock_bureau(bureau_id: int) -> MatchingSettings:
    """The bureau's matching settings, locked until the transaction ends (see the module doc).

    Always the first lock a proposal takes: a round inserts matches, which take a share lock on
    their pieces, while holding this one; locking a piece first could deadlock with it."""
    locked = MatchingSettings.objects.select_for_update().filter(bureau_id=bureau_id).first()
    if locked is None:
        from buurtbaan.bureaus.models import Bureau

        settings_for(Bureau.objects.get(pk=bureau_id))
        locked = MatchingSettings.objects.select_for_update().get(bureau_id=bureau_id)
    return locked


def organisation_of(piece: PieceOfWork):
    """The organisation a placement on this piece is with: who carries it, else who asks for it
    (its id, or None)."""
    return _organisation_from_row(
        {
            "carried_by_organisation_id": piece.carried_by_organisation_id,
            "asked_by_kind": piece.asked_by_kind,
            "asked_by_organisation_id": piece.asked_by_organisation_id,
        }
    )


# --- Proposing -----------------------------------------------------------------------------------


def _check_can_propose(piece: PieceOfWork, resident: Resident, matching_settings) -> None:
    """Everything that keeps a pair from being proposed, checked against the database."""
    name = str(resident)
    if resident.bureau_id != piece.bureau_id:
        raise ValidationError(_("The resident and the work belong to different bureaus."))
    if piece.status not in MATCHABLE_STATUSES:
        raise ValidationError(
            _("This work is %(status)s; it takes no new proposals. Reopen it first.")
            % {"status": piece.get_status_display()}
        )
    if resident.is_anonymised:
        raise ValidationError(_("This resident's data was erased; they cannot be proposed."))
    if not Consent.objects.filter(
        resident=resident, scope=ConsentScope.MATCHING, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(
            _(
                "%(name)s has not agreed to be proposed for work. Record their consent on their "
                "page first, if they want to be."
            )
            % {"name": name}
        )
    # The one rule of who may be proposed (erasure and consent have their own message above).
    not_yet = [
        code
        for code in eligibility.not_proposable(resident)
        if code not in (eligibility.ERASED, eligibility.NO_CONSENT)
    ]
    if not_yet:
        raise ValidationError(
            _("%(name)s cannot be proposed yet: %(why)s.")
            % {"name": name, "why": "; ".join(eligibility.reasons(not_yet))}
        )
    pair = Match.objects.filter(resident=resident, piece=piece)
    if pair.filter(status=MatchStatus.DECLINED).exists():
        raise ValidationError(
            _("%(name)s declined this work before; the bureau does not propose it again.")
            % {"name": name}
        )
    if pair.filter(status__in=ACTIVE_STATUSES).exists():
        raise ValidationError(_("%(name)s already has a proposal for this work.") % {"name": name})
    taken = Match.objects.filter(piece=piece, status__in=PLACE_STATUSES).count()
    if taken >= piece.people_needed:
        raise ValidationError(
            ngettext(
                "The place of this work is taken. Stop a proposal or ask for more people first.",
                "All %(count)s places of this work are taken. Stop a proposal or ask for more "
                "people first.",
                piece.people_needed,
            )
            % {"count": piece.people_needed}
        )
    open_count = Match.objects.filter(resident=resident, status__in=OPEN_STATUSES).count()
    limit = matching_settings.max_open_proposals
    if open_count >= limit:
        raise ValidationError(
            ngettext(
                "%(name)s is already considering %(count)s proposal, the most this bureau allows "
                "at once. Wait for their answer, or raise the limit in the matching settings.",
                "%(name)s is already considering %(count)s proposals, the most this bureau allows "
                "at once. Wait for their answers, or raise the limit in the matching settings.",
                open_count,
            )
            % {"name": name, "count": open_count}
        )


def _explanation(piece: PieceOfWork, resident: Resident):
    explanation = suggestions.explain(piece.bureau, resident, piece)
    if explanation is None:
        raise ValidationError(_("The matching engine does not know this resident or this work."))
    if not explanation.is_allowed:
        from buurtbaan.matching.reasons import render_all

        raise ValidationError(
            _("%(name)s cannot be proposed for this work: %(why)s.")
            % {"name": str(resident), "why": "; ".join(render_all(explanation.exclusions))}
        )
    return explanation


@transaction.atomic
def propose_match(
    *,
    actor,
    piece: PieceOfWork,
    resident: Resident,
    source: str = MatchSource.SUGGESTION,
    note: str = "",
) -> Match:
    """Propose a resident for a piece of work. Coordinators and coaches.

    Refused with a ValidationError when the pair may not be proposed: another bureau, work that is
    done or cancelled, an erased resident, no consent to be proposed, declined before, already
    proposed, every place taken, the resident already considering the bureau's maximum of
    proposals, or a hard constraint of the engine (age, hours, distance). Stores the score,
    reasons and support needed as they are now; writes a `MatchEvent` and an audit entry.
    """
    matching_settings = _lock_bureau(piece.bureau_id)
    piece = (
        PieceOfWork.objects.select_for_update(of=("self",))
        .select_related("bureau")
        .get(pk=piece.pk)
    )
    # As it is now: the caller's copy may be older than an erasure.
    resident = Resident.objects.get(pk=resident.pk)
    _check_can_propose(piece, resident, matching_settings)
    explanation = _explanation(piece, resident)
    note = note.strip()
    match = Match.objects.create(
        bureau_id=piece.bureau_id,
        resident=resident,
        piece=piece,
        organisation_id=organisation_of(piece),
        source=source,
        score=min(1.0, max(0.0, explanation.score)),
        reasons=explanation.reasons,
        support=explanation.support,
        proposed_by=_user(actor),
        proposal_note=note,
    )
    _event(match, EventKind.PROPOSED, "", actor, note, at=match.proposed_at)
    log_event(actor=actor, action=AuditAction.CREATE, obj=match, note=f"source={source}")
    return match


@transaction.atomic
def propose_team(*, actor, piece: PieceOfWork, residents: list[Resident]) -> list[Match]:
    """Propose several residents together for a piece of group work (source: team).

    Coordinators and coaches. All or nothing: if one of them cannot be proposed, nobody is, and
    the ValidationError names who and why.
    """
    if not residents:
        raise ValidationError(_("Choose at least one resident for the team."))
    matches = []
    for resident in residents:
        try:
            matches.append(
                propose_match(actor=actor, piece=piece, resident=resident, source=MatchSource.TEAM)
            )
        except ValidationError as error:
            raise ValidationError(" ".join(error.messages)) from error
    return matches


def compose_team_for(*, actor, piece: PieceOfWork):
    """Compose the best team for the free places of a piece of group work and propose it.

    Coordinators and coaches. Returns (team, matches); (None, []) when the piece has no free place
    or no one fits.
    """
    team = suggestions.team_for_piece(piece.bureau, piece)
    if team is None or not team.members:
        return team, []
    return team, propose_team(
        actor=actor, piece=piece, residents=[member.resident for member in team.members]
    )


# --- The steps of a match ------------------------------------------------------------------------


def _move(
    match: Match,
    *,
    allowed_from,
    to: str,
    kind: str,
    actor,
    reason: str = "",
    check=None,
    **stamps,
):
    """Lock the match, check the step against what the database holds now (`allowed_from`, and
    `check(match)` which may raise), then take it and record it."""
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.status not in allowed_from:
        raise ValidationError(
            _("This match is %(status)s; it cannot be %(step)s now.")
            % {"status": match.get_status_display(), "step": EventKind(kind).label}
        )
    if check is not None:
        check(match)
    from_status = match.status
    now = timezone.now()
    match.status = to
    for field in stamps:
        setattr(match, field, now)
    fields = ["status", "updated_at", *stamps]
    if reason and to in (MatchStatus.STOPPED, MatchStatus.DECLINED):
        match.end_reason = reason
        fields.append("end_reason")
    match.save(update_fields=fields)
    _event(match, kind, from_status, actor, reason, at=now)
    log_event(actor=actor, action=AuditAction.CHANGE, obj=match, fields=["status"], note=f"→ {to}")
    return match


@transaction.atomic
def introduce_match(*, actor, match: Match, note: str = "") -> Match:
    """The bureau introduced the resident to the work (kennismaking). Coordinators and coaches."""
    return _move(
        match,
        allowed_from=(MatchStatus.PROPOSED,),
        to=MatchStatus.INTRODUCED,
        kind=EventKind.INTRODUCED,
        actor=actor,
        reason=note.strip(),
        introduced_at=True,
    )


@transaction.atomic
def resident_accepts(*, actor, match: Match, note: str = "") -> Match:
    """The resident says yes to a proposal (proposed or introduced).

    The resident on their own page, or a coordinator or coach recording their answer. The status
    stays; `accepted_at` is set, and a Buurtmaatjes help request for the piece moves to "matched".
    """
    match = Match.objects.select_for_update().select_related("piece").get(pk=match.pk)
    if match.status not in OPEN_STATUSES:
        raise ValidationError(
            _("This proposal is %(status)s; it can no longer be accepted.")
            % {"status": match.get_status_display()}
        )
    if match.accepted_at is not None:
        raise ValidationError(_("This proposal was accepted already."))
    match.accepted_at = timezone.now()
    match.save(update_fields=["accepted_at", "updated_at"])
    _event(match, EventKind.ACCEPTED, match.status, actor, note.strip(), at=match.accepted_at)
    log_event(actor=actor, action=AuditAction.CHANGE, obj=match, fields=["accepted_at"])
    _mark_help_request_matched(actor, match.piece)
    return match


@transaction.atomic
def resident_declines(*, actor, match: Match, reason: str = "") -> Match:
    """The resident says no (a reason is optional). The pair is never proposed again.

    The resident on their own page, or a coordinator or coach recording their answer. Only before
    they said yes: a resident who accepted and changes their mind is a stopped match (with the
    reason), and the pair may be proposed again later.
    """
    return _move(
        match,
        allowed_from=OPEN_STATUSES,
        to=MatchStatus.DECLINED,
        kind=EventKind.DECLINED,
        actor=actor,
        reason=reason.strip(),
        check=_not_accepted,
        ended_at=True,
    )


def _not_accepted(match: Match) -> None:
    if match.accepted_at is not None:
        raise ValidationError(
            _(
                "The resident accepted this proposal already. If they changed their mind, stop "
                "the match and write down why."
            )
        )


def _accepted(match: Match) -> None:
    if match.accepted_at is None:
        raise ValidationError(
            _(
                "The resident has not accepted this proposal yet. Record their answer first: "
                "the bureau proposes, the resident decides."
            )
        )


@transaction.atomic
def start_match(*, actor, match: Match, note: str = "") -> Match:
    """The resident starts the work. Coordinators and coaches; only after the resident accepted.

    When every place of an open piece has started, the piece moves to "in progress"; a
    Buurtmaatjes help request for the piece moves to "matched".
    """
    match = _move(
        match,
        allowed_from=OPEN_STATUSES,
        to=MatchStatus.STARTED,
        kind=EventKind.STARTED,
        actor=actor,
        reason=note.strip(),
        check=_accepted,
        started_at=True,
    )
    piece = PieceOfWork.objects.select_for_update().get(pk=match.piece_id)
    working = Match.objects.filter(
        piece=piece, status__in=[MatchStatus.STARTED, MatchStatus.COMPLETED]
    ).count()
    if piece.status == WorkStatus.OPEN and working >= piece.people_needed:
        from buurtbaan.work.actions import set_status

        set_status(actor=actor, piece=piece, status=WorkStatus.IN_PROGRESS)
    _mark_help_request_matched(actor, piece)
    return match


@transaction.atomic
def complete_match(*, actor, match: Match, note: str = "") -> Match:
    """The resident finished the work: a placement. Coordinators and coaches.

    Records the relation between the resident and the organisation the work is with (carried by,
    else asked by), which `matching.stats.placements` counts for the impact figures.
    """
    match = _move(
        match,
        allowed_from=(MatchStatus.STARTED,),
        to=MatchStatus.COMPLETED,
        kind=EventKind.COMPLETED,
        actor=actor,
        reason=note.strip(),
        ended_at=True,
    )
    if match.organisation_id is None:
        organisation_id = organisation_of(match.piece)
        if organisation_id is not None:
            match.organisation_id = organisation_id
            match.save(update_fields=["organisation", "updated_at"])
    return match


@transaction.atomic
def stop_match(*, actor, match: Match, reason: str) -> Match:
    """Stop a match before it completes (withdraw a proposal, or end started work early).

    Coordinators and coaches; the reason is required. The pair may be proposed again later.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the match stops; it stays in its history.")})
    return _move(
        match,
        allowed_from=ACTIVE_STATUSES,
        to=MatchStatus.STOPPED,
        kind=EventKind.STOPPED,
        actor=actor,
        reason=reason,
        ended_at=True,
    )


@transaction.atomic
def erase_resident_data(resident: Resident) -> bool:
    """What matching keeps about a resident whose data is erased. Called by
    `residents.erasure.anonymise_resident`, inside its transaction; returns whether there was any.

    The matches keep status, score, dates, the work and the organisation (so placements and the
    other figures stay right) but lose what they say about the person: reasons, support, notes
    and the reasons of their steps. Matches that are still active are then stopped
    (`stop_erased_match`), so they no longer hold a place of the work or wait for an answer nobody
    can give. The cached engine drops the resident through `matching.cache`'s own signals.
    """
    matches = Match.objects.filter(resident=resident)
    blanked = matches.update(reasons=[], support=[], proposal_note="", end_reason="")
    MatchEvent.objects.filter(match__resident=resident).update(reason="")
    for match in matches.filter(status__in=ACTIVE_STATUSES):
        stop_erased_match(match=match)
    return bool(blanked)


def stop_erased_match(*, match: Match) -> Match:
    """Stop an active match because the resident's data was erased (`erase_resident_data`).
    Nobody in particular takes this step: the event has no actor."""
    return _move(
        match,
        allowed_from=ACTIVE_STATUSES,
        to=MatchStatus.STOPPED,
        kind=EventKind.STOPPED,
        actor=None,
        reason=_("The resident's data was erased."),
        ended_at=True,
    )


def _mark_help_request_matched(actor, piece: PieceOfWork) -> None:
    from buurtbaan.board.actions import set_help_request_status
    from buurtbaan.board.models import HelpRequest, HelpStatus

    help_request = HelpRequest.objects.filter(piece_id=piece.pk).first()
    if help_request is not None and help_request.status == HelpStatus.PIECE_CREATED:
        set_help_request_status(actor=actor, help_request=help_request, status=HelpStatus.MATCHED)


# --- Matching rounds -----------------------------------------------------------------------------


def run_round(*, actor, bureau) -> MatchingRound:
    """Allocate all open work of the bureau at once and keep the result to be confirmed.

    Coordinators. Scores the bureau fresh from the database, leaves out residents with an active
    match and work that is not open or has no free place (`suggestions.compute_round`), solves
    the round exactly with the bureau's settings, and stores the allocation with its objective
    and counts. Nothing is proposed until `confirm_round`.

    Reading and solving (up to MATCHING_ROUND_SECONDS) happen outside a transaction: on SQLite a
    transaction holds the write lock from its start, and every other write of the installation
    would wait for the solver. Only storing the round is a transaction; `confirm_round` checks
    every assignment against the database again, so a change in between loses nothing.
    """
    started = time.perf_counter()
    matching_settings = settings_for(bureau)
    computed = suggestions.compute_round(bureau, matching_settings)
    with transaction.atomic():
        return _store_round(actor, bureau, matching_settings, computed, started)


def _store_round(actor, bureau, matching_settings, computed, started) -> MatchingRound:
    prepared, result = computed.prepared, computed.result
    matching_round = MatchingRound.objects.create(
        bureau=bureau,
        run_by=_user(actor),
        parameters={
            "weights": {
                name: getattr(prepared.weights, name)
                for name in (*prepared.weights.FIT_COMPONENTS, "priority_weight")
            },
            "min_score": float(matching_settings.min_score),
            "max_per_resident": matching_settings.max_open_proposals,
        },
        assignments=[
            [a.resident_id, a.work_id, round(a.score, 6), round(a.bonus, 6)]
            for a in result.assignments
        ],
        objective=result.objective,
        total_fit=result.total_fit,
        residents_considered=computed.residents_considered,
        pieces_considered=computed.pieces_considered,
        matched_residents=result.matched_residents,
        matched_pieces=result.matched_work,
        places_filled=result.places,
        open_places=result.open_places,
        is_certified_optimal=result.is_certified_optimal,
        gap_bound=result.gap_bound,
        duration_ms=round((time.perf_counter() - started) * 1000),
    )
    log_event(actor=actor, action=AuditAction.CREATE, obj=matching_round)
    # For a caller in the same process (the command line, the benchmark): the engine's objects.
    matching_round.prepared, matching_round.result = prepared, result
    return matching_round


@transaction.atomic
def confirm_round(*, actor, matching_round: MatchingRound, version: int | None = None) -> int:
    """Turn a round's allocation into proposals (source: round). Coordinators.

    ``version`` is the round's `version` as the page showed it: if the round changed since
    (someone dropped or swapped a pair), nothing is confirmed and the message says to look
    again. Two confirms at once propose once: the second finds the round confirmed.

    Assignments that are no longer possible (the resident got another proposal or withdrew
    consent or was erased or no longer passes `eligibility` otherwise, the piece is full or no longer open, the pair was declined) are
    skipped; the rest become proposed matches in one go, each with its "proposed" `MatchEvent`,
    and one audit entry for the round. All or nothing, under the bureau's proposal lock. Their
    reasons are added when a proposal is first shown (`add_missing_reasons`): explaining
    thousands of pairs here would cost seconds. Returns the number of proposals made.
    """
    _lock_bureau(matching_round.bureau_id)
    matching_round = MatchingRound.objects.select_for_update().get(pk=matching_round.pk)
    if matching_round.status != RoundStatus.DRAFT:
        raise ValidationError(
            _("This round was %(status)s already.")
            % {"status": matching_round.get_status_display()}
        )
    _check_version(matching_round, version)
    bureau = matching_round.bureau
    # Whole-bureau reads rather than IN lists of thousands of ids: faster, and as many queries.
    busy = Match.objects.filter(resident=OuterRef("pk"), status__in=ACTIVE_STATUSES)
    free_residents = eligibility.proposable_ids(
        Resident.objects.filter(bureau=bureau).exclude(Exists(busy))
    )
    rows = list(
        PieceOfWork.objects.filter(bureau=bureau, status=WorkStatus.OPEN)
        .annotate(taken=Count("matches", filter=Q(matches__status__in=PLACE_STATUSES)))
        .values(
            "pk",
            "people_needed",
            "taken",
            "carried_by_organisation_id",
            "asked_by_kind",
            "asked_by_organisation_id",
        )
    )
    pieces = {row["pk"]: row["people_needed"] - row["taken"] for row in rows}
    organisations = {row["pk"]: _organisation_from_row(row) for row in rows}
    declined = set(
        Match.objects.filter(bureau=bureau, status=MatchStatus.DECLINED).values_list(
            "resident_id", "piece_id"
        )
    )
    now = timezone.now()
    proposer = _user(actor)
    rows = []
    for resident_id, piece_id, score, _bonus in matching_round.assignments:
        if (
            resident_id not in free_residents
            or pieces.get(piece_id, 0) < 1
            or (resident_id, piece_id) in declined
        ):
            continue
        pieces[piece_id] -= 1
        rows.append((resident_id, piece_id, organisations.get(piece_id), min(1.0, max(0.0, score))))
    _insert_round_proposals(matching_round, rows, proposer, now)
    _insert_round_events(matching_round, proposer, now)
    matching_round.status = RoundStatus.CONFIRMED
    matching_round.confirmed_by = proposer
    matching_round.confirmed_at = now
    matching_round.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=matching_round,
        fields=["status"],
        note=f"confirmed: {counted(len(rows), 'proposal')}",
    )
    return len(rows)


#: The columns a round proposal sets; the others keep their defaults (NULL, "").
_PROPOSAL_COLUMNS = (
    "bureau_id",
    "resident_id",
    "piece_id",
    "organisation_id",
    "matching_round_id",
    "status",
    "source",
    "score",
    "reasons",
    "support",
    "proposed_by_id",
    "proposed_at",
    "proposal_note",
    "end_reason",
    "updated_at",
)


def _insert_round_proposals(matching_round, rows, proposer, now) -> None:
    """Insert the proposals of a round at once: PostgreSQL's COPY (thousands of rows in a tenth
    of a second), elsewhere `bulk_create`. Matches send no signals, so nothing is missed."""
    proposer_id = proposer.pk if proposer is not None else None
    values = [
        (
            matching_round.bureau_id,
            resident_id,
            piece_id,
            organisation_id,
            matching_round.pk,
            MatchStatus.PROPOSED.value,
            MatchSource.ROUND.value,
            score,
            "[]",
            "[]",
            proposer_id,
            now,
            "",
            "",
            now,
        )
        for resident_id, piece_id, organisation_id, score in rows
    ]
    if connection.vendor == "postgresql":
        columns = ", ".join(_PROPOSAL_COLUMNS)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {Match._meta.db_table} ({columns}) FROM STDIN") as copy,
        ):
            for row in values:
                copy.write_row(row)
        return
    Match.objects.bulk_create(
        [
            Match(
                **{
                    name: [] if name in ("reasons", "support") else value
                    for name, value in zip(_PROPOSAL_COLUMNS, row, strict=True)
                }
            )
            for row in values
        ],
        batch_size=500,
    )


def _insert_round_events(matching_round, proposer, now) -> None:
    """The "proposed" event of every proposal of the round, in one INSERT … SELECT."""
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(MatchEvent._meta.get_field(name).column)
        for name in ("match", "kind", "from_status", "to_status", "actor", "at", "reason")
    )
    match_id = quote(Match._meta.pk.column)
    round_id = quote(Match._meta.get_field("matching_round").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(MatchEvent._meta.db_table)} ({columns}) "
            f"SELECT {match_id}, %s, '', %s, %s, %s, '' "
            f"FROM {quote(Match._meta.db_table)} WHERE {round_id} = %s",
            [
                EventKind.PROPOSED.value,
                MatchStatus.PROPOSED.value,
                proposer.pk if proposer is not None else None,
                connection.ops.adapt_datetimefield_value(now),
                matching_round.pk,
            ],
        )


def _organisation_from_row(row):
    if row["carried_by_organisation_id"]:
        return row["carried_by_organisation_id"]
    if row["asked_by_kind"] in (AskerKind.ORGANISATION, AskerKind.MUNICIPALITY):
        return row["asked_by_organisation_id"]
    return None


def _check_version(matching_round: MatchingRound, version: int | None) -> None:
    if version is not None and version != matching_round.version:
        raise ValidationError(
            _(
                "This round has changed since you opened the page: someone dropped or swapped "
                "a pair. Nothing has been changed or proposed; check the round again."
            )
        )


def _check_can_change(matching_round: MatchingRound, version: int | None) -> None:
    if matching_round.status != RoundStatus.DRAFT:
        raise ValidationError(_("Only a round that is not confirmed yet can be changed."))
    _check_version(matching_round, version)


def drop_round_pair(
    *, actor, matching_round: MatchingRound, resident_id: int, piece_id: int, version: int
) -> MatchingRound:
    """Leave a pair out of a round that is not confirmed, and solve the rest again. Coordinators.

    The pair is never proposed by this round; its place may go to someone else and the resident
    may get other work. See `change_round`."""
    return change_round(
        actor=actor,
        matching_round=matching_round,
        version=version,
        choice={"kind": "drop", "resident": resident_id, "piece": piece_id},
    )


def swap_round_pair(
    *,
    actor,
    matching_round: MatchingRound,
    resident_id: int,
    piece_id: int,
    version: int,
    new_resident_id: int | None = None,
    new_piece_id: int | None = None,
) -> MatchingRound:
    """Replace a pair of a round: another resident for its piece (``new_resident_id``) or
    another piece for its resident (``new_piece_id``). Coordinators. The old pair is left out,
    the new one is kept whatever the rest, and the rest is solved again. See `change_round`."""
    if (new_resident_id is None) == (new_piece_id is None):
        raise ValueError("give either new_resident_id or new_piece_id")
    return change_round(
        actor=actor,
        matching_round=matching_round,
        version=version,
        choice={
            "kind": "swap",
            "resident": resident_id,
            "piece": piece_id,
            "new_resident": new_resident_id if new_resident_id is not None else resident_id,
            "new_piece": new_piece_id if new_piece_id is not None else piece_id,
        },
    )


def change_round(*, actor, matching_round: MatchingRound, version: int, choice: dict):
    """Record one choice (drop or swap) on a draft round and store the allocation solved again
    around all its choices (`review.solve_with_choices`), with the best result without them.

    Refuses (`ValidationError`, nothing changed) when the round is not a draft, when it changed
    since ``version`` (the page was stale: also checked again under the row lock after solving,
    so two coordinators at once never both win), when the pair is not in the allocation, or when
    the new pair is not possible. Solving happens outside a transaction, as in `run_round`.
    Writes one audit entry per choice; the round's `version` goes up.
    """
    _check_can_change(matching_round, version)
    pair = [choice["resident"], choice["piece"]]
    if pair not in [[row[0], row[1]] for row in matching_round.assignments]:
        raise ValidationError(_("This pair is not in the round (any more); nothing was changed."))
    new_pair = [choice["new_resident"], choice["new_piece"]] if choice["kind"] == "swap" else None
    if new_pair == pair:
        raise ValidationError(_("Choose another resident or another piece of work."))
    note = f"{choice['kind']} {pair[0]}:{pair[1]}"
    if new_pair is not None:
        note += f" for {new_pair[0]}:{new_pair[1]}"
    return _solve_and_store(
        actor=actor,
        matching_round=matching_round,
        version=version,
        forbidden=[p for p in matching_round.forbidden_pairs if p not in (pair, new_pair)] + [pair],
        fixed=[p for p in matching_round.fixed_pairs if p != pair],
        new_pairs=[new_pair] if new_pair else [],
        choices=[choice],
        note=note,
    )


def set_round_choices(
    *, actor, matching_round: MatchingRound, forbidden, fixed, version: int
) -> MatchingRound:
    """Leave out ``forbidden`` pairs and keep ``fixed`` ones ([resident, piece] lists) in a draft
    round at once, and solve the rest (the command line's ``--forbid`` and ``--fix``).
    Coordinators. Every fixed pair must be possible; refusals as in `change_round`."""
    _check_can_change(matching_round, version)
    forbidden, fixed = [list(p) for p in forbidden], [list(p) for p in fixed]
    choices = [{"kind": "drop", "resident": r, "piece": p} for r, p in forbidden]
    choices += [{"kind": "fix", "resident": r, "piece": p} for r, p in fixed]
    return _solve_and_store(
        actor=actor,
        matching_round=matching_round,
        version=version,
        forbidden=forbidden,
        fixed=fixed,
        new_pairs=fixed,
        choices=choices,
        note=" ".join(f"{c['kind']} {c['resident']}:{c['piece']}" for c in choices),
    )


def _solve_and_store(
    *, actor, matching_round, version, forbidden, fixed, new_pairs, choices, note
) -> MatchingRound:
    started = time.perf_counter()
    try:
        solved = review.solve_with_choices(
            matching_round.bureau,
            matching_round.parameters,
            forbidden=forbidden,
            fixed=fixed,
            new_pairs=new_pairs,
        )
    except review.ChoiceNotPossible:
        raise ValidationError(
            _(
                "This resident cannot be proposed for this work in this round (any more). "
                "Nothing was changed."
            )
        ) from None
    with transaction.atomic():
        locked = MatchingRound.objects.select_for_update().get(pk=matching_round.pk)
        _check_can_change(locked, version)
        result = solved.result
        locked.assignments = [
            [a.resident_id, a.work_id, round(a.score, 6), round(a.bonus, 6)]
            for a in result.assignments
        ]
        locked.forbidden_pairs = forbidden
        locked.fixed_pairs = solved.fixed
        made = {"by": actor.pk if _user(actor) else None, "at": timezone.now().isoformat()}
        locked.choices = [*locked.choices, *({**choice, **made} for choice in choices)]
        locked.objective = result.objective
        locked.total_fit = result.total_fit
        locked.best_objective = solved.best.objective
        locked.residents_considered = solved.residents_considered
        locked.pieces_considered = solved.pieces_considered
        locked.matched_residents = result.matched_residents
        locked.matched_pieces = result.matched_work
        locked.places_filled = result.places
        locked.open_places = result.open_places
        locked.is_certified_optimal = result.is_certified_optimal
        locked.gap_bound = result.gap_bound
        locked.duration_ms = round((time.perf_counter() - started) * 1000)
        locked.version += 1
        locked.save(update_fields=_CHANGED_BY_A_CHOICE)
        log_event(
            actor=actor, action=AuditAction.CHANGE, obj=locked, fields=["assignments"], note=note
        )
    return locked


_CHANGED_BY_A_CHOICE = [
    "assignments",
    "forbidden_pairs",
    "fixed_pairs",
    "choices",
    "objective",
    "total_fit",
    "best_objective",
    "residents_considered",
    "pieces_considered",
    "matched_residents",
    "matched_pieces",
    "places_filled",
    "open_places",
    "is_certified_optimal",
    "gap_bound",
    "duration_ms",
    "version",
]


@transaction.atomic
def discard_round(*, actor, matching_round: MatchingRound) -> MatchingRound:
    """Set aside a round that is not confirmed. Coordinators."""
    matching_round = MatchingRound.objects.select_for_update().get(pk=matching_round.pk)
    if matching_round.status != RoundStatus.DRAFT:
        raise ValidationError(_("Only a round that is not confirmed yet can be set aside."))
    matching_round.status = RoundStatus.DISCARDED
    matching_round.save(update_fields=["status"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=matching_round, fields=["status"])
    return matching_round


def add_missing_reasons(*, bureau, matches) -> None:
    """Write the reasons and support of round proposals that have none yet (a round proposes
    thousands at once and leaves them out to stay fast). Called when proposals are shown; any
    reader may trigger it. Only active proposals of a round are filled in, from the engine's
    current explanation; nothing else changes, so no audit entry is written."""
    missing = [
        match
        for match in matches
        if match.source == MatchSource.ROUND and not match.reasons and match.is_active
    ]
    if not missing:
        return
    # One engine for the whole list: never a build per proposal, even when the cache is off.
    prepared = suggestions.prepared_engine(bureau)
    filled = []
    for match in missing:
        explanation = suggestions.explain_ids(
            bureau, match.resident_id, match.piece_id, prepared=prepared
        )
        if explanation is not None and explanation.reasons:
            match.reasons = explanation.reasons
            match.support = explanation.support
            filled.append(match)
    Match.objects.bulk_update(filled, ["reasons", "support"])


# --- Settings ------------------------------------------------------------------------------------


@transaction.atomic
def update_settings(*, actor, bureau, changes: dict) -> MatchingSettings:
    """Change the bureau's matching settings. Coordinators. Validated as a whole."""
    matching_settings = settings_for(bureau)
    unknown = set(changes) - {
        *MatchingSettings.FIT_FIELDS,
        "priority_weight",
        "team_coverage",
        "min_score",
        "max_open_proposals",
    }
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(matching_settings, name) != value]
    if not changed:
        return matching_settings
    for name in changed:
        setattr(matching_settings, name, changes[name])
    matching_settings.updated_by = _user(actor)
    matching_settings.full_clean(exclude=["bureau", "updated_by"])
    matching_settings.save(update_fields=[*changed, "updated_by", "updated_at"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=matching_settings, fields=changed)
    return matching_settings
