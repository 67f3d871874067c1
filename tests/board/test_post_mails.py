"""Mail about a partner's post: coordinators hear of a new post, the partner of the answer."""

import pytest
from django.urls import reverse

from buurtbaan.board import actions
from buurtbaan.board.models import BoardItem
from tests.factories import BoardItemFactory, MembershipFactory

pytestmark = pytest.mark.usefixtures("english")


def submit(personas, partner_organisation):
    return actions.submit_post(
        actor=personas.partner,
        organisation=partner_organisation,
        kind="vacancy",
        title="Kassamedewerker <script>",
        summary="Vrijdagavond",
        area="6828",
    )


def test_coordinators_get_a_mail_when_a_post_is_submitted(
    personas, partner_organisation, mailoutbox, django_capture_on_commit_callbacks
):
    second = MembershipFactory(bureau=personas.bureau, role="coordinator").user
    MembershipFactory(bureau=personas.bureau, role="coordinator", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        item = submit(personas, partner_organisation)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([personas.coordinator.email, second.email])
    mail = mailoutbox[0]
    assert "New post for the bulletin board" in mail.subject
    assert "Kassamedewerker <script>" in mail.body  # a plain-text mail: nothing escaped
    assert item.get_manage_url() in mail.body
    assert personas.coach.email not in [m.to[0] for m in mailoutbox]


def test_no_mail_is_sent_before_the_commit_or_for_a_rolled_back_post(
    personas, partner_organisation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(personas, partner_organisation)
    assert mailoutbox == []
    assert callbacks  # the mail waits for the commit


def test_the_partner_gets_a_mail_when_their_post_is_published(
    personas, partner_organisation, mailoutbox, django_capture_on_commit_callbacks
):
    item = BoardItemFactory(
        bureau=personas.bureau,
        organisation=partner_organisation,
        status="submitted",
        submitted_by=personas.partner,
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_item(actor=personas.coordinator, item=item)
    assert [m.to for m in mailoutbox] == [[personas.partner.email]]
    assert "Your post is on the bulletin board" in mailoutbox[0].subject
    detail = reverse("board:post-detail", kwargs={"bureau_slug": "spijkerkwartier", "pk": item.pk})
    assert detail in mailoutbox[0].body


def test_the_partner_gets_the_reason_when_their_post_is_rejected(
    personas, partner_organisation, mailoutbox, django_capture_on_commit_callbacks
):
    item = BoardItemFactory(
        bureau=personas.bureau,
        organisation=partner_organisation,
        status="submitted",
        submitted_by=personas.partner,
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.reject_item(actor=personas.coordinator, item=item, reason="Geen namen, graag")
    assert [m.to for m in mailoutbox] == [[personas.partner.email]]
    assert "has not been put on the bulletin board" in mailoutbox[0].subject
    assert "Geen namen, graag" in mailoutbox[0].body


def test_the_mail_is_in_dutch_by_default(
    client, personas, partner_organisation, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import translation

    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        submit(personas, partner_organisation)
    assert "prikbord" in mailoutbox[0].subject
    assert "wacht op je goedkeuring" in mailoutbox[0].body


def test_republishing_a_closed_item_or_a_coordinators_own_item_mails_nobody(
    personas, partner_organisation, mailoutbox, django_capture_on_commit_callbacks
):
    closed = BoardItemFactory(
        bureau=personas.bureau, status="closed", submitted_by=personas.partner
    )
    own = BoardItemFactory(bureau=personas.bureau, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_item(actor=personas.coordinator, item=closed)
        actions.publish_item(actor=personas.coordinator, item=own)
    assert mailoutbox == []


def test_a_post_decided_before_the_task_ran_is_not_mailed_wrongly(
    personas, partner_organisation, mailoutbox
):
    item = BoardItemFactory(bureau=personas.bureau, status="published")
    assert actions.send_post_mail(item_id=item.pk, event="rejected", language="en") == 0
    assert actions.send_post_mail(item_id=item.pk + 1000, event="published", language="en") == 0
    assert mailoutbox == []
    assert BoardItem.objects.count() == 1
