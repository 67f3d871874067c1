"""What the work bank keeps about people; see `privacy.registry`."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.privacy.registry import AppDeclarations, LegalGround
from buurtbaan.work.models import PieceOfWork, Purpose

privacy = AppDeclarations("work")

_ASKED = {
    "purpose": _("Doing the work the neighbourhood asks for, and knowing who asked."),
    "legal_ground": LegalGround.LEGITIMATE_INTEREST,
    "kept": _(
        "As long as the work is in the records (bookkeeping); kept on erasure, a coordinator "
        "says so when declining that part of a request."
    ),
    "seen_by": [Role.COORDINATOR, Role.COACH],
    "seen_by_note": _("A partner sees the work of their own organisation."),
}
privacy.declare(
    "work.Purpose",
    holds=_("Purposes in the mountain of work, and which resident or organisation asked."),
    **_ASKED,
)
privacy.declare(
    "work.PieceOfWork",
    holds=_("Pieces of work, and which resident or organisation asked for them."),
    **_ASKED,
)
privacy.declare(
    "work.SubsidiarityAnswer",
    is_personal=False,
    holds=_("Answers to the five questions about a piece of work; they name who answered."),
)
privacy.declare(
    "work.HoursEntry",
    is_personal=False,
    holds=_("Hours realised on a piece of work, and who wrote them down; not per resident."),
)


def _work_data(work) -> dict:
    return {
        "title": work.title,
        "description": work.description,
        "status": getattr(work, "status", None),
    }


@privacy.export_part("work_asked_for", serialise=_work_data)
def collect_work(resident) -> list:
    return [
        *Purpose.objects.filter(asked_by_resident=resident).order_by("-created_at"),
        *PieceOfWork.objects.filter(asked_by_resident=resident).order_by("-pk"),
    ]
