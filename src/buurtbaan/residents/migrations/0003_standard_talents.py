"""Give bureaus that existed before the talent vocabulary its standard talents, and flag their
residents who live outside the bureau's postcodes. New bureaus get talents from `signals.py`."""

from django.db import migrations

STANDARD_TALENTS = [
    "verbinden",
    "organiseren",
    "repareren",
    "koken",
    "inspireren",
    "structureren",
    "observeren",
    "onderzoeken",
    "doorzetten",
    "zorgen",
    "creëren",
    "uitleggen",
    "bouwen",
    "gidsen",
]


def forwards(apps, schema_editor):
    Bureau = apps.get_model("bureaus", "Bureau")
    Talent = apps.get_model("residents", "Talent")
    Resident = apps.get_model("residents", "Resident")
    for bureau in Bureau.objects.all():
        existing = set(Talent.objects.filter(bureau=bureau).values_list("name", flat=True))
        Talent.objects.bulk_create(
            Talent(bureau=bureau, name=name, is_standard=True)
            for name in STANDARD_TALENTS
            if name not in existing
        )
        ranges = [(r.start, r.end) for r in bureau.postcode_ranges.all()]
        for resident in Resident.objects.filter(bureau=bureau):
            compact = "".join(resident.postcode.split()).upper()
            inside = any(start <= compact[: len(start)] <= end for start, end in ranges)
            if resident.is_outside_area == inside:
                resident.is_outside_area = not inside
                resident.save(update_fields=["is_outside_area"])


class Migration(migrations.Migration):
    dependencies = [
        ("bureaus", "0002_initial"),
        ("residents", "0002_resident_anonymised_at_resident_available_days_and_more"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
