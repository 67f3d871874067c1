"""Backup and restore of a whole installation: the database and the uploaded files in one file.

The file (format version 1) is a gzip-compressed tar archive::

    data/<app_label>.<model>.jsonl   one member per table: a header line {"model", "columns"},
                                     then one JSON array per row, ordered by primary key
    media/<path>                     every file under MEDIA_ROOT, byte for byte
    manifest.json                    written last: format and version, when, from which database,
                                     the applied migrations, and each member's size and SHA-256

Why this format: the rows are written per column in plain JSON (dates in ISO 8601 with their
microseconds, decimals as text), not as SQL of one database, so a backup of the embedded SQLite
database restores into PostgreSQL and the other way round; tar and gzip are read by every
system, and the checksums in the manifest tell a damaged file from a good one before anything is
changed. Because the manifest comes last, a file cut off while it was written has none.

Consistent: the rows come from one snapshot of the database. On SQLite that is a copy made with
SQLite's backup API (writers go on meanwhile, thanks to WAL); on PostgreSQL one read-only
REPEATABLE READ transaction. The uploaded files are copied after the snapshot: a file uploaded
during the backup may be in it without its row, never the other way round unless it was deleted
meanwhile.

Restore brings the backup into an empty installation: it creates the tables as they were when
the backup was made (the migrations listed in the manifest), loads every row with its primary
key, sets the sequences past the highest key, checks the foreign keys, and then migrates to the
current version, so a backup of an older version restores into a newer one.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.backends.sqlite3.base import SQLiteCursorWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string

from buurtbaan.core.plurals import counted

FORMAT = "buurtbaan-backup"
VERSION = 1
MANIFEST = "manifest.json"
#: Rows that `migrate` itself creates in a new installation: they do not make it "not empty".
CREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
BATCH = 2000


class BackupError(Exception):
    """Something an operator must know: the message says what is wrong and what to do."""


# --- Writing -------------------------------------------------------------------------------------


def _tables() -> list[type[models.Model]]:
    """Every table of the installation, m2m tables included, each once."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _applied_migrations(connection) -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def _check_migrated(connection) -> None:
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError(
            "The database has migrations that are not applied yet. Run `buurtbaan migrate` first."
        )


@contextmanager
def _snapshot(work_folder: Path) -> Iterator:
    """A function that gives the rows of a `values_list` queryset from one consistent state of
    the database, however many tables are read and whatever is written meanwhile."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        raise BackupError("A backup reads its own snapshot: call it outside a transaction.")
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT 1")  # the snapshot is taken now, by the first query
            yield lambda queryset: queryset.iterator(chunk_size=BATCH)
        return
    if connection.vendor != "sqlite":
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    # SQLite's backup API copies the database in one read transaction; the copy is then read
    # with the SQL and the value converters Django uses for the database itself.
    copy = work_folder / "snapshot.sqlite3"
    connection.ensure_connection()
    snapshot = sqlite3.connect(copy, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        connection.connection.backup(snapshot)

        def rows(queryset):
            compiler = queryset.query.get_compiler(DEFAULT_DB_ALIAS)
            sql, params = compiler.as_sql()
            cursor = snapshot.cursor(factory=SQLiteCursorWrapper)
            cursor.execute(sql, params)
            chunks = iter(lambda: cursor.fetchmany(BATCH), [])
            return compiler.results_iter(results=chunks, tuple_expected=True)

        yield rows
    finally:
        snapshot.close()


def _encode(value):
    """A column's value as JSON that `Field.to_python` turns back into the same value."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _dump_table(model, rows_of, path: Path) -> int:
    columns = [field.attname for field in model._meta.local_concrete_fields]
    rows = rows_of(model._base_manager.order_by("pk").values_list(*columns))
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"model": model._meta.label_lower, "columns": columns}) + "\n")
        for row in rows:
            out.write(json.dumps([_encode(value) for value in row], ensure_ascii=False) + "\n")
            count += 1
    return count


class _Hashing:
    """A file object that hashes what is read through it (for files added straight to the tar)."""

    def __init__(self, file):
        self.file, self.sha256, self.size = file, hashlib.sha256(), 0

    def read(self, size=-1):
        chunk = self.file.read(size)
        self.sha256.update(chunk)
        self.size += len(chunk)
        return chunk


