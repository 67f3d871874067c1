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
from tests.factories import PublicProfileFactory, ResidentFactory
from tests.locking import edit_forms, with_stale_token
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


#: Pages known to edit a record: the walk must find a locked form on each (so a page that stops
#: rendering `opened_as` fails too). New edit pages are found without being listed here.
KNOWN_EDIT_PAGES = {
    "board:item-manage",
    "board:helprequest-status",
    "board:response-update",
    "bureaus:member-update",
    "bureaus:settings",
    "impact:assignment-update",
    "impact:participant-outcome",
    "impact:target-update",
    "matching:settings",
    "organisations:organisation-update",
    "organisations:relation-update",
    "quotes:line-realised",
    "quotes:line-update",
    "quotes:quote-update",
    "residents:consent-list",
    "residents:intake-step",
    "residents:mydata-consent",
    "residents:mydata-update",
    "residents:profile-edit",
    "residents:resident-update",
    "residents:talent-update",
    "work:piece-detail",
    "work:piece-status",
    "work:piece-update",
    "work:purpose-update",
}


def _editor(name):
    """A role that may open and save the page (the first writer in the role matrix)."""
    for role, status in zip(ROLES, ROLE_MATRIX[name], strict=True):
        if status == 200 and role not in READ_ONLY.get(name, ()):
            return role
    return None


@pytest.mark.parametrize("name", sorted(name for name in OBJECT_URLS if _editor(name)))
def test_every_edit_page_refuses_to_save_over_a_change_it_did_not_show(personas, name):
    own = ResidentFactory(
        bureau=personas.bureau, user=personas.resident, email=personas.resident.email
    )
    PublicProfileFactory(resident=own)
    client = Client()
    client.force_login(getattr(personas, _editor(name)))
    url = url_for(name, personas.bureau)
    opened = client.get(url)
    for context in opened.context or []:
        form = context.get("form")
        if isinstance(form, BaseModelForm) and form.instance.pk is not None:
            assert isinstance(form, LockedFormMixin), f"{name} edits a record without locking"

    if name in KNOWN_EDIT_PAGES:
        assert edit_forms(opened), f"{name} shows no locked edit form"
    for index, (action, data) in enumerate(edit_forms(opened)):
        target = action or url
        stale = client.post(target, with_stale_token(data))
        assert stale.status_code == CONFLICT_STATUS, f"{target} saved over an unseen change"
        assert stale.context["form"].edit_conflict.rows

        _, fresh = edit_forms(client.get(url))[index]
        saved = client.post(target, fresh)
        assert saved.status_code != CONFLICT_STATUS, f"{target} refuses an unchanged form"
