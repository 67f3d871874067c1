"""Retention (`privacy.actions.apply_retention`): it clears exactly what is past its period, per
bureau with the bureau's own periods and for the platform from settings, keeps the counts right,
audits counts only, and a dry run changes nothing."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.board.models import HelpRequest, HelpStatus, Response
from buurtbaan.privacy import actions, tasks
from buurtbaan.privacy.models import RetentionSettings
from buurtbaan.residents.models import Resident
from tests.factories import (
    BoardItemFactory,
    BoardResponseFactory,
    HelpRequestFactory,
    MatchFactory,
    ResidentFactory,
    resident_with_account,
)

NOW = timezone.now()


def ago(**kwargs) -> datetime.datetime:
    return NOW - datetime.timedelta(**kwargs)


def backdate(obj, **fields):
    """auto_now(_add) fields can only be set afterwards."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)
    obj.refresh_from_db()
    return obj


def apply(for_real=True, **kwargs):
    return actions.apply_retention(for_real=for_real, now=NOW, **kwargs)


def counts(results, bureau=None) -> dict:
    return {r.rule.key: r.count for r in results if r.bureau == bureau and r.count}


def retention_entries():
    return AuditEntry.objects.filter(action=AuditAction.ERASE, note__startswith="Bewaartermijnen")


@pytest.fixture
def responses(personas):
    item = BoardItemFactory(bureau=personas.bureau)
    old = backdate(BoardResponseFactory(item=item, phone="0612345678"), created_at=ago(days=400))
    fresh = backdate(BoardResponseFactory(item=item), created_at=ago(days=30))
    resident = resident_with_account(personas.bureau)
    linked = backdate(
        BoardResponseFactory(item=item, user=resident.user, resident=resident),
        created_at=ago(days=400),
    )
    return old, fresh, linked


# --- The bulletin board ----------------------------------------------------------------------


def test_it_clears_responses_older_than_the_default_year_and_keeps_the_rows(responses, personas):
    old, fresh, linked = responses

    results = apply()

    assert counts(results, personas.bureau) == {"board_responses": 2}
    assert Response.objects.count() == 3
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.message) == ("Geanonimiseerd", "", "", "")
    linked.refresh_from_db()
    assert (linked.name, linked.email, linked.message) == ("", "", "")
    assert linked.user_id is not None  # who responded stays, without what they wrote
    fresh_before = (fresh.name, fresh.email, fresh.message)
    fresh.refresh_from_db()
    assert (fresh.name, fresh.email, fresh.message) == fresh_before


def test_a_dry_run_counts_but_changes_nothing(responses, personas):
    old, _fresh, _linked = responses

    results = apply(for_real=False)

    assert counts(results, personas.bureau) == {"board_responses": 2}
    old.refresh_from_db()
    assert old.email
    assert old.message
    assert not retention_entries().exists()
    assert not RetentionSettings.objects.exists()


def test_a_second_run_finds_nothing_left(responses, personas):
    apply()

    assert counts(apply(), personas.bureau) == {}
    assert retention_entries().count() == 1


def test_it_writes_one_audit_entry_per_bureau_with_counts_only(responses, personas):
    old, _fresh, _linked = responses
    name, email = old.name, old.email

    apply()

    entry = retention_entries().get(bureau=personas.bureau)
    assert entry.actor is None
    assert "reacties op het prikbord: 2" in entry.note
    assert name not in entry.note
    assert email not in entry.note


def test_the_bureaus_own_period_counts(responses, personas):
    _old, fresh, _linked = responses
    backdate(fresh, created_at=ago(days=40))
    actions.update_retention_settings(
        actor=personas.coordinator, bureau=personas.bureau, periods={"board_responses": 1}
    )

    results = apply()

    assert counts(results, personas.bureau) == {"board_responses": 3}
    fresh.refresh_from_db()
    assert fresh.email == ""


def test_one_bureaus_period_does_not_touch_another_bureau(responses, personas):
    other_item = BoardItemFactory(bureau=personas.other_bureau)
    theirs = backdate(BoardResponseFactory(item=other_item), created_at=ago(days=60))
    actions.update_retention_settings(
        actor=personas.other_coordinator,
        bureau=personas.other_bureau,
        periods={"board_responses": 3},
    )

    results = apply()

    assert counts(results, personas.other_bureau) == {}
    theirs.refresh_from_db()
    assert theirs.email


