"""A resident's own data, for them to take away (AVG art. 15 and 20): machine-readable JSON with
stable keys, and a readable page that is also rendered to PDF by WeasyPrint.

Both come from the same record (`queries.own_resident`, everything prefetched) and hold the same
parts: everything on the record except the coach-only sensitive notes (see the docstring of
`residents.models`), plus what the other apps keep about the resident (`held_elsewhere`: matches,
board responses, help requests, introductions asked by partners, impact assignments, their
personal network and whom they help, quotes and work they asked for; each app declares its
part in its own `privacy.py`, see `privacy.registry`). Other people are never
named in it: a helper who is also in the talent bank appears without a name, and the staff of the
bureau by their name only (never an e-mail address). Choice fields are exported as their stable
values in the JSON; the page shows their labels. Keys are only ever added; a change to their
meaning raises `EXPORT_VERSION`.
"""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from buurtbaan.core.postcodes import format_postcode
from buurtbaan.privacy.registry import registry
from buurtbaan.privacy.values import when as _when
from buurtbaan.residents.models import INTAKE_STEP_KEYS, Resident
from buurtbaan.residents.queries import public_profile_of

EXPORT_FORMAT = "buurtbaan.resident-data"
EXPORT_VERSION = 1
#: Said on the page and in the JSON: what the resident does not get, and how to ask for it.
NOT_INCLUDED_NOTE = gettext_lazy(
    "Confidential notes of your coach (for example about health or debts) are not shown here "
    "and are not part of the download. Ask your coach or the bureau if you want to know about them."
)
PRINT_CSS = Path(__file__).resolve().parent / "static" / "residents" / "mydata_print.css"


def _person(user) -> str | None:
    """A member of staff as the resident reads them: their name, never their e-mail address."""
    if user is None:
        return None
    return user.get_full_name() or str(_("someone at the bureau"))


def intake_notes(intake) -> list[tuple[str, str, str]]:
    """(step key, step label, notes) of an intake in the order of the steps; empty notes left out."""
    answers = intake.answers or {}
    return [
        (key, step.label, answers[key]["notes"])
        for step, key in INTAKE_STEP_KEYS.items()
        if (answers.get(key) or {}).get("notes")
    ]


def held_elsewhere(resident: Resident) -> dict[str, list]:
    """What the other apps keep about the resident, as model instances for the page and the
    JSON alike: each app contributes its parts in its own `privacy.py` (`privacy.registry`).
    One or two queries per part, whatever the number of rows."""
    return {key: part.collect(resident) for key, part in registry.export_parts.items()}


def _elsewhere_data(elsewhere: dict[str, list]) -> dict:
    parts = registry.export_parts
    return {key: [parts[key].serialise(item) for item in items] for key, items in elsewhere.items()}


