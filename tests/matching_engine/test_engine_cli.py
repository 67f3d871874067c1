"""The command line on examples/scenario.json: the Netwerkboek stories come out on top."""

import json
import runpy
import sys
from pathlib import Path

import pytest

from buurtbaan.matching.engine.cli import main

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "scenario.json")


def run(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_sandra_is_the_first_suggestion_for_the_theatre(capsys):
    output = run(capsys, "suggest", "--scenario", EXAMPLE, "--work", "theater-concierge")
    first = output["suggestions"][0]
    assert first["resident"] == "sandra"
    assert first["work"] == "theater-concierge"
    assert "wil iets met theater" in first["reasons"]
    assert "kan goed organiseren en verbinden" in first["reasons"]
    assert first["support"] == ["coaching op het werk"]
    # Lotte would fit too, but does not want to be proposed yet.
    assert "lotte" not in [s["resident"] for s in output["suggestions"]]


def test_the_theatre_is_the_first_suggestion_for_sandra(capsys):
    output = run(capsys, "suggest", "--scenario", EXAMPLE, "--resident", "sandra", "--top", "3")
    assert output["suggestions"][0]["work"] == "theater-concierge"
    assert len(output["suggestions"]) == 3
    # Sandra's own dog is not a job for Sandra: that pair was declined.
    assert "hond-uitlaten" not in [s["work"] for s in output["suggestions"]]


def test_mr_martinez_walks_sandras_dog(capsys):
    output = run(
        capsys, "suggest", "--scenario", EXAMPLE, "--work", "hond-uitlaten", "--lang", "en"
    )
    first = output["suggestions"][0]
    assert first["resident"] == "martinez"
    assert "wants to do voluntary work" in first["reasons"]
    assert "available on Monday, Wednesday and Friday" in first["reasons"]


def test_suggestions_for_all_work_never_include_kevin_or_lotte(capsys):
    output = run(capsys, "suggest", "--scenario", EXAMPLE, "--top", "20")
    residents = {s["resident"] for s in output["suggestions"]}
    assert "kevin" not in residents  # 16 on the scenario's date
    assert "lotte" not in residents  # no consent
    assert {s["work"] for s in output["suggestions"]} >= {"plantsoen", "spijkerbikes"}


def test_the_park_team_covers_every_talent(capsys):
    output = run(capsys, "team", "--scenario", EXAMPLE, "--work", "plantsoen")
    assert len(output["members"]) == 4
    assert output["uncovered"] == []
    assert output["exact"] is True
    members = {m["resident"] for m in output["members"]}
    assert {"fatima", "joost"} <= members


def test_the_round_gives_the_story_matches(capsys):
    output = run(capsys, "round", "--scenario", EXAMPLE)
    pairs = {(a["resident"], a["work"]) for a in output["assignments"]}
    assert ("sandra", "theater-concierge") in pairs
    assert ("martinez", "hond-uitlaten") in pairs
    assert ("peter", "de-vries-isoleren") in pairs
    assert ("nicolai", "workshop-kastanjetaart") in pairs
    assert output["certified_optimal"] is True
    assert output["places"] == len(output["assignments"])
    assert output["matched_residents"] == len({a["resident"] for a in output["assignments"]})
    assert not {"kevin", "lotte"} & {a["resident"] for a in output["assignments"]}


def test_a_higher_cap_per_resident_fills_more_places(capsys):
    one = run(capsys, "round", "--scenario", EXAMPLE)
    two = run(capsys, "round", "--scenario", EXAMPLE, "--max-per-resident", "2")
    assert two["places"] > one["places"]
    assert two["objective"] > one["objective"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["suggest", "--scenario", "/nonexistent.json"], "cannot read the file"),
        (["suggest", "--scenario", EXAMPLE, "--work", "nope"], "no work with id 'nope'"),
        (["team", "--scenario", EXAMPLE], "the following arguments are required: --work"),
        (["suggest", "--scenario", EXAMPLE, "--top", "0"], "must be at least 1"),
        (["suggest", "--scenario", EXAMPLE, "--lang", "fr"], "invalid choice: 'fr'"),
        (["dance"], "invalid choice: 'dance'"),
        (["round", "--scenario", EXAMPLE, "--min-score", "nan"], "not a finite number: 'nan'"),
        (["round", "--scenario", EXAMPLE, "--min-score", "veel"], "not a number: 'veel'"),
    ],
)
def test_bad_input_exits_with_2_and_a_message(capsys, argv, message):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err


def test_a_scenario_error_names_its_path(capsys, tmp_path):
    scenario = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    scenario["residents"][3]["birth_date"] = "3 mei 1975"
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    assert main(["round", "--scenario", str(path)]) == 2
    assert "residents[3].birth_date: not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_it_runs_as_a_module(capsys, monkeypatch):
    argv = ["python -m buurtbaan.matching.engine", "suggest", "--scenario", EXAMPLE, "--top", "1"]
    monkeypatch.setattr(sys, "argv", [*argv, "--work", "theater-concierge"])
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("buurtbaan.matching.engine", run_name="__main__")
    assert exited.value.code == 0
    assert json.loads(capsys.readouterr().out)["suggestions"][0]["resident"] == "sandra"


def test_round_takes_a_time_limit(capsys):
    from pathlib import Path

    from buurtbaan.matching.engine.cli import main

    example = Path(__file__).resolve().parents[2] / "examples" / "scenario.json"
    assert main(["round", "--scenario", str(example), "--time-limit", "5"]) == 0
    assert '"certified_optimal": true' in capsys.readouterr().out
    assert main(["round", "--scenario", str(example), "--time-limit", "soon"]) == 2


def test_the_round_takes_forbidden_and_fixed_pairs(capsys):
    plain = run(capsys, "round", "--scenario", EXAMPLE)
    pairs = {(a["resident"], a["work"]) for a in plain["assignments"]}
    assert ("sandra", "theater-concierge") in pairs
    chosen = run(
        capsys,
        "round",
        "--scenario",
        EXAMPLE,
        "--forbid",
        "sandra:theater-concierge",
        "--fix",
        "martinez:hond-uitlaten",
    )
    pairs = {(a["resident"], a["work"]) for a in chosen["assignments"]}
    assert ("sandra", "theater-concierge") not in pairs
    assert ("martinez", "hond-uitlaten") in pairs
    assert chosen["objective"] <= plain["objective"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--fix", "sandra"], "not a RESIDENT:WORK pair: 'sandra'"),
        (["--fix", "nobody:hond-uitlaten"], "no resident with id 'nobody'"),
        (["--fix", "kevin:hond-uitlaten"], "cannot be fixed"),
    ],
)
def test_choices_that_cannot_be_honoured_exit_with_2(capsys, argv, message):
    assert main(["round", "--scenario", EXAMPLE, *argv]) == 2
    assert message in capsys.readouterr().err