def test_it_clears_finished_help_requests_after_their_period_only(personas):
    def help_request(status, days):
        return backdate(
            HelpRequestFactory(bureau=personas.bureau, status=status), updated_at=ago(days=days)
        )

    done_long_ago = help_request(HelpStatus.DONE, 800)
    not_possible_long_ago = help_request(HelpStatus.NOT_POSSIBLE, 800)
    open_long_ago = help_request(HelpStatus.RECEIVED, 800)
    done_recently = help_request(HelpStatus.DONE, 100)

    results = apply()

    assert counts(results, personas.bureau) == {"help_requests": 2}
    assert HelpRequest.objects.count() == 4
    for cleared in (done_long_ago, not_possible_long_ago):
        cleared.refresh_from_db()
        assert (cleared.description, cleared.person_description, cleared.when) == ("", "", "")
        assert cleared.postcode == "6828"
        assert cleared.status in (HelpStatus.DONE, HelpStatus.NOT_POSSIBLE)
    for kept in (open_long_ago, done_recently):
        kept.refresh_from_db()
        assert kept.person_description
        assert kept.postcode == "6828AB"


# --- The audit log ---------------------------------------------------------------------------


def test_it_removes_audit_entries_older_than_the_bureaus_period(personas):
    def entry(bureau, days):
        created = AuditEntry.objects.create(
            bureau=bureau, actor_label="coach@buurtbaan.example", action=AuditAction.VIEW
        )
        return backdate(created, at=ago(days=days))

    old = entry(personas.bureau, 6 * 366)
    recent = entry(personas.bureau, 4 * 365)
    other_bureau_old = entry(personas.other_bureau, 3 * 366)
    actions.update_retention_settings(
        actor=None, bureau=personas.other_bureau, periods={"audit_entries": 2}
    )

    results = apply()

    assert counts(results, personas.bureau) == {"audit_entries": 1}
    assert counts(results, personas.other_bureau) == {"audit_entries": 1}
    remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert other_bureau_old.pk not in remaining
    assert recent.pk in remaining


# --- Inactive residents ----------------------------------------------------------------------


def inactive(resident, days):
    backdate(resident, created_at=ago(days=days), updated_at=ago(days=days))
    if resident.user_id:
        type(resident.user).objects.filter(pk=resident.user_id).update(
            last_login=ago(days=days), date_joined=ago(days=days)
        )
    return resident


def test_inactive_residents_are_kept_unless_the_bureau_sets_a_period(personas):
    resident = inactive(ResidentFactory(bureau=personas.bureau), 20 * 365)

    assert counts(apply(), personas.bureau) == {}
    resident.refresh_from_db()
    assert not resident.is_anonymised


