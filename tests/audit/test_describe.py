"""Audit entries in words (`audit.describe`): each case of issue 10 ("gewijzigd · match #1 ·
accepted_at", "gebruiker #10 · is_active", "bewoner #366 · consent.matching", "date_of_birth,
email, first_name") reads as words, linked only where the viewer may open the record; a page of
entries costs a fixed number of queries; and every page name the code gives `audit.reads` has words.
"""

import ast
import functools
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import buurtbaan
from buurtbaan.audit import describe
from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.bureaus.models import Membership
from buurtbaan.residents.models import ConsentScope
from tests.factories import (
    ConsentFactory,
    MatchFactory,
    PieceOfWorkFactory,
    ResidentFactory,
    resident_with_account,
)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def sandra(personas):
    return ResidentFactory(bureau=personas.bureau, first_name="Sandra", last_name="de Vries")


def staff(personas, user=None):
    user = user or personas.coordinator
    membership = Membership.objects.select_related("bureau").get(user=user, bureau=personas.bureau)
    return describe.Viewer(membership=membership)


def words(entry, viewer):
    return describe.describe_entry(entry, viewer=viewer)


def test_a_match_and_its_field_are_words_linked_for_the_coordinator(personas, sandra):
    match = MatchFactory(bureau=personas.bureau, resident=sandra, piece__title="Lampen ophangen")
    entry = log_event(
        actor=personas.coach, action=AuditAction.CHANGE, obj=match, fields=["accepted_at"]
    )

    said = words(entry, staff(personas))

    assert said.action == "gewijzigd"
    assert said.record.words == "de match van Sandra de Vries met Lampen ophangen"
    assert said.record.url == reverse(
        "matching:match-detail", kwargs={"bureau_slug": personas.bureau.slug, "pk": match.pk}
    )
    assert said.fields == ["door de bewoner geaccepteerd op"]


def test_an_account_and_is_active(personas):
    personas.coach.first_name, personas.coach.last_name = "Anna", "Jansen"
    personas.coach.save()
    entry = log_event(
        actor=personas.coordinator,
        action=AuditAction.CHANGE,
        bureau=personas.bureau,
        obj=personas.coach,
        fields=["is_active"],
    )

    said = words(entry, staff(personas))

    assert said.record.words == "het account van Anna Jansen"
    assert said.fields == ["actief"]


def test_a_resident_and_a_dotted_consent_field(personas, sandra):
    entry = log_event(
        actor=personas.coach, action=AuditAction.CHANGE, obj=sandra, fields=["consent.matching"]
    )

    said = words(entry, staff(personas))

    assert said.record.words == "bewoner Sandra de Vries"
    assert said.record.url == reverse(
        "residents:resident-detail", kwargs={"bureau_slug": personas.bureau.slug, "pk": sandra.pk}
    )
    assert said.fields == ["toestemming voor matching"]


def test_fields_by_their_verbose_name_in_the_active_language(personas, sandra):
    entry = log_event(
        actor=personas.coach,
        action=AuditAction.CHANGE,
        obj=sandra,
        fields=["date_of_birth", "email", "first_name"],
    )

    assert words(entry, staff(personas)).fields == ["geboortedatum", "e-mailadres", "voornaam"]
    with translation.override("en"):
        assert words(entry, staff(personas)).fields == [
            "date of birth",
            "e-mail address",
            "first name",
        ]


def test_no_field_name_or_number_shows_for_any_field_the_code_logs(personas, sandra):
    """Every field name in `fields=[...]` of a `log_event` call reads as words: a name with an
    underscore would be an internal name shown to people."""
    entry = log_event(
        actor=personas.coach,
        action=AuditAction.CHANGE,
        obj=sandra,
        fields=["audit_log", "sensitive_notes", "step.talents", "consent.coaches", "user"],
    )

    said = words(entry, staff(personas))

    assert "_" not in " ".join(said.fields)
    assert "intakestap Talenten en dromen" in said.fields


