"""All money of a quote is computed here, and only here.

The rules, so that a quote, its PDF and a test with known numbers always agree:

- Money is `Decimal` with two decimals, rounded half up (ROUND_HALF_UP: €0.005 becomes €0.01),
  the way people round by hand and the way a Dutch invoice is checked.
- A line's **amount** is quantity × unit price, rounded to cents. It is what the client pays for
  the line, excluding VAT.
- The **bureau's share** of a line is its `bureau_share_percent` of the amount, rounded to cents;
  the **payee's part** is the amount minus the bureau's share, so the two always add up to the
  amount exactly. The payee is whoever does or supplies the line: the residents who do the work,
  a partner organisation, or a third party (a contractor, a supplier). A line the bureau does
  itself (coordination) is kept by the bureau in full.
- **VAT** is charged on the quote's subtotal (the sum of the line amounts) at the quote's one
  rate, rounded to cents once, so the total incl. VAT is subtotal + VAT. VAT goes to the tax
  office: it is not part of the split between payees and the bureau.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal("100")


def round_money(value) -> Decimal:
    """Round to cents, half up: 476.805 → 476.81."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount, percent) -> Decimal:
    """`percent`% of `amount`, rounded to cents: percent_of(180, 15) → 27.00."""
    return round_money(Decimal(amount) * Decimal(percent) / HUNDRED)


@dataclass(frozen=True)
class LineAmounts:
    """One line's money: what the client pays (excl. VAT), and how it is split."""

    amount: Decimal
    bureau_amount: Decimal
    payee_amount: Decimal


def split_amount(amount, bureau_share_percent) -> LineAmounts:
    """Split an amount (already in cents) into the bureau's share and the payee's part."""
    amount = round_money(amount)
    bureau_amount = percent_of(amount, bureau_share_percent)
    return LineAmounts(amount, bureau_amount, amount - bureau_amount)


def line_amounts(quantity, unit_price, bureau_share_percent) -> LineAmounts:
    """12 h × €15.00 with a 15% share → amount 180.00, bureau 27.00, payee 153.00."""
    return split_amount(round_money(Decimal(quantity) * Decimal(unit_price)), bureau_share_percent)


def rate_after_share(unit_price, bureau_share_percent) -> Decimal:
    """The payee's part of one unit, e.g. the hourly pay of residents for a labour line:
    €18.75 an hour with a 20% share → €15.00 an hour."""
    return round_money(Decimal(unit_price) * (HUNDRED - Decimal(bureau_share_percent)) / HUNDRED)


@dataclass(frozen=True)
class Totals:
    """A quote's totals. `paid_to` maps each payee (a `Payee` value) to the sum of the payee
    parts of its lines; `bureau` is what the bureau keeps. paid out + bureau = subtotal."""

    subtotal: Decimal
    vat_rate: Decimal
    vat: Decimal
    total: Decimal
    bureau: Decimal
    paid_to: dict = field(default_factory=dict)

    @property
    def paid_out(self) -> Decimal:
        return sum(self.paid_to.values(), ZERO)


def totals(lines: Iterable[tuple[str, LineAmounts]], vat_rate) -> Totals:
    """Add up `(payee, LineAmounts)` pairs and charge VAT on the subtotal."""
    subtotal, bureau, paid_to = ZERO, ZERO, {}
    for payee, amounts in lines:
        subtotal += amounts.amount
        bureau += amounts.bureau_amount
        paid_to[payee] = paid_to.get(payee, ZERO) + amounts.payee_amount
    vat = percent_of(subtotal, vat_rate)
    return Totals(
        subtotal=subtotal,
        vat_rate=Decimal(vat_rate),
        vat=vat,
        total=subtotal + vat,
        bureau=bureau,
        paid_to=paid_to,
    )
