import pytest

from buurtbaan.audit.models import AuditEntry
from buurtbaan.residents import actions
from buurtbaan.residents.models import Consent, ConsentScope


def test_giving_consent_twice_keeps_one_active_consent(personas, resident):
    first = actions.record_consent(
        actor=personas.coach, resident=resident, scope=ConsentScope.MATCHING, note="formulier"
    )
    again = actions.record_consent(
        actor=personas.coach, resident=resident, scope=ConsentScope.MATCHING
    )
    assert again == first
    assert first.recorded_by == personas.coach
    assert Consent.objects.filter(resident=resident).count() == 1


def test_withdrawing_keeps_the_history(personas, resident):
    actions.record_consent(actor=personas.coach, resident=resident, scope=ConsentScope.PARTNERS)
    withdrawn = actions.withdraw_consent(
        actor=personas.coach, resident=resident, scope=ConsentScope.PARTNERS
    )
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawn_by == personas.coach
    assert not resident.has_consent(ConsentScope.PARTNERS)
    actions.record_consent(actor=personas.coach, resident=resident, scope=ConsentScope.PARTNERS)
    assert resident.consents.count() == 2
    assert resident.has_consent(ConsentScope.PARTNERS)


def test_withdrawing_what_was_never_given_does_nothing(personas, resident):
    assert (
        actions.withdraw_consent(
            actor=personas.coach, resident=resident, scope=ConsentScope.PUBLIC_PROFILE
        )
        is None
    )


def test_set_consents_gives_and_withdraws_and_audits_each_change(personas, resident):
    actions.set_consents(
        actor=personas.coach,
        resident=resident,
        scopes=[ConsentScope.COACHES, ConsentScope.MATCHING],
    )
    changed = actions.set_consents(
        actor=personas.coach, resident=resident, scopes=[ConsentScope.MATCHING, "partners"]
    )
    assert sorted(changed) == ["coaches", "partners"]
    active = set(resident.consents.filter(withdrawn_at=None).values_list("scope", flat=True))
    assert active == {"matching", "partners"}
    notes = list(
        AuditEntry.objects.filter(object_id=str(resident.pk), fields=["consent.coaches"])
        .order_by("pk")
        .values_list("note", flat=True)
    )
    assert notes == ["consent given", "consent withdrawn"]


@pytest.mark.parametrize("scope", list(ConsentScope))
def test_every_scope_can_be_given(personas, resident, scope):
    actions.record_consent(actor=personas.coordinator, resident=resident, scope=scope)
    assert resident.has_consent(scope)