def test_a_read_names_its_page_and_the_record_of_the_page(personas, sandra):
    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Lampen ophangen")
    entry = log_event(
        actor=personas.coach,
        action=AuditAction.VIEW,
        obj=sandra,
        note=f"candidates piece #{piece.pk}",
    )

    said = words(entry, staff(personas))

    assert said.action == "bekeken"
    assert said.page == "de kandidaten voor de klus Lampen ophangen"


def test_a_list_read_says_how_many_and_which(personas, sandra):
    other = ResidentFactory(bureau=personas.bureau, first_name="Peter", last_name="Bakker")
    entry = AuditEntry.objects.create(
        actor=personas.coach,
        actor_label=personas.coach.email,
        action=AuditAction.VIEW,
        bureau=personas.bureau,
        object_type="residents.resident",
        object_label="2 × bewoners",
        note=f"talent bank search: #{sandra.pk}, #{other.pk}",
    )

    said = words(entry, staff(personas))

    assert said.shown_words == "2 bewoners"
    assert said.page == "zoeken in de talentenbank"
    assert sorted(record.words for record in said.shown) == [
        "bewoner Peter Bakker",
        "bewoner Sandra de Vries",
    ]
    assert all(record.url for record in said.shown)


def test_a_removed_record_says_so_without_a_number(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    entry = log_event(actor=personas.coach, action=AuditAction.DELETE, obj=piece)
    piece.delete()

    said = words(entry, staff(personas))

    assert said.record.words == "klus (bestaat niet meer)"
    assert said.record.url is None


def test_a_coach_who_may_not_see_the_profile_gets_no_link(personas, sandra):
    sandra.coach = personas.other_coach
    sandra.save()
    match = MatchFactory(bureau=personas.bureau, resident=sandra)
    entry = log_event(actor=personas.coordinator, action=AuditAction.CHANGE, obj=match)

    said = words(entry, staff(personas, personas.coach))

    assert "Sandra de Vries" in said.record.words
    assert said.record.url is None
    ConsentFactory(resident=sandra, scope=ConsentScope.COACHES)
    assert words(entry, staff(personas, personas.coach)).record.url


def test_a_resident_reads_about_themself_and_never_another_resident(personas):
    me = resident_with_account(personas.bureau, first_name="Yasmina")
    other = ResidentFactory(bureau=personas.bureau, first_name="Peter", last_name="Bakker")
    match = MatchFactory(bureau=personas.bureau, resident=me, piece__title="Lampen ophangen")
    entries = [
        log_event(actor=me.user, action=AuditAction.CHANGE, obj=match, fields=["accepted_at"]),
        log_event(actor=personas.coach, action=AuditAction.VIEW, obj=me, note="resident detail"),
        log_event(actor=personas.coach, action=AuditAction.CHANGE, obj=other),
        log_event(
            actor=personas.coach,
            action=AuditAction.CHANGE,
            bureau=personas.bureau,
            obj=personas.coach,
        ),
    ]

    said = describe.describe_entries(entries, viewer=describe.Viewer(resident=me))

    assert said[0].record.words == "het voorstel voor Lampen ophangen"
    assert said[1].record.words == "je gegevens"
    assert said[1].page == "het dossier van de bewoner"
    assert said[2].record.words == "een andere bewoner"
    assert said[3].record.words == "het account van iemand van het bureau"
    text = " ".join(item.record.words for item in said)
    assert "Peter" not in text
    assert personas.coach.last_name not in text
    assert "#" not in text


def test_a_page_of_entries_costs_the_same_queries_for_10_or_50(personas, sandra):
    viewer = staff(personas)

    def entries(count):
        AuditEntry.objects.all().delete()
        for _ in range(count):
            resident = ResidentFactory(bureau=personas.bureau)
            match = MatchFactory(bureau=personas.bureau, resident=resident)
            log_event(actor=personas.coach, action=AuditAction.VIEW, obj=resident)
            log_event(actor=personas.coach, action=AuditAction.CHANGE, obj=match)
            log_event(
                actor=personas.coach,
                action=AuditAction.VIEW,
                obj=resident,
                note=f"candidates piece #{match.piece_id}",
            )
        return list(AuditEntry.objects.select_related("actor"))

    def queries(rows):
        with CaptureQueriesContext(connection) as captured:
            described = describe.describe_entries(rows, viewer=viewer)
            assert all(item.record for item in described)
        return len(captured.captured_queries)

    assert queries(entries(10)) == queries(entries(50))


# --- Every page name given to audit.reads has words --------------------------------------------

SOURCE = Path(buurtbaan.__file__).parent
READS = {"log_record_view", "log_list_view"}


def _page_argument(call: ast.Call, function: ast.FunctionDef | None):
    """The expression a call passes as `page` (keyword or, for a helper, by position)."""
    for keyword in call.keywords:
        if keyword.arg == "page":
            return keyword.value
    if function is not None:
        names = [argument.arg for argument in function.args.args]
        if "page" in names and names.index("page") < len(call.args):
            return call.args[names.index("page")]
    return None


def _templates(expression, function, module) -> list[str]:
    """The page names an expression can be, with `{}` for what varies: a string, an f-string,
    or a parameter of the enclosing function (then what each call of that function passes)."""
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        return [expression.value]
    if isinstance(expression, ast.JoinedStr):
        results = [""]
        for part in expression.values:
            if isinstance(part, ast.Constant):
                options = [part.value]
            else:
                options = _templates(part.value, function, module)
                options = [o for o in options if o] or ["{}"]
            results = [done + option for done in results for option in options]
        return results
    if isinstance(expression, ast.Name) and function is not None:
        arguments = function.args.args + function.args.kwonlyargs
        if expression.id in [argument.arg for argument in arguments]:
            return _callers_pass(module, function, expression.id)
    return ["{}"] if isinstance(expression, (ast.Attribute, ast.Name)) else []


@functools.cache
def _modules() -> tuple:
    return tuple(ast.parse(path.read_text()) for path in sorted(SOURCE.rglob("*.py")))


def _callers_pass(module, function, parameter) -> list[str]:
    """What the calls of `function` pass as `parameter`: calls by name in its own module, and
    method calls (`self.setup_resident_lookup(...)`) anywhere in the code."""
    positional = [argument.arg for argument in function.args.args]
    names = []
    for other in [module, *_modules()]:
        for node in ast.walk(other):
            if not isinstance(node, ast.Call):
                continue
            by_name = other is module and getattr(node.func, "id", None) == function.name
            by_method = getattr(node.func, "attr", None) == function.name
            if not (by_name or by_method):
                continue
            passed = [k.value for k in node.keywords if k.arg == parameter]
            if parameter in positional:
                position = positional.index(parameter)
                if by_method and positional[:1] == ["self"]:
                    position -= 1
                if 0 <= position < len(node.args):
                    passed.append(node.args[position])
            for expression in passed:
                names += _templates(expression, _enclosing(other, node), other)
    return names


def _enclosing(module, target):
    for node in ast.walk(module):
        if isinstance(node, ast.FunctionDef) and any(child is target for child in ast.walk(node)):
            return node
    return None


def page_names_in_the_code() -> dict[str, str]:
    """Page name (with `{}`) → where it is used, for every call of `audit.reads`."""
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if "audit" in path.parts and path.name == "reads.py":
            continue
        text = path.read_text()
        if not any(name in text for name in READS):
            continue
        module = ast.parse(text)
        for node in ast.walk(module):
            called = getattr(getattr(node, "func", None), "id", None) or getattr(
                getattr(node, "func", None), "attr", None
            )
            if not isinstance(node, ast.Call) or called not in READS:
                continue
            function = _enclosing(module, node)
            expression = _page_argument(node, None)
            templates = _templates(expression, function, module) if expression else []
            assert templates, f"{path}:{node.lineno}: page name not found; write it as a string"
            for template in templates:
                found[template] = f"{path.relative_to(SOURCE)}:{node.lineno}"
    return found


def test_the_page_names_are_found_in_the_code():
    names = page_names_in_the_code()

    assert "resident detail" in names
    assert "candidates piece #{}" in names
    assert "detail quote #{}" in names  # through quotes.views._log_client_read
    assert "piece #{} asked by" in names  # through work.views._show_askers


def test_every_page_name_given_to_the_read_audit_has_words():
    """A new page must add its name to `audit.describe.PAGES` (with `{}` for an id)."""
    missing = {
        template: where
        for template, where in page_names_in_the_code().items()
        if describe.find_page(template.replace("{}", "7")) is None
    }

    assert not missing, f"add these page names to audit.describe.PAGES: {missing}"


def test_a_page_name_without_words_is_found_missing():
    assert describe.find_page("piece #7 something new") is None
    assert describe.find_page("piece #7 asked by") is not None
    assert describe.find_page("detail quote #7") is not None


# --- Every kind of record ------------------------------------------------------------------------


def _one_of_each_kind(bureau, resident):
    from tests import factories as f

    match = f.MatchFactory(bureau=bureau, resident=resident)
    quote = f.QuoteFactory(bureau=bureau, client_resident=resident)
    assignment = f.ImpactAssignmentFactory(bureau=bureau)
    return [
        resident,
        resident.user,
        Membership.objects.filter(bureau=bureau).first(),
        bureau,
        match,
        f.MatchingRoundFactory(bureau=bureau),
        match.piece,
        f.PurposeFactory(bureau=bureau),
        f.BoardItemFactory(bureau=bureau),
        f.BoardResponseFactory(item__bureau=bureau, resident=resident, name=""),
        f.HelpRequestFactory(bureau=bureau),
        f.OrganisationFactory(bureau=bureau),
        f.PersonalRelationFactory(resident=resident),
        f.IntroductionRequestFactory(bureau=bureau, resident=resident),
        quote,
        f.QuoteLineFactory(quote=quote),
        assignment,
        f.ImpactTargetFactory(assignment=assignment),
        f.ImpactParticipantFactory(assignment=assignment, resident=resident),
        f.BarrierFactory(resident=resident),
        f.IntakeFactory(resident=resident),
        f.SensitiveNoteFactory(resident=resident),
        f.PublicProfileFactory(resident=resident),
        f.ErasureRequestFactory(resident=resident),
        f.AccessRequestFactory(resident=resident),
    ]


def test_every_kind_of_record_has_words_for_staff_and_for_the_resident(personas):
    me = resident_with_account(personas.bureau, first_name="Sandra", last_name="de Vries")
    records = _one_of_each_kind(personas.bureau, me)
    kinds = {record._meta.label_lower for record in records}
    assert kinds == set(describe.KINDS), "a kind in KINDS without a case here, or the other way"
    entries = [
        log_event(actor=personas.coach, action=AuditAction.CHANGE, bureau=personas.bureau, obj=r)
        for r in records
    ]

    for viewer in (staff(personas), staff(personas, personas.coach), describe.Viewer(resident=me)):
        for item in describe.describe_entries(entries, viewer=viewer):
            kind = item.entry.object_type
            assert item.record.words, kind
            assert "#" not in item.record.words, (kind, item.record.words)
            assert "(bestaat niet meer)" not in item.record.words, kind
            if viewer.resident is not None:
                assert item.record.url is None or "/mijn-" in item.record.url, kind


def test_the_coach_reads_a_page_of_every_kind_in_a_fixed_number_of_queries(personas):
    viewer = staff(personas, personas.coach)

    def queries(count):
        AuditEntry.objects.all().delete()
        for _ in range(count):
            resident = resident_with_account(personas.bureau)
            for record in _one_of_each_kind(personas.bureau, resident):
                log_event(actor=personas.coach, action=AuditAction.CHANGE, obj=record)
        rows = list(AuditEntry.objects.select_related("actor"))
        with CaptureQueriesContext(connection) as captured:
            describe.describe_entries(rows, viewer=viewer)
        return len(captured.captured_queries)

    assert queries(1) == queries(2)
