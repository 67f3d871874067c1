"""Writes on organisations and on residents' personal networks. Views, the demo loader and
commands call these, so the rules and the audit log hold whichever way a change comes in."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.core.phones import normalise_phone
from buurtbaan.core.postcodes import normalise_postcode
from buurtbaan.organisations.models import Organisation, PersonalRelation

ORGANISATION_FIELDS = {
    "name",
    "kind",
    "scale_level",
    "contact_person",
    "street",
    "postcode",
    "city",
    "email",
    "phone",
    "website",
    "description",
    "offers",
    "needs",
    "is_active",
}
RELATION_FIELDS = {"helper", "name", "kind", "helps_with", "hours_per_week", "is_active"}


def _check_fields(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")


def _clean_organisation(organisation: Organisation) -> None:
    if organisation.postcode:
        organisation.postcode = normalise_postcode(organisation.postcode) or organisation.postcode
    organisation.phone = normalise_phone(organisation.phone, field="phone")
    organisation.full_clean(exclude=["bureau"], validate_unique=False)
    clash = Organisation.objects.filter(
        bureau_id=organisation.bureau_id, name__iexact=organisation.name
    ).exclude(pk=organisation.pk)
    if clash.exists():
        raise ValidationError(
            {"name": _("This bureau already has an organisation with this name.")}, code="unique"
        )


@transaction.atomic
def create_organisation(*, actor, bureau, **fields) -> Organisation:
    """Add an organisation to a bureau's network. Coordinators and coaches.

    Raises ValidationError (per field) for a bad postcode or a name the bureau already has.
    """
    _check_fields(fields, ORGANISATION_FIELDS)
    organisation = Organisation(bureau=bureau, **fields)
    _clean_organisation(organisation)
    organisation.save()
    log_event(actor=actor, action=AuditAction.CREATE, obj=organisation)
    return organisation


@transaction.atomic
def update_organisation(*, actor, organisation: Organisation, changes: dict) -> Organisation:
    """Change an organisation's details. Staff for any organisation of their bureau; a partner
    for their own organisation only (the view limits which fields a partner's form has).
    Writes an audit entry naming the changed fields; does nothing when nothing changed."""
    _check_fields(changes, ORGANISATION_FIELDS)
    changed = [name for name, value in changes.items() if getattr(organisation, name) != value]
    if not changed:
        return organisation
    for name in changed:
        setattr(organisation, name, changes[name])
    _clean_organisation(organisation)
    organisation.save(update_fields=[*changed, "updated_at"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=organisation, fields=changed)
    return organisation


def _clean_relation(relation: PersonalRelation) -> None:
    if relation.helper_id and relation.helper.bureau_id != relation.bureau_id:
        raise ValidationError({"helper": _("This helper is registered at another bureau.")})
    if relation.helper_id and relation.helper_id == relation.resident_id:
        raise ValidationError({"helper": _("A resident cannot be their own helper.")})
    relation.name = relation.name.strip()
    if not relation.name and not relation.helper_id:
        raise ValidationError(
            {"name": _("Give the helper's name, or choose them from the talent bank.")}
        )
    relation.full_clean(exclude=["bureau", "resident", "helper"])


@transaction.atomic
def add_personal_relation(*, actor, resident, **fields) -> PersonalRelation:
    """Record someone who helps `resident` (scale level 2). Coordinators and coaches.
    Personal data of the resident: the audit entry names the fields, not their values."""
    _check_fields(fields, RELATION_FIELDS)
    relation = PersonalRelation(bureau_id=resident.bureau_id, resident=resident, **fields)
    _clean_relation(relation)
    relation.save()
    log_event(
        actor=actor,
        action=AuditAction.CREATE,
        obj=relation,
        fields=sorted(name for name, value in fields.items() if value not in ("", None)),
    )
    return relation


@transaction.atomic
def update_personal_relation(*, actor, relation: PersonalRelation, changes: dict):
    """Change a recorded helper. Coordinators and coaches; audited with the changed fields."""
    _check_fields(changes, RELATION_FIELDS)
    changed = [name for name, value in changes.items() if getattr(relation, name) != value]
    if not changed:
        return relation
    for name in changed:
        setattr(relation, name, changes[name])
    _clean_relation(relation)
    relation.save(update_fields=[*changed, "updated_at"])
    log_event(actor=actor, action=AuditAction.CHANGE, obj=relation, fields=changed)
    return relation


@transaction.atomic
def remove_personal_relation(*, actor, relation: PersonalRelation) -> None:
    """Delete a recorded helper (e.g. at the resident's request). Coordinators and coaches."""
    log_event(actor=actor, action=AuditAction.DELETE, obj=relation)
    relation.delete()
