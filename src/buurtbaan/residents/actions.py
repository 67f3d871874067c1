"""Writes on the talent bank. Views, the admin, commands, imports and the demo all call these
functions, so the rules (18 or older, Dutch postcodes, the outside-area flag, one active consent per
scope, one open intake) and the audit log hold whichever way a change comes in.

Permission checks are the caller's job (see `permissions.py`), except for reading sensitive
notes, which `read_sensitive_notes` checks itself because every read must be audited.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import ProtectedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.bureaus.actions import add_member
from buurtbaan.bureaus.models import Bureau, Membership, Role
from buurtbaan.bureaus.permissions import STAFF
from buurtbaan.core.phones import normalise_phone
from buurtbaan.core.plurals import counted
from buurtbaan.core.postcodes import normalise_postcode
from buurtbaan.core.spam import keyed_hash
from buurtbaan.residents import duplicates, queries
from buurtbaan.residents.models import (
    INTAKE_STEP_KEYS,
    MINIMUM_AGE,
    STANDARD_TALENTS,
    AccessChannel,
    AccessRequest,
    AccessStatus,
    Barrier,
    BarrierLevel,
    Consent,
    ConsentScope,
    Dream,
    ErasureRequest,
    ErasureStatus,
    Intake,
    IntakeDecision,
    IntakeSource,
    IntakeStep,
    ProfilePicture,
    PublicProfile,
    Resident,
    SensitiveCategory,
    SensitiveNote,
    Stage,
    Talent,
)
from buurtbaan.residents.permissions import can_read_sensitive
from buurtbaan.residents.queries import in_area_q

User = get_user_model()

#: Fields of a resident that `register_resident` and `update_resident` accept.
EDITABLE_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "email",
        "phone",
        "street",
        "postcode",
        "city",
        "date_of_birth",
        "languages",
        "work_experience",
        "education",
        "own_talent_words",
        "skills",
        "wants",
        "hours_per_week",
        "available_days",
        "travel",
        "income_situation",
        "intake_source",
        "intake_source_detail",
    }
)

#: The stage a resident moves to when an intake ends with a decision.
STAGE_AFTER_DECISION = {
    IntakeDecision.START_TRAJECTORY: Stage.ACTIVE,
    IntakeDecision.REFER: Stage.REFERRED,
    IntakeDecision.NOT_NOW: Stage.NOT_NOW,
}


# --- Rules ---------------------------------------------------------------------------------------


def adult_from(date_of_birth: datetime.date) -> datetime.date:
    """The day someone born on `date_of_birth` turns 18 (and is welcome at the bureau)."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + MINIMUM_AGE)
    except ValueError:  # born on 29 February
        return datetime.date(date_of_birth.year + MINIMUM_AGE, 3, 1)


def check_age(date_of_birth: datetime.date, *, today: datetime.date | None = None) -> None:
    """Raise a clear ValidationError unless someone born then is 18 or older today."""
    today = today or timezone.localdate()
    if date_of_birth > today:
        raise ValidationError(
            _("The date of birth lies in the future. Check the day, month and year."),
            code="future",
        )
    age = (
        today.year
        - date_of_birth.year
        - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))
    )
    if age < MINIMUM_AGE:
        welcome = adult_from(date_of_birth)
        raise ValidationError(
            _(
                "The bureau is for residents of %(minimum)s and older. Someone born on this date "
                "is %(age)s now, and is welcome from %(date)s."
            )
            % {
                "minimum": MINIMUM_AGE,
                "age": age,
                "date": date_format(welcome, "SHORT_DATE_FORMAT"),
            },
            code="too_young",
        )
    if age > 120:
        raise ValidationError(_("Check the year of birth: this person would be over 120."))


def clean_resident_postcode(value: str) -> str:
    """A resident's full postcode as "6828AB", or a ValidationError that says how to write it."""
    normalised = normalise_postcode(value)
    if len(normalised) != 6:
        raise ValidationError(
            _(
                "“%(value)s” is not a Dutch postcode. Enter four digits and two letters, e.g. 6828 AB."
            )
            % {"value": value},
            code="invalid_postcode",
        )
    return normalised


def is_outside_area(bureau: Bureau, postcode: str) -> bool:
    return not bureau.covers_postcode(postcode)


