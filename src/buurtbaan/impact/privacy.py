"""What impact assignments keep about residents; see `privacy.registry`."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.impact.models import ImpactParticipant
from buurtbaan.privacy.registry import AppDeclarations, LegalGround
from buurtbaan.privacy.values import when

privacy = AppDeclarations("impact")

privacy.declare(
    "impact.ImpactAssignment",
    is_personal=False,
    holds=_(
        "Impact assignments of clients such as the municipality: what is asked and paid. "
        "They name only the member of staff who made them."
    ),
)
privacy.declare(
    "impact.ImpactTarget",
    is_personal=False,
    holds=_("The targets of an impact assignment: numbers, no personal data."),
)
privacy.declare(
    "impact.ImpactParticipant",
    holds=_("Which residents take part in an impact assignment, their outcome and a note."),
    purpose=_("Showing the client what an assignment achieved, and paying out on results."),
    legal_ground=LegalGround.CONTRACT,
    kept=_(
        "As long as the assignment's records are kept; the note goes on erasure, the outcome "
        "stays for the figures."
    ),
    seen_by=[Role.COORDINATOR, Role.COACH],
    seen_by_note=_("Funders see only totals, never a person."),
)


def _participant_data(participant) -> dict:
    return {
        "assignment": participant.assignment.title,
        "taking_part_since": participant.joined_on.isoformat(),
        "outcome": participant.outcome,
        "outcome_on": when(participant.outcome_on),
        "note": participant.outcome_note,
    }


@privacy.export_part("impact_assignments", serialise=_participant_data)
def collect_participation(resident) -> list:
    participants = ImpactParticipant.objects.filter(resident=resident).select_related("assignment")
    return list(participants.order_by("joined_on", "pk"))


@privacy.erasure_part("impact_outcome_notes")
def erase_outcome_notes(resident, user) -> bool:
    """Outcomes stay (they are counted); their note goes."""
    return bool(ImpactParticipant.objects.filter(resident=resident).update(outcome_note=""))
