from django.conf import settings

#: Pages reached from "Manage" in the menu: the menu marks "Manage" as the current item on them.
MANAGEMENT_VIEWS = frozenset(
    {
        "bureaus:manage",
        "bureaus:member-list",
        "bureaus:member-create",
        "bureaus:member-update",
        "bureaus:settings",
        "residents:talent-list",
        "residents:talent-update",
        "residents:erasure-list",
        "residents:erasure-detail",
        "matching:settings",
        "work:capability",
        "work:capability-records",
    }
)


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
        "management_views": MANAGEMENT_VIEWS,
    }
