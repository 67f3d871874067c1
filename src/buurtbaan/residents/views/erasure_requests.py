"""Erasure requests, for the bureau's coordinators: the list (pending first) and one request, to
confirm (the record is anonymised, see `residents/erasure.py`) or decline with a reason."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_list_view, log_record_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import bureau_view, get_for_bureau
from buurtbaan.core.forms import add_action_error
from buurtbaan.residents import actions, queries
from buurtbaan.residents.forms import ErasureDeclineForm
from buurtbaan.residents.models import ErasureRequest

REQUESTS_PER_PAGE = 25
COORDINATORS = [Role.COORDINATOR]


@bureau_view(read=COORDINATORS)
@require_http_methods(["GET", "HEAD"])
def erasure_list(request):
    requests = queries.erasure_requests_for_list(request.bureau)
    page = Paginator(requests, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    log_list_view(request, [r.resident for r in page.object_list], page="erasure requests")
    return render(request, "residents/erasure_list.html", {"page": page})


@bureau_view(read=COORDINATORS, write=COORDINATORS)
@require_http_methods(["GET", "POST"])
def erasure_detail(request, pk):
    """One request: what erasure will do, and the coordinator's decision (POST `decision`)."""
    erasure_request = get_for_bureau(
        request,
        ErasureRequest.objects.select_related("resident", "decided_by", "requested_by"),
        pk=pk,
    )
    decision = request.POST.get("decision")
    form = ErasureDeclineForm(request.POST if decision == "decline" else None)
    if decision in ("confirm", "decline") and erasure_request.is_pending:
        try:
            if decision == "confirm":
                actions.confirm_erasure(actor=request.user, erasure_request=erasure_request)
                messages.success(request, _("The resident's data has been erased."))
            elif form.is_valid():
                reason = form.cleaned_data["decline_reason"]
                actions.decline_erasure(
                    actor=request.user, erasure_request=erasure_request, reason=reason
                )
                messages.success(
                    request, _("The request has been declined; the resident is told why.")
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            if not form.errors:
                return redirect("residents:erasure-list", bureau_slug=request.bureau.slug)
    log_record_view(request, erasure_request.resident, page=f"erasure request #{pk}")
    context = {
        "erasure_request": erasure_request,
        "resident": erasure_request.resident,
        "form": form,
    }
    return render(request, "residents/erasure_detail.html", context)
