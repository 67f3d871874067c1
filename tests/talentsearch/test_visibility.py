"""`visible_profiles_q` is the queryset form of `residents.permissions.can_see_profile`: the two
must agree for every role and every kind of resident."""

from buurtbaan.bureaus.models import Membership
from buurtbaan.residents.models import ConsentScope, Resident
from buurtbaan.residents.permissions import can_see_profile
from buurtbaan.talentsearch.queries import visible_profiles_q
from tests.factories import ConsentFactory, ResidentFactory


def test_it_agrees_with_can_see_profile(personas):
    bureau = personas.bureau
    ResidentFactory(bureau=bureau)  # no coach yet
    ResidentFactory(bureau=bureau, coach=personas.coach)
    ResidentFactory(bureau=bureau, coach=personas.other_coach)
    shared = ResidentFactory(bureau=bureau, coach=personas.other_coach)
    ConsentFactory(resident=shared, scope=ConsentScope.COACHES)
    withdrawn = ResidentFactory(bureau=bureau, coach=personas.other_coach)
    ConsentFactory(resident=withdrawn, scope=ConsentScope.COACHES, withdrawn_at="2026-01-01T10:00Z")
    other_scope = ResidentFactory(bureau=bureau, coach=personas.other_coach)
    ConsentFactory(resident=other_scope, scope=ConsentScope.PARTNERS)

    residents = Resident.objects.filter(bureau=bureau).prefetch_related("consents")
    for user in (personas.coordinator, personas.coach, personas.other_coach, personas.partner):
        membership = Membership.objects.get(user=user, bureau=bureau)
        expected = {r.pk for r in residents if can_see_profile(membership, r)}
        assert set(
            residents.filter(visible_profiles_q(membership)).values_list("pk", flat=True)
        ) == (expected), membership.role
