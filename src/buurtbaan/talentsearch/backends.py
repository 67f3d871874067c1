"""The two ways of searching the index; `backend()` is the one place that chooses.

- `PostgresBackend`: `to_tsvector('dutch', ...)` documents with weights (talents and dreams A,
  skills B, experience and education C), matched with
  `websearch_to_tsquery('dutch', <the search box>)` over a GIN index and ranked by `ts_rank`.
- `FallbackBackend` (SQLite, any other database): documents are texts of folded Porter-Dutch
  stems (`text.stem_text`); a resident matches when their text contains every searched stem as a
  whole word (`LIKE '% stem %'`, alternatives ORed, `-words` excluded), ranked by how often the
  stems occur, sections weighted by repetition (A ×3, B ×2, C ×1). Good enough for development,
  tests and a small bureau; a full scan per search.

Both find the same residents for plain words and `or`/`-` (the stems are the same, see
`text.py`); they differ in the details of phrases (the fallback ignores word order) and in the
exact rank values (the order of clearly different matches is the same).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Length, Replace
from django.utils import timezone

from buurtbaan.talentsearch.models import ResidentSearchDocument
from buurtbaan.talentsearch.text import ParsedQuery, stem_text

DOCUMENT = "search_document"
CONFIG = "dutch"


@dataclass(frozen=True)
class Sections:
    """The texts of one resident's document, by weight."""

    talents: list[str]  # A: talent names, own talent words, dreams
    skills: list[str]  # B
    background: list[str]  # C: work experience, education

    def as_tuple(self) -> tuple[list[str], list[str], list[str]]:
        return self.talents, self.skills, self.background


class PostgresBackend:
    name = "postgresql"

    def write(self, documents: list[tuple[int, int, Sections]]) -> None:
        """Insert the documents in one statement; PostgreSQL builds the vectors.

        Raw SQL on purpose: Django compiles a `SearchVector` expression per row, which made
        indexing 10,000 residents take 20 s instead of 2 s."""
        if not documents:
            return
        table = connection.ops.quote_name(ResidentSearchDocument._meta.db_table)
        columns = [[], [], [], [], []]
        for resident_id, bureau_id, sections in documents:
            texts = (" ".join(part) for part in sections.as_tuple())
            for column, value in zip(columns, (resident_id, bureau_id, *texts), strict=True):
                column.append(value)
        weighted = " || ".join(
            f"setweight(to_tsvector(%(config)s::regconfig, t.{part}), '{weight}')"
            for part, weight in (("a", "A"), ("b", "B"), ("c", "C"))
        )
        sql = (
            f"INSERT INTO {table} "
            "(resident_id, bureau_id, text, pool_text, vector, pool_vector, indexed_at) "
            f"SELECT t.id, t.bureau, '', '', {weighted}, "
            "setweight(to_tsvector(%(config)s::regconfig, t.a), 'A'), %(now)s "
            "FROM unnest(%(ids)s::integer[], %(bureaus)s::integer[], %(a)s::text[], "
            "%(b)s::text[], %(c)s::text[]) AS t(id, bureau, a, b, c) "
            # Two commits reindexing the same resident at once: the later one wins instead of
            # failing on the primary key (each deleted the old document before the other wrote).
            "ON CONFLICT (resident_id) DO UPDATE SET bureau_id = EXCLUDED.bureau_id, "
            "text = EXCLUDED.text, pool_text = EXCLUDED.pool_text, vector = EXCLUDED.vector, "
            "pool_vector = EXCLUDED.pool_vector, indexed_at = EXCLUDED.indexed_at"
        )
        ids, bureaus, a, b, c = columns
        params = {"config": CONFIG, "now": timezone.now(), "ids": ids, "bureaus": bureaus}
        with connection.cursor() as cursor:
            cursor.execute(sql, {**params, "a": a, "b": b, "c": c})

    def match(self, residents: QuerySet, raw: str, parsed: ParsedQuery, *, pool: bool) -> QuerySet:
        field = f"{DOCUMENT}__{'pool_vector' if pool else 'vector'}"
        query = SearchQuery(raw, config=CONFIG, search_type="websearch")
        return residents.filter(**{field: query}).annotate(search_rank=SearchRank(F(field), query))


class FallbackBackend:
    name = "fallback"

    def write(self, documents: list[tuple[int, int, Sections]]) -> None:
        if not documents:
            return
        ResidentSearchDocument.objects.bulk_create(
            [
                ResidentSearchDocument(
                    resident_id=resident_id,
                    bureau_id=bureau_id,
                    text=(
                        stem_text(sections.talents, repeat=3)
                        + stem_text(sections.skills, repeat=2)
                        + stem_text(sections.background)
                    ),
                    pool_text=stem_text(sections.talents),
                )
                for resident_id, bureau_id, sections in documents
            ],
            # As on PostgreSQL: a document written meanwhile is replaced, not a failure.
            update_conflicts=True,
            unique_fields=["resident"],
            update_fields=["bureau", "text", "pool_text", "indexed_at"],
        )

    def match(self, residents: QuerySet, raw: str, parsed: ParsedQuery, *, pool: bool) -> QuerySet:
        field = f"{DOCUMENT}__{'pool_text' if pool else 'text'}"
        residents = residents.filter(**{f"{field}__isnull": False})
        for group in parsed.groups:
            alternatives = Q()
            for term in group:
                alternatives |= Q(**{f"{field}__contains": f" {term} "})
            residents = residents.filter(alternatives)
        for conjunction in parsed.excluded:
            residents = residents.exclude(
                Q(*[(f"{field}__contains", f" {term} ") for term in conjunction])
            )
        return residents.annotate(search_rank=self._rank(field, parsed))

    @staticmethod
    def _rank(field: str, parsed: ParsedQuery):
        """How often the searched stems occur: (length − length without " stem ") / its length."""
        text = Coalesce(F(field), Value(""))
        rank = Value(0, output_field=IntegerField())
        for term in sorted(parsed.terms):
            needle = f" {term} "
            removed = Length(text) - Length(Replace(text, Value(needle), Value("")))
            rank = rank + removed / Value(len(needle))
        return rank


def backend() -> PostgresBackend | FallbackBackend:
    """The search backend for the database in use: the only place that looks at the vendor."""
    return POSTGRES if connection.vendor == "postgresql" else FALLBACK


POSTGRES = PostgresBackend()
FALLBACK = FallbackBackend()