def _add(archive: tarfile.TarFile, name: str, path: Path) -> dict:
    info = tarfile.TarInfo(name)
    info.size = path.stat().st_size
    info.mtime = int(path.stat().st_mtime)
    info.mode = 0o600
    with path.open("rb") as file:
        hashing = _Hashing(file)
        archive.addfile(info, hashing)
    if hashing.size != info.size:
        raise BackupError(f"{path} changed while it was copied; run the backup again.")
    return {"size": hashing.size, "sha256": hashing.sha256.hexdigest()}


def _media_files() -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(
        (path.relative_to(root).as_posix(), path)
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def write_backup(target: Path) -> dict:
    """Write a backup of the database and the uploaded files to `target` (a new file, 0600).

    Refused when the file exists (backups are kept, never overwritten) or the database has
    unapplied migrations. Returns the manifest.
    """
    target = Path(target).absolute()
    if target.exists():
        raise BackupError(f"{target} exists already. Choose a new name, e.g. with the date in it.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    connection = connections[DEFAULT_DB_ALIAS]
    database = connection.settings_dict["NAME"]
    if (
        connection.vendor == "sqlite"
        and not connection.is_in_memory_db()
        and not Path(database).is_file()
    ):
        raise BackupError(
            f"There is no database at {database}. Check BUURTBAAN_DATA_DIR and DATABASE_URL: "
            "they must be those of `buurtbaan serve`."
        )
    _check_migrated(connection)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "buurtbaan": _version("buurtbaan"),
        "django": _version("django"),
        "database": connection.vendor,
        "migrations": _applied_migrations(connection),
        "tables": {},
        "media": {},
    }
    partial = target.with_name(f".{target.name}.partial")
    # Work files hold personal data too: next to the backup (same protection), readable by us only.
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".buurtbaan-backup-") as work:
        work_folder = Path(work)
        dumped = []
        with _snapshot(work_folder) as rows_of:
            for model in _tables():
                label = model._meta.label_lower
                path = work_folder / f"{label}.jsonl"
                dumped.append((label, path, _dump_table(model, rows_of, path)))
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as out:
                with tarfile.open(fileobj=out, mode="w:gz", format=tarfile.PAX_FORMAT) as archive:
                    for label, path, rows in dumped:
                        member = f"data/{label}.jsonl"
                        manifest["tables"][label] = {"member": member, "rows": rows}
                        manifest["tables"][label].update(_add(archive, member, path))
                        path.unlink()
                    for name, path in _media_files():
                        manifest["media"][name] = _add(archive, f"media/{name}", path)
                    encoded = json.dumps(manifest, indent=1, sort_keys=True).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime, info.mode = (
                        len(encoded),
                        int(timezone.now().timestamp()),
                        0o600,
                    )
                    archive.addfile(info, io.BytesIO(encoded))
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return manifest


# --- Checking ------------------------------------------------------------------------------------


NOT_A_BACKUP = "{path} is not a buurtbaan backup ({why})."
DAMAGED = "{path} is damaged ({why}). Nothing was changed; use another backup."


