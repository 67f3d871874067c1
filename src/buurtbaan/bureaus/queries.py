"""Reads for bureau pages, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from buurtbaan.bureaus.models import Bureau, Membership, Role
from buurtbaan.organisations.models import Organisation
from buurtbaan.residents.models import (
    AccessRequest,
    AccessStatus,
    ErasureRequest,
    ErasureStatus,
    Resident,
)


def bureau_figures(bureau: Bureau) -> dict:
    """Aggregate counts only: safe to show to every role, funders included."""
    members = (
        Membership.objects.active()
        .filter(bureau=bureau)
        .aggregate(**{role.value: Count("pk", filter=Q(role=role)) for role in Role})
    )
    return {
        "residents": Resident.objects.filter(bureau=bureau).count(),
        "organisations": Organisation.objects.filter(bureau=bureau).count(),
        "members": members,
    }


def pending_management_tasks(bureau: Bureau) -> dict:
    """Counts of what waits for a coordinator on the management page (no personal data)."""
    return {
        "erasure_requests": ErasureRequest.objects.filter(
            bureau=bureau, status=ErasureStatus.PENDING
        ).count(),
        "access_requests": AccessRequest.objects.filter(
            bureau=bureau, status=AccessStatus.PENDING
        ).count(),
    }


def platform_access_entries(bureau: Bureau, days: int = 30):
    """Audit entries of roles in this bureau given by a platform administrator lately."""
    from buurtbaan.audit.models import AuditEntry
    from buurtbaan.bureaus.actions import PLATFORM_ACCESS_NOTE

    since = timezone.now() - timedelta(days=days)
    return AuditEntry.objects.filter(
        bureau=bureau, at__gte=since, note__startswith=PLATFORM_ACCESS_NOTE
    )


def members_of(bureau: Bureau):
    return (
        Membership.objects.filter(bureau=bureau)
        .select_related("user", "organisation")
        .order_by("-is_active", "role", "user__last_name", "user__email")
    )


def public_bureaus():
    return Bureau.objects.filter(is_active=True).prefetch_related("postcode_ranges")


@dataclass(frozen=True)
class Task:
    """Something waiting for the member, as a count with the page where it is done."""

    label: str
    count: int
    url: str


def _task(count: int, label, url: str) -> Task:
    """A task whose label (an `ngettext_lazy` keyed on "count") agrees with its count: "1 help
    request just received", "3 help requests just received"."""
    return Task(str(label % {"count": count}), count, url)


def _url(name: str, bureau: Bureau, **query) -> str:
    url = reverse(name, kwargs={"bureau_slug": bureau.slug})
    return f"{url}?{urlencode(query)}" if query else url


