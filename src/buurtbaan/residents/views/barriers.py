from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_record_view
from buurtbaan.bureaus.permissions import STAFF, bureau_view
from buurtbaan.residents import actions
from buurtbaan.residents.forms import BarrierForm
from buurtbaan.residents.permissions import get_resident_for_user


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def barrier_create(request, pk):
    resident = get_resident_for_user(request, pk, write=True)
    form = BarrierForm(request.POST or None)
    if form.is_valid():
        actions.add_barrier(actor=request.user, resident=resident, **form.cleaned_data)
        messages.success(request, _("The barrier has been added."))
        return redirect("residents:resident-detail", bureau_slug=request.bureau.slug, pk=pk)
    log_record_view(request, resident, page="barrier create")
    return render(request, "residents/barrier_create.html", {"resident": resident, "form": form})


@bureau_view(read=STAFF, write=STAFF)
def barrier_resolve(request, pk, barrier_pk):
    """Mark a barrier resolved, or (with `is_resolved=0`) open again. POST only, checked after
    the lookup so that a GET never reveals whether a barrier exists."""
    resident = get_resident_for_user(request, pk, write=True)
    barrier = get_object_or_404(resident.barriers.all(), pk=barrier_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    is_resolved = request.POST.get("is_resolved", "1") != "0"
    actions.resolve_barrier(actor=request.user, barrier=barrier, is_resolved=is_resolved)
    messages.success(request, _("The barrier has been updated."))
    return redirect("residents:resident-detail", bureau_slug=request.bureau.slug, pk=pk)
