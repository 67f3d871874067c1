"""Fail when a number meets a fixed plural: "1 messages", "1 berichten".

A count must go through `ngettext` (Python) or `{% blocktranslate count counter=... %}` with a
`{% plural %}` (templates), so Dutch and English both get the right form. This script scans the
templates and the Python code under `src/buurtbaan` for a placeholder that is followed by a noun
in the plural, outside those constructs:

- templates: `{{ n }} residents`, `{{ rows|length }} {% translate "rows have a problem" %}`,
  `<span>{{ run.ok_rows }}</span> {% translate "rows are fine" %}`, and the same inside a
  `{% blocktranslate %}` without `count`;
- Python: `_("%(count)s residents")`, `"%d rows" % n`, `f"{len(rows)} rows"`, `"{} hours".format(n)`
  anywhere except as an argument of `ngettext` / `npgettext` (and their `_lazy` forms);
- in both, the dodge "{{ n }} sign-up(s)". English-only text (logs, commands) can use
  `buurtbaan.core.plurals.counted(n, "row")`.

A placeholder that is clearly not a number (`{{ name }}`, `%(organisation)s`, ...) is skipped. A
text that is right as it is (a maximum that is never 1) is silenced with a comment on its line or
the line above (in Python also up to two lines above the string): `# plural-ok: <reason>` in
Python, `{# plural-ok: <reason> #}` in a template. The reason is required.

Usage: `uv run python scripts/check_plurals.py [PATH ...]` (default: src/buurtbaan). Prints
`file:line: ...` for each finding and exits 1 when there is one.
"""

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [ROOT / "src" / "buurtbaan"]
SKIP_PARTS = {"migrations", "static", "locale", "__pycache__"}

SILENCE = re.compile(r"plural-ok:\s*\S")
PLURAL_FUNCTIONS = {
    "ngettext",
    "ngettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "ungettext",
    "ungettext_lazy",
}

# Words ending in -s that are not plural nouns, or plurals that are not counted ("means").
NOT_PLURAL = re.compile(
    r"^(is|was|has|does|its|his|hers|ours|yours|theirs|this|us|yes|always|perhaps|plus|less|"
    r"unless|across|as|thus|bus|gas|status|bonus|census|campus|focus|virus|chaos|analysis|basis|"
    r"thesis|process|access|address|business|success|progress|express|class|glass|press|mess|"
    r"loss|cross|boss|pass|gross|canvas|alias|atlas|news|series|species|means|whereas|besides|"
    r"towards|afterwards|upwards|downwards|sometimes|nowadays|otherwise|various|previous|"
    r"serious|famous|obvious|anonymous|numerous|continuous|dangerous|generous|curious|nervous|"
    r"ms|mrs|vs|ids)$"
)
IRREGULAR_PLURALS = {"people", "children", "men", "women", "persons", "data"}
# Words after which the next words no longer belong to the counted noun phrase.
STOP_WORDS = re.compile(
    r"^(a|an|the|of|for|and|or|to|in|on|at|by|with|from|that|who|which|whom|whose|this|these|"
    r"those|since|per|than|but|if|when|while|where|after|before|about|into|onto|over|under|"
    r"until|upon|is|are|was|were|be|been|being|has|have|had|do|did|will|would|can|could|may|"
    r"might|must|shall|should|not|no|nor|so|then|there|here|it|he|she|they|we|you|i|me|my|"
    r"your|our|their|her|its|them|him)$"
)
# Placeholders that hold a name, a title or a date, never a count (the last part of the name).
NOT_A_COUNT = re.compile(
    r"^(name|title|label|organisation|bureau|municipality|who|user|actor|resident|person|"
    r"coach|partner|email|address|date|day|when|time|at|on|by|city|street|place|piece|item|"
    r"round|kind|role|status|stage|purpose|talent|dream|field|model|obj|object|record|thing|"
    r"text|reason|description|url|link|path|site|domain|file|sender|recipient|asker|helper|"
    r"author|viewer|member|account|funder|quote|match|assignment|offer|need|display|subject|"
    r"word|language|period|month|year|week|start|end|from|to|until|since|postcode|area|value|"
    r"neighbourhood|target|activity|team|slug|pk|id|client|str)$"
    r"|_(name|title|label|date|at|on|by|display|slug|id|pk|email|url|path)$"
)
COUNT_HINTS = re.compile(
    r"count|counter|total|number|figures|^n$|^num|_n$|size|length|hours|days|minutes|people|times"
)

