"""`buurtbaan import_postcodes FILE.csv`: all or nothing, bad rows by row and column, idempotent."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from buurtbaan.matching import cache
from buurtbaan.matching.models import PostcodeArea

SHARED_TABLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "pc4-4pp.csv"
HEADER = 'id,postcode,"woonplaats","alternatieve_schrijfwijzen","gemeente","provincie","netnummer",latitude,longitude,"soort"\n'
GOOD = (
    HEADER
    + '2947,6828,"Arnhem","","Arnhem","Gelderland","026",51.9801446,5.9231693,"Adres"\n'
    + '2945,6826,"Arnhem","","Arnhem","Gelderland","026",51.9814374,5.950182,"Adres"\n'
)


def write(tmp_path, text, name="pc4.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path):
    from io import StringIO

    out = StringIO()
    call_command("import_postcodes", str(path), stdout=out)
    return out.getvalue()


def test_it_imports_areas_with_their_place_and_municipality(db, tmp_path):
    assert "2 postcode areas read: 2 new, 0 updated, 0 unchanged." in run(write(tmp_path, GOOD))
    area = PostcodeArea.objects.get(pc4="6828")
    assert (area.latitude, area.longitude) == (51.9801446, 5.9231693)
    assert (area.place, area.municipality) == ("Arnhem", "Arnhem")


def test_importing_again_changes_nothing_and_a_newer_file_updates(db, tmp_path):
    run(write(tmp_path, GOOD))
    assert "0 new, 0 updated, 2 unchanged" in run(write(tmp_path, GOOD))
    newer = GOOD.replace("51.9801446", "51.9811111")
    assert "0 new, 1 updated, 1 unchanged" in run(write(tmp_path, newer))
    assert PostcodeArea.objects.get(pc4="6828").latitude == 51.9811111
    assert PostcodeArea.objects.count() == 2


def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_imported(db, tmp_path):
    bad = (
        GOOD
        + '9,68X1,"Arnhem","","Arnhem","Gelderland","026",51.98,5.90,"Adres"\n'
        + '10,6812,"Arnhem","","Arnhem","Gelderland","026",north,5.90,"Adres"\n'
        + '11,6826,"Arnhem","","Arnhem","Gelderland","026",51.98,200,"Adres"\n'
    )
    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, bad))
    message = str(raised.value)
    assert "nothing was imported" in message
    assert "row 4, column postcode: '68X1' is not a four-digit postcode area" in message
    assert "row 5, column latitude: 'north' is not a number between -90 and 90" in message
    assert "row 6, column postcode: 6826 appears again (first in row 3)" in message
    assert "row 6, column longitude: '200' is not a number between -180 and 180" in message
    assert not PostcodeArea.objects.exists()


def test_a_file_without_the_needed_columns_says_which_are_missing(db, tmp_path):
    with pytest.raises(CommandError, match="the column latitude, longitude is missing"):
        run(write(tmp_path, "postcode;lat;lon\n6828;51,98;5,92\n"))


def test_semicolons_and_decimal_commas_are_read(db, tmp_path):
    run(write(tmp_path, "postcode;latitude;longitude\n6828;51,9801;5,9232\n"))
    assert PostcodeArea.objects.get().latitude == 51.9801


def test_a_missing_or_empty_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nothing.csv")
    with pytest.raises(CommandError, match="no rows below the header"):
        run(write(tmp_path, "postcode,latitude,longitude\n"))


def test_importing_refreshes_the_cached_engines(db, tmp_path, personas):
    cache.prepared_for(personas.bureau)
    run(write(tmp_path, GOOD))
    assert not cache.prepared_for(personas.bureau).was_cached


@pytest.mark.skipif(not SHARED_TABLE.exists(), reason="the shared 4pp table is not present")
def test_the_full_4pp_table_imports(db):
    output = run(SHARED_TABLE)
    assert "4699 postcode areas read: 4699 new" in output
    assert PostcodeArea.objects.get(pc4="6828").municipality == "Arnhem"
