"""The cell parsers: dates, days, numbers and choices as Dutch and English speakers write them."""

import datetime

import pytest

from buurtbaan.imports.fields import (
    CellProblem,
    choice,
    normalise_header,
    parse_date,
    parse_days,
    text,
    whole_number,
)
from buurtbaan.imports.targets.residents import TRAVEL_WORDS, WANTS_WORDS

NEW_YEARS_EVE = datetime.date(1980, 12, 31)


@pytest.mark.parametrize(
    "value",
    [
        "31-12-1980",
        "31/12/1980",
        "31.12.1980",
        "31 12 1980",
        " 31-12-1980 ",
        "1980-12-31",
        "1980-12-31 00:00:00",
        "31 december 1980",
        "31 dec. 1980",
        "31 December 1980",
        datetime.datetime(1980, 12, 31),
        datetime.date(1980, 12, 31),
        29586,  # Excel's serial number for 31-12-1980, from a cell without date format
        29586.0,
    ],
)
def test_it_reads_dates_as_they_are_written(value):
    assert parse_date(value) == NEW_YEARS_EVE


def test_it_reads_single_digit_days_and_months():
    assert parse_date("1-2-1980") == datetime.date(1980, 2, 1)
    assert parse_date("3 mrt 1975") == datetime.date(1975, 3, 3)
    assert parse_date("3 mei 1975") == datetime.date(1975, 5, 3)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("31-12-80", "two_digit_year"),
        ("12/31/1980", "invalid_date"),  # American order: there is no month 31
        ("31-02-1980", "invalid_date"),
        ("morgen", "invalid_date"),
        ("31 smarch 1980", "invalid_date"),
        ("31121980", "invalid_date"),
        (-5, "invalid_date"),
        (True, "invalid_date"),
    ],
)
def test_it_refuses_what_is_no_date(value, code):
    with pytest.raises(CellProblem) as problem:
        parse_date(value)
    assert problem.value.code == code


@pytest.mark.parametrize(
    ("value", "days"),
    [
        ("ma, di, wo", ["mon", "tue", "wed"]),
        ("wo;ma", ["mon", "wed"]),
        ("maandag en donderdag", ["mon", "thu"]),
        ("Ma. Di. Vr.", ["mon", "tue", "fri"]),
        ("ma-vr", ["mon", "tue", "wed", "thu", "fri"]),
        ("ma t/m wo", ["mon", "tue", "wed"]),
        ("maandag tot en met woensdag", ["mon", "tue", "wed"]),
        ("vr - ma", ["mon", "fri", "sat", "sun"]),
        ("weekend", ["sat", "sun"]),
        ("doordeweeks", ["mon", "tue", "wed", "thu", "fri"]),
        ("alle dagen", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
        ("mon, fri", ["mon", "fri"]),
        ("Monday to Wednesday", ["mon", "tue", "wed"]),
        ("mon-fri, sun", ["mon", "tue", "wed", "thu", "fri", "sun"]),
    ],
)
def test_it_reads_days_in_dutch_and_english(value, days):
    assert parse_days(value) == days


@pytest.mark.parametrize("value", ["soms", "ma, soms", "ma-xx", ",", "16"])
def test_it_refuses_what_are_no_days(value):
    with pytest.raises(CellProblem) as problem:
        parse_days(value)
    assert problem.value.code == "unknown_days"


@pytest.mark.parametrize(
    ("value", "wants"),
    [
        ("betaald", "paid"),
        ("Betaald werk", "paid"),
        ("paid", "paid"),
        ("vrijwillig", "volunteer"),
        ("Vrijwilligerswerk", "volunteer"),
        ("volunteer work", "volunteer"),
        ("beide", "both"),
        ("allebei", "both"),
        ("both", "both"),
        ("maakt niet uit", "both"),
    ],
)
def test_it_reads_what_work_someone_wants_in_dutch_and_english(value, wants):
    assert choice(WANTS_WORDS)(value, {}) == wants


@pytest.mark.parametrize(
    ("value", "travel"),
    [("fiets", "cycling"), ("In de wijk", "neighbourhood"), ("overal", "anywhere")],
)
def test_it_reads_how_far_someone_travels(value, travel):
    assert choice(TRAVEL_WORDS)(value, {}) == travel


def test_an_unknown_choice_is_a_problem():
    with pytest.raises(CellProblem) as problem:
        choice(WANTS_WORDS)("misschien", {})
    assert problem.value.code == "unknown_choice"


@pytest.mark.parametrize(("value", "hours"), [("16", 16), ("16,0", 16), ("16 uur", 16), (16.0, 16)])
def test_it_reads_hours(value, hours):
    assert whole_number(maximum=60)(value, {}) == hours


@pytest.mark.parametrize(
    ("value", "code"),
    [("16,5", "invalid_number"), (16.5, "invalid_number"), ("veel", "invalid_number"),
     ("61", "number_too_large"), (-1, "invalid_number")],
)  # fmt: skip
def test_it_refuses_hours_it_cannot_use(value, code):
    with pytest.raises(CellProblem) as problem:
        whole_number(maximum=60)(value, {})
    assert problem.value.code == code


def test_text_is_tidied_and_limited():
    assert text(15)("  Sandra   de  Vries ", {}) == "Sandra de Vries"
    assert text(None, multiline=True)("regel 1\nregel 2", {}) == "regel 1\nregel 2"
    assert text(10)(1234.0, {}) == "1234"
    with pytest.raises(CellProblem) as problem:
        text(5)("Sandra de Vries", {})
    assert problem.value.params == {"max": 5, "length": 15}


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("E-mailadres", "emailadres"),
        ("  Geboortedatum (dd-mm-jjjj) ", "geboortedatum"),
        ("Creëren", "creeren"),
        ("Uren per week", "urenperweek"),
    ],
)
def test_headers_are_compared_without_case_accents_and_punctuation(header, normalised):
    assert normalise_header(header) == normalised
