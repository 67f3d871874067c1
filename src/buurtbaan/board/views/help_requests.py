"""The bureau's side of Buurtmaatjes: the help requests inbox and turning a request into work.

Coaches read; coordinators handle (see `board.permissions`).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.board import actions, queries
from buurtbaan.board.forms import HelpPieceForm, HelpStatusForm
from buurtbaan.board.models import HelpRequest, HelpStatus
from buurtbaan.board.permissions import BOARD_STAFF, COORDINATORS
from buurtbaan.bureaus.permissions import SAFE_METHODS, bureau_view, get_for_bureau
from buurtbaan.core import locking
from buurtbaan.core.forms import add_action_error
from buurtbaan.residents.permissions import can_see_profile

PAGE_SIZE = 25
INBOX_FILTERS = ["open", *HelpStatus.values]


@bureau_view(read=BOARD_STAFF, write=COORDINATORS)
def helprequest_inbox(request):
    """Help requests from welfare organisations; open ones by default."""
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    status = request.GET.get("status", "open")
    status = status if status in INBOX_FILTERS or status == "all" else "open"
    requests = queries.help_requests_inbox(request.bureau, "" if status == "all" else status)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "statuses": HelpStatus.choices}
    return render(request, "board/helprequest_inbox.html", context)


@bureau_view(read=BOARD_STAFF, write=COORDINATORS)
def helprequest_detail(request, pk):
    help_request = get_for_bureau(request, queries.help_request_for_detail(request.bureau), pk=pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    log_event(
        actor=request.user,
        action=AuditAction.VIEW,
        bureau=request.bureau,
        obj=help_request,
        fields=["description"],
    )
    piece = help_request.piece
    context = {
        "help_request": help_request,
        # The link to the talent bank only for someone who may see that resident's profile.
        "shows_resident": bool(help_request.resident)
        and can_see_profile(request.membership, help_request.resident),
        "board_item": getattr(piece, "board_item", None) if piece else None,
        "status_form": HelpStatusForm(),
    }
    return render(request, "board/helprequest_detail.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATORS, write=COORDINATORS)
def helprequest_piece(request, pk):
    """Turn the request into a piece of work, open for matching and ready for the board."""
    help_request = get_for_bureau(
        request, HelpRequest.objects.select_related("organisation"), pk=pk
    )
    form = HelpPieceForm(request.POST or None, request=request)
    if form.is_valid():
        try:
            piece = actions.create_piece_for_help_request(
                actor=request.user, help_request=help_request, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("The piece of work has been made. You can put it on the board now.")
            )
            board = reverse("board:item-create", args=[request.bureau.slug])
            return redirect(f"{board}?klus={piece.pk}")
    context = {"help_request": help_request, "form": form}
    return render(request, "board/helprequest_piece.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATORS, write=COORDINATORS)
def helprequest_status(request, pk):
    help_request = get_for_bureau(request, HelpRequest.objects.all(), pk=pk)
    form = HelpStatusForm(request.POST or None, record=help_request)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.set_help_request_status(
                    actor=request.user, help_request=help_request, **form.cleaned_data
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The status has been changed."))
            return redirect(help_request)
    context = {"help_request": help_request, "form": form}
    return render(request, "board/helprequest_status.html", context, status=locking.status(form))
