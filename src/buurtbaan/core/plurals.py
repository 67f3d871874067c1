"""Counts and the form of the noun that goes with them.

Every text where a number meets a noun goes through `ngettext` (Python) or
`{% blocktranslate count %}` (templates); `scripts/check_plurals.py` checks that in CI.

- `plural_count(value)`: the whole number gettext picks a form by. gettext wants an integer; hours
  are decimals. In Dutch and English a fraction takes the plural ("1,5 uur", "0.5 hours"), so a
  fraction counts as 2; a whole decimal (1.0) as that number.
- `counted(count, singular, plural)`: "1 row", "3 rows" for English-only technical text (logs,
  audit notes, command output) that is not translated.
"""

from decimal import Decimal, InvalidOperation


def plural_count(value) -> int:
    """1 → 1, Decimal("1.0") → 1, 1.5 → 2, 24 → 24; None or not a number → 0."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return 0
    if not number.is_finite():
        return 0
    return int(number) if number == number.to_integral_value() else 2


def counted(count, singular: str, plural: str | None = None) -> str:
    """English only: "1 row", "0 rows", "3 tables"."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count} {word}"
