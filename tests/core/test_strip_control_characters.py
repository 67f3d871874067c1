"""Text stored before the input rules: an operator cleans it once, a dry run first."""

from django.core.management import call_command

from buurtbaan.audit.models import AuditEntry
from buurtbaan.residents.models import Resident
from tests.factories import OrganisationFactory, ResidentFactory


def test_it_counts_first_and_cleans_only_for_real_with_an_audit_entry(personas, capsys):
    resident = ResidentFactory(bureau=personas.bureau)
    Resident.objects.filter(pk=resident.pk).update(
        first_name="Sa\x1b[2Jndra\u202e", skills="Koken\n\tBakken\x07"
    )
    OrganisationFactory(bureau=personas.bureau, name="Gewoon")

    call_command("strip_control_characters")
    assert "residents.Resident: 1 row" in capsys.readouterr().out
    resident.refresh_from_db()
    assert resident.first_name == "Sa\x1b[2Jndra\u202e"

    call_command("strip_control_characters", "--for-real")
    resident.refresh_from_db()
    assert (resident.first_name, resident.skills) == ("Sa[2Jndra", "Koken\n\tBakken")
    entry = AuditEntry.objects.get(object_type="residents.resident", object_id=str(resident.pk))
    assert entry.fields == ["first_name", "skills"]
    assert "Sa" not in entry.note

    call_command("strip_control_characters")
    assert "0 rows have control characters" in capsys.readouterr().out
