from django.shortcuts import render

from buurtbaan.bureaus.queries import public_bureaus


def home(request):
    """The front page: the bureaus of this installation, and the user's own when logged in."""
    return render(request, "core/home.html", {"bureaus": public_bureaus()})


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy(request):
    return render(request, "core/privacy.html")
