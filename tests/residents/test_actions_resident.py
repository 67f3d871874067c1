import datetime

import pytest
from django.core.exceptions import ValidationError

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.actions import update_bureau
from buurtbaan.bureaus.postcode_ranges import parse_postcode_ranges
from buurtbaan.residents import actions
from buurtbaan.residents.models import Resident, Stage
from tests.factories import ResidentFactory, TalentFactory

TODAY = datetime.date(2026, 11, 24)


def register(personas, **overrides):
    fields = {
        "actor": personas.coach,
        "bureau": personas.bureau,
        "first_name": " Sandra ",
        "last_name": "Willems",
        "date_of_birth": datetime.date(1982, 4, 17),
        "postcode": "6828 bc",
        "today": TODAY,
        **overrides,
    }
    return actions.register_resident(**fields)


def test_it_registers_a_resident_with_a_normalised_postcode(personas):
    talent = personas.bureau.talents.get(name="organiseren")
    resident = register(
        personas,
        coach=personas.coach,
        talents=[talent],
        dreams=["Iets in het theater", "  ", "Decor bouwen"],
        languages="Nederlands, Engels",
    )
    assert resident.first_name == "Sandra"
    assert resident.postcode == "6828BC"
    assert resident.stage == Stage.REGISTERED
    assert not resident.is_outside_area
    assert list(resident.talents.all()) == [talent]
    assert [d.description for d in resident.dreams.all()] == ["Iets in het theater", "Decor bouwen"]


def test_it_writes_an_audit_entry_without_the_values(personas):
    resident = register(personas, languages="Nederlands")
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(resident.pk))
    assert entry.actor == personas.coach
    assert entry.bureau == personas.bureau
    assert "languages" in entry.fields
    assert "postcode" in entry.fields
    assert "Sandra" not in entry.object_label + entry.note


def test_it_welcomes_but_flags_a_resident_outside_the_area(personas):
    resident = register(personas, postcode="6822AB")
    assert resident.is_outside_area


def test_it_refuses_anyone_under_18_with_a_clear_message(personas):
    seventeen = datetime.date(2009, 1, 1)
    with pytest.raises(ValidationError) as error:
        register(personas, date_of_birth=seventeen)
    assert error.value.code == "too_young"
    assert "18" in error.value.messages[0]
    assert not Resident.objects.exists()


def test_it_accepts_someone_on_their_18th_birthday(personas):
    resident = register(personas, date_of_birth=datetime.date(2008, 11, 24))
    assert resident.age_on(TODAY) == 18


def test_it_refuses_a_date_of_birth_in_the_future(personas):
    with pytest.raises(ValidationError):
        register(personas, date_of_birth=datetime.date(2030, 1, 1))


@pytest.mark.parametrize("postcode", ["6828", "1234 SA", "0828AB", "68288AB", "hello"])
def test_it_refuses_what_is_not_a_full_dutch_postcode(personas, postcode):
    with pytest.raises(ValidationError) as error:
        register(personas, postcode=postcode)
    assert error.value.code == "invalid_postcode"


def test_it_refuses_a_coach_who_is_not_staff_of_the_bureau(personas):
    for user in (personas.partner, personas.other_coordinator):
        with pytest.raises(ValidationError):
            register(personas, coach=user)


def test_it_refuses_talents_of_another_bureau(personas):
    with pytest.raises(ValidationError):
        register(personas, talents=[TalentFactory(bureau=personas.other_bureau)])


def test_it_rejects_unknown_fields(personas):
    with pytest.raises(ValueError, match="is_anonymised"):
        register(personas, is_anonymised=True)


def test_update_reports_and_audits_only_what_changed(personas):
    resident = ResidentFactory(bureau=personas.bureau, city="Arnhem", phone="")
    changed = actions.update_resident(
        actor=personas.coach,
        resident=resident,
        changes={"city": "Arnhem", "phone": "06 1000 0000"},
    )
    assert changed == ["phone"]
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_id=str(resident.pk))
    assert entry.fields == ["phone"]
    assert "06" not in entry.note


