from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_record_view
from buurtbaan.bureaus.permissions import STAFF, bureau_view
from buurtbaan.residents import actions
from buurtbaan.residents.forms import SensitiveNoteForm
from buurtbaan.residents.permissions import get_resident_for_sensitive_notes


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def sensitive_note_list(request, pk):
    """Sensitive notes: only for the assigned coach and coordinators (404 for anyone else).

    Every time the notes are shown, the read is written to the audit log."""
    resident = get_resident_for_sensitive_notes(request, pk)
    form = SensitiveNoteForm(request.POST or None)
    if form.is_valid():
        actions.add_sensitive_note(actor=request.user, resident=resident, **form.cleaned_data)
        messages.success(request, _("The sensitive note has been saved."))
        return redirect("residents:sensitive-note-list", bureau_slug=request.bureau.slug, pk=pk)
    notes = actions.read_sensitive_notes(
        actor=request.user, membership=request.membership, resident=resident
    )
    if not notes:
        # Notes read are logged by `read_sensitive_notes`, every time; a page without notes still
        # shows the resident.
        log_record_view(request, resident, page="sensitive notes")
    context = {"resident": resident, "notes": notes, "form": form}
    return render(request, "residents/sensitive_note_list.html", context)
