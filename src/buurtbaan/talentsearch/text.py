"""Dutch words in Python: tokens, stop words, stems, accent folding, and the search box's syntax.

PostgreSQL's `dutch` text-search configuration stems with the Snowball *Porter* Dutch algorithm
and drops the Snowball Dutch stop words. `snowballstemmer` ships that algorithm as
`dutch_porter` (its `dutch` is the newer Kraaij–Pohlmann algorithm, which gives other stems:
"bakt" → "bak" instead of "bakt"). We use `dutch_porter` and the same stop words, so the SQLite
fallback and the highlighting find the same stems as PostgreSQL (checked word for word against
`ts_lexize('dutch_stem', ...)` on PostgreSQL 15; `tests/talentsearch/test_text.py` keeps a
sample).

What this stemmer really does (and so what search finds), for the record:

- plurals and verb forms with -en: "fietsen" → "fiets", "tuinen" → "tuin", "bakken" → "bak",
  "koken" → "kok", "repareren" → "reparer", "wandelen"/"wandeling" → "wandel";
- the -t of the third person stays: "bakt" ≠ "bak", "kookt" ≠ "kok";
- a final -s goes after most consonants, so "fiets" → "fiet" while "fietsen" → "fiets": the
  singular and the plural of fiets do *not* meet (a known weakness of the Porter Dutch stemmer);
- compounds stay whole: "theaterwerk" is not found by "theater";
- diaereses and acute accents go: "creëren" and "creeren" → "crer".

The search box speaks a little of PostgreSQL's `websearch_to_tsquery` syntax, and
`parse_query` reads it the same way for the fallback and for highlighting: words are ANDed,
`or` between two words makes alternatives, `-word` leaves out documents with the word, and a
"quoted phrase" (on the fallback: all its words, in any order).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer

# The Snowball Dutch stop words, as in PostgreSQL's `tsearch_data/dutch.stop`.
_DUTCH_STOP = """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere
"""
STOP_WORDS = frozenset(_DUTCH_STOP.split())

WORD = re.compile(r"\w+")
_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_STEMMER = snowballstemmer.stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case without accents: "Creëren" → "creeren"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The folded stem of one word, or "" for a stop word. Cached: a talent bank repeats its
    words, and the pure-Python stemmer is the slow part of indexing."""
    lowered = word.lower()
    if lowered in STOP_WORDS:
        return ""
    return fold(_STEMMER.stemWord(lowered))


def words(text: str) -> list[str]:
    return WORD.findall(text or "")


def stems(text: str) -> list[str]:
    """The stems of a text, in order, without stop words."""
    return [s for s in (stem(word) for word in words(text)) if s]


def stem_text(texts: Iterable[str], *, repeat: int = 1) -> str:
    """The fallback's document text: each stem surrounded by spaces (" fiets  reparer "), so a
    whole stem is found with `contains(" stem ")` and counted by how often that occurs.

    `repeat` writes the stems that many times: the fallback's way of weighting a section."""
    found = [s for text in texts for s in stems(text)]
    return "".join(f" {s} " for s in found) * repeat


@dataclass(frozen=True)
class ParsedQuery:
    """What the search box asks: every group must match (a group is alternatives), and no
    `excluded` conjunction may. Stems only; stop words are gone."""

    groups: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups or self.excluded)

    @property
    def terms(self) -> frozenset[str]:
        """The stems to highlight and to rank by."""
        return frozenset(s for group in self.groups for s in group)


def parse_query(text: str) -> ParsedQuery:
    """Read the search box like `websearch_to_tsquery` does (see the module docstring)."""
    groups: list[list[str]] = []
    excluded: list[tuple[str, ...]] = []
    join_next = False
    for match in _QUERY_PART.finditer((text or "")[:500]):
        negated, phrase, word = match.groups()
        if word is not None and word.lower() == "or":
            join_next = bool(groups)
            continue
        if word is not None:
            negated, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
        found = tuple(dict.fromkeys(stems(phrase)))
        if not found:
            continue
        if negated:
            excluded.append(found)
        elif join_next and len(found) == 1:
            groups[-1].append(found[0])
        else:
            groups.extend([s] for s in found)
        join_next = False
    return ParsedQuery(
        groups=tuple(tuple(dict.fromkeys(group)) for group in groups),
        excluded=tuple(excluded),
    )
