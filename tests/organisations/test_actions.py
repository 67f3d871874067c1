"""organisations.actions: organisations and personal relations, validated and audited."""

import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditEntry
from buurtbaan.organisations import actions
from buurtbaan.organisations.models import OrganisationKind, ScaleLevel
from tests.factories import OrganisationFactory, PersonalRelationFactory, ResidentFactory


def create(personas, **fields):
    fields.setdefault("name", "BuurtGroenBedrijf")
    fields.setdefault("kind", OrganisationKind.SOCIAL_ENTERPRISE)
    fields.setdefault("scale_level", ScaleLevel.SOCIAL_ENTERPRISE)
    return actions.create_organisation(actor=personas.coach, bureau=personas.bureau, **fields)


def test_it_creates_an_organisation_with_a_normalised_postcode(personas):
    organisation = create(personas, postcode="6828 ea", offers="Groenonderhoud")
    assert organisation.postcode == "6828EA"
    assert organisation.is_active
    assert AuditEntry.objects.filter(
        object_type="organisations.organisation", action="create"
    ).exists()


def test_it_refuses_a_bad_postcode_and_a_name_the_bureau_has(personas):
    with pytest.raises(ValidationError) as error:
        create(personas, postcode="ABCD")
    assert "postcode" in error.value.message_dict
    create(personas)
    with pytest.raises(ValidationError) as error:
        create(personas, name="buurtgroenbedrijf")
    assert "name" in error.value.message_dict
    # Another bureau may use the same name.
    actions.create_organisation(
        actor=None,
        bureau=personas.other_bureau,
        name="BuurtGroenBedrijf",
        kind="business",
        scale_level=4,
    )


def test_update_logs_the_changed_fields_only(personas):
    organisation = OrganisationFactory(bureau=personas.bureau)
    actions.update_organisation(
        actor=personas.partner,
        organisation=organisation,
        changes={"needs": "Een conciërge", "phone": organisation.phone},
    )
    organisation.refresh_from_db()
    assert organisation.needs == "Een conciërge"
    entry = AuditEntry.objects.get(action="change")
    assert (entry.actor, entry.fields) == (personas.partner, ["needs"])


def test_a_relation_needs_a_name_or_a_helper_of_the_same_bureau(personas):
    resident = ResidentFactory(bureau=personas.bureau)
    with pytest.raises(ValidationError) as error:
        actions.add_personal_relation(
            actor=personas.coach, resident=resident, name=" ", kind="friend"
        )
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError):
        actions.add_personal_relation(
            actor=personas.coach,
            resident=resident,
            helper=ResidentFactory(bureau=personas.other_bureau),
            kind="friend",
        )
    with pytest.raises(ValidationError):
        actions.add_personal_relation(
            actor=personas.coach, resident=resident, helper=resident, kind="friend"
        )
    neighbour = ResidentFactory(bureau=personas.bureau)
    relation = actions.add_personal_relation(
        actor=personas.coach, resident=resident, helper=neighbour, kind="neighbour"
    )
    assert relation.display_name == str(neighbour)
    assert relation.bureau == personas.bureau


def test_relation_changes_are_audited_without_values(personas):
    relation = PersonalRelationFactory(resident=ResidentFactory(bureau=personas.bureau))
    actions.update_personal_relation(
        actor=personas.coach, relation=relation, changes={"helps_with": "Geheime hulp"}
    )
    actions.remove_personal_relation(actor=personas.coach, relation=relation)
    entries = AuditEntry.objects.filter(object_type="organisations.personalrelation")
    assert [e.action for e in entries.order_by("pk")] == ["change", "delete"]
    assert not any("Geheime" in (e.note + e.object_label) for e in entries)
