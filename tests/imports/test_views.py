"""The import pages, step by step, as coordinators and coaches use them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.utils import translation

from buurtbaan.imports import actions, readers
from buurtbaan.imports.models import ImportRun
from buurtbaan.residents.models import Dream, Resident
from tests.factories import SCRIPT, ImportRunFactory
from tests.imports.conftest import checked_run, make_csv, make_xlsx, resident_rows


def upload(client, url, personas, content, name="bewoners.csv"):
    return client.post(
        url("imports:run-create", personas.bureau),
        {"file": SimpleUploadedFile(name, content), "target": "residents"},
    )


def suggested(run):
    return {f"column_{column}": name for name, column in run.mapping.items()}


def test_uploading_a_file_leads_to_choosing_its_columns(personas, login, url):
    client = login(personas.coach)
    response = upload(client, url, personas, make_xlsx(resident_rows(3)), "lijst.xlsx")
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("imports:run-mapping", personas.bureau, pk=run.pk)
    assert (run.created_by, run.file_name, run.file_kind, run.total_rows) == (
        personas.coach,
        "lijst.xlsx",
        "xlsx",
        3,
    )


def test_a_file_it_cannot_read_is_refused_with_a_clear_message(personas, login, url):
    client = login(personas.coordinator)
    with translation.override("en"):
        response = upload(client, url, personas, b"%PDF-1.4 ...", "lijst.pdf")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Upload an Excel file (.xlsx) or a CSV file (.csv)."
    ]
    assert not ImportRun.objects.exists()


def test_a_file_that_is_too_large_is_refused(personas, login, url, monkeypatch):
    monkeypatch.setattr("buurtbaan.imports.forms.MAX_FILE_BYTES", 1000)
    response = upload(login(personas.coordinator), url, personas, make_csv(resident_rows(50)))
    assert response.status_code == 200
    assert "MB" in response.context["form"].errors["file"][0]
    assert not ImportRun.objects.exists()


def test_the_mapping_page_shows_the_suggestion_and_example_values(personas, login, url):
    run = ImportRunFactory(bureau=personas.bureau)
    response = login(personas.coach).get(url("imports:run-mapping", personas.bureau, pk=run.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<option value="postcode" selected>' in content
    assert "14-03-1985" in content
    assert "Importeer &lt;script&gt;" in content  # example values are escaped
    assert "<script>alert" not in content


def test_the_mapping_needs_every_required_field(personas, login, url):
    run = ImportRunFactory(bureau=personas.bureau)
    response = login(personas.coach).post(
        url("imports:run-mapping", personas.bureau, pk=run.pk),
        {"column_0": "first_name", "column_1": "last_name"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    run.refresh_from_db()
    assert run.status == "uploaded"


def test_a_small_file_is_checked_as_soon_as_its_columns_are_chosen(personas, login, url):
    rows = resident_rows(5)
    rows[1]["Geboortedatum"] = "31-12-80"
    client = login(personas.coordinator)
    upload(client, url, personas, make_csv(rows))
    run = ImportRun.objects.get()
    response = client.post(url("imports:run-mapping", personas.bureau, pk=run.pk), suggested(run))
    assert response["Location"] == url("imports:run-detail", personas.bureau, pk=run.pk)
    run.refresh_from_db()
    assert (run.status, run.problem_rows) == ("checked", 1)

    client.cookies["django_language"] = "en"
    content = client.get(response["Location"]).content.decode()
    assert "1 of 5 rows has a problem." in content
    assert "<td>3</td>" in content  # the row number as the spreadsheet shows it
    assert "C · Geboortedatum" in content
    assert "31-12-80" in content
    assert "Write the year in four digits, for example 31-12-1980." in content
    assert Resident.objects.count() == 0


def test_a_long_file_is_checked_in_steps_with_htmx(personas, login, url, monkeypatch):
    monkeypatch.setattr(actions, "CHECK_CHUNK_ROWS", 10)
    monkeypatch.setattr(actions, "CHECK_STEPS", 4)
    client = login(personas.coach)
    upload(client, url, personas, make_csv(resident_rows(40)))
    run = ImportRun.objects.get()
    detail = client.post(url("imports:run-mapping", personas.bureau, pk=run.pk), suggested(run))
    page = client.get(detail["Location"]).content.decode()
    assert '<progress max="40" value="10"' in page
    check_url = url("imports:run-check", personas.bureau, pk=run.pk)
    assert f'hx-post="{check_url}"' in page

    step = client.post(check_url, headers={"HX-Request": "true"})
    assert step.status_code == 200
    assert '<progress max="40" value="20"' in step.content.decode()
    assert "<html" not in step.content.decode()  # the partial alone
    client.post(check_url, headers={"HX-Request": "true"})
    done = client.post(check_url, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == detail["Location"]
    run.refresh_from_db()
    assert (run.status, run.checked_rows, run.problem_rows) == ("checked", 40, 0)


def test_without_javascript_one_press_checks_the_rest(personas, login, url, monkeypatch):
    monkeypatch.setattr(actions, "CHECK_CHUNK_ROWS", 10)
    monkeypatch.setattr(actions, "CHECK_STEPS", 4)
    client = login(personas.coach)
    upload(client, url, personas, make_csv(resident_rows(40)))
    run = ImportRun.objects.get()
    client.post(url("imports:run-mapping", personas.bureau, pk=run.pk), suggested(run))
    response = client.post(url("imports:run-check", personas.bureau, pk=run.pk))
    assert response["Location"] == url("imports:run-detail", personas.bureau, pk=run.pk)
    run.refresh_from_db()
    assert (run.status, run.checked_rows) == ("checked", 40)


def test_importing_saves_the_residents_and_says_so(personas, login, url):
    run = checked_run(personas, make_csv(resident_rows(12)))
    client = login(personas.coach)
    response = client.post(url("imports:run-commit", personas.bureau, pk=run.pk), follow=True)
    assert Resident.objects.filter(bureau=personas.bureau).count() == 12
    assert response.context["run"].status == "imported"
    assert url("residents:resident-list", personas.bureau) in response.content.decode()
    assert [str(m) for m in response.context["messages"]]


def test_a_failure_while_saving_is_told_and_saves_nothing(personas, login, url, monkeypatch):
    run = checked_run(personas, make_csv(resident_rows(12)))

    def fail(*args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(Dream.objects, "bulk_create", fail)
    client = login(personas.coordinator)
    client.cookies["django_language"] = "en"
    response = client.post(url("imports:run-commit", personas.bureau, pk=run.pk), follow=True)
    assert "Nothing has been imported" in response.content.decode()
    assert Resident.objects.count() == 0
    run.refresh_from_db()
    assert run.status == "checked"


def test_a_file_with_problems_cannot_be_imported_through_the_page(personas, login, url):
    rows = resident_rows(4)
    rows[0]["Postcode"] = "?"
    run = checked_run(personas, make_csv(rows))
    response = login(personas.coordinator).post(
        url("imports:run-commit", personas.bureau, pk=run.pk)
    )
    assert response.status_code == 302
    assert Resident.objects.count() == 0


def test_cancelling_deletes_the_file(personas, login, url):
    run = checked_run(personas, make_csv(resident_rows(4)))
    response = login(personas.coach).post(url("imports:run-cancel", personas.bureau, pk=run.pk))
    assert response["Location"] == url("imports:run-list", personas.bureau)
    run = ImportRun.objects.get(pk=run.pk)
    assert (run.status, run.content, run.problems) == ("cancelled", None, [])
    # An ended import can no longer be mapped: the page sends to its summary.
    mapping = login(personas.coach).get(url("imports:run-mapping", personas.bureau, pk=run.pk))
    assert mapping["Location"] == url("imports:run-detail", personas.bureau, pk=run.pk)


def test_uploading_a_corrected_file_replaces_the_earlier_attempt(personas, login, url):
    client = login(personas.coach)
    upload(client, url, personas, make_csv(resident_rows(4)))
    upload(client, url, personas, make_csv(resident_rows(5)))
    first, second = ImportRun.objects.order_by("pk")
    assert (first.status, first.content) == ("cancelled", None)
    assert second.status == "uploaded"


def test_the_example_file_is_recognised_column_by_column(personas, login, url):
    client = login(personas.coach)
    response = client.get(url("imports:example-file", personas.bureau))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    run = checked_run(personas, content, "voorbeeld.csv", user=personas.coach)
    assert len(run.mapping) == len(run.headers)  # every column suggested
    assert run.problem_rows == 0
    actions.commit_import(actor=personas.coach, run=run)
    resident = Resident.objects.get()
    assert (resident.last_name, resident.street) == ("van Voorbeeld", "Voorbeeldstraat 12")
    assert resident.intake_source == "social_district_team"


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_query_count_does_not_grow_with_the_rows(
    personas, login, url, django_assert_num_queries, rows
):
    for _n in range(rows):
        ImportRunFactory(bureau=personas.bureau, created_by=personas.coach)
    ImportRunFactory(bureau=personas.other_bureau)
    client = login(personas.coach)
    client.get(url("imports:run-list", personas.bureau))
    # session, user, membership, my memberships, count, page (with who imported).
    with django_assert_num_queries(6):
        response = client.get(url("imports:run-list", personas.bureau))
    assert response.context["page"].paginator.count == rows
    content = response.content.decode()
    assert f"bewoners {SCRIPT}.csv" not in content
    assert "bewoners &lt;script&gt;" in content


def test_the_detail_page_does_not_load_more_for_more_problems(
    personas, login, url, django_assert_max_num_queries
):
    rows = resident_rows(300)
    for row in rows:
        row["Postcode"] = "fout"
    run = checked_run(personas, make_csv(rows))
    client = login(personas.coach)
    with django_assert_max_num_queries(6):
        response = client.get(url("imports:run-detail", personas.bureau, pk=run.pk))
    assert len(response.context["problems"]) == 100  # a page of problems
    assert response.context["page"].paginator.count == 300


@pytest.mark.parametrize("who", ["partner", "resident", "funder", "other_coordinator"])
def test_only_the_bureaus_staff_may_import(personas, login, url, who):
    run = checked_run(personas, make_csv(resident_rows(3)))
    client = login(getattr(personas, who))
    assert upload(client, url, personas, make_csv(resident_rows(3))).status_code == 404
    for name in ("imports:run-check", "imports:run-commit", "imports:run-cancel"):
        assert client.post(url(name, personas.bureau, pk=run.pk)).status_code == 404
    assert Resident.objects.count() == 0
    assert ImportRun.objects.get(pk=run.pk).status == "checked"


def test_the_limits_are_told_on_the_upload_page(personas, login, url, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 10)
    client = login(personas.coordinator)
    response = upload(client, url, personas, make_csv(resident_rows(11)))
    assert "10" in response.context["form"].errors["file"][0]


def test_done_when_through_the_pages(personas, login, url):
    """1,000 rows with 3 bad ones: the pages report exactly those 3 and save nothing; the same
    file fixed imports all 1,000."""
    from tests.imports.test_dry_run import thousand_rows_with_three_bad_ones

    rows = thousand_rows_with_three_bad_ones()
    client = login(personas.coordinator)
    for attempt in ("bad", "fixed"):
        if attempt == "fixed":
            rows[10]["Postcode"], rows[500]["Geboortedatum"] = "6828 AB", "01-06-1990"
            rows[998]["Achternaam"] = "Hersteld"
        upload(client, url, personas, make_xlsx(rows), "bewoners.xlsx")
        run = ImportRun.objects.latest("pk")
        client.post(url("imports:run-mapping", personas.bureau, pk=run.pk), suggested(run))
        client.post(url("imports:run-check", personas.bureau, pk=run.pk))  # the rest at once
        page = client.get(url("imports:run-detail", personas.bureau, pk=run.pk))
        shown = [(p["row"], p["letter"], p["value"]) for p in page.context["problems"]]
        if attempt == "bad":
            assert shown == [(12, "D", "1234 5"), (502, "C", rows[500]["Geboortedatum"]),
                             (1000, "B", "")]  # fmt: skip
            assert Resident.objects.count() == 0
    assert shown == []
    client.post(url("imports:run-commit", personas.bureau, pk=run.pk))
    assert Resident.objects.filter(bureau=personas.bureau).count() == 1000
