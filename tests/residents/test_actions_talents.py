import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.residents import actions
from buurtbaan.residents.models import STANDARD_TALENTS, Talent


def test_the_coordinator_extends_the_vocabulary(personas):
    talent = actions.add_talent_to_vocabulary(
        actor=personas.coordinator, bureau=personas.bureau, name="  Tuinieren ", description="groen"
    )
    assert talent.name == "tuinieren"
    assert not talent.is_standard
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(talent.pk)).exists()


def test_a_talent_the_bureau_has_is_refused_in_any_case(personas):
    with pytest.raises(ValidationError) as error:
        actions.add_talent_to_vocabulary(
            actor=personas.coordinator, bureau=personas.bureau, name="Verbinden"
        )
    assert error.value.code == "duplicate"


def test_another_bureau_may_have_the_same_talent(personas):
    talent = actions.add_talent_to_vocabulary(
        actor=personas.other_coordinator, bureau=personas.other_bureau, name="tuinieren"
    )
    actions.add_talent_to_vocabulary(
        actor=personas.coordinator, bureau=personas.bureau, name="tuinieren"
    )
    assert talent.bureau == personas.other_bureau


def test_retiring_a_talent_keeps_it_on_residents(personas, resident):
    talent = personas.bureau.talents.get(name="koken")
    resident.talents.add(talent)
    actions.update_talent(actor=personas.coordinator, talent=talent, changes={"is_active": False})
    talent.refresh_from_db()
    assert not talent.is_active
    assert list(resident.talents.all()) == [talent]


def test_renaming_to_an_existing_name_is_refused(personas):
    talent = personas.bureau.talents.get(name="koken")
    with pytest.raises(ValidationError):
        actions.update_talent(actor=personas.coordinator, talent=talent, changes={"name": "Bouwen"})


def test_ensure_standard_talents_is_idempotent(personas):
    actions.ensure_standard_talents(bureau=personas.bureau)
    actions.ensure_standard_talents(bureau=personas.bureau)
    assert Talent.objects.filter(bureau=personas.bureau).count() == len(STANDARD_TALENTS)
