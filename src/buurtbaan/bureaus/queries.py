"""Reads for bureau pages, each in a fixed number of queries."""

from django.db.models import Count, Q

from buurtbaan.bureaus.models import Bureau, Membership, Role
from buurtbaan.organisations.models import Organisation
from buurtbaan.residents.models import ErasureRequest, ErasureStatus, Resident


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
    }


def members_of(bureau: Bureau):
    return (
        Membership.objects.filter(bureau=bureau)
        .select_related("user", "organisation")
        .order_by("-is_active", "role", "user__last_name", "user__email")
    )


def public_bureaus():
    return Bureau.objects.filter(is_active=True).prefetch_related("postcode_ranges")
