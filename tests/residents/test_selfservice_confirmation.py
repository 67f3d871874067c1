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
from tests.factories import sign_up

User = get_user_model()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registered(personas):
    """A fresh self-registration; returns (user, path of the confirmation link)."""
    sign_up(personas.bureau)
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


def test_a_double_click_on_confirm_does_not_fail(client, registered, monkeypatch):
    _user, path = registered
    confirm = actions.confirm_registration

    def confirmed_meanwhile(*, user):
        confirm(user=user)
        return confirm(user=user)  # the second request's turn: nothing left to confirm

    monkeypatch.setattr(actions, "confirm_registration", confirmed_meanwhile)
    response = client.post(path)
    assert response.status_code == 200
    assert response.context["state"] == "used"


# --- Merging with a record the bureau made before -----------------------------------------------


def staff_record(bureau, **fields):
    from tests.factories import ResidentFactory

    fields.setdefault("email", "Yasmina@Buurtbaan.example")  # any case
    return ResidentFactory(bureau=bureau, **fields)


def test_confirming_links_the_account_to_the_one_staff_record_with_that_address_and_person(
    client, personas, django_capture_on_commit_callbacks
):
    from buurtbaan.residents.models import ConsentScope, Resident
    from tests.factories import DreamFactory

    record = staff_record(
        personas.bureau,
        first_name="Yasmina",
        last_name="Ouali",
        date_of_birth=datetime.date(1990, 3, 14),  # name and birth date agree with the sign-up
        phone="",
        street="",
        city="Arnhem-Oost",
        coach=personas.coach,
    )
    DreamFactory(resident=record, description="Kok worden")
    sign_up(personas.bureau, phone="06 1234 5678", consent_scopes=[ConsentScope.MATCHING])
    user = User.objects.get(email="yasmina@buurtbaan.example")
    registration = Resident.objects.get(user=user)
    path = link_in(mail.outbox[-1])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)

    assert response.status_code == 302
    assert not Resident.objects.filter(pk=registration.pk).exists()
    record.refresh_from_db()
    assert record.user == user
    assert record.city == "Arnhem-Oost"  # the staff's data is kept
    assert record.phone == "+31612345678"  # an empty field is filled from the sign-up
    assert [d.description for d in record.dreams.all()] == ["Kok worden"]
    assert record.has_consent(ConsentScope.MATCHING)
    entry = AuditEntry.objects.get(
        object_type="residents.resident", object_id=str(record.pk), note__contains="merged"
    )
    assert entry.actor == user
    assert set(entry.fields) == {"user", "phone", "consent.matching"}
    assert [m.to for m in mail.outbox] == [[personas.coach.email]]
    assert f"/bewoners/{record.pk}/" in mail.outbox[0].body
    assert "Yasmina" not in mail.outbox[0].body
    page = client.get(response["Location"])
    assert page.context["resident"] == record
    assert "Kok worden" in page.content.decode()


def test_several_records_with_that_address_are_not_merged_but_flagged(
    client, personas, registered, django_capture_on_commit_callbacks
):
    from buurtbaan.residents.models import Resident

    user, path = registered
    first, second = staff_record(personas.bureau), staff_record(personas.bureau)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)

    assert response.status_code == 302
    registration = Resident.objects.get(user=user)
    assert Resident.objects.filter(email__iexact=user.email).count() == 3
    first.refresh_from_db()
    assert first.user is None
    for resident in (registration, first, second):
        assert AuditEntry.objects.filter(
            object_type="residents.resident",
            object_id=str(resident.pk),
            note__startswith="possible duplicate",
        ).exists()
    assert [m.to for m in mail.outbox] == [[personas.coordinator.email]]
    for resident in (registration, first, second):
        assert f"/bewoners/{resident.pk}/" in mail.outbox[0].body


@pytest.mark.parametrize("which", ["other_bureau", "has_account", "anonymised", "other_address"])
def test_records_that_do_not_qualify_are_left_alone(client, personas, registered, which):
    from buurtbaan.residents.models import Resident
    from tests.factories import UserFactory

    user, path = registered
    fields = {
        "other_bureau": {"bureau": personas.other_bureau},
        "has_account": {"user": UserFactory()},
        "anonymised": {"is_anonymised": True},
        "other_address": {"email": "iemand-anders@buurtbaan.example"},
    }[which]
    record = staff_record(fields.pop("bureau", personas.bureau), **fields)

    client.post(path)

    registration = Resident.objects.get(user=user)
    assert registration.pk != record.pk
    record.refresh_from_db()
    expected_user = fields["user"].pk if "user" in fields else None
    assert record.user_id == expected_user
    assert not AuditEntry.objects.filter(note__contains="merged").exists()
    assert not AuditEntry.objects.filter(note__startswith="possible duplicate").exists()


def test_a_registration_someone_worked_on_is_flagged_not_merged(client, personas, registered):
    from buurtbaan.residents.models import Resident
    from tests.factories import DreamFactory

    user, path = registered
    DreamFactory(resident=Resident.objects.get(user=user))  # a coach added a dream already
    record = staff_record(personas.bureau)

    client.post(path)

    assert Resident.objects.get(user=user).pk != record.pk
    assert AuditEntry.objects.filter(
        object_id=str(record.pk), note__startswith="possible duplicate"
    ).exists()


def test_signing_up_says_the_same_whether_the_bureau_knows_the_address(client, personas):
    from tests.factories import ResidentFactory

    def page_after(email):
        data = {
            "first_name": "Yasmina",
            "last_name": "Ouali",
            "email": email,
            "password": "Wandelen-in-de-wijk-7",
            "postcode": "6828 AB",
            "date_of_birth": "1990-03-14",
        }
        url = reverse("residents:registration-create", kwargs={"bureau_slug": personas.bureau.slug})
        response = client.post(url, data, follow=True)
        return re.sub(r'(value=|X-CSRFToken": )"[^"]+"', "", response.content.decode())

    ResidentFactory(bureau=personas.bureau, email="bekend@buurtbaan.example")
    assert page_after("bekend@buurtbaan.example") == page_after("onbekend@buurtbaan.example")
    assert [m.to for m in mail.outbox] == [
        ["bekend@buurtbaan.example"],
        ["onbekend@buurtbaan.example"],
    ]
    assert all("/bevestigen/" in m.body for m in mail.outbox)
