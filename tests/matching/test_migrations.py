"""The data migration that turns the proposal of matches made before into a "proposed" event."""

import importlib

from django.apps import apps

from buurtbaan.matching.models import MatchEvent
from tests.factories import MatchFactory

migration = importlib.import_module("buurtbaan.matching.migrations.0002_proposed_events")


def test_old_matches_get_their_proposed_event_once(personas, monkeypatch):
    monkeypatch.setattr(migration, "BATCH", 2)  # several batches
    old = MatchFactory.create_batch(
        5, bureau=personas.bureau, proposed_by=personas.coach, status="started"
    )
    MatchEvent.objects.create(
        match=old[0], kind="started", from_status="proposed", to_status="started"
    )
    migration.add_proposed_events(apps, None)
    migration.add_proposed_events(apps, None)  # again: nothing more
    for match in old:
        first = match.history()[0]
        assert (first.kind, first.from_status, first.to_status) == ("proposed", "", "proposed")
        assert (first.actor, first.at, first.reason) == (
            personas.coach,
            match.proposed_at,
            match.proposal_note,
        )
    assert MatchEvent.objects.filter(kind="proposed").count() == 5
    assert [event.kind for event in old[0].history()] == ["proposed", "started"]
    migration.remove_proposed_events(apps, None)
    assert list(MatchEvent.objects.values_list("kind", flat=True)) == ["started"]
