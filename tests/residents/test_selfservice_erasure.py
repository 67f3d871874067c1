"""Erasure: the resident asks (after an explanation), a coordinator confirms or declines; confirming
anonymises the record in one transaction so that no personal data remains anywhere in the
database, while the figures that count residents, stages, talents, outcomes and work stay the same.
"""

import datetime
import io
import json
import os

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.impact import stats as impact_stats
from buurtbaan.residents import actions, queries
from buurtbaan.residents.erasure import (
    ANONYMISED_NAME,
    erased_actor_label,
    erased_resident_label,
)
from buurtbaan.residents.models import (
    Consent,
    ConsentScope,
    ErasureRequest,
    ErasureStatus,
    Resident,
)
from tests.factories import (
    BarrierFactory,
    BoardResponseFactory,
    ConsentFactory,
    DreamFactory,
    ErasureRequestFactory,
    HelpRequestFactory,
    ImpactParticipantFactory,
    IntakeFactory,
    IntroductionRequestFactory,
    MatchFactory,
    MembershipFactory,
    PersonalRelationFactory,
    PublicProfileFactory,
    SensitiveNoteFactory,
    resident_with_account,
)

# Personal data of the person who asks for erasure: each must be gone from the whole database.
FIRST_NAME = "Zwaantje"
LAST_NAME = "Qwertyhuis"
EMAIL = "zwaantje.qwertyhuis@buurtbaan.example"
PHONE = "06-18765432"
STREET = "Geheimsteeg 77"
DATE_OF_BIRTH = datetime.date(1979, 8, 23)
DREAM = "Een theewinkel met boeken aan de Spijkerstraat"
NEIGHBOUR = "Buurman Fokke Zwartsen"
SUPPORT = "Hulp bij het lezen van de dienstrooster-brieven"
PERSONAL_DATA = [
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    EMAIL.split("@")[0],
    PHONE,
    "18765432",  # also the stored form, +31618765432
    STREET,
    "6828XY",
    DATE_OF_BIRTH.isoformat(),
    DREAM,
    NEIGHBOUR,
    "Moeite met lezen en schrijven",
    "Schuldhulp loopt",
    "Kwam via de bibliotheek",
    "Vijftien jaar schoonmaker",
    SUPPORT,
    "Zwaantje zoekt al lang",
    "Zwaantje stopte om haar rug",
    "Mevrouw Qwertyhuis woont alleen",
    "a1b2c3d4e5f6",
]


# Other ways the same data could be written down.
VARIANTS = ["6828 XY", "23-08-1979", "23 augustus 1979", "Qwertyhuis".lower()]


def url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


