"""The demo tells the Netwerkboek's stories through matches, and loading it twice changes nothing."""

from buurtbaan.demo.loader import load_demo
from buurtbaan.matching.models import Match, MatchEvent, PostcodeArea


def test_the_demo_matches_tell_the_stories_and_load_once(db):
    load_demo()
    matches = {
        (m.resident.first_name, m.piece.title): m
        for m in Match.objects.select_related("resident", "piece", "organisation")
    }
    theatre = matches[("Sandra", "Conciërge en schoonmaak Theater De Spijker")]
    assert theatre.status == "completed"
    assert theatre.organisation.name == "Theater De Spijker"
    assert theatre.events.filter(kind="accepted", actor=theatre.resident.user).exists()
    assert matches[("Jorge", "Hond van Sandra uitlaten")].status == "started"
    assert matches[("Peter", "Vacature medewerker bouw bij Aannemersbedrijf De Vries")].status == (
        "completed"
    )
    park = [m for (_, title), m in matches.items() if title.startswith("Plan maken")]
    assert park
    assert {m.source for m in park} == {"team"}
    assert {m.status for m in park} == {"proposed"}
    open_for_sandra = [
        m for (first, _), m in matches.items() if first == "Sandra" and m.status == "proposed"
    ]
    assert len(open_for_sandra) == 1
    counts = (Match.objects.count(), MatchEvent.objects.count(), PostcodeArea.objects.count())
    load_demo()
    assert (
        Match.objects.count(),
        MatchEvent.objects.count(),
        PostcodeArea.objects.count(),
    ) == counts
