"""The Dutch catalogue is complete and compiled (CI also checks nothing is left unextracted)."""

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "nl" / "LC_MESSAGES" / "django.po"


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO_FILE))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source():
    source = {
        e.msgid: e.msgstr for e in polib.pofile(str(PO_FILE)) if e.msgid and not e.msgid_plural
    }
    compiled = {
        e.msgid: e.msgstr
        for e in polib.mofile(str(PO_FILE.with_suffix(".mo")))
        if not e.msgid_plural
    }
    assert {k: v for k, v in compiled.items() if k} == source


def test_dutch_is_the_default_and_english_the_second_language():
    assert settings.LANGUAGE_CODE == "nl"
    with translation.override("nl"):
        assert translation.gettext("Log in") == "Inloggen"
    with translation.override("en"):
        assert translation.gettext("Log in") == "Log in"
