"""Introduction requests: the partner's form and list, the bureau's inbox and answer."""

import pytest

from buurtbaan.pool.models import IntroductionRequest, IntroductionStatus
from buurtbaan.residents import actions as resident_actions
from buurtbaan.residents.models import ConsentScope
from tests.factories import IntroductionRequestFactory, MembershipFactory
from tests.pool.conftest import SECRETS

pytestmark = pytest.mark.usefixtures("english")


def partner_organisation(personas):
    return personas.partner.memberships.get(bureau=personas.bureau).organisation


def test_a_partner_asks_for_an_introduction(personas, login, url, pool_resident):
    resident = pool_resident(first_name="Sandra", last_name="Willems")
    client = login(personas.partner)
    create = url("pool:introduction-create", personas.bureau, pk=resident.pk)
    assert client.get(create).status_code == 200
    response = client.post(create, {"message": "Conciërge, 24 uur per week"})
    assert response.status_code == 302
    assert response["Location"] == url("pool:introduction-mine", personas.bureau)
    introduction = IntroductionRequest.objects.get()
    assert introduction.organisation == partner_organisation(personas)
    assert introduction.resident == resident


def test_the_form_keeps_the_message_and_explains_errors(personas, login, url, pool_resident):
    resident = pool_resident()
    client = login(personas.partner)
    create = url("pool:introduction-create", personas.bureau, pk=resident.pk)
    assert "message" in client.post(create, {"message": ""}).context["form"].errors
    client.post(create, {"message": "Eerste vraag"})
    again = client.post(create, {"message": "Tweede vraag"})
    assert again.status_code == 200
    assert "already asked" in again.content.decode()
    assert again.context["form"]["message"].value() == "Tweede vraag"


def test_nobody_outside_the_pool_can_be_asked_for(personas, login, url, pool_resident):
    resident = pool_resident(in_pool=False)
    client = login(personas.partner)
    create = url("pool:introduction-create", personas.bureau, pk=resident.pk)
    assert client.get(create).status_code == 404
    assert client.post(create, {"message": "Hallo"}).status_code == 404


def test_a_partner_without_an_organisation_gets_404(personas, login, url, pool_resident):
    partner = MembershipFactory(bureau=personas.bureau, role="partner", organisation=None).user
    resident = pool_resident()
    client = login(partner)
    assert client.get(url("pool:introduction-mine", personas.bureau)).status_code == 404
    create = url("pool:introduction-create", personas.bureau, pk=resident.pk)
    assert client.get(create).status_code == 404


def test_my_introductions_show_status_and_reply_never_contact_details(
    personas, login, url, pool_resident
):
    resident = pool_resident(first_name="Sandra", last_name="Willems")
    organisation = partner_organisation(personas)
    accepted = IntroductionRequestFactory(
        bureau=personas.bureau, resident=resident, organisation=organisation
    )
    accepted.status, accepted.reply = IntroductionStatus.ACCEPTED, "We bellen u."
    accepted.save()
    IntroductionRequestFactory(bureau=personas.bureau)  # another organisation's
    response = login(personas.partner).get(url("pool:introduction-mine", personas.bureau))
    rows = list(response.context["page"])
    assert len(rows) == 1
    assert rows[0].display_name == "Sandra W."
    content = response.content.decode()
    assert "We bellen u." in content
    assert "introduction-status--accepted" in content
    for secret in SECRETS:
        assert secret not in content, secret
    assert "Willems" not in content


def test_after_a_withdrawal_the_partner_no_longer_sees_the_name(
    personas, login, url, pool_resident
):
    resident = pool_resident(first_name="Sandra")
    IntroductionRequestFactory(
        bureau=personas.bureau, resident=resident, organisation=partner_organisation(personas)
    )
    resident_actions.withdraw_consent(
        actor=personas.coach, resident=resident, scope=ConsentScope.PARTNERS
    )
    response = login(personas.partner).get(url("pool:introduction-mine", personas.bureau))
    assert next(iter(response.context["page"])).display_name is None
    assert "Sandra" not in response.content.decode()
    assert "no longer in the pool" in response.content.decode()


def test_the_inbox_shows_open_requests_first_and_filters_by_status(personas, login, url):
    done = IntroductionRequestFactory(bureau=personas.bureau, status=IntroductionStatus.DECLINED)
    waiting = IntroductionRequestFactory(bureau=personas.bureau)
    IntroductionRequestFactory(bureau=personas.other_bureau)
    client = login(personas.coach)
    inbox = url("pool:introduction-inbox", personas.bureau)
    assert list(client.get(inbox).context["page"]) == [waiting]
    assert list(client.get(inbox, {"status": "all"}).context["page"]) == [waiting, done]
    assert list(client.get(inbox, {"status": "declined"}).context["page"]) == [done]
    assert list(client.get(inbox, {"status": "nonsense"}).context["page"]) == [waiting]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_inbox_query_count_does_not_grow(personas, login, url, django_assert_num_queries, rows):
    for _ in range(rows):
        introduction = IntroductionRequestFactory(bureau=personas.bureau)
        introduction.requested_by = personas.partner
        introduction.save()
    client = login(personas.coach)
    inbox = url("pool:introduction-inbox", personas.bureau)
    client.get(inbox)
    # session, user, membership, my memberships, count, page (with everything joined)
    with django_assert_num_queries(6):
        response = client.get(inbox)
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [2, 20])
def test_my_introductions_query_count_does_not_grow(
    personas, login, url, django_assert_num_queries, rows
):
    organisation = partner_organisation(personas)
    for _ in range(rows):
        IntroductionRequestFactory(bureau=personas.bureau, organisation=organisation)
    client = login(personas.partner)
    mine = url("pool:introduction-mine", personas.bureau)
    client.get(mine)
    with django_assert_num_queries(6):
        response = client.get(mine)
    assert response.context["page"].paginator.count == rows


