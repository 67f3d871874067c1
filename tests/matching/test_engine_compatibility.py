"""The engine's JSON scenario stays backward compatible: a scenario without the optional
`proposable` / `not_proposable` fields gives exactly the output recorded before they existed,
and with them the resident is kept out of suggestions, teams and the round."""

import copy
import json
from pathlib import Path

import pytest

from buurtbaan.cli import main
from buurtbaan.matching.engine import Scenario, prepare
from buurtbaan.matching.engine.scenario import ScenarioError

RECORDED = Path(__file__).resolve().parent / "recorded"
SCENARIO = RECORDED / "scenario.json"


def run(capsys, *argv):
    assert main(["match", *argv]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("argv", "recorded"),
    [
        (["suggest", "--lang", "nl"], "suggest_nl.json"),
        (["suggest", "--resident", "sandra", "--lang", "en"], "suggest_sandra_en.json"),
        (["team", "--work", "plantsoen"], "team_plantsoen.json"),
        (["round"], "round.json"),
    ],
)
def test_a_scenario_without_the_new_fields_gives_the_recorded_output(capsys, argv, recorded):
    data = json.loads(SCENARIO.read_text(encoding="utf-8"))
    assert not any("proposable" in r or "not_proposable" in r for r in data["residents"])
    output = run(capsys, argv[0], "--scenario", str(SCENARIO), *argv[1:])
    assert output == json.loads((RECORDED / recorded).read_text(encoding="utf-8"))


def _with(tmp_path, **fields):
    data = json.loads(SCENARIO.read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    for resident in changed["residents"]:
        if resident["id"] == "sandra":
            resident.update(fields)
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "fields",
    [{"proposable": False}, {"not_proposable": ["no_intake"]}],
    ids=["proposable_false", "reasons_only"],
)
def test_a_resident_who_may_not_be_proposed_is_left_out(capsys, tmp_path, fields):
    path = _with(tmp_path, **fields)
    suggested = run(capsys, "suggest", "--scenario", str(path))["suggestions"]
    assert "sandra" not in {s["resident"] for s in suggested}
    assignments = run(capsys, "round", "--scenario", str(path))["assignments"]
    assert "sandra" not in {a["resident"] for a in assignments}
    team = run(capsys, "team", "--scenario", str(path), "--work", "plantsoen")
    assert "sandra" not in {m["resident"] for m in team["members"]}


def test_the_fields_read_back_and_the_engine_says_why():
    data = json.loads(SCENARIO.read_text(encoding="utf-8"))
    data["residents"][0].update({"not_proposable": ["no_intake", "outside_area"]})
    scenario = Scenario.from_dict(data)
    sandra = scenario.residents[0]
    assert (sandra.proposable, sandra.not_proposable) == (False, ("no_intake", "outside_area"))
    assert all(r.proposable and r.not_proposable == () for r in scenario.residents[1:])
    explanation = prepare(scenario).explain(0, 0)
    assert [r.code for r in explanation.exclusions] == ["not_proposable"]
    from buurtbaan.matching.engine.reasons import render

    assert render(explanation.exclusions[0], "nl") == (
        "kan nog niet voorgesteld worden (nog geen intake, niet vanuit hier te plaatsen)"
    )


def test_a_proposable_resident_may_say_so(capsys, tmp_path):
    path = _with(tmp_path, proposable=True)
    assert run(capsys, "round", "--scenario", str(path)) == json.loads(
        (RECORDED / "round.json").read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"proposable": "no"}, "residents[0].proposable: not true or false"),
        ({"not_proposable": "no_intake"}, "residents[0].not_proposable: not a list of strings"),
    ],
)
def test_bad_values_are_reported_with_their_path(fields, error):
    data = json.loads(SCENARIO.read_text(encoding="utf-8"))
    data["residents"][0].update(fields)
    with pytest.raises(ScenarioError) as raised:
        Scenario.from_dict(data)
    assert error in raised.value.errors
