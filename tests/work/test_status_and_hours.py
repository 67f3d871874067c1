"""work.actions.set_status and record_hours_done."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtbaan.audit.models import AuditEntry
from buurtbaan.work import actions
from buurtbaan.work.models import WorkStatus


def test_a_piece_goes_from_open_to_done(personas, piece):
    for status in (WorkStatus.IN_PROGRESS, WorkStatus.DONE):
        actions.set_status(actor=personas.coach, piece=piece, status=status)
    piece.refresh_from_db()
    assert piece.status == WorkStatus.DONE
    assert AuditEntry.objects.filter(object_id=str(piece.pk), fields=["status"]).count() == 2


def test_done_work_cannot_become_a_draft_directly(personas, piece):
    actions.set_status(actor=personas.coach, piece=piece, status=WorkStatus.DONE)
    with pytest.raises(ValidationError) as error:
        actions.set_status(actor=personas.coach, piece=piece, status=WorkStatus.DRAFT)
    assert "cannot become" in error.value.messages[0]


def test_hours_done_is_the_sum_of_the_bookings(personas, piece):
    today = timezone.localdate()
    actions.record_hours_done(
        actor=personas.coach, piece=piece, hours=Decimal("2.5"), worked_on=today
    )
    actions.record_hours_done(
        actor=personas.coach, piece=piece, hours=Decimal("4"), worked_on=today, note="Zaterdag"
    )
    piece.refresh_from_db()
    assert piece.hours_done == Decimal("6.5")
    assert piece.hours_entries.count() == 2


def test_hours_in_the_future_or_on_cancelled_work_are_refused(personas, piece):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        actions.record_hours_done(actor=personas.coach, piece=piece, hours=1, worked_on=tomorrow)
    with pytest.raises(ValidationError):
        actions.record_hours_done(
            actor=personas.coach, piece=piece, hours=0, worked_on=timezone.localdate()
        )
    actions.set_status(actor=personas.coach, piece=piece, status=WorkStatus.CANCELLED)
    with pytest.raises(ValidationError):
        actions.record_hours_done(
            actor=personas.coach, piece=piece, hours=1, worked_on=timezone.localdate()
        )
