"""Optimistic locking for every edit form: nothing someone else saved is overwritten unseen.

How it works. When an edit form is opened, `LockedFormMixin` puts a signed hidden field
(`opened_as`) in it: a keyed hash of every field's value as the form showed it, and the moment it
was opened. When the form comes back, the view wraps its action in `unchanged_since_opened(form)`:
inside one transaction the record is read again *with a row lock* (`select_for_update`), the form
is opened again on the fresh row, and its hashes are compared with the posted ones. If a field
differs, someone saved in between: `EditConflict` (a `ValidationError`) is raised before the
action runs, the form keeps what was typed, carries a new `opened_as` for the current record and
an `edit_conflict` that `includes/edit_conflict.html` shows (now stored ↔ typed, and who changed
it when, from the audit log), and the view answers 409. Saving that form again stores what is in
it, knowingly. The lock is held until the action's transaction commits, so of two POSTs arriving
at the same moment the second waits and then sees the first one's change (on PostgreSQL; SQLite
runs one writing transaction at a time).

Why this and not a version column per model. A version number only helps if every write path
increments it: today's actions, the imports, erasure, `QuerySet.update()` in bulk refreshes, and
every later app. A missed path silently brings the lost update back. Many edit forms also show
more than one row — the resident's talents (many-to-many), dreams, a bureau's postcode ranges —
which a version on the main row does not see change. Comparing what the form showed with what is
stored now covers all of that without a migration in a dozen apps, and only a change to a field
*this form shows* is a conflict: a coach editing the work section is not stopped because someone
changed the resident's phone number. The hashes are keyed with the `SECRET_KEY` (so the page does
not carry guessable digests of e.g. a date of birth) and the field is signed.

A POST without `opened_as` (a script, a test client) is not checked: every rendered form carries
it. A damaged or forged one counts as a conflict.
"""

from __future__ import annotations

import datetime
import decimal
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format, localize
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIELD_NAME = "opened_as"
CONFLICT_STATUS = 409
_SALT = "buurtbaan.core.locking"


class EditConflict(ValidationError):
    """Someone else saved the record after the form was opened."""


@dataclass
class ConflictRow:
    label: str
    now: str
    typed: str


@dataclass
class Conflict:
    rows: list[ConflictRow]
    changes: list = field(default_factory=list)  # audit entries since the form was opened


def _normalise(value):
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        return [_normalise(item) for item in value]
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _field_hash(name: str, value) -> str:
    text = json.dumps(_normalise(value), sort_keys=True, default=str)
    return salted_hmac(_SALT, f"{name}\n{text}").hexdigest()[:20]


def _shown_values(form) -> dict:
    """What each field shows when the form is opened: the same `BoundField.value()` a widget
    renders, so the posted and the stored side are compared in one representation."""
    return {
        name: _as_shown(form_field, form[name].value())
        for name, form_field in form.fields.items()
        # An upload field shows nothing when opened; what it replaces has a field of its own.
        if name != FIELD_NAME and not isinstance(form_field, forms.FileField)
    }


def _as_shown(form_field, value):
    """A widget that shows a stored value in another form ("6828KE" as "6828 KE", see
    `core.postcodes.PostcodeInput`) says so with `shows_formatted`; both sides are then
    compared as shown, so a value posted back unchanged is not taken for a change."""
    if getattr(form_field.widget, "shows_formatted", False):
        return form_field.widget.format_value(value)
    return value


def fingerprint(form) -> dict:
    return {name: _field_hash(name, value) for name, value in _shown_values(form).items()}


def make_token(form) -> str:
    return signing.dumps({"f": fingerprint(form), "t": int(time.time())}, salt=_SALT, compress=True)


def read_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("f"), dict):
        return None
    return data


class LockedFormMixin:
    """Put first in an edit form's bases. Adds the hidden `opened_as` field and remembers how
    the form was made, so `unchanged_since_opened` can open it again on the fresh record.

    `lock_instance()` names the row that is locked and read again: the ModelForm's instance by
    default. A plain form that edits a record is given it as `record=` and says what it shows
    in `initial_for(record)`; a form that edits something else (a resident's consents) overrides
    `lock_instance()`.
    """

    def __new__(cls, *args, **kwargs):
        # Remembered here, before any __init__ in the chain takes its own keyword arguments.
        form = super().__new__(cls)
        # `initial` is copied: forms fill it in place, which would freeze what the reopened form shows.
        kwargs = {k: dict(v) if k == "initial" and v else v for k, v in kwargs.items()}
        form._reopen_with = (
            args[2:],
            {k: v for k, v in kwargs.items() if k not in ("data", "files")},
        )
        return form

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        if record is not None:
            self.initial = {**self.initial_for(record), **self.initial}
        self.fields[FIELD_NAME] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=self._opened_as
        )
        self.edit_conflict = None

    def _opened_as(self) -> str:
        # Empty on a form that creates: nothing stored yet, so nothing to overwrite.
        instance = self.lock_instance()
        return make_token(self) if instance is not None and instance.pk is not None else ""

    def initial_for(self, record) -> dict:
        """What a plain form on `record` shows when it is opened."""
        return {}

    def lock_instance(self) -> models.Model:
        return self.record if self.record is not None else getattr(self, "instance", None)

    def reopened(self):
        """The same form, unbound, as it would be opened now."""
        args, kwargs = self._reopen_with
        return type(self)(None, None, *args, **kwargs)

    @property
    def changed_data(self):
        return [name for name in super().changed_data if name != FIELD_NAME]

    def _clean_fields(self):
        super()._clean_fields()
        self.cleaned_data.pop(FIELD_NAME, None)


