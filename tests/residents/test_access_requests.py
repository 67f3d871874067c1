"""The right of access (AVG art. 15): a formal access request that the resident files on their own
pages or a coordinator registers, that a coordinator reviews (with the one-month term visible) and
releases in full, including the sensitive notes and the audit entries about them, or declines
with a reason; the resident then downloads it (JSON, a print page, a PDF). Audited at every step;
other residents' names stay out."""

import datetime
import io
import json
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from pypdf import PdfReader

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.models import Membership
from buurtbaan.residents import actions
from buurtbaan.residents.models import (
    AccessChannel,
    AccessRequest,
    AccessStatus,
    Resident,
    months_after,
    one_month_after,
)
from tests.factories import (
    AccessRequestFactory,
    ResidentFactory,
    SensitiveNoteFactory,
    resident_with_account,
)

NOTE = "Schulden bij de energieleverancier; vriendin Petra Zonneveld helpt met de post"


def url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


@pytest.fixture
def me(personas):
    """A resident with an account, a sensitive note naming another resident, and a read of it."""
    personas.bureau.email = "bureau@buurtbaan.example"
    personas.bureau.save(update_fields=["email"])
    ResidentFactory(bureau=personas.bureau, first_name="Petra", last_name="Zonneveld")
    resident = resident_with_account(
        personas.bureau, first_name="Yasmina", last_name="Ouali", coach=personas.coach
    )
    actions.add_sensitive_note(
        actor=personas.coach, resident=resident, category="health", text=NOTE
    )
    membership = Membership.objects.get(user=personas.coach, bureau=personas.bureau)
    actions.read_sensitive_notes(actor=personas.coach, membership=membership, resident=resident)
    return resident


def released(personas, resident):
    access_request, _new = actions.request_access(actor=resident.user, resident=resident)
    return actions.release_access(actor=personas.coordinator, access_request=access_request)


def download(client, personas, access_request, file_format):
    return client.get(
        url(
            "residents:my-access-download",
            personas.bureau,
            pk=access_request.pk,
            file_format=file_format,
        )
    )


# --- Asking --------------------------------------------------------------------------------------


def test_a_resident_asks_for_all_their_data_on_their_own_pages(login, personas, me):
    client = login(me.user)
    assert "mijn-gegevens/inzage" in client.get(url("residents:mydata", personas.bureau)).text

    response = client.post(url("residents:my-access-list", personas.bureau), follow=True)

    access_request = AccessRequest.objects.get(resident=me)
    assert access_request.status == AccessStatus.PENDING
    assert access_request.channel == AccessChannel.OWN_PAGES
    assert access_request.requested_by == me.user
    assert access_request.received_on == timezone.localdate()
    assert "binnen een maand" in response.text
    entry = AuditEntry.objects.get(object_type="residents.accessrequest")
    assert (entry.action, entry.actor) == (AuditAction.CREATE, me.user)
    assert [message.to for message in mail.outbox] == [["bureau@buurtbaan.example"]]
    assert "Yasmina" not in mail.outbox[0].body


def test_asking_twice_keeps_one_pending_request(login, personas, me):
    client = login(me.user)
    client.post(url("residents:my-access-list", personas.bureau))
    client.post(url("residents:my-access-list", personas.bureau))

    assert AccessRequest.objects.filter(resident=me).count() == 1


def test_a_coordinator_registers_a_request_that_came_by_letter(login, personas, me):
    client = login(personas.coordinator)
    detail = client.get(url("residents:resident-detail", personas.bureau, pk=me.pk))
    create = url("residents:access-create", personas.bureau, pk=me.pk)
    assert create in detail.text

    response = client.post(
        create, {"channel": "letter", "received_on": "2026-11-20", "note": "brief met kopie ID"}
    )

    access_request = AccessRequest.objects.get(resident=me)
    assert response.url == url("residents:access-detail", personas.bureau, pk=access_request.pk)
    assert access_request.channel == AccessChannel.LETTER
    assert access_request.received_on == datetime.date(2026, 11, 20)
    assert access_request.due_on == datetime.date(2026, 12, 20)
    assert access_request.requested_by == personas.coordinator
    assert AuditEntry.objects.filter(object_type="residents.accessrequest").count() == 1


