"""The search index of the talent bank: one document per current resident, kept outside the
residents tables so that the talent bank's own model stays simple and the index can be rebuilt
at any time from it (`buurtbaan reindex_talent_bank`).

`ResidentSearchDocument` holds, per resident, what search matches on, in two scopes:

- **all** (staff search): talents, talents in their own words and dreams (weight A), skills
  (B), work experience and education (C);
- **pool** (the employer pool, `buurtbaan.pool`): only what partners are shown — talents,
  talents in their own words and dreams — so that a partner can never find someone by words
  they are not allowed to read (work experience, skills).

On PostgreSQL the scopes are `tsvector`s built with the `dutch` configuration (`vector`,
`pool_vector`), each with a GIN index (created by migration 0001 on PostgreSQL only; SQLite has
no GIN). Elsewhere — SQLite in development and tests — they are plain texts of folded stems
(`text`, `pool_text`, see `text.stem_text`), searched with `LIKE`: a fallback, not a search
engine. Only the fields of the running backend are filled (`backends.backend()` decides, in
one place).

Which residents have a document: every resident that is not anonymised. The documents are
written only by `talentsearch.actions`, after the changes are committed (see `signals.py`).
The income situation, barriers, notes and contact details are never indexed.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidentSearchDocument(models.Model):
    resident = models.OneToOneField(
        "residents.Resident",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    bureau = models.ForeignKey("bureaus.Bureau", on_delete=models.CASCADE, related_name="+")
    # The SQLite fallback: stems of all sections, weighted by repetition (A ×3, B ×2, C ×1).
    text = models.TextField(blank=True)
    # The SQLite fallback: stems of what the employer pool shows.
    pool_text = models.TextField(blank=True)
    # PostgreSQL: to_tsvector('dutch', ...) with weights; NULL elsewhere.
    vector = SearchVectorField(null=True)
    pool_vector = SearchVectorField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"
