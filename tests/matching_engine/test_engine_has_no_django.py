"""The engine is plain Python and numpy: importing and running it never loads Django."""

import json
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "src" / "buurtbaan" / "matching" / "engine"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scenario.json"

PROGRAM = f"""
import json, pkgutil, importlib, sys
import buurtbaan.matching.engine as engine
for module in pkgutil.iter_modules(engine.__path__):
    if module.name != "__main__":
        importlib.import_module(f"buurtbaan.matching.engine.{{module.name}}")
from buurtbaan.matching.engine.cli import main
main(["round", "--scenario", {str(EXAMPLE)!r}])
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] == "django")))
"""


def test_importing_and_running_the_engine_loads_no_django():
    ran = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True
    )
    assert json.loads(ran.stdout.splitlines()[-1]) == []


def test_no_engine_module_mentions_django_in_an_import():
    for path in ENGINE.glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if words[:1] in (["import"], ["from"]):
                assert "django" not in words[1], f"{path.name}: {line}"
