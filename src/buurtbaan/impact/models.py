"""Impact assignments (impactopdrachten): a client, usually the municipality, pays the bureau a
budget to reach targets in a period, with a bonus when enough of it succeeds.

For the engineers who build on it
---------------------------------
- `ImpactAssignment`: one assignment of a bureau for a client `Organisation` (usually of kind
  municipality): a title ("Tien bijstandsgerechtigden per jaar aan betaald werk"), a budget (the
  fee, in euros), a period and a status. Three of these at €20,000 a year and a bureau's business
  case breaks even (seed 001), so they are the bureau's main income.
- `ImpactTarget`: what is measured (`Measure`: participants in paid work, in education, joining a
  neighbourhood initiative, with any of these outcomes; participants taking part; pieces of work
  done; hours of work done), the target number, and an optional **bonus rule**: `bonus_amount`
  is earned when the share reaches `bonus_threshold_percent`. The share is taken either of the
  participants linked to the assignment ("80% of the participants in work") or of the target
  number ("80% of the 400 hours") — `bonus_basis`. `impact.stats` computes it.
- `ImpactParticipant`: a resident linked to an assignment, since `joined_on`, with their current
  `outcome` (none yet, paid work, education, neighbourhood initiative, self-employed, stopped),
  the date it was reached and a note. Earlier outcomes are in the audit log.
- `ImpactAssignment.pieces`: the pieces of work done for the assignment (the park's maintenance).

Who takes part is decided by the coach with the resident, never by a query on their income
situation: the talent bank's `IncomeSituation` is not used here (see its warning).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AssignmentStatus(models.TextChoices):
    AGREEING = "agreeing", _("being agreed")
    RUNNING = "running", _("running")
    FINISHED = "finished", _("finished")
    STOPPED = "stopped", _("stopped early")


class ImpactAssignment(models.Model):
    """An assignment with a budget, a period and targets; see the module docstring."""

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="impact_assignments"
    )
    client = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="impact_assignments",
        help_text=_("Who gives the assignment, usually the municipality."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("What is to be achieved, e.g. Ten people on social assistance into paid work."),
    )
    description = models.TextField(_("description"), blank=True)
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("What the client pays the bureau for the assignment, without a bonus."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.AGREEING,
    )
    pieces = models.ManyToManyField(
        "work.PieceOfWork",
        verbose_name=_("pieces of work"),
        blank=True,
        related_name="impact_assignments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("impact assignment")
        verbose_name_plural = _("impact assignments")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="impact_assignment_ends_after_it_starts",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "impact:assignment-detail", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk}
        )


class Outcome(models.TextChoices):
    NONE_YET = "none", _("none yet")
    PAID_WORK = "paid_work", _("paid work")
    EDUCATION = "education", _("education")
    INITIATIVE = "initiative", _("a neighbourhood initiative")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    STOPPED = "stopped", _("stopped")


class Measure(models.TextChoices):
    PAID_WORK = "paid_work", _("participants in paid work (employed or self-employed)")
    EDUCATION = "education", _("participants in education")
    INITIATIVE = "initiative", _("participants joining a neighbourhood initiative")
    ANY_OUTCOME = "any_outcome", _("participants in work, education or an initiative")
    PARTICIPANTS = "participants", _("participants taking part")
    PIECES_DONE = "pieces_done", _("pieces of work done")
    HOURS_DONE = "hours_done", _("hours of work done")


#: Which outcomes count for each participant measure.
MEASURE_OUTCOMES = {
    Measure.PAID_WORK: {Outcome.PAID_WORK, Outcome.SELF_EMPLOYED},
    Measure.EDUCATION: {Outcome.EDUCATION},
    Measure.INITIATIVE: {Outcome.INITIATIVE},
    Measure.ANY_OUTCOME: {
        Outcome.PAID_WORK,
        Outcome.SELF_EMPLOYED,
        Outcome.EDUCATION,
        Outcome.INITIATIVE,
    },
}
#: Measures that count people (a share of the participants makes sense for them).
PARTICIPANT_MEASURES = {*MEASURE_OUTCOMES, Measure.PARTICIPANTS}


class BonusBasis(models.TextChoices):
    PARTICIPANTS = "participants", _("of the participants linked to the assignment")
    TARGET = "target", _("of the target number")


class ImpactTarget(models.Model):
    """One target of an assignment, with an optional bonus rule; see the module docstring."""

    assignment = models.ForeignKey(
        ImpactAssignment, on_delete=models.CASCADE, related_name="targets"
    )
    measure = models.CharField(_("what is measured"), max_length=20, choices=Measure.choices)
    target_number = models.PositiveIntegerField(
        _("target"), validators=[MinValueValidator(1)], help_text=_("E.g. 10 people or 400 hours.")
    )
    description = models.CharField(
        _("in words"),
        max_length=200,
        blank=True,
        help_text=_("Optional, e.g. Ten people on social assistance into paid work per year."),
    )
    bonus_amount = models.DecimalField(
        _("bonus (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Leave empty when there is no bonus."),
    )
    bonus_threshold_percent = models.DecimalField(
        _("bonus when at least (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text=_("E.g. 80: the bonus is earned when 80% succeed."),
    )
    bonus_basis = models.CharField(
        _("the share is taken"),
        max_length=20,
        choices=BonusBasis.choices,
        default=BonusBasis.PARTICIPANTS,
    )

    class Meta:
        verbose_name = _("impact target")
        verbose_name_plural = _("impact targets")
        ordering = ["assignment", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bonus_amount__isnull=True, bonus_threshold_percent__isnull=True)
                | models.Q(bonus_amount__isnull=False, bonus_threshold_percent__isnull=False),
                name="impact_target_bonus_rule_complete",
                violation_error_message=_("Give both the bonus and the share that earns it."),
            ),
        ]

    def __str__(self):
        return self.description or f"{self.target_number} {self.get_measure_display()}"

    @property
    def has_bonus_rule(self) -> bool:
        return self.bonus_amount is not None and self.bonus_threshold_percent is not None

    @property
    def counts_participants(self) -> bool:
        return self.measure in PARTICIPANT_MEASURES


class ImpactParticipant(models.Model):
    """A resident taking part in an assignment, and what it led to so far."""

    assignment = models.ForeignKey(
        ImpactAssignment, on_delete=models.CASCADE, related_name="participants"
    )
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="impact_participations",
    )
    joined_on = models.DateField(_("taking part since"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NONE_YET
    )
    outcome_on = models.DateField(_("outcome reached on"), null=True, blank=True)
    outcome_note = models.CharField(
        _("note"),
        max_length=250,
        blank=True,
        help_text=_("E.g. 24 hours a week as caretaker at the theatre."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["assignment", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "resident"], name="one_participation_per_assignment"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="none") | models.Q(outcome_on__isnull=False),
                name="impact_outcome_has_a_date",
                violation_error_message=_("Give the date the outcome was reached."),
            ),
        ]

    def __str__(self):
        return f"{self.resident} – {self.get_outcome_display()}"
