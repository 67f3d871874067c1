"""The coordinator's side of the board: the moderation queue, an item's page, responses.

Coaches read all of it and handle responses; only coordinators create, edit, publish, reject
and close items (see `board.permissions`).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.board import actions, queries
from buurtbaan.board.forms import (
    CloseForm,
    ItemCreateForm,
    ItemForm,
    ReasonForm,
    ResponseHandleForm,
)
from buurtbaan.board.models import BoardItem, Response
from buurtbaan.board.permissions import BOARD_STAFF, COORDINATORS
from buurtbaan.bureaus.permissions import SAFE_METHODS, bureau_view, get_for_bureau
from buurtbaan.core import locking
from buurtbaan.core.forms import add_action_error
from buurtbaan.core.plurals import counted

PAGE_SIZE = 25


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


@bureau_view(read=BOARD_STAFF, write=COORDINATORS)
def item_queue(request):
    """The moderation queue: posts waiting for approval first; tabs for the other statuses."""
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    tab = request.GET.get("tab") if request.GET.get("tab") in queries.QUEUE_TABS else "submitted"
    items = queries.moderation_items(request.bureau, tab)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "tab": tab, "counts": queries.queue_counts(request.bureau)}
    return render(request, "board/item_queue.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATORS, write=COORDINATORS)
def item_create(request):
    """Put a piece of work on the board (?klus=<pk> chooses it): a draft, or published at once."""
    form = ItemCreateForm(
        request.POST or None, bureau=request.bureau, initial={"piece": request.GET.get("klus")}
    )
    if form.is_valid():
        try:
            item = actions.create_item(
                actor=request.user, publish="publish" in request.POST, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The item has been saved."))
            return redirect(item.get_manage_url())
    return render(request, "board/item_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
@bureau_view(read=BOARD_STAFF, write=COORDINATORS)
def item_manage(request, pk):
    """An item as the bureau sees it: status, the text on the board (editable), the work."""
    item = get_for_bureau(request, queries.item_for_manage(request.bureau), pk=pk)
    form = ItemForm(request.POST or None, instance=item, bureau=request.bureau)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_item(actor=request.user, item=item, changes=form.changes())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The text on the board has been saved."))
            return redirect(item.get_manage_url())
    context = {"item": item, "form": form, "response_count": item.responses.count()}
    return render(request, "board/item_manage.html", context, status=locking.status(form))


@bureau_view(read=COORDINATORS, write=COORDINATORS)
def item_publish(request, pk):
    item = get_for_bureau(request, BoardItem.objects.select_related("piece"), pk=pk)
    if request.method != "POST":  # after the lookup, so another bureau's item stays a 404
        return HttpResponseNotAllowed(["POST"])
    try:
        actions.publish_item(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The item is on the board now."))
    return redirect(item.get_manage_url())


def _with_reason(request, pk, form_class, action, done_message, template):
    item = get_for_bureau(request, BoardItem.objects.all(), pk=pk)
    form = form_class(request.POST or None)
    if form.is_valid():
        try:
            action(actor=request.user, item=item, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, done_message)
            return redirect(item.get_manage_url())
    return render(request, template, {"form": form, "item": item})


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATORS, write=COORDINATORS)
def item_reject(request, pk):
    """Do not publish: the partner sees the reason on their list."""
    message = _("The item will not be published; the partner sees your reason.")
    return _with_reason(
        request, pk, ReasonForm, actions.reject_item, message, "board/item_reject.html"
    )


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATORS, write=COORDINATORS)
def item_close(request, pk):
    """Take an item off the board; it stays in the records with its responses."""
    message = _("The item is off the board. It stays in the records.")
    return _with_reason(
        request, pk, CloseForm, actions.close_item, message, "board/item_close.html"
    )


@bureau_view(read=BOARD_STAFF, write=BOARD_STAFF)
def response_list(request, pk):
    """Who responded to an item, with their contact details: personal data, so audited."""
    item = get_for_bureau(request, BoardItem.objects.all(), pk=pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    responses = list(queries.responses_of(item))
    log_event(
        actor=request.user,
        action=AuditAction.VIEW,
        bureau=request.bureau,
        obj=item,
        fields=["responses"],
        note=counted(len(responses), "response"),
    )
    rows = [(response, _handle_form(response)) for response in responses]
    return render(request, "board/response_list.html", {"item": item, "rows": rows})


def _handle_form(response, data=None):
    """One form per response on the list: the prefix keeps their field ids apart."""
    return ResponseHandleForm(data, response=response, prefix=f"response-{response.pk}")


@require_http_methods(["GET", "POST"])
@bureau_view(read=BOARD_STAFF, write=BOARD_STAFF)
def response_update(request, pk):
    """Follow up one response (contacted, declined, a note). htmx gets the row back alone."""
    queryset = Response.objects.select_related("item", "user", "resident", "handled_by")
    response = get_for_bureau(request, queryset, pk=pk)
    form, saved = _handle_form(response, request.POST or None), False
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.handle_response(
                    actor=request.user,
                    response=response,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
        except locking.EditConflict as error:
            form.add_error(None, error)
        else:
            if not _is_htmx(request):
                messages.success(request, _("The response has been saved."))
                return redirect("board:response-list", request.bureau.slug, response.item_id)
            form, saved = _handle_form(response), True
    template = (
        "board/partials/_response.html" if _is_htmx(request) else "board/response_update.html"
    )
    context = {"response": response, "form": form, "item": response.item, "saved": saved}
    return render(request, template, context, status=locking.status(form))
