"""Sensitive notes in the browser's terms: the assigned coach and coordinators read them (and
every read is audited); everyone else gets 404 and never learns they exist."""

import pytest

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.residents.models import ConsentScope
from tests.factories import ConsentFactory, SensitiveNoteFactory


@pytest.fixture
def note(resident):
    return SensitiveNoteFactory(resident=resident, text="Rugklachten; niet tillen")


def notes_url(url, resident):
    return url("residents:sensitive-note-list", resident.bureau, pk=resident.pk)


@pytest.mark.parametrize("who", ["coach", "coordinator"])
def test_the_coach_and_coordinator_read_them_and_each_read_is_audited(
    personas, login, url, resident, note, who
):
    user = getattr(personas, who)
    client = login(user)
    for expected in (1, 2):
        response = client.get(notes_url(url, resident))
        assert "Rugklachten; niet tillen" in response.content.decode()
        assert b"<script>alert" not in response.content
        entries = AuditEntry.objects.filter(action=AuditAction.VIEW, actor=user)
        assert entries.count() == expected
    entry = entries.first()
    assert entry.object_id == str(resident.pk)
    assert f"#{note.pk}" in entry.note


@pytest.mark.parametrize(
    "who", ["other_coach", "partner", "resident", "funder", "other_coordinator", "outsider"]
)
def test_everyone_else_gets_404_and_no_read_is_logged(personas, login, url, resident, note, who):
    ConsentFactory(resident=resident, scope=ConsentScope.COACHES)
    response = login(getattr(personas, who)).get(notes_url(url, resident))
    assert response.status_code == 404
    assert "Rugklachten" not in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW).exists()


def test_another_coach_cannot_add_a_note_either(personas, login, url, resident):
    ConsentFactory(resident=resident, scope=ConsentScope.COACHES)
    response = login(personas.other_coach).post(
        notes_url(url, resident), {"category": "health", "text": "x"}
    )
    assert response.status_code == 404
    assert not resident.sensitive_notes.exists()


def test_the_coach_adds_a_note(personas, login, url, resident):
    response = login(personas.coach).post(
        notes_url(url, resident), {"category": "specialist_referral", "text": "Naar de GGZ"}
    )
    assert response.status_code == 302
    assert resident.sensitive_notes.get().author == personas.coach


def test_the_audit_log_page_shows_the_reads(personas, login, url, resident, note):
    login(personas.coach).get(notes_url(url, resident))
    log = login(personas.coordinator).get(url("audit:entry-list", personas.bureau))
    content = log.content.decode()
    assert personas.coach.email in content
    assert f"#{resident.pk}" in content
    assert "sensitive_notes" in content
