"""The demo keeps plenty of residents the bureau may propose, the story residents among them."""

from buurtbaan.bureaus.models import Bureau
from buurtbaan.demo.loader import load_demo
from buurtbaan.matching import eligibility
from buurtbaan.residents.models import Resident


def test_the_demo_has_plenty_of_proposable_residents_and_the_stories_work(db):
    load_demo()
    bureau = Bureau.objects.get(slug="spijkerkwartier")
    residents = list(eligibility.annotate(Resident.objects.filter(bureau=bureau).current()))
    codes = {(r.first_name, r.last_name): eligibility.codes_for(r) for r in residents}
    proposable = [name for name, found in codes.items() if not found]
    # 121 of 325 when this was written: more than a third, enough for a round and the pages.
    assert len(proposable) > 100
    for story in [("Sandra", "Willems"), ("Jorge", "Martinez"), ("Nicolai", "Petrović")]:
        assert codes[story] == [], story
    assert "referred" in codes[("Riet", "Jansen")]
    # Some coaches marked residents ready before their intake was completed.
    assert any(r.is_ready_to_propose and not r.has_completed_intake for r in residents)
    assert {code for found in codes.values() for code in found} >= {"no_consent", "no_intake"}
    ids = eligibility.proposable_ids(Resident.objects.filter(bureau=bureau))
    assert ids == {r.pk for r in residents if not eligibility.codes_for(r)}
