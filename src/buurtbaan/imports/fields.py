"""The fields an import target declares, and the parsers that turn a cell into a value.

A parser takes a cell that is not empty (a string, or a number, date or boolean from Excel) and
returns the clean value, or raises `CellProblem(code, **params)`; the message for each code lives
in `problems.py`. Parsers understand Dutch and English words, because bureaus keep their lists in
either.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

from buurtbaan.core.spreadsheets import starts_like_formula
from buurtbaan.core.text import MAX_TEXTAREA_LENGTH, clean_text


class CellProblem(Exception):
    """A cell's value cannot be used. `code` names the message in `problems.MESSAGES`."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class ImportField:
    """One thing a row can hold, e.g. the postcode.

    `parse(value, context)` cleans a non-empty cell (`context` is what the target prepared for the
    whole file: today's date, the bureau's talents ...). `headers` are column names that suggest
    this field, in Dutch and English; they are compared after `normalise_header`. `examples`
    tells the user what to write (shown on the mapping page and in some messages). `is_unique`
    fields are checked for duplicates within the file and against what the bureau already has.
    """

    name: str
    label: str | Promise
    parse: Callable[[Any, dict], Any]
    is_required: bool = False
    headers: tuple[str, ...] = ()
    examples: str | Promise = ""
    default: Any = ""
    is_unique: bool = False
    help_text: str | Promise = field(default="", compare=False)


def normalise_header(text: str) -> str:
    """A header as compared with the known names: lower case, no accents, no punctuation, and
    anything in brackets dropped ("E-mailadres (privé)" -> "emailadres"), so that headers match
    however they are written."""
    text = re.sub(r"[(\[].*?[)\]]", "", str(text or ""))
    return "".join(char for char in _fold(text) if char.isalnum())


def _fold(text: str) -> str:
    """Lower case without accents: "Creëren" -> "creeren"."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_words(text: str) -> str:
    """Lower case, no accents, single spaces: for matching words a person typed."""
    return " ".join(_fold(text).split())


# --- Text ----------------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as text: whole numbers from Excel without ".0", control characters taken out
    (`core.text`: line breaks stay)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d-%m-%Y")
    return clean_text(str(value), multiline=True).strip()


def refuse_formula(text: str) -> str:
    """`text`, unless a spreadsheet program would run it as a formula (`core.spreadsheets`): a
    name, a skill or a note does not start with = + - or @, so the row is refused with the
    reason rather than stored to run in someone's spreadsheet later."""
    if starts_like_formula(text):
        raise CellProblem("formula", sign=text.lstrip()[:1])
    return text


def text(max_length: int | None = None, *, multiline: bool = False):
    """A text parser; single-line text gets its spaces tidied. Without a `max_length`, a text
    area's limit (`core.text.MAX_TEXTAREA_LENGTH`) applies."""
    limit = MAX_TEXTAREA_LENGTH if max_length is None else max_length

    def parse(value, context) -> str:
        result = cell_text(value)
        if not multiline:
            result = " ".join(result.split())
        if len(result) > limit:
            raise CellProblem("too_long", max=limit, length=len(result))
        return refuse_formula(result)

    return parse


def split_list(value, *, separators: str = ",;\n") -> list[str]:
    pattern = "|".join(re.escape(char) for char in separators)
    items = [item.strip() for item in re.split(pattern, cell_text(value)) if item.strip()]
    return [refuse_formula(item) for item in items]


# --- Numbers -------------------------------------------------------------------------------------

HOURS_PATTERN = re.compile(
    r"^(\d+)(?:[.,]0+)?\s*(?:u|uur|uren|h|hrs?|hours?)?\s*(?:per week|p/?w|/\s*week|pw)?$"
)


def whole_number(*, maximum: int, code: str = "invalid_number"):
    """A whole number from 0 to `maximum`; "16", "16,0", "16 uur" and Excel's 16.0 all read 16."""

    def parse(value, context) -> int:
        if isinstance(value, bool):
            raise CellProblem(code)
        if isinstance(value, int | float):
            if not float(value).is_integer():
                raise CellProblem(code)
            number = int(value)
        else:
            match = HOURS_PATTERN.match(fold_words(value))
            if not match:
                raise CellProblem(code)
            number = int(match.group(1))
        if number < 0:
            raise CellProblem(code)
        if number > maximum:
            raise CellProblem("number_too_large", max=maximum)
        return number

    return parse


# --- Dates ---------------------------------------------------------------------------------------

MONTHS = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "february": 2,
    "mrt": 3, "maart": 3, "mar": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "aug": 8, "augustus": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00)?)?$")
DAY_MONTHNAME_YEAR = re.compile(r"^(\d{1,2})\.?\s+([a-z]+)\.?\s+(\d{4})$")
# Excel stores dates as days since 1899-12-30; a number in this range in a date column is one.
EXCEL_FIRST_SERIAL, EXCEL_LAST_SERIAL = 1, 2_958_465


