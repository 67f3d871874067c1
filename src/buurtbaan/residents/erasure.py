"""Anonymising a resident (AVG art. 17, the right to erasure), called by
`actions.confirm_erasure` inside its transaction. Nothing here checks permissions or writes the
audit entry: the action does.

The row of the resident stays, so every figure that counts residents, stages, talents (the M2M
links are kept), intake decisions, outcomes of impact assignments, hours of work and matches stays
right; they all point at the anonymised row. What goes:

- on the resident: name (first name becomes `ANONYMISED_NAME`), e-mail, phone, street, the letters
  of the postcode (the PC4 stays for area statistics), the day and month of birth (the year stays:
  stored as 1 July, so an age computed from it is off by at most half a year), languages, skills,
  talents in their own words, work experience, education, income situation and the detail of how
  they came in. Kept: town, stage, coach, wants, hours, days, travel, how they came in (a choice),
  the outside-area flag and the dates;
- dreams and sensitive notes are deleted; barriers keep their level and resolution but lose their
  texts; intakes keep dates, steps and decision but lose the notes, referral and explanation;
  consents are withdrawn and lose their notes; the public profile is deleted and its photo file
  removed from storage (after the commit); the search index document is deleted;
- in other apps (each app's erasure part, declared in its own `privacy.py` and collected through
  `privacy.registry`, so a new app adds its part without changing this module;
  `buurtbaan privacy_coverage` fails when an app that refers to residents declares nothing):
  responses on the bulletin board linked to the resident or their account (in this
  bureau) lose name, e-mail, phone, message, the bureau's note and the address hash; the
  resident's own personal network (`PersonalRelation`) keeps kind and hours but loses names and
  what they help with; help requests linked to the resident lose the description of the person,
  the reason of their status and the letters of the postcode; impact outcomes lose their note;
  matches keep status, score and dates but lose their reasons, support, notes and the reasons of
  their steps (they quote the resident's own words), and active ones are stopped so they free
  their place (`matching.actions`); the employer pool's introduction requests
  lose what partners wrote and the replies, open ones are declined (`pool.actions`); the search
  index document is deleted (`talentsearch`);
- the account (when the resident has no role in another bureau): e-mail and name scrubbed, password
  unusable, deactivated, its stored sessions deleted (so existing sessions end and logging in is
  impossible), memberships deactivated; django-axes' login records for the old address deleted;
  the admin's change log entries about the account, its memberships and the resident renamed.

The audit log: entries are otherwise never changed, but their `actor_label` holds the actor's
e-mail address. For the erased account it is replaced by a pseudonym (`erased_actor_label`). The
trade-off: the log still shows that one and the same (erased) person did these things, and which
records they touched, but no longer who they were; an auditor who needs the identity for a past
incident must find it outside the application (e.g. a backup within its retention period). When
the account lives on for a role in another bureau, its entries in this bureau get a pseudonym
named after the resident record (`erased_resident_label`, not the account's number) and lose
their link to the account, so they do not lead back to the person.

Not touched, by design: quotes and work items the resident asked for keep their references and
texts (bookkeeping duties; a coordinator who sees such a duty declines the request with a reason),
and entries of the audit log keep their object references ("resident #12"), which hold no
personal data.
"""

from __future__ import annotations

import datetime
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from buurtbaan.audit.models import AuditEntry
from buurtbaan.bureaus.models import Membership
from buurtbaan.core.postcodes import normalise_postcode
from buurtbaan.privacy.registry import registry
from buurtbaan.residents.models import PublicProfile, Resident

#: The first name an anonymised resident gets (data, like the talent names: not translated).
ANONYMISED_NAME = "Geanonimiseerd"
#: Day and month of birth of an anonymised resident: the middle of the year they were born in.
ANONYMISED_BIRTHDAY = (7, 1)
#: E-mail domain of erased accounts: `.invalid` can never receive mail (RFC 2606).
ERASED_EMAIL_DOMAIN = "buurtbaan.invalid"

#: Resident fields that are blanked.
BLANKED_FIELDS = (
    "last_name",
    "email",
    "phone",
    "street",
    "languages",
    "work_experience",
    "education",
    "own_talent_words",
    "skills",
    "income_situation",
    "intake_source_detail",
)


def erased_actor_label(user_pk: int) -> str:
    """The pseudonym that replaces an erased account's e-mail in the audit log."""
    return f"geanonimiseerd account #{user_pk}"


def erased_resident_label(resident_pk: int) -> str:
    """The pseudonym for the entries of an account that lives on elsewhere: named after the
    anonymised record, so it does not lead back to the account."""
    return f"geanonimiseerde bewoner #{resident_pk}"


def anonymise_resident(*, resident: Resident, actor, now: datetime.datetime) -> list[str]:
    """Remove the resident's personal data as described in the module docstring.

    Runs inside the caller's transaction. Returns the names of the parts that were erased, for the
    audit entry (names only, never values).
    """
    assert transaction.get_connection().in_atomic_block, "call inside a transaction"
    user = resident.user
    parts = ["resident"]
    _anonymise_record(resident, now)
    parts += _erase_related(resident, actor, now)
    parts += _erase_in_other_apps(resident, user)
    if user is not None:
        parts += _erase_account(resident, user)
    _rename_admin_log(Resident, [resident.pk], str(resident))
    return parts


