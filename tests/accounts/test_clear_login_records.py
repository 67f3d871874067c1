"""Old login records of django-axes are deleted: the command (a dry run unless --for-real), the
daily task, and what stays."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.utils import timezone

from buurtbaan.accounts import tasks
from buurtbaan.accounts.tasks import SCHEDULE

pytestmark = pytest.mark.django_db


def attempt(age, address="203.0.113.5"):
    row = AccessAttempt.objects.create(
        username="anna@buurtbaan.example",
        ip_address=address,
        user_agent="test",
        http_accept="*/*",
        path_info="/inloggen/",
        failures_since_start=3,
    )
    AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - age)
    return row


def access_log(age):
    row = AccessLog.objects.create(
        username="anna@buurtbaan.example", ip_address="203.0.113.5", user_agent="test"
    )
    AccessLog.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - age)
    return row


@pytest.fixture
def records(settings):
    settings.AXES_COOLOFF_TIME = 0.25  # hours
    return {
        "expired": attempt(timedelta(hours=1)),
        "counting": attempt(timedelta(minutes=5), address="203.0.113.6"),
        "old_log": access_log(timedelta(days=31)),
        "recent_log": access_log(timedelta(days=2)),
    }


def test_the_command_is_a_dry_run_without_for_real(records, capsys):
    call_command("clear_login_records")

    assert AccessAttempt.objects.count() == 2
    assert AccessLog.objects.count() == 2
    output = capsys.readouterr().out
    assert "login_attempts: 1" in output
    assert "access_logs: 1" in output
    assert "--for-real" in output


def test_for_real_it_deletes_expired_counts_and_old_logs_only(records):
    call_command("clear_login_records", "--for-real")

    assert list(AccessAttempt.objects.all()) == [records["counting"]]
    assert list(AccessLog.objects.all()) == [records["recent_log"]]


def test_the_daily_task_deletes_them_too(records):
    counts = tasks.clear_old_login_records.call()

    assert counts == {"login_attempts": 1, "access_logs": 1, "failure_logs": 0}
    assert tasks.clear_old_login_records in SCHEDULE["daily"]
    assert not AccessAttempt.objects.filter(pk=records["expired"].pk).exists()
