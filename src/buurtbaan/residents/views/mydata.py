"""The resident's own pages ("Mijn gegevens"): everything the bureau holds about them except the
coach-only sensitive notes, corrections, their consent, downloads (JSON, a print page and a PDF,
each audited) and asking for erasure.

Residents only, and only their own record: the URLs carry no resident id (see
`permissions.get_own_resident`); staff get 404 here. A resident whose account has no record in the
bureau sees a friendly explanation instead.
"""

import functools
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import bureau_view
from buurtbaan.core import locking
from buurtbaan.core.forms import add_action_error
from buurtbaan.residents import access, actions, activity, export, queries
from buurtbaan.residents.forms import OWN_SECTION_FORMS, ErasureRequestForm, OwnConsentForm
from buurtbaan.residents.models import ConsentScope, ErasureStatus
from buurtbaan.residents.permissions import get_own_resident
from buurtbaan.residents.views import posted

#: Lines of the activity log shown on the page; its own page and the downloads hold all of them.
ACTIVITY_ON_PAGE = 10


def own_record(view):
    """For a resident's own pages: `view(request, resident, ...)` with their own record."""

    @bureau_view(read=[Role.RESIDENT], write=[Role.RESIDENT])
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        resident = get_own_resident(request)
        if resident is None:
            return render(request, "residents/mydata_missing.html")
        return view(request, resident, *args, **kwargs)

    return wrapper


def data_context(resident) -> dict:
    """What the overview page, the print page and the PDF show."""
    requests = list(resident.erasure_requests.all())
    audit_entries = queries.audit_entries_about(resident)
    for entry in audit_entries:
        entry.who = export.audit_actor(entry, resident)
    return {
        "resident": resident,
        "profile": queries.public_profile_of(resident),
        "consent_states": [(scope, resident.has_consent(scope)) for scope in ConsentScope],
        "audit_entries": audit_entries,
        "activity": activity.activity_lines(audit_entries, resident),
        "elsewhere": export.held_elsewhere(resident),
        "pending_erasure": next((r for r in requests if r.is_pending), None),
        "declined_erasure": next((r for r in requests if r.status == ErasureStatus.DECLINED), None),
        "not_included": access.SELF_SERVICE_NOT_INCLUDED,
        "intake_notes": {
            intake.pk: export.intake_notes(intake) for intake in resident.intakes.all()
        },
    }


@own_record
@require_http_methods(["GET", "HEAD"])
def mydata(request, resident):
    context = data_context(resident)
    context["activity_total"] = len(context["activity"])
    context["activity"] = context["activity"][:ACTIVITY_ON_PAGE]
    # Until they tell, the page invites them to (residents/partials/_mydata_invitation.html).
    context["has_talents"] = bool(resident.talents.all() or resident.own_talent_words.strip())
    context["has_dreams"] = bool(resident.dreams.all())
    return render(request, "residents/mydata.html", context)


@own_record
@require_http_methods(["GET", "POST"])
def mydata_update(request, resident, section):
    """Correct a part of their own record: personal details, talents and dreams, or work."""
    if section not in OWN_SECTION_FORMS:
        raise Http404
    form = OWN_SECTION_FORMS[section](posted(request), instance=resident)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                changed = actions.update_resident(
                    actor=request.user, resident=resident, **form.action_kwargs()
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            if "postcode" in changed and resident.is_outside_area:
                messages.info(request, _("Your new postcode lies outside the bureau's area."))
            return redirect("residents:mydata", bureau_slug=request.bureau.slug)
    context = {"form": form, "resident": resident, "section": section}
    return render(request, "residents/mydata_update.html", context, status=locking.status(form))


@own_record
@require_http_methods(["GET", "POST"])
def mydata_consent(request, resident):
    """The resident gives or withdraws their consent themself, and sees its history."""
    form = OwnConsentForm(posted(request), resident=resident)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                changed = actions.set_consents(
                    actor=request.user,
                    resident=resident,
                    scopes=form.cleaned_data["scopes"],
                    note="zelf gegeven op de eigen pagina",
                )
        except locking.EditConflict as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your choices have been saved.") if changed else _("Nothing changed.")
            )
            return redirect("residents:mydata-consent", bureau_slug=request.bureau.slug)
    context = {"form": form, "resident": resident, "consents": resident.consents.all()}
    return render(request, "residents/mydata_consent.html", context, status=locking.status(form))


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@own_record
@require_http_methods(["GET", "HEAD"])
def mydata_json(request, resident):
    """All their data, machine-readable (stable keys, see `export.py`). Audited as an export."""
    context = data_context(resident)
    data = export.resident_data(
        resident, audit_entries=context["audit_entries"], elsewhere=context["elsewhere"]
    )
    data["not_included"] = str(access.SELF_SERVICE_NOT_INCLUDED)
    actions.log_export(actor=request.user, resident=resident, file_format="json")
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _attachment(response, export.export_filename(resident, "json"))


@own_record
@require_http_methods(["GET", "HEAD"])
def mydata_print(request, resident):
    """All their data as a readable page, to print or save. Audited as an export."""
    actions.log_export(actor=request.user, resident=resident, file_format="html")
    context = {**data_context(resident), "for_pdf": False}
    return render(request, "residents/mydata_print.html", context)


@own_record
@require_http_methods(["GET", "HEAD"])
def mydata_pdf(request, resident):
    """The print page as a PDF (WeasyPrint). Audited as an export."""
    pdf = export.render_pdf(data_context(resident), request=request)
    actions.log_export(actor=request.user, resident=resident, file_format="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    return _attachment(response, export.export_filename(resident, "pdf"))


@own_record
@require_http_methods(["GET", "POST"])
def mydata_erasure(request, resident):
    """Ask for erasure, after an explanation of what happens; a coordinator confirms it."""
    pending = next((r for r in resident.erasure_requests.all() if r.is_pending), None)
    form = ErasureRequestForm(posted(request))
    if pending is None and form.is_valid():
        actions.request_erasure(actor=request.user, resident=resident)
        messages.success(
            request,
            _("Your request has been sent. A coordinator of the bureau will handle it soon."),
        )
        return redirect("residents:mydata", bureau_slug=request.bureau.slug)
    context = {"form": form, "resident": resident, "pending": pending}
    return render(request, "residents/mydata_erasure.html", context)