def test_inactive_residents_are_anonymised_after_the_bureaus_period(personas, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    actions.update_retention_settings(
        actor=personas.coordinator, bureau=personas.bureau, periods={"inactive_residents": 3}
    )
    gone_quiet = inactive(resident_with_account(personas.bureau, last_name="Stil"), 4 * 365)
    without_account = inactive(ResidentFactory(bureau=personas.bureau), 4 * 365)
    logged_in_lately = inactive(resident_with_account(personas.bureau), 4 * 365)
    type(logged_in_lately.user).objects.filter(pk=logged_in_lately.user_id).update(
        last_login=ago(days=30)
    )
    changed_lately = inactive(ResidentFactory(bureau=personas.bureau), 4 * 365)
    backdate(changed_lately, updated_at=ago(days=30))
    working = inactive(ResidentFactory(bureau=personas.bureau), 4 * 365)
    MatchFactory(bureau=personas.bureau, resident=working, status="started")
    backdate(working, updated_at=ago(days=4 * 365))
    before = Resident.objects.filter(bureau=personas.bureau).count()

    results = apply()

    assert counts(results, personas.bureau) == {"inactive_residents": 2}
    assert Resident.objects.filter(bureau=personas.bureau).count() == before
    for resident in (gone_quiet, without_account):
        resident.refresh_from_db()
        assert resident.is_anonymised
        assert resident.last_name == ""
    gone_quiet.user.refresh_from_db()
    assert not gone_quiet.user.is_active
    for resident in (logged_in_lately, changed_lately, working):
        resident.refresh_from_db()
        assert not resident.is_anonymised
    assert "inactieve bewoners: 2" in retention_entries().get(bureau=personas.bureau).note
    erased = AuditEntry.objects.filter(action=AuditAction.ERASE, object_type="residents.resident")
    assert sorted(int(e.object_id) for e in erased) == sorted([gone_quiet.pk, without_account.pk])
    assert all("resident" in e.fields for e in erased)


# --- The platform ----------------------------------------------------------------------------


def test_it_clears_old_login_records_ended_sessions_and_old_platform_entries(db, settings):
    from axes.models import AccessAttempt, AccessLog

    settings.LOGIN_RECORDS_RETENTION_DAYS = 30
    fields = {"user_agent": "x", "ip_address": "127.0.0.1", "http_accept": "*", "path_info": "/"}
    attempt = {"get_data": "", "post_data": "", "failures_since_start": 1}
    old_attempt = AccessAttempt.objects.create(username="a@buurtbaan.example", **fields, **attempt)
    AccessAttempt.objects.filter(pk=old_attempt.pk).update(attempt_time=ago(days=31))
    AccessAttempt.objects.create(username="b@buurtbaan.example", **fields, **attempt)
    old_log = AccessLog.objects.create(username="a@buurtbaan.example", **fields)
    AccessLog.objects.filter(pk=old_log.pk).update(attempt_time=ago(days=40))
    ended, current = SessionStore(), SessionStore()
    ended.create()
    current.create()
    Session.objects.filter(session_key=ended.session_key).update(expire_date=ago(hours=1))
    login_entry = AuditEntry.objects.create(actor_label="x", action=AuditAction.LOGIN)
    backdate(login_entry, at=ago(days=3 * 366))

    results = apply()

    assert counts(results, None) == {
        "login_records": 2,
        "sessions": 1,
        "platform_audit_entries": 1,
    }
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["b@buurtbaan.example"]
    assert not AccessLog.objects.exists()
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
    platform_entry = retention_entries().get(bureau=None)
    assert "a@buurtbaan.example" not in platform_entry.note


# --- Settings, command and task --------------------------------------------------------------


def test_a_period_out_of_range_is_refused_per_rule(personas):
    with pytest.raises(ValidationError) as raised:
        actions.update_retention_settings(
            actor=personas.coordinator,
            bureau=personas.bureau,
            periods={"board_responses": 0, "audit_entries": None, "inactive_residents": None},
        )

    assert set(raised.value.error_dict) == {"board_responses", "audit_entries"}
    assert not RetentionSettings.objects.exists()


def test_changing_the_periods_writes_an_audit_entry_naming_the_rules(personas):
    actions.update_retention_settings(
        actor=personas.coordinator,
        bureau=personas.bureau,
        periods={"board_responses": 6, "audit_entries": 5},  # 5 is already the default
    )

    entry = AuditEntry.objects.get(object_type="privacy.retentionsettings")
    assert entry.fields == ["board_responses"]
    assert entry.actor == personas.coordinator
    assert RetentionSettings.objects.get().periods == {"board_responses": 6}


def test_the_command_is_a_dry_run_without_for_real(responses, personas, capsys):
    old, _fresh, _linked = responses

    call_command("apply_retention")

    out = capsys.readouterr().out
    assert "spijkerkwartier: board_responses: 2 would be cleared" in out
    assert "Add --for-real" in out
    assert old.email not in out
    old.refresh_from_db()
    assert old.email


def test_the_command_clears_for_real_and_can_take_one_bureau(responses, personas, capsys):
    call_command("apply_retention", "--for-real", "--bureau", "spijkerkwartier")

    out = capsys.readouterr().out
    assert "spijkerkwartier: board_responses: 2 cleared" in out
    assert "klarendal" not in out
    assert "(platform)" not in out
    assert Response.objects.filter(email="").count() == 2


def test_the_daily_task_applies_retention_for_real(responses, personas):
    assert tasks.apply_retention in tasks.SCHEDULE["daily"]

    cleared = tasks.apply_retention.func()

    assert cleared == 2
    assert retention_entries().filter(bureau=personas.bureau).exists()
