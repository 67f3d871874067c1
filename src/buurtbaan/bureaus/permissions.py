"""Access to a bureau and its objects.

The rule for the whole project: someone outside a bureau gets **404** for every URL that names
one of its objects (we never reveal that it exists); a member whose role may read but not write
gets **403** on a write. A role that may not even read is treated as outside: 404.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from buurtbaan.bureaus.models import Membership, Role

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
STAFF = (Role.COORDINATOR, Role.COACH)
ALL_ROLES = tuple(Role)


def get_membership(request, bureau_slug: str) -> Membership:
    """The requesting user's active membership of the bureau, or 404."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Membership.objects.active().select_related("bureau", "organisation"),
        user=request.user,
        bureau__slug=bureau_slug,
    )


def bureau_view(*, read: Iterable[Role], write: Iterable[Role] = ()):
    """Decorate a view that takes `bureau_slug`: sets `request.bureau` and `request.membership`.

    `read` roles may GET; `write` roles may also POST (write implies read). A visitor who is not
    logged in is sent to the login page whatever the URL (so that says nothing about what
    exists); a logged-in user who is not a member, or a member in another role, gets 404.
    """
    write_roles = frozenset(write)
    read_roles = frozenset(read) | write_roles

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, bureau_slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = get_membership(request, bureau_slug)
            if membership.role not in read_roles:
                raise Http404
            if request.method not in SAFE_METHODS and membership.role not in write_roles:
                raise PermissionDenied
            request.membership = membership
            request.bureau = membership.bureau
            return view(request, *args, **kwargs)

        wrapper.read_roles = read_roles
        wrapper.write_roles = write_roles
        return wrapper

    return decorator


def get_for_bureau(request, queryset, **lookup):
    """Fetch one object of `request.bureau` (set by `bureau_view`), or 404."""
    return get_object_or_404(queryset.filter(bureau=request.bureau), **lookup)
