"""Possible duplicates, for the bureau's coordinators: sign-ups that may be the same person as a
record the bureau made before, side by side, to link or keep apart (`residents.duplicates`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_list_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import bureau_view, get_for_bureau
from buurtbaan.residents import duplicates
from buurtbaan.residents.models import PossibleDuplicate

COORDINATORS = [Role.COORDINATOR]


@bureau_view(read=COORDINATORS)
@require_http_methods(["GET", "HEAD"])
def duplicate_list(request):
    pairs = duplicates.open_duplicates(request.bureau)
    shown = [resident for pair in pairs for resident in (pair.registration, pair.record)]
    log_list_view(request, shown, page="possible duplicates")
    return render(request, "residents/duplicate_list.html", {"pairs": pairs})


@bureau_view(read=COORDINATORS, write=COORDINATORS)
def duplicate_decide(request, pk):
    """POST `decision`: `link` (the same person) or `apart` (different people). POST only,
    checked after the lookup so that a GET never reveals whether the pair exists."""
    duplicate = get_for_bureau(request, PossibleDuplicate.objects.all(), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    decision = request.POST.get("decision")
    try:
        if decision == "link":
            duplicates.link_duplicate(actor=request.user, duplicate=duplicate)
            messages.success(request, _("The sign-up has been linked to the bureau's record."))
        elif decision == "apart":
            duplicates.keep_duplicate_apart(actor=request.user, duplicate=duplicate)
            messages.success(request, _("The records are kept apart."))
        else:
            messages.error(request, _("Choose whether they are the same person."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("residents:duplicate-list", bureau_slug=request.bureau.slug)
