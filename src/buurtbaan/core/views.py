from django.shortcuts import render

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
