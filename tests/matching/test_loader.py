"""The loader turns a bureau into the engine's scenario, in a constant number of queries."""

import datetime

from django.utils import timezone

from buurtbaan.matching.loader import load_scenario
from tests.factories import (
    ImpactAssignmentFactory,
    ImpactParticipantFactory,
    MatchFactory,
    PieceOfWorkFactory,
    ResidentFactory,
)
from tests.matching.conftest import long_ago, matchable, open_piece


def by_id(items):
    return {item.id: item for item in items}


def test_it_maps_residents_to_the_engine(neighbourhood):
    scenario = load_scenario(neighbourhood.bureau).scenario
    residents = by_id(scenario.residents)
    sandra = residents[neighbourhood.sandra.pk]
    assert set(sandra.talents) == {"organiseren", "verbinden"}
    assert sandra.dream == "Iets in het theater"
    assert sandra.postcode == "6828BC"
    assert sandra.hours_per_week == 24
    assert sandra.wants == "paid"
    assert sandra.travel == "wijk"
    assert sandra.consent is True
    assert sandra.birth_date == neighbourhood.sandra.date_of_birth
    # Only the support of barriers that are not resolved yet.
    assert sandra.support_needed == ("Uitleg over bijverdienen",)
    martinez = residents[neighbourhood.martinez.pk]
    assert martinez.days == (0, 2, 4)
    assert martinez.travel == "overal"
    assert residents[neighbourhood.no_consent.pk].consent is False


def test_it_maps_own_talent_words_and_skills(personas):
    resident = matchable(
        personas.bureau, own_talent_words="verhalen vertellen, geduld", skills="EHBO; kassa"
    )
    engine_resident = by_id(load_scenario(personas.bureau).scenario.residents)[resident.pk]
    assert engine_resident.talents == ("verhalen vertellen", "geduld")
    assert engine_resident.skills == ("EHBO", "kassa")
    assert engine_resident.days is None


def test_it_maps_work_to_the_engine(neighbourhood):
    work = by_id(load_scenario(neighbourhood.bureau).scenario.work)
    theatre = work[neighbourhood.theatre.pk]
    assert theatre.talents == ("organiseren",)
    assert theatre.hours_per_week == 24
    assert theatre.paid is True
    assert theatre.kind == "basisbaan"
    assert theatre.title == "Conciërge theater"
    assert work[neighbourhood.dog.pk].days == (0, 2, 4)
    assert work[neighbourhood.park.pk].people == 3


def test_it_reads_postcode_areas_for_the_places_that_occur(neighbourhood):
    postcodes = load_scenario(neighbourhood.bureau).scenario.postcodes
    assert postcodes == {"6828": (51.9801, 5.9232)}


def test_it_uses_the_bureaus_weights(neighbourhood):
    from buurtbaan.matching.queries import settings_for

    settings = settings_for(neighbourhood.bureau)
    settings.weight_dream = 0
    settings.save()
    assert load_scenario(neighbourhood.bureau).scenario.weights.dream == 0


def test_it_leaves_out_erased_residents_and_other_bureaus(neighbourhood, personas):
    erased = matchable(personas.bureau, is_anonymised=True)
    other = matchable(personas.other_bureau)
    ids = {resident.id for resident in load_scenario(neighbourhood.bureau).scenario.residents}
    assert erased.pk not in ids
    assert other.pk not in ids
    assert neighbourhood.sandra.pk in ids


def test_suggestions_see_draft_open_and_running_work_but_not_done_work(personas):
    pieces = {
        status: PieceOfWorkFactory(bureau=personas.bureau, status=status)
        for status in ("draft", "open", "in_progress", "done", "cancelled")
    }
    loaded = load_scenario(personas.bureau)
    ids = {piece.id for piece in loaded.scenario.work}
    assert ids == {pieces[s].pk for s in ("draft", "open", "in_progress")}
    assert loaded.piece_status[pieces["draft"].pk] == "draft"


