"""The import pages: list, upload, choose columns, the dry run (with progress) and the result.

Coordinators and coaches of the bureau only (404 for everyone else). Steps that change something
are POSTs; the dry run of a large file goes on in steps that htmx requests one after the other,
while without JavaScript one press of the button checks the whole file in one request.
"""

import io
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from buurtbaan.bureaus.permissions import STAFF, bureau_view, get_for_bureau
from buurtbaan.core.spreadsheets import csv_writer
from buurtbaan.imports import actions, queries
from buurtbaan.imports.forms import MappingForm, UploadForm
from buurtbaan.imports.models import ImportStatus
from buurtbaan.imports.targets import get_target

logger = logging.getLogger(__name__)

RUNS_PER_PAGE = 25
PROBLEMS_PER_PAGE = 100


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _get_run(request, pk):
    return get_for_bureau(request, queries.runs_for_view(request.bureau), pk=pk)


def _is_wrong_method(request, *allowed: str) -> bool:
    """Checked after the lookup, so a wrong method never reveals whether an import exists."""
    return request.method not in allowed


@bureau_view(read=STAFF)
def run_list(request):
    """The bureau's imports: who imported which file when, and how it ended."""
    page = Paginator(queries.runs_for_list(request.bureau), RUNS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "imports/run_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def run_create(request):
    """Upload a file; the next step is choosing its columns."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        try:
            run = actions.start_import(
                actor=request.user, bureau=request.bureau, **form.action_kwargs()
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("imports:run-mapping", bureau_slug=request.bureau.slug, pk=run.pk)
    return render(request, "imports/run_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def run_mapping(request, pk):
    """Which column holds what; saving starts the dry run (a small file is checked at once)."""
    run = _get_run(request, pk)
    if not run.is_open:
        return redirect(run)
    target = get_target(run.target)
    columns = queries.columns_with_examples(run)
    form = MappingForm(request.POST or None, run=run, target=target, columns=columns)
    if form.is_valid():
        actions.choose_columns(actor=request.user, run=run, mapping=form.mapping)
        actions.check_next_rows(run=run, limit=actions.chunk_size(run.total_rows))
        return redirect(run)
    context = {"run": run, "form": form, "target": target}
    return render(request, "imports/run_mapping.html", context)


@bureau_view(read=STAFF, write=STAFF)
def run_detail(request, pk):
    """The import's page: its progress, the problems of the dry run, or how it ended."""
    run = _get_run(request, pk)
    if _is_wrong_method(request, "GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    target = get_target(run.target)
    problems = Paginator(run.problems, PROBLEMS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "run": run,
        "target": target,
        "page": problems,
        "problems": queries.problem_rows_for_display(run, problems.object_list),
        "problem_columns": queries.problems_per_column(run) if run.problem_rows else [],
        "result_url": target.result_url(request.bureau),
    }
    return render(request, "imports/run_detail.html", context)


@bureau_view(read=STAFF, write=STAFF)
def run_check(request, pk):
    """One more step of the dry run (htmx: returns the progress, or sends the page on when
    done), or without JavaScript the whole rest of the file at once."""
    run = _get_run(request, pk)
    if _is_wrong_method(request, "POST"):
        return HttpResponseNotAllowed(["POST"])
    is_htmx = _is_htmx(request)
    limit = actions.chunk_size(run.total_rows) if is_htmx else None
    actions.check_next_rows(run=run, limit=limit)
    if is_htmx and run.status == ImportStatus.CHECKING:
        return render(request, "imports/partials/_progress.html", {"run": run})
    if is_htmx:
        return HttpResponse(headers={"HX-Redirect": run.get_absolute_url()})
    return redirect(run)


@bureau_view(read=STAFF, write=STAFF)
def run_commit(request, pk):
    """Import every row, or nothing."""
    run = _get_run(request, pk)
    if _is_wrong_method(request, "POST"):
        return HttpResponseNotAllowed(["POST"])
    try:
        count = actions.commit_import(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except DatabaseError:
        logger.exception("import %s failed while saving", run.pk)
        messages.error(
            request,
            _(
                "The import failed while saving. Nothing has been imported; the file is still "
                "here, so you can try again."
            ),
        )
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s row has been imported.", "%(count)s rows have been imported.", count
            )
            % {"count": count},
        )
    return redirect(run)


@bureau_view(read=STAFF, write=STAFF)
def run_cancel(request, pk):
    """Stop the import; its file is deleted and nothing is imported."""
    run = _get_run(request, pk)
    if _is_wrong_method(request, "POST"):
        return HttpResponseNotAllowed(["POST"])
    actions.cancel_import(actor=request.user, run=run)
    messages.success(request, _("The import has been cancelled and the file deleted."))
    return redirect("imports:run-list", bureau_slug=request.bureau.slug)


@bureau_view(read=STAFF)
def example_file(request):
    """An example CSV file: the column names the import recognises, and one fictional row."""
    target = get_target("residents")
    output = io.StringIO()
    writer = csv_writer(output, delimiter=";")
    writer.writerow([import_field.headers[0] for import_field in target.fields])
    writer.writerow([target.example_row().get(f.name, "") for f in target.fields])
    response = HttpResponse("\ufeff" + output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bewoners-voorbeeld.csv"'
    return response
