"""Account e-mails. Invitation uses Django's password-reset token, so a link works once and
expires after PASSWORD_RESET_TIMEOUT."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
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
