"""Who may do what on the board, on top of `bureaus.permissions.bureau_view`.

- The public board, an item's page and the short response form: everyone, logged in or not.
- One-click responses: residents (role) of the item's bureau.
- Partners: their own organisation's posts ("my posts"); partners acting for a welfare
  organisation also submit and follow help requests. Partners see the number of responses to
  their posts, never who responded: the bureau makes the introduction.
- Coaches: read the moderation queue, the items, the help requests inbox; they *may* handle
  responses (contacted / declined, with a note), since that is their daily work with residents.
- Coordinators: everything, and they alone publish, reject and close items (moderation) and
  handle help requests.
- Residents and funders: 404 on every staff page.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import STAFF
from buurtbaan.bureaus.queries import public_bureaus
from buurtbaan.organisations.models import OrganisationKind

COORDINATORS = (Role.COORDINATOR,)
BOARD_STAFF = STAFF
PARTNERS = (Role.PARTNER,)


def get_public_bureau(request, bureau_slug):
    """The active bureau of a public page, or 404. Sets `request.bureau` and, for a member,
    `request.membership`, so the navigation shows the bureau's pages to people who belong."""
    bureau = get_object_or_404(public_bureaus(), slug=bureau_slug)
    if request.user.is_authenticated:
        membership = next(
            (m for m in _memberships(request) if m.bureau_id == bureau.pk),
            None,
        )
        if membership is not None:
            request.bureau, request.membership = bureau, membership
    return bureau


def _memberships(request):
    if not hasattr(request, "_active_memberships"):
        request._active_memberships = list(
            request.user.memberships.active()
            .select_related("bureau", "organisation")
            .order_by("bureau__name")
        )
    return request._active_memberships


def own_organisation(request):
    """The organisation a partner acts for, or 404 when they act for none."""
    organisation = request.membership.organisation
    if organisation is None:
        raise Http404
    return organisation


def welfare_organisation(request):
    """The welfare organisation a partner acts for, or 404 (help requests are theirs only)."""
    organisation = own_organisation(request)
    if organisation.kind != OrganisationKind.WELFARE:
        raise Http404
    return organisation
