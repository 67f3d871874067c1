"""Asking for an introduction and answering it (`pool.actions`)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtbaan.audit.models import AuditEntry
from buurtbaan.bureaus.models import Membership
from buurtbaan.pool import actions
from buurtbaan.pool.models import IntroductionRequest, IntroductionStatus
from buurtbaan.residents import actions as resident_actions
from buurtbaan.residents.models import ConsentScope, ErasureRequest
from tests.factories import IntroductionRequestFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def partner_membership(personas):
    return Membership.objects.get(user=personas.partner, bureau=personas.bureau)


def ask(personas, membership, resident, message="Wij zoeken een conciërge voor 24 uur."):
    return actions.request_introduction(
        actor=personas.partner, membership=membership, resident=resident, message=message
    )


def test_a_partner_asks_for_an_introduction(personas, partner_membership, pool_resident):
    resident = pool_resident()
    introduction = ask(personas, partner_membership, resident)
    assert introduction.status == IntroductionStatus.NEW
    assert introduction.bureau == personas.bureau
    assert introduction.organisation == partner_membership.organisation
    assert introduction.requested_by == personas.partner
    entry = AuditEntry.objects.get(object_type="pool.introductionrequest")
    assert entry.action == "create"
    assert entry.fields == ["message", "organisation", "resident"]
    assert "conciërge" not in entry.note


def test_only_someone_in_the_pool_can_be_asked_for(personas, partner_membership, pool_resident):
    with pytest.raises(ValidationError, match="no longer in the employer pool"):
        ask(personas, partner_membership, pool_resident(in_pool=False))
    with pytest.raises(ValidationError, match="no longer in the employer pool"):
        ask(personas, partner_membership, pool_resident(bureau=personas.other_bureau))
    assert not IntroductionRequest.objects.exists()


def test_the_message_is_required(personas, partner_membership, pool_resident):
    with pytest.raises(ValidationError) as error:
        ask(personas, partner_membership, pool_resident(), message="   ")
    assert "message" in error.value.error_dict


def test_one_open_request_per_organisation_and_person(personas, partner_membership, pool_resident):
    resident = pool_resident()
    first = ask(personas, partner_membership, resident)
    with pytest.raises(ValidationError, match="already asked"):
        ask(personas, partner_membership, resident)
    actions.decline_introduction(actor=personas.coach, introduction=first, reply="Geen tijd.")
    assert ask(personas, partner_membership, resident).is_open


def test_only_partners_with_an_organisation_can_ask(personas, pool_resident):
    coach = Membership.objects.get(user=personas.coach, bureau=personas.bureau)
    with pytest.raises(ValidationError, match="Only partners"):
        ask(personas, coach, pool_resident())


def test_the_bureau_accepts_and_the_answer_is_audited(personas, pool_resident):
    introduction = IntroductionRequestFactory(bureau=personas.bureau)
    actions.accept_introduction(
        actor=personas.coordinator, introduction=introduction, reply="We bellen u deze week."
    )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert introduction.handled_by == personas.coordinator
    assert introduction.handled_at is not None
    assert introduction.reply == "We bellen u deze week."
    entry = AuditEntry.objects.get(object_type="pool.introductionrequest", action="change")
    assert entry.fields == ["reply", "status"]


def test_declining_needs_a_reason(personas):
    introduction = IntroductionRequestFactory(bureau=personas.bureau)
    with pytest.raises(ValidationError) as error:
        actions.decline_introduction(actor=personas.coach, introduction=introduction, reply=" ")
    assert "reply" in error.value.error_dict
    actions.decline_introduction(
        actor=personas.coach, introduction=introduction, reply="Heeft al ander werk."
    )
    assert introduction.status == IntroductionStatus.DECLINED


def test_an_answered_request_cannot_be_answered_again(personas):
    introduction = IntroductionRequestFactory(bureau=personas.bureau)
    actions.accept_introduction(actor=personas.coach, introduction=introduction)
    with pytest.raises(ValidationError, match="already been answered"):
        actions.decline_introduction(actor=personas.coach, introduction=introduction, reply="x")


def test_after_a_withdrawal_the_request_can_only_be_declined(personas):
    introduction = IntroductionRequestFactory(bureau=personas.bureau)
    resident_actions.withdraw_consent(
        actor=personas.coach, resident=introduction.resident, scope=ConsentScope.PARTNERS
    )
    with pytest.raises(ValidationError, match="no longer in the employer pool"):
        actions.accept_introduction(actor=personas.coach, introduction=introduction)
    actions.decline_introduction(
        actor=personas.coach, introduction=introduction, reply="Niet meer beschikbaar."
    )


def test_erasure_removes_what_partners_wrote_and_closes_open_requests(personas):
    introduction = IntroductionRequestFactory(bureau=personas.bureau)
    answered = IntroductionRequestFactory(bureau=personas.bureau, resident=introduction.resident)
    actions.accept_introduction(actor=personas.coach, introduction=answered, reply="Goed idee")
    erasure = ErasureRequest.objects.create(bureau=personas.bureau, resident=introduction.resident)
    resident_actions.confirm_erasure(actor=personas.coordinator, erasure_request=erasure)
    introduction.refresh_from_db()
    answered.refresh_from_db()
    assert introduction.status == IntroductionStatus.DECLINED
    assert introduction.message == answered.message == answered.reply == ""
    assert answered.status == IntroductionStatus.ACCEPTED


def test_an_organisation_asks_for_a_limited_number_of_introductions_a_day(
    personas, partner_membership, pool_resident, monkeypatch
):
    monkeypatch.setattr(actions, "INTRODUCTIONS_PER_WINDOW", 2)
    first, second, third = (pool_resident() for _ in range(3))
    ask(personas, partner_membership, first)
    ask(personas, partner_membership, second)
    with pytest.raises(ValidationError, match="many introductions") as error:
        ask(personas, partner_membership, third)
    assert error.value.code == "rate_limited"
    # Another organisation has a limit of its own.
    other = MembershipFactory(
        bureau=personas.bureau,
        role="partner",
        organisation=OrganisationFactory(bureau=personas.bureau),
    )
    assert actions.request_introduction(
        actor=other.user, membership=other, resident=third, message="Een klus in de tuin."
    ).is_open
    # Requests older than the window no longer count.
    IntroductionRequest.objects.update(created_at=timezone.now() - actions.RATE_WINDOW)
    assert ask(personas, partner_membership, third).is_open
