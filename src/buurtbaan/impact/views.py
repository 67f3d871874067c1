"""Impact assignment pages. Who may do what:

- Coordinators make and change assignments and their targets.
- Coordinators and coaches link participants and work, and record outcomes.
- Funders see the list and each assignment's progress **as numbers only**: the view gives their
  template no participant, resident or piece of work at all (titles of work may name residents),
  and the pages behind the numbers are staff only.
- Partners and residents: 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_list_view, log_record_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import SAFE_METHODS, STAFF, bureau_view, get_for_bureau
from buurtbaan.core import locking
from buurtbaan.core.forms import add_action_error
from buurtbaan.core.small_numbers import sees_exact_figures
from buurtbaan.impact import actions, charts, funders, queries, stats
from buurtbaan.impact.forms import (
    AssignmentForm,
    LinkWorkForm,
    OutcomeForm,
    ParticipantForm,
    ReadingDayForm,
    TargetForm,
)
from buurtbaan.impact.models import ImpactAssignment, ImpactParticipant

COORDINATOR = [Role.COORDINATOR]
READERS = [*STAFF, Role.FUNDER]


def _data(request):
    """The submitted data on a POST (even when empty, so a form of optional fields is bound)."""
    return request.POST if request.method == "POST" else None


def _assignment(request, pk, queryset=None):
    if queryset is None:
        queryset = ImpactAssignment.objects.select_related("bureau")
    return get_for_bureau(request, queryset, pk=pk)


@bureau_view(read=READERS, write=COORDINATOR)
def assignment_list(request):
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    page = Paginator(queries.assignments_for_list(request.bureau), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "impact/assignment_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATOR, write=COORDINATOR)
def assignment_create(request):
    form = AssignmentForm(_data(request), bureau=request.bureau)
    if form.is_valid():
        try:
            assignment = actions.create_assignment(
                actor=request.user, bureau=request.bureau, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The assignment has been recorded. Now add its targets."))
            return redirect(assignment)
    return render(request, "impact/assignment_create.html", {"form": form})


@bureau_view(read=READERS, write=COORDINATOR)
def assignment_detail(request, pk):
    """Progress on a day (?op=YYYY-MM-DD, default today): SVG bars and a table of the same
    numbers. Staff also get the links to participants, work and the rows behind each number."""
    assignment = _assignment(request, pk, queries.assignment_for_detail(request.bureau))
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    form = ReadingDayForm(request.GET or None)
    on = form.cleaned_data.get("op") if form.is_valid() else None
    exact = sees_exact_figures(request.membership)
    progress = funders.protect_progress(stats.assignment_progress(assignment, on=on), exact=exact)
    context = {
        "assignment": assignment,
        "form": form,
        "progress": progress,
        "chart": charts.progress_chart(progress),
        "outcomes": progress.shown_outcomes,
        "is_staff": request.membership.is_staff_member,
    }
    return render(request, "impact/assignment_detail.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATOR, write=COORDINATOR)
def assignment_update(request, pk):
    assignment = _assignment(request, pk)
    form = AssignmentForm(_data(request), instance=assignment, bureau=request.bureau)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_assignment(
                    actor=request.user, assignment=assignment, changes=form.changes()
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The assignment has been saved."))
            return redirect(assignment)
    context = {"form": form, "assignment": assignment}
    return render(request, "impact/assignment_update.html", context, status=locking.status(form))


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATOR, write=COORDINATOR)
def target_create(request, pk):
    assignment = _assignment(request, pk)
    form = TargetForm(_data(request))
    if form.is_valid():
        try:
            actions.add_target(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The target has been added."))
            return redirect(assignment)
    context = {"form": form, "assignment": assignment}
    return render(request, "impact/target_create.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATOR, write=COORDINATOR)
def target_update(request, pk, target_pk):
    assignment = _assignment(request, pk)
    target = get_object_or_404(assignment.targets.all(), pk=target_pk)
    form = TargetForm(_data(request), instance=target)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_target(actor=request.user, target=target, changes=form.changes())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The target has been saved."))
            return redirect(assignment)
    context = {"form": form, "assignment": assignment, "target": target}
    return render(request, "impact/target_update.html", context, status=locking.status(form))


@bureau_view(read=COORDINATOR, write=COORDINATOR)
def target_delete(request, pk, target_pk):
    assignment = _assignment(request, pk)
    target = get_object_or_404(assignment.targets.all(), pk=target_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.remove_target(actor=request.user, target=target)
    messages.success(request, _("The target has been removed."))
    return redirect(assignment)


@bureau_view(read=STAFF, write=STAFF)
def target_records(request, pk, target_pk):
    """The rows behind one target's number (participants, pieces or hours). Staff only."""
    assignment = _assignment(request, pk)
    target = get_object_or_404(assignment.targets.all(), pk=target_pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    form = ReadingDayForm(request.GET or None)
    on = form.cleaned_data.get("op") if form.is_valid() else None
    records = stats.measure_records(assignment, target.measure, on)
    if records.model is ImpactParticipant:
        # The number counts everyone; the names are only those the member may see.
        visible = queries.visible_participants(assignment, request.membership)
        records = list(records.filter(pk__in=visible.values("pk")))
        log_list_view(request, [p.resident for p in records], page=f"impact target #{target.pk}")
    context = {
        "assignment": assignment,
        "target": target,
        "on": stats.reading_day(assignment, on),
        "records": records,
    }
    return render(request, "impact/target_records.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def participant_list(request, pk):
    """Who takes part and what it led to; a form to link a resident."""
    assignment = _assignment(request, pk)
    form = ParticipantForm(_data(request), assignment=assignment, request=request)
    if form.is_valid():
        try:
            actions.add_participant(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The resident takes part now."))
            return redirect("impact:participant-list", request.bureau.slug, assignment.pk)
    participants = list(queries.participants_of(assignment, request.membership))
    log_list_view(request, [p.resident for p in participants], page="impact participants")
    context = {"assignment": assignment, "participants": participants, "form": form}
    return render(request, "impact/participant_list.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def participant_outcome(request, pk, participant_pk):
    assignment = _assignment(request, pk)
    participant = get_object_or_404(
        queries.visible_participants(assignment, request.membership).select_related("resident"),
        pk=participant_pk,
    )
    form = OutcomeForm(_data(request), record=participant)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.record_outcome(
                    actor=request.user, participant=participant, **form.cleaned_data
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The outcome has been recorded."))
            return redirect("impact:participant-list", request.bureau.slug, assignment.pk)
    log_record_view(request, participant.resident, page=f"impact participant #{participant.pk}")
    context = {"assignment": assignment, "participant": participant, "form": form}
    return render(request, "impact/participant_outcome.html", context, status=locking.status(form))


@bureau_view(read=STAFF, write=STAFF)
def participant_remove(request, pk, participant_pk):
    assignment = _assignment(request, pk)
    participant = get_object_or_404(
        queries.visible_participants(assignment, request.membership), pk=participant_pk
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.remove_participant(actor=request.user, participant=participant)
    messages.success(request, _("The resident no longer takes part."))
    return redirect("impact:participant-list", request.bureau.slug, assignment.pk)


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def work_list(request, pk):
    """The pieces of work done for the assignment; a form to link more."""
    assignment = _assignment(request, pk)
    form = LinkWorkForm(_data(request), assignment=assignment)
    if form.is_valid():
        try:
            count = actions.link_pieces(
                actor=request.user, assignment=assignment, pieces=form.pieces()
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d piece of work linked.", "%(count)d pieces of work linked.", count
                )
                % {"count": count},
            )
            return redirect("impact:work-list", request.bureau.slug, assignment.pk)
    context = {"assignment": assignment, "pieces": queries.pieces_of(assignment), "form": form}
    return render(request, "impact/work_list.html", context)


@bureau_view(read=STAFF, write=STAFF)
def work_unlink(request, pk, piece_pk):
    assignment = _assignment(request, pk)
    piece = get_object_or_404(assignment.pieces.all(), pk=piece_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.unlink_piece(actor=request.user, assignment=assignment, piece=piece)
    messages.success(request, _("The piece of work is no longer linked."))
    return redirect("impact:work-list", request.bureau.slug, assignment.pk)
