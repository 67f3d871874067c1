"""Confirming the e-mail address: a signed, expiring, one-time link that activates the account
and logs the resident in; expired, used and broken links explain what to do."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from buurtbaan.audit.models import AuditEntry
from buurtbaan.bureaus.models import Membership
from buurtbaan.residents import actions

User = get_user_model()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registered(personas):
    """A fresh self-registration; returns (user, path of the confirmation link)."""
    actions.register_self(
        bureau=personas.bureau,
        first_name="Yasmina",
        last_name="Ouali",
        email="yasmina@buurtbaan.example",
        password="Wandelen-in-de-wijk-7",
        date_of_birth=datetime.date(1990, 3, 14),
        postcode="6828AB",
    )
    return User.objects.get(email="yasmina@buurtbaan.example"), link_in(mail.outbox[-1])


def link_in(message) -> str:
    url = re.search(r"https?://\S+/bevestigen/\S+/", message.body).group(0)
    return urlsplit(url).path


def test_opening_the_link_asks_to_confirm_and_changes_nothing_yet(client, registered):
    user, path = registered
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["state"] == "valid"
    user.refresh_from_db()
    assert not user.is_active


def test_confirming_activates_the_account_and_logs_in(client, personas, registered):
    user, path = registered
    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "residents:mydata", kwargs={"bureau_slug": personas.bureau.slug}
    )
    user.refresh_from_db()
    assert user.is_active
    assert Membership.objects.active().filter(user=user, bureau=personas.bureau).exists()
    assert client.get(response["Location"]).status_code == 200
    assert AuditEntry.objects.filter(
        actor=user, object_type="accounts.user", note="e-mail address confirmed"
    ).exists()


def test_a_used_link_says_the_account_is_confirmed_and_offers_login(client, registered):
    _user, path = registered
    client.post(path)
    client.logout()

    response = client.get(path)
    assert response.context["state"] == "used"
    assert reverse("accounts:login") in response.content.decode()
    assert client.post(path).status_code == 200  # nothing happens a second time
    assert "_auth_user_id" not in client.session


def test_an_expired_link_explains_and_sends_a_new_one(client, monkeypatch, registered):
    user, path = registered
    monkeypatch.setattr(actions, "CONFIRMATION_MAX_AGE", datetime.timedelta(seconds=-1))
    mail.outbox.clear()

    response = client.get(path)
    assert response.context["state"] == "expired"
    assert client.post(path).status_code == 302  # "send me a new link"

    user.refresh_from_db()
    assert not user.is_active
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    monkeypatch.undo()
    assert client.post(link_in(mail.outbox[0])).status_code == 302
    user.refresh_from_db()
    assert user.is_active


@pytest.mark.parametrize("token", ["not-a-link", "eyJ1IjoxfQ:1abc:forged"])
def test_a_broken_link_says_so_and_offers_a_new_one(client, personas, token):
    path = reverse(
        "residents:registration-confirm",
        kwargs={"bureau_slug": personas.bureau.slug, "token": token},
    )
    response = client.get(path)
    assert response.context["state"] == "invalid"
    assert (
        reverse("residents:registration-resend", kwargs={"bureau_slug": personas.bureau.slug})
        in response.content.decode()
    )
    assert client.post(path).status_code == 200


def test_a_link_stops_working_when_the_address_changes(client, registered):
    user, path = registered
    user.email = "ander@buurtbaan.example"
    user.save()
    assert client.get(path).context["state"] == "invalid"


def test_a_link_cannot_activate_an_account_that_was_closed(client, registered):
    user, path = registered
    user.last_login = user.date_joined  # an account that has been used, then deactivated
    user.save()
    assert client.get(path).context["state"] == "invalid"
    client.post(path)
    user.refresh_from_db()
    assert not user.is_active


def test_resending_by_address_mails_only_unconfirmed_accounts(client, personas, registered):
    url = reverse("residents:registration-resend", kwargs={"bureau_slug": personas.bureau.slug})
    mail.outbox.clear()

    unknown = client.post(url, {"email": "niemand@buurtbaan.example"})
    known = client.post(url, {"email": "yasmina@buurtbaan.example"})

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert [m.to for m in mail.outbox] == [["yasmina@buurtbaan.example"]]


def test_resending_keeps_the_typed_address_on_an_error(client, personas):
    url = reverse("residents:registration-resend", kwargs={"bureau_slug": personas.bureau.slug})
    response = client.post(url, {"email": "geen-adres"})
    assert response.status_code == 200
    assert 'value="geen-adres"' in response.content.decode()
