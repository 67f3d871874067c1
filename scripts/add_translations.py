"""Merge Dutch translations into `locale/nl` and recompile the catalogue.

Takes a small .po file of new or changed entries (msgid/msgstr, plurals and contexts allowed),
adds or updates them in the committed catalogue, and compiles django.mo. Holds an exclusive lock
on the catalogue while it works, so several people (or agents) can add strings at the same time.

Usage: `uv run python scripts/add_translations.py NEW.po [NEW2.po ...]`

`scripts/check_catalogue.py` stays the judge: it runs makemessages and fails on anything missing.
"""

import fcntl
import subprocess
import sys
from pathlib import Path

import polib

SOURCE = Path(__file__).resolve().parent.parent / "src" / "buurtbaan"
PO_FILE = SOURCE / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def merge(catalogue: polib.POFile, new: polib.POFile) -> tuple[int, int]:
    added = updated = 0
    for entry in new:
        if not entry.msgid:
            continue
        existing = catalogue.find(entry.msgid, msgctxt=entry.msgctxt)
        if existing is None:
            catalogue.append(
                polib.POEntry(
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgctxt=entry.msgctxt,
                    msgstr=entry.msgstr,
                    msgstr_plural=dict(entry.msgstr_plural),
                    flags=[f for f in entry.flags if f != "fuzzy"],
                )
            )
            added += 1
        else:
            existing.msgstr = entry.msgstr
            existing.msgstr_plural = dict(entry.msgstr_plural)
            existing.msgid_plural = entry.msgid_plural
            existing.flags = [f for f in existing.flags if f != "fuzzy"]
            existing.obsolete = False
            updated += 1
    return added, updated


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    with open(PO_FILE, "rb+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        catalogue = polib.pofile(str(PO_FILE))
        for path in paths:
            added, updated = merge(catalogue, polib.pofile(path))
            print(f"{path}: {added} added, {updated} updated")
        catalogue.save(str(PO_FILE))
        # Re-wrap the way gettext does, so the diff shows only the new entries.
        subprocess.run(["msgcat", "--no-location", "-o", str(PO_FILE), str(PO_FILE)], check=True)
        polib.pofile(str(PO_FILE)).save_as_mofile(str(PO_FILE.with_suffix(".mo")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