def waiting_for(membership: Membership) -> list[Task]:
    """What waits for this member on the overview: one count query per kind of task, whatever
    the numbers; kinds with nothing waiting are left out. Counts only, no personal data."""
    from buurtbaan.board.models import BoardItem, HelpRequest, HelpStatus, ItemStatus
    from buurtbaan.matching.models import Match, MatchStatus
    from buurtbaan.pool.models import IntroductionRequest, IntroductionStatus
    from buurtbaan.residents.duplicates import open_duplicates
    from buurtbaan.residents.models import Stage

    bureau, user = membership.bureau, membership.user
    tasks = []
    if membership.is_staff_member:
        residents = Resident.objects.current().filter(bureau=bureau)
        tasks += [
            _task(
                residents.filter(stage=Stage.REGISTERED, coach__isnull=True).count(),
                ngettext_lazy(
                    "new resident without a coach, waiting for an intake",
                    "new residents without a coach, waiting for an intake",
                    "count",
                ),
                _url("residents:resident-list", bureau, coach="none", stage=Stage.REGISTERED),
            ),
            _task(
                # The stage the list filters on, so the count and the list agree.
                residents.filter(coach=user, stage=Stage.INTAKE).count(),
                ngettext_lazy(
                    "resident of yours whose intake is not finished",
                    "residents of yours whose intake is not finished",
                    "count",
                ),
                _url("residents:resident-list", bureau, coach="mine", stage=Stage.INTAKE),
            ),
            _task(
                Match.objects.filter(
                    bureau=bureau, status=MatchStatus.PROPOSED, accepted_at__isnull=False
                ).count(),
                ngettext_lazy(
                    "proposal a resident accepted: arrange the introduction",
                    "proposals residents accepted: arrange the introduction",
                    "count",
                ),
                _url("matching:match-list", bureau, status="accepted"),
            ),
            _task(
                IntroductionRequest.objects.filter(
                    bureau=bureau, status=IntroductionStatus.NEW
                ).count(),
                ngettext_lazy(
                    "introduction request from a partner",
                    "introduction requests from partners",
                    "count",
                ),
                _url("pool:introduction-inbox", bureau),
            ),
            _task(
                BoardItem.objects.filter(bureau=bureau, status=ItemStatus.SUBMITTED).count(),
                ngettext_lazy(
                    "post for the bulletin board waiting for approval",
                    "posts for the bulletin board waiting for approval",
                    "count",
                ),
                _url("board:item-queue", bureau),
            ),
            _task(
                HelpRequest.objects.filter(bureau=bureau, status=HelpStatus.RECEIVED).count(),
                ngettext_lazy(
                    "help request just received",
                    "help requests just received",
                    "count",
                ),
                _url("board:helprequest-inbox", bureau, status=HelpStatus.RECEIVED),
            ),
        ]
    if membership.is_coordinator:
        pending = pending_management_tasks(bureau)
        tasks.append(
            _task(
                pending["erasure_requests"],
                ngettext_lazy(
                    "erasure request waiting for your decision",
                    "erasure requests waiting for your decision",
                    "count",
                ),
                _url("residents:erasure-list", bureau),
            )
        )
        tasks.append(
            _task(
                open_duplicates(bureau).count(),
                ngettext_lazy(
                    "sign-up that may be the same person as a record: link or keep apart",
                    "sign-ups that may be the same person as a record: link or keep apart",
                    "count",
                ),
                _url("residents:duplicate-list", bureau),
            )
        )
        tasks.append(
            _task(
                platform_access_entries(bureau).count(),
                ngettext_lazy(
                    "role a platform administrator gave in the last 30 days: check it",
                    "roles a platform administrator gave in the last 30 days: check them",
                    "count",
                ),
                _url("audit:entry-list", bureau),
            )
        )
        tasks.append(
            _task(
                pending["access_requests"],
                ngettext_lazy(
                    "access request waiting for your decision",
                    "access requests waiting for your decision",
                    "count",
                ),
                _url("residents:access-list", bureau),
            )
        )
    if membership.role == Role.RESIDENT:
        tasks.append(
            _task(
                Match.objects.filter(
                    bureau=bureau,
                    resident__user=user,
                    resident__is_anonymised=False,
                    status=MatchStatus.PROPOSED,
                    accepted_at__isnull=True,
                ).count(),
                ngettext_lazy(
                    "proposal for work waiting for your answer",
                    "proposals for work waiting for your answer",
                    "count",
                ),
                _url("matching:my-proposals", bureau),
            )
        )
    return [task for task in tasks if task.count]


# Where each role starts its day: the page it opens most, in its one bureau.
LANDING_PAGES = {
    Role.COORDINATOR: "bureaus:dashboard",
    Role.COACH: "bureaus:dashboard",
    Role.PARTNER: "board:post-list",
    Role.RESIDENT: "residents:mydata",
    Role.FUNDER: "impact:assignment-list",
}


def landing_url(user) -> str:
    """Where a user lands after logging in (without a `?next=`): with one active membership,
    the page of that bureau for their role; a platform administrator without one, the platform
    page; anyone else (several bureaus, or none) the front page, which lists their bureaus."""
    memberships = list(Membership.objects.active().filter(user=user).select_related("bureau")[:2])
    if len(memberships) == 1:
        membership = memberships[0]
        page = LANDING_PAGES[membership.role]
        if membership.role == Role.PARTNER and membership.organisation_id is None:
            page = "bureaus:dashboard"  # "my posts" are an organisation's; they act for none yet
        return reverse(page, kwargs={"bureau_slug": membership.bureau.slug})
    if not memberships and user.is_superuser:
        return reverse("bureaus:platform-bureau-list")
    return reverse("core:home")
