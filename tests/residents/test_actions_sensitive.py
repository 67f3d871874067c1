"""The audit test: every read of sensitive notes is written to the audit log (who, when, what),
and nobody but the assigned coach and the coordinators can read them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.models import Membership
from buurtbaan.residents import actions
from buurtbaan.residents.models import SensitiveCategory
from tests.factories import SensitiveNoteFactory


def membership(user, bureau):
    return Membership.objects.get(user=user, bureau=bureau)


def test_every_read_writes_an_audit_entry_with_who_when_and_what(personas, resident):
    notes = [SensitiveNoteFactory(resident=resident), SensitiveNoteFactory(resident=resident)]
    before = timezone.now()
    for reader in (personas.coach, personas.coordinator, personas.coach):
        read = actions.read_sensitive_notes(
            actor=reader, membership=membership(reader, personas.bureau), resident=resident
        )
        assert {note.pk for note in read} == {note.pk for note in notes}
    entries = list(AuditEntry.objects.filter(action=AuditAction.VIEW).order_by("pk"))
    assert [entry.actor for entry in entries] == [
        personas.coach,
        personas.coordinator,
        personas.coach,
    ]
    for entry in entries:
        assert entry.at >= before
        assert entry.bureau == personas.bureau
        assert entry.object_type == "residents.resident"
        assert entry.object_id == str(resident.pk)
        assert entry.fields == ["sensitive_notes"]
        assert all(f"#{note.pk}" in entry.note for note in notes)
        # The log names the notes, never their content.
        assert notes[0].text not in entry.note


@pytest.mark.parametrize("who", ["other_coach", "partner", "resident", "funder"])
def test_nobody_else_of_the_bureau_can_read_them(personas, resident, who):
    SensitiveNoteFactory(resident=resident)
    user = getattr(personas, who)
    with pytest.raises(PermissionDenied):
        actions.read_sensitive_notes(
            actor=user, membership=membership(user, personas.bureau), resident=resident
        )
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()


def test_a_coordinator_of_another_bureau_cannot_read_them(personas, resident):
    SensitiveNoteFactory(resident=resident)
    with pytest.raises(PermissionDenied):
        actions.read_sensitive_notes(
            actor=personas.other_coordinator,
            membership=membership(personas.other_coordinator, personas.other_bureau),
            resident=resident,
        )


def test_someone_cannot_read_with_another_persons_membership(personas, resident):
    with pytest.raises(PermissionDenied):
        actions.read_sensitive_notes(
            actor=personas.other_coach,
            membership=membership(personas.coach, personas.bureau),
            resident=resident,
        )


def test_a_new_coach_can_read_them_and_the_previous_one_cannot(personas, resident):
    SensitiveNoteFactory(resident=resident)
    actions.assign_coach(actor=personas.coordinator, resident=resident, coach=personas.other_coach)
    assert actions.read_sensitive_notes(
        actor=personas.other_coach,
        membership=membership(personas.other_coach, personas.bureau),
        resident=resident,
    )
    with pytest.raises(PermissionDenied):
        actions.read_sensitive_notes(
            actor=personas.coach,
            membership=membership(personas.coach, personas.bureau),
            resident=resident,
        )


def test_adding_a_note_is_audited_without_its_text(personas, resident):
    note = actions.add_sensitive_note(
        actor=personas.coach,
        resident=resident,
        category=SensitiveCategory.HEALTH,
        text="Rugklachten",
    )
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(note.pk))
    assert entry.object_type == "residents.sensitivenote"
    assert "Rugklachten" not in entry.note + entry.object_label
