"""Who may do what in the employer pool, on top of `bureaus.permissions.bureau_view`.

- The pool (list and profiles): partners of the bureau, to find people; coordinators and coaches
  too, to see exactly what partners see. Nobody else (404).
- Asking for an introduction, and "my introductions": partners who act for an organisation
  (a partner without one gets 404). Requests belong to the organisation: its partners share them.
- The inbox of requests and answering them: coordinators and coaches.
- Residents and funders: 404 everywhere.
"""

from django.http import Http404

from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import STAFF

PARTNERS = (Role.PARTNER,)
POOL_READERS = (*STAFF, Role.PARTNER)


def own_organisation(request):
    """The organisation the partner acts for in this bureau, or 404."""
    membership = request.membership
    if membership.role != Role.PARTNER or membership.organisation_id is None:
        raise Http404
    organisation = membership.organisation
    # `bureaus.actions` never links a partner to another bureau's organisation; the admin might.
    if organisation.bureau_id != request.bureau.pk:
        raise Http404
    return organisation