def _audit_changes_since(instance, opened_at: int | None) -> list:
    from buurtbaan.audit.models import AuditAction, AuditEntry

    if opened_at is None:
        return []
    entries = AuditEntry.objects.filter(
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        action__in=[AuditAction.CHANGE, AuditAction.CREATE],
        at__gte=_from_timestamp(opened_at - 1),
    ).select_related("actor")
    entries = list(entries[:5])
    for entry in entries:
        # A name, never an e-mail address: the second saver may be a resident or a partner.
        name = entry.actor.get_full_name() if entry.actor is not None else ""
        entry.who = name or _("someone else")
    return entries


def _from_timestamp(seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def display_value(form_field, value) -> str:
    """A field's value in words, as the form would show it (choices by their label)."""
    values = value if isinstance(value, list | tuple) else [value]
    values = [v for v in values if v not in (None, "")]
    if isinstance(form_field, forms.BooleanField):
        return _("yes") if value else _("no")
    if not values:
        return str(_("(empty)"))
    if isinstance(form_field, forms.ModelChoiceField):
        names = {str(obj.pk): str(obj) for obj in form_field.queryset.filter(pk__in=values)}
        return ", ".join(names.get(str(v), str(v)) for v in values)
    if isinstance(form_field, forms.ChoiceField):
        labels = {}
        for key, label in form_field.choices:
            if isinstance(label, list | tuple):
                labels.update({str(k): str(v) for k, v in label})
            else:
                labels[str(key)] = str(label)
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if isinstance(form_field, forms.FileField):
        return _("a file")
    shown = []
    for v in values:
        if isinstance(v, datetime.datetime):
            shown.append(date_format(v, "DATETIME_FORMAT"))
        elif isinstance(v, datetime.date):
            shown.append(date_format(v))
        elif isinstance(v, decimal.Decimal | float):
            shown.append(localize(v))
        else:
            shown.append(str(v))
    return ", ".join(shown)


def _conflict(form, fresh, opened: dict | None, instance) -> Conflict:
    current = fingerprint(fresh)
    posted = fingerprint(form) if opened is None else None
    rows = []
    for name, digest in current.items():
        if opened is not None:
            differs = opened["f"].get(name) != digest
        else:  # a damaged token: show every field where the record and the typed value differ
            differs = posted.get(name) != digest
        if differs:
            form_field = form.fields[name]
            rows.append(
                ConflictRow(
                    label=str(form[name].label),
                    now=display_value(form_field, fresh[name].value()),
                    typed=display_value(form_field, form[name].value()),
                )
            )
    return Conflict(rows=rows, changes=_audit_changes_since(instance, (opened or {}).get("t")))


def check_unchanged(form) -> None:
    """Lock the form's record, read it again and compare it with what the form was opened with.

    Call inside a transaction (`unchanged_since_opened` opens one). Raises `EditConflict` when a
    field the form shows was changed by someone else; the form then carries the conflict and a
    new `opened_as` for the record as it is now.
    """
    token = form.data.get(form.add_prefix(FIELD_NAME)) if form.is_bound else None
    if not token:
        return
    instance = form.lock_instance()
    if instance is None or instance.pk is None:  # nothing was stored when it was opened
        return
    instance.refresh_from_db(from_queryset=type(instance)._base_manager.select_for_update())
    fresh = form.reopened()
    opened = read_token(token)
    current = fingerprint(fresh)
    if opened is not None and all(opened["f"].get(n) == d for n, d in current.items()):
        return
    form.edit_conflict = _conflict(form, fresh, opened, instance)
    data = form.data.copy()
    data[form.add_prefix(FIELD_NAME)] = make_token(fresh)
    form.data = data
    raise EditConflict(
        gettext_lazy(
            "Someone else changed this while you were working on it. Nothing has been saved yet. "
            "Compare the two versions below and choose what to keep."
        ),
        code="edit_conflict",
    )


@contextmanager
def unchanged_since_opened(form):
    """`with unchanged_since_opened(form): actions.update_x(...)` — one transaction in which the
    record is locked and checked first, then changed by the action."""
    with transaction.atomic():
        check_unchanged(form)
        yield


def status(form) -> int:
    """The HTTP status for rendering the form: 409 when it shows an edit conflict."""
    return CONFLICT_STATUS if getattr(form, "edit_conflict", None) else 200
