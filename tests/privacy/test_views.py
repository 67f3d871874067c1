"""The processing register and retention pages under Beheer, and the public privacy page that
lists the same register. Who may open them is in tests/bureau_urls.py (role matrix)."""

import pytest
from django.urls import reverse

from buurtbaan.audit.models import AuditEntry
from buurtbaan.privacy import actions
from buurtbaan.privacy.models import RetentionSettings
from buurtbaan.privacy.registry import registry

pytestmark = pytest.mark.usefixtures("english")


def url(name, bureau):
    return reverse(name, kwargs={"bureau_slug": bureau.slug})


def test_the_register_lists_every_declaration_with_why_ground_period_and_roles(login, personas):
    response = login(personas.coordinator).get(url("privacy:register", personas.bureau))

    assert response.status_code == 200
    page = response.content.decode()
    for declaration in registry.personal_declarations():
        assert str(declaration.holds).replace("'", "&#x27;") in page
        assert str(declaration.purpose).replace("'", "&#x27;") in page
    assert "a legitimate interest of the bureau (AVG art. 6(1)(f))" in page
    assert page.count("Responses on the bulletin board:</strong> cleared after 12 months") == 1
    assert "Inactive residents:</strong> never cleared" in page
    assert "Coordinator, coach" in page
    assert reverse("privacy:retention", kwargs={"bureau_slug": personas.bureau.slug}) in page


def test_the_register_shows_the_bureaus_own_periods(login, personas):
    actions.update_retention_settings(
        actor=personas.coordinator,
        bureau=personas.bureau,
        periods={"board_responses": 6, "inactive_residents": 3},
    )

    page = login(personas.coach).get(url("privacy:register", personas.bureau)).content.decode()

    assert "Responses on the bulletin board:</strong> cleared after 6 months" in page
    assert "Inactive residents:</strong> cleared after 3 years" in page
    # A coach reads it but cannot change the periods.
    assert reverse("privacy:retention", kwargs={"bureau_slug": personas.bureau.slug}) not in page


def test_the_register_takes_a_fixed_number_of_queries(login, personas, django_assert_num_queries):
    client = login(personas.coordinator)
    client.get(url("privacy:register", personas.bureau))  # warm the session and caches

    # Session, user, membership, the bureau's retention settings, the header's bureau menu;
    # the declarations themselves are in memory.
    with django_assert_num_queries(5):
        client.get(url("privacy:register", personas.bureau))


def test_the_retention_page_saves_the_periods_and_writes_an_audit_entry(login, personas):
    client = login(personas.coordinator)

    response = client.post(
        url("privacy:retention", personas.bureau),
        {
            "inactive_residents": "4",
            "audit_entries": "5",
            "board_responses": "18",
            "help_requests": "24",
        },
    )

    assert response.status_code == 302
    assert RetentionSettings.objects.get(bureau=personas.bureau).periods == {
        "inactive_residents": 4,
        "board_responses": 18,
    }
    entry = AuditEntry.objects.get(object_type="privacy.retentionsettings")
    assert entry.fields == ["board_responses", "inactive_residents"]


def test_the_retention_page_refuses_a_bad_period_and_keeps_what_was_typed(login, personas):
    client = login(personas.coordinator)

    response = client.post(
        url("privacy:retention", personas.bureau),
        {
            "inactive_residents": "",
            "audit_entries": "0",
            "board_responses": "twaalf",
            "help_requests": "24",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="twaalf"' in page
    assert 'value="0"' in page
    assert 'aria-invalid="true"' in page
    assert not RetentionSettings.objects.exists()


def test_the_retention_page_shows_the_defaults_first(login, personas):
    page = login(personas.coordinator).get(url("privacy:retention", personas.bureau))

    form = page.context["form"]
    assert form["board_responses"].value() == 12
    assert form["audit_entries"].value() == 5
    assert form["inactive_residents"].value() is None
    assert not form.fields["inactive_residents"].required


def test_a_coach_may_not_change_the_periods(login, personas):
    response = login(personas.coach).post(
        url("privacy:retention", personas.bureau), {"board_responses": "1"}
    )

    assert response.status_code == 404
    assert not RetentionSettings.objects.exists()


def test_the_management_page_links_to_the_register_and_the_periods(login, personas):
    page = login(personas.coordinator).get(url("bureaus:manage", personas.bureau))

    assert url("privacy:register", personas.bureau) in page.content.decode()
    assert url("privacy:retention", personas.bureau) in page.content.decode()


def test_the_public_privacy_page_lists_the_same_register(client, db):
    page = client.get(reverse("core:privacy"), secure=True).content.decode()

    for declaration in registry.personal_declarations():
        assert str(declaration.holds).replace("'", "&#x27;") in page
    assert "Responses on the bulletin board:</strong> cleared after 12 months" in page


def test_the_pages_are_in_dutch(client, login, personas, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    from django.utils import translation

    with translation.override("nl"):
        page = login(personas.coordinator).get(url("privacy:register", personas.bureau))
    text = page.content.decode()
    assert "Verwerkingsregister" in text
    assert "Wettelijke grondslag" in text
    assert "reacties op het prikbord".capitalize() in text
