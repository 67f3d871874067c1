"""Failed logins are limited per account from one address, and per address across accounts, so
one address cannot try a few passwords on each of any number of accounts (password spraying)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import UserFactory

SPRAYER = "203.0.113.66"
NEIGHBOUR = "198.51.100.7"
PASSWORD = "geheim-wachtwoord-42"


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 12
    return settings


def log_in(client, email, password, address=SPRAYER):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def spray(client, accounts, tries_per_account=4):
    for account in accounts:
        for attempt in range(tries_per_account):
            log_in(client, account.email, f"zomer-{attempt}")


def test_spraying_a_few_passwords_over_many_accounts_locks_the_address(client, db, limits):
    accounts = UserFactory.create_batch(4)
    spray(client, accounts[:3])  # 12 failures, none of them five on one account

    response = log_in(client, accounts[3].email, PASSWORD)

    assert response.status_code == 429
    assert "vanaf dit internetadres" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_address_does_not_lock_the_accounts_elsewhere(client, db, limits):
    accounts = UserFactory.create_batch(4)
    spray(client, accounts[:3])

    response = log_in(client, accounts[0].email, PASSWORD, address=NEIGHBOUR)

    assert response.status_code == 302


def test_a_few_typing_errors_on_a_shared_computer_lock_nobody_out(client, db, limits):
    accounts = UserFactory.create_batch(4)
    spray(client, accounts[:2], tries_per_account=2)  # eight failures, under both limits

    assert log_in(client, accounts[3].email, PASSWORD).status_code == 302


def test_logging_in_to_an_own_account_does_not_wipe_the_count_of_the_address(client, db, limits):
    victims = UserFactory.create_batch(3)
    own_account = UserFactory()
    spray(client, victims[:2])  # eight failures
    log_in(client, own_account.email, "fout")
    log_in(client, own_account.email, PASSWORD)  # the sprayer's own account, a success
    client.logout()
    spray(client, victims[2:])  # four more: twelve failures on other people's accounts

    assert log_in(client, own_account.email, PASSWORD).status_code == 429


def test_five_failures_on_one_account_still_lock_that_account_from_that_address(client, db, limits):
    account = UserFactory()
    spray(client, [account], tries_per_account=5)

    response = log_in(client, account.email, PASSWORD)

    assert response.status_code == 429
    assert "met dit account" in response.content.decode()
    assert AccessAttempt.objects.filter(ip_address=SPRAYER).exists()