@pytest.fixture
def person(personas, client):
    """A resident with data everywhere the application keeps it: the record and its parts, a
    public profile with a photo, consents, an intake, a sensitive note, their network, a response
    on the board, an impact outcome, logins (audit log, django-axes) and exports."""
    resident = resident_with_account(
        personas.bureau,
        first_name=FIRST_NAME,
        last_name=LAST_NAME,
        email=EMAIL,
        phone=PHONE,
        street=STREET,
        postcode="6828XY",
        date_of_birth=DATE_OF_BIRTH,
        coach=personas.coach,
        work_experience="Vijftien jaar schoonmaker",
        intake_source_detail="Kwam via de bibliotheek",
        stage="active",
    )
    user = resident.user
    user.first_name, user.last_name = FIRST_NAME, LAST_NAME
    user.save()
    resident.talents.add(*personas.bureau.talents.filter(name__in=["koken", "zorgen"]))
    DreamFactory(resident=resident, description=DREAM)
    BarrierFactory(resident=resident, description="Moeite met lezen en schrijven")
    ConsentFactory(resident=resident, scope=ConsentScope.PUBLIC_PROFILE, note=f"mail van {EMAIL}")
    ConsentFactory(resident=resident, scope=ConsentScope.MATCHING)
    IntakeFactory(
        resident=resident,
        coach=personas.coach,
        completed_at=timezone.now(),
        decision="start_trajectory",
        decision_note=f"{FIRST_NAME} start met de training",
        answers={"personal": {"notes": f"Belde vanaf {PHONE}", "saved_at": "2026-01-05T10:00"}},
    )
    SensitiveNoteFactory(resident=resident, text="Schuldhulp loopt")
    PublicProfileFactory(resident=resident, display_name=FIRST_NAME, about=DREAM)
    PersonalRelationFactory(resident=resident, name=NEIGHBOUR, helps_with="boodschappen")
    BoardResponseFactory(
        bureau=personas.bureau,
        item__bureau=personas.bureau,
        resident=resident,
        name=f"{FIRST_NAME} {LAST_NAME}",
        email=EMAIL,
        phone=PHONE,
        note=f"Gebeld met {FIRST_NAME}",
        ip_hash="a1b2c3d4e5f6",
    )
    ImpactParticipantFactory(
        assignment__bureau=personas.bureau,
        resident=resident,
        outcome="paid_work",
        outcome_on=timezone.localdate(),
        outcome_note=f"{FIRST_NAME} werkt nu bij de bakker",
    )
    match = MatchFactory(
        bureau=personas.bureau,
        resident=resident,
        status="stopped",
        proposal_note="Zwaantje zoekt al lang",
        support=[SUPPORT],
        reasons=[{"code": "shared_talents", "params": {"words": [DREAM]}}],
        end_reason="Zwaantje stopte om haar rug",
    )
    match.events.create(kind="stopped", from_status="proposed", to_status="stopped", reason=DREAM)
    IntroductionRequestFactory(
        bureau=personas.bureau, resident=resident, message=f"Wij willen {FIRST_NAME} spreken"
    )
    HelpRequestFactory(
        bureau=personas.bureau,
        resident=resident,
        person_description="Mevrouw Qwertyhuis woont alleen",
        postcode="6828XY",
        status_reason=f"{FIRST_NAME} verhuist",
    )
    # A real login through the form (audit entry with the e-mail, django-axes' access log).
    client.post(reverse("accounts:login"), {"username": EMAIL, "password": "geheim-wachtwoord-42"})
    client.get(url("residents:mydata-json", personas.bureau))
    client.logout()
    actions.update_resident(actor=personas.coach, resident=resident, changes={"phone": PHONE + " "})
    return Resident.objects.get(pk=resident.pk)


def database_dump() -> str:
    output = io.StringIO()
    call_command("dumpdata", format="json", stdout=output)
    # Unescape, so that "Petrović" or "6828 XY" are found as written.
    return json.dumps(json.loads(output.getvalue()), ensure_ascii=False)


def figures(bureau) -> dict:
    today = timezone.localdate()
    residents = Resident.objects.filter(bureau=bureau)
    return {
        "residents": residents.count(),
        "stages": sorted(residents.values_list("stage", flat=True)),
        "talent_links": Resident.talents.through.objects.filter(resident__bureau=bureau).count(),
        "talents": sorted(residents.values_list("talents__name", flat=True).exclude(talents=None)),
        "pc4": sorted(r.postcode[:4] for r in residents),
        "birth_years": sorted(r.date_of_birth.year for r in residents),
        "outcomes": impact_stats.outcomes(bureau, today.replace(month=1, day=1), today),
        "barriers": sorted(
            residents.values_list("barriers__level", "barriers__is_resolved").exclude(barriers=None)
        ),
        "intake_decisions": sorted(residents.values_list("intakes__decision", flat=True)),
        "matches": sorted(residents.values_list("matches__status", "matches__score")),
    }


def confirm(person, coordinator):
    erasure_request = actions.request_erasure(actor=person.user, resident=person)
    actions.confirm_erasure(actor=coordinator, erasure_request=erasure_request)
    return Resident.objects.get(pk=person.pk)


def test_the_resident_asks_after_an_explanation_and_a_confirmation_tick(login, personas):
    me = resident_with_account(personas.bureau)
    client = login(me.user)
    erase_url = url("residents:mydata-erasure", personas.bureau)
    assert client.get(erase_url).status_code == 200

    unticked = client.post(erase_url, {})
    assert unticked.status_code == 200
    assert "understood" in unticked.context["form"].errors
    assert not me.erasure_requests.exists()

    assert client.post(erase_url, {"understood": "on"}).status_code == 302
    request = me.erasure_requests.get()
    assert request.status == ErasureStatus.PENDING
    assert request.requested_by == me.user
    page = client.get(url("residents:mydata", personas.bureau))
    assert page.context["pending_erasure"] == request
    client.post(erase_url, {"understood": "on"})
    assert me.erasure_requests.count() == 1  # asking twice makes one request


