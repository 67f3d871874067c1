"""System checks of the privacy registry: every declared model exists, and every model that
refers to a resident or an account is declared by some app (a warning here, so `migrate` still
runs; `buurtbaan privacy_coverage` and the test suite fail on it)."""

from django.apps import apps
from django.core import checks

from buurtbaan.privacy.registry import registry, uncovered


@checks.register()
def check_privacy_declarations(app_configs=None, **kwargs):
    problems = []
    for label, declaration in registry.declarations.items():
        try:
            apps.get_model(label)
        except LookupError:
            problems.append(
                checks.Error(
                    f"{declaration.app}/privacy.py declares {label}, which does not exist.",
                    id="privacy.E001",
                )
            )
    for row in uncovered():
        problems.append(
            checks.Warning(
                f"{row.model} refers to a resident or an account ({' → '.join(row.path)}) "
                "but no app declares it in its privacy.py.",
                hint="Declare it with privacy.declare(...) in the app's privacy.py.",
                id="privacy.W001",
            )
        )
    return problems
