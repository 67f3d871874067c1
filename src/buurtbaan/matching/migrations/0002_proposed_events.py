"""Every step of a match is a `MatchEvent`, the proposal too: add the "proposed" event of the
matches made before, from what the match itself says (who, when, the note)."""

from django.db import migrations

BATCH = 2000


def add_proposed_events(apps, schema_editor):
    Match = apps.get_model("matching", "Match")
    MatchEvent = apps.get_model("matching", "MatchEvent")
    has_one = MatchEvent.objects.filter(kind="proposed").values("match_id")
    rows = (
        Match.objects.exclude(pk__in=has_one)
        .order_by("pk")
        .values_list("pk", "proposed_by_id", "proposed_at", "proposal_note")
    )
    last = 0
    # In batches by primary key, so no read cursor stays open while writing.
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        MatchEvent.objects.bulk_create(
            MatchEvent(
                match_id=match_id,
                kind="proposed",
                from_status="",
                to_status="proposed",
                actor_id=actor_id,
                at=at,
                reason=note,
            )
            for match_id, actor_id, at, note in batch
        )
        last = batch[-1][0]


def remove_proposed_events(apps, schema_editor):
    apps.get_model("matching", "MatchEvent").objects.filter(kind="proposed").delete()


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(add_proposed_events, remove_proposed_events)]