def _check_fields(fields: Iterable[str]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable through the talent bank actions: {sorted(unknown)}")


def _check_talents(bureau: Bureau, talents: Iterable[Talent]) -> list[Talent]:
    talents = list(talents)
    if any(talent.bureau_id != bureau.pk for talent in talents):
        raise ValidationError(_("A talent of another bureau cannot be given."))
    return talents


def _forget_prefetched(instance, *names: str) -> None:
    cache = getattr(instance, "_prefetched_objects_cache", {})
    for name in names:
        cache.pop(name, None)


def _clean_dreams(dreams: Iterable[str]) -> list[str]:
    return [text.strip() for text in dreams if text and text.strip()]


# --- The resident record -------------------------------------------------------------------------


@transaction.atomic
def register_resident(
    *,
    actor,
    bureau: Bureau,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date,
    postcode: str,
    coach=None,
    talents: Iterable[Talent] = (),
    dreams: Iterable[str] = (),
    today: datetime.date | None = None,
    **fields,
) -> Resident:
    """Add a resident to the bureau's talent bank.

    Called by staff (the create page, the intake), imports and self-service registration. Refuses
    anyone under 18 and postcodes that are not Dutch (ValidationError with a clear message); a
    resident outside the bureau's postcodes is welcome and gets `is_outside_area`. Writes one
    audit entry naming the fields given.
    """
    _check_fields(fields)
    check_age(date_of_birth, today=today)
    postcode = clean_resident_postcode(postcode)
    if "phone" in fields:
        fields["phone"] = normalise_phone(fields["phone"], field="phone")
    if coach is not None:
        _check_coach(bureau, coach)
    resident = Resident.objects.create(
        bureau=bureau,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        postcode=postcode,
        is_outside_area=is_outside_area(bureau, postcode),
        coach=coach,
        **fields,
    )
    talents = _check_talents(bureau, talents)
    if talents:
        resident.talents.set(talents)
    dreams = _clean_dreams(dreams)
    Dream.objects.bulk_create(
        Dream(resident=resident, description=text, position=index)
        for index, text in enumerate(dreams)
    )
    given = ["first_name", "last_name", "date_of_birth", "postcode"]
    given += [name for name, value in fields.items() if value not in ("", None, [])]
    given += ["coach"] * (coach is not None) + ["talents"] * bool(talents)
    given += ["dreams"] * bool(dreams)
    log_event(actor=actor, action=AuditAction.CREATE, obj=resident, fields=given)
    return resident


@transaction.atomic
def update_resident(
    *,
    actor,
    resident: Resident,
    changes: dict | None = None,
    talents: Iterable[Talent] | None = None,
    dreams: Iterable[str] | None = None,
    today: datetime.date | None = None,
) -> list[str]:
    """Change a resident's record; returns the names of the fields that really changed.

    Staff who may see the profile call it (see `permissions.can_see_profile`), as do imports and
    self-service. A new postcode is validated and re-flags the outside-area; a new date of birth
    must still be 18 or older. `talents` replaces the talents; `dreams` replaces the dreams in the
    given order. One audit entry names the changed fields (never their values).
    """
    changes = dict(changes or {})
    _check_fields(changes)
    if "postcode" in changes:
        changes["postcode"] = clean_resident_postcode(changes["postcode"])
    if "phone" in changes:
        changes["phone"] = normalise_phone(changes["phone"], field="phone")
    if "date_of_birth" in changes and changes["date_of_birth"] != resident.date_of_birth:
        check_age(changes["date_of_birth"], today=today)
    for text_field in ("first_name", "last_name"):
        if text_field in changes:
            changes[text_field] = changes[text_field].strip()

    changed = [name for name, value in changes.items() if getattr(resident, name) != value]
    for name in changed:
        setattr(resident, name, changes[name])
    update_fields = list(changed)
    if "postcode" in changed:
        resident.is_outside_area = is_outside_area(resident.bureau, resident.postcode)
        update_fields.append("is_outside_area")

    if talents is not None:
        talents = _check_talents(resident.bureau, talents)
        if {t.pk for t in talents} != {t.pk for t in resident.talents.all()}:
            resident.talents.set(talents)
            _forget_prefetched(resident, "talents")
            changed.append("talents")
    if dreams is not None:
        dreams = _clean_dreams(dreams)
        if dreams != [dream.description for dream in resident.dreams.all()]:
            resident.dreams.all().delete()
            Dream.objects.bulk_create(
                Dream(resident=resident, description=text, position=index)
                for index, text in enumerate(dreams)
            )
            _forget_prefetched(resident, "dreams")
            changed.append("dreams")

    if changed:
        resident.save(update_fields=[*update_fields, "updated_at"])
        log_event(actor=actor, action=AuditAction.CHANGE, obj=resident, fields=changed)
    return changed


def _check_coach(bureau: Bureau, coach) -> None:
    is_staff = (
        Membership.objects.active().filter(bureau=bureau, user=coach, role__in=STAFF).exists()
    )
    if not is_staff:
        raise ValidationError(_("The coach must be a coach or coordinator of this bureau."))


@transaction.atomic
def assign_coach(*, actor, resident: Resident, coach) -> Resident:
    """Make `coach` (a coach or coordinator of the bureau, or None) the resident's coach.

    Coordinators call it; so does `start_intake` for a resident without a coach. The new coach
    can read the sensitive notes; the previous one no longer can.
    """
    if coach is not None:
        _check_coach(resident.bureau, coach)
    if resident.coach_id != (coach.pk if coach else None):
        resident.coach = coach
        resident.save(update_fields=["coach", "updated_at"])
        log_event(actor=actor, action=AuditAction.CHANGE, obj=resident, fields=["coach"])
    return resident


@transaction.atomic
def mark_ready_to_propose(*, actor, resident: Resident, is_ready: bool = True) -> Resident:
    """A coach or coordinator who knows the resident marks them ready to be proposed for work
    before an intake is completed (or takes the mark back). The views let only staff who may
    work with the resident call it. One of the conditions of `matching.eligibility`; the other
    conditions (consent, something to match on, …) still apply. Writes an audit entry when the
    mark changes; the matching engine's cache drops the resident through its signals."""
    if resident.is_anonymised:
        raise ValidationError(_("This resident's data was erased; they cannot be proposed."))
    if resident.is_ready_to_propose != is_ready:
        resident.is_ready_to_propose = is_ready
        resident.save(update_fields=["is_ready_to_propose", "updated_at"])
        log_event(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=resident,
            fields=["is_ready_to_propose"],
            note="marked ready to be proposed" if is_ready else "no longer marked ready",
        )
    return resident


@transaction.atomic
def change_stage(*, actor, resident: Resident, stage: Stage) -> Resident:
    """Move a resident to another stage (staff; later the trajectories app)."""
    if resident.stage != stage:
        resident.stage = Stage(stage)
        resident.save(update_fields=["stage", "updated_at"])
        log_event(
            actor=actor, action=AuditAction.CHANGE, obj=resident, fields=["stage"], note=stage
        )
    return resident


@transaction.atomic
def refresh_outside_area_flags(*, bureau: Bureau) -> int:
    """Recompute `is_outside_area` for the bureau's residents (after its area changed).

    Two UPDATE queries whatever the number of residents; returns how many flags changed.
    """
    inside = in_area_q(list(bureau.postcode_ranges.all()))
    # Erased records keep only their PC4 and their flag as it was: the figures stay as they were.
    residents = Resident.objects.current().filter(bureau=bureau)
    now_inside = residents.filter(inside, is_outside_area=True).update(is_outside_area=False)
    now_outside = (
        residents.exclude(inside).filter(is_outside_area=False).update(is_outside_area=True)
    )
    return now_inside + now_outside


# --- Talents -------------------------------------------------------------------------------------


def ensure_standard_talents(*, bureau: Bureau) -> None:
    """Give a bureau the standard talent verbs it does not have yet (new bureaus, the demo)."""
    existing = {
        name.lower() for name in Talent.objects.filter(bureau=bureau).values_list("name", flat=True)
    }
    Talent.objects.bulk_create(
        Talent(bureau=bureau, name=name, is_standard=True)
        for name in STANDARD_TALENTS
        if name not in existing
    )


def _check_talent_name(bureau: Bureau, name: str, *, exclude_pk=None) -> str:
    name = " ".join(name.split()).lower()
    if not name:
        raise ValidationError(_("Enter the talent, e.g. connecting."))
    clash = Talent.objects.filter(bureau=bureau, name__iexact=name).exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            _("“%(name)s” is already in the list of talents.") % {"name": name}, code="duplicate"
        )
    return name


@transaction.atomic
def add_talent_to_vocabulary(*, actor, bureau: Bureau, name: str, description: str = "") -> Talent:
    """Add a talent verb to the bureau's vocabulary. Coordinators only.

    Names are stored in lower case; a name the bureau already has (in any case) is refused."""
    talent = Talent.objects.create(
        bureau=bureau, name=_check_talent_name(bureau, name), description=description.strip()
    )
    log_event(actor=actor, action=AuditAction.CREATE, bureau=bureau, obj=talent, fields=["name"])
    return talent


