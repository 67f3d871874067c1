"""Fail when the Dutch catalogue is incomplete: a string in the code that is not in
`locale/nl`, an entry without translation, a fuzzy entry, or a compiled .mo that is out of date.

Runs `makemessages` (needs GNU gettext) on the source tree, so use it on a clean checkout (CI):
it rewrites the .po file in place. Usage: `uv run python scripts/check_catalogue.py`.
"""

import subprocess
import sys
from pathlib import Path

import polib

SOURCE = Path(__file__).resolve().parent.parent / "src" / "buurtbaan"
PO_FILE = SOURCE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def entries(po):
    return {(e.msgctxt, e.msgid): e for e in po if not e.obsolete and e.msgid}


def translations(catalogue):
    return {
        (e.msgctxt, e.msgid): (e.msgstr, {int(k): v for k, v in e.msgstr_plural.items()})
        for e in catalogue
        if not e.obsolete and e.msgid
    }


def main() -> int:
    committed = polib.pofile(str(PO_FILE))
    problems = [f"untranslated: {e.msgid!r}" for e in committed.untranslated_entries()]
    problems += [f"fuzzy: {e.msgid!r}" for e in committed.fuzzy_entries()]
    compiled = translations(polib.mofile(str(MO_FILE)))
    for key, translation in translations(committed).items():
        if compiled.get(key) != translation:
            problems.append(f"not compiled into django.mo: {key[1]!r}")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "buurtbaan",
            "makemessages",
            "-l",
            "nl",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "static/*",
            "--ignore",
            "matching/engine/*",
        ],
        cwd=SOURCE,
        check=True,
        capture_output=True,
    )
    extracted = entries(polib.pofile(str(PO_FILE)))
    problems += [
        f"not in the catalogue: {msgid!r}"
        for _ctx, msgid in extracted.keys() - entries(committed).keys()
    ]
    for problem in problems:
        print(problem)
    print(f"{len(extracted)} strings, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
