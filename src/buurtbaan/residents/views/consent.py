from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_record_view
from buurtbaan.bureaus.permissions import STAFF, bureau_view
from buurtbaan.core import locking
from buurtbaan.residents import actions
from buurtbaan.residents.forms import ConsentForm
from buurtbaan.residents.permissions import get_resident_for_user


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def consent_list(request, pk):
    """What the resident agreed to share, with whom and since when; give or withdraw consent."""
    resident = get_resident_for_user(request, pk, write=True)
    form = ConsentForm(request.POST or None, resident=resident)
    if form.is_valid():
        kwargs = form.action_kwargs()
        try:
            with locking.unchanged_since_opened(form):
                changed = actions.set_consents(
                    actor=request.user,
                    resident=resident,
                    scopes=kwargs["consent_scopes"],
                    note=kwargs["consent_note"],
                )
        except locking.EditConflict as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(request, _("The consent has been saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("residents:consent-list", bureau_slug=request.bureau.slug, pk=pk)
    log_record_view(request, resident, page="consents")
    context = {"resident": resident, "form": form, "consents": resident.consents.all()}
    return render(request, "residents/consent_list.html", context, status=locking.status(form))
