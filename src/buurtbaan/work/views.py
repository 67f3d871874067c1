from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_list_view, log_record_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import SAFE_METHODS, STAFF, bureau_view, get_for_bureau
from buurtbaan.core import locking, story
from buurtbaan.core.forms import add_action_error
from buurtbaan.organisations.models import ScaleLevel
from buurtbaan.residents.models import Resident
from buurtbaan.residents.permissions import visible_resident_ids
from buurtbaan.work import actions, charts, queries, stats
from buurtbaan.work.forms import (
    AnswerForm,
    HoursForm,
    PartFormSet,
    PeriodForm,
    PieceFilterForm,
    PieceForm,
    PurposeForm,
    StatusForm,
)
from buurtbaan.work.models import AskerKind, PieceOfWork, Purpose, WorkStatus
from buurtbaan.work.subsidiarity import suggest_scale_level

CAPABILITY_READERS = [*STAFF, Role.FUNDER]


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _show_askers(request, items, page: str) -> None:
    """Set `hides_asker` on purposes or pieces asked by a resident whose profile the member may
    not see (that someone asked for work is part of their record); log the askers shown."""
    asked_by = {
        item.pk: item.asked_by_resident_id
        for item in items
        if item.asked_by_kind == AskerKind.RESIDENT and item.asked_by_resident_id
    }
    visible = visible_resident_ids(request.membership, asked_by.values())
    for item in items:
        item.hides_asker = item.pk in asked_by and asked_by[item.pk] not in visible
    shown = [item.asker for item in items if item.pk in asked_by and not item.hides_asker]
    if len(items) == 1 and shown:
        log_record_view(request, shown[0], page=page)
    else:
        log_list_view(request, shown, page=page)


