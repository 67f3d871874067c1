"""The resident's own pages say who at the bureau viewed or changed their data, and when, in plain
words ("Anna de Vries (coach) heeft je gegevens bekeken op 2 dec 2026"): grouped by month, repeats
folded, paginated, and never another person's e-mail address, a record number or a field name."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.models import Membership
from buurtbaan.residents import actions
from buurtbaan.residents.activity import activity_lines
from buurtbaan.residents.views.activity import LINES_PER_PAGE
from tests.factories import BarrierFactory, UserFactory, resident_with_account


def url(name, bureau):
    return reverse(name, kwargs={"bureau_slug": bureau.slug})


@pytest.fixture
def me(personas):
    personas.coach.first_name, personas.coach.last_name = "Anna", "de Vries"
    personas.coach.save(update_fields=["first_name", "last_name"])
    return resident_with_account(personas.bureau, first_name="Yasmina", coach=personas.coach)


def at(entry, day):
    AuditEntry.objects.filter(pk=entry.pk).update(at=day)


def test_it_says_in_plain_words_who_viewed_their_data_and_when(login, personas, me):
    entry = log_event(actor=personas.coach, action=AuditAction.VIEW, obj=me)
    at(entry, datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC))

    page = login(me.user).get(url("residents:mydata", personas.bureau)).text

    assert "Anna de Vries (coach) heeft je gegevens bekeken op 2 dec 2026" in page


def test_changes_name_the_parts_in_the_residents_words_not_field_names(login, personas, me):
    actions.update_resident(
        actor=personas.coordinator, resident=me, changes={"phone": "0612345678", "city": "Velp"}
    )

    page = login(me.user).get(url("residents:mydata", personas.bureau)).text

    name = escape(personas.coordinator.get_full_name())
    assert f"{name} (coördinator) heeft je gegevens veranderd op" in page
    assert "telefoonnummer" in page
    assert "woonplaats" in page
    assert "phone" not in page
    assert f"bewoner #{me.pk}" not in page


def test_the_resident_reads_their_own_actions_as_you(login, personas, me):
    actions.log_export(actor=me.user, resident=me, file_format="json")

    page = login(me.user).get(url("residents:mydata", personas.bureau)).text

    assert "Je hebt je gegevens gedownload op" in page


def test_repeats_on_one_day_are_one_line_with_a_count(personas, me):
    for _ in range(3):
        log_event(actor=personas.coach, action=AuditAction.VIEW, obj=me)
    BarrierFactory(resident=me)

    lines = activity_lines(AuditEntry.objects.order_by("-at", "-pk"), me)

    assert len(lines) == 1
    assert lines[0].count == 3
    assert lines[0].count_label in ("3 keer", "3 times")


def test_never_another_persons_e_mail_address(login, personas, me):
    nameless = UserFactory(first_name="", last_name="", email="naamloos@buurtbaan.example")
    actions.update_resident(actor=nameless, resident=me, changes={"phone": "0612345678"})
    gone = UserFactory(email="vertrokken@buurtbaan.example")
    log_event(actor=gone, action=AuditAction.VIEW, obj=me)
    gone.delete()

    page = login(me.user).get(url("residents:mydata-activity", personas.bureau)).text

    assert "@buurtbaan.example" not in page.replace(me.user.email, "")
    assert "iemand van het bureau" in page


def test_a_platform_administrator_is_named_as_such(login, personas, me):
    log_event(actor=personas.platform_admin, action=AuditAction.VIEW, obj=me)

    page = login(me.user).get(url("residents:mydata-activity", personas.bureau)).text

    assert "(platformbeheerder)" in page


def test_reads_of_sensitive_notes_stay_out_of_the_self_service_log(login, personas, me):
    actions.add_sensitive_note(actor=personas.coach, resident=me, category="health", text="x")
    membership = Membership.objects.get(user=personas.coach, bureau=personas.bureau)
    actions.read_sensitive_notes(actor=personas.coach, membership=membership, resident=me)

    page = login(me.user).get(url("residents:mydata-activity", personas.bureau)).text

    assert "vertrouwelijke notitie" not in page.split("<main")[1].split("selfservice-hint")[0]


def test_the_full_log_is_paginated_and_grouped_by_month(login, personas, me):
    start = timezone.now() - datetime.timedelta(days=400)
    for day in range(LINES_PER_PAGE + 5):
        entry = log_event(actor=personas.coach, action=AuditAction.VIEW, obj=me)
        at(entry, start + datetime.timedelta(days=day * 3))
    client = login(me.user)

    first = client.get(url("residents:mydata-activity", personas.bureau))
    second = client.get(url("residents:mydata-activity", personas.bureau) + "?page=2")

    total = first.context["page"].paginator.count
    assert total >= LINES_PER_PAGE + 5
    assert len(first.context["activity"]) == LINES_PER_PAGE
    assert len(second.context["activity"]) == total - LINES_PER_PAGE
    assert "Pagina 1 van 2" in first.text
    assert first.text.count("<h3>") >= 3
    overview = client.get(url("residents:mydata", personas.bureau)).text
    assert f"Bekijk alle {total} regels" in overview


def test_the_log_page_takes_a_fixed_number_of_queries(
    login, personas, me, django_assert_max_num_queries
):
    client = login(me.user)
    for _ in range(3):
        log_event(actor=personas.coach, action=AuditAction.VIEW, obj=me)
    with django_assert_max_num_queries(20) as few:
        client.get(url("residents:mydata-activity", personas.bureau))
    for user in UserFactory.create_batch(5):
        log_event(actor=user, action=AuditAction.VIEW, obj=me)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("residents:mydata-activity", personas.bureau))


def test_consent_given_is_said_as_consent(login, personas, me):
    actions.set_consents(actor=me.user, resident=me, scopes=["matching"], note="zelf")

    page = login(me.user).get(url("residents:mydata-activity", personas.bureau)).text

    assert "Je hebt je toestemming veranderd op" in page
    assert "consent.matching" not in page


# --- Words for everything else (audit.describe) --------------------------------------------------


def test_their_answer_to_a_proposal_is_said_in_words(login, personas, me):
    from buurtbaan.matching import actions as matching_actions
    from tests.factories import MatchFactory

    match = MatchFactory(bureau=personas.bureau, resident=me, piece__title="Lampen ophangen")
    matching_actions.resident_accepts(actor=me.user, match=match)

    page = login(me.user).get(url("residents:mydata-activity", personas.bureau)).text

    assert "Je hebt ja gezegd tegen het voorstel voor Lampen ophangen op" in page
    assert "accepted_at" not in page
    assert f"#{match.pk}" not in page


def test_a_read_says_on_which_page_without_naming_anything_else(login, personas, me):
    from tests.factories import PieceOfWorkFactory

    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Geheime klus")
    log_event(actor=personas.coach, action=AuditAction.VIEW, obj=me, note="talent bank search")
    log_event(
        actor=personas.coach,
        action=AuditAction.VIEW,
        obj=me,
        note=f"candidates piece #{piece.pk}",
    )

    page = login(me.user).get(url("residents:mydata-activity", personas.bureau)).text

    assert "(pagina: zoeken in de talentenbank)" in page
    assert "(pagina: de kandidaten voor een klus)" in page
    assert "Geheime klus" not in page


def test_the_parts_of_a_barrier_are_words(login, personas, me):
    barrier = BarrierFactory(resident=me)
    log_event(
        actor=personas.coach,
        action=AuditAction.CREATE,
        obj=barrier,
        fields=["level", "description", "support_needed"],
    )

    page = login(me.user).get(url("residents:mydata-activity", personas.bureau)).text

    assert "heeft een belemmering opgeschreven op" in page
    assert "support_needed" not in page
    assert "wat hen tegenhoudt, niveau, steun die nodig is" in page


def test_the_json_download_adds_words_beside_the_stored_references(login, personas, me):
    actions.set_consents(actor=me.user, resident=me, scopes=["matching"], note="zelf")

    data = login(me.user).get(url("residents:mydata-json", personas.bureau)).json()

    entry = next(e for e in data["audit_log"] if e["fields"] == ["consent.matching"])
    assert entry["record"] == f"bewoner #{me.pk}"
    assert entry["record_in_words"] == "je gegevens"
    assert entry["fields_in_words"] == ["toestemming voor matching"]
    assert entry["action_in_words"] == "gewijzigd"
