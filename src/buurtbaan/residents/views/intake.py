from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_record_view
from buurtbaan.bureaus.permissions import STAFF, bureau_view
from buurtbaan.core import locking
from buurtbaan.residents import actions
from buurtbaan.residents.forms import intake_step_form
from buurtbaan.residents.models import IntakeStep
from buurtbaan.residents.permissions import can_read_sensitive, get_resident_for_user


def _step_url(request, intake, step):
    return redirect(
        "residents:intake-step",
        bureau_slug=request.bureau.slug,
        pk=intake.resident_id,
        intake_pk=intake.pk,
        step=step,
    )


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def intake_overview(request, pk):
    """The resident's intakes; POST starts one (or resumes the open one) at the step reached."""
    resident = get_resident_for_user(request, pk, write=True)
    if request.method == "POST":
        intake = actions.start_intake(actor=request.user, resident=resident)
        return _step_url(request, intake, intake.step_reached)
    intakes = resident.intakes.all()
    log_record_view(request, resident, page="intakes")
    context = {"resident": resident, "intakes": intakes, "steps": IntakeStep.choices}
    return render(request, "residents/intake_list.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def intake_step(request, pk, intake_pk, step):
    """One step of the guided intake. Each step saves; coming back resumes at the step reached."""
    resident = get_resident_for_user(request, pk, write=True)
    intake = get_object_or_404(resident.intakes.all(), pk=intake_pk)
    if step not in IntakeStep.values:
        raise Http404
    if intake.is_completed:
        return redirect("residents:intake-list", bureau_slug=request.bureau.slug, pk=pk)
    if step > intake.step_reached:
        return _step_url(request, intake, intake.step_reached)
    intake.resident = resident
    can_write_sensitive = can_read_sensitive(request.membership, resident)
    form = intake_step_form(
        step, request.POST or None, intake=intake, can_write_sensitive=can_write_sensitive
    )
    if form.is_valid():
        try:
            if step == IntakeStep.DECISION:
                actions.complete_intake(actor=request.user, intake=intake, **form.action_kwargs())
            else:
                with locking.unchanged_since_opened(form):
                    actions.save_intake_step(
                        actor=request.user, intake=intake, step=step, **form.action_kwargs()
                    )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_saving(request, intake, step)
    log_record_view(request, resident, page=f"intake #{intake.pk} step {step}")
    context = {
        "resident": resident,
        "intake": intake,
        "step": IntakeStep(step),
        "intake_steps": IntakeStep.choices,
        "form": form,
    }
    return render(request, "residents/intake_step.html", context, status=locking.status(form))


def _after_saving(request, intake, step):
    detail = redirect(
        "residents:resident-detail", bureau_slug=request.bureau.slug, pk=intake.resident_id
    )
    if step == IntakeStep.DECISION:
        messages.success(request, _("The intake has been completed."))
        return detail
    if "stay" in request.POST:
        messages.success(request, _("Saved. You can add more."))
        return _step_url(request, intake, step)
    if "pause" in request.POST:
        messages.success(
            request,
            _("The intake has been saved. Continue later at step %(step)s.")
            % {"step": intake.step_reached},
        )
        return detail
    return _step_url(request, intake, step + 1)
