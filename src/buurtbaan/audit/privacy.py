"""The audit log is itself personal data (who looked at whom); see `privacy.registry`."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from buurtbaan.audit.models import AuditEntry
from buurtbaan.bureaus.models import Role
from buurtbaan.privacy.registry import AppDeclarations, LegalGround

privacy = AppDeclarations("audit")

privacy.declare(
    "audit.AuditEntry",
    holds=_(
        "The log of who viewed or changed personal data, and when: which record and which "
        "fields, never the data itself."
    ),
    purpose=_("Accountability: being able to show who saw or changed what (AVG art. 5 and 32)."),
    legal_ground=LegalGround.LEGAL_OBLIGATION,
    kept=_(
        "Removed after the bureau's period for the log; entries without a bureau (logins) "
        "after the platform's period."
    ),
    seen_by=[Role.COORDINATOR],
    seen_by_note=_("A resident sees the entries about themself on their own pages."),
)


def _clear(entries, now) -> int:
    return entries.delete()[0]


privacy.retention_rule(
    "audit_entries",
    label=_("entries of the audit log"),
    help_text=_("Entries of the log are removed this long after they were written."),
    unit="years",
    default=5,
    maximum=20,
    models=["audit.AuditEntry"],
    find=lambda bureau, cutoff: AuditEntry.objects.filter(bureau=bureau, at__lt=cutoff),
    clear=_clear,
)
privacy.retention_rule(
    "platform_audit_entries",
    label=_("entries of the audit log without a bureau (logins)"),
    unit="years",
    per_bureau=False,
    period=lambda: settings.PLATFORM_AUDIT_RETENTION_YEARS,
    models=["audit.AuditEntry"],
    find=lambda bureau, cutoff: AuditEntry.objects.filter(bureau__isnull=True, at__lt=cutoff),
    clear=_clear,
)
