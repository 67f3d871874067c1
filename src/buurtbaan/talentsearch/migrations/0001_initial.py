import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

TABLE = "talentsearch_residentsearchdocument"
GIN_INDEXES = {"talentsearch_vector_gin": "vector", "talentsearch_pool_vector_gin": "pool_vector"}


def create_gin_indexes(apps, schema_editor):
    """GIN indexes for full-text search, on PostgreSQL only: SQLite has no GIN and searches the
    fallback texts instead (see talentsearch/backends.py)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in GIN_INDEXES.items():
        schema_editor.execute(f'CREATE INDEX "{name}" ON "{TABLE}" USING gin ("{column}")')


def drop_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in GIN_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("bureaus", "0002_initial"),
        ("residents", "0003_standard_talents"),
    ]

    operations = [
        migrations.CreateModel(
            name="ResidentSearchDocument",
            fields=[
                (
                    "resident",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="residents.resident",
                    ),
                ),
                ("text", models.TextField(blank=True)),
                ("pool_text", models.TextField(blank=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("pool_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("indexed_at", models.DateTimeField(auto_now=True)),
                (
                    "bureau",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="bureaus.bureau",
                    ),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
        ),
        migrations.RunPython(create_gin_indexes, drop_gin_indexes),
    ]
