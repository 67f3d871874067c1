"""A coordinator imports a list of residents: sees the problem of a bad row by row and column,
uploads the corrected file, chooses the columns, imports it and finds the residents."""

from django.urls import reverse

from buurtbaan.residents.models import Resident

HEADER = "Voornaam;Achternaam;Geboortedatum;Postcode;E-mailadres;Talenten;Werkwens\n"
GOOD_ROWS = (
    "Sandra;Bakker;14-03-1985;6828 AB;sandra@buurtbaan.example;koken, verbinden;Iets met video\n"
    "Peter;de Vries;1-2-1979;6828 CD;peter@buurtbaan.example;bouwen;Aannemer\n"
)
BAD_ROW = "Nicolai;Petrov;31-12-80;6828 EF;nicolai@buurtbaan.example;koken;Kastanjetaart bakken\n"
FIXED_ROW = BAD_ROW.replace("31-12-80", "31-12-1980")


def csv_file(text):
    return {"name": "bewoners.csv", "mimeType": "text/csv", "buffer": text.encode("cp1252")}


def upload(page, text, assert_accessible):
    page.locator("input[type=file]").set_input_files(csv_file(text))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/kolommen/")
    assert_accessible(page)


def test_coordinator_imports_residents_after_fixing_a_bad_row(
    page, live_url, personas, log_in, assert_accessible
):
    log_in(page, personas.coordinator)
    slug = personas.bureau.slug
    page.goto(live_url + reverse("imports:run-list", kwargs={"bureau_slug": slug}))
    assert_accessible(page)
    page.locator(
        f"main a[href='{reverse('imports:run-create', kwargs={'bureau_slug': slug})}']"
    ).click()
    page.wait_for_url("**/importeren/nieuw/")
    assert_accessible(page)

    # A file with one bad row: the dry run names its row and column, and saves nothing.
    upload(page, HEADER + GOOD_ROWS + BAD_ROW, assert_accessible)
    assert page.locator("select[name=column_3]").input_value() == "postcode"
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    problems = page.locator("table.import-problems tbody tr")
    assert problems.count() == 1
    cells = problems.first.locator("td").all_inner_texts()
    assert cells[:3] == ["4", "C · Geboortedatum", "31-12-80"]
    assert "31-12-1980" in cells[3]
    assert Resident.objects.count() == 0
    assert_accessible(page)

    # The corrected file; the column the import did not recognise is chosen by hand.
    page.locator("main a.button[href$='/importeren/nieuw/']").click()
    page.wait_for_url("**/importeren/nieuw/")
    assert_accessible(page)
    upload(page, HEADER + GOOD_ROWS + FIXED_ROW, assert_accessible)
    assert page.locator("select[name=column_6]").input_value() == ""
    page.locator("select[name=column_6]").select_option("dreams")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("table.import-problems").count() == 0
    assert_accessible(page)

    page.locator("form[action$='/importeren/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert Resident.objects.filter(bureau=personas.bureau).count() == 3
    page.locator("main a.button[href$='/bewoners/']").click()
    page.wait_for_url("**/bewoners/")
    table = page.locator("main table").inner_text()
    for name in ("Sandra Bakker", "Peter de Vries", "Nicolai Petrov"):
        assert name in table
    assert_accessible(page)
    nicolai = Resident.objects.get(first_name="Nicolai")
    assert [dream.description for dream in nicolai.dreams.all()] == ["Kastanjetaart bakken"]
    assert [talent.name for talent in nicolai.talents.all()] == ["koken"]


def test_a_long_file_is_checked_in_steps_with_progress(
    page, live_url, personas, log_in, assert_accessible, monkeypatch
):
    from buurtbaan.imports import actions
    from tests.imports.conftest import make_csv, resident_rows

    monkeypatch.setattr(actions, "CHECK_CHUNK_ROWS", 50)
    monkeypatch.setattr(actions, "CHECK_STEPS", 5)
    steps = []
    page.on(
        "request",
        lambda request: (
            steps.append(request.headers.get("hx-request"))
            if request.url.endswith("/controleren/")
            else None
        ),
    )
    log_in(page, personas.coach)
    page.goto(
        live_url + reverse("imports:run-create", kwargs={"bureau_slug": personas.bureau.slug})
    )
    assert_accessible(page)
    content = make_csv(resident_rows(250))
    page.locator("input[type=file]").set_input_files(
        {"name": "lang.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/kolommen/")
    assert_accessible(page)
    page.locator("main form button[type=submit]").first.click()
    # The first 50 rows are checked with the columns; htmx asks for the other four steps and
    # then loads the result.
    page.locator("form[action$='/importeren/']").wait_for()
    assert steps == ["true"] * 4
    assert_accessible(page)
