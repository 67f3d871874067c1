"""The resident's own activity log: who at the bureau viewed or changed their data, and when, in
plain words (`residents/activity.py`), newest first, by month, a page at a time."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from buurtbaan.residents import activity, queries
from buurtbaan.residents.views.mydata import own_record

LINES_PER_PAGE = 30


@own_record
@require_http_methods(["GET", "HEAD"])
def mydata_activity(request, resident):
    lines = activity.activity_lines(queries.audit_entries_about(resident), resident)
    page = Paginator(lines, LINES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"resident": resident, "page": page, "activity": page.object_list}
    return render(request, "residents/mydata_activity.html", context)
