"""Reading a table of PC4 centroids (postcode, latitude, longitude) into `PostcodeArea`.

The table is what a bureau imports so that the engine knows distances; the project never bundles
one. The expected form is the open "4pp" CSV (columns id, postcode, woonplaats, …, gemeente, …,
latitude, longitude, soort): only `postcode`, `latitude` and `longitude` are required, `woonplaats`
and `gemeente` are kept when present, other columns are ignored. The import is **all or
nothing**: every bad row is reported by its row number (the header is row 1) and column, and
nothing is written unless the whole file is good. It is **idempotent**: importing the same file
again changes nothing, and a newer file updates the areas it names.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from buurtbaan.matching.models import PostcodeArea

REQUIRED_COLUMNS = ("postcode", "latitude", "longitude")


class PostcodeFileError(ValueError):
    """The file cannot be imported; `errors` lists every problem, by row and column."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def parse(text: str) -> list[PostcodeArea]:
    """The areas in a CSV text, or PostcodeFileError with every problem found."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in headers]
    if missing:
        raise PostcodeFileError(
            [
                _(
                    "Row 1: the column %(columns)s is missing. The first row must name the columns, e.g. postcode,latitude,longitude."
                )
                % {"columns": ", ".join(missing)}
            ]
        )
    reader.fieldnames = headers
    areas, errors, seen = [], [], {}
    for number, row in enumerate(reader, start=2):
        row_errors = []
        pc4 = (row.get("postcode") or "").strip()
        if not (len(pc4) == 4 and pc4.isdigit() and pc4[0] != "0"):
            row_errors.append(
                _(
                    "row %(row)s, column postcode: %(value)r is not a four-digit postcode area (1000–9999)."
                )
                % {"row": number, "value": pc4}
            )
        elif pc4 in seen:
            row_errors.append(
                _("row %(row)s, column postcode: %(value)s appears again (first in row %(first)s).")
                % {"row": number, "value": pc4, "first": seen[pc4]}
            )
        coordinates = {}
        for column, limit in (("latitude", 90), ("longitude", 180)):
            raw = (row.get(column) or "").strip()
            try:
                value = float(raw.replace(",", ".") if "." not in raw else raw)
                if not -limit <= value <= limit:
                    raise ValueError
            except ValueError:
                row_errors.append(
                    _(
                        "row %(row)s, column %(column)s: %(value)r is not a number between -%(limit)s and %(limit)s."
                    )
                    % {"row": number, "column": column, "value": raw, "limit": limit}
                )
            else:
                coordinates[column] = value
        if row_errors:
            errors.extend(row_errors)
            continue
        seen[pc4] = number
        areas.append(
            PostcodeArea(
                pc4=pc4,
                latitude=coordinates["latitude"],
                longitude=coordinates["longitude"],
                place=(row.get("woonplaats") or "").strip()[:80],
                municipality=(row.get("gemeente") or "").strip()[:80],
            )
        )
    if errors:
        raise PostcodeFileError(errors)
    if not areas:
        raise PostcodeFileError([_("The file has no rows below the header.")])
    return areas


@transaction.atomic
def import_areas(areas: list[PostcodeArea]) -> ImportResult:
    """Create the new areas and update the changed ones, in one transaction."""
    existing = {
        area.pc4: area for area in PostcodeArea.objects.filter(pc4__in=[a.pc4 for a in areas])
    }
    fields = ("latitude", "longitude", "place", "municipality")
    new, changed = [], []
    for area in areas:
        known = existing.get(area.pc4)
        if known is None:
            new.append(area)
        elif any(getattr(known, name) != getattr(area, name) for name in fields):
            for name in fields:
                setattr(known, name, getattr(area, name))
            changed.append(known)
    PostcodeArea.objects.bulk_create(new, batch_size=1000)
    PostcodeArea.objects.bulk_update(changed, fields, batch_size=1000)
    if new or changed:
        from buurtbaan.matching import cache

        # Bulk writes send no signals; after the commit too, as the signals do (see cache).
        cache.invalidate_now_and_on_commit(None)
    return ImportResult(
        created=len(new), updated=len(changed), unchanged=len(areas) - len(new) - len(changed)
    )
