"""Self-registration on the bureau's public site: the talent bank's rules (18+, Dutch postcodes,
outside the area allowed and flagged), an inactive account until the e-mail is confirmed, consent
unticked by default, no account enumeration, and spam protection."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.residents import actions
from buurtbaan.residents.models import ConsentScope, IntakeSource, Resident
from buurtbaan.residents.views import registration
from tests.factories import resident_with_account, sign_up

User = get_user_model()
PASSWORD = "Wandelen-in-de-wijk-7"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def sign_up_url(bureau):
    return reverse("residents:registration-create", kwargs={"bureau_slug": bureau.slug})


def form_data(**overrides):
    data = {
        "first_name": "Yasmina",
        "last_name": "Ouali",
        "email": "yasmina@buurtbaan.example",
        "password": PASSWORD,
        "postcode": "6828 ab",
        "date_of_birth": "1990-03-14",
        "phone": "06 1234 5678",
    }
    return {**data, **overrides}


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) + datetime.timedelta(days=days)


def test_the_form_is_public_and_has_no_consent_ticked(client, personas):
    response = client.get(sign_up_url(personas.bureau))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="consent_scopes"' in content
    assert "checked" not in content


def test_it_registers_an_inactive_resident_with_membership_and_record(client, personas):
    response = client.post(sign_up_url(personas.bureau), form_data())

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "residents:registration-sent", kwargs={"bureau_slug": personas.bureau.slug}
    )
    user = User.objects.get(email="yasmina@buurtbaan.example")
    assert not user.is_active
    assert user.check_password(PASSWORD)
    membership = Membership.objects.get(user=user)
    assert (membership.bureau, membership.role) == (personas.bureau, Role.RESIDENT)
    resident = Resident.objects.get(user=user)
    assert resident.bureau == personas.bureau
    assert (resident.first_name, resident.last_name) == ("Yasmina", "Ouali")
    assert resident.postcode == "6828AB"
    assert resident.phone == "+31612345678"
    assert resident.intake_source == IntakeSource.WEBSITE
    assert not resident.is_outside_area
    assert resident.consents.count() == 0


def test_it_cannot_log_in_before_confirming(client, personas):
    client.post(sign_up_url(personas.bureau), form_data())

    response = client.post(
        reverse("accounts:login"),
        {"username": "yasmina@buurtbaan.example", "password": PASSWORD},
    )
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session


def test_it_mails_a_confirmation_link(client, personas):
    client.post(sign_up_url(personas.bureau), form_data())

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["yasmina@buurtbaan.example"]
    assert f"/b/{personas.bureau.slug}/aanmelden/bevestigen/" in message.body


def test_it_records_only_the_consents_ticked(client, personas):
    client.post(
        sign_up_url(personas.bureau),
        form_data(consent_scopes=[ConsentScope.MATCHING, ConsentScope.PUBLIC_PROFILE]),
    )
    resident = Resident.objects.get(email="yasmina@buurtbaan.example")
    assert {c.scope for c in resident.consents.all()} == {"matching", "public_profile"}
    assert all(c.is_active and c.recorded_by is None for c in resident.consents.all())


def test_it_writes_audit_entries_for_the_new_record(client, personas):
    client.post(sign_up_url(personas.bureau), form_data())
    resident = Resident.objects.get(email="yasmina@buurtbaan.example")
    entry = AuditEntry.objects.get(object_type="residents.resident", object_id=str(resident.pk))
    assert entry.action == AuditAction.CREATE
    assert entry.actor is None
    assert "Yasmina" not in str(entry.fields) + entry.note + entry.object_label


@pytest.mark.parametrize("postcode", ["6828", "1234 5A", "12345", "6828 SS", "hallo"])
def test_a_wrong_postcode_gets_a_clear_error_and_keeps_the_input(client, personas, postcode):
    response = client.post(sign_up_url(personas.bureau), form_data(postcode=postcode))

    assert response.status_code == 200
    form = response.context["form"]
    assert "6828 AB" in form.errors["postcode"][0]  # says how to write it, with an example
    content = response.content.decode()
    assert 'value="Yasmina"' in content
    assert 'value="yasmina@buurtbaan.example"' in content
    assert f'value="{postcode}"' in content
    assert 'value="1990-03-14"' in content
    assert PASSWORD not in content  # the password is the one thing not sent back
    assert not User.objects.filter(email="yasmina@buurtbaan.example").exists()
    assert mail.outbox == []


def test_someone_under_18_is_told_kindly_from_when_they_are_welcome(client, personas):
    born = years_ago(17, days=-40)
    response = client.post(sign_up_url(personas.bureau), form_data(date_of_birth=born.isoformat()))

    assert response.status_code == 200
    error = response.context["form"].errors["date_of_birth"][0]
    welcome = actions.adult_from(born)
    from django.utils.formats import date_format

    assert date_format(welcome, "DATE_FORMAT") in error
    assert f'value="{born.isoformat()}"' in response.content.decode()
    assert not Resident.objects.filter(first_name="Yasmina").exists()


def test_someone_who_turns_18_today_is_welcome(client, personas):
    response = client.post(
        sign_up_url(personas.bureau), form_data(date_of_birth=years_ago(18).isoformat())
    )
    assert response.status_code == 302
    assert Resident.objects.filter(first_name="Yasmina").exists()


def test_a_date_in_the_future_is_refused(client, personas):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        sign_up_url(personas.bureau), form_data(date_of_birth=tomorrow.isoformat())
    )
    assert "date_of_birth" in response.context["form"].errors


def test_a_weak_password_is_refused_by_django_s_validators(client, personas):
    response = client.post(sign_up_url(personas.bureau), form_data(password="12345678"))
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(email="yasmina@buurtbaan.example").exists()


def test_a_password_like_the_name_is_refused(client, personas):
    response = client.post(sign_up_url(personas.bureau), form_data(password="yasminaouali"))
    assert "password" in response.context["form"].errors


def test_outside_the_area_is_welcome_told_kindly_and_flagged(client, personas):
    response = client.post(sign_up_url(personas.bureau), form_data(postcode="6822 AB"), follow=True)

    resident = Resident.objects.get(email="yasmina@buurtbaan.example")
    assert resident.is_outside_area
    messages = [str(m) for m in response.context["messages"]]
    assert any(personas.bureau.name in m for m in messages)


def test_an_existing_address_gets_the_same_answer_and_a_you_already_have_an_account_mail(
    client, personas
):
    resident_with_account(personas.bureau, email="bestaand@buurtbaan.example")
    fresh = client.post(sign_up_url(personas.bureau), form_data(email="nieuw@buurtbaan.example"))
    cache.clear()
    mail.outbox.clear()

    existing = client.post(
        sign_up_url(personas.bureau), form_data(email="Bestaand@buurtbaan.example")
    )

    assert existing.status_code == fresh.status_code == 302
    assert existing["Location"] == fresh["Location"]
    assert Resident.objects.filter(email__iexact="bestaand@buurtbaan.example").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bestaand@buurtbaan.example"]
    assert "/inloggen/" in mail.outbox[0].body
    assert "/bevestigen/" not in mail.outbox[0].body


def test_the_sent_page_is_the_same_for_new_and_existing_addresses(client, personas):
    def page_after(email):
        response = client.post(sign_up_url(personas.bureau), form_data(email=email), follow=True)
        return re.sub(r'(value=|X-CSRFToken": )"[^"]+"', "", response.content.decode())

    resident_with_account(personas.bureau, email="bestaand@buurtbaan.example")
    assert page_after("bestaand@buurtbaan.example") == page_after("nieuw@buurtbaan.example")


def test_an_unconfirmed_address_gets_a_new_link_instead_of_a_second_account(client, personas):
    client.post(sign_up_url(personas.bureau), form_data())
    mail.outbox.clear()

    client.post(sign_up_url(personas.bureau), form_data(first_name="Anders"))

    assert User.objects.filter(email="yasmina@buurtbaan.example").count() == 1
    assert Resident.objects.filter(email="yasmina@buurtbaan.example").count() == 1
    assert "/bevestigen/" in mail.outbox[0].body


def test_the_honeypot_pretends_to_work_and_keeps_nothing(client, personas):
    response = client.post(sign_up_url(personas.bureau), form_data(website="http://spam.example"))

    assert response.status_code == 302
    assert not User.objects.filter(email="yasmina@buurtbaan.example").exists()
    assert mail.outbox == []


def test_too_many_sign_ups_from_one_address_are_refused_with_input_kept(client, personas):
    for number in range(registration.PER_ADDRESS_PER_HOUR):
        client.post(sign_up_url(personas.bureau), form_data(email=f"r{number}@buurtbaan.example"))

    response = client.post(
        sign_up_url(personas.bureau), form_data(email="laatste@buurtbaan.example")
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'value="laatste@buurtbaan.example"' in response.content.decode()
    assert not User.objects.filter(email="laatste@buurtbaan.example").exists()


def test_one_address_gets_at_most_a_few_mails_an_hour(client, personas):
    resident_with_account(personas.bureau, email="bestaand@buurtbaan.example")
    for _ in range(registration.PER_EMAIL_PER_HOUR + 2):
        client.post(sign_up_url(personas.bureau), form_data(email="bestaand@buurtbaan.example"))
    assert len(mail.outbox) == registration.PER_EMAIL_PER_HOUR


def test_an_unknown_or_inactive_bureau_has_no_sign_up(client, personas):
    assert client.get("/b/bestaat-niet/aanmelden/").status_code == 404
    personas.other_bureau.is_active = False
    personas.other_bureau.save()
    assert client.get(sign_up_url(personas.other_bureau)).status_code == 404


def test_register_self_refuses_under_18_in_the_action_too(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.register_self(
            bureau=personas.bureau,
            first_name="Te",
            last_name="Jong",
            email="jong@buurtbaan.example",
            password=PASSWORD,
            date_of_birth=years_ago(16),
            postcode="6828AB",
        )
    assert not User.objects.filter(email="jong@buurtbaan.example").exists()


def test_the_bureau_s_public_page_links_to_sign_up_and_the_public_profiles(client, personas):
    bureau = personas.bureau
    content = client.get(reverse("bureaus:public", kwargs={"bureau_slug": bureau.slug})).content
    content = content.decode()
    profiles = reverse("residents:profile-list", kwargs={"bureau_slug": bureau.slug})
    assert f'href="{sign_up_url(bureau)}">Meld je aan<' in content
    assert f'href="{profiles}">Wie doen er mee' in content


def test_an_existing_address_costs_a_password_hash_too(personas, monkeypatch):
    """The answer for a known address must not come back faster (timing would reveal it)."""
    resident_with_account(personas.bureau, email="bestaand@buurtbaan.example")
    hashed = []
    monkeypatch.setattr(actions, "make_password", lambda password: hashed.append(password))
    sign_up(personas.bureau, email="bestaand@buurtbaan.example", password=PASSWORD)
    assert hashed == [PASSWORD]
