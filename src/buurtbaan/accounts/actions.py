"""Account e-mails and login records. Invitation uses Django's password-reset token, so a link works once and
expires after PASSWORD_RESET_TIMEOUT."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction


def password_set_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


def send_account_invitation(*, user, bureau) -> None:
    """E-mail a new member a link to choose their password."""
    context = {"user": user, "bureau": bureau, "url": password_set_url(user)}
    send_mail(
        subject=_("Your account at %(bureau)s") % {"bureau": bureau.name},
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


def update_account(*, user, first_name: str, last_name: str) -> None:
    """A user changes their own name."""
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    log_event(actor=user, action=AuditAction.CHANGE, obj=user, fields=["first_name", "last_name"])


#: How long axes' logs of logins and failed logins are kept (they hold addresses and browsers).
#: Logins themselves are in the audit log; new installations do not write axes' access log.
LOGIN_LOG_DAYS = 30


@transaction.atomic
def clear_old_login_records(*, now=None, dry_run: bool = False) -> dict[str, int]:
    """Delete the login records of django-axes that no longer serve a purpose: failed-login
    counts older than the cool-off (they no longer count towards a lockout) and access logs older
    than LOGIN_LOG_DAYS. Axes itself only removes a count when the same person tries again.

    Called daily by `accounts.tasks` and by the `clear_login_records` command (a dry run unless
    told otherwise). Returns the number of rows per kind (those it would delete in a dry run).
    """
    now = now or timezone.now()
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME or 0)
    log_limit = now - timedelta(days=LOGIN_LOG_DAYS)
    old = {
        "login_attempts": AccessAttempt.objects.filter(attempt_time__lt=now - cool_off),
        "access_logs": AccessLog.objects.filter(attempt_time__lt=log_limit),
        "failure_logs": AccessFailureLog.objects.filter(attempt_time__lt=log_limit),
    }
    if dry_run:
        return {kind: rows.count() for kind, rows in old.items()}
    return {kind: rows.delete()[1].get(rows.model._meta.label, 0) for kind, rows in old.items()}