def _open(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise BackupError(f"There is no file {path}.")
    try:
        return tarfile.open(path, mode="r:gz")
    except (tarfile.ReadError, EOFError, OSError, zlib.error) as error:
        raise BackupError(
            NOT_A_BACKUP.format(path=path, why=f"not a gzip tar archive: {error}")
        ) from None


def _safe_media_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not name.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def check_backup(path: Path) -> dict:
    """Read the whole backup and return its manifest, or raise BackupError saying what is wrong:
    not a backup of ours, made by a newer version, or damaged (a checksum, a size or a member
    that does not agree with the manifest). Changes nothing."""
    path = Path(path)
    found: dict[str, dict] = {}
    manifest = None
    try:
        with _open(path) as archive:
            for member in archive:
                if not member.isfile():
                    raise BackupError(
                        NOT_A_BACKUP.format(path=path, why=f"{member.name} is not a plain file")
                    )
                file = archive.extractfile(member)
                if member.name == MANIFEST:
                    manifest = _read_manifest(path, file.read())
                    continue
                digest = hashlib.sha256()
                while chunk := file.read(1 << 20):
                    digest.update(chunk)
                found[member.name] = {"size": member.size, "sha256": digest.hexdigest()}
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            DAMAGED.format(path=path, why=f"cannot be read to the end: {error}")
        ) from None
    if manifest is None:
        if not any(name.startswith("data/") for name in found):
            raise BackupError(NOT_A_BACKUP.format(path=path, why="it has no manifest"))
        raise BackupError(DAMAGED.format(path=path, why="it has no manifest: cut off?"))
    expected = {info["member"]: info for info in manifest["tables"].values()}
    for name, info in manifest["media"].items():
        if not _safe_media_name(name):
            raise BackupError(NOT_A_BACKUP.format(path=path, why=f"unsafe file name {name!r}"))
        expected[f"media/{name}"] = info
    if set(found) != set(expected):
        missing = sorted(set(expected) - set(found))[:3]
        extra = sorted(set(found) - set(expected))[:3]
        raise BackupError(DAMAGED.format(path=path, why=f"missing {missing}, not listed {extra}"))
    for name, info in expected.items():
        if (found[name]["size"], found[name]["sha256"]) != (info["size"], info["sha256"]):
            raise BackupError(DAMAGED.format(path=path, why=f"{name} does not match its checksum"))
    return manifest


def _read_manifest(path: Path, data: bytes) -> dict:
    try:
        manifest = json.loads(data)
    except ValueError:
        raise BackupError(NOT_A_BACKUP.format(path=path, why="its manifest is not JSON")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(NOT_A_BACKUP.format(path=path, why="its manifest is of another kind"))
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is a backup of format version {manifest.get('version')!r}; this version of "
            f"buurtbaan reads version {VERSION}. Restore it with the version that made it."
        )
    for key, kind in (("tables", dict), ("media", dict), ("migrations", list)):
        if not isinstance(manifest.get(key), kind):
            raise BackupError(NOT_A_BACKUP.format(path=path, why=f"its manifest has no {key}"))
    return manifest


# --- Restoring -----------------------------------------------------------------------------------


def holdings() -> tuple[dict[str, int], int]:
    """What the installation holds: rows per table (leaving out what `migrate` creates) and the
    number of uploaded files. Both empty: an empty installation."""
    connection = connections[DEFAULT_DB_ALIAS]
    existing = set(connection.introspection.table_names())
    rows = {}
    for model in _tables():
        label = model._meta.label_lower
        if model._meta.db_table in existing and label not in CREATED_BY_MIGRATE:
            count = model._base_manager.count()
            if count:
                rows[label] = count
    return rows, len(_media_files())


def _drop_all_tables(connection) -> None:
    names = [
        name
        for name in connection.introspection.table_names(include_views=False)
        if not name.startswith("sqlite_")
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in names:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(name)} CASCADE")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            try:
                for name in names:
                    cursor.execute(f"DROP TABLE IF EXISTS {quote(name)}")
            finally:
                cursor.execute("PRAGMA foreign_keys = ON")


def _empty_media() -> None:
    root = Path(settings.MEDIA_ROOT)
    if root.is_dir():
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()


