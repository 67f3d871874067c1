"""Every edit in the product goes through `core.locking`: walk the bureau URL registry, open each
page that edits a stored record, and prove that saving it over a change it did not show is
refused with the conflict page (409), while saving it unchanged is not. A new edit view that
skips the mechanism fails here."""

import importlib
import importlib.util

import pytest
from django.apps import apps
from django.forms import BaseForm
from django.forms.models import BaseModelForm
from django.test import Client

from buurtbaan.core.locking import CONFLICT_STATUS, LockedFormMixin
from tests.bureau_urls import OBJECT_URLS, READ_ONLY, ROLE_MATRIX, ROLES
from tests.factories import ResidentFactory
from tests.locking import form_data, with_stale_token
from tests.test_bureau_isolation import url_for

#: Model forms that only ever create a record (never opened on a stored one), so there is
#: nothing someone else could have changed in between.
CREATE_ONLY_FORMS = {
    "pool.forms.IntroductionForm",
    "residents.forms.NewTalentForm",
    "residents.forms.SensitiveNoteForm",
}


def _project_forms():
    for config in apps.get_app_configs():
        if config.name.startswith("buurtbaan.") and importlib.util.find_spec(
            f"{config.name}.forms"
        ):
            importlib.import_module(f"{config.name}.forms")
    seen, todo = set(), [BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return {cls for cls in seen if cls.__module__.startswith("buurtbaan.")}


def _label(cls):
    return f"{cls.__module__.removeprefix('buurtbaan.')}.{cls.__name__}"


def test_every_model_form_that_edits_a_stored_record_is_locked():
    unlocked = {
        _label(cls)
        for cls in _project_forms()
        if issubclass(cls, BaseModelForm) and not issubclass(cls, LockedFormMixin)
    }
    assert unlocked - CREATE_ONLY_FORMS == set(), (
        "an edit form without core.locking.LockedFormMixin (or list it as create-only)"
    )


def _editor(name):
    """A role that may open and save the page (the first writer in the role matrix)."""
    for role, status in zip(ROLES, ROLE_MATRIX[name], strict=True):
        if status == 200 and role not in READ_ONLY.get(name, ()):
            return role
    return None


@pytest.mark.parametrize("name", sorted(name for name in OBJECT_URLS if _editor(name)))
def test_every_edit_page_refuses_to_save_over_a_change_it_did_not_show(personas, name):
    ResidentFactory(bureau=personas.bureau, user=personas.resident, email=personas.resident.email)
    client = Client()
    client.force_login(getattr(personas, _editor(name)))
    url = url_for(name, personas.bureau)
    opened = client.get(url)
    form = (opened.context or {}).get("form")
    is_edit = isinstance(form, LockedFormMixin) or (
        isinstance(form, BaseModelForm) and form.instance.pk is not None
    )
    if not is_edit:
        return
    assert isinstance(form, LockedFormMixin), f"{name} edits a record without core.locking"
    if form.lock_instance().pk is None:
        return  # nothing stored yet (a first public profile, default matching settings)

    stale = client.post(url, with_stale_token(form_data(opened)))
    assert stale.status_code == CONFLICT_STATUS, f"{name} saved over a change it did not show"
    assert stale.context["form"].edit_conflict.rows

    saved_as_opened = client.post(url, form_data(client.get(url)))
    assert saved_as_opened.status_code != CONFLICT_STATUS, f"{name} refuses an unchanged form"