def test_the_bureau_is_told_without_personal_data(login, personas):
    personas.bureau.email = "info@buurtbaan.example"
    personas.bureau.save()
    me = resident_with_account(personas.bureau, first_name="Zichtbaarnaam")
    login(me.user).post(url("residents:mydata-erasure", personas.bureau), {"understood": "on"})
    assert mail.outbox[-1].to == ["info@buurtbaan.example"]
    assert "Zichtbaarnaam" not in mail.outbox[-1].body + mail.outbox[-1].subject
    assert me.user.email not in mail.outbox[-1].body


def test_after_erasure_no_personal_data_remains_anywhere_in_the_database(
    personas, person, settings, tmp_path, django_capture_on_commit_callbacks
):
    dump = database_dump()
    assert [value for value in PERSONAL_DATA if value not in dump] == []  # really there

    with django_capture_on_commit_callbacks(execute=True):
        confirm(person, personas.coordinator)

    dump = database_dump()
    for value in PERSONAL_DATA + VARIANTS:
        assert value not in dump, f"{value!r} is still in the database"


def test_the_record_stays_anonymised_for_the_figures(personas, person):
    before = figures(personas.bureau)
    resident = confirm(person, personas.coordinator)

    assert figures(personas.bureau) == before
    assert resident.is_anonymised
    assert resident.anonymised_at is not None
    assert resident.first_name == ANONYMISED_NAME
    assert (resident.email, resident.phone, resident.street, resident.last_name) == ("",) * 4
    assert resident.postcode == "6828"
    assert resident.date_of_birth == datetime.date(1979, 7, 1)
    assert str(resident) != FIRST_NAME
    assert resident.stage == "active"
    assert resident.coach == personas.coach
    assert not resident.dreams.exists()
    assert not resident.sensitive_notes.exists()
    assert not Consent.objects.filter(resident=resident, withdrawn_at__isnull=True).exists()
    assert resident.impact_participations.get().outcome == "paid_work"
    assert resident.board_responses.count() == 1
    assert not hasattr(resident, "public_profile") or resident.public_profile is None


