"""Writes on bureaus and their memberships. Views, the admin, commands and the demo loader all
call these functions, so the audit log and the rules hold whichever way a change comes in."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from buurtbaan.accounts.actions import send_account_invitation
from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.bureaus.models import Bureau, Membership, PostcodeRange, Role
from buurtbaan.bureaus.postcode_ranges import ParsedRange
from buurtbaan.core.phones import normalise_phone

User = get_user_model()


@transaction.atomic
def create_bureau(
    *, actor, name: str, slug: str, municipality: str, postcode_ranges: list[ParsedRange], **fields
) -> Bureau:
    """Create a bureau with its postcode area. Called by platform administrators and the demo."""
    if "phone" in fields:
        fields["phone"] = normalise_phone(fields["phone"], field="phone")
    bureau = Bureau.objects.create(name=name, slug=slug, municipality=municipality, **fields)
    PostcodeRange.objects.bulk_create(
        PostcodeRange(bureau=bureau, start=r.start, end=r.end) for r in postcode_ranges
    )
    log_event(actor=actor, action=AuditAction.CREATE, bureau=bureau, obj=bureau)
    return bureau


@transaction.atomic
def update_bureau(
    *, actor, bureau: Bureau, changes: dict, postcode_ranges: list[ParsedRange] | None = None
) -> Bureau:
    """Set the given details of a bureau and, if given, replace its postcode area.
    Coordinators only (and platform administrators)."""
    if "phone" in changes:
        changes = {**changes, "phone": normalise_phone(changes["phone"], field="phone")}
    changed = list(changes)
    for name, value in changes.items():
        setattr(bureau, name, value)
    if changed:
        bureau.save(update_fields=changed)
    if postcode_ranges is not None:
        current = {(r.start, r.end) for r in bureau.postcode_ranges.all()}
        wanted = {(r.start, r.end) for r in postcode_ranges}
        if current != wanted:
            bureau.postcode_ranges.all().delete()
            PostcodeRange.objects.bulk_create(
                PostcodeRange(bureau=bureau, start=start, end=end) for start, end in sorted(wanted)
            )
            changed.append("postcode_ranges")
    if changed:
        log_event(actor=actor, action=AuditAction.CHANGE, bureau=bureau, obj=bureau, fields=changed)
    return bureau


@transaction.atomic
def add_member(
    *,
    actor,
    bureau: Bureau,
    email: str,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    organisation=None,
    password: str | None = None,
    send_invitation: bool = True,
) -> Membership:
    """Give a person a role in a bureau, creating their account when they have none yet.

    A new account has no usable password: the person gets an e-mail with a link to choose one
    (unless `send_invitation` is false, as in the demo loader, which sets `password`).
    Raises ValidationError when the person already has a role in this bureau.
    """
    email = email.strip().lower()
    from_platform = is_platform_access(actor=actor, bureau=bureau)  # before they may be a member
    user = User.objects.filter(email=email).first()
    is_new_user = user is None
    if is_new_user:
        user = User.objects.create_user(
            email=email, password=password, first_name=first_name, last_name=last_name
        )
    elif Membership.objects.filter(user=user, bureau=bureau).exists():
        raise ValidationError(
            _("%(email)s already has a role in this bureau.") % {"email": email}, code="duplicate"
        )
    if organisation is not None and organisation.bureau_id != bureau.pk:
        raise ValidationError(_("This organisation belongs to another bureau."))
    membership = Membership.objects.create(
        user=user,
        bureau=bureau,
        role=role,
        organisation=organisation if role == Role.PARTNER else None,
    )
    log_event(
        actor=actor,
        action=AuditAction.CREATE,
        bureau=bureau,
        obj=membership,
        fields=["role"],
        note=f"role={role}",
    )
    if from_platform:
        _tell_coordinators_of_platform_access(actor=actor, membership=membership)
    if send_invitation and is_new_user:
        transaction.on_commit(lambda: send_account_invitation(user=user, bureau=bureau))
    return membership


@transaction.atomic
def change_membership(
    *, actor, membership: Membership, role: Role, organisation=None, is_active: bool
) -> Membership:
    """Change someone's role in a bureau or (de)activate it. Coordinators only.

    A bureau always keeps at least one active coordinator, so it can never lock itself out.
    The stored row is locked and read again: `membership` may already carry a form's new values,
    and two coordinators stepping down at once must not both succeed.
    """
    stored = Membership.objects.select_for_update().get(pk=membership.pk)
    from_platform = is_platform_access(actor=actor, bureau=membership.bureau)
    losing_coordinator = (
        stored.is_coordinator and stored.is_active and (role != Role.COORDINATOR or not is_active)
    )
    if losing_coordinator:
        remaining = (
            Membership.objects.active()
            .filter(bureau=membership.bureau, role=Role.COORDINATOR)
            .exclude(pk=membership.pk)
        )
        if not remaining.exists():
            raise ValidationError(_("A bureau needs at least one active coordinator."))
    if organisation is not None and organisation.bureau_id != membership.bureau_id:
        raise ValidationError(_("This organisation belongs to another bureau."))
    membership.role = role
    membership.organisation = organisation if role == Role.PARTNER else None
    membership.is_active = is_active
    membership.save(update_fields=["role", "organisation", "is_active"])
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=membership,
        fields=["role", "organisation", "is_active"],
        note=f"role={role} active={is_active}",
    )
    if from_platform and is_active:
        _tell_coordinators_of_platform_access(actor=actor, membership=membership)
    return membership


@transaction.atomic
def appoint_coordinator(*, actor, bureau: Bureau, email: str) -> Membership:
    """Make a person coordinator of a bureau: a new member, or an existing member (of any role,
    active or not) promoted. For platform administrators (the platform pages), e.g. when a
    bureau lost its coordinator; the bureau's coordinators are told (see `add_member`)."""
    email = email.strip().lower()
    membership = (
        Membership.objects.filter(bureau=bureau, user__email=email).select_related("user").first()
    )
    if membership is None:
        return add_member(actor=actor, bureau=bureau, email=email, role=Role.COORDINATOR)
    return change_membership(
        actor=actor, membership=membership, role=Role.COORDINATOR, is_active=True
    )