@transaction.atomic
def update_talent(*, actor, talent: Talent, changes: dict) -> Talent:
    """Rename, describe or retire (`is_active`) a talent. Coordinators only.

    A retired talent stays on the residents who have it but is no longer offered."""
    changes = {k: v for k, v in changes.items() if k in ("name", "description", "is_active")}
    if "name" in changes:
        changes["name"] = _check_talent_name(talent.bureau, changes["name"], exclude_pk=talent.pk)
    changed = [name for name, value in changes.items() if getattr(talent, name) != value]
    for name in changed:
        setattr(talent, name, changes[name])
    if changed:
        talent.save(update_fields=changed)
        log_event(actor=actor, action=AuditAction.CHANGE, obj=talent, fields=changed)
    return talent


# --- Barriers ------------------------------------------------------------------------------------


@transaction.atomic
def add_barrier(
    *,
    actor,
    resident: Resident,
    level: BarrierLevel,
    description: str,
    support_needed: str = "",
) -> Barrier:
    """Record a barrier on one of the three levels, with the support needed. Staff."""
    if not description.strip():
        raise ValidationError(_("Describe what holds the resident back."))
    barrier = Barrier.objects.create(
        resident=resident,
        level=BarrierLevel(level),
        description=description.strip(),
        support_needed=support_needed.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _forget_prefetched(resident, "barriers")
    log_event(
        actor=actor,
        action=AuditAction.CREATE,
        bureau=resident.bureau,
        obj=barrier,
        fields=["level", "description", "support_needed"],
    )
    return barrier


@transaction.atomic
def resolve_barrier(*, actor, barrier: Barrier, is_resolved: bool = True) -> Barrier:
    """Mark a barrier as resolved (or open again). Staff."""
    if barrier.is_resolved != is_resolved:
        barrier.is_resolved = is_resolved
        barrier.resolved_at = timezone.now() if is_resolved else None
        barrier.save(update_fields=["is_resolved", "resolved_at"])
        log_event(
            actor=actor,
            action=AuditAction.CHANGE,
            bureau=barrier.resident.bureau,
            obj=barrier,
            fields=["is_resolved"],
        )
    return barrier


# --- Consent -------------------------------------------------------------------------------------


@transaction.atomic
def record_consent(
    *, actor, resident: Resident, scope: ConsentScope, note: str = "", at=None
) -> Consent:
    """Record that the resident agrees to share with `scope`. Staff, or the resident themself.

    Giving a consent that is already active changes nothing and returns the active one."""
    active = resident.consents.filter(scope=scope, withdrawn_at__isnull=True).first()
    if active:
        return active
    consent = Consent.objects.create(
        resident=resident,
        scope=ConsentScope(scope),
        given_at=at or timezone.now(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note.strip(),
    )
    _forget_prefetched(resident, "consents")
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=resident,
        fields=[f"consent.{scope}"],
        note="consent given",
    )
    return consent


@transaction.atomic
def withdraw_consent(*, actor, resident: Resident, scope: ConsentScope, at=None) -> Consent | None:
    """Withdraw the resident's consent for `scope` (kept as history). Staff, or the resident.

    From then on everything that shows data for that scope must leave the resident out."""
    active = resident.consents.filter(scope=scope, withdrawn_at__isnull=True).first()
    if active is None:
        return None
    active.withdrawn_at = at or timezone.now()
    active.withdrawn_by = actor if getattr(actor, "is_authenticated", False) else None
    active.save(update_fields=["withdrawn_at", "withdrawn_by"])
    _forget_prefetched(resident, "consents")
    if scope == ConsentScope.PUBLIC_PROFILE:
        # Hidden at once (the public queries check the consent too), and not shown again by
        # itself when consent is given later: the resident switches it on again.
        PublicProfile.objects.filter(resident=resident).update(is_enabled=False)
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=resident,
        fields=[f"consent.{scope}"],
        note="consent withdrawn",
    )
    return active


@transaction.atomic
def set_consents(
    *, actor, resident: Resident, scopes: Iterable[ConsentScope], note: str = ""
) -> list[str]:
    """Make the active consents exactly `scopes`: give the new ones, withdraw the others.

    Returns the scopes that changed."""
    wanted = {ConsentScope(scope) for scope in scopes}
    active = set(
        resident.consents.filter(withdrawn_at__isnull=True).values_list("scope", flat=True)
    )
    changed = []
    for scope in ConsentScope:
        if scope in wanted and scope not in active:
            record_consent(actor=actor, resident=resident, scope=scope, note=note)
            changed.append(scope.value)
        elif scope not in wanted and scope in active:
            withdraw_consent(actor=actor, resident=resident, scope=scope)
            changed.append(scope.value)
    return changed


# --- Intake --------------------------------------------------------------------------------------


@transaction.atomic
def start_intake(*, actor, resident: Resident) -> Intake:
    """Start the intake conversation, or return the one already open. Staff.

    A resident without a coach gets the person who starts the intake as coach; a resident who was
    registered, not now or referred moves to the intake stage.
    """
    intake = resident.intakes.filter(completed_at__isnull=True).first()
    if intake is not None:
        return intake
    intake = Intake.objects.create(resident=resident, coach=actor, started_at=timezone.now())
    _forget_prefetched(resident, "intakes")
    if resident.coach_id is None:
        is_staff = Membership.objects.active().filter(
            bureau=resident.bureau, user=actor, role__in=STAFF
        )
        if is_staff.exists():
            assign_coach(actor=actor, resident=resident, coach=actor)
    if resident.stage in (Stage.REGISTERED, Stage.NOT_NOW, Stage.REFERRED):
        change_stage(actor=actor, resident=resident, stage=Stage.INTAKE)
    log_event(actor=actor, action=AuditAction.CREATE, bureau=resident.bureau, obj=intake)
    return intake


def _check_open_step(intake: Intake, step: int) -> IntakeStep:
    if intake.is_completed:
        raise ValidationError(_("This intake has been completed; it can no longer be changed."))
    step = IntakeStep(step)
    if step > intake.step_reached:
        raise ValidationError(_("Fill in the earlier steps of the intake first."))
    return step


