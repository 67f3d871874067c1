"""The privacy registry: what every app declares, and the coverage check that fails when a model
that refers to a resident or an account is declared by nobody."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.test.utils import isolate_apps

from buurtbaan.privacy.registry import (
    AppDeclarations,
    ErasurePart,
    ExportPart,
    LegalGround,
    Registry,
    coverage,
    models_referring_to_people,
    months_before,
    registry,
    uncovered,
)

#: The keys the resident's export has always had for what other apps keep (residents.export).
EXPORT_KEYS = {
    "matches",
    "board_responses",
    "help_requests",
    "introductions",
    "impact_assignments",
    "personal_network",
    "helps_others",
    "quotes",
    "work_asked_for",
    "access_requests",  # added with the right of access: keys are only ever added
}


def test_every_model_that_refers_to_a_resident_or_an_account_is_covered():
    assert [row.model for row in uncovered()] == []


def test_the_walk_finds_models_through_other_models():
    found = models_referring_to_people()

    assert found["matching.MatchEvent"][-1] in {"residents.Resident", "accounts.User"}
    assert found["quotes.QuoteLine"][:2] == ["quotes.QuoteLine", "quotes.Quote"]
    assert "residents.Resident" in found
    assert "accounts.User" in found
    # A bureau, a talent word or an organisation names nobody.
    assert not {"bureaus.Bureau", "residents.Talent", "organisations.Organisation"} & set(found)


@isolate_apps("buurtbaan.privacy")
def test_a_new_model_that_refers_to_a_match_is_reported_as_uncovered():
    from buurtbaan.matching.models import Match
    from buurtbaan.work.models import Purpose

    class MatchFeedback(models.Model):
        match = models.ForeignKey(Match, on_delete=models.CASCADE)

        class Meta:
            app_label = "privacy"

        def __str__(self):
            return str(self.pk)

    class PurposeTag(models.Model):  # refers to a purpose, which says who asked for it
        purpose = models.ForeignKey(Purpose, on_delete=models.CASCADE)

        class Meta:
            app_label = "privacy"

        def __str__(self):
            return str(self.pk)

    class Colour(models.Model):
        name = models.CharField(max_length=10)

        class Meta:
            app_label = "privacy"

        def __str__(self):
            return str(self.pk)

    from django.apps import apps as global_apps

    all_models = [*global_apps.get_models(), MatchFeedback, PurposeTag, Colour]
    missing = {row.model: row.path for row in uncovered(all_models)}

    assert set(missing) == {"privacy.MatchFeedback", "privacy.PurposeTag"}
    assert missing["privacy.MatchFeedback"][:2] == ["privacy.MatchFeedback", "matching.Match"]


def test_the_coverage_command_lists_every_model_with_its_app_and_exits_0(capsys):
    call_command("privacy_coverage")

    out = capsys.readouterr().out
    for row in coverage():
        assert row.model in out
    assert "board.Response" in out
    assert "board" in out
    assert "residents.SensitiveNote" in out
    assert "All " in out


def test_the_coverage_command_exits_1_for_a_model_nobody_declares(capsys):
    with registry.without("board.Response"), pytest.raises(CommandError) as raised:
        call_command("privacy_coverage")

    assert raised.value.returncode == 1
    assert "board.Response" in str(raised.value)
    assert "board.Response" in capsys.readouterr().out
    assert registry.declarations["board.Response"].app == "board"  # put back afterwards


def test_the_command_line_exits_with_status_1():
    """As an operator (and CI) runs it: `buurtbaan privacy_coverage` ends with exit status 1."""
    import subprocess
    import sys

    script = (
        "import django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'buurtbaan.settings';"
        "django.setup();"
        "from buurtbaan.privacy.registry import registry;"
        "registry.declarations.pop('pool.IntroductionRequest');"
        "from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['buurtbaan', 'privacy_coverage'])"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 1
    assert "pool.IntroductionRequest" in done.stderr


def test_the_system_check_warns_about_an_undeclared_model():
    from buurtbaan.privacy.checks import check_privacy_declarations

    assert check_privacy_declarations() == []
    with registry.without("impact.ImpactParticipant"):
        problems = check_privacy_declarations()
    assert [problem.id for problem in problems] == ["privacy.W001"]
    assert "impact.ImpactParticipant" in problems[0].msg


def test_every_personal_declaration_says_why_on_what_ground_how_long_and_who_sees_it():
    for declaration in registry.personal_declarations():
        assert declaration.holds, declaration
        assert declaration.purpose, declaration
        assert declaration.kept, declaration
        assert declaration.seen_by or declaration.seen_by_note, declaration
        assert declaration.legal_ground in LegalGround.values, declaration


def test_the_export_parts_are_the_keys_the_export_always_had():
    assert set(registry.export_parts) == EXPORT_KEYS


def test_the_erasure_parts_of_the_other_apps_are_all_there():
    assert set(registry.erasure_parts) == {
        "board_responses",
        "help_requests",
        "personal_relations",
        "impact_outcome_notes",
        "matches",
        "introduction_requests",
        "search_index",
        "access_requests",
    }


def test_each_retention_rule_names_what_it_clears():
    for rule in registry.retention_rules.values():
        assert rule.models, rule.key
        for model in rule.models:
            assert model in registry.declarations, (rule.key, model)


def test_a_declaration_without_its_purpose_is_refused():
    declarations = AppDeclarations("board", target=Registry())

    with pytest.raises(ValueError, match="purpose"):
        declarations.declare(
            "board.Response",
            holds="responses",
            legal_ground=LegalGround.CONSENT,
            kept="a year",
            seen_by=["coach"],
        )


def test_a_model_cannot_be_declared_twice():
    target = Registry()
    AppDeclarations("board", target=target).declare("board.BoardItem", is_personal=False, holds="x")

    with pytest.raises(ValueError, match="already declared by board"):
        AppDeclarations("work", target=target).declare(
            "board.BoardItem", is_personal=False, holds="y"
        )


def test_an_unknown_legal_ground_is_refused():
    with pytest.raises(ValueError, match="because"):
        AppDeclarations("board", target=Registry()).declare(
            "board.Response",
            holds="responses",
            purpose="contact",
            legal_ground="because",
            kept="a year",
            seen_by=["coach"],
        )


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        ((2026, 3, 31), 1, (2026, 2, 28)),
        ((2028, 3, 31), 1, (2028, 2, 29)),
        ((2026, 1, 15), 1, (2025, 12, 15)),
        ((2026, 12, 2), 24, (2024, 12, 2)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    import datetime

    start = datetime.datetime(*moment, 12, 0, tzinfo=datetime.UTC)
    assert months_before(start, months) == datetime.datetime(*expected, 12, 0, tzinfo=datetime.UTC)


def test_a_declaration_shows_only_the_retention_rules_that_clear_it():
    assert [rule.key for rule in registry.rules_for("board.Response")] == ["board_responses"]
    assert [rule.key for rule in registry.rules_for("residents.Resident")] == ["inactive_residents"]
    assert registry.rules_for("accounts.User") == []


@pytest.fixture
def extra_parts():
    """A new app's export and erasure parts, added for one test and taken out again."""
    calls = []

    def erase(resident, user):
        calls.append(resident.pk)
        return True

    registry.export_parts["visits"] = ExportPart(
        key="visits",
        app="visits",
        collect=lambda resident: [resident.pk],
        serialise=lambda pk: {"resident": pk},
    )
    registry.erasure_parts["visit_notes"] = ErasurePart(
        name="visit_notes", app="visits", erase=erase
    )
    yield calls
    del registry.export_parts["visits"]
    del registry.erasure_parts["visit_notes"]


def test_a_new_apps_export_part_lands_in_the_export_without_changing_it(personas, extra_parts):
    from buurtbaan.residents.export import resident_data
    from tests.factories import ResidentFactory

    resident = ResidentFactory(bureau=personas.bureau)

    data = resident_data(resident, audit_entries=[])

    assert data["visits"] == [{"resident": resident.pk}]


def test_a_new_apps_erasure_part_runs_in_the_erasure(personas, extra_parts):
    from django.db import transaction
    from django.utils import timezone

    from buurtbaan.residents.erasure import anonymise_resident
    from tests.factories import ResidentFactory

    resident = ResidentFactory(bureau=personas.bureau)

    with transaction.atomic():
        parts = anonymise_resident(
            resident=resident, actor=personas.coordinator, now=timezone.now()
        )

    assert extra_parts == [resident.pk]
    assert "visit_notes" in parts
