import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Reads of personal data within this window are written once (see `AuditEntry`).
VIEW_WINDOW = datetime.timedelta(minutes=10)


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed")
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    DELETE = "delete", _("deleted")
    EXPORT = "export", _("exported")
    ERASE = "erase", _("erased")
    LOGIN = "login", _("logged in")
    LOGOUT = "logout", _("logged out")
    LOGIN_FAILED = "login_failed", _("failed login")


class AuditEntry(models.Model):
    """Who viewed or changed what, and when (AVG/GDPR accountability).

    Entries hold references, never the personal data itself: `object_label` is e.g.
    "resident #12", and `fields` names the fields read or changed, not their values.
    Entries are append-only: nothing in the application deletes them, and nothing changes them
    with one exception. When a resident's data is erased (AVG art. 17,
    `residents.erasure.anonymise_resident`), the `actor_label` of the entries they made — which
    holds their e-mail address — is replaced by a pseudonym (`residents.erasure.erased_actor_label`)
    and, when the account lives on for a role in another bureau, the link to it (`actor`) in the
    erased bureau is cut. What was done, when and to which record stays as it was.

    Reads (VIEW) are written by every page that shows a resident's personal details to someone
    else than that resident (`audit.reads`), one entry per page view, never one per field or row:

    - A page about one record writes one entry referencing that record; `note` names the page
      ("resident detail", "intake step 3").
    - A list or search writes one entry for the page: `object_label` says how many records it
      showed ("12 × bewoners"), `note` names the page and which ones ("talent bank search: #3, #8");
      typed search terms are never written, they can be personal.
    - A repeat is one entry: the same member seeing the same page of the same record (for a list:
      the same rows) again within `VIEW_WINDOW` (10 minutes) writes nothing new. So a reload, an
      htmx refresh of part of a page, or paging back and forth adds no entries; a list showing
      other rows, or the same record seen after the window, does.
    - A resident looking at their own record on their own pages is not written down as a read.
    - Changes, exports and reads of sensitive notes are always written, whatever the window.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    bureau = models.ForeignKey(
        "bureaus.Bureau",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept when the actor's account is deleted, so the log still says who it was; pseudonymised
    # when the actor is a resident whose data is erased (see the class docstring).
    actor_label = models.CharField(_("who"), max_length=200)
    action = models.CharField(_("what"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("kind of record"), max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(_("record"), max_length=200, blank=True)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["bureau", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"
