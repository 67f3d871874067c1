"""The work bank: the neighbourhood's mountain of work (berg werk), broken into pieces.

For the engineers who build on it (bulletin board, help requests, quotes, matching, impact):

- `Purpose` (de bedoeling): what the neighbourhood wants to achieve or was asked to do, e.g.
  "all attics insulated in five years" or a municipal order "the park climate-proof". It has an
  asker (resident, organisation or municipality), a target and a period.
- `PieceOfWork` (klus / baan): one bite-sized piece of a purpose, or a stand-alone piece (a
  vacancy, a buurtklus). Pieces form a **tree**: `parent` points to the piece it was split from;
  a piece's children together never ask more hours than the piece itself (see
  `work.actions.add_piece`). Each piece has a `kind` (basisbaan, buurtklus, groepswerk,
  droombaan, BuurtBaan), pay, hours, people needed, talents and skills, who asks for it, where
  (postcode), when (dates and/or a weekly recurrence), a `status`, and the **scale level** that
  carries it with the reason why (`scale_level`, `scale_level_reason`, optionally
  `carried_by_organisation`). `hours_done` is the sum of its `HoursEntry` rows.
  The bulletin board publishes pieces, quotes price them, matching fills their `people_needed`
  places: stand on `PieceOfWork`, and write through `work.actions`.
- `SubsidiarityAnswer`: the answer to one of the five questions of inverted subsidiarity for a
  piece (question number = scale level). Questions are answered in order; the first "yes"
  decides the level (`work.actions.answer_subsidiarity_question`).
- `HoursEntry`: hours realised on a piece on a day; the capability factor's "done" part.

Talents needed are the talent bank's vocabulary (`talents_needed`, M2M to `residents.Talent`);
skills are a JSON list of words; recurring days use the talent bank's `Weekday` values ("mon").
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from buurtbaan.organisations.models import ScaleLevel, validate_postcode
from buurtbaan.residents.models import Weekday

HOURS_DIGITS = {"max_digits": 7, "decimal_places": 1}
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class AskerKind(models.TextChoices):
    RESIDENT = "resident", _("a resident")
    ORGANISATION = "organisation", _("an organisation")
    MUNICIPALITY = "municipality", _("the municipality")
    BUREAU = "bureau", _("the bureau itself")


class AskedBy(models.Model):
    """Who asks for the work: a resident, an organisation or the municipality (which may be
    recorded as an organisation of kind municipality too)."""

    asked_by_kind = models.CharField(
        _("asked by"), max_length=20, choices=AskerKind.choices, default=AskerKind.BUREAU
    )
    asked_by_resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("resident who asks"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    asked_by_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation that asks"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def asker(self):
        """The resident or organisation that asks, when recorded; else None."""
        if self.asked_by_kind == AskerKind.RESIDENT:
            return self.asked_by_resident
        if self.asked_by_kind in (AskerKind.ORGANISATION, AskerKind.MUNICIPALITY):
            return self.asked_by_organisation
        return None


class Purpose(AskedBy):
    """De bedoeling: a shared aim or an order, to be broken down into pieces of work."""

    bureau = models.ForeignKey("bureaus.Bureau", on_delete=models.CASCADE, related_name="purposes")
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("What is the aim? E.g. The park climate-proof, or All attics insulated."),
    )
    description = models.TextField(_("description"), blank=True)
    target = models.CharField(
        _("target"),
        max_length=250,
        blank=True,
        help_text=_("When is it done? E.g. 200 attics insulated in five years."),
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="purpose_ends_after_it_starts",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "work:purpose-detail", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk}
        )


class WorkKind(models.TextChoices):
    BASISBAAN = "basisbaan", _("basic job (basisbaan)")
    BUURTKLUS = "buurtklus", _("neighbourhood chore (buurtklus)")
    GROEPSWERK = "groepswerk", _("group work (groepswerk)")
    DROOMBAAN = "droombaan", _("dream job (droombaan)")
    BUURTBAAN = "buurtbaan", _("neighbourhood job (buurtbaan)")


class PayKind(models.TextChoices):
    NONE = "", _("no pay (voluntary)")
    HOURLY_WAGE = "hourly_wage", _("wage per hour")
    FIXED_FEE = "fixed_fee", _("fixed fee")


class WorkStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class PieceOfWork(AskedBy):
    """One piece of the mountain of work; see the module docstring."""

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="pieces_of_work"
    )
    purpose = models.ForeignKey(
        Purpose,
        verbose_name=_("purpose"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pieces",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind of work"), max_length=20, choices=WorkKind.choices)
    is_paid = models.BooleanField(_("paid"), default=False)
    pay_kind = models.CharField(
        _("pay"), max_length=20, choices=PayKind.choices, blank=True, default=PayKind.NONE
    )
    pay_amount = models.DecimalField(
        _("amount in euros"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_("The wage per hour or the fixed fee, before tax."),
    )
    hours_total = models.DecimalField(
        _("hours in total"),
        **HOURS_DIGITS,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_("For work with an end: how many hours it takes altogether."),
    )
    hours_per_week = models.DecimalField(
        _("hours a week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[*NOT_NEGATIVE, MaxValueValidator(Decimal("80"))],
        help_text=_("For ongoing work: how many hours a week."),
    )
    people_needed = models.PositiveSmallIntegerField(
        _("people needed"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Group work needs more than one person."),
    )
    talents_needed = models.ManyToManyField(
        "residents.Talent",
        verbose_name=_("talents needed"),
        blank=True,
        related_name="pieces_of_work",
    )
    skills = models.JSONField(_("skills needed"), default=list, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    times_per_week = models.PositiveSmallIntegerField(
        _("times a week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(21)],
    )
    days = models.JSONField(
        _("on days"),
        default=list,
        blank=True,
        help_text=_("Weekday values as in the talent bank: mon, tue, … sun."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WorkStatus.choices, default=WorkStatus.DRAFT
    )
    scale_level = models.PositiveSmallIntegerField(
        _("scale level"), choices=ScaleLevel.choices, null=True, blank=True
    )
    scale_level_reason = models.TextField(_("why this level"), blank=True)
    carried_by_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("carried by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_pieces",
    )
    hours_done = models.DecimalField(
        _("hours done"), **HOURS_DIGITS, default=Decimal("0"), validators=NOT_NEGATIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("piece of work")
        verbose_name_plural = _("pieces of work")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["bureau", "status"]),
            models.Index(fields=["bureau", "scale_level"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(people_needed__gte=1),
                name="piece_needs_at_least_one_person",
                violation_error_message=_("A piece of work needs at least one person."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="piece_ends_after_it_starts",
                violation_error_message=_("The end date is before the start date."),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="piece_is_not_its_own_parent",
                violation_error_message=_("A piece cannot be a part of itself."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("work:piece-detail", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk})

    @property
    def is_group_work(self) -> bool:
        return self.kind == WorkKind.GROEPSWERK

    def planned_hours_between(self, start: datetime.date, end: datetime.date) -> Decimal:
        """Hours this piece plans within [start, end], both days included.

        A piece with `hours_total` counts those hours in full when its dates overlap the period
        (a piece without dates counts by the day it was created). A piece with only
        `hours_per_week` counts its weekly hours for the weeks it runs inside the period; it
        runs from `starts_on` (or its creation) until `ends_on` (or on and on).
        """
        created = self.created_at.date() if self.created_at else start
        begins = self.starts_on or created
        if self.hours_total is not None:
            finishes = self.ends_on or begins
            overlaps = begins <= end and finishes >= start
            return self.hours_total if overlaps else Decimal("0")
        if self.hours_per_week is not None:
            first = max(begins, start)
            last = min(self.ends_on or end, end)
            if last < first:
                return Decimal("0")
            days = (last - first).days + 1
            return (self.hours_per_week * days / 7).quantize(Decimal("0.1"))
        return Decimal("0")

    def pay_display(self):
        return self.get_pay_kind_display() if self.is_paid else _("voluntary")

    def day_labels(self) -> list[str]:
        days = set(self.days or [])
        return [str(label) for value, label in Weekday.choices if value in days]


class Answer(models.TextChoices):
    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")


# The five questions of inverted subsidiarity (Netwerkboek ch. 3), by scale level.
QUESTIONS = {
    ScaleLevel.RESIDENT: _("What part of the work can the resident do themselves?"),
    ScaleLevel.PERSONAL_RELATION: _(
        "Are there neighbours, friends or family who can and want to help?"
    ),
    ScaleLevel.SOCIAL_ENTERPRISE: _("What can we ask of a social enterprise?"),
    ScaleLevel.COMMERCIAL_BUSINESS: _("What do we want to contract out to a commercial business?"),
    ScaleLevel.PUBLIC_SERVICE: _("What must we ask of a public service?"),
}


class SubsidiarityAnswer(models.Model):
    """The answer to question `question` (1–5, the scale level it asks about) for one piece."""

    piece = models.ForeignKey(
        PieceOfWork, on_delete=models.CASCADE, related_name="subsidiarity_answers"
    )
    question = models.PositiveSmallIntegerField(_("question"), choices=ScaleLevel.choices)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    note = models.TextField(_("why"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("subsidiarity answer")
        verbose_name_plural = _("subsidiarity answers")
        ordering = ["piece", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["piece", "question"], name="one_answer_per_question_per_piece"
            ),
        ]

    def __str__(self):
        return f"{self.piece_id} Q{self.question}: {self.answer}"

    @property
    def question_text(self):
        return QUESTIONS[ScaleLevel(self.question)]


class HoursEntry(models.Model):
    """Hours realised on a piece on one day (or a week, booked on its first day)."""

    piece = models.ForeignKey(PieceOfWork, on_delete=models.CASCADE, related_name="hours_entries")
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    note = models.CharField(_("note"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("hours worked")
        verbose_name_plural = _("hours worked")
        ordering = ["-worked_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0),
                name="hours_entry_positive",
                violation_error_message=_("Give a number of hours greater than zero."),
            ),
        ]

    def __str__(self):
        return f"{self.piece_id} {self.worked_on}: {self.hours}"