def test_update_with_nothing_changed_writes_no_audit_entry(personas):
    resident = ResidentFactory(bureau=personas.bureau)
    assert actions.update_resident(actor=personas.coach, resident=resident, changes={}) == []
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE).exists()


def test_a_new_postcode_reflags_the_resident(personas):
    resident = ResidentFactory(bureau=personas.bureau, postcode="6828AB")
    actions.update_resident(
        actor=personas.coach, resident=resident, changes={"postcode": "6822 ab"}
    )
    resident.refresh_from_db()
    assert resident.postcode == "6822AB"
    assert resident.is_outside_area


def test_update_replaces_talents_and_dreams(personas):
    resident = ResidentFactory(bureau=personas.bureau)
    koken, bouwen = (personas.bureau.talents.get(name=n) for n in ("koken", "bouwen"))
    actions.update_resident(
        actor=personas.coach, resident=resident, talents=[koken], dreams=["Kok worden"]
    )
    changed = actions.update_resident(
        actor=personas.coach, resident=resident, talents=[bouwen], dreams=["Timmerman", "Kok"]
    )
    assert changed == ["talents", "dreams"]
    assert list(resident.talents.all()) == [bouwen]
    assert [d.description for d in resident.dreams.all()] == ["Timmerman", "Kok"]


def test_update_refuses_a_new_date_of_birth_under_18(personas):
    resident = ResidentFactory(bureau=personas.bureau)
    with pytest.raises(ValidationError):
        actions.update_resident(
            actor=personas.coach,
            resident=resident,
            changes={"date_of_birth": datetime.date.today().replace(year=2015)},
        )


def test_assign_coach_changes_and_audits(personas):
    resident = ResidentFactory(bureau=personas.bureau)
    actions.assign_coach(actor=personas.coordinator, resident=resident, coach=personas.other_coach)
    resident.refresh_from_db()
    assert resident.coach == personas.other_coach
    assert AuditEntry.objects.filter(fields=["coach"], object_id=str(resident.pk)).exists()
    with pytest.raises(ValidationError):
        actions.assign_coach(actor=personas.coordinator, resident=resident, coach=personas.funder)


def test_the_outside_area_flags_follow_a_change_of_the_bureaus_area(
    personas, django_capture_on_commit_callbacks
):
    inside = ResidentFactory(bureau=personas.bureau, postcode="6828AB")
    nearby = ResidentFactory(bureau=personas.bureau, postcode="6822AB", is_outside_area=True)
    with django_capture_on_commit_callbacks(execute=True):
        update_bureau(
            actor=personas.coordinator,
            bureau=personas.bureau,
            changes={},
            postcode_ranges=parse_postcode_ranges("6822"),
        )
    inside.refresh_from_db()
    nearby.refresh_from_db()
    assert inside.is_outside_area
    assert not nearby.is_outside_area


def test_refresh_flags_handles_pc6_ranges(personas):
    personas.bureau.postcode_ranges.all().delete()
    personas.bureau.postcode_ranges.create(start="6828AA", end="6828CZ")
    a = ResidentFactory(bureau=personas.bureau, postcode="6828BZ")
    b = ResidentFactory(bureau=personas.bureau, postcode="6828DA")
    actions.refresh_outside_area_flags(bureau=personas.bureau)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.is_outside_area, b.is_outside_area) == (False, True)


def test_refresh_flags_leaves_erased_records_as_they_were(personas):
    """An erased record keeps only its PC4: against a PC6 range it would flip to "outside" and
    change the area figures of people who are no longer in the talent bank."""
    personas.bureau.postcode_ranges.all().delete()
    personas.bureau.postcode_ranges.create(start="6828AA", end="6828CZ")
    erased = ResidentFactory(
        bureau=personas.bureau, postcode="6828", is_anonymised=True, is_outside_area=False
    )
    actions.refresh_outside_area_flags(bureau=personas.bureau)
    erased.refresh_from_db()
    assert not erased.is_outside_area
