"""What the employer pool keeps about residents; see `privacy.registry`."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.pool import actions
from buurtbaan.pool.models import IntroductionRequest
from buurtbaan.privacy.registry import AppDeclarations, LegalGround
from buurtbaan.privacy.values import when

privacy = AppDeclarations("pool")

privacy.declare(
    "pool.IntroductionRequest",
    holds=_(
        "Requests of partners to meet a resident from the employer pool: their message and "
        "the bureau's reply."
    ),
    purpose=_("Introducing residents to employers who may have work for them."),
    legal_ground=LegalGround.CONSENT,
    kept=_(
        "As long as the resident is registered; on erasure the messages go and open requests "
        "are declined."
    ),
    seen_by=[Role.COORDINATOR, Role.COACH],
    seen_by_note=_("A partner sees the requests of their own organisation."),
)


def _introduction_data(introduction) -> dict:
    return {
        "organisation": introduction.organisation.name,
        "asked_at": when(introduction.created_at),
        "message": introduction.message,
        "status": introduction.status,
        "reply_of_the_bureau": introduction.reply,
        "handled_at": when(introduction.handled_at),
    }


@privacy.export_part("introductions", serialise=_introduction_data)
def collect_introductions(resident) -> list:
    requests = IntroductionRequest.objects.filter(resident=resident).select_related("organisation")
    return list(requests.order_by("-created_at"))


@privacy.erasure_part("introduction_requests")
def erase_introductions(resident, user) -> bool:
    return bool(actions.erase_resident_data(resident))