def test_a_received_day_in_the_future_is_refused_and_the_form_keeps_what_was_typed(
    login, personas, me
):
    later = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = login(personas.coordinator).post(
        url("residents:access-create", personas.bureau, pk=me.pk),
        {"channel": "desk", "received_on": later, "note": "aan de balie"},
    )

    assert response.status_code == 200
    assert "kan niet in de toekomst liggen" in response.text
    assert "aan de balie" in response.text
    assert not AccessRequest.objects.exists()


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime.date(2026, 3, 15), datetime.date(2026, 4, 15)),
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 2), datetime.date(2027, 1, 2)),
        (datetime.date(2026, 5, 31), datetime.date(2026, 6, 30)),
    ],
)
def test_the_term_is_one_month_after_the_request_was_received(received, due):
    assert one_month_after(received) == due


def test_the_list_shows_the_deadline_and_flags_a_late_request(login, personas, me):
    today = timezone.localdate()
    AccessRequestFactory(resident=me, received_on=today - datetime.timedelta(days=40))

    response = login(personas.coordinator).get(url("residents:access-list", personas.bureau))

    assert response.status_code == 200
    assert "access-overdue" in response.text
    assert "te laat" in response.text


def test_the_coordinator_sees_waiting_requests_on_the_management_page(login, personas, me):
    AccessRequestFactory(resident=me)

    response = login(personas.coordinator).get(url("bureaus:manage", personas.bureau))

    assert url("residents:access-list", personas.bureau) in response.text
    assert response.context["pending"]["access_requests"] == 1


# --- Reviewing and deciding ----------------------------------------------------------------------


def test_the_review_shows_the_notes_and_is_audited_as_a_read_of_them(login, personas, me):
    access_request = AccessRequestFactory(resident=me)

    response = login(personas.coordinator).get(
        url("residents:access-detail", personas.bureau, pk=access_request.pk)
    )

    assert response.status_code == 200
    assert "Schulden bij de energieleverancier" in response.text
    assert "Petra Zonneveld" not in response.text
    assert "dagen over" in response.text or "dag over" in response.text
    review = AuditEntry.objects.filter(actor=personas.coordinator, action=AuditAction.VIEW).get()
    assert "sensitive_notes" in review.fields
    assert review.object_id == str(me.pk)


def test_release_lets_the_resident_download_and_mails_them(login, personas, me):
    access_request = AccessRequestFactory(resident=me)

    response = login(personas.coordinator).post(
        url("residents:access-detail", personas.bureau, pk=access_request.pk),
        {"decision": "release"},
    )

    assert response.url == url("residents:access-list", personas.bureau)
    access_request.refresh_from_db()
    assert access_request.status == AccessStatus.RELEASED
    assert access_request.decided_by == personas.coordinator
    assert access_request.can_download()
    entry = AuditEntry.objects.get(object_type="residents.accessrequest", note="released")
    assert entry.actor == personas.coordinator
    assert mail.outbox[-1].to == [me.user.email]


def test_a_request_cannot_be_decided_twice(personas, me):
    access_request = released(personas, me)

    with pytest.raises(ValidationError, match="al beslist"):
        actions.decline_access(
            actor=personas.coordinator, access_request=access_request, reason="x"
        )
    access_request.refresh_from_db()
    assert access_request.status == AccessStatus.RELEASED


def test_declining_needs_a_reason_and_keeps_the_request_waiting(login, personas, me):
    access_request = AccessRequestFactory(resident=me)

    response = login(personas.coordinator).post(
        url("residents:access-detail", personas.bureau, pk=access_request.pk),
        {"decision": "decline", "decline_reason": "  "},
    )

    assert response.status_code == 200
    assert "Schrijf waarom het bureau de gegevens niet kan geven" in response.text
    access_request.refresh_from_db()
    assert access_request.is_pending


