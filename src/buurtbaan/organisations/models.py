"""Organisations in a bureau's network, and the personal network of a resident.

- `Organisation`: an employer, social enterprise, welfare organisation, school or municipality.
  Its `scale_level` says which of the five levels of inverted subsidiarity it carries work at
  (3 social enterprise, 4 commercial business, 5 public service; an informal group may sit at 2).
  Partner users act for one organisation (`bureaus.Membership.organisation`).
- `PersonalRelation`: a neighbour, friend or family member who helps a resident (scale level 2,
  "persoonlijke relaties"). The helper may be another resident of the talent bank or just a name.
  This is personal data of the resident: staff only, and every change is audited.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.phones import PhoneNumberField
from buurtbaan.core.postcodes import normalise_postcode


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


# The usual scale level of each kind; a form proposes it, the bureau may choose otherwise
# (a welfare organisation run as a social enterprise sits at level 3, a public one at 5).
USUAL_SCALE_LEVEL = {
    OrganisationKind.BUSINESS: ScaleLevel.COMMERCIAL_BUSINESS,
    OrganisationKind.SOCIAL_ENTERPRISE: ScaleLevel.SOCIAL_ENTERPRISE,
    OrganisationKind.WELFARE: ScaleLevel.SOCIAL_ENTERPRISE,
    OrganisationKind.SCHOOL: ScaleLevel.PUBLIC_SERVICE,
    OrganisationKind.MUNICIPALITY: ScaleLevel.PUBLIC_SERVICE,
    OrganisationKind.OTHER: ScaleLevel.SOCIAL_ENTERPRISE,
}


def validate_postcode(value: str) -> None:
    """A Dutch postcode, PC6 ("6828 AB") or PC4 ("6828"); blank is left to `blank=`."""
    if value and not normalise_postcode(value):
        raise ValidationError(
            _(
                "%(value)s is not a Dutch postcode. Write four digits and two letters, e.g. 6828 AB."
            ),
            params={"value": value},
            code="invalid_postcode",
        )


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, membership):
        """What a member may see: staff see all of their bureau, a partner only their own."""
        own_bureau = self.filter(bureau=membership.bureau)
        if membership.is_staff_member:
            return own_bureau
        if membership.role == "partner" and membership.organisation_id:
            return own_bureau.filter(pk=membership.organisation_id)
        return own_bureau.none()


class Organisation(models.Model):
    """An employer, social enterprise, welfare organisation, school or municipality in a bureau's
    network. Partner users act for one (see `Membership.organisation`)."""

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    scale_level = models.PositiveSmallIntegerField(_("scale level"), choices=ScaleLevel.choices)
    contact_person = models.CharField(
        _("contact person"),
        max_length=150,
        blank=True,
        help_text=_("Who the bureau talks to at this organisation."),
    )
    street = models.CharField(_("street and house number"), max_length=150, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("town"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what they do"), blank=True)
    offers = models.TextField(
        _("what they offer"),
        blank=True,
        help_text=_(
            "Work, places to learn, materials or know-how they can give, e.g. "
            "green maintenance, insulation, a workplace for two people."
        ),
    )
    needs = models.TextField(
        _("what they need"),
        blank=True,
        help_text=_("Work they want done or people they look for, e.g. a caretaker for 24 hours."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive organisations stay on record but are not suggested for new work."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "name"], name="unique_organisation_name_per_bureau"
            ),
        ]
        indexes = [models.Index(fields=["bureau", "scale_level", "kind"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "organisations:organisation-detail",
            kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk},
        )


class RelationKind(models.TextChoices):
    NEIGHBOUR = "neighbour", _("neighbour")
    FRIEND = "friend", _("friend")
    FAMILY = "family", _("family")
    OTHER = "other", _("other")


class PersonalRelation(models.Model):
    """Someone in a resident's personal network who helps them: scale level 2.

    Either `helper` (another resident in the talent bank) or `name` is filled in. Helpers are
    free to give or not, and what they give is not unlimited (Netwerkboek ch. 3), hence
    `hours_per_week`: the time they said they can spare, used by the subsidiarity assistant.
    """

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="personal_relations"
    )
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="personal_relations",
    )
    helper = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("helper in the talent bank"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helps_as_relation",
        help_text=_("Choose this when the helper is also registered at the bureau."),
    )
    name = models.CharField(
        _("name"),
        max_length=150,
        blank=True,
        help_text=_("A first name or nickname is enough, e.g. Auntie Els or the neighbour at 14."),
    )
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    helps_with = models.TextField(
        _("helps with"), blank=True, help_text=_("E.g. shopping, small repairs, walking the dog.")
    )
    hours_per_week = models.DecimalField(
        _("hours a week they can give"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty when unknown."),
    )
    is_active = models.BooleanField(_("still helps"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("personal relation")
        verbose_name_plural = _("personal relations")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name="") | models.Q(helper__isnull=False),
                name="personal_relation_has_a_name_or_helper",
                violation_error_message=_(
                    "Give the helper's name, or choose them from the talent bank."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True) | models.Q(hours_per_week__gte=0),
                name="personal_relation_hours_not_negative",
                violation_error_message=_("The hours cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~models.Q(helper=models.F("resident")),
                name="personal_relation_helper_is_someone_else",
                violation_error_message=_("A resident cannot be their own helper."),
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (str(self.helper) if self.helper_id else "")
