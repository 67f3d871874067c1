"""Access requests (inzageverzoeken, AVG art. 15), see `residents/access.py` for what a release holds.

- The resident, on their own pages: ask for everything, follow their requests, and download a
  released one (JSON, a print page, a PDF) for `AccessRequest.DOWNLOAD_DAYS`; every download is
  audited.
- Coordinators: the list with the one-month deadline of each request, registering one that came
  by letter, e-mail or at the desk (from the resident's page), and one request to review (showing
  the notes is audited as a read of them) and release or decline with a reason.
"""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit import describe
from buurtbaan.audit.reads import log_list_view, log_record_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import SAFE_METHODS, bureau_view, get_for_bureau
from buurtbaan.core.forms import add_action_error
from buurtbaan.residents import access, actions, queries
from buurtbaan.residents.forms import AccessDeclineForm, AccessExtendForm, AccessRegisterForm
from buurtbaan.residents.models import AccessRequest, AccessStatus
from buurtbaan.residents.permissions import get_resident_for_user
from buurtbaan.residents.views import posted
from buurtbaan.residents.views.mydata import data_context, own_record

REQUESTS_PER_PAGE = 25
COORDINATORS = [Role.COORDINATOR]
DOWNLOAD_FORMATS = {"json", "afdrukken", "pdf"}


# --- The resident --------------------------------------------------------------------------------


@own_record
@require_http_methods(["GET", "POST"])
def my_access_list(request, resident):
    """Ask for all their data (POST), and the requests so far with their downloads."""
    if request.method == "POST":
        _request, is_new = actions.request_access(actor=request.user, resident=resident)
        if is_new:
            messages.success(
                request, _("Your request has been sent. The bureau answers within one month.")
            )
        else:
            messages.info(request, _("You already asked; the bureau is handling your request."))
        return redirect("residents:my-access-list", bureau_slug=request.bureau.slug)
    requests = list(resident.access_requests.select_related("decided_by"))
    context = {
        "resident": resident,
        "access_requests": requests,
        "pending": next((r for r in requests if r.is_pending), None),
    }
    return render(request, "residents/my_access_list.html", context)


@own_record
@require_http_methods(["GET", "HEAD"])
def my_access_download(request, resident, pk, file_format):
    """A released request as JSON, a print page or a PDF; 404 before release and after the
    download period. Each download is audited."""
    access_request = get_object_or_404(resident.access_requests.select_related("decided_by"), pk=pk)
    if file_format not in DOWNLOAD_FORMATS or not access_request.can_download():
        raise Http404
    context = {**data_context(resident), **access.access_context(access_request, resident)}
    actions.log_access_download(
        actor=request.user, access_request=access_request, file_format=file_format
    )
    if file_format == "afdrukken":
        return render(request, "residents/access_print.html", {**context, "for_pdf": False})
    if file_format == "json":
        body = json.dumps(access.access_data(access_request, context), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(access.render_pdf(context, request=request), "application/pdf")
    filename = access.access_filename(resident, file_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Coordinators --------------------------------------------------------------------------------


@bureau_view(read=COORDINATORS)
@require_http_methods(["GET", "HEAD"])
def access_list(request):
    page = Paginator(access.requests_for_list(request.bureau), REQUESTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    log_list_view(request, [item.resident for item in page.object_list], page="access requests")
    return render(
        request, "residents/access_list.html", {"page": page, "today": timezone.localdate()}
    )


@bureau_view(read=COORDINATORS, write=COORDINATORS)
@require_http_methods(["GET", "POST"])
def access_create(request, pk):
    """Register a request for this resident that came by letter, e-mail or at the desk."""
    resident = get_resident_for_user(request, pk, write=True)
    form = AccessRegisterForm(posted(request), initial={"received_on": timezone.localdate()})
    if form.is_valid():
        try:
            access_request, is_new = actions.request_access(
                actor=request.user, resident=resident, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            if is_new:
                messages.success(request, _("The access request has been registered."))
            else:
                messages.info(request, _("This resident already has a request waiting."))
            return redirect(
                "residents:access-detail", bureau_slug=request.bureau.slug, pk=access_request.pk
            )
    log_record_view(request, resident, page="register access request")
    return render(request, "residents/access_create.html", {"form": form, "resident": resident})


def _decide(request, access_request, decision, form, extend_form) -> bool:
    """Carry out the coordinator's decision; False (with the errors on the form) when it failed."""
    used = extend_form if decision == "extend" else form
    try:
        if decision == "release":
            actions.release_access(actor=request.user, access_request=access_request)
            messages.success(request, _("Released: the resident can now download everything."))
        elif decision == "decline" and form.is_valid():
            reason = form.cleaned_data["decline_reason"]
            actions.decline_access(actor=request.user, access_request=access_request, reason=reason)
            messages.success(request, _("Declined; the resident is told why."))
        elif decision == "extend" and extend_form.is_valid():
            reason = extend_form.cleaned_data["extension_reason"]
            actions.extend_access(actor=request.user, access_request=access_request, reason=reason)
            messages.success(request, _("The term has been extended; the resident is told why."))
    except ValidationError as error:
        add_action_error(used, error)
    return not used.errors


@bureau_view(read=COORDINATORS, write=COORDINATORS)
@require_http_methods(["GET", "POST"])
def access_detail(request, pk):
    """One request: while pending, everything the release will hold that the resident does not
    see on their own pages (the review is audited), and the decision (POST `decision`)."""
    access_request = get_for_bureau(
        request, AccessRequest.objects.select_related("resident", "decided_by"), pk=pk
    )
    decision = request.POST.get("decision")
    form = AccessDeclineForm(request.POST if decision == "decline" else None)
    extend_form = AccessExtendForm(request.POST if decision == "extend" else None)
    is_decided = decision in ("release", "decline", "extend") and _decide(
        request, access_request, decision, form, extend_form
    )
    if is_decided:
        return redirect("residents:access-list", bureau_slug=request.bureau.slug)
    context = {
        "access_request": access_request,
        "form": form,
        "extend_form": extend_form,
        "today": timezone.localdate(),
    }
    if access_request.status == AccessStatus.PENDING:
        resident = queries.resident_for_detail(request.bureau).get(pk=access_request.resident_id)
        context.update(access.review_context(access_request, resident))
        viewer = describe.Viewer(membership=request.membership)
        context["sensitive_described"] = describe.describe_entries(
            context["sensitive_entries"], viewer=viewer
        )
        actions.log_access_review(actor=request.user, access_request=access_request)
    else:
        log_record_view(request, access_request.resident, page="access request")
    context["history"] = access.history(access_request)
    return render(request, "residents/access_detail.html", context)


@bureau_view(read=COORDINATORS, write=COORDINATORS)
def access_pdf(request, pk):
    """The PDF of a released request, for the coordinator to hand over or post to a resident who
    asked by letter or at the desk (and may have no account). Audited as a download."""
    access_request = get_for_bureau(
        request, AccessRequest.objects.select_related("decided_by"), pk=pk
    )
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    if access_request.status != AccessStatus.RELEASED:
        raise Http404
    resident = queries.resident_for_detail(request.bureau).get(pk=access_request.resident_id)
    context = {**data_context(resident), **access.access_context(access_request, resident)}
    actions.log_access_download(
        actor=request.user, access_request=access_request, file_format="pdf"
    )
    response = HttpResponse(access.render_pdf(context, request=request), "application/pdf")
    filename = access.access_filename(resident, "pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
