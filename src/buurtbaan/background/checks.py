from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def check_schedules(app_configs, **kwargs):
    """Report a broken SCHEDULE in some app's tasks.py as a system check error."""
    from buurtbaan.background import registry

    try:
        registry.periodic_tasks()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="background.E001")]
    return []