_WORD = r"[A-Za-z][A-Za-z'-]*(?:\(s\))?"  # "sign-up(s)" is a plural dodged, not solved


def _is_plural_noun(word: str) -> bool:
    lowered = word.lower().strip("'-")
    if lowered in IRREGULAR_PLURALS or lowered.endswith("(s)"):
        return True
    if NOT_PLURAL.match(lowered) or len(lowered) < 3:
        return False
    return lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "'s"))


def plural_after(text: str) -> str | None:
    """The plural noun among the first words of `text` (up to three, stopping at a function
    word), or None: "open requests wait" -> "requests", "has 3 rows" -> None."""
    text = re.split(r"{|%\(|%[sdi]", text[:80], maxsplit=1)[0]  # up to the next placeholder
    words = re.findall(_WORD, text)
    leading = re.match(r"\s*", text).end()
    if not words or not text[leading:].startswith(words[0]):
        return None  # the placeholder is not followed by a word ("{{ n }}:", "{{ a }}{{ b }}")
    for word in words[:3]:
        if STOP_WORDS.match(word.lower()):
            return None
        if _is_plural_noun(word):
            return word
    return None


def _is_count(expression: str) -> bool:
    """Whether a placeholder may hold a number: `counts.done`, `figures.members.coach`,
    `rows|length`, `n` do; `organisation.name`, `resident`, `created_at|date` do not."""
    expression = expression.strip()
    if "|length" in expression or "len(" in expression or ".count" in expression:
        return True
    base = expression.split("|")[0].strip().lower()
    if not base or base.startswith(("'", '"')) or "(" in base:
        return not base.startswith(("'", '"'))
    parts = base.split(".")
    if any(COUNT_HINTS.search(part) or _is_plural_noun(part) for part in parts):
        return True
    return not NOT_A_COUNT.search(parts[-1])


def _silenced(lines: list[str], lineno: int) -> bool:
    here = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    above = lines[lineno - 2] if 1 < lineno <= len(lines) + 1 else ""
    return bool(SILENCE.search(here) or SILENCE.search(above))


# --- templates --------------------------------------------------------------------------------

_BLOCK = re.compile(
    r"{%\s*(blocktranslate|blocktrans)\b(?P<args>.*?)%}(?P<body>.*?){%\s*endblocktrans(late)?\s*%}",
    re.S,
)
_COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
_VARIABLE = re.compile(r"{{\s*(?P<expr>.*?)\s*}}")
_TRANSLATE = re.compile(r"""{%\s*(translate|trans)\s+(?P<q>["'])(?P<text>.*?)(?P=q)[^%]*%}""")
# Inline elements a number and its noun may sit in ("<span class="figure">3</span> rows"); a
# block boundary (</dd>, <td>, <li>, <br>) ends the phrase.
_TAGS = re.compile(r"(\s|</?(span|strong|em|b|i|a|abbr|data|small|mark|code)\b[^>]*>)*")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _text_after(text: str, position: int) -> str:
    """What a reader sees right after `position`: HTML tags skipped, a translated string read."""
    position = _TAGS.match(text, position).end()
    translated = _TRANSLATE.match(text, position)
    if translated:
        return translated.group("text")
    return text[position : position + 80]


