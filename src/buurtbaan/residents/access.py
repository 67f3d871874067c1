"""The right of access (AVG art. 15): what a released access request (inzageverzoek) gives the
resident, on top of the self-service export of `export.py`.

The self-service export leaves out the coach-only sensitive notes and the audit entries about them
(see `residents.models`). A formal access request, reviewed and released by a coordinator
(`actions.release_access`), gives the resident those as well: the whole file, as JSON and as a
readable page / PDF, in the same shape as the self-service export plus

- `access_request`: when it was received, released and by whom (a name, never an e-mail address);
- `sensitive_notes`: every sensitive note written up to the moment of release;
- `audit_log`: every audit entry about the resident, *including* the reads of sensitive notes up to
  the moment of release.

What stays out is other people's data (AVG art. 15(4)): names of other residents of the bureau are
taken out of the note texts (`withhold_other_people`), staff are named by their name only, and the
parts from other apps are those of the self-service export, which already name nobody else. The
sensitive part is frozen at release: a note written after it is not in this download (the coordinator
has not reviewed it), so the resident files a new request for it.
"""

from __future__ import annotations

import re

from django.db.models import Case, IntegerField, Q, Value, When
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from buurtbaan.residents import export, queries
from buurtbaan.residents.activity import activity_lines
from buurtbaan.residents.models import AccessRequest, AccessStatus, Resident, SensitiveNote

#: The self-service pages and downloads say this about what they leave out, and how to get it.
SELF_SERVICE_NOT_INCLUDED = gettext_lazy(
    "Confidential notes of your coach (for example about health or debts), and who read them, are "
    "not shown here and are not part of this download. You get them with an access request: a "
    "coordinator checks it and gives you everything the bureau keeps about you within one month."
)
#: A released access request says this about what it leaves out.
ACCESS_NOT_INCLUDED = gettext_lazy(
    "This is everything the bureau keeps about you, including the confidential notes of your "
    "coach and who read them. Left out is only what is about other people: names of other "
    "residents in a note are replaced by “[another resident]”."
)
OTHER_RESIDENT = gettext_lazy("[another resident]")
#: Audit entries with this field name recorded a read of sensitive notes.
SENSITIVE_FIELD = "sensitive_notes"


def is_about_sensitive_notes(entry) -> bool:
    return entry.object_type == "residents.sensitivenote" or SENSITIVE_FIELD in (entry.fields or [])


def sensitive_audit_entries(resident: Resident, *, until=None) -> list:
    """Audit entries about the resident's sensitive notes (written, read) up to `until`: exactly
    the ones `queries.audit_entries_about` leaves out. Two queries."""
    from buurtbaan.audit.models import AuditEntry

    note_ids = [str(pk) for pk in resident.sensitive_notes.values_list("pk", flat=True)]
    about_notes = Q(object_type="residents.sensitivenote", object_id__in=note_ids)
    about_record = Q(object_type="residents.resident", object_id=str(resident.pk))
    entries = AuditEntry.objects.filter(about_notes | about_record).select_related("actor")
    if until is not None:
        entries = entries.filter(at__lte=until)
    return [entry for entry in entries if is_about_sensitive_notes(entry)]


def full_audit_entries(resident: Resident, *, until=None) -> list:
    """Every audit entry about the resident, the sensitive ones up to `until`, newest first, each
    with `who` as the resident reads it (`export.audit_actor`)."""
    entries = [
        *queries.audit_entries_about(resident),
        *sensitive_audit_entries(resident, until=until),
    ]
    entries = sorted({entry.pk: entry for entry in entries}.values(), key=lambda e: (e.at, e.pk))
    entries.reverse()
    for entry in entries:
        entry.who = export.audit_actor(entry, resident)
    return entries


def other_people_names(resident: Resident) -> list[str]:
    """Full names of the bureau's other residents ("Jan Jansen"), longest first. One query."""
    rows = (
        Resident.objects.filter(bureau_id=resident.bureau_id, is_anonymised=False)
        .exclude(pk=resident.pk)
        .values_list("first_name", "last_name")
    )
    own = f"{resident.first_name} {resident.last_name}".strip().lower()
    names = {f"{first} {last}".strip() for first, last in rows}
    return sorted((n for n in names if n and n.lower() != own), key=len, reverse=True)


def withhold_other_people(text: str, names: list[str]) -> tuple[str, int]:
    """The text with every full name in `names` replaced by "[another resident]" (whole words,
    any case, any run of spaces between the names), and how many were replaced."""
    if not names or not text:
        return text, 0
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in name.split()) for name in names)
    pattern = rf"(?<!\w)(?:{alternatives})(?!\w)"
    return re.subn(pattern, str(OTHER_RESIDENT), text, flags=re.IGNORECASE)


def released_notes(resident: Resident, *, until=None) -> list[SensitiveNote]:
    """The resident's sensitive notes up to `until`, oldest first, each with `released_text` (other
    residents' names taken out) and `withheld` (how many names). Two queries."""
    notes = SensitiveNote.objects.filter(resident=resident).select_related("author")
    if until is not None:
        notes = notes.filter(created_at__lte=until)
    notes = list(notes.order_by("created_at", "pk"))
    names = other_people_names(resident) if notes else []
    for note in notes:
        note.released_text, note.withheld = withhold_other_people(note.text, names)
        note.written_by = _name(note.author)
    return notes


