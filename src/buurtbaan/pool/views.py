"""The employer pool's pages: partners search it and ask for introductions; the bureau's staff
see the same pool and answer the requests. Who may do what: `pool.permissions`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_list_view, log_record_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import SAFE_METHODS, STAFF, bureau_view, get_for_bureau
from buurtbaan.core.forms import add_action_error
from buurtbaan.pool import actions, queries
from buurtbaan.pool.forms import HandleForm, IntroductionForm
from buurtbaan.pool.models import IntroductionStatus
from buurtbaan.pool.permissions import PARTNERS, POOL_READERS, own_organisation
from buurtbaan.residents.models import Resident
from buurtbaan.residents.permissions import can_see_profile
from buurtbaan.talentsearch.forms import PoolSearchForm, criteria_data
from buurtbaan.talentsearch.queries import SearchCriteria

INBOX_FILTERS = [*IntroductionStatus.values, "all"]


@bureau_view(read=POOL_READERS)
def profile_list(request):
    """The pool: people who agree to be seen by partner organisations; searchable (htmx)."""
    form = PoolSearchForm(request.GET or None, bureau=request.bureau)
    criteria = SearchCriteria.from_form(criteria_data(form))
    page, is_searching = queries.pool_page(
        request.bureau, criteria=criteria, page_number=request.GET.get("page")
    )
    log_list_view(request, page.object_list, page="employer pool", model=Resident)
    context = {"form": form, "page": page, "is_searching": is_searching}
    template = (
        "pool/partials/_profile_results.html"
        if request.headers.get("HX-Request")
        else "pool/profile_list.html"
    )
    return render(request, template, context)


@bureau_view(read=POOL_READERS, write=POOL_READERS)
def profile_detail(request, pk):
    resident = queries.get_pool_resident(request.bureau, pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    is_partner = request.membership.role == Role.PARTNER
    organisation = request.membership.organisation if is_partner else None
    # Names and dreams: the resident can see who looked, also a partner who acts for no
    # organisation (yet).
    log_record_view(request, resident, page="employer pool")
    context = {
        "profile": queries.profile_of(resident),
        "introductions": queries.introductions_for(organisation, pk) if organisation else [],
    }
    return render(request, "pool/profile_detail.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=PARTNERS, write=PARTNERS)
def introduction_create(request, pk):
    """A partner asks the bureau for an introduction to someone in the pool."""
    own_organisation(request)
    resident = queries.get_pool_resident(request.bureau, pk)
    form = IntroductionForm(request.POST or None)
    if form.is_valid():
        try:
            actions.request_introduction(
                actor=request.user,
                membership=request.membership,
                resident=resident,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your request has been sent to the bureau."))
            return redirect("pool:introduction-mine", bureau_slug=request.bureau.slug)
    log_record_view(request, resident, page="introduction request")
    context = {"form": form, "profile": queries.profile_of(resident)}
    return render(request, "pool/introduction_create.html", context)


@bureau_view(read=PARTNERS)
def introduction_mine(request):
    """ "My introductions": the organisation's requests and the bureau's answers."""
    organisation = own_organisation(request)
    page = queries.partner_introductions(
        organisation, bureau=request.bureau, page_number=request.GET.get("page")
    )
    context = {"page": page, "organisation": organisation}
    return render(request, "pool/introduction_mine.html", context)


@bureau_view(read=STAFF)
def introduction_inbox(request):
    """Requests from partners; open ones by default, the oldest first."""
    status = request.GET.get("status", IntroductionStatus.NEW)
    status = status if status in INBOX_FILTERS else IntroductionStatus.NEW
    requests = queries.introductions_inbox(request.bureau, "" if status == "all" else status)
    page = Paginator(requests, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    log_list_view(request, [r.resident for r in page.object_list], page="introductions")
    context = {"page": page, "status": status, "statuses": IntroductionStatus.choices}
    return render(request, "pool/introduction_inbox.html", context)


@bureau_view(read=STAFF, write=STAFF)
def introduction_detail(request, pk):
    introduction = get_for_bureau(request, queries.introductions_inbox(request.bureau), pk=pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    return _render_detail(request, introduction, HandleForm())


@bureau_view(read=STAFF, write=STAFF)
def introduction_handle(request, pk):
    """Accept or decline a request (POST only, checked after the lookup: a GET never tells
    whether a request exists)."""
    introduction = get_for_bureau(request, queries.introductions_inbox(request.bureau), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not can_see_profile(request.membership, introduction.resident):
        raise PermissionDenied
    form = HandleForm(request.POST)
    if form.is_valid():
        try:
            _answer(request, introduction, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your answer has been saved; the partner sees it."))
            return redirect("pool:introduction-detail", bureau_slug=request.bureau.slug, pk=pk)
    return _render_detail(request, introduction, form)


def _render_detail(request, introduction, form):
    # Arranging the meeting needs the resident's full profile, so only someone who may see it
    # (a coordinator, the assigned coach, or any coach the resident agreed to share with) answers.
    log_record_view(request, introduction.resident, page=f"introduction #{introduction.pk}")
    context = {
        "introduction": introduction,
        "form": form,
        "can_answer": can_see_profile(request.membership, introduction.resident),
    }
    return render(request, "pool/introduction_detail.html", context)


def _answer(request, introduction, *, decision, reply):
    if decision == "accept":
        actions.accept_introduction(actor=request.user, introduction=introduction, reply=reply)
    else:
        actions.decline_introduction(actor=request.user, introduction=introduction, reply=reply)
