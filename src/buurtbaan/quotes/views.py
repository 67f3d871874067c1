"""Quote pages. Who may do what:

- Coordinators make, send and record the fate of quotes: a quote commits the bureau to a price.
- Coaches read quotes (list, page, print view, PDF): they know the residents who will do the work
  and help plan it, but they do not price work on the bureau's behalf.
- Partners, residents and funders get 404: a quote carries a client's name and address and the
  bureau's margins. (A resident who is the client could later see their own quote; not yet.)
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.audit.reads import log_list_view, log_record_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import SAFE_METHODS, STAFF, bureau_view, get_for_bureau
from buurtbaan.core import locking
from buurtbaan.core.forms import add_action_error
from buurtbaan.quotes import actions, queries
from buurtbaan.quotes.forms import (
    AcceptForm,
    DeclineForm,
    LineForm,
    QuoteFilterForm,
    QuoteForm,
    RealisedForm,
)
from buurtbaan.quotes.models import LineKind, Quote
from buurtbaan.quotes.pdf import pdf_filename, quote_context, render_quote_pdf

WRITERS = [Role.COORDINATOR]


def _data(request):
    """The submitted data on a POST (even when empty, so a form of optional fields is bound)."""
    return request.POST if request.method == "POST" else None


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _quote(request, pk, queryset=None):
    """The quote, if the member may see it (`queries.seen_by`); a page that shows it logs the
    read of its client when that is a resident."""
    if queryset is None:
        queryset = Quote.objects.select_related("bureau")
    return get_for_bureau(request, queries.seen_by(queryset, request.membership), pk=pk)


def _log_client_read(request, quote, page):
    if quote.client_resident_id:
        log_record_view(request, quote.client_resident, page=f"{page} quote #{quote.pk}")


def _line(quote, line_pk):
    return get_object_or_404(quote.lines.select_related("quote__bureau", "piece"), pk=line_pk)


@bureau_view(read=STAFF, write=WRITERS)
def quote_list(request):
    """All quotes of the bureau, newest first, filtered by status (htmx swaps the table)."""
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    form = QuoteFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    quotes = queries.seen_by(queries.quotes_for_list(request.bureau, status), request.membership)
    page = Paginator(quotes, 25).get_page(request.GET.get("page"))
    log_list_view(request, [quote.client_resident for quote in page], page="quotes")
    template = (
        "quotes/partials/_quote_table.html" if _is_htmx(request) else "quotes/quote_list.html"
    )
    return render(request, template, {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
@bureau_view(read=WRITERS, write=WRITERS)
def quote_create(request):
    form = QuoteForm(_data(request), bureau=request.bureau, request=request)
    if form.is_valid():
        try:
            quote = actions.create_quote(
                actor=request.user, bureau=request.bureau, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("Quote %(number)s has been made. Now add its lines.") % {"number": quote.number},
            )
            return redirect(quote)
    return render(request, "quotes/quote_create.html", {"form": form})


@bureau_view(read=STAFF, write=WRITERS)
def quote_detail(request, pk):
    """The quote with its lines (planned and realised), totals, split, and what to do next."""
    quote = _quote(request, pk, queries.quote_for_detail(request.bureau))
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    _log_client_read(request, quote, "detail")
    return render(request, "quotes/quote_detail.html", quote_context(quote))


@require_http_methods(["GET", "POST"])
@bureau_view(read=WRITERS, write=WRITERS)
def quote_update(request, pk):
    quote = _quote(request, pk)
    form = QuoteForm(_data(request), instance=quote, bureau=request.bureau, request=request)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_quote(actor=request.user, quote=quote, changes=form.changes())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The quote has been saved."))
            return redirect(quote)
    _log_client_read(request, quote, "edit")
    return render(
        request,
        "quotes/quote_update.html",
        {"form": form, "quote": quote},
        status=locking.status(form),
    )


def _step(request, pk, action, success):
    """A POST-only step (send, copy): checked after the lookup so another bureau's quote stays
    a 404; an action's refusal comes back as a message on the quote's page."""
    quote = _quote(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        result = action(actor=request.user, quote=quote)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(quote)
    messages.success(request, success % {"number": result.number})
    return redirect(result)


@bureau_view(read=WRITERS, write=WRITERS)
def quote_send(request, pk):
    return _step(request, pk, actions.send_quote, _("Quote %(number)s is marked as sent."))


@bureau_view(read=WRITERS, write=WRITERS)
def quote_copy(request, pk):
    return _step(request, pk, actions.copy_quote, _("Quote %(number)s is a new draft copy."))


def _decision(request, pk, form_class, action, template, success):
    quote = _quote(request, pk)
    form = form_class(_data(request))
    if form.is_valid():
        try:
            action(actor=request.user, quote=quote, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, success)
            return redirect(quote)
    _log_client_read(request, quote, "decision")
    return render(request, template, {"form": form, "quote": quote})


@require_http_methods(["GET", "POST"])
@bureau_view(read=WRITERS, write=WRITERS)
def quote_accept(request, pk):
    """Record the client's yes: the lines become pieces of work."""
    return _decision(
        request,
        pk,
        AcceptForm,
        actions.accept_quote,
        "quotes/quote_accept.html",
        _("The quote is accepted and its work is in the work bank."),
    )