def test_the_resident_reads_why_their_request_was_declined(login, personas, me):
    access_request = AccessRequestFactory(resident=me)
    login(personas.coordinator).post(
        url("residents:access-detail", personas.bureau, pk=access_request.pk),
        {"decision": "decline", "decline_reason": "We konden niet nagaan wie het vroeg."},
    )

    response = login(me.user).get(url("residents:my-access-list", personas.bureau))

    assert "We konden niet nagaan wie het vroeg." in response.text
    assert "We konden niet nagaan" in mail.outbox[-1].body
    assert download(login(me.user), personas, access_request, "json").status_code == 404


# --- Downloading ---------------------------------------------------------------------------------


def test_the_release_holds_the_sensitive_notes_and_the_audit_entries_about_them(
    login, personas, me
):
    access_request, _new = actions.request_access(actor=me.user, resident=me)
    detail = url("residents:access-detail", personas.bureau, pk=access_request.pk)
    login(personas.coordinator).get(detail)
    login(personas.coordinator).post(detail, {"decision": "release"})

    response = download(login(me.user), personas, access_request, "json")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    [note] = data["sensitive_notes"]
    assert note["text"].startswith("Schulden bij de energieleverancier")
    assert note["about"] == "health"
    assert note["written_by"] == personas.coach.get_full_name()
    reads = [entry for entry in data["audit_log"] if "sensitive_notes" in entry["fields"]]
    assert {entry["who"] for entry in reads} >= {
        personas.coach.get_full_name(),
        personas.coordinator.get_full_name(),
    }
    label = AuditEntry.objects.get(object_type="residents.sensitivenote").object_label
    created = [e for e in data["audit_log"] if e["record"] == label]
    assert [e["action"] for e in created] == ["create"]
    assert created[0]["who"] == personas.coach.get_full_name()
    assert data["access_request"]["released_by"] == personas.coordinator.get_full_name()
    assert "inclusief de vertrouwelijke notities" in data["not_included"]
    # The rest of the self-service export is there too.
    assert data["personal_details"]["first_name"] == "Yasmina"


def test_other_residents_names_and_staff_e_mail_addresses_stay_out(login, personas, me):
    access_request = released(personas, me)

    body = download(login(me.user), personas, access_request, "json").content.decode()

    assert "Petra Zonneveld" not in body
    assert "[een andere bewoner]" in body
    assert json.loads(body)["sensitive_notes"][0]["names_of_others_left_out"] == 1
    assert personas.coach.email not in body
    assert personas.coordinator.email not in body


def test_the_print_page_and_the_pdf_hold_the_notes(login, personas, me):
    access_request = released(personas, me)
    client = login(me.user)

    page = download(client, personas, access_request, "afdrukken")
    pdf = download(client, personas, access_request, "pdf")

    assert page.status_code == 200
    assert "Schulden bij de energieleverancier" in page.text
    assert "Petra Zonneveld" not in page.text
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "energieleverancier" in text


def test_each_download_is_audited(login, personas, me):
    access_request = released(personas, me)
    client = login(me.user)
    for file_format in ("json", "afdrukken", "pdf"):
        download(client, personas, access_request, file_format)

    exports = AuditEntry.objects.filter(
        action=AuditAction.EXPORT, object_type="residents.accessrequest", actor=me.user
    )
    assert sorted(entry.note for entry in exports) == [
        "access request as afdrukken",
        "access request as json",
        "access request as pdf",
    ]
    history = login(personas.coordinator).get(
        url("residents:access-detail", personas.bureau, pk=access_request.pk)
    )
    assert "heeft het vrijgegeven" in history.text
    assert "heeft het gedownload (PDF)" in history.text
    assert "access request as" not in history.text


