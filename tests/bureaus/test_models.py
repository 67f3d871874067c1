import pytest

from tests.factories import BureauFactory


@pytest.mark.django_db
def test_bureau_covers_postcodes_at_the_precision_of_its_ranges():
    bureau = BureauFactory(postcodes=[("6828", "6828"), ("6811AA", "6811CZ")])
    assert bureau.covers_postcode("6828 XY")
    assert bureau.covers_postcode("6828")
    assert bureau.covers_postcode("6811BB")
    assert not bureau.covers_postcode("6811DA")
    assert not bureau.covers_postcode("6829AA")
    assert not bureau.covers_postcode("not a postcode")


@pytest.mark.django_db
def test_postcode_summary_lists_the_ranges():
    bureau = BureauFactory(postcodes=[("6822", "6824"), ("6828", "6828")])
    assert bureau.postcode_summary() == "6822–6824, 6828"