@require_http_methods(["GET", "POST"])
@bureau_view(read=WRITERS, write=WRITERS)
def quote_decline(request, pk):
    return _decision(
        request,
        pk,
        DeclineForm,
        actions.decline_quote,
        "quotes/quote_decline.html",
        _("The quote is recorded as declined."),
    )


@bureau_view(read=STAFF, write=STAFF)
def quote_print(request, pk):
    """The quote as the client reads it, to print from the browser."""
    quote = _quote(request, pk, queries.quote_for_detail(request.bureau))
    if request.method not in SAFE_METHODS:  # after the lookup: another bureau's quote is a 404
        return HttpResponseNotAllowed(SAFE_METHODS)
    _log_client_read(request, quote, "print")
    return render(request, "quotes/quote_pdf.html", {**quote_context(quote), "for_pdf": False})


@bureau_view(read=STAFF, write=STAFF)
def quote_pdf(request, pk):
    """The quote as a PDF file. The client's name and address leave the system: logged."""
    quote = _quote(request, pk, queries.quote_for_detail(request.bureau))
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    log_event(actor=request.user, action=AuditAction.EXPORT, obj=quote, fields=["client", "pdf"])
    response = HttpResponse(
        render_quote_pdf(quote, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{pdf_filename(quote)}"'
    return response


@require_http_methods(["GET", "POST"])
@bureau_view(read=WRITERS, write=WRITERS)
def line_create(request, pk):
    quote = _quote(request, pk)
    form = LineForm(_data(request), quote=quote, initial={"kind": LineKind.LABOUR})
    if form.is_valid():
        try:
            actions.add_line(actor=request.user, quote=quote, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The line has been added."))
            return redirect(quote)
    return render(request, "quotes/line_create.html", {"form": form, "quote": quote})


@require_http_methods(["GET", "POST"])
@bureau_view(read=WRITERS, write=WRITERS)
def line_update(request, pk, line_pk):
    quote = _quote(request, pk)
    line = _line(quote, line_pk)
    form = LineForm(_data(request), instance=line, quote=quote)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_line(actor=request.user, line=line, changes=form.changes())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The line has been saved."))
            return redirect(quote)
    return render(
        request,
        "quotes/line_update.html",
        {"form": form, "quote": quote, "line": line},
        status=locking.status(form),
    )


@bureau_view(read=WRITERS, write=WRITERS)
def line_delete(request, pk, line_pk):
    quote = _quote(request, pk)
    line = _line(quote, line_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        actions.remove_line(actor=request.user, line=line)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The line has been removed."))
    return redirect(quote)


@require_http_methods(["GET", "POST"])
@bureau_view(read=WRITERS, write=WRITERS)
def line_realised(request, pk, line_pk):
    """Record what a line really took after the work; labour proposes the hours booked on its
    piece of work."""
    quote = _quote(request, pk)
    line = _line(quote, line_pk)
    form = RealisedForm(_data(request), record=line)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.record_realised(actor=request.user, line=line, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("What was realised has been recorded."))
            return redirect(quote)
    context = {"form": form, "quote": quote, "line": line}
    return render(request, "quotes/line_realised.html", context, status=locking.status(form))
