"""What the Dutch stemmer really does, and how the search box is read."""

import pytest
from django.db import connection

from buurtbaan.talentsearch.text import STOP_WORDS, fold, parse_query, stem, stem_text
from tests.talentsearch.conftest import on_postgres


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("fietsen", "fiets"),
        ("tuinen", "tuin"),
        ("bakken", "bak"),
        ("repareren", "reparer"),
        ("repareer", "reparer"),
        ("wandelen", "wandel"),
        ("onderhouden", "onderhoud"),
        ("Creëren", "crer"),
        ("creeren", "crer"),
    ],
)
def test_it_stems_dutch_words_like_postgresql(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("bakken", "bakt"),  # the -t of the third person stays
        ("koken", "kookt"),
        ("fietsen", "fiets"),  # Porter Dutch: "fiets" → "fiet", "fietsen" → "fiets"
        ("theater", "theaterwerk"),  # compounds stay whole
    ],
)
def test_these_forms_do_not_meet(one, other):
    assert stem(one) != stem(other)


def test_stop_words_have_no_stem():
    assert "de" in STOP_WORDS
    assert stem("de") == stem("het") == ""
    assert stem("De") == ""


def test_fold_removes_accents_and_case():
    assert fold("Café Crème") == "cafe creme"


def test_the_fallback_text_surrounds_every_stem_with_spaces_and_repeats_for_weight():
    assert stem_text(["Fietsen repareren", "de tuin"]) == " fiets  reparer  tuin "
    assert stem_text(["tuinen"], repeat=2) == " tuin  tuin "


def test_words_are_anded():
    parsed = parse_query("fietsen repareren")
    assert parsed.groups == (("fiets",), ("reparer",))
    assert parsed.terms == {"fiets", "reparer"}


def test_or_makes_alternatives_and_a_minus_leaves_out():
    parsed = parse_query("theater OR toneel -nacht")
    assert parsed.groups == (("theater", "tonel"),)
    assert parsed.excluded == (("nacht",),)
    assert parsed.terms == {"theater", "tonel"}


def test_a_phrase_asks_for_all_its_words():
    assert parse_query('"tuin onderhoud"').groups == (("tuin",), ("onderhoud",))
    assert parse_query('koken -"grote groepen"').excluded == (("grot", "groep"),)


def test_only_stop_words_or_punctuation_is_no_search():
    assert not parse_query("de het een")
    assert not parse_query("  ,.; ")
    assert not parse_query("or")
    assert parse_query("-nacht")


SAMPLE = (
    "bakken bakt bakker bakkerij theater theaterwerk fietsen fiets repareren reparatie koken "
    "kookt kok tuin tuinen onderhoud onderhouden creëren zorgen kinderen wandelen wandeling "
    "huizen schilderen muziek taarten toneel maaltijden ouderen verzorgen café"
)


@on_postgres
@pytest.mark.django_db
def test_the_stems_equal_postgresqls_dutch_stems():
    sample = SAMPLE.split()
    with connection.cursor() as cursor:
        for word in sample:
            cursor.execute("SELECT ts_lexize('dutch_stem', %s)", [word])
            assert cursor.fetchone()[0] == [stem(word)], word
