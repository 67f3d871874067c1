"""What the talent bank keeps about residents; see `privacy.registry`.

The resident's own record and its parts are exported by `residents.export.resident_data` and
anonymised by `residents.erasure.anonymise_resident` themselves (this app owns both); what is
declared here is what they are for, how long they are kept and who sees them, and the retention
of inactive residents (off unless the bureau sets a period).
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.bureaus.models import Role
from buurtbaan.privacy.registry import AppDeclarations, LegalGround, registry
from buurtbaan.residents.models import Resident

privacy = AppDeclarations("residents")

_STAFF = [Role.COORDINATOR, Role.COACH]
_OWN = _("The resident sees and downloads all of it on their own pages.")
_UNTIL_ERASURE = _(
    "As long as the resident is registered; removed on erasure, or after the bureau's period "
    "of inactivity when it has set one."
)

privacy.declare(
    "residents.Resident",
    holds=_(
        "The record of a resident in the talent bank: name, contact details and address, date "
        "of birth, languages, skills, work experience, education, what work they look for, "
        "income situation, stage and coach."
    ),
    purpose=_("Helping the resident find valuable work that fits their talents."),
    legal_ground=LegalGround.CONSENT,
    kept=_(
        "As long as the resident is registered. On erasure, or after the bureau's period of "
        "inactivity when it has set one, the personal details go; the record stays without "
        "them, so the figures stay right."
    ),
    seen_by=_STAFF,
    seen_by_note=_(
        "A coach sees the residents they may work with; partners only what the resident "
        "agreed to share. The resident sees and downloads all of it on their own pages."
    ),
)
privacy.declare(
    "residents.Dream",
    holds=_("Dream jobs in the resident's own words."),
    purpose=_("Helping the resident find valuable work that fits their talents."),
    legal_ground=LegalGround.CONSENT,
    kept=_UNTIL_ERASURE,
    seen_by=_STAFF,
    seen_by_note=_OWN,
)
privacy.declare(
    "residents.Barrier",
    holds=_("What holds the resident back, and the support they need."),
    purpose=_("Giving the right support on the way to work."),
    legal_ground=LegalGround.CONSENT,
    kept=_(
        "As long as the resident is registered; the texts go on erasure, the level stays for "
        "the figures."
    ),
    seen_by=_STAFF,
    seen_by_note=_OWN,
)
privacy.declare(
    "residents.Consent",
    holds=_("What the resident agreed to share, with whom, and when they withdrew it."),
    purpose=_("Being able to show what the resident agreed to."),
    legal_ground=LegalGround.LEGAL_OBLIGATION,
    kept=_("As long as the resident is registered; withdrawn and without notes after erasure."),
    seen_by=_STAFF,
    seen_by_note=_OWN,
)
privacy.declare(
    "residents.Intake",
    holds=_("The intake conversation: the coach's notes per step and the decision."),
    purpose=_("Getting to know the resident and agreeing on the next step."),
    legal_ground=LegalGround.CONSENT,
    kept=_("As long as the resident is registered; the notes go on erasure."),
    seen_by=_STAFF,
    seen_by_note=_OWN,
)
privacy.declare(
    "residents.SensitiveNote",
    holds=_("Confidential notes of the coach, for example about health or debts."),
    purpose=_("Giving careful support where health, debts or care play a part."),
    legal_ground=LegalGround.CONSENT,
    kept=_("As long as the resident is registered; deleted on erasure."),
    seen_by=[Role.COORDINATOR],
    seen_by_note=_(
        "Only the resident's own coach and the coordinators; every read is written down. The "
        "resident can ask the bureau for them."
    ),
)
privacy.declare(
    "residents.PublicProfile",
    holds=_("The resident's public profile: a name, what they do and offer, and a picture."),
    purpose=_("Letting the neighbourhood see the resident, when they want that."),
    legal_ground=LegalGround.CONSENT,
    kept=_("As long as the resident wants it; deleted with its photo on erasure."),
    seen_by=_STAFF,
    seen_by_note=_("Everyone, but only while the resident has switched it on and agreed."),
)
privacy.declare(
    "residents.ErasureRequest",
    holds=_("Requests of residents to erase their data, and the bureau's decision."),
    purpose=_("Handling the right to erasure, and being able to show that we did."),
    legal_ground=LegalGround.LEGAL_OBLIGATION,
    kept=_("Kept as proof, without personal data: it points at the anonymised record."),
    seen_by=[Role.COORDINATOR],
    seen_by_note=_OWN,
)

privacy.declare(
    "residents.PossibleDuplicate",
    holds=_(
        "That a sign-up may be the same person as a record the bureau made before, and the "
        "coordinator's decision (link or keep apart). It holds no details of its own."
    ),
    purpose=_("Never mixing up two people, and never showing one person's record to another."),
    legal_ground=LegalGround.LEGITIMATE_INTEREST,
    kept=_(
        "Until a coordinator decides; then kept as proof of the decision, pointing at the "
        "records (an erased record drops out of the list)."
    ),
    seen_by=[Role.COORDINATOR],
)
privacy.declare(
    "residents.AccessRequest",
    holds=_(
        "Requests of residents to see everything the bureau keeps about them, how they came in, "
        "the deadline and the coordinator's decision."
    ),
    purpose=_("Handling the right of access, and being able to show that we did."),
    legal_ground=LegalGround.LEGAL_OBLIGATION,
    kept=_(
        "Kept as proof; on erasure the notes and reasons go and a request still open is closed."
    ),
    seen_by=[Role.COORDINATOR],
    seen_by_note=_OWN,
)


def _access_request_data(request) -> dict:
    return {
        "received_on": request.received_on.isoformat(),
        "came_in": request.channel,
        "status": request.status,
        "decided_at": request.decided_at.isoformat() if request.decided_at else None,
        "reason_declined": request.decline_reason,
        "reason_for_more_time": request.extension_reason,
    }


@privacy.export_part("access_requests", serialise=_access_request_data)
def access_requests_of(resident) -> list:
    return list(resident.access_requests.order_by("-requested_at", "-pk"))


@privacy.erasure_part("access_requests")
def erase_access_requests(resident, user) -> bool:
    """The requests stay as proof that they were handled; their texts go, and one still open is
    declined (an erased record has nothing left to give)."""
    from buurtbaan.residents.models import AccessStatus

    requests = resident.access_requests.all()
    if not requests.exists():
        return False
    requests.filter(status=AccessStatus.PENDING).update(
        status=AccessStatus.DECLINED, decided_at=timezone.now()
    )
    requests.update(note="", decline_reason="", extension_reason="")
    return True


# --- Retention: inactive residents ---------------------------------------------------------


def inactive_residents(bureau, cutoff):
    """Residents of the bureau whose record did not change, who did not log in and who did
    nothing with another app (`still_active`) since `cutoff`."""
    residents = Resident.objects.current().filter(
        bureau=bureau, created_at__lt=cutoff, updated_at__lt=cutoff
    )
    residents = residents.filter(
        Q(user__isnull=True)
        | Q(user__last_login__lt=cutoff)
        | Q(user__last_login__isnull=True, user__date_joined__lt=cutoff)
    )
    for _app, function in registry.activity:
        residents = residents.exclude(pk__in=function(residents, cutoff).values("pk"))
    return residents.order_by("pk")


def anonymise_inactive(residents, now) -> int:
    """Anonymise each resident as an erasure does (inside the caller's transaction, each row
    locked first), with an ERASE entry on the record like an erasure request's; the caller
    writes the bureau's entry with the count."""
    from buurtbaan.residents.erasure import anonymise_resident

    count = 0
    for pk in list(residents.values_list("pk", flat=True)):
        with transaction.atomic():
            resident = (
                Resident.objects.select_for_update(of=("self",))
                .select_related("user", "bureau")
                .get(pk=pk)
            )
            if resident.is_anonymised:
                continue
            parts = anonymise_resident(resident=resident, actor=None, now=now)
            # As after an erasure request: the record's own log says what happened to it.
            log_event(
                actor=None,
                action=AuditAction.ERASE,
                obj=resident,
                fields=parts,
                note="inactive for longer than the bureau's retention period",
            )
            count += 1
    return count


privacy.retention_rule(
    "inactive_residents",
    label=_("inactive residents"),
    help_text=_(
        "Residents whose record did not change, who did not log in and had no work going on "
        "for this long are anonymised, as on erasure. Empty: never."
    ),
    unit="years",
    default=None,
    can_be_off=True,
    maximum=30,
    models=["residents.Resident"],
    find=inactive_residents,
    clear=anonymise_inactive,
)
