from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_record_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import SAFE_METHODS, STAFF, bureau_view
from buurtbaan.core import locking
from buurtbaan.core.forms import add_action_error
from buurtbaan.organisations import actions, queries
from buurtbaan.organisations.forms import (
    PARTNER_FIELDS,
    STAFF_FIELDS,
    OrganisationFilterForm,
    OrganisationForm,
    PersonalRelationForm,
)
from buurtbaan.residents.permissions import get_resident_for_user

STAFF_AND_PARTNERS = [*STAFF, Role.PARTNER]


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


@bureau_view(read=STAFF_AND_PARTNERS)
def organisation_list(request):
    """The bureau's network of organisations; a partner sees only their own organisation."""
    form = OrganisationFilterForm(request.GET or None)
    organisations = queries.organisations_for(request.membership)
    if form.is_valid():
        organisations = queries.filter_organisations(organisations, form.cleaned_data)
    else:
        organisations = queries.filter_organisations(organisations, {})
    page = Paginator(organisations, 25).get_page(request.GET.get("page"))
    template = (
        "organisations/partials/_organisation_table.html"
        if _is_htmx(request)
        else "organisations/organisation_list.html"
    )
    return render(request, template, {"form": form, "page": page})


@bureau_view(read=STAFF_AND_PARTNERS, write=STAFF_AND_PARTNERS)
def organisation_detail(request, pk):
    organisation = get_object_or_404(queries.organisation_for_detail(request.membership), pk=pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    context = {
        "organisation": organisation,
        "pieces": queries.carried_pieces(organisation),
    }
    return render(request, "organisations/organisation_detail.html", context)


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if form.is_valid():
        try:
            organisation = actions.create_organisation(
                actor=request.user, bureau=request.bureau, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": organisation})
            return redirect(organisation)
    return render(request, "organisations/organisation_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF_AND_PARTNERS, write=STAFF_AND_PARTNERS)
def organisation_update(request, pk):
    """Staff edit every detail; a partner edits their own organisation's contact details and
    what it offers and needs."""
    organisation = get_object_or_404(queries.organisation_for_detail(request.membership), pk=pk)
    fields = STAFF_FIELDS if request.membership.is_staff_member else PARTNER_FIELDS
    form = OrganisationForm(request.POST or None, instance=organisation, fields=fields)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_organisation(
                    actor=request.user, organisation=organisation, changes=form.changes()
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The details have been saved."))
            return redirect(organisation)
    context = {"form": form, "organisation": organisation}
    return render(
        request, "organisations/organisation_update.html", context, status=locking.status(form)
    )


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def relation_list(request, resident_pk):
    """A resident's personal network (scale level 2), with a form to add a helper."""
    resident = get_resident_for_user(request, resident_pk, write=True)
    form = PersonalRelationForm(request.POST or None, resident=resident, request=request)
    if form.is_valid():
        try:
            actions.add_personal_relation(
                actor=request.user, resident=resident, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The helper has been added."))
            return redirect("organisations:relation-list", request.bureau.slug, resident.pk)
    log_record_view(request, resident, page="personal network", fields=["network"])
    relations = queries.network_of(resident)
    context = {"resident": resident, "relations": relations, "form": form}
    return render(request, "organisations/relation_list.html", context)


def _relation(request, resident_pk, pk):
    resident = get_resident_for_user(request, resident_pk, write=True)
    relation = get_object_or_404(queries.network_of(resident), pk=pk)
    return resident, relation


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=STAFF)
def relation_update(request, resident_pk, pk):
    resident, relation = _relation(request, resident_pk, pk)
    form = PersonalRelationForm(
        request.POST or None, instance=relation, resident=resident, request=request
    )
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_personal_relation(
                    actor=request.user, relation=relation, changes=form.changes()
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The helper has been saved."))
            return redirect("organisations:relation-list", request.bureau.slug, resident.pk)
    log_record_view(request, resident, page=f"personal relation #{relation.pk}", fields=["network"])
    context = {"resident": resident, "relation": relation, "form": form}
    return render(
        request, "organisations/relation_update.html", context, status=locking.status(form)
    )


@bureau_view(read=STAFF, write=STAFF)
def relation_delete(request, resident_pk, pk):
    resident, relation = _relation(request, resident_pk, pk)
    if request.method != "POST":  # after the lookup, so another bureau's relation stays a 404
        return HttpResponseNotAllowed(["POST"])
    actions.remove_personal_relation(actor=request.user, relation=relation)
    messages.success(request, _("The helper has been removed from the network."))
    return redirect("organisations:relation-list", request.bureau.slug, resident.pk)
