"""The htmx half of `residents.lookup`: the residents matching what is typed in a lookup field,
as the radio buttons that field shows. Without JavaScript the form itself does the search."""

from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import render

from buurtbaan.audit.reads import log_list_view
from buurtbaan.bureaus.permissions import SAFE_METHODS, STAFF, bureau_view
from buurtbaan.residents import lookup


@bureau_view(read=STAFF)
def resident_lookup(request):
    """`?field=<name>&<name>_q=<words>&<name>=<chosen pk>`: the chosen resident (when the member
    may see them) and the ones found, at most `lookup.LIMIT`. One read entry per answer.
    `everyone=1` and `exclude=<pk>` (repeated) as the form's `setup_resident_lookup` gave them."""
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    name = request.GET.get("field") or "resident"
    if not lookup.is_field_name(name):
        return HttpResponseBadRequest()
    visible = lookup.choosable_residents(
        request,
        everyone=request.GET.get("everyone") == "1",
        exclude=request.GET.getlist("exclude"),
    )
    term = request.GET.get(f"{name}_q", "")
    chosen_pk = request.GET.get(name, "")
    chosen = visible.filter(pk=chosen_pk).first() if chosen_pk.isdigit() else None
    options = lookup.lookup_options(lookup.find_residents(visible, term), chosen)
    log_list_view(request, options, page="resident lookup")
    results = lookup.results_context(
        name=name,
        html_id=f"id_{name}",
        options=options,
        value=chosen_pk,
        has_searched=bool(term.strip()),
        term=term.strip(),
    )
    return render(request, "residents/widgets/_resident_lookup_results.html", {"results": results})
