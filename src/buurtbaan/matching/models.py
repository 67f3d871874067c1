"""Matching in the database: proposals between residents and pieces of work, and what became of them.

For the engineers who build on it
---------------------------------
- `MatchingSettings`: one row per bureau (created on first use by `queries.settings_for`): the
  weights of the fit score, the lowest score a matching round proposes, how many open proposals a
  resident may have at once, and the round's bonus for residents furthest from work.
  `engine_weights()` turns it into the engine's `Weights`.
- `Match`: one proposal of a resident for a piece of work, and its life:
  proposed → introduced (kennismaking) → started → completed, or stopped (with a reason) at any
  step before completion, or declined by the resident. A match stores the fit `score`, the
  `reasons` (the engine's codes and parameters, rendered in the reader's language at display time
  by `matching.reasons`) and the `support` the resident needs, as they were when it was proposed.
  `accepted_at` records that the resident said yes; a match only starts after that. At most one
  *active* match (proposed, introduced, started) per resident and piece; a declined pair is never
  proposed again. Active and completed matches hold the piece's places (`PLACE_STATUSES`): free
  places are `people_needed` minus those. A completed match is a **placement** (`matching.stats.placements`): it records
  the relation between the resident and the `organisation` the work is with, when there is one.
- `MatchEvent`: every step of a match, the proposal included, with who, when and why;
  `Match.history()` is the whole story, proposal first. The proposal is also summed up on the
  match itself (`proposed_by`, `proposed_at`, `proposal_note`, `source`, `matching_round`), written
  by the same action, so lists sort and show it without reading the events. A round inserts its
  proposals and their events with one statement each (`actions.confirm_round`).
- `MatchingRound`: one run of the matching round for all open work: the allocation (resident and
  piece ids with their scores), its objective and counts, and whether the coordinator confirmed
  it (which creates the proposals).
- `PostcodeArea`: the centroid of a PC4 area, for distances. Global, not per bureau; filled by
  `buurtbaan import_postcodes FILE.csv`. Coordinates of areas are not personal data.

Write through `matching.actions`; read through `matching.queries` and `matching.loader`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtbaan.matching.engine import Weights

WEIGHT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))]
SHARE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]
_DEFAULT = Weights()


def _weight_field(label, default, help_text):
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=2,
        default=Decimal(str(default)),
        validators=WEIGHT_VALIDATORS,
        help_text=help_text,
    )


class MatchingSettings(models.Model):
    """How one bureau's matching weighs a fit, and the rules of its proposals."""

    bureau = models.OneToOneField(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="matching_settings"
    )
    weight_talents = _weight_field(
        _("talents"), _DEFAULT.talents, _("How much the talents the work asks for count.")
    )
    weight_skills = _weight_field(
        _("skills"), _DEFAULT.skills, _("How much the skills the work asks for count.")
    )
    weight_dream = _weight_field(
        _("dream"), _DEFAULT.dream, _("How much a dream that fits the work counts.")
    )
    weight_distance = _weight_field(
        _("distance"), _DEFAULT.distance, _("How much living close to the work counts.")
    )
    weight_hours = _weight_field(
        _("hours"), _DEFAULT.hours, _("How much having enough hours a week counts.")
    )
    weight_days = _weight_field(
        _("days"), _DEFAULT.days, _("How much being free on the days of the work counts.")
    )
    weight_paid = _weight_field(
        _("paid or voluntary"),
        _DEFAULT.paid,
        _("How much it counts that the resident wants paid or voluntary work, as the work is."),
    )
    priority_weight = models.DecimalField(
        _("priority for residents furthest from work"),
        max_digits=3,
        decimal_places=2,
        default=Decimal(str(_DEFAULT.priority_weight)),
        validators=SHARE_VALIDATORS,
        help_text=_(
            "A bonus in the matching round for residents in an impact assignment or long without "
            "work. 0 is no bonus; 0.10 weighs like a tenth of a perfect fit."
        ),
    )
    team_coverage = models.DecimalField(
        _("team: weight of covering all talents"),
        max_digits=3,
        decimal_places=2,
        default=Decimal(str(_DEFAULT.team_coverage)),
        validators=SHARE_VALIDATORS,
        help_text=_(
            "For group work: 0 picks the best individual fits, 1 only looks at whether the team "
            "together has every talent the work asks for."
        ),
    )
    min_score = models.DecimalField(
        _("lowest fit the round proposes"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.35"),
        validators=SHARE_VALIDATORS,
        help_text=_(
            "Between 0 and 1. A matching round leaves a place open rather than propose less."
        ),
    )
    max_open_proposals = models.PositiveSmallIntegerField(
        _("open proposals per resident"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "How many proposals a resident may be considering at once. A matching round gives "
            "each resident without an open proposal at most this many, so the work is shared."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    FIT_FIELDS = (
        "weight_talents",
        "weight_skills",
        "weight_dream",
        "weight_distance",
        "weight_hours",
        "weight_days",
        "weight_paid",
    )

    class Meta:
        verbose_name = _("matching settings")
        verbose_name_plural = _("matching settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    def clean(self):
        super().clean()
        if all((getattr(self, name) or 0) <= 0 for name in self.FIT_FIELDS):
            raise ValidationError(
                _("Give at least one of the weights a value above 0; otherwise nothing counts.")
            )

    def engine_weights(self) -> Weights:
        """The engine's weights for this bureau."""
        return Weights(
            **{
                name.removeprefix("weight_"): float(getattr(self, name)) for name in self.FIT_FIELDS
            },
            priority_weight=float(self.priority_weight),
            team_coverage=float(self.team_coverage),
        )


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    INTRODUCED = "introduced", _("introduced")
    STARTED = "started", _("started")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")
    DECLINED = "declined", _("declined")


#: A match that still takes a place of its piece and keeps the pair from being proposed again.
ACTIVE_STATUSES = (MatchStatus.PROPOSED, MatchStatus.INTRODUCED, MatchStatus.STARTED)
#: A match that holds one of its piece's places: active, or completed (the person has the work).
PLACE_STATUSES = (*ACTIVE_STATUSES, MatchStatus.COMPLETED)
#: Proposals the resident is still considering (counted against `max_open_proposals`).
OPEN_STATUSES = (MatchStatus.PROPOSED, MatchStatus.INTRODUCED)


class MatchSource(models.TextChoices):
    SUGGESTION = "suggestion", _("suggestion")
    ROUND = "round", _("matching round")
    TEAM = "team", _("team")


class MatchQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def placements(self):
        """Completed matches: the placements that count for the impact figures."""
        return self.filter(status=MatchStatus.COMPLETED)


class Match(models.Model):
    """A resident proposed for a piece of work, and what became of it; see the module docstring."""

    bureau = models.ForeignKey("bureaus.Bureau", on_delete=models.CASCADE, related_name="matches")
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="matches",
    )
    piece = models.ForeignKey(
        "work.PieceOfWork",
        verbose_name=_("piece of work"),
        on_delete=models.PROTECT,
        related_name="matches",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
        help_text=_("The organisation that carries or asks for the work, if any."),
    )
    matching_round = models.ForeignKey(
        "MatchingRound",
        verbose_name=_("matching round"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matches",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    source = models.CharField(
        _("found through"),
        max_length=20,
        choices=MatchSource.choices,
        default=MatchSource.SUGGESTION,
    )
    score = models.FloatField(_("fit"), default=0.0)
    # [{"code": "shared_talents", "params": {"words": ["koken"]}}, ...] as the engine gave them.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    support = models.JSONField(_("support needed"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed on"), default=timezone.now)
    proposal_note = models.TextField(_("note with the proposal"), blank=True)
    accepted_at = models.DateTimeField(_("accepted by the resident on"), null=True, blank=True)
    introduced_at = models.DateTimeField(_("introduced on"), null=True, blank=True)
    started_at = models.DateTimeField(_("started on"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("why it ended"), blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-proposed_at", "-pk"]
        indexes = [
            models.Index(fields=["bureau", "status"]),
            models.Index(fields=["piece", "status"]),
            models.Index(fields=["resident", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "piece"],
                condition=Q(status__in=["proposed", "introduced", "started"]),
                name="one_active_match_per_resident_and_piece",
                violation_error_message=_("This resident already has a proposal for this work."),
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_absolute_url(self):
        return reverse(
            "matching:match-detail", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk}
        )

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_open(self) -> bool:
        """Still waiting for the resident's decision or the start."""
        return self.status in OPEN_STATUSES

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    def history(self) -> list[MatchEvent]:
        """Every step, the proposal first (uses prefetched `events` when present)."""
        return list(self.events.all())


class EventKind(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted by the resident")
    INTRODUCED = "introduced", _("introduced (kennismaking)")
    STARTED = "started", _("started")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")
    DECLINED = "declined", _("declined")


class MatchEvent(models.Model):
    """One step in the life of a match: who did what, when, and why."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(
        _("from"), max_length=20, choices=MatchStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=MatchStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        verbose_name = _("match event")
        verbose_name_plural = _("match events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.match_id}: {self.kind}"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("to be confirmed")
    CONFIRMED = "confirmed", _("confirmed: proposals made")
    DISCARDED = "discarded", _("discarded")


class MatchingRound(models.Model):
    """One matching round: the allocation the engine found, and whether it became proposals."""

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="matching_rounds"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    run_at = models.DateTimeField(_("run on"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    # The settings it ran with: {"weights": {...}, "min_score": 0.35, "max_per_resident": 1}.
    parameters = models.JSONField(_("settings used"), default=dict)
    # [[resident_id, piece_id, score, bonus], ...], per piece, best fit first.
    assignments = models.JSONField(_("allocation"), default=list)
    objective = models.FloatField(_("objective"), default=0.0)
    total_fit = models.FloatField(_("total fit"), default=0.0)
    residents_considered = models.PositiveIntegerField(_("residents considered"), default=0)
    pieces_considered = models.PositiveIntegerField(_("pieces of work considered"), default=0)
    matched_residents = models.PositiveIntegerField(_("residents matched"), default=0)
    matched_pieces = models.PositiveIntegerField(_("pieces of work matched"), default=0)
    places_filled = models.PositiveIntegerField(_("places filled"), default=0)
    open_places = models.PositiveIntegerField(_("places left open"), default=0)
    is_certified_optimal = models.BooleanField(_("proven optimal"), default=False)
    gap_bound = models.FloatField(_("at most this far from the optimum"), default=0.0)
    duration_ms = models.PositiveIntegerField(_("computed in (ms)"), default=0)
    # The coordinator's choices before confirming: pairs never to propose and pairs always to
    # propose, as [[resident_id, piece_id], ...]; the allocation is the optimum around them.
    forbidden_pairs = models.JSONField(_("pairs left out"), default=list, blank=True)
    fixed_pairs = models.JSONField(_("pairs chosen"), default=list, blank=True)
    # Each choice as made: {"kind": "drop"|"swap", "resident", "piece", "new_resident",
    # "new_piece", "by" (user id), "at" (ISO time)}.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # The objective without any choice, on the same data as the allocation: how far the choices
    # are from the best result. None while no choice was made (then it is `objective`).
    best_objective = models.FloatField(_("best objective without choices"), null=True, blank=True)
    # Goes up with every change of the allocation: a page shown before it refuses to confirm.
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("matching round")
        verbose_name_plural = _("matching rounds")
        ordering = ["-run_at", "-pk"]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_absolute_url(self):
        return reverse(
            "matching:round-detail", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk}
        )


class PostcodeArea(models.Model):
    """The centroid of a four-digit postcode area (PC4), for distances between people and work."""

    pc4 = models.CharField(_("postcode area"), max_length=4, unique=True)
    latitude = models.FloatField(
        _("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    place = models.CharField(_("town"), max_length=80, blank=True)
    municipality = models.CharField(_("municipality"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        ordering = ["pc4"]

    def __str__(self):
        return self.pc4
