"""Reviewing a matching round pair by pair: drop or swap a pair before confirming, the rest solved
again; a stale page never confirms; reasons and figures in words; dates in titles."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse
from django.utils import translation

from buurtbaan.audit.models import AuditEntry
from buurtbaan.matching import actions, review
from buurtbaan.matching.models import Match, MatchingRound
from tests.factories import ImpactAssignmentFactory, ImpactParticipantFactory
from tests.matching.conftest import matchable, open_piece


def url(name, bureau, **kwargs):
    return reverse(f"matching:{name}", kwargs={"bureau_slug": bureau.slug, **kwargs})


def pairs(matching_round) -> set[tuple[int, int]]:
    return {(row[0], row[1]) for row in matching_round.assignments}


@pytest.fixture
def fatima(neighbourhood):
    """A second organiser: someone else for the theatre."""
    return matchable(
        neighbourhood.bureau,
        first_name="Fatima",
        talent_names=["organiseren"],
        postcode="6828BD",
        wants="paid",
    )


@pytest.fixture
def draft(neighbourhood, personas, fatima):
    return actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)


def choose(client, neighbourhood, matching_round, **data):
    return client.post(
        url("round-choose", neighbourhood.bureau, pk=matching_round.pk),
        {"version": matching_round.version, **data},
        follow=True,
    )


# --- Drop ----------------------------------------------------------------------------------------


def test_a_coordinator_drops_a_pair_and_the_rest_is_solved_again(
    neighbourhood, personas, login, draft
):
    sandra, theatre = neighbourhood.sandra, neighbourhood.theatre
    assert (sandra.pk, theatre.pk) in pairs(draft)
    response = choose(
        login(personas.coordinator),
        neighbourhood,
        draft,
        decision="drop",
        resident=sandra.pk,
        piece=theatre.pk,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The pair has been left out and the rest solved again." in page
    draft.refresh_from_db()
    assert (sandra.pk, theatre.pk) not in pairs(draft)
    assert draft.forbidden_pairs == [[sandra.pk, theatre.pk]]
    assert draft.version == 1
    assert draft.choices[0]["kind"] == "drop"
    assert draft.choices[0]["by"] == personas.coordinator.pk
    # The theatre goes to the next best, Fatima; the round says how far that is from the best.
    assert (neighbourhood.bureau.residents.get(first_name="Fatima").pk, theatre.pk) in pairs(draft)
    assert draft.best_objective > draft.objective
    percent = review.below_best_percent(draft.objective, draft.best_objective)
    assert f"With your choices the result is {percent}% below the best result." in page
    assert "You left out 1 pair." in page
    assert "Left out: Sandra" in page
    entry = AuditEntry.objects.filter(object_type="matching.matchinground", action="change").get()
    assert entry.note == f"drop {sandra.pk}:{theatre.pk}"


def test_confirming_after_a_drop_proposes_the_rest_and_not_the_dropped_pair(
    neighbourhood, personas, draft
):
    sandra, theatre = neighbourhood.sandra, neighbourhood.theatre
    changed = actions.drop_round_pair(
        actor=personas.coordinator,
        matching_round=draft,
        resident_id=sandra.pk,
        piece_id=theatre.pk,
        version=draft.version,
    )
    count = actions.confirm_round(
        actor=personas.coordinator, matching_round=changed, version=changed.version
    )
    proposed = set(Match.objects.values_list("resident_id", "piece_id"))
    assert count == len(proposed) == len(changed.assignments)
    assert proposed == pairs(changed)
    assert (sandra.pk, theatre.pk) not in proposed


def test_dropping_a_pair_that_makes_no_difference_says_as_good(neighbourhood, personas):
    # Martinez's twin walks the dog just as well: leaving one of them out costs nothing.
    twin = matchable(
        neighbourhood.bureau,
        first_name="Jorge",
        talent_names=["zorgen", "observeren"],
        dream="Elke dag wandelen met een hond",
        postcode="6828BD",
        hours_per_week=6,
        wants="volunteer",
        available_days=["mon", "wed", "fri"],
    )
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    walker = next(r for r, p in pairs(matching_round) if p == neighbourhood.dog.pk)
    assert walker in (neighbourhood.martinez.pk, twin.pk)
    changed = actions.drop_round_pair(
        actor=personas.coordinator,
        matching_round=matching_round,
        resident_id=walker,
        piece_id=neighbourhood.dog.pk,
        version=0,
    )
    other = ({neighbourhood.martinez.pk, twin.pk} - {walker}).pop()
    assert (other, neighbourhood.dog.pk) in pairs(changed)
    assert review.below_best_percent(changed.objective, changed.best_objective) == 0
    with translation.override("en"):
        assert review.summary(changed)["quality"] == (
            "With your choices the result is as good as the best result."
        )


# --- Swap ----------------------------------------------------------------------------------------


def test_a_coordinator_chooses_another_resident_for_the_piece(
    neighbourhood, personas, login, draft, fatima
):
    sandra, theatre = neighbourhood.sandra, neighbourhood.theatre
    client = login(personas.coordinator)
    pair_page = client.get(
        url("round-pair", neighbourhood.bureau, pk=draft.pk, resident=sandra.pk, piece=theatre.pk)
    )
    assert pair_page.status_code == 200
    text = pair_page.content.decode()
    assert "is good at organiseren" in text  # the pair's reasons
    assert f'name="new_resident" value="{fatima.pk}"' in text
    assert AuditEntry.objects.filter(action="view", object_id=str(sandra.pk)).exists()
    choose(
        client,
        neighbourhood,
        draft,
        decision="swap",
        resident=sandra.pk,
        piece=theatre.pk,
        new_resident=fatima.pk,
    )
    draft.refresh_from_db()
    assert (fatima.pk, theatre.pk) in pairs(draft)
    assert (sandra.pk, theatre.pk) not in pairs(draft)
    assert draft.fixed_pairs == [[fatima.pk, theatre.pk]]
    assert draft.forbidden_pairs == [[sandra.pk, theatre.pk]]


def test_a_coordinator_chooses_other_work_for_the_resident(neighbourhood, personas, draft):
    sandra, theatre, park = neighbourhood.sandra, neighbourhood.theatre, neighbourhood.park
    options = review.swap_options(draft, sandra.pk, theatre.pk)
    assert park.pk in [piece for piece, _score in options["pieces"]]
    changed = actions.swap_round_pair(
        actor=personas.coordinator,
        matching_round=draft,
        resident_id=sandra.pk,
        piece_id=theatre.pk,
        new_piece_id=park.pk,
        version=draft.version,
    )
    assert (sandra.pk, park.pk) in pairs(changed)
    assert (sandra.pk, theatre.pk) not in pairs(changed)


def test_a_swap_to_a_pair_that_is_not_possible_changes_nothing(neighbourhood, personas, draft):
    with pytest.raises(ValidationError, match="cannot be proposed for this work"):
        actions.swap_round_pair(
            actor=personas.coordinator,
            matching_round=draft,
            resident_id=neighbourhood.sandra.pk,
            piece_id=neighbourhood.theatre.pk,
            new_resident_id=neighbourhood.no_consent.pk,  # gave no consent
            version=draft.version,
        )
    draft.refresh_from_db()
    assert draft.version == 0
    assert draft.choices == []


def test_a_pair_of_another_bureau_or_not_in_the_round_is_refused(
    neighbourhood, personas, login, draft
):
    response = choose(
        login(personas.coordinator),
        neighbourhood,
        draft,
        decision="drop",
        resident=neighbourhood.no_consent.pk,
        piece=neighbourhood.theatre.pk,
    )
    assert "This pair is not in the round" in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == 0
    not_in_round = url(
        "round-pair",
        neighbourhood.bureau,
        pk=draft.pk,
        resident=neighbourhood.no_consent.pk,
        piece=neighbourhood.theatre.pk,
    )
    assert login(personas.coordinator).get(not_in_round).status_code == 404


# --- A stale page never confirms -----------------------------------------------------------------


def test_confirming_a_page_shown_before_a_change_is_refused(neighbourhood, personas, login, draft):
    client = login(personas.coordinator)
    shown_version = draft.version
    actions.drop_round_pair(
        actor=personas.coordinator,
        matching_round=draft,
        resident_id=neighbourhood.sandra.pk,
        piece_id=neighbourhood.theatre.pk,
        version=shown_version,
    )
    response = client.post(
        url("round-confirm", neighbourhood.bureau, pk=draft.pk),
        {"decision": "confirm", "version": shown_version},
        follow=True,
    )
    assert "This round has changed since you opened the page" in response.content.decode()
    assert not Match.objects.exists()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_confirm_without_a_version_is_treated_as_stale(neighbourhood, personas, login, draft):
    login(personas.coordinator).post(
        url("round-confirm", neighbourhood.bureau, pk=draft.pk), {"decision": "confirm"}
    )
    assert not Match.objects.exists()


def test_the_stale_message_is_dutch_for_a_dutch_reader(neighbourhood, personas, draft):
    actions.drop_round_pair(
        actor=personas.coordinator,
        matching_round=draft,
        resident_id=neighbourhood.sandra.pk,
        piece_id=neighbourhood.theatre.pk,
        version=0,
    )
    with translation.override("nl"), pytest.raises(ValidationError) as raised:
        actions.confirm_round(actor=personas.coordinator, matching_round=draft, version=0)
    assert "Deze ronde is veranderd" in " ".join(raised.value.messages)


def test_dropping_from_a_stale_page_is_refused(neighbourhood, personas, draft):
    actions.drop_round_pair(
        actor=personas.coordinator,
        matching_round=draft,
        resident_id=neighbourhood.martinez.pk,
        piece_id=neighbourhood.dog.pk,
        version=0,
    )
    with pytest.raises(ValidationError, match="changed since you opened the page"):
        actions.drop_round_pair(
            actor=personas.coordinator,
            matching_round=draft,  # still the copy of version 0
            resident_id=neighbourhood.sandra.pk,
            piece_id=neighbourhood.theatre.pk,
            version=0,
        )


def test_a_confirmed_round_cannot_be_changed(neighbourhood, personas, draft):
    actions.confirm_round(actor=personas.coordinator, matching_round=draft, version=0)
    with pytest.raises(ValidationError, match="not confirmed yet"):
        actions.drop_round_pair(
            actor=personas.coordinator,
            matching_round=MatchingRound.objects.get(pk=draft.pk),
            resident_id=neighbourhood.sandra.pk,
            piece_id=neighbourhood.theatre.pk,
            version=0,
        )


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_confirming_and_dropping_at_once_never_double(
    neighbourhood, personas, fatima
):
    """Two confirms and a drop of one draft round, at once, in threads (PostgreSQL's row locks):
    one confirm proposes, the others are refused with a message; no error, no double proposal."""
    if not connection.features.has_select_for_update:
        pytest.skip("needs row locks (PostgreSQL)")
    draft = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    start = threading.Barrier(3)
    outcomes = {}

    def attempt(name, call):
        try:
            start.wait(10)
            with translation.override("en"):
                call()
            outcomes[name] = "done"
        except ValidationError as error:
            outcomes[name] = " ".join(error.messages)
        except Exception as error:  # the test reports any other failure
            outcomes[name] = f"error: {error!r}"
        finally:
            connections.close_all()

    def confirm():
        actions.confirm_round(
            actor=personas.coordinator,
            matching_round=MatchingRound.objects.get(pk=draft.pk),
            version=0,
        )

    def drop():
        actions.drop_round_pair(
            actor=personas.coordinator,
            matching_round=MatchingRound.objects.get(pk=draft.pk),
            resident_id=neighbourhood.sandra.pk,
            piece_id=neighbourhood.theatre.pk,
            version=0,
        )

    threads = [
        threading.Thread(target=attempt, args=(name, call))
        for name, call in (("first", confirm), ("second", confirm), ("drop", drop))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(outcome.startswith("error") for outcome in outcomes.values()), outcomes
    final = MatchingRound.objects.get(pk=draft.pk)
    confirmed = [name for name in ("first", "second") if outcomes[name] == "done"]
    proposals = Match.objects.filter(matching_round=final)
    if final.status == "confirmed":
        assert len(confirmed) == 1
        assert set(proposals.values_list("resident_id", "piece_id")) == pairs(final)
        assert outcomes["drop"] != "done" or final.version == 1
    else:  # the drop won: both confirms came from the page before it
        assert confirmed == []
        assert outcomes["drop"] == "done"
        assert not proposals.exists()
    assert proposals.count() == len(set(proposals.values_list("resident_id", "piece_id")))


# --- The page: reasons, figures in words, titles, queries ---------------------------------------


def test_the_round_page_says_why_each_pair_fits_and_the_figures_in_words(
    neighbourhood, personas, login, draft
):
    page = login(personas.coordinator).get(draft.get_absolute_url()).content.decode()
    assert "is good at organiseren" in page  # Sandra's reasons, as on the candidates page
    assert "Uitleg over bijverdienen" in page  # her support
    assert "All 3 open pieces of work get a proposal." in page
    assert "This is the best allocation there is" in page
    assert "<summary>Technical details</summary>" in page
    before_details = page.split("<summary>Technical details</summary>")[0]
    for solver_word in ("objective", "Objective", " ms", "Priority bonus"):
        assert solver_word not in before_details.split("<main")[-1], solver_word
    assert f"#{draft.pk}" not in page


def test_an_empty_round_reads_sensibly(personas, login):
    matching_round = MatchingRound.objects.create(bureau=personas.bureau)
    page = login(personas.coordinator).get(matching_round.get_absolute_url()).content.decode()
    assert "There was no open work with a free place when this round ran" in page
    assert "0 of 0" not in page
    assert "Confirm: propose" not in page


def test_priority_is_said_in_words(neighbourhood, personas):
    assignment = ImpactAssignmentFactory(bureau=neighbourhood.bureau, status="running")
    ImpactParticipantFactory(assignment=assignment, resident=neighbourhood.martinez)
    matching_round = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    with translation.override("en"):
        figures = review.summary(matching_round)["figures"]
    assert "1 participant of an impact assignment gets priority." in figures


def test_the_round_list_names_rounds_by_date_not_number(personas, login, draft):
    MatchingRound.objects.create(bureau=personas.bureau)  # run from the command line: no one
    response = login(personas.coordinator).get(url("round-list", personas.bureau))
    assert response.status_code == 200
    page = response.content.decode()
    assert f">#{draft.pk}<" not in page
    assert draft.run_at.astimezone().strftime("%Y") in page


def test_the_round_page_runs_the_same_queries_for_few_and_many_pairs(
    neighbourhood, personas, login, django_assert_max_num_queries
):
    client = login(personas.coordinator)

    def queries_for(matching_round):
        client.get(matching_round.get_absolute_url())  # warm the engine cache and the session
        with django_assert_max_num_queries(30) as captured:
            client.get(matching_round.get_absolute_url())
        return len(captured)

    few = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    for n in range(12):
        matchable(neighbourhood.bureau, first_name=f"Extra{n}", talent_names=["organiseren"])
        open_piece(neighbourhood.bureau, title=f"Klus {n}", talent_names=["organiseren"])
    many = actions.run_round(actor=personas.coordinator, bureau=neighbourhood.bureau)
    assert len(many.assignments) > len(few.assignments) + 5
    assert queries_for(many) == queries_for(few)


@pytest.mark.parametrize(
    ("matched", "total", "sentence"),
    [
        (0, 15, "None of the 15 open pieces of work gets a proposal."),
        (1, 15, "1 of the 15 open pieces of work gets a proposal."),
        (12, 15, "12 of the 15 open pieces of work get a proposal."),
        (15, 15, "All 15 open pieces of work get a proposal."),
        (1, 1, "The one open piece of work gets a proposal."),
    ],
)
def test_counts_read_as_sentences_without_0_of_0_or_1_pieces(matched, total, sentence, english):
    matching_round = MatchingRound(
        pieces_considered=total,
        matched_pieces=matched,
        residents_considered=20,
        matched_residents=max(matched, 1),
        places_filled=max(matched, 1),
        open_places=3,
        is_certified_optimal=True,
    )
    assert review.summary(matching_round)["figures"][0] == sentence


def test_below_best_in_words():
    assert review.below_best_percent(10.0, None) == 0
    assert review.below_best_percent(10.0, 10.0) == 0
    assert review.below_best_percent(9.99, 10.0) == 0
    assert review.below_best_percent(9.9, 10.0) == 1
    assert review.below_best_percent(9.7, 10.0) == 3
