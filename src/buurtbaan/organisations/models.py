from django.db import models
from django.utils.translation import gettext_lazy as _


class ScaleLevel(models.IntegerChoices):
    """The five scale levels of inverted subsidiarity, asked in this order (DOMAIN.md)."""

    RESIDENT = 1, _("resident")
    PERSONAL_RELATION = 2, _("personal relation")
    SOCIAL_ENTERPRISE = 3, _("social enterprise")
    COMMERCIAL_BUSINESS = 4, _("commercial business")
    PUBLIC_SERVICE = 5, _("public service")


class OrganisationKind(models.TextChoices):
    BUSINESS = "business", _("business")
    SOCIAL_ENTERPRISE = "social_enterprise", _("social enterprise")
    WELFARE = "welfare", _("welfare organisation")
    SCHOOL = "school", _("school")
    MUNICIPALITY = "municipality", _("municipality")
    OTHER = "other", _("other")


class Organisation(models.Model):
    """An employer, social enterprise, welfare organisation, school or municipality in a bureau's
    network. Partner users act for one (see `Membership.organisation`)."""

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    scale_level = models.PositiveSmallIntegerField(_("scale level"), choices=ScaleLevel.choices)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what they do"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "name"], name="unique_organisation_name_per_bureau"
            ),
        ]

    def __str__(self):
        return self.name
