"""Showing why a result matched: the words that match the search, marked in the resident's own
text. Everything is escaped first; only our own `<mark>` tags are markup."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from buurtbaan.talentsearch.text import WORD, stem

SNIPPET_LENGTH = 160


def has_match(text: str, terms: Iterable[str]) -> bool:
    terms = frozenset(terms)
    return bool(terms) and any(stem(word) in terms for word in WORD.findall(text or ""))


def highlight(text: str, terms: Iterable[str], *, limit: int = SNIPPET_LENGTH) -> SafeString:
    """`text` (cut to about `limit` characters at a word boundary) with every word whose stem is
    one of `terms` wrapped in `<mark>`; the rest escaped."""
    terms = frozenset(terms)
    text = _shorten(text or "", limit)
    parts, position = [], 0
    for match in WORD.finditer(text):
        parts.append(escape(text[position : match.start()]))
        word = match.group()
        parts.append(f"<mark>{escape(word)}</mark>" if stem(word) in terms else escape(word))
        position = match.end()
    parts.append(escape(text[position:]))
    # Every piece above is escaped; the only markup is our own <mark>.
    return mark_safe("".join(parts))


def best_snippet(texts: Iterable[str], terms: Iterable[str]) -> SafeString:
    """The first text with a matching word, highlighted; else the first text; else ""."""
    texts = [text for text in texts if text]
    terms = frozenset(terms)
    chosen = next((text for text in texts if has_match(text, terms)), texts[0] if texts else "")
    return highlight(chosen, terms)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,.;:") + "…"