def _anonymise_record(resident: Resident, now) -> None:
    resident.first_name = ANONYMISED_NAME
    for name in BLANKED_FIELDS:
        setattr(resident, name, "")
    resident.postcode = normalise_postcode(resident.postcode)[:4] or ""
    month, day = ANONYMISED_BIRTHDAY
    resident.date_of_birth = datetime.date(resident.date_of_birth.year, month, day)
    resident.is_anonymised = True
    resident.anonymised_at = now
    resident.save(
        update_fields=[
            "first_name",
            *BLANKED_FIELDS,
            "postcode",
            "date_of_birth",
            "is_anonymised",
            "anonymised_at",
            "updated_at",
        ]
    )


def _erase_related(resident: Resident, actor, now) -> list[str]:
    actor = actor if getattr(actor, "is_authenticated", False) else None
    resident.dreams.all().delete()
    resident.sensitive_notes.all().delete()
    resident.barriers.update(description="", support_needed="")
    resident.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now, withdrawn_by=actor)
    resident.consents.update(note="")
    resident.intakes.update(answers={}, referred_to="", decision_note="")
    profile = getattr(resident, "public_profile", None) if _has_profile(resident) else None
    if profile is not None:
        if profile.photo:
            storage, name = profile.photo.storage, profile.photo.name
            transaction.on_commit(lambda: storage.delete(name))
        profile.delete()
    for cache in ("dreams", "barriers", "consents", "intakes", "sensitive_notes"):
        getattr(resident, "_prefetched_objects_cache", {}).pop(cache, None)
    return [
        "dreams",
        "sensitive_notes",
        "barriers",
        "consents",
        "intakes",
        *(["public_profile"] if profile is not None else []),
    ]


def _has_profile(resident: Resident) -> bool:
    try:
        resident.public_profile  # noqa: B018 (a lookup that may raise)
    except PublicProfile.DoesNotExist:
        return False
    return True


def _erase_in_other_apps(resident: Resident, user) -> list[str]:
    """Personal data about the resident that other apps keep next to a reference to them: each
    app's erasure part, declared in its own `privacy.py` (`privacy.registry`)."""
    return [name for name, part in registry.erasure_parts.items() if part.erase(resident, user)]


def _erase_account(resident: Resident, user) -> list[str]:
    other_roles = Membership.objects.filter(user=user).exclude(bureau=resident.bureau)
    if other_roles.exists():
        # The account is also used for a role elsewhere: keep it, but end its role here and cut
        # the link, so the anonymised record no longer points at an identifiable account.
        memberships = Membership.objects.filter(user=user, bureau=resident.bureau)
        memberships.update(is_active=False)
        label = erased_resident_label(resident.pk)
        AuditEntry.objects.filter(actor=user, bureau=resident.bureau).update(
            actor=None, actor_label=label
        )
        _rename_admin_log(Membership, memberships.values_list("pk", flat=True), label)
        resident.user = None
        resident.save(update_fields=["user"])
        return ["membership", "audit_actor_label"]

    old_email = user.email
    user.email = f"geanonimiseerd-{user.pk}@{ERASED_EMAIL_DOMAIN}"
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "first_name", "last_name", "is_active", "password"])
    memberships = Membership.objects.filter(user=user)
    memberships.update(is_active=False)
    label = erased_actor_label(user.pk)
    AuditEntry.objects.filter(Q(actor=user) | Q(actor_label__iexact=old_email)).update(
        actor_label=label
    )
    for name in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        app_label, model_name = name.split(".")
        if apps.is_installed(app_label):
            model = apps.get_model(app_label, model_name)
            model.objects.filter(username__iexact=old_email).delete()
    _end_sessions(user.pk)
    _rename_admin_log(type(user), [user.pk], label)
    _rename_admin_log(Membership, memberships.values_list("pk", flat=True), label)
    return ["account", "memberships", "audit_actor_label", "login_records", "sessions"]


def _end_sessions(user_pk: int) -> None:
    """Delete the stored sessions of the account. The unusable password already ends them (the
    session hash no longer matches); this removes the rows too. Sessions kept only in a cache or
    a cookie cannot be listed, and end by the password change alone."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return
    model, store = store_class.get_model_class(), store_class()
    theirs = [
        session.session_key
        for session in model.objects.iterator()
        if store.decode(session.session_data).get(SESSION_KEY) == str(user_pk)
    ]
    model.objects.filter(session_key__in=theirs).delete()


def _rename_admin_log(model, pks, label: str) -> None:
    """The admin's change log keeps a copy of the object's name (`object_repr`)."""
    content_type = ContentType.objects.get_for_model(model)
    LogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in pks]
    ).update(object_repr=label[:200])
