"""`buurtbaan backup` and `buurtbaan restore`: every table and uploaded file round-trips, new rows
still insert afterwards, a backup is one snapshot, and a damaged, foreign or misplaced file is
refused with a clear message before anything changes.

These tests restore into the test database itself (its tables are dropped and migrated again),
so they run as transactional tests; on SQLite and on PostgreSQL alike.
"""

import datetime
import gzip
import io
import json
import tarfile
import threading
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.bureaus.models import Bureau, Role
from buurtbaan.core import backup
from buurtbaan.residents.models import Resident
from tests.factories import (
    BarrierFactory,
    BoardResponseFactory,
    BureauFactory,
    ConsentFactory,
    DreamFactory,
    HelpRequestFactory,
    HoursEntryFactory,
    ImpactParticipantFactory,
    ImpactTargetFactory,
    ImportRunFactory,
    IntakeFactory,
    MatchFactory,
    MembershipFactory,
    PersonalRelationFactory,
    PublicProfileFactory,
    QuoteLineFactory,
    ResidentFactory,
    SensitiveNoteFactory,
    SubsidiarityAnswerFactory,
    TalentFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHOTO = bytes(range(256)) * 40  # any bytes: the backup copies files, it does not read them
SPREADSHEET = b"PK\x03\x04 not really a spreadsheet \x00\xff"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def neighbourhood(db):
    """A bit of every app, with m2m rows, decimals, JSON, binary content, dates and files."""
    bureau = BureauFactory(slug="spijkerkwartier", postcodes=[("6828", "6828")])
    coordinator = MembershipFactory(bureau=bureau, role=Role.COORDINATOR).user
    MembershipFactory(bureau=bureau, role=Role.PARTNER)
    resident = ResidentFactory(bureau=bureau, hours_per_week=12)
    resident.talents.set([TalentFactory(bureau=bureau), TalentFactory(bureau=bureau)])
    DreamFactory(resident=resident)
    BarrierFactory(resident=resident)
    ConsentFactory(resident=resident, scope="matching")
    IntakeFactory(resident=resident)
    SensitiveNoteFactory(resident=resident)
    PersonalRelationFactory(resident=resident)
    profile = PublicProfileFactory(resident=resident)
    profile.photo.save("sandra.jpg", ContentFile(PHOTO))
    match = MatchFactory(bureau=bureau, resident=resident)
    SubsidiarityAnswerFactory(piece=match.piece)
    HoursEntryFactory(piece=match.piece)
    BoardResponseFactory(item__bureau=bureau)
    HelpRequestFactory(bureau=bureau)
    ImportRunFactory(bureau=bureau)
    QuoteLineFactory(quote__bureau=bureau, quantity=Decimal("1.25"))
    ImpactTargetFactory(assignment__bureau=bureau)
    ImpactParticipantFactory(assignment__bureau=bureau)
    log_event(actor=coordinator, action=AuditAction.VIEW, obj=resident)
    imports = backup.Path(backup.settings.MEDIA_ROOT) / "imports" / "2026"
    imports.mkdir(parents=True)
    (imports / "bewoners.xlsx").write_bytes(SPREADSHEET)
    return bureau


def all_rows() -> dict[str, list[tuple]]:
    """Every row of every table, as the database gives it back, ordered by primary key."""
    return {
        model._meta.label_lower: list(
            model._base_manager.order_by("pk").values_list(
                *[field.attname for field in model._meta.local_concrete_fields]
            )
        )
        for model in backup._tables()
    }


def all_files(root) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def restore(path, **options):
    call_command("restore", str(path), stdout=io.StringIO(), **options)


def test_the_backup_covers_every_table_of_the_database(neighbourhood, tmp_path):
    manifest = backup.write_backup(tmp_path / "backup.tar.gz")
    tables = {model._meta.db_table for model in backup._tables()}
    in_database = set(connection.introspection.table_names()) - {"django_migrations"}
    assert tables == in_database
    assert len(manifest["tables"]) == len(tables)


def test_a_backup_restores_every_row_and_file_into_an_empty_installation(
    neighbourhood, tmp_path, media_root
):
    rows, files = all_rows(), all_files(media_root)
    assert len(files) == 2
    assert sum(map(len, rows.values())) > 100
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())

    # A new installation: an empty, migrated database and no uploaded files.
    backup._drop_all_tables(connection)
    backup._empty_media()
    call_command("migrate", interactive=False, verbosity=0)
    assert backup.holdings() == ({}, 0)

    restore(path)

    assert all_rows() == rows
    assert all_files(media_root) == files
    # The sequences are past the restored keys: new rows insert.
    highest = max(pk for (pk, *_) in rows["residents.resident"])
    assert ResidentFactory(bureau=Bureau.objects.get(slug="spijkerkwartier")).pk > highest
    assert BureauFactory().pk > max(pk for (pk, *_) in rows["bureaus.bureau"])


