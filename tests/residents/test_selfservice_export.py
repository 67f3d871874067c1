"""Downloading one's own data: JSON with stable keys, a readable print page and a PDF; each
download is audited, none holds the coach-only sensitive notes."""

import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.residents import actions
from buurtbaan.residents.export import EXPORT_FORMAT, EXPORT_VERSION
from tests.factories import (
    BarrierFactory,
    BoardResponseFactory,
    ConsentFactory,
    DreamFactory,
    HelpRequestFactory,
    ImpactParticipantFactory,
    IntakeFactory,
    IntroductionRequestFactory,
    MatchFactory,
    PersonalRelationFactory,
    PieceOfWorkFactory,
    PublicProfileFactory,
    QuoteFactory,
    ResidentFactory,
    SensitiveNoteFactory,
    UserFactory,
    resident_with_account,
)

TOP_LEVEL_KEYS = {
    "format",
    "version",
    "exported_at",
    "access_requests",
    "bureau",
    "account",
    "personal_details",
    "talents",
    "talents_in_own_words",
    "skills",
    "dreams",
    "work",
    "coach",
    "stage",
    "barriers",
    "consents",
    "intakes",
    "public_profile",
    "erasure_requests",
    "audit_log",
    "not_included",
    # What other apps keep about the resident.
    "matches",
    "board_responses",
    "help_requests",
    "introductions",
    "impact_assignments",
    "personal_network",
    "helps_others",
    "quotes",
    "work_asked_for",
}


def url(name, bureau):
    return reverse(name, kwargs={"bureau_slug": bureau.slug})


@pytest.fixture
def me(personas):
    resident = resident_with_account(
        personas.bureau,
        first_name="Yasmina",
        last_name="Ouali",
        phone="06-55554444",
        coach=personas.coach,
        own_talent_words="verhalen vertellen, geduld",
    )
    resident.talents.add(personas.bureau.talents.get(name="koken"))
    DreamFactory(resident=resident, description="Een eigen lunchroom")
    BarrierFactory(resident=resident, description="Geen kinderopvang")
    ConsentFactory(resident=resident, scope="matching", note="formulier")
    IntakeFactory(
        resident=resident,
        coach=personas.coach,
        completed_at=timezone.now(),
        decision="refer",
        referred_to="Sociaal Wijkteam",
        answers={"work": {"notes": "Wil in de ochtend werken", "saved_at": "2026-01-05T10:00"}},
    )
    SensitiveNoteFactory(resident=resident, text="Schulden bij de energieleverancier")
    PublicProfileFactory(resident=resident, display_name="Yas")
    return resident


def test_the_json_holds_all_their_data_under_stable_keys(login, personas, me):
    response = login(me.user).get(url("residents:mydata-json", personas.bureau))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Yasmina" not in response["Content-Disposition"]
    data = json.loads(response.content)
    assert set(data) == TOP_LEVEL_KEYS
    assert (data["format"], data["version"]) == (EXPORT_FORMAT, EXPORT_VERSION)
    assert data["account"]["email"] == me.user.email
    details = data["personal_details"]
    assert (details["first_name"], details["last_name"], details["phone"]) == (
        "Yasmina",
        "Ouali",
        "06-55554444",
    )
    assert details["date_of_birth"] == "1980-05-01"
    assert details["postcode"] == "6828 AB"
    assert data["talents"] == ["koken"]
    assert data["talents_in_own_words"] == ["verhalen vertellen", "geduld"]
    assert data["dreams"] == ["Een eigen lunchroom"]
    assert data["barriers"][0]["description"].startswith("Geen kinderopvang")
    assert data["consents"][0]["shared_with"] == "matching"
    assert data["consents"][0]["is_active"] is True
    intake = data["intakes"][0]
    assert (intake["decision"], intake["referred_to"]) == ("refer", "Sociaal Wijkteam")
    assert intake["notes"] == {"work": "Wil in de ochtend werken"}
    assert data["public_profile"]["display_name"] == "Yas"
    assert data["stage"] == "registered"
    assert isinstance(data["audit_log"], list)


def test_the_json_holds_no_sensitive_notes(login, personas, me):
    body = login(me.user).get(url("residents:mydata-json", personas.bureau)).content.decode()
    assert "Schulden" not in body
    assert "sensitive" not in json.loads(body)["audit_log"].__repr__()


def test_each_download_is_audited_as_an_export(login, personas, me):
    client = login(me.user)
    for name in ("residents:mydata-json", "residents:mydata-print", "residents:mydata-pdf"):
        assert client.get(url(name, personas.bureau)).status_code == 200
    exports = AuditEntry.objects.filter(
        action=AuditAction.EXPORT, object_type="residents.resident", object_id=str(me.pk)
    )
    assert sorted(e.note for e in exports) == [
        "own data as html",
        "own data as json",
        "own data as pdf",
    ]
    assert all(e.actor == me.user for e in exports)


