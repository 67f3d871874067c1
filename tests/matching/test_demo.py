"""The demo tells the Netwerkboek's stories through matches, and loading it twice changes nothing."""

import pytest

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


def test_the_engine_itself_suggests_the_stories(db):
    """Not only made by hand: the engine's own suggestions make the stories come true.

    The demo walks the story matches on (Sandra has the theatre job, Mr Martinez walks the dog), so
    both pieces are filled now and the candidates page rightly no longer lists them: it leaves out
    whoever has a match for the piece, and shows their match instead. What the coordinator saw was
    the ranking at the moment of proposing, when nobody had a match for the piece yet. A pair's
    score does not depend on matches (only declined pairs and free places do, and neither plays
    here), so that ranking is `suggest_for_work` over the bureau's scenario as loaded now, which
    keeps a filled piece with one place and every allowed resident. Each story match stored its
    score when it was proposed; that it equals the score now shows nothing changed since.

    The park: the team the demo proposed for the plan is the team the engine composes for the
    piece's places, and so is the team for the maintenance round; every member is a gardener
    (talent "tuinieren" or skill "tuinonderhoud"), and together they cover all the piece asks for.
    """
    from buurtbaan.bureaus.models import Bureau
    from buurtbaan.matching.engine import compose_team, prepare, suggest_for_work
    from buurtbaan.matching.engine.suggest import best_positions
    from buurtbaan.matching.loader import load_scenario
    from buurtbaan.residents.models import Resident
    from buurtbaan.work.models import PieceOfWork

    load_demo()
    bureau = Bureau.objects.get(slug="spijkerkwartier")
    prepared = prepare(load_scenario(bureau).scenario)
    for first_name, last_name, title, best_rank in [
        ("Sandra", "Willems", "Conciërge en schoonmaak Theater De Spijker", 1),
        ("Jorge", "Martinez", "Hond van Sandra uitlaten", 3),
    ]:
        resident = Resident.objects.get(bureau=bureau, first_name=first_name, last_name=last_name)
        piece = PieceOfWork.objects.get(bureau=bureau, title=title)
        i, j = prepared.resident_position(resident.pk), prepared.work_position(piece.pk)
        everyone = best_positions(
            prepared.scores[:, j], prepared.allowed[:, j], len(prepared.residents)
        )
        assert i in everyone, (first_name, title)  # allowed: no hard constraint excludes them
        rank = everyone.tolist().index(i) + 1
        assert rank <= best_rank, (first_name, title, rank)
        top = suggest_for_work(prepared, piece.pk, best_rank)
        assert resident.pk in [suggestion.resident_id for suggestion in top]
        explanation = prepared.explain(i, j)
        assert {"shared_talents", "shared_skills", "dream_match"} <= {
            reason.code for reason in explanation.reasons
        }
        match = Match.objects.get(resident=resident, piece=piece)
        assert match.score == pytest.approx(explanation.score, abs=1e-6)

    for title, is_proposed in [
        ("Plan maken met de bewoners rond het plantsoen", True),
        ("Onderhoudsronde: snoeien, vegen, onderhoud (tien keer per jaar)", False),
    ]:
        piece = PieceOfWork.objects.get(bureau=bureau, title=title)
        team = compose_team(prepared, piece.pk, size=piece.people_needed)
        members = Resident.objects.filter(pk__in=[m.resident_id for m in team.members])
        assert len(members) == piece.people_needed, title
        assert not team.uncovered, title
        asked = {talent.name for talent in piece.talents_needed.all()} | set(piece.skills)
        assert set(team.covered) == asked, title
        for member in members.prefetch_related("talents"):
            brings = {talent.name for talent in member.talents.all()} | {
                word.strip() for word in member.skills.split(",")
            }
            assert brings & {"tuinieren", "tuinonderhoud"}, (title, str(member))
        proposed = set(piece.matches.filter(source="team").values_list("resident_id", flat=True))
        assert proposed == ({member.pk for member in members} if is_proposed else set()), title
