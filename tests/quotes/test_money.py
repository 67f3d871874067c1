"""All money of a quote comes from `quotes.money`: known numbers, cents, half up."""

from decimal import Decimal

from buurtbaan.quotes import money
from buurtbaan.quotes.models import Payee


def test_a_labour_line_is_hours_times_rate_split_into_bureau_share_and_pay():
    amounts = money.line_amounts(Decimal("12"), Decimal("15.00"), Decimal("15"))
    assert amounts == money.LineAmounts(Decimal("180.00"), Decimal("27.00"), Decimal("153.00"))


def test_the_bureau_share_and_the_payee_part_always_add_up_to_the_amount():
    # 7.5 h × €18.33 = 137.475 → 137.48; 12.5% of it = 17.185 → 17.19; the rest 120.29.
    amounts = money.line_amounts(Decimal("7.5"), Decimal("18.33"), Decimal("12.5"))
    assert amounts.amount == Decimal("137.48")
    assert amounts.bureau_amount == Decimal("17.19")
    assert amounts.payee_amount == Decimal("120.29")
    assert amounts.bureau_amount + amounts.payee_amount == amounts.amount


def test_rounding_is_half_up_not_bankers():
    assert money.round_money(Decimal("0.125")) == Decimal("0.13")
    assert money.round_money(Decimal("2.675")) == Decimal("2.68")
    assert money.round_money(Decimal("476.805")) == Decimal("476.81")
    assert money.round_money(Decimal("-0.005")) == Decimal("-0.01")


def test_the_totals_of_the_attic_quote_are_exact():
    lines = [
        (Payee.RESIDENTS, money.line_amounts(12, Decimal("15.00"), 15)),
        (Payee.THIRD_PARTY, money.line_amounts(1, Decimal("240.50"), 10)),
        (Payee.THIRD_PARTY, money.line_amounts(1, Decimal("1850.00"), 5)),
    ]
    totals = money.totals(lines, Decimal("21"))
    assert totals.subtotal == Decimal("2270.50")
    # 21% of 2270.50 = 476.805: half up to 476.81 (banker's rounding would give 476.80).
    assert totals.vat == Decimal("476.81")
    assert totals.total == Decimal("2747.31")
    # 27.00 + 24.05 + 92.50
    assert totals.bureau == Decimal("143.55")
    assert totals.paid_to == {
        Payee.RESIDENTS: Decimal("153.00"),
        Payee.THIRD_PARTY: Decimal("1973.95"),
    }
    assert totals.paid_out + totals.bureau == totals.subtotal


def test_voluntary_work_costs_nothing_and_pays_nothing():
    amounts = money.line_amounts(40, Decimal("0.00"), 15)
    assert amounts == money.LineAmounts(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


def test_no_lines_and_no_vat_make_zero_totals():
    totals = money.totals([], Decimal("0"))
    assert (totals.subtotal, totals.vat, totals.total, totals.bureau) == (0, 0, 0, 0)


def test_the_hourly_pay_after_the_bureau_share():
    assert money.rate_after_share(Decimal("18.75"), Decimal("20")) == Decimal("15.00")
    assert money.rate_after_share(Decimal("15.00"), Decimal("15")) == Decimal("12.75")
