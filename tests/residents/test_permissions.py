"""Who sees what of a resident: a role matrix over the access helpers."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from buurtbaan.bureaus.models import Membership
from buurtbaan.residents.models import ConsentScope
from buurtbaan.residents.permissions import (
    can_read_sensitive,
    can_see_profile,
    get_resident_for_sensitive_notes,
    get_resident_for_user,
)
from tests.factories import ConsentFactory, ResidentFactory


def membership(personas, who):
    user = getattr(personas, who)
    bureau = personas.other_bureau if who == "other_coordinator" else personas.bureau
    return Membership.objects.get(user=user, bureau=bureau)


@pytest.mark.parametrize(
    ("who", "profile", "sensitive"),
    [
        ("coordinator", True, True),
        ("coach", True, True),  # the assigned coach
        ("other_coach", False, False),  # no consent to share with other coaches
        ("partner", False, False),
        ("resident", False, False),
        ("funder", False, False),
        ("other_coordinator", False, False),
    ],
)
def test_role_matrix_for_a_resident_with_a_coach(personas, resident, who, profile, sensitive):
    member = membership(personas, who)
    assert can_see_profile(member, resident) is profile
    assert can_read_sensitive(member, resident) is sensitive


def test_other_coaches_see_the_profile_with_consent_but_never_the_sensitive_notes(
    personas, resident
):
    ConsentFactory(resident=resident, scope=ConsentScope.COACHES)
    member = membership(personas, "other_coach")
    assert can_see_profile(member, resident)
    assert not can_read_sensitive(member, resident)


def test_a_resident_without_coach_is_open_to_every_coach_but_sensitive_only_to_coordinators(
    personas,
):
    resident = ResidentFactory(bureau=personas.bureau)
    assert can_see_profile(membership(personas, "other_coach"), resident)
    assert not can_read_sensitive(membership(personas, "other_coach"), resident)
    assert can_read_sensitive(membership(personas, "coordinator"), resident)


def _request(personas, who):
    request = RequestFactory().get("/")
    request.membership = membership(personas, who)
    request.bureau = request.membership.bureau
    request.user = request.membership.user
    return request


def test_get_resident_for_user_is_404_across_bureaus(personas):
    other = ResidentFactory(bureau=personas.other_bureau)
    with pytest.raises(Http404):
        get_resident_for_user(_request(personas, "coordinator"), other.pk)


@pytest.mark.parametrize("who", ["partner", "resident", "funder"])
def test_get_resident_for_user_is_404_for_roles_without_the_talent_bank(personas, resident, who):
    with pytest.raises(Http404):
        get_resident_for_user(_request(personas, who), resident.pk)


def test_writing_a_resident_shared_with_no_other_coach_is_403(personas, resident):
    from django.core.exceptions import PermissionDenied

    request = _request(personas, "other_coach")
    assert get_resident_for_user(request, resident.pk) == resident
    with pytest.raises(PermissionDenied):
        get_resident_for_user(request, resident.pk, write=True)


def test_sensitive_notes_are_404_for_a_coach_who_is_not_assigned(personas, resident):
    ConsentFactory(resident=resident, scope=ConsentScope.COACHES)
    with pytest.raises(Http404):
        get_resident_for_sensitive_notes(_request(personas, "other_coach"), resident.pk)
    assert get_resident_for_sensitive_notes(_request(personas, "coach"), resident.pk) == resident


# --- `visible_profiles_q`: `can_see_profile` as a queryset filter -----------------------------------


def _visibility_matrix(personas):
    """Residents of every kind `can_see_profile` tells apart, by a name that says what they are."""
    bureau, other_bureau = personas.bureau, personas.other_bureau
    made = {
        "no_coach": ResidentFactory(bureau=bureau),
        "coachs_own": ResidentFactory(bureau=bureau, coach=personas.coach),
        "other_coachs": ResidentFactory(bureau=bureau, coach=personas.other_coach),
        "coordinators": ResidentFactory(bureau=bureau, coach=personas.coordinator),
        "shared": ResidentFactory(bureau=bureau, coach=personas.other_coach),
        "withdrawn": ResidentFactory(bureau=bureau, coach=personas.other_coach),
        "partners_only": ResidentFactory(bureau=bureau, coach=personas.other_coach),
        "anonymised": ResidentFactory(
            bureau=bureau, coach=personas.other_coach, is_anonymised=True
        ),
        "elsewhere_no_coach": ResidentFactory(bureau=other_bureau),
        "elsewhere_shared": ResidentFactory(bureau=other_bureau, coach=personas.other_coordinator),
    }
    ConsentFactory(resident=made["shared"], scope=ConsentScope.COACHES)
    ConsentFactory(resident=made["elsewhere_shared"], scope=ConsentScope.COACHES)
    ConsentFactory(
        resident=made["withdrawn"], scope=ConsentScope.COACHES, withdrawn_at="2026-01-01T10:00Z"
    )
    ConsentFactory(resident=made["partners_only"], scope=ConsentScope.PARTNERS)
    return made


#: Who sees which full profiles (names from `_visibility_matrix`), stated once by hand so that a
#: change to both functions at once still shows up here.
EXPECTED_PROFILES = {
    "coordinator": {
        "no_coach",
        "coachs_own",
        "other_coachs",
        "coordinators",
        "shared",
        "withdrawn",
        "partners_only",
        "anonymised",
    },
    "coach": {"no_coach", "coachs_own", "shared"},
    "other_coach": {
        "no_coach",
        "other_coachs",
        "shared",
        "withdrawn",
        "partners_only",
        "anonymised",
    },
    "other_coordinator": {"elsewhere_no_coach", "elsewhere_shared"},
    "partner": set(),
    "resident": set(),
    "funder": set(),
}


@pytest.mark.parametrize("who", sorted(EXPECTED_PROFILES))
def test_visible_profiles_q_agrees_with_can_see_profile(personas, who):
    from buurtbaan.residents.models import Resident
    from buurtbaan.residents.permissions import visible_profiles_q

    made = _visibility_matrix(personas)
    names = {resident.pk: name for name, resident in made.items()}
    member = membership(personas, who)
    residents = Resident.objects.prefetch_related("consents")
    by_function = {names[r.pk] for r in residents if can_see_profile(member, r)}
    by_filter = {
        names[pk]
        for pk in residents.filter(visible_profiles_q(member)).values_list("pk", flat=True)
    }
    assert by_filter == by_function
    assert by_function == EXPECTED_PROFILES[who]


def test_visible_profiles_q_follows_a_consent_at_once(personas):
    from buurtbaan.residents import actions
    from buurtbaan.residents.models import Resident
    from buurtbaan.residents.permissions import visible_profiles_q

    resident = ResidentFactory(bureau=personas.bureau, coach=personas.other_coach)
    coach = membership(personas, "coach")
    visible = Resident.objects.filter(visible_profiles_q(coach))
    assert not visible.filter(pk=resident.pk).exists()
    actions.record_consent(
        actor=personas.coordinator, resident=resident, scope=ConsentScope.COACHES
    )
    assert visible.filter(pk=resident.pk).exists()
    actions.withdraw_consent(
        actor=personas.coordinator, resident=resident, scope=ConsentScope.COACHES
    )
    assert not visible.filter(pk=resident.pk).exists()
    assert not Resident.objects.filter(visible_profiles_q(None)).exists()
