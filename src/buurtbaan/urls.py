from django.contrib import admin
from django.urls import include, path


def _is_platform_admin(request):
    """The Django admin is for platform administrators only, not for bureau staff."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _is_platform_admin
admin.site.site_header = "buurtbaan"

urlpatterns = [
    path("", include("buurtbaan.core.urls")),
    path("", include("buurtbaan.accounts.urls")),
    path("", include("buurtbaan.bureaus.urls")),
    path("", include("buurtbaan.audit.urls")),
    path("", include("buurtbaan.residents.urls")),
    path("", include("buurtbaan.organisations.urls")),
    path("", include("buurtbaan.work.urls")),
    path("", include("buurtbaan.board.urls")),
    path("", include("buurtbaan.quotes.urls")),
    path("", include("buurtbaan.impact.urls")),
    path("", include("buurtbaan.imports.urls")),
    path("", include("buurtbaan.pool.urls")),
    path("", include("buurtbaan.matching.urls")),
    path("", include("buurtbaan.privacy.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

handler400 = "buurtbaan.core.views.bad_request"
handler403 = "buurtbaan.core.views.permission_denied"
handler404 = "buurtbaan.core.views.page_not_found"
handler500 = "buurtbaan.core.views.server_error"
