"""What a spreadsheet program would run as a formula is refused on import, with row, column and
reason; control characters are taken out; a phone number must be one."""

from buurtbaan.imports import actions
from buurtbaan.imports.queries import problem_rows_for_display
from buurtbaan.residents.models import Resident
from tests.imports.conftest import HEADERS, checked_run, make_csv, resident_rows

FORMULA_REASON = (
    "This cell starts with “%s”, so a spreadsheet program would run it as a formula. "
    "Take the %s away, or leave the cell empty."
)


def _shown(run):
    return [
        (problem["row"], problem["letter"], problem["reason"])
        for problem in problem_rows_for_display(run)
    ]


def test_formulas_in_names_and_talents_are_refused_with_row_column_and_reason(personas):
    rows = resident_rows(5)
    rows[0]["Voornaam"] = '=HYPERLINK("http://kwaad.example";"Klik")'
    rows[1]["Achternaam"] = "+cmd|' /C calc'!A0"
    rows[2]["Talenten"] = "koken, @SUM(A1:A9)"
    rows[3]["Droombaan"] = "-2+3+cmd|' /C calc'!A0"
    run = checked_run(personas, make_csv(rows))
    assert (run.problem_rows, run.ok_rows) == (4, 1)
    assert _shown(run) == [
        (2, "A", FORMULA_REASON % ("=", "=")),
        (3, "B", FORMULA_REASON % ("+", "+")),
        (4, "F", FORMULA_REASON % ("@", "@")),
        (5, "G", FORMULA_REASON % ("-", "-")),
    ]


def test_the_dry_run_shows_a_refused_cell_without_its_control_characters(personas):
    rows = resident_rows(1)
    rows[0]["Voornaam"] = "=1+1\x1b[2J\u202e"
    run = checked_run(personas, make_csv(rows))
    assert [problem["value"] for problem in problem_rows_for_display(run)] == ["=1+1[2J"]


def test_control_characters_are_taken_out_of_imported_text(personas):
    rows = resident_rows(1)
    rows[0]["Voornaam"] = "San\x1b[31mdra\u202e"
    run = checked_run(personas, make_csv(rows))
    assert run.problem_rows == 0
    actions.commit_import(actor=personas.coordinator, run=run)
    assert Resident.objects.get(bureau=personas.bureau).first_name == "San[31mdra"


def test_a_phone_number_that_is_not_one_is_refused_and_a_good_one_kept_as_e164(personas):
    rows = resident_rows(2)
    rows[0]["Telefoon"] = "06-1234"
    rows[1]["Telefoon"] = "06-1234 5678"
    run = checked_run(personas, make_csv(rows, [*HEADERS, "Telefoon"]))
    assert run.problem_rows == 1
    assert _shown(run) == [
        (
            2,
            "L",
            "This is not a phone number we recognise. Write it for example as 06 12345678 or "
            "026 123 4567; a number from abroad with its country code, for example "
            "+32 470 12 34 56.",
        )
    ]
    good = checked_run(personas, make_csv(rows[1:], [*HEADERS, "Telefoon"]))
    actions.commit_import(actor=personas.coordinator, run=good)
    assert Resident.objects.get(bureau=personas.bureau).phone == "+31612345678"
