"""One rule of who may be proposed (`matching.eligibility`), in all four paths: single suggestions,
teams, the matching round (and confirming it), and the propose action's own check."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from buurtbaan.audit.models import AuditEntry
from buurtbaan.matching import actions, eligibility, suggestions
from buurtbaan.matching.models import Match
from buurtbaan.residents import actions as resident_actions
from buurtbaan.residents.models import Consent, Intake, Stage
from tests.factories import IntakeFactory
from tests.matching.conftest import matchable, open_piece


def _no_consent(resident):
    Consent.objects.filter(resident=resident).update(withdrawn_at=timezone.now())


def _not_confirmed(resident):
    resident.user.is_active = False
    resident.user.last_login = None
    resident.user.save(update_fields=["is_active", "last_login"])


def _no_intake(resident):
    type(resident).objects.filter(pk=resident.pk).update(is_ready_to_propose=False)


def _nothing_to_match(resident):
    resident.talents.clear()
    resident.dreams.all().delete()
    type(resident).objects.filter(pk=resident.pk).update(own_talent_words="", skills="")


def _stage(stage):
    def change(resident):
        type(resident).objects.filter(pk=resident.pk).update(stage=stage)

    return change


def _outside_area(resident):
    # Amsterdam, not in the postcode table: the engine cannot check the distance.
    type(resident).objects.filter(pk=resident.pk).update(postcode="1012AB", is_outside_area=True)


def _outside_area_neighbourhood_only(resident):
    # Known postcode just outside the bureau's area, but only work in their own neighbourhood.
    type(resident).objects.filter(pk=resident.pk).update(
        postcode="6826AA", is_outside_area=True, travel="neighbourhood"
    )


CONDITIONS = [
    pytest.param(_no_consent, "no_consent", id="no_consent"),
    pytest.param(_not_confirmed, "not_confirmed", id="not_confirmed"),
    pytest.param(_no_intake, "no_intake", id="no_intake"),
    pytest.param(_nothing_to_match, "nothing_to_match", id="nothing_to_match"),
    pytest.param(_stage(Stage.NOT_NOW), "not_now", id="not_now"),
    pytest.param(_stage(Stage.REFERRED), "referred", id="referred"),
    pytest.param(_outside_area, "outside_area", id="outside_area"),
    pytest.param(_outside_area_neighbourhood_only, "outside_area", id="outside_area_wijk"),
]


@pytest.fixture
def pair(personas, areas):
    """A resident who fits a piece of group work well and may be proposed, and the piece."""
    bureau = personas.bureau
    resident = matchable(
        bureau,
        first_name="Sandra",
        talent_names=["organiseren"],
        dream="Iets met het plantsoen",
        postcode="6828BC",
        account=True,
    )
    piece = open_piece(
        bureau,
        title="Plantsoen onderhouden",
        description="Samen het plantsoen bijhouden",
        kind="groepswerk",
        people_needed=2,
        talent_names=["organiseren"],
        hours_per_week=4,
        postcode="6828BK",
    )
    return resident, piece


def _fresh(resident):
    return type(resident).objects.get(pk=resident.pk)


def test_the_resident_of_the_fixture_may_be_proposed_everywhere(pair, personas):
    resident, piece = pair
    assert eligibility.not_proposable(resident) == []
    found = suggestions.candidates_for_piece(personas.bureau, piece)
    assert [c.resident.pk for c in found.candidates] == [resident.pk]
    assert [m.resident.pk for m in suggestions.team_for_piece(personas.bureau, piece).members] == [
        resident.pk
    ]
    computed = suggestions.compute_round(personas.bureau)
    assert [a.resident_id for a in computed.result.assignments] == [resident.pk]


@pytest.mark.parametrize(("fail", "code"), CONDITIONS)
def test_each_condition_has_its_code_and_a_reason(pair, fail, code):
    resident, _piece = pair
    fail(resident)
    assert eligibility.not_proposable(resident) == [code]
    assert eligibility.reasons([code])
    assert eligibility.badges([code])[0][0] == code


@pytest.mark.parametrize(("fail", "code"), CONDITIONS)
def test_a_single_suggestion_leaves_them_out(pair, personas, fail, code):
    resident, piece = pair
    fail(resident)
    found = suggestions.candidates_for_piece(personas.bureau, piece)
    assert resident.pk not in [c.resident.pk for c in found.candidates]
    for_resident = suggestions.work_for_resident(personas.bureau, _fresh(resident))
    assert for_resident.candidates == []
    assert for_resident.unavailable


@pytest.mark.parametrize(("fail", "code"), CONDITIONS)
def test_a_team_leaves_them_out(pair, personas, fail, code):
    resident, piece = pair
    fail(resident)
    team = suggestions.team_for_piece(personas.bureau, piece)
    assert resident.pk not in [member.resident.pk for member in team.members]


@pytest.mark.parametrize(("fail", "code"), CONDITIONS)
def test_the_round_leaves_them_out(pair, personas, fail, code):
    resident, _piece = pair
    fail(resident)
    computed = suggestions.compute_round(personas.bureau)
    assert computed.result.assignments == ()
    assert computed.residents_considered == 0


@pytest.mark.parametrize(("fail", "code"), CONDITIONS)
def test_confirming_a_round_skips_who_may_no_longer_be_proposed(pair, personas, fail, code):
    resident, _piece = pair
    matching_round = actions.run_round(actor=personas.coordinator, bureau=personas.bureau)
    assert [row[0] for row in matching_round.assignments] == [resident.pk]
    fail(resident)
    assert actions.confirm_round(actor=personas.coordinator, matching_round=matching_round) == 0
    assert not Match.objects.exists()


@pytest.mark.parametrize(("fail", "code"), CONDITIONS)
def test_proposing_refuses_them_with_the_reason(pair, personas, fail, code):
    resident, piece = pair
    fail(resident)
    with pytest.raises(ValidationError) as error:
        actions.propose_match(actor=personas.coordinator, piece=piece, resident=_fresh(resident))
    message = " ".join(error.value.messages)
    if code == "no_consent":
        assert "has not agreed to be proposed" in message
    else:
        assert str(eligibility.REASONS[code]) in message
    assert not Match.objects.exists()


def test_a_completed_intake_is_as_good_as_the_coachs_mark(pair, personas):
    resident, piece = pair
    _no_intake(resident)
    IntakeFactory(resident=resident, completed_at=timezone.now())
    assert eligibility.not_proposable(resident) == []
    assert actions.propose_match(actor=personas.coordinator, piece=piece, resident=resident)


def test_an_open_intake_is_not_enough(pair):
    resident, _piece = pair
    _no_intake(resident)
    IntakeFactory(resident=resident)
    assert Intake.objects.filter(resident=resident, completed_at__isnull=True).exists()
    assert eligibility.not_proposable(resident) == ["no_intake"]


def test_someone_outside_the_area_who_travels_from_a_known_postcode_may_be_proposed(pair):
    resident, _piece = pair
    type(resident).objects.filter(pk=resident.pk).update(
        postcode="6826AA", is_outside_area=True, travel="cycling"
    )
    assert eligibility.not_proposable(resident) == []


def test_own_words_a_skill_or_a_dream_is_something_to_match_on(pair):
    resident, _piece = pair
    _nothing_to_match(resident)
    type(resident).objects.filter(pk=resident.pk).update(skills="kassa")
    assert eligibility.not_proposable(resident) == []


def test_the_reasons_add_up_and_the_engine_can_say_why(pair, personas):
    resident, piece = pair
    _no_intake(resident)
    _stage(Stage.NOT_NOW)(resident)
    assert eligibility.not_proposable(resident) == ["no_intake", "not_now"]
    explanation = suggestions.explain(personas.bureau, resident, piece)
    assert {"code": "not_proposable", "params": {"codes": ["no_intake", "not_now"]}} in (
        explanation.exclusions
    )


# --- Marking a resident ready --------------------------------------------------------------------


def test_marking_ready_is_audited_and_makes_them_proposable(pair, personas):
    resident, _piece = pair
    _no_intake(resident)
    resident = _fresh(resident)
    resident_actions.mark_ready_to_propose(actor=personas.coach, resident=resident)
    assert _fresh(resident).is_ready_to_propose
    assert eligibility.not_proposable(resident) == []
    entry = AuditEntry.objects.latest("pk")
    assert (entry.actor, entry.note) == (personas.coach, "marked ready to be proposed")
    assert "is_ready_to_propose" in entry.fields
    # Marking again changes nothing and writes nothing.
    count = AuditEntry.objects.count()
    resident_actions.mark_ready_to_propose(actor=personas.coach, resident=_fresh(resident))
    assert AuditEntry.objects.count() == count


def _mark_url(resident):
    return reverse(
        "residents:resident-mark-ready",
        kwargs={"bureau_slug": resident.bureau.slug, "pk": resident.pk},
    )


def test_a_coach_marks_ready_on_the_resident_file(pair, personas, login):
    resident, _piece = pair
    _no_intake(resident)
    client = login(personas.coach)
    detail = reverse(
        "residents:resident-detail",
        kwargs={"bureau_slug": resident.bureau.slug, "pk": resident.pk},
    )
    page = client.get(detail).content.decode()
    assert 'data-code="no_intake"' in page
    assert _mark_url(resident) in page
    response = client.post(_mark_url(resident), {"ready": "1"})
    assert response.status_code == 302
    assert _fresh(resident).is_ready_to_propose
    page = client.get(detail).content.decode()
    assert "The bureau can propose this resident for work." in page
    client.post(_mark_url(resident), {"ready": "0"})
    assert not _fresh(resident).is_ready_to_propose


@pytest.mark.parametrize("role", ["partner", "resident", "funder", "other_coordinator"])
def test_only_staff_of_the_bureau_may_mark_ready(pair, personas, login, role):
    resident, _piece = pair
    _no_intake(resident)
    response = login(getattr(personas, role)).post(_mark_url(resident), {"ready": "1"})
    assert response.status_code == 404
    assert not _fresh(resident).is_ready_to_propose


def test_marking_ready_is_post_only(pair, personas, login):
    resident, _piece = pair
    assert login(personas.coach).get(_mark_url(resident)).status_code == 405


# --- The talent bank -----------------------------------------------------------------------------


def _talent_bank(client, bureau):
    return client.get(reverse("residents:resident-list", kwargs={"bureau_slug": bureau.slug}))


def test_the_talent_bank_shows_badges_for_what_is_missing(pair, personas, login):
    resident, _piece = pair
    _not_confirmed(resident)
    newcomer = matchable(personas.bureau, first_name="Nieuw", is_ready_to_propose=False)
    page = _talent_bank(login(personas.coordinator), personas.bureau).content.decode()
    assert page.count('data-not-proposable="not_confirmed"') == 1
    assert page.count('data-not-proposable="no_intake"') == 1
    assert page.count('data-not-proposable="nothing_to_match"') == 1  # the newcomer
    assert "not confirmed" in page
    assert "no intake yet" in page
    assert eligibility.not_proposable(newcomer) == ["no_intake", "nothing_to_match"]


def test_the_talent_bank_badges_in_dutch(pair, personas, login, client, settings):
    resident, _piece = pair
    _not_confirmed(resident)
    matchable(personas.bureau, first_name="Nieuw", is_ready_to_propose=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    from django.utils import translation

    with translation.override("nl"):
        page = _talent_bank(login(personas.coordinator), personas.bureau).content.decode()
    assert "niet bevestigd" in page
    assert "nog geen intake" in page


@pytest.mark.parametrize("rows", [2, 12])
def test_the_talent_bank_badges_cost_no_query_per_row(
    personas, areas, login, django_assert_num_queries, rows
):
    for number in range(rows):
        matchable(
            personas.bureau,
            talent_names=["organiseren"] if number % 2 else [],
            is_ready_to_propose=bool(number % 3),
        )
    client = login(personas.coordinator)
    _talent_bank(client, personas.bureau)  # warm the session
    # The same eleven as without badges (tests/residents/test_view_resident_list.py).
    with django_assert_num_queries(11):
        response = _talent_bank(client, personas.bureau)
    assert response.content.decode().count("data-not-proposable=") >= rows // 2
