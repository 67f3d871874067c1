"""Logins, logouts and failed logins go into the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    log_event(actor=user, action=AuditAction.LOGIN)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        log_event(actor=user, action=AuditAction.LOGOUT)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # The attempted address is not stored: it may be mistyped personal data of someone else.
    log_event(actor=None, action=AuditAction.LOGIN_FAILED)