def test_restore_refuses_an_installation_with_data_and_replaces_it_when_told(
    neighbourhood, tmp_path, media_root
):
    path = tmp_path / "backup.tar.gz"
    backup.write_backup(path)
    rows, files = all_rows(), all_files(media_root)
    newer = ResidentFactory(bureau=neighbourhood, first_name="Na de back-up")
    (media_root / "later.txt").write_bytes(b"after the backup")

    with pytest.raises(CommandError, match=r"not empty: .* add --replace"):
        restore(path)
    assert Resident.objects.filter(pk=newer.pk).exists()

    restore(path, replace=True)
    assert all_rows() == rows
    assert all_files(media_root) == files


def test_a_backup_file_is_readable_by_its_owner_only_and_never_overwritten(neighbourhood, tmp_path):
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    assert path.stat().st_mode & 0o777 == 0o600
    before = path.read_bytes()
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(path), stdout=io.StringIO())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.tar.gz", "media"]  # no work files


def test_a_backup_is_one_snapshot_though_writes_go_on_while_it_is_written(
    neighbourhood, tmp_path, monkeypatch
):
    """A bureau created (and committed, by another connection) after the first table was dumped
    is not in the backup, though its table is dumped later."""
    bureaus = Bureau.objects.count()
    dump_table = backup._dump_table
    written = []

    def write_elsewhere():
        written.append(BureauFactory().pk)
        connections.close_all()  # this thread's own connection

    def dump_then_write(model, rows_of, path):
        count = dump_table(model, rows_of, path)
        if not written:
            writer = threading.Thread(target=write_elsewhere)
            writer.start()
            writer.join()
        return count

    monkeypatch.setattr(backup, "_dump_table", dump_then_write)
    first = backup._tables()[0]._meta.label_lower
    assert first != "bureaus.bureau"
    manifest = backup.write_backup(tmp_path / "backup.tar.gz")
    assert written
    assert Bureau.objects.count() == bureaus + 1
    assert manifest["tables"]["bureaus.bureau"]["rows"] == bureaus


def test_restore_check_says_what_a_good_backup_holds(neighbourhood, tmp_path):
    path = tmp_path / "backup.tar.gz"
    backup.write_backup(path)
    out = io.StringIO()
    call_command("restore", str(path), check=True, stdout=out)
    assert "is a good backup" in out.getvalue()
    assert "2 uploaded files" in out.getvalue()


# --- Damaged and foreign files -------------------------------------------------------------------


@pytest.fixture
def good_backup(neighbourhood, tmp_path):
    path = tmp_path / "good.tar.gz"
    backup.write_backup(path)
    return path