@bureau_view(read=STAFF)
def purpose_list(request):
    """The mountain of work: the bureau's purposes, newest first."""
    page = Paginator(queries.purposes_for_list(request.bureau), 25).get_page(
        request.GET.get("page")
    )
    page.object_list = list(page.object_list)
    _show_askers(request, page.object_list, "purposes asked by")
    return render(request, "work/purpose_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def purpose_create(request):
    form = PurposeForm(request.POST or None, bureau=request.bureau, request=request)
    if form.is_valid():
        try:
            purpose = actions.create_purpose(
                actor=request.user, bureau=request.bureau, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The purpose has been recorded. Now break it into pieces."))
            return redirect(purpose)
    return render(request, "work/purpose_create.html", {"form": form})


@bureau_view(read=STAFF, write=STAFF)
def purpose_detail(request, pk):
    """A purpose with its tree of pieces."""
    purpose = get_for_bureau(request, queries.purpose_for_detail(request.bureau), pk=pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    pieces = queries.pieces_of_purpose(purpose)
    _show_askers(request, [purpose], f"purpose #{purpose.pk} asked by")
    context = {
        "purpose": purpose,
        "tree": queries.piece_tree(pieces),
        "hours": queries.purpose_hours(pieces),
        "piece_count": len(pieces),
    }
    return render(request, "work/purpose_detail.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def purpose_update(request, pk):
    purpose = get_for_bureau(request, Purpose.objects.all(), pk=pk)
    form = PurposeForm(
        request.POST or None, instance=purpose, bureau=request.bureau, request=request
    )
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_purpose(actor=request.user, purpose=purpose, changes=form.changes())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The purpose has been saved."))
            return redirect(purpose)
    return render(
        request,
        "work/purpose_update.html",
        {"form": form, "purpose": purpose},
        status=locking.status(form),
    )


@bureau_view(read=STAFF)
def piece_list(request):
    """Every piece of work of the bureau, filtered by kind, status and scale level."""
    form = PieceFilterForm(request.GET or None)
    pieces = queries.pieces_for_list(request.bureau)
    if form.is_valid():
        pieces = queries.filter_pieces(pieces, form.cleaned_data)
    page = Paginator(pieces, 25).get_page(request.GET.get("page"))
    template = "work/partials/_piece_table.html" if _is_htmx(request) else "work/piece_list.html"
    return render(request, template, {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def piece_create(request):
    """A new piece, on its own or (with ?bedoeling=<pk>) in a purpose."""
    initial = {"purpose": request.GET.get("bedoeling"), "people_needed": 1}
    form = PieceForm(request.POST or None, bureau=request.bureau, request=request, initial=initial)
    if form.is_valid():
        try:
            piece = actions.add_piece(
                actor=request.user, bureau=request.bureau, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            if piece.status == WorkStatus.DRAFT:
                messages.warning(
                    request,
                    _(
                        "The piece of work has been saved as a draft. It is not on offer yet: "
                        "it is not in matching rounds or suggestions and not on the bulletin "
                        "board. Set its status to open when it is ready."
                    ),
                )
            else:
                messages.success(request, _("The piece of work has been added."))
            return redirect(piece)
    return render(request, "work/piece_create.html", {"form": form})


@bureau_view(read=STAFF, write=STAFF)
def piece_detail(request, pk):
    piece = get_for_bureau(request, queries.piece_for_detail(request.bureau), pk=pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    _show_askers(request, [piece], f"piece #{piece.pk} asked by")
    context = {
        "piece": piece,
        "hours_entries": queries.hours_of_piece(piece),
        "status_form": StatusForm(record=piece),
        "hours_form": HoursForm(),
    }
    return render(request, "work/piece_detail.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def piece_update(request, pk):
    piece = get_for_bureau(request, PieceOfWork.objects.select_related("purpose"), pk=pk)
    form = PieceForm(request.POST or None, instance=piece, bureau=request.bureau, request=request)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_piece(actor=request.user, piece=piece, changes=form.changes())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The piece of work has been saved."))
            return redirect(piece)
    return render(
        request,
        "work/piece_update.html",
        {"form": form, "piece": piece},
        status=locking.status(form),
    )


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def piece_split(request, pk):
    """Break a piece into parts: up to three at a time, empty rows are skipped."""
    piece = get_for_bureau(request, PieceOfWork.objects.select_related("purpose"), pk=pk)
    formset = PartFormSet(request.POST or None, prefix="parts")
    if request.method == "POST" and formset.is_valid():
        try:
            parts = actions.split_piece(actor=request.user, piece=piece, parts=formset.parts())
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d part has been added.", "%(count)d parts have been added.", len(parts)
                )
                % {"count": len(parts)},
            )
            return redirect(piece.purpose or piece)
    return render(request, "work/piece_split.html", {"formset": formset, "piece": piece})


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def piece_status(request, pk):
    piece = get_for_bureau(request, PieceOfWork.objects.all(), pk=pk)
    form = StatusForm(request.POST or None, record=piece)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.set_status(
                    actor=request.user, piece=piece, status=form.cleaned_data["status"]
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The status has been changed."))
            return redirect(piece)
    context = {"form": form, "piece": piece}
    return render(request, "work/piece_status.html", context, status=locking.status(form))


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def piece_hours(request, pk):
    piece = get_for_bureau(request, PieceOfWork.objects.all(), pk=pk)
    form = HoursForm(request.POST or None)
    if form.is_valid():
        try:
            actions.record_hours_done(actor=request.user, piece=piece, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The hours have been booked."))
            return redirect(piece)
    return render(request, "work/piece_hours.html", {"form": form, "piece": piece})


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def piece_subsidiarity(request, pk):
    """The subsidiarity assistant: the five questions in order, with a suggestion.
    ?vraag=N opens an earlier question to change its answer."""
    piece = get_for_bureau(request, queries.piece_for_detail(request.bureau), pk=pk)
    assistant = queries.assistant_state(piece, request.GET.get("vraag"))
    form = None
    if assistant.question is not None:
        data = request.POST if request.method == "POST" else None
        form = AnswerForm(data, piece=piece, question=assistant.question)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            actions.answer_subsidiarity_question(
                actor=request.user, piece=piece, question=assistant.question, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            return redirect(
                reverse("work:piece-subsidiarity", args=[request.bureau.slug, piece.pk])
            )
    context = {
        "piece": piece,
        "assistant": assistant,
        "form": form,
        "suggestion": suggest_scale_level(piece=piece),
    }
    template = (
        "work/partials/_assistant.html" if _is_htmx(request) else "work/piece_subsidiarity.html"
    )
    return render(request, template, context)


@bureau_view(read=STAFF, write=STAFF)
def piece_subsidiarity_restart(request, pk):
    piece = get_for_bureau(request, PieceOfWork.objects.all(), pk=pk)
    if request.method != "POST":  # after the lookup, so another bureau's piece stays a 404
        return HttpResponseNotAllowed(["POST"])
    actions.restart_subsidiarity(actor=request.user, piece=piece)
    messages.success(request, _("The answers have been cleared; start again at question 1."))
    return redirect("work:piece-subsidiarity", request.bureau.slug, piece.pk)


@bureau_view(read=CAPABILITY_READERS)
def capability(request):
    """The capability factor: the share of hours carried at each scale level. Aggregates only,
    so funders may see it too."""
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    factor = stats.capability_factor(request.bureau, start, end)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "rows": charts.capability_rows(factor),
        "chart": charts.capability_chart(factor),
        "unplaced_hours": stats.unplaced_hours(request.bureau, start, end),
    }
    template = "work/partials/_capability.html" if _is_htmx(request) else "work/capability.html"
    return render(request, template, context)


@bureau_view(read=STAFF)
def capability_records(request):
    """The pieces behind the figures, of one level (?niveau=N) or all levels. Staff only:
    titles may name residents."""
    level = request.GET.get("niveau", "")
    if level and (not level.isdigit() or int(level) not in ScaleLevel.values):
        raise Http404
    level = ScaleLevel(int(level)) if level else None
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    records = stats.capability_factor_records(request.bureau, start, end, level=level)
    context = {"level": level, "records": records, "start": start, "end": end, "form": form}
    return render(request, "work/capability_records.html", context)


@bureau_view(read=STAFF, write=STAFF)
def piece_story(request, pk):
    """Everything that happened with a piece of work, from every app, in time order
    (`core.story`): who asked, its status, the board, who was proposed and placed, the hours.
    Residents are named only when the member may see their profile; those named are logged."""
    piece = get_for_bureau(request, queries.piece_for_detail(request.bureau), pk=pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    told = story.told_for(request, story.PIECE, piece)
    log_list_view(request, told.residents, page=f"piece #{piece.pk} story", model=Resident)
    return render(request, "work/piece_story.html", {"piece": piece, "told": told})