def test_a_note_written_after_the_release_is_not_in_it(login, personas, me):
    access_request = released(personas, me)
    SensitiveNoteFactory(resident=me, text="Later geschreven, nog niet bekeken")

    body = download(login(me.user), personas, access_request, "json").content.decode()

    assert "Later geschreven" not in body


def test_there_is_no_download_before_release_nor_after_the_download_period(login, personas, me):
    client = login(me.user)
    pending = AccessRequestFactory(resident=me)
    assert download(client, personas, pending, "json").status_code == 404

    expired = AccessRequestFactory(
        resident=me,
        status=AccessStatus.RELEASED,
        decided_at=timezone.now() - datetime.timedelta(days=AccessRequest.DOWNLOAD_DAYS + 1),
    )
    assert download(client, personas, expired, "json").status_code == 404
    assert download(client, personas, released(personas, me), "zip").status_code == 404


def test_a_resident_cannot_download_another_residents_release(login, personas, me):
    other = resident_with_account(personas.bureau, first_name="Anders")
    theirs = released(personas, other)

    assert download(login(me.user), personas, theirs, "json").status_code == 404


def test_staff_cannot_download_a_release_from_the_resident_pages(login, personas, me):
    access_request = released(personas, me)

    assert (
        download(login(personas.coordinator), personas, access_request, "json").status_code == 404
    )


# --- What the pages promise ------------------------------------------------------------------------


def test_the_privacy_page_says_how_to_get_the_notes_and_what_stays_out(client):
    text = client.get(reverse("core:privacy")).text

    assert "inzageverzoek" in text
    assert "binnen een maand" in text
    assert "namen van andere bewoners" in text


def test_the_self_service_export_says_how_to_get_what_it_leaves_out(login, personas, me):
    client = login(me.user)
    data = json.loads(client.get(url("residents:mydata-json", personas.bureau)).content)
    page = client.get(url("residents:mydata", personas.bureau)).text

    assert "inzageverzoek" in data["not_included"]
    assert "inzageverzoek" in page
    assert "Schulden" not in json.dumps(data)


def test_a_coach_cannot_review_or_register_requests(login, personas, me):
    access_request = AccessRequestFactory(resident=me)
    client = login(personas.coach)

    assert (
        client.get(
            url("residents:access-detail", personas.bureau, pk=access_request.pk)
        ).status_code
        == 404
    )
    assert client.post(url("residents:access-create", personas.bureau, pk=me.pk)).status_code == 404


def test_a_coordinator_of_another_bureau_gets_404(login, personas, me):
    access_request = AccessRequestFactory(resident=me)
    client = login(personas.other_coordinator)

    response = client.get(
        url("residents:access-detail", personas.other_bureau, pk=access_request.pk)
    )

    assert response.status_code == 404


def test_a_resident_without_an_account_gets_the_pdf_from_the_coordinator(login, personas):
    by_letter = ResidentFactory(
        bureau=personas.bureau, coach=personas.coach, email="brief@buurtbaan.example"
    )
    actions.add_sensitive_note(
        actor=personas.coach, resident=by_letter, category="debts", text=NOTE
    )
    access_request, _new = actions.request_access(
        actor=personas.coordinator, resident=by_letter, channel=AccessChannel.LETTER
    )
    actions.release_access(actor=personas.coordinator, access_request=access_request)
    client = login(personas.coordinator)

    page = client.get(url("residents:access-detail", personas.bureau, pk=access_request.pk)).text
    pdf = client.get(url("residents:access-pdf", personas.bureau, pk=access_request.pk))

    assert url("residents:access-pdf", personas.bureau, pk=access_request.pk) in page
    assert "geen account" in page
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "energieleverancier" in text
    assert not mail.outbox  # nothing to download online: no e-mail saying so
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, actor=personas.coordinator, object_id=str(access_request.pk)
    ).exists()


