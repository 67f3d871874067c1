from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from buurtbaan.bureaus.queries import public_bureaus
from buurtbaan.privacy.queries import processing_register


def home(request):
    """The front page: the bureaus of this installation, and the user's own when logged in."""
    return render(request, "core/home.html", {"bureaus": public_bureaus()})


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy(request):
    """The privacy statement; what is kept comes from the same declarations as each bureau's
    processing register (`privacy.queries.processing_register`), with the default periods."""
    context = {"register": processing_register()}
    return render(request, "core/privacy.html", context)


# Error pages, in the site's layout and the visitor's language. They say what happened and what
# to do next, never why in technical terms: no path, no exception text, no setting.


def _error_page(request, template: str, status: int):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without (or with an old) security token."""
    return _error_page(request, "403_csrf.html", 403)


def server_error(request):
    """The 500 page renders without the request: no context processors, no database (which may
    be what failed), no session. Only the active language, which the middleware set."""
    return HttpResponseServerError(loader.get_template("500.html").render())