def test_a_later_download_lists_the_earlier_export(login, personas, me):
    client = login(me.user)
    client.get(url("residents:mydata-pdf", personas.bureau))
    data = json.loads(client.get(url("residents:mydata-json", personas.bureau)).content)
    assert any(entry["action"] == "export" for entry in data["audit_log"])


def test_the_print_page_is_readable_and_escaped(login, personas, me):
    response = login(me.user).get(url("residents:mydata-print", personas.bureau))
    content = response.content.decode()
    assert "Een eigen lunchroom" in content
    assert "Wil in de ochtend werken" in content
    assert "Schulden" not in content
    assert "<script>alert" not in content


def test_the_pdf_is_a_pdf_with_their_data(login, personas, me):
    response = login(me.user).get(url("residents:mydata-pdf", personas.bureau))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Yasmina" in text
    assert "Een eigen lunchroom" in text
    assert "Schulden" not in text


def test_a_resident_without_a_record_gets_the_explanation_not_a_file(login, personas):
    response = login(personas.resident).get(url("residents:mydata-json", personas.bureau))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.fixture
def me_elsewhere(personas, me):
    """`me` with data in every other app that keeps something about a resident."""
    bureau = personas.bureau
    MatchFactory(bureau=bureau, resident=me, piece__title="Conciërge theater", support=["taal"])
    BoardResponseFactory(item__bureau=bureau, resident=me, message="Ik kan dinsdag")
    HelpRequestFactory(bureau=bureau, resident=me, person_description="Woont op drie hoog")
    IntroductionRequestFactory(bureau=bureau, resident=me, message="Wij zoeken een kok")
    ImpactParticipantFactory(assignment__bureau=bureau, resident=me, outcome_note="Bakker")
    PersonalRelationFactory(resident=me, name="Tante Els", helps_with="oppassen")
    neighbour = ResidentFactory(bureau=bureau, first_name="Geheimebuur", last_name="Anders")
    PersonalRelationFactory(resident=me, name="", helper=neighbour, helps_with="klussen")
    PersonalRelationFactory(resident=neighbour, helper=me, name="", helps_with="koken")
    QuoteFactory(bureau=bureau, client_resident=me, title="Zolder opruimen")
    PieceOfWorkFactory(
        bureau=bureau, asked_by_kind="resident", asked_by_resident=me, title="Heg snoeien"
    )
    return me


def test_the_json_holds_what_other_apps_keep_about_them(login, personas, me_elsewhere):
    response = login(me_elsewhere.user).get(url("residents:mydata-json", personas.bureau))
    data = json.loads(response.content)

    assert data["matches"][0]["work"] == "Conciërge theater"
    assert data["matches"][0]["support"] == ["taal"]
    assert data["board_responses"][0]["message"] == "Ik kan dinsdag"
    assert data["help_requests"][0]["for_whom"] == "Woont op drie hoog"
    assert data["introductions"][0]["message"] == "Wij zoeken een kok"
    assert data["impact_assignments"][0]["note"] == "Bakker"
    assert {r["name"] for r in data["personal_network"]} == {"Tante Els", None}
    assert [r["helps_with"] for r in data["helps_others"]] == ["koken"]
    assert data["quotes"][0]["title"] == "Zolder opruimen"
    assert data["work_asked_for"][0]["title"] == "Heg snoeien"
    # Another resident in their network is not named, nor shown to be in the talent bank.
    assert "Geheimebuur" not in response.content.decode()


def test_the_page_and_the_pdf_show_what_other_apps_keep(login, personas, me_elsewhere):
    client = login(me_elsewhere.user)
    page = client.get(url("residents:mydata", personas.bureau)).content.decode()
    pdf = client.get(url("residents:mydata-pdf", personas.bureau)).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for shown in ("Conciërge theater", "Ik kan dinsdag", "Wij zoeken een kok", "Tante Els"):
        assert shown in page, shown
        assert shown in text.replace("\n", " "), shown
    assert "Geheimebuur" not in page


def test_the_audit_log_names_staff_by_name_and_never_by_e_mail(login, personas, me):
    nameless = UserFactory(first_name="", last_name="", email="naamloos@buurtbaan.example")
    actions.update_resident(actor=nameless, resident=me, changes={"phone": "06-11111111"})
    actions.update_resident(actor=personas.coach, resident=me, changes={"phone": "06-22222222"})
    client = login(me.user)
    data = json.loads(client.get(url("residents:mydata-json", personas.bureau)).content)
    page = client.get(url("residents:mydata", personas.bureau)).content.decode()

    who = {entry["who"] for entry in data["audit_log"]}
    assert personas.coach.get_full_name() in who
    assert "naamloos@buurtbaan.example" not in json.dumps(data) + page
    assert not any("@" in name for name in who)
    assert "jij" in who or "you" in who  # their own download
