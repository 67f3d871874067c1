from django.http import HttpResponseNotAllowed
from django.shortcuts import render

from buurtbaan.audit.reads import log_list_view, log_record_view
from buurtbaan.bureaus.permissions import SAFE_METHODS, STAFF, bureau_view
from buurtbaan.core.story import RESIDENT, told_for
from buurtbaan.residents.models import Resident
from buurtbaan.residents.permissions import can_see_profile, get_resident_for_user


@bureau_view(read=STAFF, write=STAFF)
def resident_story(request, pk):
    """Everything that happened with a resident, from every app, in time order (`core.story`).

    The same rights as the resident's file: 404 outside the bureau or the talent bank; a coach
    who may not see the profile gets the name and no story, as on the file."""
    resident = get_resident_for_user(request, pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    told = None
    if can_see_profile(request.membership, resident) and not resident.is_anonymised:
        told = told_for(request, RESIDENT, resident)
        log_list_view(
            request, told.residents, page=f"resident #{resident.pk} story", model=Resident
        )
    log_record_view(request, resident, page="resident story")
    return render(request, "residents/resident_story.html", {"resident": resident, "told": told})
