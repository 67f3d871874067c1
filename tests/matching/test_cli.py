"""`buurtbaan match …` with `--scenario FILE` (the engine) and `--bureau SLUG` (the database)."""

import json
from pathlib import Path

from buurtbaan.cli import main
from buurtbaan.matching.models import Match, MatchingRound

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scenario.json"


def run(capsys, *argv):
    code = main(["match", *argv])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if code == 0 else None), captured.err


def test_suggest_on_the_example_scenario(capsys):
    code, output, _ = run(
        capsys, "suggest", "--scenario", str(EXAMPLE), "--work", "theater-concierge", "--top", "3"
    )
    assert code == 0
    assert output["suggestions"][0]["resident"] == "sandra"
    assert len(output["suggestions"]) <= 3


def test_round_on_the_example_scenario(capsys):
    code, output, _ = run(capsys, "round", "--scenario", str(EXAMPLE))
    assert code == 0
    assert {"resident": "martinez", "work": "hond-uitlaten"} in [
        {"resident": a["resident"], "work": a["work"]} for a in output["assignments"]
    ]
    assert output["certified_optimal"] is True


def test_suggest_for_a_piece_on_the_database(capsys, neighbourhood):
    bureau = neighbourhood.bureau
    code, output, _ = run(
        capsys, "suggest", "--bureau", bureau.slug, "--work", str(neighbourhood.theatre.pk)
    )
    assert code == 0
    first = output["suggestions"][0]
    assert first["resident"] == neighbourhood.sandra.pk
    assert first["work"] == neighbourhood.theatre.pk
    assert "kan goed organiseren" in first["reasons"]
    assert first["support"] == ["Uitleg over bijverdienen"]


def test_suggest_for_a_resident_in_english(capsys, neighbourhood):
    code, output, _ = run(
        capsys,
        "suggest",
        "--bureau=" + neighbourhood.bureau.slug,
        "--resident",
        str(neighbourhood.martinez.pk),
        "--lang",
        "en",
    )
    assert code == 0
    assert output["suggestions"][0]["work"] == neighbourhood.dog.pk
    assert "available on Monday, Wednesday and Friday" in output["suggestions"][0]["reasons"]


def test_suggest_for_every_piece(capsys, neighbourhood):
    code, output, _ = run(capsys, "suggest", "--bureau", neighbourhood.bureau.slug, "--top", "1")
    assert code == 0
    assert {s["work"] for s in output["suggestions"]} == {
        neighbourhood.theatre.pk,
        neighbourhood.dog.pk,
        neighbourhood.park.pk,
    }


def test_team_on_the_database_and_saving_it(capsys, neighbourhood):
    bureau, park = neighbourhood.bureau, neighbourhood.park
    code, output, _ = run(capsys, "team", "--bureau", bureau.slug, "--work", str(park.pk))
    assert code == 0
    assert set(output) >= {"work", "members", "covered", "uncovered", "coverage", "value"}
    assert not Match.objects.exists()
    code, saved, _ = run(capsys, "team", "--bureau", bureau.slug, "--work", str(park.pk), "--save")
    assert code == 0
    assert sorted(saved["proposed"]) == sorted(Match.objects.values_list("pk", flat=True))


def test_round_on_the_database_writes_nothing_unless_saved(capsys, neighbourhood):
    slug = neighbourhood.bureau.slug
    code, output, _ = run(capsys, "round", "--bureau", slug)
    assert code == 0
    assert {(a["resident"], a["work"]) for a in output["assignments"]} >= {
        (neighbourhood.sandra.pk, neighbourhood.theatre.pk),
        (neighbourhood.martinez.pk, neighbourhood.dog.pk),
    }
    assert output["certified_optimal"] is True
    assert not MatchingRound.objects.exists()
    code, saved, _ = run(capsys, "round", "--bureau", slug, "--save")
    assert code == 0
    assert saved["assignments"] == output["assignments"]
    assert saved["proposals"] == len(output["assignments"]) == Match.objects.count()
    assert MatchingRound.objects.get().pk == saved["round"]


def test_bad_input_exits_with_2(capsys, neighbourhood):
    slug = neighbourhood.bureau.slug
    assert run(capsys, "suggest", "--bureau", "nowhere")[0:3:2] == (
        2,
        "error: no bureau with the short name 'nowhere'\n",
    )
    code, _, err = run(capsys, "suggest", "--bureau", slug, "--work", "99999")
    assert code == 2
    assert "no work with id 99999" in err
    code, _, err = run(capsys, "suggest", "--bureau", slug, "--work", "abc")
    assert code == 2
    assert "not an id" in err
    code, _, err = run(capsys, "team", "--bureau", slug)
    assert code == 2
    assert "--work" in err


def test_round_on_the_database_with_choices(capsys, neighbourhood):
    slug, sandra, theatre = neighbourhood.bureau.slug, neighbourhood.sandra, neighbourhood.theatre
    pair = f"{sandra.pk}:{theatre.pk}"
    code, output, _ = run(capsys, "round", "--bureau", slug, "--forbid", pair)
    assert code == 0
    assert (sandra.pk, theatre.pk) not in {
        (a["resident"], a["work"]) for a in output["assignments"]
    }
    assert output["best_objective"] >= output["objective"]
    assert not MatchingRound.objects.exists()
    dog = f"{neighbourhood.martinez.pk}:{neighbourhood.dog.pk}"
    code, saved, _ = run(
        capsys, "round", "--bureau", slug, "--forbid", pair, "--fix", dog, "--save"
    )
    assert code == 0
    matching_round = MatchingRound.objects.get(pk=saved["round"])
    assert matching_round.status == "confirmed"
    assert matching_round.forbidden_pairs == [[sandra.pk, theatre.pk]]
    assert [c["kind"] for c in matching_round.choices] == ["drop", "fix"]
    proposed = set(Match.objects.values_list("resident_id", "piece_id"))
    assert (neighbourhood.martinez.pk, neighbourhood.dog.pk) in proposed
    assert (sandra.pk, theatre.pk) not in proposed
    code, _, err = run(capsys, "round", "--bureau", slug, "--fix", f"{sandra.pk}:abc")
    assert code == 2
    assert "not a database id" in err
