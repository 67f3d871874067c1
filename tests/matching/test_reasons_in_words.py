"""Reasons in words: a reason only says what is true and helps; points to watch and support are
their own labelled lists; equal fits are ordered by what tells the candidates apart."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from buurtbaan.matching import reasons, suggestions
from buurtbaan.residents.models import Resident
from tests.factories import BarrierFactory, MatchFactory, resident_with_account
from tests.matching.conftest import matchable, open_piece


def url(name, bureau, **kwargs):
    return reverse(f"matching:{name}", kwargs={"bureau_slug": bureau.slug, **kwargs})


def _lists(page: str) -> dict[str, list[str]]:
    """Label → the items of the <ul> that follows it, for each labelled list of a page."""
    found = {}
    for label, items in re.findall(r"<strong>([^<]+)</strong>\s*<ul[^>]*>(.*?)</ul>", page, re.S):
        found.setdefault(label.strip(), []).extend(
            item.strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", items, re.S)
        )
    return found


@pytest.fixture
def voluntary(personas, areas):
    """Voluntary group work, and a resident who fits it but would rather have paid work."""
    resident = matchable(
        personas.bureau,
        first_name="Sandra",
        talent_names=["organiseren"],
        postcode="6828BC",
        wants="paid",
        hours_per_week=24,
    )
    BarrierFactory(resident=resident, support_needed="Uitleg over bijverdienen")
    BarrierFactory(resident=resident, support_needed="Hulp bij vervoer")
    piece = open_piece(
        personas.bureau,
        title="Plantsoen onderhouden",
        kind="groepswerk",
        people_needed=3,
        talent_names=["organiseren", "tuinieren"],
        hours_per_week=4,
        is_paid=False,
        postcode="6828BK",
    )
    return resident, piece


# --- What is a reason and what is a point to watch -----------------------------------------------


def test_rather_paid_work_is_never_a_reason_for_voluntary_work(voluntary, personas):
    resident, piece = voluntary
    pair = reasons.reasons_for_pair(personas.bureau, resident.pk, piece.pk)
    assert {"code": "prefers_paid", "params": {}} in pair.reasons
    assert "would rather have paid work" not in pair.helpful
    assert "would rather have paid work" in pair.to_watch
    assert "the work also asks for: tuinieren" in pair.to_watch
    assert "is good at organiseren" in pair.helpful
    assert "has enough time (24 hours a week)" in pair.helpful
    assert pair.support == ["Uitleg over bijverdienen", "Hulp bij vervoer"]


def test_paid_work_for_someone_who_wants_it_is_a_reason():
    wants = [{"code": "wants_paid", "params": {}}, {"code": "wants_volunteer", "params": {}}]
    assert reasons.helpful(wants) == ["wants paid work", "wants to do voluntary work"]
    assert reasons.to_watch(wants) == []


@pytest.mark.parametrize(("km", "is_reason"), [(0.3, True), (4.0, True), (6.5, False)])
def test_a_long_way_is_a_point_to_watch(km, is_reason):
    reason = {"code": "distance", "params": {"km": km}}
    assert reasons.is_helpful(reason) is is_reason


@pytest.mark.parametrize(
    "code",
    ["missing_talents", "distance_unknown", "no_shared_days", "few_hours", "prefers_volunteer"],
)
def test_what_does_not_fit_is_never_a_reason(code):
    assert not reasons.is_helpful({"code": code, "params": {}})


def test_the_candidates_page_shows_three_labelled_lists(voluntary, personas, login):
    resident, piece = voluntary
    page = login(personas.coordinator).get(url("piece-candidates", personas.bureau, pk=piece.pk))
    page = page.content.decode()
    assert f'data-resident="{resident.pk}"' in page
    lists = _lists(page)
    assert "would rather have paid work" in lists["Points to watch:"]
    assert "would rather have paid work" not in lists["Why it fits:"]
    assert "is good at organiseren" in lists["Why it fits:"]
    assert lists["Support needed:"][:2] == ["Uitleg over bijverdienen", "Hulp bij vervoer"]
    # Never run together: no sentence follows another without a list item in between.
    assert "organiseren has enough" not in page
    assert "bijverdienen; Hulp" not in page


def test_the_residents_own_proposal_separates_reasons_and_support(personas, login):
    resident = resident_with_account(personas.bureau, user__email="eigen@buurtbaan.example")
    MatchFactory(
        bureau=personas.bureau,
        resident=resident,
        reasons=[
            {"code": "same_area", "params": {}},
            {"code": "enough_hours", "params": {"resident_hours": 24, "work_hours": 8}},
            {"code": "prefers_paid", "params": {}},
        ],
        support=["Taalcoach", "Uitleg over bijverdienen"],
    )
    client = login(resident.user)
    for page in (
        client.get(url("my-proposals", personas.bureau)).content.decode(),
        client.get(
            reverse("residents:mydata", kwargs={"bureau_slug": personas.bureau.slug})
        ).content.decode(),
    ):
        assert "lives in the same neighbourhood has enough" not in page
        assert "<li>lives in the same neighbourhood</li>" in page
        assert "<li>has enough time (24 hours a week)</li>" in page
        assert "<li>would rather have paid work</li>" in page
        assert "<li>Taalcoach</li><li>Uitleg over bijverdienen</li>" in page
        assert "Taalcoach; Uitleg" not in page


def test_reasons_for_a_pair_cost_no_query_with_the_prepared_engine(
    voluntary, personas, django_assert_num_queries
):
    resident, piece = voluntary
    prepared = suggestions.prepared_engine(personas.bureau)
    with django_assert_num_queries(0):
        pair = reasons.reasons_for_pair(personas.bureau, resident.pk, piece.pk, prepared=prepared)
    assert pair.percent == reasons.score_percent(pair.score)
    assert pair.is_allowed
    assert reasons.reasons_for_pair(personas.bureau, resident.pk, 10**9, prepared=prepared) is None


def test_reasons_for_a_pair_that_may_not_be_proposed_say_why(voluntary, personas):
    resident, piece = voluntary
    Resident.objects.filter(pk=resident.pk).update(is_ready_to_propose=False)
    pair = reasons.reasons_for_pair(personas.bureau, resident.pk, piece.pk)
    assert not pair.is_allowed
    assert pair.to_watch[0] == (
        "cannot be proposed yet: has had no intake yet, and no coach marked them ready to be "
        "proposed"
    )


# --- Ties ----------------------------------------------------------------------------------------


@pytest.fixture
def tied(personas, areas):
    """Five residents with the same fit for a piece that asks no days: only their availability
    and how long they have waited tell them apart."""
    piece = open_piece(
        personas.bureau,
        title="Buurtfeest",
        kind="groepswerk",
        people_needed=5,
        talent_names=["organiseren"],
        hours_per_week=4,
        postcode="6828BK",
    )

    def resident(name, days, hours, registered_days_ago):
        person = matchable(
            personas.bureau,
            first_name=name,
            talent_names=["organiseren"],
            postcode="6828BC",
            available_days=days,
            hours_per_week=hours,
        )
        Resident.objects.filter(pk=person.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=registered_days_ago)
        )
        return person

    # Created in an order that the ranking must not follow.
    few_days = resident("Aad", ["mon"], 20, 30)
    waited_less = resident("Bep", ["mon", "tue", "wed"], 20, 10)
    fewer_hours = resident("Cor", ["mon", "tue", "wed"], 8, 30)
    best = resident("Dirk", ["mon", "tue", "wed"], 20, 30)
    same_as_best = resident("Els", ["mon", "tue", "wed"], 20, 30)
    Resident.objects.filter(pk=same_as_best.pk).update(
        created_at=Resident.objects.get(pk=best.pk).created_at
    )
    return piece, [best, same_as_best, waited_less, fewer_hours, few_days]


def test_equal_fits_are_ordered_by_availability_then_time_waiting_then_id(tied, personas):
    piece, expected = tied
    found = suggestions.candidates_for_piece(personas.bureau, piece)
    assert len({reasons.score_percent(c.score) for c in found.candidates}) == 1
    assert [c.resident.pk for c in found.candidates] == [r.pk for r in expected]
    assert found.has_ties
    # A cut-off inside the tie takes the best of all tied, not the first ones in the table.
    top = suggestions.candidates_for_piece(personas.bureau, piece, k=2)
    assert [c.resident.pk for c in top.candidates] == [r.pk for r in expected[:2]]


def test_a_nearer_resident_goes_first_among_equal_fits(personas, areas):
    piece = open_piece(personas.bureau, talent_names=["organiseren"], postcode="6828BK")
    far = matchable(personas.bureau, talent_names=["organiseren"], postcode="6826AA")
    near = matchable(personas.bureau, talent_names=["organiseren"], postcode="6828BC")
    prepared = suggestions.prepared_engine(personas.bureau)
    j = prepared.work_position(piece.pk)
    # Make their fit equal: only the distance is left to tell them apart.
    prepared.scores[:, j] = 0.6
    rows = suggestions.ranked_positions(prepared, prepared.allowed[:, j], 10, piece=j)
    assert [prepared.residents[i].id for i in rows] == [near.pk, far.pk]


def test_the_page_says_how_equal_fits_are_ordered(tied, personas, login):
    piece, _expected = tied
    page = login(personas.coordinator).get(url("piece-candidates", personas.bureau, pk=piece.pk))
    assert "Equal fit: the order is by availability, distance, dream and time waiting." in (
        page.content.decode()
    )


def test_the_page_says_nothing_about_ties_without_them(voluntary, personas, login):
    _resident, piece = voluntary
    page = login(personas.coordinator).get(url("piece-candidates", personas.bureau, pk=piece.pk))
    assert "Equal fit" not in page.content.decode()


def test_work_for_a_resident_breaks_ties_by_availability(personas, areas):
    resident = matchable(
        personas.bureau,
        talent_names=["organiseren"],
        postcode="6828BC",
        available_days=["mon", "tue"],
    )
    one_day = open_piece(
        personas.bureau, talent_names=["organiseren"], postcode="6828BK", days=["mon"]
    )
    two_days = open_piece(
        personas.bureau, talent_names=["organiseren"], postcode="6828BK", days=["mon", "tue"]
    )
    found = suggestions.work_for_resident(personas.bureau, resident)
    assert len({reasons.score_percent(c.score) for c in found.candidates}) == 1
    assert [c.piece.pk for c in found.candidates] == [two_days.pk, one_day.pk]