def test_staff_read_a_request_and_accept_it(personas, login, url):
    introduction = IntroductionRequestFactory(bureau=personas.bureau)
    client = login(personas.coach)
    detail = url("pool:introduction-detail", personas.bureau, pk=introduction.pk)
    content = client.get(detail).content.decode()
    assert "&lt;script&gt;" in content
    assert "<script>alert" not in content
    handle = url("pool:introduction-handle", personas.bureau, pk=introduction.pk)
    response = client.post(handle, {"decision": "accept", "reply": "We plannen een gesprek."})
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert introduction.handled_by == personas.coach


def test_declining_without_a_reason_shows_the_error(personas, login, url):
    introduction = IntroductionRequestFactory(bureau=personas.bureau)
    handle = url("pool:introduction-handle", personas.bureau, pk=introduction.pk)
    response = login(personas.coordinator).post(handle, {"decision": "decline", "reply": ""})
    assert response.status_code == 200
    assert "reply" in response.context["form"].errors
    introduction.refresh_from_db()
    assert introduction.is_open
    response = login(personas.coordinator).post(handle, {"reply": "x"})
    assert "decision" in response.context["form"].errors


def test_accepting_after_a_withdrawal_explains_what_to_do(personas, login, url):
    introduction = IntroductionRequestFactory(bureau=personas.bureau)
    resident_actions.withdraw_consent(
        actor=personas.coach, resident=introduction.resident, scope=ConsentScope.PARTNERS
    )
    client = login(personas.coordinator)
    detail = url("pool:introduction-detail", personas.bureau, pk=introduction.pk)
    assert "no longer in the pool" in client.get(detail).content.decode()
    handle = url("pool:introduction-handle", personas.bureau, pk=introduction.pk)
    response = client.post(handle, {"decision": "accept"})
    assert "Decline the request" in response.content.decode()


def test_my_introductions_stay_within_the_bureau(personas, login, url, pool_resident):
    """A partner linked (through the admin) to another bureau's organisation gets 404, and the
    list of one bureau never shows requests made in another."""
    from buurtbaan.bureaus.models import Membership
    from buurtbaan.pool import queries

    organisation = partner_organisation(personas)
    elsewhere = IntroductionRequestFactory(bureau=personas.other_bureau, organisation=organisation)
    here = IntroductionRequestFactory(bureau=personas.bureau, organisation=organisation)
    page = queries.partner_introductions(organisation, bureau=personas.bureau)
    assert [row.pk for row in page] == [here.pk]
    assert elsewhere.pk not in [row.pk for row in page]

    stranger = MembershipFactory(bureau=personas.other_bureau, role="partner")
    Membership.objects.filter(pk=stranger.pk).update(organisation=organisation)
    client = login(stranger.user)
    assert client.get(url("pool:introduction-mine", personas.other_bureau)).status_code == 404
    resident = pool_resident(bureau=personas.other_bureau)
    create = url("pool:introduction-create", personas.other_bureau, pk=resident.pk)
    assert client.get(create).status_code == 404


def test_only_staff_who_may_see_the_profile_answer_a_request(personas, login, url):
    """Another coach's resident who did not share with all coaches: that coach reads the request
    (the pool data) but cannot answer it (403); the assigned coach can."""
    introduction = IntroductionRequestFactory(bureau=personas.bureau)
    resident = introduction.resident
    resident.coach = personas.other_coach
    resident.save(update_fields=["coach"])
    detail = url("pool:introduction-detail", personas.bureau, pk=introduction.pk)
    handle = url("pool:introduction-handle", personas.bureau, pk=introduction.pk)

    client = login(personas.coach)
    content = client.get(detail).content.decode()
    assert "The resident's coach or a coordinator answers this request" in content
    assert handle not in content
    response = client.post(handle, {"decision": "accept", "reply": "Ik regel het."})
    assert response.status_code == 403
    introduction.refresh_from_db()
    assert introduction.is_open

    client = login(personas.other_coach)
    assert handle in client.get(detail).content.decode()
    response = client.post(handle, {"decision": "accept", "reply": "Ik regel het."})
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.handled_by == personas.other_coach
