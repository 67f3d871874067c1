"""scripts/check_plurals.py: it finds a number next to a fixed plural, and passes the right way."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check_plurals.py"


def _load():
    spec = importlib.util.spec_from_file_location("check_plurals", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_plurals = _load()


def findings(tmp_path, name: str, text: str) -> list[str]:
    folder = tmp_path / "templates" if name.endswith((".html", ".txt")) else tmp_path
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return check_plurals.check([path])


@pytest.mark.parametrize(
    "template",
    [
        '{% load i18n %}<p>{{ n }} {% translate "messages" %}</p>',
        '<li><span class="figure">{{ run.problem_rows }}</span> '
        '{% translate "rows have a problem" %}</li>',
        "{% blocktranslate with n=items|length %}{{ n }} help requests{% endblocktranslate %}",
        "{% blocktranslate %}The link works for {{ days }} days.{% endblocktranslate %}",
        "{% blocktranslate with h=piece.hours|hours %}{{ h }} open hours{% endblocktranslate %}",
        "<p>{{ residents|length }} people</p>",
    ],
)
def test_it_catches_a_number_next_to_a_fixed_plural_in_a_template(tmp_path, template):
    found = findings(tmp_path, "bad.html", "\n" + template)
    assert len(found) == 1, found
    assert found[0].startswith(f"{tmp_path / 'templates' / 'bad.html'}:2: ")


@pytest.mark.parametrize(
    "code",
    [
        'message = _("%(count)s residents have been added.") % {"count": n}',
        'note = f"{len(rows)} rows imported"',
        'text = "%d proposals confirmed" % len(rows)',
        'text = "{} hours a week".format(hours)',
        'print(f"{total} unconfirmed sign-up(s) removed")',
        'label = gettext_lazy("%(number)s new posts")',
    ],
)
def test_it_catches_a_number_next_to_a_fixed_plural_in_python(tmp_path, code):
    found = findings(tmp_path, "bad.py", f"import x\n{code}\n")
    assert len(found) == 1, found
    assert found[0].startswith(f"{tmp_path / 'bad.py'}:2: ")


@pytest.mark.parametrize(
    "template",
    [
        "{% blocktranslate count counter=n %}{{ counter }} message{% plural %}"
        "{{ counter }} messages{% endblocktranslate %}",
        '<span class="figure">{{ run.ok_rows }}</span> {% blocktranslate count '
        "counter=run.ok_rows %}row is fine{% plural %}rows are fine{% endblocktranslate %}",
        "{% blocktranslate with name=organisation.name %}{{ name }} asks for help"
        "{% endblocktranslate %}",
        '<dd>{{ settings.min_score }}</dd>\n<dt>{% translate "Proposals per resident" %}</dt>',
        '{# plural-ok: always more than one here #}\n<p>{{ n }} {% translate "messages" %}</p>',
        "{% comment %}{{ n }} messages{% endcomment %}",
    ],
)
def test_it_passes_counted_texts_and_names_in_a_template(tmp_path, template):
    assert findings(tmp_path, "good.html", template) == []


@pytest.mark.parametrize(
    "code",
    [
        'ngettext("%(count)s resident", "%(count)s residents", n) % {"count": n}',
        'ngettext_lazy("row has a problem", "rows have a problem", "count")',
        '_("%(name)s accepts the proposal") % {"name": name}',
        "f\"{counted(rows, 'row')} in {counted(tables, 'table')}\"",
        '_("at most %(max)s rows") % {"max": MAX}  # plural-ok: a large constant',
        '"""A docstring that says {n} rows."""',
    ],
)
def test_it_passes_counted_texts_and_names_in_python(tmp_path, code):
    assert findings(tmp_path, "good.py", code + "\n") == []


def test_the_code_base_passes():
    """The CI step: every number next to a noun in buurtbaan goes through a plural form."""
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 numbers next to a fixed plural")


def test_it_exits_1_and_names_file_and_line(tmp_path):
    bad = tmp_path / "templates"
    bad.mkdir()
    (bad / "bad.html").write_text('<p>\n{{ n }} {% translate "messages" %}</p>\n')
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{bad / 'bad.html'}:2: {{{{ n }}}} messages" in result.stdout
