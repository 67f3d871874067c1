"""A confirmed sign-up is merged into a record the bureau made before only when the e-mail
address, the name and the birth date agree. Otherwise both stay, the newcomer sees only their
own sign-up, and a coordinator links them or keeps them apart on the page of possible
duplicates, which the audit log records."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from buurtbaan.audit.models import AuditEntry
from buurtbaan.residents.models import DuplicateStatus, PossibleDuplicate, Resident
from tests.factories import BarrierFactory, DreamFactory, ResidentFactory, sign_up

User = get_user_model()
SIGN_UP_BIRTH_DATE = datetime.date(1990, 3, 14)  # Yasmina's, in tests.factories.sign_up


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def staff_record(bureau, **fields):
    fields = {"email": "Yasmina@Buurtbaan.example", "first_name": "Yasmina", **fields}
    fields.setdefault("last_name", "Ouali")
    fields.setdefault("date_of_birth", SIGN_UP_BIRTH_DATE)
    return ResidentFactory(bureau=bureau, **fields)


def sign_up_and_confirm(client, bureau, **fields):
    sign_up(bureau, **fields)
    url = re.search(r"https?://\S+/bevestigen/\S+/", mail.outbox[-1].body).group(0)
    client.post(urlsplit(url).path)
    return User.objects.get(email="yasmina@buurtbaan.example")


def url(name, bureau, **kwargs):
    return reverse(f"residents:{name}", kwargs={"bureau_slug": bureau.slug, **kwargs})


def test_the_same_address_with_another_birth_date_is_not_merged(client, personas):
    record = staff_record(personas.bureau, date_of_birth=datetime.date(1961, 7, 2))
    BarrierFactory(resident=record, description="Schulden bij de woningcorporatie")

    user = sign_up_and_confirm(client, personas.bureau)

    record.refresh_from_db()
    assert record.user is None
    registration = Resident.objects.get(user=user)
    assert registration.pk != record.pk
    duplicate = PossibleDuplicate.objects.get()
    assert (duplicate.registration, duplicate.record) == (registration, record)
    assert duplicate.status == DuplicateStatus.OPEN


def test_the_newcomer_sees_nothing_of_the_bureaus_record(client, personas):
    record = staff_record(personas.bureau, date_of_birth=datetime.date(1961, 7, 2))
    BarrierFactory(resident=record, description="Schulden bij de woningcorporatie")

    sign_up_and_confirm(client, personas.bureau)
    content = client.get(url("mydata", personas.bureau)).content.decode()

    assert "Schulden" not in content
    assert "1961" not in content


def test_the_same_address_with_another_name_is_not_merged(client, personas):
    record = staff_record(personas.bureau, first_name="Fatima")

    sign_up_and_confirm(client, personas.bureau)

    record.refresh_from_db()
    assert record.user is None
    assert PossibleDuplicate.objects.filter(record=record, status="open").exists()


def test_names_that_differ_only_in_case_accents_or_spaces_agree(client, personas):
    record = staff_record(personas.bureau, first_name=" yasmína ", last_name="OUALI")

    user = sign_up_and_confirm(client, personas.bureau)

    record.refresh_from_db()
    assert record.user == user
    assert not PossibleDuplicate.objects.exists()


def test_the_coordinators_are_mailed_a_link_to_the_page(
    client, personas, django_capture_on_commit_callbacks
):
    staff_record(personas.bureau, first_name="Fatima")
    sign_up(personas.bureau)
    link = re.search(r"https?://\S+/bevestigen/\S+/", mail.outbox[-1].body).group(0)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(urlsplit(link).path)

    assert [m.to for m in mail.outbox] == [[personas.coordinator.email]]
    assert "/bewoners/mogelijk-dubbel/" in mail.outbox[0].body


def test_the_coordinator_sees_both_side_by_side_and_on_the_overview(client, personas, login):
    staff_record(personas.bureau, date_of_birth=datetime.date(1961, 7, 2))
    sign_up_and_confirm(client, personas.bureau)
    coordinator = login(personas.coordinator)

    page = coordinator.get(url("duplicate-list", personas.bureau)).content.decode()
    overview = coordinator.get(
        reverse("bureaus:dashboard", kwargs={"bureau_slug": personas.bureau.slug})
    ).content.decode()

    assert "14 maart 1990" in page
    assert "2 juli 1961" in page
    assert url("duplicate-list", personas.bureau) in overview


def test_linking_gives_the_account_the_bureaus_record_and_is_audited(client, personas, login):
    record = staff_record(personas.bureau, date_of_birth=datetime.date(1961, 7, 2))
    DreamFactory(resident=record, description="Kok worden")
    user = sign_up_and_confirm(client, personas.bureau)
    registration = Resident.objects.get(user=user)
    duplicate = PossibleDuplicate.objects.get()

    response = login(personas.coordinator).post(
        url("duplicate-decide", personas.bureau, pk=duplicate.pk), {"decision": "link"}
    )

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.user == user
    assert not Resident.objects.filter(pk=registration.pk).exists()
    duplicate.refresh_from_db()
    assert duplicate.status == DuplicateStatus.LINKED
    assert duplicate.decided_by == personas.coordinator
    entry = AuditEntry.objects.get(object_id=str(record.pk), note__contains="merged")
    assert entry.actor == personas.coordinator
    client.force_login(user)
    assert "Kok worden" in client.get(url("mydata", personas.bureau)).content.decode()


def test_keeping_apart_leaves_both_and_is_audited(client, personas, login):
    record = staff_record(personas.bureau, first_name="Fatima")
    user = sign_up_and_confirm(client, personas.bureau)
    duplicate = PossibleDuplicate.objects.get()
    coordinator = login(personas.coordinator)

    coordinator.post(
        url("duplicate-decide", personas.bureau, pk=duplicate.pk), {"decision": "apart"}
    )

    duplicate.refresh_from_db()
    assert duplicate.status == DuplicateStatus.KEPT_APART
    record.refresh_from_db()
    assert record.user is None
    assert Resident.objects.filter(user=user).exists()
    for resident in (record, Resident.objects.get(user=user)):
        entry = AuditEntry.objects.get(object_id=str(resident.pk), note__contains="kept apart")
        assert entry.actor == personas.coordinator
    page = coordinator.get(url("duplicate-list", personas.bureau)).content.decode()
    assert "Fatima" not in page


def test_a_sign_up_someone_worked_on_is_not_linked_and_the_coordinator_is_told_why(
    client, personas, login
):
    record = staff_record(personas.bureau, first_name="Fatima")
    user = sign_up_and_confirm(client, personas.bureau)
    DreamFactory(resident=Resident.objects.get(user=user), description="Fietsen maken")
    duplicate = PossibleDuplicate.objects.get()

    response = login(personas.coordinator).post(
        url("duplicate-decide", personas.bureau, pk=duplicate.pk),
        {"decision": "link"},
        follow=True,
    )

    assert "al aan de aanmelding gewerkt" in response.content.decode()
    record.refresh_from_db()
    assert record.user is None
    assert Resident.objects.get(user=user).dreams.get().description == "Fietsen maken"
    duplicate.refresh_from_db()
    assert duplicate.is_open


def test_a_coach_can_neither_see_nor_decide(client, personas, login):
    staff_record(personas.bureau, first_name="Fatima")
    sign_up_and_confirm(client, personas.bureau)
    duplicate = PossibleDuplicate.objects.get()
    coach = login(personas.coach)

    assert coach.get(url("duplicate-list", personas.bureau)).status_code == 404
    decide = url("duplicate-decide", personas.bureau, pk=duplicate.pk)
    assert coach.post(decide, {"decision": "link"}).status_code == 404
    duplicate.refresh_from_db()
    assert duplicate.is_open


def add_pairs(bureau, count=3):
    for _ in range(count):
        record = ResidentFactory(bureau=bureau)
        registration = ResidentFactory(bureau=bureau, email=record.email)
        PossibleDuplicate.objects.create(bureau=bureau, registration=registration, record=record)


def test_the_page_needs_a_fixed_number_of_queries(
    client, personas, login, django_assert_max_num_queries
):
    coordinator = login(personas.coordinator)
    add_pairs(personas.bureau)
    with django_assert_max_num_queries(15) as few:
        coordinator.get(url("duplicate-list", personas.bureau))
    add_pairs(personas.bureau)
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator.get(url("duplicate-list", personas.bureau))


def test_a_pair_whose_record_was_erased_meanwhile_leaves_the_list(client, personas, login):
    record = staff_record(personas.bureau, first_name="Fatima")
    sign_up_and_confirm(client, personas.bureau)
    Resident.objects.filter(pk=record.pk).update(is_anonymised=True, first_name="Gewist")

    page = login(personas.coordinator).get(url("duplicate-list", personas.bureau))

    assert "Gewist" not in page.content.decode()