#: The note that marks, in a bureau's audit log, a role given by a platform administrator.
PLATFORM_ACCESS_NOTE = "role given by a platform administrator"


def is_platform_access(*, actor, bureau: Bureau) -> bool:
    """A platform administrator acting on a bureau they do not coordinate: from outside the
    bureau, which is news to the bureau's coordinators."""
    if actor is None or not getattr(actor, "is_superuser", False):
        return False
    return not (
        Membership.objects.active()
        .filter(user=actor, bureau=bureau, role=Role.COORDINATOR)
        .exists()
    )


def _tell_coordinators_of_platform_access(*, actor, membership: Membership) -> None:
    """A platform administrator gave someone (perhaps themselves) a role in a bureau: one more
    audit entry in that bureau that its overview counts, and an e-mail to each of its active
    coordinators (not to the person who got the role), with links, after the commit."""
    bureau = membership.bureau
    log_event(
        actor=actor,
        action=AuditAction.CHANGE,
        bureau=bureau,
        obj=membership,
        fields=["role"],
        note=f"{PLATFORM_ACCESS_NOTE}: role={membership.role}",
    )
    recipients = list(
        Membership.objects.active()
        .filter(bureau=bureau, role=Role.COORDINATOR)
        .exclude(user=membership.user_id)
        .values_list("user__email", flat=True)
    )
    context = {
        "bureau": bureau,
        "actor": actor,
        "member": membership.user,
        "role": membership.get_role_display(),
        "sees_personal_data": membership.role in (Role.COORDINATOR, Role.COACH, Role.PARTNER),
        "audit_url": settings.SITE_URL
        + reverse("audit:entry-list", kwargs={"bureau_slug": bureau.slug}),
        "team_url": settings.SITE_URL
        + reverse("bureaus:member-list", kwargs={"bureau_slug": bureau.slug}),
    }
    for address in recipients:
        transaction.on_commit(
            lambda address=address: send_mail(
                subject=_("A platform administrator gave a role in %(bureau)s")
                % {"bureau": bureau.name},
                message=render_to_string("bureaus/email/platform_access.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[address],
            )
        )
