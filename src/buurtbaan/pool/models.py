"""The employer pool (werkgeverspool): partner organisations look for people in the talent bank,
and ask the bureau for an introduction instead of contacting anyone themselves.

For the engineers who build on it:

- **Who is in the pool**: the current residents of the bureau with an active consent for
  `ConsentScope.PARTNERS` ("partner organisations (employer pool)"). Withdrawing that consent, or
  erasure, takes someone out at once: every read goes through `pool.queries`, which checks it.
- **What partners see** (`pool.queries.PoolProfile`, the only thing pool templates get): a
  display name (first name and the initial of the last name), talents (the bureau's and in their
  own words), dreams, available days and hours, paid or volunteer work, and the PC4 area. Never
  barriers, income situation, notes, contact details, address or full postcode, date of birth,
  stage, skills or work experience; the search for partners matches only the words they can read
  (the `pool_*` fields of `talentsearch.ResidentSearchDocument`).
- `IntroductionRequest`: a partner, acting for their organisation, asks the bureau to introduce
  them to someone in the pool, saying what work and why this person. The bureau's coordinators
  and coaches handle it: *accepted* (the bureau arranges the meeting; the reply says how) or
  *declined* (the reply gives the partner a reason). The partner follows the status on "my
  introductions" and never gets the resident's contact details from the system. At most one open
  request per organisation and resident, and a limited number per organisation a day
  (`actions.INTRODUCTIONS_PER_WINDOW`). Requests and their handling are audited.

Write through `pool.actions`; read through `pool.queries`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IntroductionStatus(models.TextChoices):
    NEW = "new", _("waiting for the bureau")
    ACCEPTED = "accepted", _("accepted: the bureau arranges a meeting")
    DECLINED = "declined", _("declined")


class IntroductionRequest(models.Model):
    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="introduction_requests"
    )
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="introduction_requests",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="introduction_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(
        _("what work, and why this person"),
        max_length=2000,
        help_text=_(
            "For example: we look for a caretaker for 24 hours a week; her dream and talent for "
            "organising fit. The bureau reads this, and may share it with the resident."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.NEW,
    )
    reply = models.TextField(
        _("reply to the partner"),
        max_length=2000,
        blank=True,
        help_text=_("The partner reads this. When you decline, say why."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("introduction request")
        verbose_name_plural = _("introduction requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["bureau", "status", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "resident"],
                condition=models.Q(status="new"),
                name="one_open_introduction_per_organisation_and_resident",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == IntroductionStatus.NEW