def test_the_coordinator_has_no_pdf_of_a_pending_request(login, personas, me):
    access_request = AccessRequestFactory(resident=me)

    response = login(personas.coordinator).get(
        url("residents:access-pdf", personas.bureau, pk=access_request.pk)
    )

    assert response.status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(login, personas, django_assert_max_num_queries):
    client = login(personas.coordinator)
    AccessRequestFactory(resident=ResidentFactory(bureau=personas.bureau))
    with django_assert_max_num_queries(20) as few:
        client.get(url("residents:access-list", personas.bureau))
    for _ in range(5):
        AccessRequestFactory(
            resident=ResidentFactory(bureau=personas.bureau),
            status=AccessStatus.RELEASED,
            decided_by=personas.coordinator,
            decided_at=timezone.now(),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("residents:access-list", personas.bureau))


def test_an_anonymised_record_cannot_be_released(personas, me):
    access_request = AccessRequestFactory(resident=me)
    Resident.objects.filter(pk=me.pk).update(is_anonymised=True)
    access_request.refresh_from_db()

    with pytest.raises(ValidationError):
        actions.release_access(actor=personas.coordinator, access_request=access_request)
    with pytest.raises(ValidationError):
        actions.request_access(actor=personas.coordinator, resident=access_request.resident)


@pytest.mark.parametrize(
    ("received", "extended_due"),
    [
        (datetime.date(2026, 1, 31), datetime.date(2026, 4, 30)),
        (datetime.date(2026, 11, 15), datetime.date(2027, 2, 15)),
    ],
)
def test_an_extended_term_ends_three_months_after_receipt(received, extended_due):
    access_request = AccessRequest(received_on=received, extended_at=timezone.now())

    assert access_request.due_on == extended_due


def test_the_coordinator_extends_the_term_once_with_a_reason_the_resident_reads(
    login, personas, me
):
    access_request = AccessRequestFactory(resident=me)
    detail = url("residents:access-detail", personas.bureau, pk=access_request.pk)
    client = login(personas.coordinator)

    response = client.post(
        detail, {"decision": "extend", "extension_reason": "Het dossier ligt deels op papier."}
    )

    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.is_pending
    assert access_request.due_on == months_after(access_request.received_on, 3)
    assert "deels op papier" in mail.outbox[-1].body
    assert 'value="extend"' not in client.get(detail).text  # only once
    page = login(me.user).get(url("residents:my-access-list", personas.bureau)).text
    assert "Het dossier ligt deels op papier." in page
    assert AuditEntry.objects.filter(
        object_type="residents.accessrequest", note="extended"
    ).exists()


def test_extending_needs_a_reason_and_keeps_what_was_typed_elsewhere(login, personas, me):
    access_request = AccessRequestFactory(resident=me)

    response = login(personas.coordinator).post(
        url("residents:access-detail", personas.bureau, pk=access_request.pk),
        {"decision": "extend", "extension_reason": ""},
    )

    assert response.status_code == 200
    assert "Schrijf waarom het bureau meer tijd nodig heeft" in response.text
    access_request.refresh_from_db()
    assert access_request.extended_at is None


def test_the_term_cannot_be_extended_after_the_first_month(personas, me):
    late = AccessRequestFactory(
        resident=me, received_on=timezone.localdate() - datetime.timedelta(days=40)
    )

    with pytest.raises(ValidationError, match="één keer"):
        actions.extend_access(actor=personas.coordinator, access_request=late, reason="druk")


def test_the_review_says_the_audit_entries_about_the_notes_in_words(login, personas, me):
    access_request = AccessRequestFactory(resident=me)

    page = (
        login(personas.coordinator)
        .get(url("residents:access-detail", personas.bureau, pk=access_request.pk))
        .text
    )

    table = page.split("<caption>Regels uit het logboek over de vertrouwelijke notities</caption>")[
        1
    ]
    table = strip_tags(table.split("</table>")[0])
    assert "Bekeken: bewoner Yasmina Ouali (vertrouwelijke notities)" in table
    assert "Aangemaakt: een vertrouwelijke notitie over Yasmina Ouali" in table
    assert not re.search(r"#\d", table)
    assert "sensitive_notes" not in table
