from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.phones import PhoneNumberField
from buurtbaan.core.postcodes import format_postcode, normalise_postcode


class Bureau(models.Model):
    """One BuurtBaanBureau: a neighbourhood, the unit of tenancy.

    Every object that belongs to a bureau carries a foreign key to it, and every view reaches such
    objects only through the access helpers in `buurtbaan.bureaus.permissions`.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("short name in web addresses"),
        max_length=60,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens, e.g. spijkerkwartier."),
    )
    municipality = models.CharField(_("municipality"), max_length=80)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown on the bureau's public page.")
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    visiting_address = models.CharField(_("visiting address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("bureau")
        verbose_name_plural = _("bureaus")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("bureaus:public", kwargs={"bureau_slug": self.slug})

    def covers_postcode(self, postcode: str) -> bool:
        """Whether a postcode (PC4 or PC6, any spacing or case) lies in the bureau's area.

        Uses the prefetched `postcode_ranges` when present, so a list of residents can be
        flagged without a query per row.
        """
        normalised = normalise_postcode(postcode)
        if not normalised:
            return False
        return any(area.covers(normalised) for area in self.postcode_ranges.all())

    def postcode_summary(self) -> str:
        return ", ".join(str(area) for area in self.postcode_ranges.all())


class PostcodeRange(models.Model):
    """A range of postcodes a bureau covers: whole PC4 areas ("6828" to "6829") or PC6 ranges
    inside one ("6828AA" to "6828KZ"). A single postcode is a range whose ends are equal."""

    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE, related_name="postcode_ranges")
    start = models.CharField(_("from"), max_length=6)
    end = models.CharField(_("to"), max_length=6)

    class Meta:
        verbose_name = _("postcode range")
        verbose_name_plural = _("postcode ranges")
        ordering = ["start", "end"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "start", "end"], name="unique_postcode_range_per_bureau"
            ),
        ]

    def __str__(self):
        start, end = format_postcode(self.start), format_postcode(self.end)
        return start if self.start == self.end else f"{start}–{end}"

    def covers(self, normalised_postcode: str) -> bool:
        """Compare at the precision of the range: a PC4 range covers every PC6 inside it."""
        width = len(self.start)
        return self.start <= normalised_postcode[:width] <= self.end


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    COACH = "coach", _("coach")
    PARTNER = "partner", _("partner")
    RESIDENT = "resident", _("resident")
    FUNDER = "funder", _("funder")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True, bureau__is_active=True)


class Membership(models.Model):
    """A user's role in one bureau. A user has at most one role per bureau, and may belong to
    several bureaus (a coach who works in two neighbourhoods)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("For partners: the organisation they act for."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["bureau", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "bureau"], name="one_role_per_user_per_bureau"),
            models.CheckConstraint(
                condition=models.Q(role="partner") | models.Q(organisation__isnull=True),
                name="only_partners_act_for_an_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.bureau}"

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_staff_member(self) -> bool:
        """Coordinators and coaches: the bureau's own people, who work with residents' data."""
        return self.role in (Role.COORDINATOR, Role.COACH)
