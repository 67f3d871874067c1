"""The resident's own pages: everything the bureau holds about them except the coach-only
sensitive notes, corrections (audited), their own consent, and who may use these pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.models import Membership
from buurtbaan.residents import actions
from buurtbaan.residents.models import ConsentScope, Resident
from tests.factories import (
    BarrierFactory,
    ConsentFactory,
    DreamFactory,
    IntakeFactory,
    PublicProfileFactory,
    SensitiveNoteFactory,
    resident_with_account,
)


def url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


@pytest.fixture
def me(personas):
    """A resident with an account and a full record, including a coach-only sensitive note that
    the coach has read (so the audit log has an entry about it)."""
    resident = resident_with_account(
        personas.bureau,
        first_name="Yasmina",
        coach=personas.coach,
        phone="+31655554444",
        street="Spijkerstraat 3",
        work_experience="Tien jaar kassa",
    )
    resident.talents.add(personas.bureau.talents.get(name="koken"))
    DreamFactory(resident=resident, description="Een eigen lunchroom")
    BarrierFactory(resident=resident, description="Geen kinderopvang", support_needed="Opvang")
    ConsentFactory(resident=resident, scope=ConsentScope.MATCHING)
    IntakeFactory(
        resident=resident,
        coach=personas.coach,
        completed_at=timezone.now(),
        decision="start_trajectory",
        decision_note="Start met de talenttraining",
        answers={
            "personal": {"notes": "Kwam met de buurvrouw", "saved_at": "2026-01-05T10:00:00"},
            "decision": {"notes": "Enthousiast, snel starten", "saved_at": "2026-01-05T11:00"},
        },
    )
    SensitiveNoteFactory(resident=resident, text="Schulden bij de energieleverancier")
    membership = Membership.objects.get(user=personas.coach, bureau=personas.bureau)
    actions.read_sensitive_notes(actor=personas.coach, membership=membership, resident=resident)
    return resident


def test_it_shows_everything_the_bureau_holds_about_them(login, personas, me):
    response = login(me.user).get(url("residents:mydata", personas.bureau))

    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Yasmina",
        "06 55554444",  # stored as +31655554444, shown readably
        "Spijkerstraat 3",
        "6828 AB",
        "Tien jaar kassa",
        "koken",
        "Een eigen lunchroom",
        "Geen kinderopvang",
        "Opvang",
        "Start met de talenttraining",
        "Kwam met de buurvrouw",
        "Enthousiast, snel starten",
    ):
        assert text in content, text
    assert str(personas.coach.first_name) in content  # their coach, and who conducted the intake


def test_free_texts_are_escaped(login, personas, me):
    content = login(me.user).get(url("residents:mydata", personas.bureau)).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;" in content


def test_it_never_shows_sensitive_notes_nor_that_they_were_read(login, personas, me):
    response = login(me.user).get(url("residents:mydata", personas.bureau))

    content = response.content.decode()
    assert "Schulden" not in content
    assert "Geheime notitie" not in content
    assert "sensitive_notes" not in content
    reads = [e.pk for e in AuditEntry.objects.all() if "sensitive_notes" in (e.fields or [])]
    assert reads  # the coach's read is in the log ...
    shown = [e.pk for e in response.context["audit_entries"]]
    assert not set(reads) & set(shown)  # ... but not on the resident's page
    assert all("sensitive_notes" not in e.fields for e in response.context["audit_entries"])


def test_it_shows_who_viewed_or_changed_their_data(login, personas, me):
    actions.update_resident(actor=personas.coach, resident=me, changes={"phone": "06-11111111"})
    response = login(me.user).get(url("residents:mydata", personas.bureau))

    entries = response.context["audit_entries"]
    change = next(
        e for e in entries if e.action == AuditAction.CHANGE and e.actor == personas.coach
    )
    assert change.fields == ["phone"]
    assert personas.coach.first_name in response.content.decode()


def test_it_leaves_out_other_residents_entries(login, personas, me):
    other = resident_with_account(personas.bureau)
    actions.update_resident(actor=personas.coach, resident=other, changes={"phone": "06-22222222"})
    response = login(me.user).get(url("residents:mydata", personas.bureau))
    assert all(e.object_id != str(other.pk) for e in response.context["audit_entries"])


def test_the_page_takes_a_fixed_number_of_queries(login, personas, me):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import BoardResponseFactory, MatchFactory, PersonalRelationFactory

    client = login(me.user)

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("residents:mydata", personas.bureau)).status_code == 200
        return len(context)

    def add_rows():
        DreamFactory(resident=me)
        BarrierFactory(resident=me)
        MatchFactory(bureau=personas.bureau, resident=me).events.create(
            kind="declined", to_status="declined"
        )
        BoardResponseFactory(item__bureau=personas.bureau, resident=me)
        PersonalRelationFactory(resident=me)

    add_rows()
    few = queries_for_page()
    for _ in range(5):
        add_rows()
    assert queries_for_page() == few
    assert few <= 25


def test_a_resident_without_a_record_gets_a_friendly_explanation(login, personas):
    response = login(personas.resident).get(url("residents:mydata", personas.bureau))
    assert response.status_code == 200
    assert response.templates[0].name == "residents/mydata_missing.html"


@pytest.mark.parametrize("who", ["coordinator", "coach", "partner", "funder"])
def test_staff_and_others_cannot_use_the_resident_pages(login, personas, me, who):
    client = login(getattr(personas, who))
    for name in ("residents:mydata", "residents:mydata-json", "residents:mydata-consent"):
        assert client.get(url(name, personas.bureau)).status_code == 404
    assert (
        client.post(
            url("residents:mydata-erasure", personas.bureau), {"understood": "on"}
        ).status_code
        == 404
    )
    assert not me.erasure_requests.exists()


def test_a_resident_reaches_no_other_resident_s_record(login, personas, me):
    other = resident_with_account(personas.bureau, first_name="Anderepersoon")
    client = login(me.user)
    content = client.get(url("residents:mydata", personas.bureau)).content.decode()
    assert "Anderepersoon" not in content
    for name in ("residents:resident-detail", "residents:consent-list"):
        assert client.get(url(name, personas.bureau, pk=other.pk)).status_code == 404


def test_a_resident_of_another_bureau_gets_404_here(login, personas, me):
    stranger = resident_with_account(personas.other_bureau)
    assert login(stranger.user).get(url("residents:mydata", personas.bureau)).status_code == 404


def test_it_corrects_personal_details_with_an_audit_entry(login, personas, me):
    response = login(me.user).post(
        url("residents:mydata-update", personas.bureau, section="persoonlijk"),
        {
            "first_name": "Yasmina",
            "last_name": "Ouali",
            "date_of_birth": "1980-05-01",
            "phone": "06-19998888",
            "street": "Spijkerstraat 5",
            "postcode": "6828 CD",
            "city": "Arnhem",
            "languages": "Nederlands, Arabisch",
        },
    )
    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.last_name, me.phone, me.postcode) == ("Ouali", "+31619998888", "6828CD")
    entry = AuditEntry.objects.filter(
        object_type="residents.resident", object_id=str(me.pk)
    ).first()
    assert entry.actor == me.user
    assert entry.action == AuditAction.CHANGE
    assert "phone" in entry.fields
    assert "06-99998888" not in entry.note


def test_a_wrong_postcode_keeps_what_was_typed(login, personas, me):
    response = login(me.user).post(
        url("residents:mydata-update", personas.bureau, section="persoonlijk"),
        {
            "first_name": "Yasmina",
            "last_name": "Nieuw",
            "date_of_birth": "1980-05-01",
            "postcode": "68XX",
        },
    )
    assert response.status_code == 200
    assert "postcode" in response.context["form"].errors
    content = response.content.decode()
    assert 'value="Nieuw"' in content
    assert 'value="68XX"' in content
    me.refresh_from_db()
    assert me.last_name != "Nieuw"


def test_it_changes_talents_and_dreams(login, personas, me):
    bouwen = personas.bureau.talents.get(name="bouwen")
    login(me.user).post(
        url("residents:mydata-update", personas.bureau, section="talenten"),
        {"talents": [bouwen.pk], "dreams": "Timmerman worden\nEen eigen werkplaats", "skills": ""},
    )
    me.refresh_from_db()
    assert list(me.talents.all()) == [bouwen]
    assert [d.description for d in me.dreams.all()] == ["Timmerman worden", "Een eigen werkplaats"]


def test_it_changes_work_preferences(login, personas, me):
    response = login(me.user).post(
        url("residents:mydata-update", personas.bureau, section="werk"),
        {
            "wants": "volunteer",
            "hours_per_week": "12",
            "available_days": ["tue"],
            "travel": "cycling",
        },
    )
    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.wants, me.hours_per_week, me.available_days) == ("volunteer", 12, ["tue"])


def test_an_unknown_section_is_404(login, personas, me):
    response = login(me.user).get(url("residents:mydata-update", personas.bureau, section="x"))
    assert response.status_code == 404


def test_the_resident_gives_and_withdraws_consent_with_history(login, personas, me):
    client = login(me.user)
    consent_url = url("residents:mydata-consent", personas.bureau)
    client.post(consent_url, {"scopes": ["matching", "public_profile"]})
    assert me.consents.filter(scope="public_profile", withdrawn_at__isnull=True).exists()

    client.post(consent_url, {"scopes": ["public_profile"]})

    matching = me.consents.get(scope="matching")
    assert matching.withdrawn_at is not None
    assert matching.withdrawn_by == me.user
    page = client.get(consent_url)
    assert page.status_code == 200
    assert len(page.context["consents"]) == 2  # history kept
    assert AuditEntry.objects.filter(actor=me.user, note="consent withdrawn").exists()


def test_withdrawing_public_profile_consent_hides_the_profile_at_once(client, login, personas, me):
    ConsentFactory(resident=me, scope=ConsentScope.PUBLIC_PROFILE)
    profile = PublicProfileFactory(resident=me)
    detail = url("residents:profile-detail", personas.bureau, pk=profile.pk)
    assert client.get(detail).status_code == 200

    login(me.user).post(url("residents:mydata-consent", personas.bureau), {"scopes": []})
    client.logout()

    assert client.get(detail).status_code == 404
    profile.refresh_from_db()
    assert not profile.is_enabled


def test_an_anonymised_record_is_not_their_own_page_any_more(login, personas, me):
    Resident.objects.filter(pk=me.pk).update(is_anonymised=True)
    response = login(me.user).get(url("residents:mydata", personas.bureau))
    assert response.templates[0].name == "residents/mydata_missing.html"
