"""Placements for the impact figures: completed matches, counted on the day they completed."""

import datetime

from django.utils import timezone

from buurtbaan.matching import actions, stats
from tests.factories import MatchFactory, OrganisationFactory


def test_placements_are_completed_matches_in_the_period(neighbourhood, personas):
    theatre = OrganisationFactory(bureau=neighbourhood.bureau)
    neighbourhood.theatre.carried_by_organisation = theatre
    neighbourhood.theatre.save()
    match = actions.propose_match(
        actor=personas.coach, piece=neighbourhood.theatre, resident=neighbourhood.sandra
    )
    actions.resident_accepts(actor=personas.coach, match=match)
    actions.start_match(actor=personas.coach, match=match)
    today = timezone.localdate()
    assert stats.placements(neighbourhood.bureau, today, today) == 0
    actions.complete_match(actor=personas.coach, match=match)
    MatchFactory(bureau=neighbourhood.bureau, status="started")
    MatchFactory(bureau=personas.other_bureau, status="completed", ended_at=timezone.now())
    assert stats.placements(neighbourhood.bureau, today, today) == 1
    assert list(stats.placements_records(neighbourhood.bureau, today, today)) == [match]
    assert stats.placed_residents(neighbourhood.bureau, today, today) == 1
    assert stats.placements_by_organisation(neighbourhood.bureau, today, today) == {theatre.pk: 1}
    yesterday = today - datetime.timedelta(days=1)
    assert stats.placements(neighbourhood.bureau, yesterday, yesterday) == 0


def test_placement_records_run_a_fixed_number_of_queries(personas, django_assert_num_queries):
    now = timezone.now()
    MatchFactory.create_batch(3, bureau=personas.bureau, status="completed", ended_at=now)
    today = timezone.localdate()
    with django_assert_num_queries(1):
        rows = list(stats.placements_records(personas.bureau, today, today))
        assert [str(row.resident) and row.piece.title for row in rows]


def test_a_resident_placed_twice_is_one_placed_resident(personas):
    now = timezone.now()
    today = timezone.localdate()
    twice = MatchFactory(bureau=personas.bureau, status="completed", ended_at=now)
    MatchFactory(bureau=personas.bureau, resident=twice.resident, status="completed", ended_at=now)
    MatchFactory(bureau=personas.bureau, status="completed", ended_at=now)
    assert stats.placements(personas.bureau, today, today) == 3
    assert stats.placed_residents(personas.bureau, today, today) == 2