@transaction.atomic
def save_intake_step(
    *,
    actor,
    intake: Intake,
    step: int,
    notes: str = "",
    changes: dict | None = None,
    talents: Iterable[Talent] | None = None,
    dreams: Iterable[str] | None = None,
    consent_scopes: Iterable[ConsentScope] | None = None,
    consent_note: str = "",
    barrier: dict | None = None,
    sensitive_note: dict | None = None,
) -> Intake:
    """Save one step of an open intake (steps 1–5; step 6 is `complete_intake`).

    Applies what the step changed to the resident's record (through `update_resident`,
    `set_consents`, `add_barrier` and `add_sensitive_note`), keeps the coach's notes of the step in
    `answers`, and moves `step_reached` on so the intake resumes at the next step. A step can be
    saved again later. Staff who may see the resident's profile; `sensitive_note` only for someone
    who may read them (the caller checks).
    """
    step = _check_open_step(intake, step)
    if step == IntakeStep.DECISION:
        raise ValidationError(_("The last step is saved by completing the intake."))
    resident = intake.resident
    if changes or talents is not None or dreams is not None:
        update_resident(
            actor=actor, resident=resident, changes=changes, talents=talents, dreams=dreams
        )
    if consent_scopes is not None:
        set_consents(actor=actor, resident=resident, scopes=consent_scopes, note=consent_note)
    if barrier:
        add_barrier(actor=actor, resident=resident, **barrier)
    if sensitive_note:
        add_sensitive_note(actor=actor, resident=resident, **sensitive_note)
    key = INTAKE_STEP_KEYS[step]
    intake.answers = {
        **(intake.answers or {}),
        key: {"notes": notes.strip(), "saved_at": timezone.now().isoformat()},
    }
    intake.step_reached = max(intake.step_reached, step + 1)
    intake.save(update_fields=["answers", "step_reached", "updated_at"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        bureau=resident.bureau,
        obj=intake,
        fields=[f"step.{key}"],
    )
    return intake


@transaction.atomic
def complete_intake(
    *,
    actor,
    intake: Intake,
    decision: IntakeDecision,
    referred_to: str = "",
    decision_note: str = "",
    notes: str = "",
) -> Intake:
    """End the intake with a decision: start a trajectory, refer elsewhere (to whom) or not now.

    Staff. Moves the resident to the matching stage (active, referred, not now). Referring needs
    `referred_to`. A completed intake cannot be changed; a new one can be started later.
    """
    _check_open_step(intake, IntakeStep.DECISION)
    decision = IntakeDecision(decision)
    if decision == IntakeDecision.REFER and not referred_to.strip():
        raise ValidationError(
            {"referred_to": _("Say to whom the resident is referred, e.g. the Sociaal Wijkteam.")}
        )
    now = timezone.now()
    intake.decision = decision
    intake.referred_to = referred_to.strip() if decision == IntakeDecision.REFER else ""
    intake.decision_note = decision_note.strip()
    intake.answers = {
        **(intake.answers or {}),
        INTAKE_STEP_KEYS[IntakeStep.DECISION]: {
            "notes": notes.strip(),
            "saved_at": now.isoformat(),
        },
    }
    intake.completed_at = now
    intake.step_reached = IntakeStep.DECISION
    intake.save(
        update_fields=[
            "decision",
            "referred_to",
            "decision_note",
            "answers",
            "completed_at",
            "step_reached",
            "updated_at",
        ]
    )
    change_stage(actor=actor, resident=intake.resident, stage=STAGE_AFTER_DECISION[decision])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        bureau=intake.resident.bureau,
        obj=intake,
        fields=["decision", "completed_at"],
        note=decision.value,
    )
    return intake


# --- Sensitive notes -----------------------------------------------------------------------------


@transaction.atomic
def add_sensitive_note(
    *, actor, resident: Resident, category: SensitiveCategory, text: str
) -> SensitiveNote:
    """Write a sensitive note (health, debts, referral to specialist care).

    Only the assigned coach and coordinators (the caller checks with `can_read_sensitive`)."""
    if not text.strip():
        raise ValidationError(_("Write the note."))
    note = SensitiveNote.objects.create(
        resident=resident,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        category=SensitiveCategory(category),
        text=text.strip(),
    )
    log_event(
        actor=actor,
        action=AuditAction.CREATE,
        bureau=resident.bureau,
        obj=note,
        fields=["category", "text"],
    )
    return note


@transaction.atomic
def read_sensitive_notes(
    *, actor, membership: Membership, resident: Resident
) -> list[SensitiveNote]:
    """The resident's sensitive notes, newest first, for the assigned coach or a coordinator.

    Raises PermissionDenied for anyone else. Every read that shows notes writes an audit entry:
    who (the actor), when (the entry's time) and what (the resident, and which notes).
    """
    if membership.user_id != actor.pk or not can_read_sensitive(membership, resident):
        raise PermissionDenied
    notes = list(resident.sensitive_notes.select_related("author"))
    if notes:
        log_event(
            actor=actor,
            action=AuditAction.VIEW,
            bureau=resident.bureau,
            obj=resident,
            fields=["sensitive_notes"],
            note="sensitive notes " + ", ".join(f"#{note.pk}" for note in notes),
        )
    return notes


# --- Self-service: registration ------------------------------------------------------------------
#
# A resident who registers on the public site gets an account that is **inactive** until they
# confirm their e-mail address: Django's login refuses inactive accounts, so nobody can log in with
# an address they do not own. Their `Membership` (role resident) and `Resident` record exist from
# the start (the membership only counts as active once the account is); the confirmation link is
# signed with the secret key and expires after `CONFIRMATION_MAX_AGE`.

#: How long a confirmation link works.
CONFIRMATION_MAX_AGE = datetime.timedelta(days=3)
CONFIRMATION_SALT = "buurtbaan.residents.confirm-email"


class RegistrationOutcome(enum.StrEnum):
    """What `register_self` did. The visitor is told the same ("check your e-mail") in every case,
    so the form does not reveal whether an address has an account."""

    REGISTERED = "registered"
    EXISTING_ACCOUNT = "existing_account"
    CONFIRMATION_RESENT = "confirmation_resent"


