"""The public bulletin board: readable by everyone, no login. Only public fields are loaded
(`queries.PUBLIC_ITEM_FIELDS`), so nothing personal can reach these templates by accident."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.board import actions, queries
from buurtbaan.board.forms import BoardFilterForm, VisitorResponseForm
from buurtbaan.board.models import Response
from buurtbaan.board.permissions import get_public_bureau
from buurtbaan.core.forms import add_action_error

PAGE_SIZE = 12


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


@require_http_methods(["GET", "HEAD"])
def item_list(request, bureau_slug):
    """The board: open vacancies, buurtklussen and group work, filtered by kind and talent."""
    bureau = get_public_bureau(request, bureau_slug)
    form = BoardFilterForm(request.GET or None, bureau=bureau)
    items = queries.public_items(bureau)
    if form.is_valid():
        items = queries.filter_public(items, form.cleaned_data)
    elif form.is_bound:  # an unknown filter value: show everything rather than an error
        form = BoardFilterForm(bureau=bureau)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "board/partials/_item_cards.html" if _is_htmx(request) else "board/item_list.html"
    return render(request, template, {"bureau": bureau, "form": form, "page": page})


def _render_item(request, bureau, item, form=None):
    is_resident = actions.is_resident_member(request.user, bureau)
    context = {
        "bureau": bureau,
        "item": item,
        "is_resident": is_resident,
        "has_responded": is_resident
        and Response.objects.filter(item=item, user=request.user).exists(),
        "form": None if is_resident else form or VisitorResponseForm(),
    }
    return render(request, "board/item_detail.html", context)


def _visible_item(request, bureau_slug, pk):
    bureau = get_public_bureau(request, bureau_slug)
    return bureau, queries.public_items(bureau).filter(pk=pk).first()


def _gone(request, bureau):
    """The same answer for drafts, closed items and numbers that never existed."""
    return render(request, "board/item_gone.html", {"bureau": bureau}, status=404)


@require_http_methods(["GET", "HEAD"])
def item_detail(request, bureau_slug, pk):
    bureau, item = _visible_item(request, bureau_slug, pk)
    if item is None:
        return _gone(request, bureau)
    return _render_item(request, bureau, item)


@require_http_methods(["GET", "POST"])
def item_respond(request, bureau_slug, pk):
    """ "Ik wil dit doen": one click for a logged-in resident, the short form for everyone else."""
    bureau, item = _visible_item(request, bureau_slug, pk)
    if item is None:
        return _gone(request, bureau)
    if request.method != "POST":
        return _render_item(request, bureau, item)
    if actions.is_resident_member(request.user, bureau):
        _response, created = actions.respond_as_resident(actor=request.user, item=item)
        if created:
            messages.success(request, _("Thank you! The bureau will contact you soon."))
        else:
            messages.info(request, _("You had already responded; the bureau will contact you."))
        return redirect(item)
    form = VisitorResponseForm(request.POST)
    if form.is_spam:  # the honeypot: answer as if it worked, keep nothing
        return _thanked(request, bureau, item)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            actions.respond_as_visitor(
                item=item, ip_hash=actions.hash_ip(request.META.get("REMOTE_ADDR", "")), **data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            return _thanked(request, bureau, item)
    return _render_item(request, bureau, item, form=form)


def _thanked(request, bureau, item):
    """Back to the item, at the top where the thanks are (the form posted to #respond)."""
    messages.success(request, _("Thank you! The bureau will contact you soon."))
    detail = reverse("board:item-detail", kwargs={"bureau_slug": bureau.slug, "pk": item.pk})
    return redirect(f"{detail}#main")
