from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import STAFF, bureau_view, get_for_bureau
from buurtbaan.core import locking
from buurtbaan.residents import actions, queries
from buurtbaan.residents.forms import NewTalentForm, TalentForm
from buurtbaan.residents.models import Talent


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=[Role.COORDINATOR])
def talent_list(request):
    """The bureau's talent vocabulary; the coordinator adds talents here."""
    form = NewTalentForm(request.POST or None)
    if form.is_valid():
        try:
            talent = actions.add_talent_to_vocabulary(
                actor=request.user, bureau=request.bureau, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": talent.name})
            return redirect("residents:talent-list", bureau_slug=request.bureau.slug)
    talents = queries.talent_vocabulary(request.bureau)
    return render(request, "residents/talent_list.html", {"form": form, "talents": talents})


@require_http_methods(["GET", "POST"])
@bureau_view(read=[Role.COORDINATOR], write=[Role.COORDINATOR])
def talent_update(request, pk):
    talent = get_for_bureau(request, Talent.objects.all(), pk=pk)
    form = TalentForm(request.POST or None, instance=talent)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_talent(actor=request.user, talent=talent, changes=form.cleaned_data)
        except locking.EditConflict as error:
            form.add_error(None, error)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The talent has been saved."))
            return redirect("residents:talent-list", bureau_slug=request.bureau.slug)
    context = {"form": form, "talent": talent}
    return render(request, "residents/talent_update.html", context, status=locking.status(form))
