import pytest
from django.core.exceptions import ValidationError

from buurtbaan.bureaus.postcode_ranges import ParsedRange, parse_postcode_ranges
from buurtbaan.core.postcodes import format_postcode, normalise_postcode


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6828 AB", "6828AB"),
        ("6828ab", "6828AB"),
        (" 6828  AB ", "6828AB"),
        ("6828", "6828"),
        ("6828SA", ""),  # letter pairs PostNL never issues
        ("0828AB", ""),  # no postcode starts with 0
        ("682AB", ""),
        ("abcd", ""),
        ("", ""),
    ],
)
def test_normalise_postcode(typed, expected):
    assert normalise_postcode(typed) == expected


def test_format_postcode_writes_the_space():
    assert format_postcode("6828ab") == "6828 AB"
    assert format_postcode("6828") == "6828"


def test_ranges_are_parsed_sorted_and_deduplicated():
    assert parse_postcode_ranges("6828, 6822-6824\n6811aa - 6811cz, 6828") == [
        ParsedRange("6811AA", "6811CZ"),
        ParsedRange("6822", "6824"),
        ParsedRange("6828", "6828"),
    ]


def test_every_wrong_part_is_named_in_the_error():
    with pytest.raises(ValidationError) as error:
        parse_postcode_ranges("6828, 68x8, 6830-6820, 6811AA-6812AA, 6811-6811AB")
    messages = error.value.messages
    assert len(messages) == 4
    assert "68x8" in messages[0]
    assert "6830-6820" in messages[1]
    assert "6811AA-6812AA" in messages[2]
    assert "6811-6811AB" in messages[3]


def test_an_empty_area_is_refused():
    with pytest.raises(ValidationError):
        parse_postcode_ranges(" , ")
