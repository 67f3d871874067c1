"""Ranking details only PostgreSQL's `ts_rank` and `websearch_to_tsquery` give."""

import pytest

from buurtbaan.bureaus.models import Membership
from buurtbaan.talentsearch.queries import SearchCriteria, search_residents
from tests.talentsearch.conftest import on_postgres

pytestmark = on_postgres


def ranked(personas, text):
    membership = Membership.objects.get(user=personas.coordinator, bureau=personas.bureau)
    residents, _ = search_residents(
        personas.bureau, membership=membership, criteria=SearchCriteria(text=text)
    )
    return [(r.first_name, round(r.search_rank, 4)) for r in residents]


def test_weights_follow_talents_and_dreams_then_skills_then_experience(personas, make_resident):
    make_resident(first_name="Experience", work_experience="schilder")
    make_resident(first_name="Skill", skills="schilderen")
    make_resident(first_name="Dream", dreams=["schilderen"])
    result = ranked(personas, "schilderen")
    assert [name for name, _rank in result] == ["Dream", "Skill", "Experience"]
    ranks = [rank for _name, rank in result]
    # ts_rank's default weights: A 1.0, B 0.4, C 0.2.
    assert ranks[0] / ranks[2] == pytest.approx(5, rel=0.01)
    assert ranks[1] / ranks[2] == pytest.approx(2, rel=0.01)


def test_a_quoted_phrase_keeps_the_word_order(personas, make_resident):
    make_resident(first_name="Order", dreams=["tuin onderhoud in de wijk"])
    make_resident(first_name="Other", dreams=["onderhoud van de tuin"])
    assert [name for name, _ in ranked(personas, '"tuin onderhoud"')] == ["Order"]
    assert {name for name, _ in ranked(personas, "tuin onderhoud")} == {"Order", "Other"}