def release_moment(access_request: AccessRequest):
    """Up to when the sensitive part is released: the release, or now for the review."""
    return access_request.decided_at if not access_request.is_pending else timezone.now()


def access_context(access_request: AccessRequest, resident: Resident) -> dict:
    """What the review page, the release's print page and its PDF show about the sensitive part:
    the notes and every audit entry (a `resident` loaded by `queries.resident_for_detail`)."""
    until = release_moment(access_request)
    entries = full_audit_entries(resident, until=until)
    return {
        "access_request": access_request,
        "sensitive_notes": released_notes(resident, until=until),
        "audit_entries": entries,
        "activity": activity_lines(entries, resident),
        "not_included": ACCESS_NOT_INCLUDED,
    }


def review_context(access_request: AccessRequest, resident: Resident) -> dict:
    """The coordinator's review: what the release adds to the self-service export (the notes as
    they will be released, and the audit entries about them), and the size of the rest."""
    context = access_context(access_request, resident)
    entries = context["audit_entries"]
    context["resident"] = resident
    context["sensitive_entries"] = [entry for entry in entries if is_about_sensitive_notes(entry)]
    context["other_entry_count"] = len(entries) - len(context["sensitive_entries"])
    return context


HISTORY = {
    "create": gettext_lazy("%(who)s filed or registered the request"),
    "released": gettext_lazy("%(who)s released it"),
    "declined": gettext_lazy("%(who)s declined it"),
    "export": gettext_lazy("%(who)s downloaded it (%(format)s)"),
}
FORMATS = {"json": "JSON", "afdrukken": gettext_lazy("print page"), "pdf": "PDF"}


def history(access_request: AccessRequest) -> list[tuple]:
    """(when, what) of each audit entry about the request, for the coordinator. One query."""
    from buurtbaan.audit.models import AuditEntry

    entries = AuditEntry.objects.filter(
        object_type="residents.accessrequest", object_id=str(access_request.pk)
    ).select_related("actor")
    lines = []
    for entry in entries.order_by("at", "pk"):
        who = (entry.actor.get_full_name() or entry.actor.email) if entry.actor else _("someone")
        if entry.action == "export":
            file_format = entry.note.rsplit(" ", 1)[-1]
            text = HISTORY["export"] % {"who": who, "format": FORMATS.get(file_format, "")}
        elif entry.action == "create" or entry.note in HISTORY:
            text = HISTORY["create" if entry.action == "create" else entry.note] % {"who": who}
        else:
            text = f"{who}: {entry.get_action_display()}"
        lines.append((entry.at, text))
    return lines


def requests_for_list(bureau):
    """The bureau's access requests: pending first, the one due soonest at the top."""
    return (
        AccessRequest.objects.filter(bureau=bureau)
        .select_related("resident", "decided_by")
        .annotate(
            is_open=Case(
                When(status=AccessStatus.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_open", "received_on", "-decided_at", "pk")
    )


def access_data(access_request: AccessRequest, context: dict, *, now=None) -> dict:
    """The JSON of a released request: the self-service export's keys (`export.resident_data`)
    with the full audit log, plus `access_request` and `sensitive_notes`."""
    resident = context["resident"]
    data = export.resident_data(
        resident,
        audit_entries=context["audit_entries"],
        elsewhere=context["elsewhere"],
        now=now,
    )
    data["access_request"] = {
        "received_on": access_request.received_on.isoformat(),
        "came_in": access_request.channel,
        "released_at": access_request.decided_at.isoformat() if access_request.decided_at else None,
        "released_by": _name(access_request.decided_by),
    }
    data["sensitive_notes"] = [
        {
            "about": note.category,
            "written_at": note.created_at.isoformat(),
            "written_by": note.written_by,
            "text": note.released_text,
            "names_of_others_left_out": note.withheld,
        }
        for note in context["sensitive_notes"]
    ]
    data["not_included"] = str(ACCESS_NOT_INCLUDED)
    return data


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or str(_("someone at the bureau"))


def access_filename(resident: Resident, extension: str) -> str:
    """E.g. inzage-spijkerkwartier-2026-01-31.pdf: no name in it (shared computers)."""
    day = timezone.localdate().isoformat()
    return f"{slugify(_('access'))}-{resident.bureau.slug}-{day}.{extension}"


def render_pdf(context: dict, *, request=None) -> bytes:
    html = render_to_string(
        "residents/access_print.html", {**context, "for_pdf": True}, request=request
    )
    # Nothing is fetched from outside: the template carries everything it needs.
    fetcher = URLFetcher(allowed_protocols=["data"])
    css = export.PRINT_CSS
    document = HTML(string=html, url_fetcher=fetcher, base_url=str(css.parent))
    return document.write_pdf(stylesheets=[CSS(filename=str(css), url_fetcher=fetcher)])
