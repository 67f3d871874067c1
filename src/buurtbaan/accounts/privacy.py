"""What the platform keeps about accounts: the account itself, sessions, login attempts
(django-axes) and the admin's change log; see `privacy.registry`. The periods of login records
and sessions hold for the whole platform and come from settings."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.privacy.registry import AppDeclarations, LegalGround

privacy = AppDeclarations("accounts")

_PLATFORM_ONLY = _("Only the platform's administrators, for security.")

privacy.declare(
    settings.AUTH_USER_MODEL,
    holds=_("Accounts: e-mail address, name, password (stored scrambled) and the last login."),
    purpose=_("Logging in, and knowing who did what."),
    legal_ground=LegalGround.LEGITIMATE_INTEREST,
    kept=_("As long as the account is used; closed and scrubbed on erasure."),
    seen_by=[Role.COORDINATOR],
    seen_by_note=_("Coaches see the names of the team; everyone sees their own account."),
)
privacy.declare(
    "sessions.Session",
    holds=_("Login sessions: which account is logged in on which browser."),
    purpose=_("Keeping you logged in while you work."),
    legal_ground=LegalGround.LEGITIMATE_INTEREST,
    kept=_("Until the session ends; ended sessions are cleared every day."),
    seen_by_note=_PLATFORM_ONLY,
)
for _label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
    privacy.declare(
        _label,
        holds=_("Login attempts: the address typed, the internet address and the browser."),
        purpose=_("Stopping people who try to guess passwords."),
        legal_ground=LegalGround.LEGITIMATE_INTEREST,
        kept=_("Cleared after the platform's period for login records."),
        seen_by_note=_PLATFORM_ONLY,
    )
privacy.declare(
    "admin.LogEntry",
    holds=_("The change log of the platform's administration pages: who changed which record."),
    purpose=_("Knowing which administrator changed what."),
    legal_ground=LegalGround.LEGITIMATE_INTEREST,
    kept=_("As long as the record exists; the names in it are removed on erasure."),
    seen_by_note=_PLATFORM_ONLY,
)


# --- Retention for the whole platform ------------------------------------------------------


def _session_model():
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    return store_class.get_model_class() if hasattr(store_class, "get_model_class") else None


def _ended_sessions(bureau, cutoff):
    model = _session_model()
    return model.objects.filter(expire_date__lt=cutoff) if model is not None else None


def _clear(queryset, now) -> int:
    return queryset.delete()[0] if queryset is not None else 0


privacy.retention_rule(
    "sessions",
    label=_("ended login sessions"),
    unit="days",
    per_bureau=False,
    # A session's own expiry date is its period: it is cleared the day after.
    period=lambda: 0,
    models=["sessions.Session"],
    find=_ended_sessions,
    clear=_clear,
)


class LoginRecords:
    """django-axes' three tables, found and cleared together."""

    names = ("AccessAttempt", "AccessLog", "AccessFailureLog")

    def __init__(self, cutoff):
        self.querysets = (
            [
                apps.get_model("axes", name).objects.filter(attempt_time__lt=cutoff)
                for name in self.names
            ]
            if apps.is_installed("axes")
            else []
        )

    def count(self) -> int:
        return sum(queryset.count() for queryset in self.querysets)

    def clear(self) -> int:
        return sum(queryset.delete()[0] for queryset in self.querysets)


privacy.retention_rule(
    "login_records",
    label=_("records of login attempts"),
    unit="days",
    per_bureau=False,
    period=lambda: settings.LOGIN_RECORDS_RETENTION_DAYS,
    models=["axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"],
    find=lambda bureau, cutoff: LoginRecords(cutoff),
    clear=lambda records, now: records.clear(),
)