def parse_date(value, context=None) -> datetime.date:
    """A date as Dutch people write it: 31-12-1980, 31/12/1980, 31.12.1980, 1980-12-31,
    31 december 1980, or a real Excel date cell. Two-digit years are refused: 12-03-05 could be
    1905 or 2005."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if EXCEL_FIRST_SERIAL <= value <= EXCEL_LAST_SERIAL:
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        raise CellProblem("invalid_date")
    written = fold_words(value)
    if match := DAY_MONTH_YEAR.match(written):
        day, month, year = match.groups()
        if len(year) == 2:
            raise CellProblem("two_digit_year")
    elif match := ISO_DATE.match(written):
        year, month, day = match.groups()
    elif match := DAY_MONTHNAME_YEAR.match(written):
        day, month_name, year = match.groups()
        month = MONTHS.get(month_name)
        if month is None:
            raise CellProblem("invalid_date")
    else:
        raise CellProblem("invalid_date")
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise CellProblem("invalid_date") from None


# --- Words for choices ---------------------------------------------------------------------------


def choice_words(choices, extra: dict[str, Iterable[str]]) -> dict[str, str]:
    """Folded word -> choice value: the values themselves, their labels in Dutch and English, and
    the `extra` words people use ("vrijwillig", "fiets")."""
    words = {}
    for value, label in choices:
        words[fold_words(value)] = value
        for language in ("nl", "en"):
            with translation.override(language):
                words[fold_words(str(label))] = value
    for value, synonyms in extra.items():
        for word in synonyms:
            words[fold_words(word)] = value
    return words


def choice(words: dict[str, str]):
    """One of a fixed set of choices, written in a person's own words."""

    def parse(value, context) -> str:
        written = fold_words(cell_text(value)).strip(" .!")
        if written in words:
            return words[written]
        raise CellProblem("unknown_choice")

    return parse


WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAY_WORDS = {
    "mon": ("ma", "maa", "maan", "maandag", "maandags", "mo", "mon", "monday"),
    "tue": ("di", "din", "dins", "dinsdag", "dinsdags", "tu", "tue", "tues", "tuesday"),
    "wed": ("wo", "woe", "woens", "woensdag", "woensdags", "we", "wed", "wednesday"),
    "thu": ("do", "don", "dond", "donderdag", "donderdags", "th", "thu", "thur", "thurs", "thursday"),
    "fri": ("vr", "vrij", "vrijdag", "vrijdags", "fr", "fri", "friday"),
    "sat": ("za", "zat", "zaterdag", "zaterdags", "sa", "sat", "saturday"),
    "sun": ("zo", "zon", "zondag", "zondags", "su", "sun", "sunday"),
}  # fmt: skip
DAY_GROUPS = {
    "weekend": ("sat", "sun"),
    "werkdagen": WEEKDAYS[:5],
    "doordeweeks": WEEKDAYS[:5],
    "weekdays": WEEKDAYS[:5],
    "alle dagen": WEEKDAYS,
    "elke dag": WEEKDAYS,
    "iedere dag": WEEKDAYS,
    "hele week": WEEKDAYS,
    "de hele week": WEEKDAYS,
    "every day": WEEKDAYS,
    "all days": WEEKDAYS,
    "all week": WEEKDAYS,
}
DAY_BY_WORD = {word: day for day, words in DAY_WORDS.items() for word in words}
RANGE_WORDS = re.compile(r"\s*(?:tot en met|t/m|tm|t\.e\.m\.?|through|thru|until|till|to|tot)\s+")


def parse_days(value, context=None) -> list[str]:
    """Weekdays as `Weekday` values in week order, from "ma, di, wo", "maandag en vrijdag",
    "ma-vr", "ma t/m do", "mon-fri", "weekend" or "alle dagen"."""
    written = fold_words(cell_text(value))
    if written in DAY_GROUPS:
        return list(DAY_GROUPS[written])
    written = RANGE_WORDS.sub("-", f" {written} ").strip()
    written = re.sub(r"\s*-\s*", "-", written)
    days: set[str] = set()
    for token in re.split(r"[,;/&+\s]+", written):
        token = token.strip(".")
        if not token or token in ("en", "and", "of", "or"):
            continue
        if token in DAY_GROUPS:
            days.update(DAY_GROUPS[token])
        elif "-" in token:
            start, _dash, end = token.partition("-")
            first, last = DAY_BY_WORD.get(start.strip(".")), DAY_BY_WORD.get(end.strip("."))
            if first is None or last is None:
                raise CellProblem("unknown_days")
            index = WEEKDAYS.index(first)
            while True:
                days.add(WEEKDAYS[index])
                if WEEKDAYS[index] == last:
                    break
                index = (index + 1) % 7
        elif token in DAY_BY_WORD:
            days.add(DAY_BY_WORD[token])
        else:
            raise CellProblem("unknown_days")
    if not days:
        raise CellProblem("unknown_days")
    return [day for day in WEEKDAYS if day in days]
