"""Searching the talent bank (coordinators and coaches): words in talents, dreams, skills and
experience, plus filters; the results update as you type (htmx). See `buurtbaan.talentsearch`."""

from django.shortcuts import render

from buurtbaan.audit.reads import log_list_view
from buurtbaan.bureaus.permissions import STAFF, bureau_view
from buurtbaan.talentsearch.forms import TalentSearchForm, criteria_data
from buurtbaan.talentsearch.queries import SearchCriteria, search_page


@bureau_view(read=STAFF)
def resident_search(request):
    form = TalentSearchForm(request.GET or None, bureau=request.bureau)
    results = search_page(
        request.bureau,
        membership=request.membership,
        criteria=SearchCriteria.from_form(criteria_data(form)),
        page_number=request.GET.get("page"),
    )
    log_list_view(request, results.page.object_list, page="talent bank search")
    context = {
        "form": form,
        "page": results.page,
        "is_searching": bool(results.query),
    }
    template = (
        "residents/partials/_search_results.html"
        if request.headers.get("HX-Request")
        else "residents/search.html"
    )
    return render(request, template, context)
