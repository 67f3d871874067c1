from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_list_view, log_record_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import STAFF, bureau_view
from buurtbaan.core import locking
from buurtbaan.matching import eligibility
from buurtbaan.residents import actions, queries
from buurtbaan.residents.forms import (
    SECTION_FORMS,
    AssignCoachForm,
    ResidentCreateForm,
    ResidentFilterForm,
)
from buurtbaan.residents.models import ConsentScope
from buurtbaan.residents.permissions import (
    can_read_sensitive,
    can_see_profile,
    get_resident_for_user,
    mark_visible_profiles,
)

RESIDENTS_PER_PAGE = 25


def _outside_area_message(request, resident):
    if resident.is_outside_area:
        messages.warning(
            request,
            _(
                "This postcode lies outside the bureau's area. The resident is welcome, and is "
                "marked as living outside the area."
            ),
        )


def _not_proposable(resident) -> list[tuple[str, str]]:
    """(code, reason) of what keeps the resident from being proposed for work; [] when nothing."""
    if resident.is_anonymised:
        return []
    codes = eligibility.not_proposable(resident)
    return list(zip(codes, eligibility.reasons(codes), strict=True))


@bureau_view(read=STAFF)
def resident_list(request):
    """The talent bank for coordinators and coaches: a paginated list with a few filters."""
    form = ResidentFilterForm(request.GET or None, bureau=request.bureau)
    residents = queries.residents_for_list(request.bureau)
    if form.is_valid():
        residents = queries.filter_residents(
            residents, membership=request.membership, filters=form.cleaned_data
        )
    page = Paginator(residents, RESIDENTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = eligibility.mark_badges(
        mark_visible_profiles(request.membership, page.object_list)
    )
    log_list_view(request, page.object_list, page="talent bank")
    template = (
        "residents/partials/_resident_table.html"
        if request.headers.get("HX-Request")
        else "residents/resident_list.html"
    )
    return render(request, template, {"form": form, "page": page})


@bureau_view(read=STAFF, write=STAFF)
def resident_detail(request, pk):
    resident = get_resident_for_user(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    membership = request.membership
    context = {
        "resident": resident,
        "can_see_profile": can_see_profile(membership, resident),
        "can_read_sensitive": can_read_sensitive(membership, resident),
        "open_intake": next((i for i in resident.intakes.all() if not i.is_completed), None),
        "consent_states": [(scope, resident.has_consent(scope)) for scope in ConsentScope],
        "not_proposable": _not_proposable(resident),
        "coach_form": AssignCoachForm(bureau=request.bureau, initial={"coach": resident.coach_id})
        if membership.is_coordinator and not resident.is_anonymised
        else None,
    }
    log_record_view(request, resident, page="resident detail")
    return render(request, "residents/resident_detail.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def resident_create(request):
    initial = {"coach": request.user.pk} if request.membership.role == Role.COACH else {}
    form = ResidentCreateForm(request.POST or None, bureau=request.bureau, initial=initial)
    if form.is_valid():
        try:
            resident = actions.register_resident(
                actor=request.user, bureau=request.bureau, **form.action_kwargs()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is in the talent bank.") % {"name": resident})
            _outside_area_message(request, resident)
            return redirect(
                "residents:resident-detail", bureau_slug=request.bureau.slug, pk=resident.pk
            )
    return render(request, "residents/resident_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def resident_update(request, pk, section):
    """Edit one part of the record: personal details, talents and dreams, or work."""
    if section not in SECTION_FORMS:
        raise Http404
    resident = get_resident_for_user(request, pk, write=True)
    form = SECTION_FORMS[section](request.POST or None, instance=resident)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                changed = actions.update_resident(
                    actor=request.user, resident=resident, **form.action_kwargs()
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            if "postcode" in changed:
                _outside_area_message(request, resident)
            return redirect("residents:resident-detail", bureau_slug=request.bureau.slug, pk=pk)
    log_record_view(request, resident, page=f"resident edit {section}")
    context = {"form": form, "resident": resident, "section": section}
    return render(request, "residents/resident_update.html", context, status=locking.status(form))


@bureau_view(read=STAFF, write=STAFF)
def resident_mark_ready(request, pk):
    """A coach or coordinator marks the resident ready to be proposed for work (or takes the
    mark back with ready=0). POST only, checked after the lookup, as for the coach."""
    resident = get_resident_for_user(request, pk, write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    is_ready = request.POST.get("ready", "1") != "0"
    actions.mark_ready_to_propose(actor=request.user, resident=resident, is_ready=is_ready)
    if is_ready:
        messages.success(
            request, _("%(name)s is marked ready to be proposed.") % {"name": resident}
        )
    else:
        messages.success(
            request, _("%(name)s is no longer marked ready to be proposed.") % {"name": resident}
        )
    return redirect("residents:resident-detail", bureau_slug=request.bureau.slug, pk=pk)


@bureau_view(read=STAFF, write=[Role.COORDINATOR])
def resident_assign_coach(request, pk):
    """The coordinator assigns a coach (who can then read the sensitive notes). POST only,
    checked after the lookup so that a GET never reveals whether a resident exists."""
    resident = get_resident_for_user(request, pk, write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AssignCoachForm(request.POST, bureau=request.bureau)
    if form.is_valid():
        actions.assign_coach(
            actor=request.user, resident=resident, coach=form.cleaned_data["coach"]
        )
        messages.success(request, _("The coach has been saved."))
    else:
        messages.error(request, _("Choose a coach from the list."))
    return redirect("residents:resident-detail", bureau_slug=request.bureau.slug, pk=pk)
