"""What the bulletin board keeps about people, and its part of export, erasure and retention
(see `privacy.registry`)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from buurtbaan.board.models import HelpRequest, HelpStatus, Response
from buurtbaan.bureaus.models import Role
from buurtbaan.core.postcodes import format_postcode, normalise_postcode
from buurtbaan.privacy.registry import AppDeclarations, LegalGround
from buurtbaan.privacy.values import when
from buurtbaan.residents.erasure import ANONYMISED_NAME

privacy = AppDeclarations("board")

#: What a cleared visitor's response is called: it must keep saying who responded (a constraint).
CLEARED_NAME = ANONYMISED_NAME

privacy.declare(
    "board.BoardItem",
    is_personal=False,
    holds=_(
        "Items on the bulletin board. They are written for the public and hold no personal "
        "data; they only say which member of staff or partner posted and approved them."
    ),
)
privacy.declare(
    "board.Response",
    holds=_(
        "Responses to the bulletin board: name, e-mail address, phone number and message of "
        "whoever responded, and the bureau's note."
    ),
    purpose=_("Getting in touch with people who want to do the work on the board."),
    legal_ground=LegalGround.CONSENT,
    kept=_(
        "Name, contact details, message and note are cleared after the bureau's period for "
        "responses; that the response was made stays, without personal data, for the figures."
    ),
    seen_by=[Role.COORDINATOR, Role.COACH],
    seen_by_note=_("A partner sees the responses to their own items."),
)
privacy.declare(
    "board.HelpRequest",
    holds=_(
        "Help requests of welfare organisations (Buurtmaatjes): the help needed, a short "
        "description of the person, when, and the postcode."
    ),
    purpose=_("Finding someone in the neighbourhood who can help the person."),
    legal_ground=LegalGround.CONSENT,
    kept=_(
        "When a request is done or not possible, its descriptions and the letters of the "
        "postcode are cleared after the bureau's period for help requests; the request "
        "itself stays for the figures."
    ),
    seen_by=[Role.COORDINATOR, Role.COACH],
    seen_by_note=_("The organisation that asked sees its own requests."),
)


def _responses_of(resident, user=None) -> Q:
    linked = Q(resident=resident)
    user_id = user.pk if user is not None else resident.user_id
    if user_id:
        linked |= Q(user_id=user_id, bureau_id=resident.bureau_id)
    return linked


def _response_data(response) -> dict:
    return {
        "item": response.item.title,
        "responded_at": when(response.created_at),
        "name": response.name,
        "email": response.email,
        "phone": response.phone,
        "message": response.message,
        "status": response.status,
        "note_of_the_bureau": response.note,
    }


@privacy.export_part("board_responses", serialise=_response_data)
def collect_responses(resident) -> list:
    responses = Response.objects.filter(_responses_of(resident))
    return list(responses.select_related("item").order_by("-created_at"))


def _help_request_data(help_request) -> dict:
    return {
        "asked_by": help_request.organisation.name,
        "submitted_at": when(help_request.created_at),
        "kind_of_help": help_request.help_kind,
        "what_help": help_request.description,
        "for_whom": help_request.person_description,
        "when": help_request.when,
        "postcode": format_postcode(help_request.postcode) or help_request.postcode,
        "status": help_request.status,
        "reason": help_request.status_reason,
    }


@privacy.export_part("help_requests", serialise=_help_request_data)
def collect_help_requests(resident) -> list:
    requests = HelpRequest.objects.filter(resident=resident).select_related("organisation")
    return list(requests.order_by("-created_at"))


@privacy.erasure_part("board_responses")
def erase_responses(resident, user) -> bool:
    """Responses linked to the resident or their account (in this bureau) lose name, e-mail,
    phone, message, the bureau's note and the address hash."""
    erased = Response.objects.filter(_responses_of(resident, user)).update(
        name="", email="", phone="", message="", note="", ip_hash=""
    )
    return bool(erased)


@privacy.erasure_part("help_requests")
def erase_help_requests(resident, user) -> bool:
    """Help requests for the resident lose the description of the person, the reason of their
    status and the letters of the postcode."""
    requests = list(HelpRequest.objects.filter(resident=resident))
    for help_request in requests:
        help_request.person_description = ""
        help_request.status_reason = ""
        help_request.postcode = normalise_postcode(help_request.postcode)[:4]
    HelpRequest.objects.bulk_update(requests, ["person_description", "status_reason", "postcode"])
    return bool(requests)


# --- Retention -----------------------------------------------------------------------------

_CLEARED_RESPONSE = Q(email="", phone="", message="", note="", ip_hash="") & (
    Q(name="") | Q(name=CLEARED_NAME)
)


def _old_responses(bureau, cutoff):
    return Response.objects.filter(bureau=bureau, created_at__lt=cutoff).exclude(_CLEARED_RESPONSE)


def _clear_responses(responses, now) -> int:
    # A visitor's response has only its name to say who responded (a check constraint).
    anonymous = Q(user__isnull=True, resident__isnull=True)
    cleared = responses.filter(anonymous).update(
        name=CLEARED_NAME, email="", phone="", message="", note="", ip_hash=""
    )
    return cleared + responses.exclude(anonymous).update(
        name="", email="", phone="", message="", note="", ip_hash=""
    )


privacy.retention_rule(
    "board_responses",
    label=_("responses on the bulletin board"),
    help_text=_("Name, contact details, message and note of a response are cleared after this."),
    unit="months",
    default=12,
    maximum=120,
    models=["board.Response"],
    find=_old_responses,
    clear=_clear_responses,
)

_FINISHED_HELP = (HelpStatus.DONE, HelpStatus.NOT_POSSIBLE)


def _old_help_requests(bureau, cutoff):
    finished = HelpRequest.objects.filter(
        bureau=bureau, status__in=_FINISHED_HELP, updated_at__lt=cutoff
    )
    already_cleared = Q(description="", person_description="", status_reason="", when="")
    return finished.exclude(already_cleared & Q(postcode__regex=r"^[0-9]{4}$|^$"))


def _clear_help_requests(requests, now) -> int:
    cleared = list(requests)
    for help_request in cleared:
        help_request.description = ""
        help_request.person_description = ""
        help_request.status_reason = ""
        help_request.when = ""
        help_request.postcode = normalise_postcode(help_request.postcode)[:4]
    fields = ["description", "person_description", "status_reason", "when", "postcode"]
    # bulk_update leaves `updated_at` alone: the request's own history keeps its last change.
    HelpRequest.objects.bulk_update(cleared, fields)
    return len(cleared)


privacy.retention_rule(
    "help_requests",
    label=_("finished help requests"),
    help_text=_(
        "The descriptions and the letters of the postcode of a request that is done or not "
        "possible are cleared this long after its last change."
    ),
    unit="months",
    default=24,
    maximum=120,
    models=["board.HelpRequest"],
    find=_old_help_requests,
    clear=_clear_help_requests,
)
