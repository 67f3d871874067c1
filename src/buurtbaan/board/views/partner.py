"""Partners' pages: their own posts on the board, and (welfare organisations) help requests."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.board import actions, queries
from buurtbaan.board.forms import HelpRequestForm, PostForm
from buurtbaan.board.permissions import PARTNERS, own_organisation, welfare_organisation
from buurtbaan.bureaus.permissions import SAFE_METHODS, bureau_view, get_for_bureau
from buurtbaan.core.forms import add_action_error

PAGE_SIZE = 25


@bureau_view(read=PARTNERS, write=PARTNERS)
def post_list(request):
    """ "My posts": what the partner's organisation posted, with its status and response count."""
    organisation = own_organisation(request)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    page = Paginator(queries.partner_posts(organisation), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "board/post_list.html", {"page": page, "organisation": organisation})


@bureau_view(read=PARTNERS, write=PARTNERS)
def post_detail(request, pk):
    """One of the partner's own posts, whatever its status: waiting for approval, on the board,
    or not published and why. Another organisation's post is 404."""
    organisation = own_organisation(request)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    item = get_for_bureau(request, queries.partner_post(organisation), pk=pk)
    return render(request, "board/post_detail.html", {"item": item, "organisation": organisation})


@require_http_methods(["GET", "POST"])
@bureau_view(read=PARTNERS, write=PARTNERS)
def post_create(request):
    """Post a vacancy, buurtklus or group work; it waits for the coordinator's approval."""
    organisation = own_organisation(request)
    form = PostForm(request.POST or None, bureau=request.bureau)
    if form.is_valid():
        try:
            item = actions.submit_post(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Thank you! The bureau checks your post and then puts it on the board.")
            )
            return redirect("board:post-detail", request.bureau.slug, item.pk)
    return render(request, "board/post_create.html", {"form": form, "organisation": organisation})


@bureau_view(read=PARTNERS, write=PARTNERS)
def helprequest_mine(request):
    """ "My help requests": what the welfare organisation asked for, and how far it is."""
    organisation = welfare_organisation(request)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    page = Paginator(queries.help_requests_of(organisation), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "organisation": organisation}
    return render(request, "board/helprequest_mine.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=PARTNERS, write=PARTNERS)
def helprequest_create(request):
    organisation = welfare_organisation(request)
    form = HelpRequestForm(request.POST or None)
    if form.is_valid():
        try:
            actions.submit_help_request(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The help request has been sent to the bureau."))
            return redirect("board:helprequest-mine", request.bureau.slug)
    context = {"form": form, "organisation": organisation}
    return render(request, "board/helprequest_create.html", context)
