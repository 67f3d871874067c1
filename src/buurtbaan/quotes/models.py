"""Quotes (offertes): work a resident or organisation orders from the bureau, priced.

For the engineers who build on it
---------------------------------
- `Quote`: one priced offer of a bureau to one client, either a resident (oma Jansen's attic) or an
  organisation (the municipality's park) — exactly one of `client_resident` and
  `client_organisation` is set. Its `number` ("2026-014") is unique per bureau and assigned by
  `quotes.actions.create_quote` (year of creation + a sequence per bureau and year). Status:
  draft → sent → accepted / declined / expired; only a draft can change, and the date of each
  step is kept. A quote may price a `purpose` already in the work bank; an accepted quote always
  has one (made on acceptance when none was chosen), and each line that is work has its `piece`:
  a piece of that purpose the line was linked to while drafting, or one made on acceptance.
- `QuoteLine`: one line: labour (hours × hourly rate, done by residents — paid, or voluntary at
  €0 — or by a partner organisation), materials, a third party (contractor De Vries), or the
  bureau's own work (coordination). Per line: quantity, unit price, who is paid (`payee`, with
  `payee_organisation` for a partner or a named third party) and the bureau's share in percent.
  After the work, the realised quantity and amount are recorded on the line, so the quote shows
  planned against realised.

Money: VAT and the split between payees and the bureau are computed in `quotes.money` (read its
docstring for the rounding rules); the model methods below only feed it. The amounts are never
stored twice: a line's amount is always quantity × unit price.

VAT: a bureau is a social enterprise that usually charges the general rate (21%) on its services.
Each quote keeps its own `vat_rate` (default `DEFAULT_VAT_RATE`), so a quote that falls under the
low rate (9%) or is exempt (0%) can say so, and an old quote keeps the rate it was made with. One
rate per quote: work at two rates goes into two quotes.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtbaan.quotes import money

#: The VAT rate a new quote starts with, in percent: the general Dutch rate for services.
DEFAULT_VAT_RATE = Decimal("21.00")
#: The usual rates, offered in the quote form.
VAT_RATES = [Decimal("21.00"), Decimal("9.00"), Decimal("0.00")]
#: The share of a line the bureau keeps for its costs, unless the coordinator says otherwise.
DEFAULT_BUREAU_SHARE = Decimal("15.00")
#: How long a new quote stays valid.
DEFAULT_VALIDITY_DAYS = 30

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class QuoteStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")


class Quote(models.Model):
    """A priced offer of the bureau to one client; see the module docstring."""

    bureau = models.ForeignKey("bureaus.Bureau", on_delete=models.CASCADE, related_name="quotes")
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    number = models.CharField(_("number"), max_length=20)
    client_resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("client (resident)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
    )
    client_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("client (organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("What is ordered, e.g. Clearing and insulating the attic."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the bureau will organise, as the client reads it on the quote."),
    )
    postcode = models.CharField(
        _("postcode of the work"),
        max_length=7,
        blank=True,
        help_text=_(
            "Where the work is done. Left empty, a resident client's own postcode is used."
        ),
    )
    work_starts_on = models.DateField(_("work starts"), null=True, blank=True)
    work_ends_on = models.DateField(_("work ends"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"))
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_VAT_RATE,
        validators=PERCENT,
    )
    bureau_share_percent = models.DecimalField(
        _("bureau's share (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_BUREAU_SHARE,
        validators=PERCENT,
        help_text=_(
            "The part of each line the bureau keeps for its own costs; the rest is paid to "
            "whoever does the work. New lines start with this share; each line can differ."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=QuoteStatus.choices, default=QuoteStatus.DRAFT
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    declined_on = models.DateField(_("declined on"), null=True, blank=True)
    expired_on = models.DateField(_("expired on"), null=True, blank=True)
    decision_note = models.TextField(
        _("note on the decision"),
        blank=True,
        help_text=_("E.g. accepted by phone, or why the client declined."),
    )
    purpose = models.ForeignKey(
        "work.Purpose",
        verbose_name=_("purpose in the work bank"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text=_(
            "Optional: the purpose this quote prices, when it is already in the work bank. "
            "Its work is added there; otherwise accepting the quote makes a new purpose."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-year", "-sequence"]
        indexes = [models.Index(fields=["bureau", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "number"], name="unique_quote_number"),
            models.UniqueConstraint(
                fields=["bureau", "year", "sequence"], name="unique_quote_sequence"
            ),
            models.CheckConstraint(
                condition=models.Q(client_resident__isnull=False, client_organisation__isnull=True)
                | models.Q(client_resident__isnull=True, client_organisation__isnull=False),
                name="quote_has_exactly_one_client",
                violation_error_message=_("Choose either a resident or an organisation as client."),
            ),
            models.CheckConstraint(
                condition=models.Q(work_ends_on__isnull=True)
                | models.Q(work_starts_on__isnull=True)
                | models.Q(work_ends_on__gte=models.F("work_starts_on")),
                name="quote_work_ends_after_it_starts",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse(
            "quotes:quote-detail", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk}
        )

    @property
    def client(self):
        return self.client_resident or self.client_organisation

    @property
    def is_draft(self) -> bool:
        return self.status == QuoteStatus.DRAFT

    @property
    def is_sent(self) -> bool:
        return self.status == QuoteStatus.SENT

    @property
    def is_accepted(self) -> bool:
        return self.status == QuoteStatus.ACCEPTED

    def is_past_validity(self, on: datetime.date | None = None) -> bool:
        """A sent quote whose validity ran out (the expire command marks it expired)."""
        return self.is_sent and self.valid_until < (on or timezone.localdate())

    @property
    def decided_on(self):
        return self.accepted_on or self.declined_on or self.expired_on

    def work_postcode(self) -> str:
        if self.postcode:
            return self.postcode
        return self.client_resident.postcode if self.client_resident_id else ""

    def totals(self) -> money.Totals:
        """Planned totals; uses the prefetched `lines` when present."""
        return money.totals(
            ((line.payee, line.amounts()) for line in self.lines.all()), self.vat_rate
        )

    def realised_totals(self) -> money.Totals:
        """Realised totals over the lines realised so far."""
        return money.totals(
            (
                (line.payee, line.realised_amounts())
                for line in self.lines.all()
                if line.is_realised
            ),
            self.vat_rate,
        )

    @property
    def is_partly_realised(self) -> bool:
        lines = list(self.lines.all())
        return any(line.is_realised for line in lines) and not all(
            line.is_realised for line in lines
        )


class LineKind(models.TextChoices):
    LABOUR = "labour", _("labour (hours)")
    MATERIALS = "materials", _("materials")
    THIRD_PARTY = "third_party", _("third party (contractor, supplier)")
    BUREAU = "bureau", _("the bureau's own work (coordination)")


class Payee(models.TextChoices):
    RESIDENTS = "residents", _("residents who do the work")
    PARTNER = "partner", _("a partner organisation")
    THIRD_PARTY = "third_party", _("a third party")
    BUREAU = "bureau", _("the bureau itself")


class QuoteLine(models.Model):
    """One line of a quote; see the module docstring. Amounts come from `quotes.money`."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=LineKind.choices)
    description = models.CharField(
        _("description"),
        max_length=200,
        help_text=_("As the client reads it, e.g. Clearing the attic with two residents."),
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("For labour: the hours of all people together, e.g. 2 people × 6 hours = 12."),
    )
    unit = models.CharField(
        _("unit"), max_length=20, blank=True, help_text=_("E.g. hours, m², or leave empty.")
    )
    unit_price = models.DecimalField(
        _("price per unit (€, excl. VAT)"),
        max_digits=10,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        help_text=_("What the client pays per unit. 0 for voluntary work."),
    )
    payee = models.CharField(_("paid to"), max_length=20, choices=Payee.choices)
    payee_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation paid"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quote_lines",
        help_text=_("Required for a partner organisation; optional for a third party."),
    )
    bureau_share_percent = models.DecimalField(
        _("bureau's share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=PERCENT,
        help_text=_("The part of this line the bureau keeps for its costs."),
    )
    becomes_work = models.BooleanField(
        _("becomes a piece of work"),
        default=True,
        help_text=_(
            "When the quote is accepted, this line becomes a piece of work in the work bank."
        ),
    )
    people_needed = models.PositiveSmallIntegerField(
        _("people needed"), default=1, validators=[MinValueValidator(1)]
    )
    piece = models.OneToOneField(
        "work.PieceOfWork",
        verbose_name=_("piece of work"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quote_line",
    )
    realised_quantity = models.DecimalField(
        _("realised quantity"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    realised_amount = models.DecimalField(
        _("realised amount (€, excl. VAT)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    realised_on = models.DateField(_("realised on"), null=True, blank=True)
    realised_note = models.CharField(_("note on what was realised"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")
        ordering = ["quote", "position", "pk"]

    def __str__(self):
        return self.description

    def amounts(self) -> money.LineAmounts:
        return money.line_amounts(self.quantity, self.unit_price, self.bureau_share_percent)

    @property
    def is_realised(self) -> bool:
        return self.realised_amount is not None

    def realised_amounts(self) -> money.LineAmounts | None:
        if not self.is_realised:
            return None
        return money.split_amount(self.realised_amount, self.bureau_share_percent)

    @property
    def payee_display(self) -> str:
        if self.payee_organisation_id:
            return f"{self.get_payee_display()}: {self.payee_organisation.name}"
        return str(self.get_payee_display())

    @property
    def unit_display(self) -> str:
        if self.unit:
            return self.unit
        return str(_("hours")) if self.kind == LineKind.LABOUR else ""
