from django.core.paginator import Paginator
from django.shortcuts import render

from buurtbaan.audit import describe
from buurtbaan.audit.forms import AuditFilterForm
from buurtbaan.audit.models import AuditEntry
from buurtbaan.audit.reads import log_list_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import bureau_view
from buurtbaan.residents.models import Resident


@bureau_view(read=[Role.COORDINATOR])
def entry_list(request):
    """The bureau's audit log: who viewed or changed which personal data, and when, in words
    (`audit.describe`). Naming residents is itself a read, so the page writes one."""
    entries = AuditEntry.objects.filter(bureau=request.bureau).select_related("actor")
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        if form.cleaned_data["action"]:
            entries = entries.filter(action=form.cleaned_data["action"])
        if form.cleaned_data["actor"]:
            entries = entries.filter(actor_label__icontains=form.cleaned_data["actor"].strip())
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    viewer = describe.Viewer(membership=request.membership)
    described = describe.describe_entries(page.object_list, viewer=viewer)
    log_list_view(request, describe.named_residents(viewer), page="audit log", model=Resident)
    template = (
        "audit/partials/_entries.html"
        if request.headers.get("HX-Request")
        else "audit/entry_list.html"
    )
    return render(request, template, {"form": form, "page": page, "described": described})
