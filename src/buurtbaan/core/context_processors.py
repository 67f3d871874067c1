from django.conf import settings


def site(request):
    """The bureaus the user belongs to, for the navigation (one query, cached on the request)."""
    memberships = []
    if request.user.is_authenticated:
        if not hasattr(request, "_active_memberships"):
            request._active_memberships = list(
                request.user.memberships.active().select_related("bureau").order_by("bureau__name")
            )
        memberships = request._active_memberships
    return {
        "current_bureau": getattr(request, "bureau", None),
        "current_membership": getattr(request, "membership", None),
        "my_memberships": memberships,
        "site_url": settings.SITE_URL,
    }
