"""Reading and writing the postcode area of a bureau as a line of text a coordinator can type:
"6828, 6822-6824, 6811AA-6811CZ"."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from buurtbaan.core.postcodes import format_postcode, normalise_postcode


@dataclass(frozen=True)
class ParsedRange:
    start: str
    end: str


def parse_postcode_ranges(text: str) -> list[ParsedRange]:
    """Parse comma- or line-separated postcodes and ranges; raise one ValidationError naming
    every part that is wrong."""
    ranges: list[ParsedRange] = []
    errors: list[str] = []
    parts = [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]
    for part in parts:
        start_text, _sep, end_text = (
            piece.strip() for piece in part.replace("–", "-").partition("-")
        )
        start = normalise_postcode(start_text)
        end = normalise_postcode(end_text) if end_text else start
        if not start or not end:
            errors.append(
                _("“%(part)s” is not a postcode or a range of postcodes.") % {"part": part}
            )
        elif len(start) != len(end):
            errors.append(
                _("“%(part)s”: both ends must be four digits, or both a full postcode.")
                % {"part": part}
            )
        elif len(start) == 6 and start[:4] != end[:4]:
            errors.append(
                _("“%(part)s”: a range of full postcodes must stay within one four-digit area.")
                % {"part": part}
            )
        elif start > end:
            errors.append(
                _("“%(part)s”: the first postcode must come before the last.") % {"part": part}
            )
        else:
            ranges.append(ParsedRange(start, end))
    if errors:
        raise ValidationError(errors)
    if not ranges:
        raise ValidationError(_("Enter at least one postcode."))
    return sorted(set(ranges), key=lambda r: (r.start, r.end))


def format_postcode_ranges(ranges) -> str:
    """The line a coordinator edits, postcodes written as usual: "6828, 6811 AA-6811 CZ"."""
    return ", ".join(
        format_postcode(r.start)
        if r.start == r.end
        else f"{format_postcode(r.start)}-{format_postcode(r.end)}"
        for r in ranges
    )
