"""Public profiles ("Bewoners in beeld"): the resident makes their own (opt-in, with the
public-profile consent), and everyone can read the bureau's profiles.

Public pages reach profiles only through `queries.public_profiles`, which checks that the profile
is switched on, that the consent is active and that the record is not anonymised, so withdrawing
consent hides a profile (and its photo) at once. Templates get the profile and its talents only:
nothing else of the record (no contact details, postcode, age, barriers or income) is shown.
"""

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.bureaus.queries import public_bureaus
from buurtbaan.core import locking
from buurtbaan.core.forms import add_action_error
from buurtbaan.residents import actions, queries
from buurtbaan.residents.forms import PublicProfileForm
from buurtbaan.residents.models import ConsentScope, PublicProfile
from buurtbaan.residents.views import posted
from buurtbaan.residents.views.mydata import own_record

PROFILES_PER_PAGE = 12


@own_record
@require_http_methods(["GET", "POST"])
def profile_edit(request, resident):
    """ "Mijn profiel": what the resident's public profile shows, and whether it is shown."""
    profile = queries.public_profile_of(resident) or PublicProfile(
        resident=resident, display_name=resident.first_name
    )
    if request.method == "POST" and "delete" in request.POST:
        actions.delete_public_profile(actor=request.user, resident=resident)
        messages.success(request, _("Your public profile has been removed."))
        return redirect("residents:profile-edit", bureau_slug=request.bureau.slug)
    form = PublicProfileForm(posted(request), request.FILES or None, instance=profile)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.save_public_profile(
                    actor=request.user, resident=resident, **form.action_kwargs()
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your public profile has been saved."))
            return redirect("residents:profile-edit", bureau_slug=request.bureau.slug)
    context = {
        "form": form,
        "profile": profile,
        "has_consent": resident.has_consent(ConsentScope.PUBLIC_PROFILE),
        "is_visible": queries.public_profiles(request.bureau).filter(pk=profile.pk).exists()
        if profile.pk
        else False,
    }
    return render(request, "residents/profile_edit.html", context, status=locking.status(form))


def _bureau(bureau_slug):
    return get_object_or_404(public_bureaus(), slug=bureau_slug)


@require_http_methods(["GET", "HEAD"])
def profile_list(request, bureau_slug):
    bureau = _bureau(bureau_slug)
    profiles = queries.public_profiles(bureau)
    page = Paginator(profiles, PROFILES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "residents/profile_list.html", {"bureau": bureau, "page": page})


@require_http_methods(["GET", "HEAD"])
def profile_detail(request, bureau_slug, pk):
    bureau = _bureau(bureau_slug)
    profile = get_object_or_404(queries.public_profiles(bureau), pk=pk)
    return render(request, "residents/profile_detail.html", {"bureau": bureau, "profile": profile})


@require_http_methods(["GET", "HEAD"])
def profile_photo(request, bureau_slug, pk):
    """The photo of a visible profile, served by the application (not from a public media
    folder) so that it disappears together with the profile."""
    bureau = _bureau(bureau_slug)
    profile = get_object_or_404(queries.public_profiles(bureau), pk=pk)
    if not profile.has_photo:
        raise Http404
    content_type = mimetypes.guess_type(profile.photo.name)[0] or "application/octet-stream"
    response = FileResponse(profile.photo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response