class TokenState(enum.StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    USED = "used"
    INVALID = "invalid"


def _email_digest(user) -> str:
    # Binds a link to the address it was sent to: after a change (or erasure) it stops working.
    return keyed_hash("residents-confirm-email", user.email.lower())[:16]


def confirmation_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": _email_digest(user)}, salt=CONFIRMATION_SALT)


def read_confirmation_token(token: str):
    """(TokenState, user or None) for a confirmation link. USED: the account is confirmed already.
    An expired link still names its user, so a new one can be sent without asking the address."""
    state = TokenState.VALID
    try:
        data = signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired:
        data, state = signing.loads(token, salt=CONFIRMATION_SALT), TokenState.EXPIRED
    except signing.BadSignature:
        return TokenState.INVALID, None
    user = User.objects.filter(pk=data.get("u") if isinstance(data, dict) else None).first()
    if user is None or _email_digest(user) != data.get("e"):
        return TokenState.INVALID, None
    if unconfirmed_resident(user) is None:
        return (TokenState.USED if user.is_active else TokenState.INVALID), user
    return state, user


def unconfirmed_resident(user) -> Resident | None:
    """The record of a self-registered resident who has not confirmed their address yet."""
    if user is None or user.is_active or user.last_login is not None:
        return None
    return Resident.objects.current().filter(user=user).select_related("bureau").first()


def _site_url(name: str, **kwargs) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def _send(template: str, *, to: str, subject: str, context: dict) -> None:
    send_mail(
        subject=subject,
        message=render_to_string(f"residents/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[to],
    )


def send_confirmation_email(*, user, bureau: Bureau) -> None:
    """Mail a self-registered resident the link that confirms their address."""
    url = _site_url(
        "residents:registration-confirm",
        bureau_slug=bureau.slug,
        token=confirmation_token(user),
    )
    _send(
        "confirm_registration",
        to=user.email,
        subject=_("Confirm your e-mail address for %(bureau)s") % {"bureau": bureau.name},
        context={
            "user": user,
            "bureau": bureau,
            "url": url,
            "days": CONFIRMATION_MAX_AGE.days,
        },
    )


def _send_existing_account_email(*, user, bureau: Bureau) -> None:
    _send(
        "existing_account",
        to=user.email,
        subject=_("You already have an account at buurtbaan"),
        context={
            "user": user,
            "bureau": bureau,
            "login_url": _site_url("accounts:login"),
            "reset_url": _site_url("accounts:password-reset"),
        },
    )


@transaction.atomic
def register_self(
    *,
    bureau: Bureau,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    date_of_birth: datetime.date,
    postcode: str,
    phone: str = "",
    consent_scopes: Iterable[ConsentScope] = (),
    today: datetime.date | None = None,
) -> tuple[RegistrationOutcome, Resident | None]:
    """A visitor registers as a resident of `bureau` on its public site. Anyone (the view guards
    against robots with a honeypot and a rate limit; the password is checked by the form).

    Creates an inactive account, a resident membership and the talent-bank record (through
    `register_resident`, so the 18+ and postcode rules and the outside-area flag are the usual
    ones), records the consents given, and mails the confirmation link. When the address already
    has an account nothing is created: an unconfirmed one gets a new link, any other a mail saying
    they already have an account. Returns what happened and the new record (or None).
    """
    email = User.objects.normalize_email(email.strip()).lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        # Hash the password anyway, so that the answer takes as long as for a new address (the
        # time taken must not tell whether an address has an account).
        make_password(password)
        pending = unconfirmed_resident(existing)
        if pending is not None:
            send_confirmation_email(user=existing, bureau=pending.bureau)
            return RegistrationOutcome.CONFIRMATION_RESENT, None
        _send_existing_account_email(user=existing, bureau=bureau)
        return RegistrationOutcome.EXISTING_ACCOUNT, None

    resident = register_resident(
        actor=None,
        bureau=bureau,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        postcode=postcode,
        email=email,
        phone=phone,
        intake_source=IntakeSource.WEBSITE,
        today=today,
    )
    membership = add_member(
        actor=None,
        bureau=bureau,
        email=email,
        role=Role.RESIDENT,
        first_name=resident.first_name,
        last_name=resident.last_name,
        password=password,
        send_invitation=False,
    )
    user = membership.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    resident.user = user
    resident.save(update_fields=["user"])
    for scope in consent_scopes:
        record_consent(
            actor=None,
            resident=resident,
            scope=scope,
            note="zelf gegeven bij de aanmelding op de website",
        )
    send_confirmation_email(user=user, bureau=bureau)
    return RegistrationOutcome.REGISTERED, resident


def resend_confirmation(*, email: str = "", user=None) -> bool:
    """Send a new confirmation link to an unconfirmed account (by address or from an expired
    link). Anyone; says nothing to the visitor either way. Returns whether a mail went out."""
    if user is None:
        user = User.objects.filter(email__iexact=email.strip()).first()
    resident = unconfirmed_resident(user)
    if resident is None:
        return False
    send_confirmation_email(user=user, bureau=resident.bureau)
    return True


@transaction.atomic
def confirm_registration(*, user) -> Resident:
    """The resident followed their confirmation link: their account becomes active (they can log
    in) and so does their membership. Raises ValidationError when there is nothing to confirm.

    When the bureau already had a record with this e-mail address (made by staff, without an
    account), the account is linked to that record instead (see `_merge_with_staff_record`).
    Returns the resident's record: the new one, or the staff's record it was merged into.
    """
    resident = unconfirmed_resident(user)
    if resident is None:
        raise ValidationError(_("This account has already been confirmed. You can log in."))
    user.is_active = True
    user.save(update_fields=["is_active"])
    log_event(
        actor=user,
        action=AuditAction.CHANGE,
        bureau=resident.bureau,
        obj=user,
        fields=["is_active"],
        note="e-mail address confirmed",
    )
    return _merge_with_staff_record(registration=resident, user=user)


#: Fields of a self-registration that may fill the same, empty, field of the staff's record.
MERGED_FIELDS = ("first_name", "last_name", "phone", "street", "city", "languages")


def _is_untouched(resident: Resident) -> bool:
    """Nobody has worked on this self-registration yet: it holds only what the sign-up form
    gave (so it can be merged away or purged without losing anyone's work)."""
    return (
        resident.coach_id is None
        and resident.stage == Stage.REGISTERED
        and not resident.talents.exists()
        and not resident.dreams.exists()
        and not resident.barriers.exists()
        and not resident.intakes.exists()
        and not resident.sensitive_notes.exists()
        and not PublicProfile.objects.filter(resident=resident).exists()
    )


def _merge_with_staff_record(*, registration: Resident, user) -> Resident:
    """A confirmed self-registration whose e-mail address, name and birth date agree with
    exactly one record of the same bureau that has no account and is not erased (staff entered
    the person before; see `residents.duplicates` for why the address alone is not enough): the account
    is linked to that record, the staff's data is kept, empty fields are filled from the
    registration, the consents given at sign-up are added, and the duplicate registration is
    deleted. The assigned coach (or, without one, the coordinators) gets an e-mail with a link,
    and the record's audit entry says what happened.

    A record whose name or birth date differ, several such records, or a registration someone
    already worked on: nothing is merged and the newcomer sees only their own sign-up; the pairs
    wait on the coordinators' page of possible duplicates, the coordinators are asked by e-mail
    to check, and the records get an audit entry. Registration
    itself never reveals any of this: it happens only after the address is confirmed.
    """
    candidates = list(
        Resident.objects.current()
        .filter(bureau_id=registration.bureau_id, user__isnull=True, email__iexact=user.email)
        .exclude(pk=registration.pk)
        .select_related("bureau", "coach")
    )
    if not candidates:
        return registration
    if (
        len(candidates) == 1
        and duplicates.is_same_person(registration, candidates[0])
        and _is_untouched(registration)
    ):
        try:
            with transaction.atomic():
                return _link_to_staff_record(registration, candidates[0], user)
        except ProtectedError:  # another app already refers to the registration
            pass
    _flag_possible_duplicates(registration, candidates, user)
    return registration


def _link_to_staff_record(registration: Resident, record: Resident, user, actor=None) -> Resident:
    """`actor`: who decided (a coordinator, see `residents.duplicates`); by default the
    resident confirming their address."""
    actor = actor or user
    filled = [
        name for name in MERGED_FIELDS if not getattr(record, name) and getattr(registration, name)
    ]
    for name in filled:
        setattr(record, name, getattr(registration, name))
    given = [
        consent
        for consent in registration.consents.filter(withdrawn_at__isnull=True)
        if not record.consents.filter(scope=consent.scope, withdrawn_at__isnull=True).exists()
    ]
    log_event(
        actor=actor,
        action=AuditAction.DELETE,
        obj=registration,
        note=f"self-registration merged into resident #{record.pk}",
    )
    registration_pk = registration.pk
    registration.delete()  # first: the account can be linked to one record only
    record.user = user
    record.save(update_fields=[*filled, "user", "updated_at"])
    Consent.objects.bulk_create(
        Consent(resident=record, scope=consent.scope, given_at=consent.given_at, note=consent.note)
        for consent in given
    )
    _forget_prefetched(record, "consents")
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=record,
        fields=["user", *filled, *(f"consent.{consent.scope}" for consent in given)],
        note=f"self-registration #{registration_pk} merged: account linked",
    )
    recipients = [record.coach.email] if record.coach_id else _coordinator_addresses(record)
    _tell_staff(
        "registration_merged",
        recipients,
        subject=_("A resident's sign-up was linked to their record"),
        context={"bureau": record.bureau, "urls": [_resident_url(record)]},
    )
    return record


def _flag_possible_duplicates(registration: Resident, candidates: list[Resident], user) -> None:
    duplicates.record_possible_duplicates(registration=registration, records=candidates)
    for resident in (registration, *candidates):
        log_event(
            actor=user,
            action=AuditAction.CHANGE,
            obj=resident,
            note="possible duplicate: same e-mail address as "
            + ", ".join(
                f"resident #{other.pk}"
                for other in (registration, *candidates)
                if other != resident
            ),
        )
    _tell_staff(
        "registration_duplicates",
        _coordinator_addresses(registration),
        subject=_("Check a sign-up: it may be the same person as a record of the bureau"),
        context={
            "bureau": registration.bureau,
            "list_url": _site_url("residents:duplicate-list", bureau_slug=registration.bureau.slug),
            "urls": [_resident_url(resident) for resident in (registration, *candidates)],
        },
    )


def _resident_url(resident: Resident) -> str:
    return _site_url("residents:resident-detail", bureau_slug=resident.bureau.slug, pk=resident.pk)


def _coordinator_addresses(resident: Resident) -> list[str]:
    addresses = list(
        Membership.objects.active()
        .filter(bureau_id=resident.bureau_id, role=Role.COORDINATOR)
        .values_list("user__email", flat=True)
    )
    return addresses or ([resident.bureau.email] if resident.bureau.email else [])


def _tell_staff(template: str, recipients: list[str], *, subject: str, context: dict) -> None:
    """An e-mail to staff, after the commit, with links only (no personal data in the mail)."""
    for address in recipients:
        transaction.on_commit(
            lambda address=address: _send(template, to=address, subject=subject, context=context)
        )


# --- Self-service: purging unconfirmed sign-ups -------------------------------------------------

#: Unconfirmed sign-ups are removed this many days after signing up (the link works 3 days).
PURGE_UNCONFIRMED_AFTER_DAYS = 14


def purgeable_registrations(
    *, days: int = PURGE_UNCONFIRMED_AFTER_DAYS, now: datetime.datetime | None = None
) -> list[Resident]:
    """Self-registrations whose address was never confirmed, made more than `days` ago, that
    nobody has worked on and whose account has no role elsewhere: what
    `purge_unconfirmed_registrations` removes. Refuses a `days` within the life of a link."""
    if days <= CONFIRMATION_MAX_AGE.days:
        raise ValueError(
            f"days must be more than {CONFIRMATION_MAX_AGE.days}: links are valid that long"
        )
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    candidates = (
        Resident.objects.current()
        .filter(
            intake_source=IntakeSource.WEBSITE,
            created_at__lt=cutoff,
            user__is_active=False,
            user__last_login__isnull=True,
            user__date_joined__lt=cutoff,
        )
        .select_related("user", "bureau")
        .order_by("bureau__slug", "pk")
    )
    return [
        resident
        for resident in candidates
        if _is_untouched(resident)
        and not Membership.objects.filter(user=resident.user)
        .exclude(bureau_id=resident.bureau_id)
        .exists()
    ]


@transaction.atomic
def purge_unconfirmed_registrations(
    *, days: int = PURGE_UNCONFIRMED_AFTER_DAYS, now: datetime.datetime | None = None
) -> dict[str, int]:
    """Delete the sign-ups of `purgeable_registrations`: the record (with its consents), the
    membership and the account, and django-axes' records of the address. Called by the
    `purge_unconfirmed_registrations` command (cron). One audit entry per bureau with the count
    only. Returns the number removed per bureau slug."""
    from buurtbaan.audit.models import AuditEntry

    removed: dict[Bureau, int] = {}
    for resident in purgeable_registrations(days=days, now=now):
        user, bureau = resident.user, resident.bureau
        try:
            with transaction.atomic():
                AuditEntry.objects.filter(actor=user).update(
                    actor_label="verwijderde onbevestigde aanmelding"
                )
                _delete_login_records(user.email)
                resident.delete()
                user.delete()
        except ProtectedError:  # another app refers to it: leave it to the bureau
            continue
        removed[bureau] = removed.get(bureau, 0) + 1
    for bureau, count in removed.items():
        log_event(
            actor=None,
            action=AuditAction.DELETE,
            bureau=bureau,
            note=f"{counted(count, 'unconfirmed self-registration')} removed after {counted(days, 'day')}",
        )
    return {bureau.slug: count for bureau, count in removed.items()}


def _delete_login_records(email: str) -> None:
    """django-axes keeps the address of (failed) logins; it goes with the account."""
    from django.apps import apps

    if not apps.is_installed("axes"):
        return
    for name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        apps.get_model("axes", name).objects.filter(username__iexact=email).delete()


# --- Self-service: the resident's own data -------------------------------------------------------


def log_export(*, actor, resident: Resident, file_format: str) -> None:
    """A resident downloaded their data (JSON, the print page or PDF): audited as an export."""
    log_event(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=resident,
        fields=["all"],
        note=f"own data as {file_format}",
    )


@transaction.atomic
def save_public_profile(
    *, actor, resident: Resident, changes: dict, photo: ContentFile | None = None
) -> PublicProfile:
    """Create or change the resident's public profile. The resident themself.

    Switching it on needs an active public-profile consent. A profile that shows a photo needs one
    (uploaded now or before); choosing another picture removes the stored photo. `photo` is the
    cleaned image from `images.clean_photo` (no metadata). One audit entry names what changed.
    """
    profile = queries.public_profile_of(resident) or PublicProfile(resident=resident)
    is_new = profile.pk is None
    fields = {"is_enabled", "display_name", "what_i_do", "what_i_offer", "about"}
    fields |= {"show_talents", "picture"}
    changes = {name: value for name, value in changes.items() if name in fields}
    if changes.get("is_enabled") and not resident.has_consent(ConsentScope.PUBLIC_PROFILE):
        raise ValidationError(
            {
                "is_enabled": _(
                    "To show your profile, first agree to a public profile on the consent page."
                )
            }
        )
    picture = changes.get("picture", profile.picture)
    if picture == ProfilePicture.PHOTO and photo is None and not profile.photo:
        raise ValidationError(
            {"photo": _("Choose a photo to upload, or pick a picture of the neighbourhood.")}
        )
    changed = [name for name, value in changes.items() if getattr(profile, name) != value]
    for name in changed:
        setattr(profile, name, changes[name])
    old_photo = profile.photo.name if profile.photo else ""
    if photo is not None and picture == ProfilePicture.PHOTO:
        profile.photo.save(photo.name, photo, save=False)
        changed.append("photo")
    elif picture != ProfilePicture.PHOTO and old_photo:
        profile.photo = ""
        changed.append("photo")
    if old_photo and profile.photo.name != old_photo:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    if changed or is_new:
        profile.save()
        log_event(
            actor=actor,
            action=AuditAction.CREATE if is_new else AuditAction.CHANGE,
            bureau=resident.bureau,
            obj=profile,
            fields=changed,
        )
    return profile


@transaction.atomic
def delete_public_profile(*, actor, resident: Resident) -> None:
    """Remove the resident's public profile and its photo. The resident themself."""
    profile = queries.public_profile_of(resident)
    if profile is None:
        return
    if profile.photo:
        storage, name = profile.photo.storage, profile.photo.name
        transaction.on_commit(lambda: storage.delete(name))
    log_event(actor=actor, action=AuditAction.DELETE, bureau=resident.bureau, obj=profile)
    profile.delete()
    resident.public_profile = None


# --- Self-service: erasure -----------------------------------------------------------------------


@transaction.atomic
def request_erasure(*, actor, resident: Resident) -> ErasureRequest:
    """The resident asks the bureau to erase their data. The resident themself.

    Returns the pending request when there is one already. Tells the bureau by e-mail (to its own
    address, without personal data) when it has one.
    """
    if resident.is_anonymised:
        raise ValidationError(_("This record has already been anonymised."))
    pending = resident.erasure_requests.filter(status=ErasureStatus.PENDING).first()
    if pending is not None:
        return pending
    erasure_request = ErasureRequest.objects.create(
        bureau=resident.bureau,
        resident=resident,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _forget_prefetched(resident, "erasure_requests")
    log_event(actor=actor, action=AuditAction.CREATE, obj=erasure_request)
    bureau = resident.bureau
    if bureau.email:
        _send(
            "erasure_requested",
            to=bureau.email,
            subject=_("A resident asks for erasure of their data"),
            context={
                "bureau": bureau,
                "url": _site_url(
                    "residents:erasure-detail", bureau_slug=bureau.slug, pk=erasure_request.pk
                ),
            },
        )
    return erasure_request


def _check_pending(erasure_request: ErasureRequest) -> None:
    """Lock the request's row and refuse one that was decided meanwhile (a double click, or two
    coordinators at once)."""
    status = (
        ErasureRequest.objects.select_for_update()
        .filter(pk=erasure_request.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status != ErasureStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))


def _resident_address(resident: Resident) -> str:
    return resident.user.email if resident.user_id else resident.email


@transaction.atomic
def decline_erasure(*, actor, erasure_request: ErasureRequest, reason: str) -> ErasureRequest:
    """A coordinator declines an erasure request, with a reason the resident reads (e.g. a legal
    duty to keep something). The resident is told by e-mail and can ask again later."""
    _check_pending(erasure_request)
    if not reason.strip():
        raise ValidationError(
            {"decline_reason": _("Say why the data cannot be erased, so the resident knows.")}
        )
    erasure_request.status = ErasureStatus.DECLINED
    erasure_request.decided_by = actor
    erasure_request.decided_at = timezone.now()
    erasure_request.decline_reason = reason.strip()
    erasure_request.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=erasure_request,
        fields=["status", "decline_reason"],
        note="declined",
    )
    resident = erasure_request.resident
    if address := _resident_address(resident):
        _send(
            "erasure_declined",
            to=address,
            subject=_("Your request to erase your data"),
            context={
                "bureau": resident.bureau,
                "reason": erasure_request.decline_reason,
                "url": _site_url("residents:mydata", bureau_slug=resident.bureau.slug),
            },
        )
    return erasure_request


@transaction.atomic
def confirm_erasure(*, actor, erasure_request: ErasureRequest) -> Resident:
    """A coordinator confirms an erasure request: the resident's record is anonymised (see
    `erasure.py` for exactly what goes and what stays), their account is closed, and they get a
    last e-mail (after the commit) saying it is done. One audit entry (ERASE) names the parts
    erased, never their contents. Everything happens in one transaction.
    """
    from buurtbaan.residents import erasure

    _check_pending(erasure_request)
    resident = (
        Resident.objects.select_for_update(of=("self",))
        .select_related("user", "bureau")
        .get(pk=erasure_request.resident_id)
    )
    address, bureau = _resident_address(resident), resident.bureau
    now = timezone.now()
    parts = erasure.anonymise_resident(resident=resident, actor=actor, now=now)
    erasure_request.status = ErasureStatus.CONFIRMED
    erasure_request.decided_by = actor
    erasure_request.decided_at = now
    erasure_request.save(update_fields=["status", "decided_by", "decided_at"])
    log_event(
        actor=actor,
        action=AuditAction.ERASE,
        bureau=bureau,
        obj=resident,
        fields=parts,
        note=f"erasure request #{erasure_request.pk}",
    )
    if address:
        context = {"bureau": bureau}
        subject = _("Your data at %(bureau)s has been erased") % {"bureau": bureau.name}
        transaction.on_commit(
            lambda: _send("erasure_done", to=address, subject=subject, context=context)
        )
    return resident


# --- Self-service: access requests (AVG art. 15, see `access.py`) --------------------------------


@transaction.atomic
def request_access(
    *,
    actor,
    resident: Resident,
    channel: AccessChannel = AccessChannel.OWN_PAGES,
    received_on: datetime.date | None = None,
    note: str = "",
) -> tuple[AccessRequest, bool]:
    """File an access request: the resident themself on their own pages, or a coordinator who
    registers one that came by letter, e-mail or at the desk (with the day it was received, when
    the one-month term starts). Returns (request, is_new): the pending request when there is one
    already. A request filed on the resident's own pages is mailed to the bureau's address
    (without personal data) when it has one.
    """
    if resident.is_anonymised:
        raise ValidationError(_("This record has already been anonymised."))
    # Two requests at once (a double click, the resident and a coordinator): one waits for the other.
    Resident.objects.select_for_update().filter(pk=resident.pk).values_list("pk").first()
    pending = AccessRequest.objects.filter(resident=resident, status=AccessStatus.PENDING).first()
    if pending is not None:
        return pending, False
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError(
            {"received_on": _("The day it was received cannot be in the future.")}
        )
    access_request = AccessRequest.objects.create(
        bureau=resident.bureau,
        resident=resident,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        channel=AccessChannel(channel),
        received_on=received_on,
        note=note.strip(),
    )
    _forget_prefetched(resident, "access_requests")
    log_event(actor=actor, action=AuditAction.CREATE, obj=access_request, note=f"came in {channel}")
    bureau = resident.bureau
    if bureau.email and channel == AccessChannel.OWN_PAGES:
        url = _site_url("residents:access-detail", bureau_slug=bureau.slug, pk=access_request.pk)
        _send(
            "access_requested",
            to=bureau.email,
            subject=_("A resident asks to see all their data"),
            context={"bureau": bureau, "url": url, "due_on": access_request.due_on},
        )
    return access_request, True


def _lock_pending_access(access_request: AccessRequest) -> None:
    status = (
        AccessRequest.objects.select_for_update()
        .filter(pk=access_request.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status != AccessStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))


def log_access_review(*, actor, access_request: AccessRequest) -> None:
    """A coordinator opened a pending request, which shows the sensitive notes and the audit log
    about them: audited as a read of the sensitive notes."""
    log_event(
        actor=actor,
        action=AuditAction.VIEW,
        bureau=access_request.bureau,
        obj=access_request.resident,
        fields=["audit_log", "sensitive_notes"],
        note=f"access request #{access_request.pk}: review",
    )


@transaction.atomic
def release_access(*, actor, access_request: AccessRequest) -> AccessRequest:
    """A coordinator releases an access request in full: the resident can download everything
    (see `access.py`) for `AccessRequest.DOWNLOAD_DAYS` and is told by e-mail. A resident without
    an account gets the PDF from the coordinator (`views.access_requests.access_pdf`)."""
    _lock_pending_access(access_request)
    if access_request.resident.is_anonymised:
        raise ValidationError(_("This record has already been anonymised."))
    access_request.status = AccessStatus.RELEASED
    access_request.decided_by = actor
    access_request.decided_at = timezone.now()
    access_request.save(update_fields=["status", "decided_by", "decided_at"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=access_request,
        fields=["status"],
        note="released",
    )
    resident = access_request.resident
    # Without an account there is nothing to download: the coordinator hands over the PDF.
    if resident.user_id and (address := _resident_address(resident)):
        _send(
            "access_released",
            to=address,
            subject=_("You can now download all your data"),
            context={
                "bureau": resident.bureau,
                "until": access_request.download_until,
                "url": _site_url("residents:my-access-list", bureau_slug=resident.bureau.slug),
            },
        )
    return access_request


@transaction.atomic
def extend_access(*, actor, access_request: AccessRequest, reason: str) -> AccessRequest:
    """A coordinator extends the term by two months (AVG art. 12(3): only once, within the first
    month, with a reason). The resident reads the reason on their page and by e-mail."""
    _lock_pending_access(access_request)
    if not reason.strip():
        raise ValidationError(
            {"extension_reason": _("Say why the bureau needs more time, so the resident knows.")}
        )
    if not access_request.can_extend:
        raise ValidationError(
            _("The term can be extended only once, and only before the first month has passed.")
        )
    access_request.extended_at = timezone.now()
    access_request.extension_reason = reason.strip()
    access_request.save(update_fields=["extended_at", "extension_reason"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=access_request,
        fields=["extended_at", "extension_reason"],
        note="extended",
    )
    resident = access_request.resident
    if address := _resident_address(resident):
        _send(
            "access_extended",
            to=address,
            subject=_("Your request to see all your data takes longer"),
            context={
                "bureau": resident.bureau,
                "reason": access_request.extension_reason,
                "due_on": access_request.due_on,
            },
        )
    return access_request


@transaction.atomic
def decline_access(*, actor, access_request: AccessRequest, reason: str) -> AccessRequest:
    """A coordinator declines an access request with a reason the resident reads (for example:
    it could not be checked who asked). The resident is told by e-mail and can ask again."""
    _lock_pending_access(access_request)
    if not reason.strip():
        raise ValidationError(
            {"decline_reason": _("Say why the bureau cannot give the data, so the resident knows.")}
        )
    access_request.status = AccessStatus.DECLINED
    access_request.decided_by = actor
    access_request.decided_at = timezone.now()
    access_request.decline_reason = reason.strip()
    access_request.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=access_request,
        fields=["status", "decline_reason"],
        note="declined",
    )
    resident = access_request.resident
    if address := _resident_address(resident):
        _send(
            "access_declined",
            to=address,
            subject=_("Your request to see all your data"),
            context={
                "bureau": resident.bureau,
                "reason": access_request.decline_reason,
                "url": _site_url("residents:my-access-list", bureau_slug=resident.bureau.slug),
            },
        )
    return access_request


def log_access_download(*, actor, access_request: AccessRequest, file_format: str) -> None:
    """The resident downloaded a released access request (JSON, the print page or PDF)."""
    log_event(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=access_request,
        fields=["all"],
        note=f"access request as {file_format}",
    )