def rewrite(source, target, change):
    """A copy of the backup whose members pass through `change(name, data) -> data | None`."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = change(member.name, old.extractfile(member).read())
            if data is not None:
                member.size = len(data)
                new.addfile(member, io.BytesIO(data))
    return target


def refused(path, message):
    rows = all_rows()
    with pytest.raises(CommandError, match=message):
        restore(path, replace=True)
    assert all_rows() == rows  # nothing changed, even with --replace


def test_restore_refuses_a_file_cut_off_while_it_was_written(good_backup, tmp_path):
    data = good_backup.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) // 2])
    refused(cut, "is damaged")


def test_restore_refuses_a_file_with_a_changed_byte(good_backup, tmp_path):
    def flip(name, data):
        if name.startswith("data/residents.resident."):
            return data.replace(b"Bewoner", b"Bewonar", 1)
        return data

    refused(rewrite(good_backup, tmp_path / "flipped.tar.gz", flip), "does not match its checksum")


def test_restore_refuses_a_file_without_a_member_the_manifest_lists(good_backup, tmp_path):
    def drop_photo(name, data):
        return None if name.startswith("media/") and name.endswith(".jpg") else data

    refused(rewrite(good_backup, tmp_path / "less.tar.gz", drop_photo), "is damaged")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, I am a text file\n", "not a gzip tar archive"),
        (gzip.compress(b"just gzip, no tar", mtime=0), "not a gzip tar archive"),
        (b"PK\x05\x06" + b"\x00" * 18, "not a gzip tar archive"),  # an empty zip file
    ],
    ids=["text", "gzip-without-tar", "empty-zip"],  # stable ids: gzip bytes hold a time stamp
)
def test_restore_refuses_a_file_that_is_no_archive(neighbourhood, tmp_path, content, message):
    path = tmp_path / "foreign"
    path.write_bytes(content)
    refused(path, message)


def tar_of(path, members):
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_restore_refuses_an_archive_that_is_no_buurtbaan_backup(neighbourhood, tmp_path):
    refused(tar_of(tmp_path / "photos.tar.gz", {"IMG_001.jpg": PHOTO}), "has no manifest")
    other = {"manifest.json": json.dumps({"format": "other-app", "version": 1}).encode()}
    refused(tar_of(tmp_path / "other.tar.gz", other), "of another kind")


def test_restore_refuses_a_backup_of_a_newer_format(good_backup, tmp_path):
    def newer(name, data):
        if name == "manifest.json":
            return json.dumps({**json.loads(data), "version": 2}).encode()
        return data

    refused(rewrite(good_backup, tmp_path / "newer.tar.gz", newer), "format version 2")


def test_restore_refuses_a_backup_with_migrations_it_does_not_know(good_backup, tmp_path):
    def from_the_future(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["migrations"].append(["residents", "9999_from_the_future"])
            return json.dumps(manifest).encode()
        return data

    path = rewrite(good_backup, tmp_path / "future.tar.gz", from_the_future)
    refused(path, "newer version of buurtbaan")


def test_restore_refuses_a_file_name_outside_the_uploads_folder(good_backup, tmp_path):
    def escape(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["media"]["../../etc/cron.d/evil"] = {"size": 1, "sha256": "0" * 64}
            return json.dumps(manifest).encode()
        return data

    refused(rewrite(good_backup, tmp_path / "escape.tar.gz", escape), "unsafe file name")


def test_values_keep_their_precision_through_the_file():
    moment = datetime.datetime(2026, 12, 2, 17, 1, 2, 345678, tzinfo=datetime.UTC)
    assert backup._encode(moment) == "2026-12-02T17:01:02.345678+00:00"
    assert backup._encode(Decimal("1.250")) == "1.250"
    assert backup._encode(b"\x00\xff") == "AP8="
    assert backup._encode(datetime.timedelta(days=1, microseconds=5)) == "P1DT00H00M00.000005S"


# --- From one database to another ----------------------------------------------------------------


def test_a_backup_of_sqlite_restores_into_postgresql(tmp_path):
    """The embedded installation moves to PostgreSQL: a backup made by a `buurtbaan` process on a
    SQLite file restores here with every row, and the search index is rebuilt for PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("restores into PostgreSQL: run with DATABASE_URL=postgres://...")
    import os
    import subprocess
    import sys

    from buurtbaan.talentsearch.models import ResidentSearchDocument
    from tests.core.test_concurrent_writes import PROJECT_DIR

    env = {**os.environ, "BUURTBAAN_DATA_DIR": str(tmp_path), "SECRET_KEY": "x"}
    env.pop("DATABASE_URL")
    path = tmp_path / "from-sqlite.tar.gz"
    for command in (
        ["-m", "tests.core.concurrent_scenario", "setup"],
        ["-m", "buurtbaan", "backup", str(path)],
    ):
        subprocess.run([sys.executable, *command], cwd=PROJECT_DIR, env=env, check=True)
    manifest = backup.check_backup(path)
    assert manifest["database"] == "sqlite"

    restore(path, replace=True)

    counts = {model._meta.label_lower: model._base_manager.count() for model in backup._tables()}
    assert {label: counts[label] for label in manifest["tables"]} == {
        label: info["rows"] for label, info in manifest["tables"].items()
    }
    assert counts["matching.match"] == 5
    assert (
        ResidentSearchDocument.objects.filter(vector__isnull=False).count()
        == counts["residents.resident"]
    )


def test_a_backup_of_a_missing_sqlite_database_says_where_it_looked(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("about the SQLite file")
    from unittest import mock

    missing = tmp_path / "nowhere" / "buurtbaan.sqlite3"
    with (
        mock.patch.dict(connection.settings_dict, {"NAME": str(missing)}),
        mock.patch.object(connection, "is_in_memory_db", return_value=False),
        pytest.raises(CommandError, match=r"There is no database at .*nowhere"),
    ):
        call_command("backup", str(tmp_path / "backup.tar.gz"), stdout=io.StringIO())
    assert not (tmp_path / "backup.tar.gz").exists()
