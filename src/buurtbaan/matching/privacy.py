"""What matching keeps about residents; see `privacy.registry`."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.matching import actions
from buurtbaan.matching.models import Match
from buurtbaan.privacy.registry import AppDeclarations, LegalGround
from buurtbaan.privacy.values import when

privacy = AppDeclarations("matching")

_KEPT = _(
    "As long as the resident is registered. On erasure the reasons, support and notes go; "
    "status, score and dates stay for the figures."
)

privacy.declare(
    "matching.Match",
    holds=_(
        "Work proposed to a resident: why it fits (in the resident's own words), the support "
        "they need, notes, and what happened next."
    ),
    purpose=_("Proposing valuable work that fits the resident, and following it up."),
    legal_ground=LegalGround.CONSENT,
    kept=_KEPT,
    seen_by=[Role.COORDINATOR, Role.COACH],
    seen_by_note=_("A partner sees the matches for their own organisation's work."),
)
privacy.declare(
    "matching.MatchEvent",
    holds=_("The steps of a match (proposed, accepted, started, ended), with who and why."),
    purpose=_("Proposing valuable work that fits the resident, and following it up."),
    legal_ground=LegalGround.CONSENT,
    kept=_KEPT,
    seen_by=[Role.COORDINATOR, Role.COACH],
)
privacy.declare(
    "matching.MatchingRound",
    holds=_(
        "Matching rounds: which residents the computer allocated to which work, and the "
        "settings used."
    ),
    purpose=_("Checking and confirming a proposal for the whole neighbourhood at once."),
    legal_ground=LegalGround.CONSENT,
    kept=_("As long as the bureau keeps the round; it holds record numbers, no names."),
    seen_by=[Role.COORDINATOR, Role.COACH],
)
privacy.declare(
    "matching.MatchingSettings",
    is_personal=False,
    holds=_("The bureau's matching weights; they name only who changed them last."),
)


def _match_data(match) -> dict:
    return {
        "work": match.piece.title,
        "organisation": match.organisation.name if match.organisation else None,
        "status": match.status,
        "proposed_at": when(match.proposed_at),
        "accepted_at": when(match.accepted_at),
        "introduced_at": when(match.introduced_at),
        "started_at": when(match.started_at),
        "ended_at": when(match.ended_at),
        "reasons": match.reasons,
        "support": match.support,
        "note": match.proposal_note,
        "why_it_ended": match.end_reason,
        "steps": [
            {"what": event.kind, "at": when(event.at), "why": event.reason}
            for event in match.events.all()
        ],
    }


@privacy.export_part("matches", serialise=_match_data)
def collect_matches(resident) -> list:
    matches = Match.objects.filter(resident=resident).select_related("piece", "organisation")
    return list(matches.prefetch_related("events").order_by("-proposed_at", "-pk"))


@privacy.erasure_part("matches")
def erase_matches(resident, user) -> bool:
    return actions.erase_resident_data(resident)


@privacy.still_active
def residents_with_recent_matches(residents, cutoff):
    """A resident with a match that is still going on, or one that moved since `cutoff`."""
    from django.db.models import Q

    from buurtbaan.matching.models import ACTIVE_STATUSES

    recent = Q(matches__status__in=ACTIVE_STATUSES) | Q(matches__events__at__gte=cutoff)
    return residents.filter(recent)