def _migration_targets(executor, applied: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Per app, the last migration the backup had: what `migrate` is told to reach."""
    graph = executor.loader.graph
    unknown = sorted(key for key in applied if key not in graph.nodes)
    if unknown:
        raise BackupError(
            "The backup was made by a newer version of buurtbaan (it has migrations this version "
            f"does not know, such as {unknown[0][0]}.{unknown[0][1]}). Install that version first."
        )
    return sorted(
        key
        for key in applied
        if not any(
            child.key in applied and child.key[0] == key[0]
            for child in graph.node_map[key].children
        )
    )


def _decoder(field):
    if isinstance(field, models.JSONField):
        return lambda value: value
    return field.to_python


def _load_table(file, model, connection, *, drop_search_vectors: bool) -> int:
    rows = (json.loads(line) for line in file)
    header = next(rows)
    fields = {field.attname: field for field in model._meta.local_concrete_fields}
    if header.get("model") != model._meta.label_lower or set(header["columns"]) != set(fields):
        raise BackupError(
            f"The table {model._meta.label_lower} in the backup does not match its migrations."
        )
    columns = [fields[name] for name in header["columns"]]
    decoders = [
        (lambda value: None)
        if drop_search_vectors and isinstance(field, SearchVectorField)
        else _decoder(field)
        for field in columns
    ]
    manager = model._base_manager.using(connection.alias)
    count, batch = 0, []

    def insert():
        size = max(1, connection.ops.bulk_batch_size(columns, batch))
        for start in range(0, len(batch), size):
            # raw: the values as they were, not what auto_now or a default would make of them
            manager._insert(batch[start : start + size], fields=columns, raw=True)

    for row in rows:
        batch.append(
            model(
                **{
                    field.attname: None if value is None else decode(value)
                    for field, decode, value in zip(columns, decoders, row, strict=True)
                }
            )
        )
        if len(batch) >= BATCH:
            insert()
            count += len(batch)
            batch = []
    if batch:
        insert()
        count += len(batch)
    return count


def restore_backup(path: Path, *, replace: bool = False) -> dict:
    """Restore a backup into this installation. Returns the manifest.

    Refused, changing nothing, when the file is not a good backup, or when the installation
    holds data (rows or uploaded files) and `replace` is not given. With `replace`, every table
    and uploaded file of the installation is deleted first.
    """
    path = Path(path)
    manifest = check_backup(path)
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    applied = {tuple(key) for key in manifest["migrations"]}
    targets = _migration_targets(executor, applied)
    rows, files = holdings()
    if (rows or files) and not replace:
        tables = ", ".join(sorted(rows)[:3]) + (", ..." if len(rows) > 3 else "")
        raise BackupError(
            f"This installation is not empty: {counted(sum(rows.values()), 'row')} in "
            f"{counted(len(rows), 'table')} ({tables}) and {counted(files, 'uploaded file')}. "
            "Restore into an empty installation, or add "
            "--replace to delete everything it holds first."
        )
    _drop_all_tables(connection)
    _empty_media()
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    state_apps = executor.loader.project_state(targets, at_end=True).apps
    drop_search_vectors = manifest["database"] != connection.vendor
    with _open(path) as archive, transaction.atomic():
        tables = connection.introspection.table_names(include_views=False)
        flushable = [name for name in tables if name != MigrationRecorder.Migration._meta.db_table]
        # What data migrations created on the way; the backup brings its own rows.
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(
                no_style(), flushable, reset_sequences=True, allow_cascade=True
            )
        )
        labels = {info["member"]: label for label, info in manifest["tables"].items()}
        loaded = []
        # One pass through the archive, in its own order: a gzip stream does not seek back cheaply.
        for member in archive:
            if member.name not in labels:
                continue
            label = labels[member.name]
            app_label, model_name = label.split(".")
            try:
                model = state_apps.get_model(app_label, model_name)
            except LookupError:
                raise BackupError(
                    f"The backup's table {label} is in none of its migrations."
                ) from None
            count = _load_table(
                archive.extractfile(member),
                model,
                connection,
                drop_search_vectors=drop_search_vectors,
            )
            if count != manifest["tables"][label]["rows"]:
                raise BackupError(
                    DAMAGED.format(path=path, why=f"{label} has {counted(count, 'row')}")
                )
            loaded.append(model)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
                cursor.execute(statement)
        connection.check_constraints()
    # Then to this version's schema; `migrate` also adds content types of newer models.
    call_command("migrate", interactive=False, verbosity=0)
    _restore_media(path, manifest)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    if drop_search_vectors:
        call_command("reindex_talent_bank", stdout=io.StringIO())
    return manifest


def _restore_media(path: Path, manifest: dict) -> None:
    root = Path(settings.MEDIA_ROOT).resolve()
    with _open(path) as archive:
        for member in archive:
            name = member.name.removeprefix("media/")
            if not member.name.startswith("media/") or name not in manifest["media"]:
                continue
            target = (root / name).resolve()
            if root not in target.parents:
                raise BackupError(NOT_A_BACKUP.format(path=path, why=f"unsafe file name {name!r}"))
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
