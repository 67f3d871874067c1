"""The project's URLs plus views that fail on purpose, for tests/core/test_error_pages.py.

The error handlers come along with `from buurtbaan.urls import *`: Django takes them from the
URL configuration in use, so these tests prove that the project's own module declares them."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path
from django.views.decorators.csrf import csrf_protect

from buurtbaan.urls import *  # noqa: F403
from buurtbaan.urls import urlpatterns as project_urlpatterns

SECRET = "geheim-detail-C:/srv/buurtbaan/settings.py"


def fails(request):
    raise RuntimeError(f"database password is {SECRET}")


def refuses(request):
    raise PermissionDenied(f"role check failed in {SECRET}")


def suspicious(request):
    raise SuspiciousOperation(f"bad header in {SECRET}")


@csrf_protect
def protected_form(request):
    from django.http import HttpResponse

    return HttpResponse("sent")


urlpatterns = [
    path("test-fout/500/", fails),
    path("test-fout/403/", refuses),
    path("test-fout/400/", suspicious),
    path("test-fout/formulier/", protected_form),
    *project_urlpatterns,
]
