import pytest
from django.urls import reverse

from buurtbaan.audit.models import AuditAction, AuditEntry
from tests.factories import sign_up


def log_in(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_login_with_any_case_of_the_address_works_and_is_audited(client, personas):
    response = log_in(client, personas.coach.email.upper(), "geheim-wachtwoord-42")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(actor=personas.coach, action=AuditAction.LOGIN).exists()


def test_a_wrong_password_is_refused_clearly_and_audited(client, personas):
    response = log_in(client, personas.coach.email, "fout")
    assert response.status_code == 200
    assert "komen niet overeen" in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.actor is None
    assert personas.coach.email not in str(entry.__dict__)


def test_failed_logins_are_throttled(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, personas.coach.email, "fout")
    response = log_in(client, personas.coach.email, "geheim-wachtwoord-42")
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()


def test_passwords_are_hashed_with_argon2_in_production():
    from django.conf import settings as django_settings

    from buurtbaan import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert django_settings.AUTH_USER_MODEL == "accounts.User"


def test_password_reset_mails_a_link_that_works(client, personas, mailoutbox):
    response = client.post(reverse("accounts:password-reset"), {"email": personas.coach.email})
    assert response.status_code == 302
    link = next(line for line in mailoutbox[0].body.splitlines() if "/wachtwoord-kiezen/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "een-nieuw-wachtwoord-77", "new_password2": "een-nieuw-wachtwoord-77"},
    )
    assert response.status_code == 302
    personas.coach.refresh_from_db()
    assert personas.coach.check_password("een-nieuw-wachtwoord-77")


def test_password_reset_says_the_same_for_unknown_addresses(client, db, mailoutbox):
    response = client.post(
        reverse("accounts:password-reset"), {"email": "onbekend@buurtbaan.example"}
    )
    assert response.status_code == 302
    assert mailoutbox == []


def test_logout_needs_post_and_is_audited(login, personas):
    client = login(personas.coach)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert AuditEntry.objects.filter(actor=personas.coach, action=AuditAction.LOGOUT).exists()


def test_personal_pages_are_not_cached(login, personas):
    response = login(personas.coach).get(reverse("accounts:account"))
    assert response["Cache-Control"] == "no-store, private"


def sign_up_unconfirmed(bureau):
    sign_up(bureau)


def test_an_unconfirmed_sign_up_with_the_right_password_is_told_to_confirm(client, personas):
    sign_up_unconfirmed(personas.bureau)
    response = log_in(client, "Yasmina@buurtbaan.example", "Wandelen-in-de-wijk-7")

    assert response.status_code == 200
    content = response.content.decode()
    assert "nog niet bevestigd" in content
    assert "komen niet overeen" not in content
    resend = reverse("residents:registration-resend", kwargs={"bureau_slug": personas.bureau.slug})
    assert f'href="{resend}"' in content
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("yasmina@buurtbaan.example", "een-verkeerd-wachtwoord"),  # unconfirmed, wrong password
        ("onbekend@buurtbaan.example", "Wandelen-in-de-wijk-7"),  # no such account
    ],
)
def test_without_the_right_password_it_reveals_nothing(client, personas, email, password):
    sign_up_unconfirmed(personas.bureau)
    response = log_in(client, email, password)

    content = response.content.decode()
    assert "komen niet overeen" in content
    assert "nog niet bevestigd" not in content
    assert "/aanmelden/opnieuw/" not in content


def test_a_deactivated_account_gets_the_usual_error_even_with_the_right_password(client, personas):
    personas.coach.is_active = False
    personas.coach.save()
    content = log_in(client, personas.coach.email, "geheim-wachtwoord-42").content.decode()
    assert "komen niet overeen" in content
    assert "nog niet bevestigd" not in content
