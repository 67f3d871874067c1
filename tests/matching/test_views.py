"""The matching pages: candidates, suggested work, matches, rounds, settings, my proposals."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from buurtbaan.matching.models import Match, MatchingRound
from buurtbaan.matching.queries import settings_for
from tests.factories import MatchFactory, MembershipFactory, resident_with_account
from tests.matching.conftest import matchable


def url(name, bureau, **kwargs):
    return reverse(f"matching:{name}", kwargs={"bureau_slug": bureau.slug, **kwargs})


def text(response) -> str:
    return response.content.decode()


# --- Candidates for a piece ----------------------------------------------------------------------


def test_candidates_are_ranked_with_reasons_and_a_propose_button(neighbourhood, personas, login):
    response = login(personas.coordinator).get(
        url("piece-candidates", neighbourhood.bureau, pk=neighbourhood.theatre.pk)
    )
    assert response.status_code == 200
    page = text(response)
    first = page.index('data-resident="')
    assert page[first:].startswith(f'data-resident="{neighbourhood.sandra.pk}"')
    assert f'data-resident="{neighbourhood.martinez.pk}"' not in page  # 6 of 24 hours: too few
    assert "is good at organiseren" in page
    assert "wants to do something with theater" in page
    assert "Uitleg over bijverdienen" in page
    assert url("match-create", neighbourhood.bureau, pk=neighbourhood.theatre.pk) in page
    assert "<script>alert" not in page  # names carry a script tag: escaped


def test_proposing_from_the_candidates(neighbourhood, personas, login):
    client = login(personas.coach)
    response = client.post(
        url("match-create", neighbourhood.bureau, pk=neighbourhood.theatre.pk),
        {"resident": neighbourhood.sandra.pk, "return_to": "piece", "note": "Past bij haar droom"},
        follow=True,
    )
    match = Match.objects.get()
    assert (match.resident, match.piece, match.proposed_by) == (
        neighbourhood.sandra,
        neighbourhood.theatre,
        personas.coach,
    )
    assert match.proposal_note == "Past bij haar droom"
    assert "has been proposed" in text(response)
    # Proposed once: not a candidate any more, but listed under the proposals so far.
    assert f'data-resident="{neighbourhood.sandra.pk}"' not in text(response)


def test_only_staff_who_may_see_the_profile_see_and_propose_a_resident(
    neighbourhood, personas, login
):
    """Sandra has another coach and did not share her profile with all coaches: a suggestion
    would tell what her profile fits, so this coach does not see her among the candidates and
    cannot propose her (403); her own coach can."""
    sandra = neighbourhood.sandra
    sandra.coach = personas.other_coach
    sandra.save(update_fields=["coach"])
    candidates = url("piece-candidates", neighbourhood.bureau, pk=neighbourhood.theatre.pk)
    create = url("match-create", neighbourhood.bureau, pk=neighbourhood.theatre.pk)
    client = login(personas.coach)
    page = text(client.get(candidates))
    assert f'data-resident="{sandra.pk}"' not in page
    assert sandra.last_name not in page
    response = client.post(create, {"resident": sandra.pk, "return_to": "piece"})
    assert response.status_code == 403
    assert not Match.objects.exists()

    other_coach = login(personas.other_coach)
    assert f'data-resident="{sandra.pk}"' in text(other_coach.get(candidates))
    response = other_coach.post(create, {"resident": sandra.pk, "return_to": "piece"})
    assert response.status_code == 302
    assert Match.objects.get().proposed_by == personas.other_coach


def test_a_refused_proposal_says_why(neighbourhood, personas, login):
    response = login(personas.coach).post(
        url("match-create", neighbourhood.bureau, pk=neighbourhood.theatre.pk),
        {"resident": neighbourhood.no_consent.pk, "return_to": "piece"},
        follow=True,
    )
    assert "has not agreed to be proposed" in text(response)
    assert not Match.objects.exists()


def test_a_resident_of_another_bureau_cannot_be_proposed(neighbourhood, personas, login):
    stranger = matchable(personas.other_bureau)
    response = login(personas.coach).post(
        url("match-create", neighbourhood.bureau, pk=neighbourhood.theatre.pk),
        {"resident": stranger.pk, "return_to": "piece"},
    )
    assert response.status_code == 404


def test_group_work_shows_a_team_that_can_be_proposed_at_once(neighbourhood, personas, login):
    client = login(personas.coordinator)
    page = text(client.get(url("piece-candidates", neighbourhood.bureau, pk=neighbourhood.park.pk)))
    assert "A team for this group work" in page
    assert "Propose this team" in page
    response = client.post(
        url("team-propose", neighbourhood.bureau, pk=neighbourhood.park.pk),
        {"residents": [neighbourhood.sandra.pk, neighbourhood.martinez.pk]},
        follow=True,
    )
    assert "2 residents have been proposed" in text(response)
    assert set(Match.objects.values_list("source", flat=True)) == {"team"}


def test_a_coach_cannot_propose_a_team_with_someone_they_may_not_see(
    neighbourhood, personas, login
):
    for resident in (neighbourhood.sandra, neighbourhood.martinez):
        resident.coach = personas.other_coach
        resident.save(update_fields=["coach"])
    client = login(personas.coach)
    page = text(client.get(url("piece-candidates", neighbourhood.bureau, pk=neighbourhood.park.pk)))
    assert "A team for this group work" in page
    assert "Propose this team" not in page
    assert "a coordinator can propose this team" in page
    response = client.post(
        url("team-propose", neighbourhood.bureau, pk=neighbourhood.park.pk),
        {"residents": [neighbourhood.sandra.pk, neighbourhood.martinez.pk]},
    )
    assert response.status_code == 403
    assert not Match.objects.exists()


def test_a_coach_sees_no_candidate_whose_profile_is_not_theirs(neighbourhood, personas, login):
    other_coach_resident = matchable(
        neighbourhood.bureau,
        talent_names=["organiseren"],
        dream="Iets in het theater",
        postcode="6828BK",
        coach=personas.other_coach,
    )
    theatre = url("piece-candidates", neighbourhood.bureau, pk=neighbourhood.theatre.pk)
    assert f'data-resident="{other_coach_resident.pk}"' not in text(
        login(personas.coach).get(theatre)
    )
    assert f'data-resident="{other_coach_resident.pk}"' in text(
        login(personas.coordinator).get(theatre)
    )


# --- Suggested work for a resident ---------------------------------------------------------------


def test_suggested_work_for_a_resident(neighbourhood, personas, login):
    client = login(personas.coach)
    response = client.get(
        url("resident-suggestions", neighbourhood.bureau, pk=neighbourhood.martinez.pk)
    )
    page = text(response)
    assert f'data-piece="{neighbourhood.dog.pk}"' in page
    assert "available on Monday, Wednesday and Friday" in page
    response = client.post(
        url("match-create", neighbourhood.bureau, pk=neighbourhood.dog.pk),
        {"resident": neighbourhood.martinez.pk, "return_to": "resident"},
    )
    assert response.url == url(
        "resident-suggestions", neighbourhood.bureau, pk=neighbourhood.martinez.pk
    )
    assert Match.objects.get().piece == neighbourhood.dog


def test_the_support_a_resident_needs_is_shown_once_above_their_suggestions(
    neighbourhood, personas, login
):
    page = text(
        login(personas.coach).get(
            url("resident-suggestions", neighbourhood.bureau, pk=neighbourhood.sandra.pk)
        )
    )
    assert page.count('data-piece="') >= 2  # several suggestions ...
    assert (
        page.count("Uitleg over bijverdienen") == 1
    )  # ... one list of support, open barriers only
    assert "Al geregeld" not in page
    assert page.index("Uitleg over bijverdienen") < page.index('data-piece="')


def test_suggested_work_is_only_for_staff_who_may_see_the_profile(neighbourhood, personas, login):
    resident = matchable(neighbourhood.bureau, coach=personas.other_coach)
    response = login(personas.coach).get(
        url("resident-suggestions", neighbourhood.bureau, pk=resident.pk)
    )
    assert response.status_code == 403


# --- Matches -------------------------------------------------------------------------------------


def test_the_match_list_runs_a_fixed_number_of_queries(personas, login, django_assert_num_queries):
    client = login(personas.coordinator)
    list_url = url("match-list", personas.bureau)
    MatchFactory.create_batch(2, bureau=personas.bureau)
    client.get(list_url)  # warm up: session, settings
    cache.clear()  # so that each page view writes its read-audit entry (one insert)
    with django_assert_num_queries(9) as small:
        assert client.get(list_url).status_code == 200
    MatchFactory.create_batch(18, bureau=personas.bureau)
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(list_url)
    assert "20 matches" in text(response)


def test_the_match_list_filters_with_htmx(personas, login):
    MatchFactory(bureau=personas.bureau, status="started")
    MatchFactory(bureau=personas.bureau, status="declined")
    response = login(personas.coach).get(
        url("match-list", personas.bureau), {"status": "active"}, HTTP_HX_REQUEST="true"
    )
    page = text(response)
    assert "<html" not in page
    assert "1 match" in page


def test_the_match_page_shows_its_history_and_next_steps(neighbourhood, personas, login):
    client = login(personas.coordinator)
    client.post(
        url("match-create", neighbourhood.bureau, pk=neighbourhood.theatre.pk),
        {"resident": neighbourhood.sandra.pk, "return_to": "piece"},
    )
    match = Match.objects.get()
    detail = url("match-detail", neighbourhood.bureau, pk=match.pk)
    page = text(client.get(detail))
    assert "is good at organiseren" in page
    assert 'value="accept"' in page
    assert 'value="start"' not in page  # only after the resident accepted
    step = url("match-step", neighbourhood.bureau, pk=match.pk)
    response = client.post(step, {"step": "start"}, follow=True)
    assert "This step is not possible" in text(response)
    client.post(step, {"step": "accept", "reason": "Sandra belde"})
    response = client.post(step, {"step": "start"}, follow=True)
    assert "has been updated" in text(response)
    match.refresh_from_db()
    assert match.status == "started"
    page = text(response)
    assert "Sandra belde" in page
    assert page.count('class="matching-history"') == 1


def test_stopping_without_a_reason_is_refused(personas, login):
    match = MatchFactory(bureau=personas.bureau)
    response = login(personas.coach).post(
        url("match-step", personas.bureau, pk=match.pk), {"step": "stop"}, follow=True
    )
    assert "Say why the match stops" in text(response)
    match.refresh_from_db()
    assert match.status == "proposed"


# --- Rounds --------------------------------------------------------------------------------------


def test_a_coordinator_runs_checks_and_confirms_a_round(neighbourhood, personas, login):
    client = login(personas.coordinator)
    response = client.post(url("round-list", neighbourhood.bureau), follow=True)
    matching_round = MatchingRound.objects.get()
    page = text(response)
    assert f"Matching round #{matching_round.pk}" not in page  # no internal id in the title
    assert "Matching round of " in page
    assert "This is the best allocation there is" in page
    assert "Conciërge theater" in page
    response = client.post(
        url("round-confirm", neighbourhood.bureau, pk=matching_round.pk),
        {"decision": "confirm", "version": matching_round.version},
        follow=True,
    )
    count = Match.objects.filter(matching_round=matching_round).count()
    assert count > 0
    assert f"{count} proposal" in text(response)
    assert "Confirm: propose" not in text(response)


def test_a_round_page_pages_through_its_allocation_in_fixed_queries(
    personas, login, django_assert_num_queries
):
    residents = [matchable(personas.bureau) for _ in range(3)]
    matching_round = MatchingRound.objects.create(
        bureau=personas.bureau, assignments=[[r.pk, 999, 0.5, 0.0] for r in residents] * 20
    )
    client = login(personas.coach)
    detail = url("round-detail", personas.bureau, pk=matching_round.pk)
    client.get(detail)
    with django_assert_num_queries(7):
        response = client.get(detail)
    assert "60 pairs" in text(response)
    assert "Page 1 of 2" in text(response)


def test_a_coordinator_can_set_a_round_aside(neighbourhood, personas, login):
    matching_round = MatchingRound.objects.create(bureau=neighbourhood.bureau)
    login(personas.coordinator).post(
        url("round-confirm", neighbourhood.bureau, pk=matching_round.pk), {"decision": "discard"}
    )
    matching_round.refresh_from_db()
    assert matching_round.status == "discarded"


# --- Settings ------------------------------------------------------------------------------------


def test_settings_keep_what_was_typed_and_say_what_is_wrong(personas, login):
    client = login(personas.coordinator)
    data = {
        "weight_talents": "0",
        "weight_skills": "0",
        "weight_dream": "0",
        "weight_distance": "0",
        "weight_hours": "0",
        "weight_days": "0",
        "weight_paid": "0",
        "priority_weight": "0.2",
        "team_coverage": "0.5",
        "min_score": "1.5",
        "max_open_proposals": "2",
    }
    response = client.post(url("settings", personas.bureau), data)
    assert response.status_code == 200
    page = text(response)
    assert "Ensure this value is less than or equal to 1" in page
    assert 'value="0.2"' in page
    data["min_score"] = "0.4"
    response = client.post(url("settings", personas.bureau), data)
    assert "at least one of the weights" in text(response)
    data["weight_dream"] = "1"
    response = client.post(url("settings", personas.bureau), data)
    assert response.status_code == 302
    settings = settings_for(personas.bureau)
    assert settings.weight_dream == Decimal("1")
    assert settings.max_open_proposals == 2


# --- The resident's own proposals ----------------------------------------------------------------


def test_a_resident_sees_their_own_proposals_only(neighbourhood, personas, login):
    mine = MatchFactory(
        bureau=neighbourhood.bureau, resident=neighbourhood.sandra, piece=neighbourhood.theatre
    )
    theirs = MatchFactory(
        bureau=neighbourhood.bureau, resident=neighbourhood.martinez, piece=neighbourhood.dog
    )
    client = login(neighbourhood.sandra.user)
    page = text(client.get(url("my-proposals", neighbourhood.bureau)))
    assert f'data-match="{mine.pk}"' in page
    assert f'data-match="{theirs.pk}"' not in page
    assert "is good at koken" in page
    assert (
        client.get(url("my-proposal-answer", neighbourhood.bureau, pk=theirs.pk)).status_code == 404
    )
    assert (
        client.post(
            url("my-proposal-answer", neighbourhood.bureau, pk=theirs.pk), {"answer": "accept"}
        ).status_code
        == 404
    )
    assert (
        client.get(url("my-proposal-answer", neighbourhood.bureau, pk=mine.pk)).status_code == 200
    )


def test_a_resident_without_a_record_sees_an_empty_page(personas, login):
    response = login(personas.resident).get(url("my-proposals", personas.bureau))
    assert "There are no proposals waiting for you" in text(response)


@pytest.mark.parametrize(("answer", "status"), [("accept", "proposed"), ("decline", "declined")])
def test_a_resident_answers_a_proposal(neighbourhood, login, answer, status):
    match = MatchFactory(
        bureau=neighbourhood.bureau, resident=neighbourhood.sandra, piece=neighbourhood.theatre
    )
    client = login(neighbourhood.sandra.user)
    response = client.post(
        url("my-proposal-answer", neighbourhood.bureau, pk=match.pk),
        {"answer": answer, "reason": "Mijn eigen woorden"},
        follow=True,
    )
    match.refresh_from_db()
    assert match.status == status
    assert (match.accepted_at is not None) == (answer == "accept")
    event = match.events.get()
    assert event.actor == neighbourhood.sandra.user
    assert event.reason == "Mijn eigen woorden"
    assert "Thank you" in text(response)
    again = client.post(
        url("my-proposal-answer", neighbourhood.bureau, pk=match.pk),
        {"answer": "accept"},
        follow=True,
    )
    assert "You already answered" in text(again)


def test_an_answer_needs_yes_or_no(neighbourhood, login):
    match = MatchFactory(
        bureau=neighbourhood.bureau, resident=neighbourhood.sandra, piece=neighbourhood.theatre
    )
    response = login(neighbourhood.sandra.user).post(
        url("my-proposal-answer", neighbourhood.bureau, pk=match.pk), {"reason": "Hmm"}
    )
    assert response.status_code == 200
    assert "Choose yes or no" in text(response)
    assert "Hmm" in text(response)


def test_my_proposals_run_a_fixed_number_of_queries(personas, login, django_assert_num_queries):
    resident = resident_with_account(personas.bureau)
    client = login(resident.user)
    MatchFactory.create_batch(2, bureau=personas.bureau, resident=resident, source="suggestion")
    my_url = url("my-proposals", personas.bureau)
    client.get(my_url)
    with django_assert_num_queries(5) as small:
        client.get(my_url)
    MatchFactory.create_batch(18, bureau=personas.bureau, resident=resident, status="completed")
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(my_url)
    assert text(response).count("data-match=") == 20


def test_a_resident_of_another_bureau_sees_nothing_here(neighbourhood, personas, login):
    outsider = MembershipFactory(bureau=personas.other_bureau, role="resident").user
    assert login(outsider).get(url("my-proposals", neighbourhood.bureau)).status_code == 404


def test_the_round_list_runs_a_fixed_number_of_queries(personas, login, django_assert_num_queries):
    client = login(personas.coordinator)
    list_url = url("round-list", personas.bureau)
    for _ in range(2):
        MatchingRound.objects.create(bureau=personas.bureau, run_by=personas.coordinator)
    client.get(list_url)
    with django_assert_num_queries(7) as small:
        client.get(list_url)
    for _ in range(18):
        MatchingRound.objects.create(bureau=personas.bureau, run_by=personas.coach)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(list_url)
    assert text(response).count("koppelen/rondes/") >= 20


def test_candidate_pages_run_a_fixed_number_of_queries(
    personas, areas, login, django_assert_num_queries
):
    from tests.matching.conftest import open_piece

    bureau = personas.bureau
    piece = open_piece(bureau, talent_names=["koken"], people_needed=1)
    resident = matchable(bureau, talent_names=["koken"])
    for _ in range(2):
        MatchFactory(bureau=bureau, piece=piece, status="declined")
        matchable(bureau, talent_names=["koken"])
    client = login(personas.coordinator)
    pages = [
        url("piece-candidates", bureau, pk=piece.pk),
        url("resident-suggestions", bureau, pk=resident.pk),
    ]
    counts = []
    for page_url in pages:
        client.get(page_url)  # builds the engine
        with django_assert_num_queries(14, exact=False) as captured:
            client.get(page_url)
        counts.append(len(captured.captured_queries))
    for _ in range(18):
        MatchFactory(bureau=bureau, piece=piece, status="declined")
        matchable(bureau, talent_names=["koken"])
        open_piece(bureau, talent_names=["koken"])
    for page_url, count in zip(pages, counts, strict=True):
        client.get(page_url)
        with django_assert_num_queries(count):
            response = client.get(page_url)
        assert response.status_code == 200


# --- Review: permissions, htmx, round proposals shown lazily --------------------------------------


def test_a_team_with_a_resident_of_another_bureau_is_not_proposed(neighbourhood, personas, login):
    stranger = matchable(personas.other_bureau, talent_names=["zorgen"])
    response = login(personas.coordinator).post(
        url("team-propose", neighbourhood.bureau, pk=neighbourhood.park.pk),
        {"residents": [neighbourhood.sandra.pk, stranger.pk]},
    )
    assert response.status_code == 404
    assert not Match.objects.exists()


def test_htmx_restoring_the_list_from_history_gets_the_whole_page(personas, login):
    response = login(personas.coach).get(
        url("match-list", personas.bureau),
        {"status": "active"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in text(response)


def test_a_coach_who_may_not_see_the_profile_neither_sees_nor_moves_the_match(personas, login):
    resident = matchable(personas.bureau, coach=personas.other_coach)
    match = MatchFactory(bureau=personas.bureau, resident=resident)
    detail = url("match-detail", personas.bureau, pk=match.pk)
    step = url("match-step", personas.bureau, pk=match.pk)
    assert login(personas.other_coach).get(detail).status_code == 200
    coach = login(personas.coach)
    assert coach.get(detail).status_code == 404
    assert coach.post(step, {"step": "stop", "reason": "weg"}).status_code == 404
    assert resident.last_name not in text(coach.get(url("match-list", personas.bureau)))
    match.refresh_from_db()
    assert match.status == "proposed"


def _round_proposals(bureau, count):
    from buurtbaan.matching.models import MatchingRound
    from tests.factories import ConsentFactory
    from tests.matching.conftest import open_piece

    resident = resident_with_account(bureau, hours_per_week=24, travel="anywhere")
    ConsentFactory(resident=resident, scope="matching")
    matching_round = MatchingRound.objects.create(bureau=bureau, status="confirmed")
    for _ in range(count):
        piece = open_piece(bureau, talent_names=["koken"])
        MatchFactory(
            bureau=bureau,
            resident=resident,
            piece=piece,
            source="round",
            matching_round=matching_round,
            reasons=[],
            support=[],
        )
    resident.talents.set(piece.talents_needed.all())
    return resident


def test_round_proposals_get_reasons_in_the_readers_language_in_fixed_queries(
    personas, areas, client, login, settings, django_assert_num_queries
):
    from tests.matching.conftest import open_piece

    settings.MATCHING_CACHE_SECONDS = 0  # every page builds the engine: once, not per proposal
    bureau = personas.bureau
    resident = _round_proposals(bureau, 2)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    my_url = url("my-proposals", bureau)
    login(resident.user)
    client.get(my_url)  # warm up: session, settings created on first use
    assert not Match.objects.filter(reasons=[]).exists()
    Match.objects.update(reasons=[])
    with django_assert_num_queries(20, exact=False) as small:
        page = text(client.get(my_url))
    assert page.count("is goed in koken") == 2
    assert not Match.objects.filter(reasons=[]).exists()
    for _ in range(8):
        MatchFactory(
            bureau=bureau,
            resident=resident,
            piece=open_piece(bureau, talent_names=["koken"]),
            source="round",
            reasons=[],
        )
    Match.objects.update(reasons=[])
    with django_assert_num_queries(len(small.captured_queries)):
        page = text(client.get(my_url))
    assert page.count("is goed in koken") == 10
    assert not Match.objects.filter(reasons=[]).exists()
