import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Resident(models.Model):
    """A wijkbewoner in a bureau's talent bank.

    Personal data: reach it only through `buurtbaan.residents.permissions` so that every read of
    sensitive parts is audited and other bureaus never see it.
    """

    bureau = models.ForeignKey("bureaus.Bureau", on_delete=models.PROTECT, related_name="residents")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident",
        help_text=_("The resident's own account, if they have one."),
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    street = models.CharField(_("street and house number"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("town"), max_length=80, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["bureau", "postcode"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: datetime.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
