"""The issue's "done when": a file of 1,000 rows with 3 bad rows reports exactly those 3 (row,
column, reason) and saves nothing; the same file fixed imports all 1,000."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from buurtbaan.imports import actions
from buurtbaan.imports.queries import problem_rows_for_display
from buurtbaan.residents.models import Dream, Resident
from tests.imports.conftest import checked_run, make_csv, make_xlsx, resident_rows

ROWS = 1000


def thousand_rows_with_three_bad_ones():
    rows = resident_rows(ROWS)
    today = timezone.localdate()
    rows[10]["Postcode"] = "1234 5"  # spreadsheet row 12
    rows[500]["Geboortedatum"] = today.replace(year=today.year - 16).strftime("%d-%m-%Y")  # 502
    rows[998]["Achternaam"] = ""  # row 1000
    return rows


def test_the_dry_run_reports_exactly_the_three_bad_rows_and_saves_nothing(personas):
    run = checked_run(personas, make_csv(thousand_rows_with_three_bad_ones()))
    assert run.status == "checked"
    assert (run.total_rows, run.problem_rows, run.ok_rows) == (ROWS, 3, ROWS - 3)
    with translation.override("en"):
        shown = [
            (problem["row"], problem["letter"], problem["header"], problem["reason"])
            for problem in problem_rows_for_display(run)
        ]
    assert shown == [
        (
            12,
            "D",
            "Postcode",
            "This is not a Dutch postcode. Write four digits and two letters, for example 6828 AB.",
        ),
        (
            502,
            "C",
            "Geboortedatum",
            "This person is 16 years old. The bureau is for residents of 18 and older.",
        ),
        (1000, "B", "Achternaam", "This cell is empty. Fill in the last name."),
    ]
    assert Resident.objects.count() == 0
    with pytest.raises(ValidationError):
        actions.commit_import(actor=personas.coordinator, run=run)
    assert Resident.objects.count() == 0


def test_the_same_file_fixed_imports_all_thousand_rows(personas):
    rows = thousand_rows_with_three_bad_ones()
    checked_run(personas, make_csv(rows))
    rows[10]["Postcode"] = "6822 CD"
    rows[500]["Geboortedatum"] = "01-06-1990"
    rows[998]["Achternaam"] = "Hersteld"
    run = checked_run(personas, make_csv(rows))
    assert run.problem_rows == 0

    assert actions.commit_import(actor=personas.coordinator, run=run) == ROWS

    residents = Resident.objects.filter(bureau=personas.bureau)
    assert residents.count() == ROWS
    assert residents.filter(is_outside_area=True).count() == ROWS // 10  # the 6822 postcodes
    fixed = residents.get(first_name="Voornaam500")
    assert fixed.date_of_birth == datetime.date(1990, 6, 1)
    assert residents.get(first_name="Voornaam998").last_name == "Hersteld"
    sample = residents.get(first_name="Voornaam3")
    assert sample.postcode == "6828AB"
    assert sample.email == "bewoner3@buurtbaan.example"
    assert sorted(talent.name for talent in sample.talents.all()) == ["koken", "verbinden"]
    assert sample.own_talent_words == "verhalen vertellen"
    assert [dream.description for dream in sample.dreams.all()] == [
        "Iets met video",
        "een eigen fietsenmaker",
    ]
    assert sample.wants == "paid"
    assert sample.available_days == ["mon", "thu"]  # "maandag en donderdag"
    assert sample.travel == "cycling"
    assert sample.hours_per_week == 11
    assert Resident.talents.through.objects.filter(resident__bureau=personas.bureau).count() == (
        2 * ROWS // 2
    )
    assert Dream.objects.filter(resident__bureau=personas.bureau).count() == 2 * 334


def test_an_excel_file_with_real_date_cells_is_checked_and_imported(personas):
    rows = resident_rows(20)
    for row in rows:
        row["Geboortedatum"] = datetime.datetime.strptime(row["Geboortedatum"], "%d-%m-%Y")
        row["Uren per week"] = int(row["Uren per week"])
    rows[5]["Geboortedatum"] = datetime.datetime(2099, 1, 1)
    run = checked_run(personas, make_xlsx(rows), "bewoners.xlsx")
    assert [(p["row"], p["column"], p["code"]) for p in run.problems] == [(7, 2, "future_date")]
    rows[5]["Geboortedatum"] = datetime.datetime(1975, 5, 4)
    run = checked_run(personas, make_xlsx(rows), "bewoners.xlsx")
    assert actions.commit_import(actor=personas.coordinator, run=run) == 20
    assert Resident.objects.get(first_name="Voornaam5").date_of_birth == datetime.date(1975, 5, 4)


def test_the_dry_run_goes_in_steps_that_show_progress(personas):
    rows = thousand_rows_with_three_bad_ones()
    rows[999]["E-mailadres"] = rows[0]["E-mailadres"]  # a duplicate across the steps
    run = actions.start_import(
        actor=personas.coach,
        bureau=personas.bureau,
        target="residents",
        file_name="bewoners.csv",
        content=make_csv(rows),
    )
    actions.choose_columns(actor=personas.coach, run=run, mapping=run.mapping)
    progress = []
    while run.status == "checking":
        actions.check_next_rows(run=run, limit=300)
        run.refresh_from_db()
        progress.append((run.checked_rows, run.progress_percent))
    assert progress == [(300, 30), (600, 60), (900, 90), (1000, 100)]
    assert [(p["row"], p["code"]) for p in run.problems] == [
        (12, "invalid_postcode"),
        (502, "too_young"),
        (1000, "required"),
        (1001, "duplicate_in_file"),
    ]
    assert run.problem_rows == 4


def test_choosing_other_columns_starts_the_dry_run_again(personas):
    run = checked_run(personas, make_csv(thousand_rows_with_three_bad_ones()[:20]))
    assert run.problem_rows == 1
    mapping = {name: column for name, column in run.mapping.items() if name != "postcode"}
    mapping["postcode"] = run.mapping["email"]
    del mapping["email"]
    actions.choose_columns(actor=personas.coordinator, run=run, mapping=mapping)
    assert (run.status, run.checked_rows, run.problems) == ("checking", 0, [])
    actions.check_next_rows(run=run)
    assert run.problem_rows == 20