def check_template(path: Path) -> Iterator[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    text = _COMMENT.sub(_blank, source)

    def report(position: int, expression: str, noun: str):
        lineno = text.count("\n", 0, position) + 1
        if not _silenced(lines, lineno):
            yield lineno, f"{{{{ {expression} }}}} {noun}: use {{% blocktranslate count %}}"

    outside = list(text)
    for block in _BLOCK.finditer(text):
        outside[block.start() : block.end()] = _blank(block)
        if re.search(r"\bcount\b", block.group("args")):
            continue  # pluralised; its {% plural %} part holds the plural
        aliases = dict(re.findall(r"(\w+)=(\S+)", block.group("args")))
        body_start = block.start("body")
        for variable in _VARIABLE.finditer(block.group("body")):
            name = variable.group("expr")
            expression = aliases.get(name, name)
            # `with h=piece.hours|hours` and `with age=resident|age`: the name says what it holds.
            if not (_is_count(name) and (_is_count(expression) or "|" in expression)):
                continue
            noun = plural_after(_text_after(block.group("body"), variable.end()))
            if noun:
                yield from report(body_start + variable.start(), variable.group("expr"), noun)
    outside_text = "".join(outside)
    for variable in _VARIABLE.finditer(outside_text):
        if not _is_count(variable.group("expr")):
            continue
        noun = plural_after(_text_after(outside_text, variable.end()))
        if noun:
            yield from report(variable.start(), variable.group("expr"), noun)


# --- Python -----------------------------------------------------------------------------------

_PY_PLACEHOLDER = re.compile(r"%\((?P<name>\w+)\)[sdi]|%[sdi]|{(?P<field>[^{}]*)}")


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _string_parts(node: ast.AST, source: str) -> tuple[str, int] | None:
    """The text of a string literal, f-strings with `{expression}` for their holes."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, node.lineno
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            else:
                expression = ast.get_source_segment(source, value.value) or "?"
                parts.append("{" + expression.replace("{", "(").replace("}", ")") + "}")
        return "".join(parts), node.lineno
    return None


def _findings_in_string(text: str) -> Iterator[tuple[int, str, str]]:
    for placeholder in _PY_PLACEHOLDER.finditer(text):
        name = placeholder.group("name") or placeholder.group("field")
        if name is not None:
            name = name.split("!")[0].split(":")[0]
            if name and not _is_count(name):
                continue
        elif placeholder.group(0) == "%s" and not plural_after(text[placeholder.end() :]):
            continue
        noun = plural_after(text[placeholder.end() :])
        if noun:
            yield text.count("\n", 0, placeholder.start()), placeholder.group(0), noun


def check_python(path: Path) -> Iterator[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in PLURAL_FUNCTIONS:
            allowed.update(id(argument) for argument in node.args)
        if isinstance(node, ast.JoinedStr):
            allowed.update(id(value) for value in node.values)  # judged as a whole
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            allowed.add(id(body[0].value))  # a docstring
    for node in ast.walk(tree):
        if id(node) in allowed:
            continue
        parts = _string_parts(node, source)
        if parts is None:
            continue
        text, lineno = parts
        for offset, placeholder, noun in _findings_in_string(text):
            line = lineno + offset
            # The comment may stand on the line itself or up to two lines above the string.
            near = lines[max(0, node.lineno - 3) : line]
            if not any(SILENCE.search(text) for text in near):
                yield line, f"{placeholder} {noun}: use ngettext"


# --- main -------------------------------------------------------------------------------------


def files(paths: list[Path]) -> Iterator[Path]:
    for root in paths:
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in candidates:
            if SKIP_PARTS & set(path.relative_to(root.parent if root.is_file() else root).parts):
                continue
            if path.suffix in {".py", ".html", ".txt"} and path.is_file():
                if path.suffix == ".txt" and "templates" not in path.parts:
                    continue
                yield path


def check(paths: list[Path]) -> list[str]:
    findings = []
    for path in files(paths):
        checker = check_python if path.suffix == ".py" else check_template
        for lineno, message in checker(path):
            try:
                shown = path.relative_to(ROOT)
            except ValueError:
                shown = path
            findings.append(f"{shown}:{lineno}: {message}")
    return findings


def main(argv: list[str]) -> int:
    paths = [Path(arg).resolve() for arg in argv] or DEFAULT_PATHS
    findings = check(paths)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} numbers next to a fixed plural")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