def resident_data(resident: Resident, *, audit_entries, elsewhere=None, now=None) -> dict:
    """Everything the bureau holds about the resident that they may see, as plain JSON data."""
    user = resident.user
    profile = public_profile_of(resident)
    elsewhere = held_elsewhere(resident) if elsewhere is None else elsewhere
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _when(now or timezone.now()),
        "bureau": {"name": resident.bureau.name, "slug": resident.bureau.slug},
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        }
        if user
        else None,
        "personal_details": {
            "first_name": resident.first_name,
            "last_name": resident.last_name,
            "email": resident.email,
            "phone": resident.phone,
            "street": resident.street,
            "postcode": format_postcode(resident.postcode) or resident.postcode,
            "city": resident.city,
            "date_of_birth": resident.date_of_birth.isoformat(),
            "languages": resident.language_list(),
            "lives_outside_area": resident.is_outside_area,
            "registered_at": _when(resident.created_at),
            "changed_at": _when(resident.updated_at),
            "came_in_through": resident.intake_source or None,
            "came_in_through_detail": resident.intake_source_detail,
        },
        "talents": [talent.name for talent in resident.talents.all()],
        "talents_in_own_words": resident.own_talent_word_list(),
        "skills": resident.skill_list(),
        "dreams": [dream.description for dream in resident.dreams.all()],
        "work": {
            "work_experience": resident.work_experience,
            "education": resident.education,
            "looking_for": resident.wants,
            "hours_per_week": resident.hours_per_week,
            "available_days": list(resident.available_days or []),
            "travel": resident.travel,
            "income_situation": resident.income_situation or None,
        },
        "coach": _person(resident.coach),
        "stage": resident.stage,
        "barriers": [
            {
                "level": barrier.level,
                "description": barrier.description,
                "support_needed": barrier.support_needed,
                "is_resolved": barrier.is_resolved,
                "resolved_at": _when(barrier.resolved_at),
                "recorded_at": _when(barrier.created_at),
            }
            for barrier in resident.barriers.all()
        ],
        "consents": [
            {
                "shared_with": consent.scope,
                "given_at": _when(consent.given_at),
                "withdrawn_at": _when(consent.withdrawn_at),
                "is_active": consent.is_active,
                "how_it_was_given": consent.note,
            }
            for consent in resident.consents.all()
        ],
        "intakes": [
            {
                "started_at": _when(intake.started_at),
                "completed_at": _when(intake.completed_at),
                "conducted_by": _person(intake.coach),
                "decision": intake.decision or None,
                "referred_to": intake.referred_to,
                "explanation": intake.decision_note,
                "notes": {key: notes for key, _label, notes in intake_notes(intake)},
            }
            for intake in resident.intakes.all()
        ],
        "public_profile": {
            "is_shown": profile.is_enabled,
            "display_name": profile.display_name,
            "what_i_do": profile.what_i_do,
            "what_i_offer": profile.what_i_offer,
            "about": profile.about,
            "show_talents": profile.show_talents,
            "picture": profile.picture or None,
            "has_photo": bool(profile.photo),
        }
        if profile
        else None,
        "erasure_requests": [
            {
                "requested_at": _when(request.requested_at),
                "status": request.status,
                "decided_at": _when(request.decided_at),
                "reason_declined": request.decline_reason,
            }
            for request in resident.erasure_requests.all()
        ],
        "audit_log": _audit_log(resident, audit_entries),
        **_elsewhere_data(elsewhere),
        "not_included": str(NOT_INCLUDED_NOTE),
    }


def _audit_log(resident: Resident, audit_entries) -> list[dict]:
    """The audit entries as stored (`action`, `record`, `fields`), each with the same in the
    resident's words beside it (`audit.describe`): the keys stay, the words are added."""
    from buurtbaan.audit.describe import Viewer, describe_entries

    entries = list(audit_entries)
    described = describe_entries(entries, viewer=Viewer(resident=resident))
    return [
        {
            "at": _when(entry.at),
            "who": audit_actor(entry, resident),
            "action": entry.action,
            "record": entry.object_label,
            "fields": list(entry.fields or []),
            "action_in_words": words.action,
            "record_in_words": words.record.words if words.record else words.shown_words,
            "fields_in_words": words.fields,
            "page_in_words": words.page,
        }
        for entry, words in zip(entries, described, strict=True)
    ]


def audit_actor(entry, resident: Resident) -> str:
    """Who an audit entry names, as the resident reads it: "you", a person of the bureau by
    their name, or what the log says when nobody was logged in; never an e-mail address."""
    if entry.actor_id is not None and entry.actor_id == resident.user_id:
        return str(_("you"))
    if entry.actor is not None:
        return _person(entry.actor)
    if entry.actor_label == "anoniem":
        return str(_("nobody logged in (for example the sign-up form)"))
    if "@" in entry.actor_label:
        return str(_("someone at the bureau"))
    return entry.actor_label


def export_filename(resident: Resident, extension: str) -> str:
    """E.g. mijn-gegevens-spijkerkwartier-2026-01-31.json: no name in it (shared computers)."""
    day = timezone.localdate().isoformat()
    return f"{slugify(_('my data'))}-{resident.bureau.slug}-{day}.{extension}"


def render_pdf(context: dict, *, request=None) -> bytes:
    html = render_to_string(
        "residents/mydata_print.html", {**context, "for_pdf": True}, request=request
    )
    # Nothing is fetched from outside: the template carries everything it needs.
    fetcher = URLFetcher(allowed_protocols=["data"])
    document = HTML(string=html, url_fetcher=fetcher, base_url=str(PRINT_CSS.parent))
    return document.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)])