def test_free_places_count_active_matches(neighbourhood):
    MatchFactory(bureau=neighbourhood.bureau, piece=neighbourhood.park, status="started")
    MatchFactory(bureau=neighbourhood.bureau, piece=neighbourhood.park, status="declined")
    MatchFactory(bureau=neighbourhood.bureau, piece=neighbourhood.theatre, status="proposed")
    loaded = load_scenario(neighbourhood.bureau)
    assert loaded.free_places[neighbourhood.park.pk] == 2
    assert loaded.people_needed[neighbourhood.park.pk] == 3
    assert by_id(loaded.scenario.work)[neighbourhood.park.pk].people == 2
    # A full piece stays visible for suggestions, with one place.
    assert loaded.free_places[neighbourhood.theatre.pk] == 0
    # A completed match holds its place too: the person has the work.
    MatchFactory(bureau=neighbourhood.bureau, piece=neighbourhood.dog, status="completed")
    assert load_scenario(neighbourhood.bureau).free_places[neighbourhood.dog.pk] == 0
    assert by_id(loaded.scenario.work)[neighbourhood.theatre.pk].people == 1


def test_declined_pairs_are_excluded(neighbourhood):
    MatchFactory(
        bureau=neighbourhood.bureau,
        resident=neighbourhood.sandra,
        piece=neighbourhood.theatre,
        status="declined",
    )
    MatchFactory(
        bureau=neighbourhood.bureau,
        resident=neighbourhood.martinez,
        piece=neighbourhood.dog,
        status="completed",
    )
    assert load_scenario(neighbourhood.bureau).scenario.declined == (
        (neighbourhood.sandra.pk, neighbourhood.theatre.pk),
    )


def test_priority_goes_to_impact_participants_then_to_residents_long_without_work(personas):
    bureau = personas.bureau
    participant, long_registered, placed, recent = (matchable(bureau) for _ in range(4))
    assignment = ImpactAssignmentFactory(bureau=bureau, status="running")
    ImpactParticipantFactory(assignment=assignment, resident=participant)
    finished = ImpactAssignmentFactory(bureau=bureau, status="finished")
    ImpactParticipantFactory(assignment=finished, resident=recent)
    long_ago(long_registered)
    long_ago(placed)
    type(placed).objects.filter(pk=placed.pk).update(stage="placed")
    priority = {r.id: r.priority for r in load_scenario(bureau).scenario.residents}
    assert priority == {participant.pk: 1.0, long_registered.pk: 0.5, placed.pk: 0.0, recent.pk: 0}


def _populate(bureau, count):
    from tests.factories import BarrierFactory, ConsentFactory

    assignment = ImpactAssignmentFactory(bureau=bureau, status="running")
    for n in range(count):
        resident = matchable(
            bureau,
            talent_names=["koken", "verbinden"],
            dream=f"Iets met eten {n}",
            available_days=["mon"],
            postcode="6828AB" if n % 2 else "6822CD",
        )
        ResidentFactory(bureau=bureau, is_anonymised=True)
        BarrierFactory(resident=resident)
        ImpactParticipantFactory(assignment=assignment, resident=resident)
        ConsentFactory(resident=resident, scope="coaches", withdrawn_at=timezone.now())
        piece = open_piece(bureau, talent_names=["koken"], days=["tue"], skills=["EHBO"])
        MatchFactory(bureau=bureau, resident=resident, piece=piece, status="declined")
        MatchFactory(bureau=bureau, piece=piece, status="started")


def test_the_number_of_queries_does_not_grow_with_the_rows(
    personas, areas, django_assert_num_queries
):
    from buurtbaan.matching.queries import settings_for

    settings_for(personas.bureau)  # created once, on first use
    _populate(personas.bureau, 2)
    with django_assert_num_queries(9):
        small = load_scenario(personas.bureau)
    _populate(personas.bureau, 18)
    with django_assert_num_queries(9):
        large = load_scenario(personas.bureau)
    # Each round: a matchable resident, and the one with a started match for the piece.
    assert (len(small.scenario.residents), len(large.scenario.residents)) == (4, 40)
    assert (len(small.scenario.work), len(large.scenario.work)) == (2, 20)


def test_today_sets_the_reference_date_for_ages(neighbourhood):
    day = datetime.date(2030, 1, 1)
    assert load_scenario(neighbourhood.bureau, today=day).scenario.today == day