def test_the_account_is_closed_and_cannot_log_in(client, personas, person):
    user = person.user
    confirm(person, personas.coordinator)

    user.refresh_from_db()
    assert not user.is_active
    assert not user.has_usable_password()
    assert EMAIL not in user.email
    assert user.first_name == ""
    assert not Membership.objects.filter(user=user, is_active=True).exists()
    response = client.post(
        reverse("accounts:login"), {"username": EMAIL, "password": "geheim-wachtwoord-42"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_open_session_ends(client, personas, person):
    client.force_login(person.user)
    assert client.get(url("residents:mydata", personas.bureau)).status_code == 200
    confirm(person, personas.coordinator)
    response = client.get(url("residents:mydata", personas.bureau))
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]


def test_the_audit_log_keeps_the_entries_under_a_pseudonym(personas, person):
    user = person.user
    own = AuditEntry.objects.filter(actor=user)
    count = own.count()
    assert count
    assert own.filter(actor_label=EMAIL).exists()

    confirm(person, personas.coordinator)

    assert AuditEntry.objects.filter(actor=user).count() == count + 1  # + asking for erasure
    assert set(AuditEntry.objects.filter(actor=user).values_list("actor_label", flat=True)) == {
        erased_actor_label(user.pk)
    }
    erase = AuditEntry.objects.get(action=AuditAction.ERASE)
    assert erase.actor == personas.coordinator
    assert erase.object_id == str(person.pk)
    assert "resident" in erase.fields
    assert "account" in erase.fields
    assert FIRST_NAME not in f"{erase.note} {erase.object_label} {erase.fields}"


def test_the_resident_gets_a_last_mail_after_the_commit(
    personas, person, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        confirm(person, personas.coordinator)
    assert [m.to for m in mail.outbox] == [[EMAIL]]


def test_an_account_with_a_role_elsewhere_is_kept_but_unlinked(personas, person):
    MembershipFactory(user=person.user, bureau=personas.other_bureau, role=Role.PARTNER)
    here = AuditEntry.objects.filter(actor=person.user, bureau=personas.bureau)
    entry_ids = list(here.values_list("pk", flat=True))
    assert entry_ids
    resident = confirm(person, personas.coordinator)

    person.user.refresh_from_db()
    assert person.user.is_active
    assert resident.user is None
    assert not Membership.objects.get(user=person.user, bureau=personas.bureau).is_active
    assert Membership.objects.get(user=person.user, bureau=personas.other_bureau).is_active
    # Their entries in this bureau no longer lead to the account that lives on.
    entries = AuditEntry.objects.filter(pk__in=entry_ids)
    assert not entries.filter(actor__isnull=False).exists()
    assert set(entries.values_list("actor_label", flat=True)) == {erased_resident_label(person.pk)}
    assert not AuditEntry.objects.filter(actor_label__iexact=EMAIL, bureau=personas.bureau).exists()


def test_the_photo_file_is_removed_from_storage(
    personas, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path / "media"
    resident = resident_with_account(personas.bureau)
    profile = PublicProfileFactory(resident=resident, picture="photo")
    profile.photo.save("foto.jpg", ContentFile(b"not really a jpeg"), save=True)
    path = profile.photo.path
    assert os.path.exists(path)

    with django_capture_on_commit_callbacks(execute=True):
        confirm(resident, personas.coordinator)

    assert not os.path.exists(path)


def test_the_search_index_document_is_deleted_at_once(personas, person):
    from buurtbaan.talentsearch.actions import reindex_resident
    from buurtbaan.talentsearch.models import ResidentSearchDocument

    reindex_resident(person)
    assert ResidentSearchDocument.objects.filter(resident=person).exists()
    confirm(person, personas.coordinator)  # no on-commit callbacks run here
    assert not ResidentSearchDocument.objects.filter(resident=person).exists()


def test_the_stored_sessions_of_the_account_are_deleted(client, personas, person):
    from django.contrib.sessions.models import Session

    client.force_login(person.user)
    other = resident_with_account(personas.bureau)
    Client().force_login(other.user)

    def sessions_of(user):
        return [
            s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
        ]

    assert sessions_of(person.user)
    confirm(person, personas.coordinator)
    assert sessions_of(person.user) == []
    assert sessions_of(other.user)  # nobody else is logged out


def test_matches_keep_their_status_but_lose_the_resident_s_words(personas, person):
    match = person.matches.get()
    confirm(person, personas.coordinator)
    match.refresh_from_db()
    assert (match.status, match.score) == ("stopped", 0.62)
    assert (match.reasons, match.support, match.proposal_note, match.end_reason) == ([], [], "", "")
    assert match.events.get().reason == ""
    introduction = person.introduction_requests.get()
    assert (introduction.status, introduction.message) == ("declined", "")
    help_request = person.help_requests.get()
    assert (help_request.person_description, help_request.postcode) == ("", "6828")


def test_an_active_match_is_stopped_and_frees_its_place(personas, person):
    """Erasure stops a match that was still waiting or running; the step it records says why in
    words about the erasure, not about the person."""
    from buurtbaan.matching.models import MatchEvent

    active = MatchFactory(
        bureau=personas.bureau,
        resident=person,
        status="started",
        proposal_note=f"{FIRST_NAME} past goed",
    )
    active.events.create(
        kind="started", from_status="introduced", to_status="started", reason=DREAM
    )
    confirm(person, personas.coordinator)
    active.refresh_from_db()
    assert active.status == "stopped"
    assert active.ended_at is not None
    assert active.proposal_note == ""
    started, stopped = active.events.order_by("pk")
    assert started.reason == ""
    assert (stopped.kind, stopped.actor) == ("stopped", None)
    assert stopped.reason  # why the match ended, in the bureau's words
    assert FIRST_NAME not in stopped.reason
    assert DREAM not in stopped.reason
    assert not MatchEvent.objects.filter(match__resident=person, reason__contains=FIRST_NAME)


def test_staff_see_the_record_as_anonymised_and_cannot_edit_it(login, personas, person):
    confirm(person, personas.coordinator)
    client = login(personas.coordinator)
    detail = client.get(url("residents:resident-detail", personas.bureau, pk=person.pk))
    content = detail.content.decode()
    assert detail.status_code == 200
    assert FIRST_NAME not in content
    assert "bewerken" not in content
    assert detail.context["coach_form"] is None
    edit = url("residents:resident-update", personas.bureau, pk=person.pk, section="persoonlijk")
    assert client.get(edit).status_code == 403
    listing = client.get(url("residents:resident-list", personas.bureau))
    assert person.pk not in [r.pk for r in listing.context["page"]]


def test_the_coordinator_list_shows_pending_requests_first(login, personas):
    decided = ErasureRequestFactory(
        resident__bureau=personas.bureau, bureau=personas.bureau, status=ErasureStatus.DECLINED
    )
    pending = ErasureRequestFactory(resident__bureau=personas.bureau, bureau=personas.bureau)
    ErasureRequestFactory(resident__bureau=personas.other_bureau, bureau=personas.other_bureau)

    response = login(personas.coordinator).get(url("residents:erasure-list", personas.bureau))
    assert list(response.context["page"]) == [pending, decided]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_takes_a_fixed_number_of_queries(login, personas, rows, django_assert_num_queries):
    for _ in range(rows):
        ErasureRequestFactory(resident__bureau=personas.bureau, bureau=personas.bureau)
    client = login(personas.coordinator)
    with django_assert_num_queries(7):  # 6 reads and the read audit's one insert
        client.get(url("residents:erasure-list", personas.bureau))


def test_the_coordinator_confirms_through_the_page(login, personas, person):
    erasure_request = actions.request_erasure(actor=person.user, resident=person)
    client = login(personas.coordinator)
    detail = url("residents:erasure-detail", personas.bureau, pk=erasure_request.pk)
    assert client.get(detail).status_code == 200

    response = client.post(detail, {"decision": "confirm"})

    assert response.status_code == 302
    erasure_request.refresh_from_db()
    assert erasure_request.status == ErasureStatus.CONFIRMED
    assert erasure_request.decided_by == personas.coordinator
    assert Resident.objects.get(pk=person.pk).is_anonymised
    assert client.post(detail, {"decision": "confirm"}).status_code == 200  # already decided


def test_declining_needs_a_reason_which_the_resident_reads(login, personas):
    me = resident_with_account(personas.bureau)
    erasure_request = actions.request_erasure(actor=me.user, resident=me)
    client = login(personas.coordinator)
    detail = url("residents:erasure-detail", personas.bureau, pk=erasure_request.pk)

    without = client.post(detail, {"decision": "decline", "decline_reason": " "})
    assert without.status_code == 200
    assert "decline_reason" in without.context["form"].errors
    mail.outbox.clear()
    client.post(detail, {"decision": "decline", "decline_reason": "Factuur bewaarplicht 7 jaar"})

    erasure_request.refresh_from_db()
    assert erasure_request.status == ErasureStatus.DECLINED
    assert not Resident.objects.get(pk=me.pk).is_anonymised
    assert mail.outbox[0].to == [me.user.email]
    page = login(me.user).get(url("residents:mydata", personas.bureau))
    assert "Factuur bewaarplicht 7 jaar" in page.content.decode()


def test_coaches_and_other_bureaus_cannot_decide(login, personas):
    erasure_request = ErasureRequestFactory(
        resident__bureau=personas.bureau, bureau=personas.bureau
    )
    detail = url("residents:erasure-detail", personas.bureau, pk=erasure_request.pk)
    for who in ("coach", "other_coordinator", "resident"):
        assert (
            login(getattr(personas, who)).post(detail, {"decision": "confirm"}).status_code == 404
        )
    erasure_request.refresh_from_db()
    assert erasure_request.is_pending


def test_a_failure_halfway_rolls_everything_back(personas, person, monkeypatch):
    from buurtbaan.residents import erasure

    erasure_request = actions.request_erasure(actor=person.user, resident=person)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(erasure, "_erase_account", broken)
    with pytest.raises(RuntimeError):
        actions.confirm_erasure(actor=personas.coordinator, erasure_request=erasure_request)

    person.refresh_from_db()
    assert person.first_name == FIRST_NAME
    assert not person.is_anonymised
    assert person.dreams.exists()
    assert ErasureRequest.objects.get(pk=erasure_request.pk).is_pending


def test_the_pending_requests_query_is_per_bureau(personas):
    ErasureRequestFactory(resident__bureau=personas.other_bureau, bureau=personas.other_bureau)
    assert not queries.erasure_requests_for_list(personas.bureau).exists()
