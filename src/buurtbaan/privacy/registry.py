"""What each app holds about a resident or an account, and its part of the privacy duties.

Every app that keeps personal data says so in its own `<app>/privacy.py`, the way Django's admin
finds `admin.py` (`autodiscover`, called from `PrivacyConfig.ready`). A module declares:

- `declare(model, ...)`: one model that holds data about a resident or an account: what it holds,
  why (purpose), the legal ground (AVG art. 6), how long it is kept and who sees it. The
  processing register (`privacy:register`) and the public privacy page are generated from these.
  `declare(model, is_personal=False, holds=...)` says a model refers to a person only in passing
  (e.g. "made by" a member of staff) and why that is all.
- `export_part(key, collect=..., serialise=...)`: a part of the resident's own export
  (`residents.export`): `collect(resident)` returns the model instances (the page shows them),
  `serialise(instance)` one JSON-able dict; the list lands under the stable `key`.
- `erasure_part(name, erase)`: a part of erasure (`residents.erasure.anonymise_resident`):
  `erase(resident, user)` anonymises what the app keeps so counts stay right, inside the caller's
  transaction, and returns whether there was anything (then `name` goes into the audit entry).
- `still_active(function)`: which residents are still active with the app (e.g. a match that
  is going on), so the retention of inactive residents leaves them alone.
- `retention_rule(key, ...)`: data cleared after a period (`privacy.actions.apply_retention`),
  per bureau (the coordinator sets the period on the retention page) or for the whole platform
  (the period comes from settings).

`coverage()` walks the relation graph from the resident and the user model and tells, for every
model that refers to one of them (directly or through a match, a response, an entry...), which
app declared it, so a new app cannot forget: `buurtbaan privacy_coverage` and a test fail on an
undeclared model.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

#: The models every walk starts from: a resident, and an account.
ROOTS = ("residents.Resident", settings.AUTH_USER_MODEL)


class LegalGround(models.TextChoices):
    """The grounds of AVG art. 6(1) a bureau can rely on."""

    CONSENT = "consent", _("consent of the resident (AVG art. 6(1)(a))")
    CONTRACT = "contract", _("needed for an agreement with the person (AVG art. 6(1)(b))")
    LEGAL_OBLIGATION = "legal_obligation", _("a legal obligation (AVG art. 6(1)(c))")
    PUBLIC_TASK = "public_task", _("a task in the public interest (AVG art. 6(1)(e))")
    LEGITIMATE_INTEREST = (
        "legitimate_interest",
        _("a legitimate interest of the bureau (AVG art. 6(1)(f))"),
    )


@dataclasses.dataclass(frozen=True)
class Declaration:
    """One model that holds data about a resident or an account."""

    model: str  # "app_label.Model"
    app: str  # the app label of the module that declared it
    holds: str
    purpose: str = ""
    legal_ground: str = ""
    kept: str = ""  # how long, in words; a retention rule may add the bureau's own period
    seen_by: tuple[str, ...] = ()  # bureaus.Role values
    seen_by_note: str = ""
    is_personal: bool = True

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def get_legal_ground_display(self) -> str:
        return LegalGround(self.legal_ground).label if self.legal_ground else ""


@dataclasses.dataclass(frozen=True)
class ExportPart:
    key: str
    app: str
    collect: Callable  # (resident) -> list of instances
    serialise: Callable  # (instance) -> JSON-able dict


@dataclasses.dataclass(frozen=True)
class ErasurePart:
    name: str
    app: str
    erase: Callable  # (resident, user) -> bool


@dataclasses.dataclass(frozen=True)
class RetentionRule:
    """Data that is cleared once it is older than a period.

    `per_bureau`: the period is the bureau's (`RetentionSettings`, `default` when not set, `None`
    for "never" when `can_be_off`); otherwise `period()` gives it for the whole platform (from
    settings). `find(bureau, cutoff)` returns the queryset of what is past its period (`bureau`
    is None for platform rules); `clear(queryset, now)` clears it and returns how many.
    """

    key: str
    app: str
    label: str  # what is cleared, e.g. "responses on the bulletin board"
    unit: str  # "days", "months" or "years"
    find: Callable
    clear: Callable
    per_bureau: bool = True
    default: int | None = None
    can_be_off: bool = False
    minimum: int = 1
    maximum: int = 100
    help_text: str = ""
    period: Callable | None = None  # platform rules: () -> int
    models: tuple[str, ...] = ()  # what it clears, for the processing register

    def cutoff(self, now: datetime.datetime, amount: int) -> datetime.datetime:
        if self.unit == "days":
            return now - datetime.timedelta(days=amount)
        months = amount * 12 if self.unit == "years" else amount
        return months_before(now, months)


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same moment `months` calendar months earlier (the last day when the month is
    shorter: 31 March minus one month is 28 or 29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


class Registry:
    """The declarations of all apps; one instance, `registry`, fed by the `<app>/privacy.py`."""

    def __init__(self):
        self.declarations: dict[str, Declaration] = {}
        self.export_parts: dict[str, ExportPart] = {}
        self.erasure_parts: dict[str, ErasurePart] = {}
        self.retention_rules: dict[str, RetentionRule] = {}
        # (app, function(residents, cutoff) -> the residents still active in that app)
        self.activity: list[tuple[str, Callable]] = []

    # --- Declaring -------------------------------------------------------------------------

    def declare(self, model: str, *, holds, app: str | None = None, **fields) -> Declaration:
        app = app or model.split(".")[0]
        if model in self.declarations:
            raise ValueError(f"{model} is already declared by {self.declarations[model].app}")
        if fields.get("is_personal", True):
            missing = [n for n in ("purpose", "legal_ground", "kept") if not fields.get(n)]
            if not (fields.get("seen_by") or fields.get("seen_by_note")):
                missing.append("seen_by")
            if missing:
                raise ValueError(f"{model}: say {', '.join(missing)}")
        if "legal_ground" in fields:
            LegalGround(fields["legal_ground"])  # refuses an unknown ground
        fields["seen_by"] = tuple(fields.get("seen_by", ()))
        declaration = Declaration(model=model, app=app, holds=holds, **fields)
        self.declarations[model] = declaration
        return declaration

    def export_part(self, key: str, *, collect, serialise, app: str) -> ExportPart:
        if key in self.export_parts:
            raise ValueError(f"export key {key!r} is already taken")
        part = ExportPart(key=key, app=app, collect=collect, serialise=serialise)
        self.export_parts[key] = part
        return part

    def erasure_part(self, name: str, erase, *, app: str) -> ErasurePart:
        if name in self.erasure_parts:
            raise ValueError(f"erasure part {name!r} is already taken")
        part = ErasurePart(name=name, app=app, erase=erase)
        self.erasure_parts[name] = part
        return part

    def retention_rule(self, key: str, **fields) -> RetentionRule:
        if key in self.retention_rules:
            raise ValueError(f"retention rule {key!r} is already taken")
        fields["models"] = tuple(fields.get("models", ()))
        rule = RetentionRule(key=key, **fields)
        if rule.unit not in ("days", "months", "years"):
            raise ValueError(f"{key}: unknown unit {rule.unit!r}")
        if rule.per_bureau == (rule.period is not None):
            raise ValueError(f"{key}: a rule is either per bureau or has a platform period")
        self.retention_rules[key] = rule
        return rule

    def still_active(self, function, *, app: str) -> None:
        self.activity.append((app, function))

    # --- Reading ---------------------------------------------------------------------------

    def personal_declarations(self) -> list[Declaration]:
        return [d for d in self.declarations.values() if d.is_personal]

    def bureau_rules(self) -> list[RetentionRule]:
        return [rule for rule in self.retention_rules.values() if rule.per_bureau]

    def platform_rules(self) -> list[RetentionRule]:
        return [rule for rule in self.retention_rules.values() if not rule.per_bureau]

    def rules_for(self, model: str) -> list[RetentionRule]:
        """The retention rules that clear data of `model` (shown in the register)."""
        return [rule for rule in self.retention_rules.values() if model in rule.models]

    @contextmanager
    def without(self, *models: str):
        """Leave declarations out for a while: how a test proves coverage notices."""
        removed = {label: self.declarations.pop(label) for label in models}
        try:
            yield
        finally:
            self.declarations.update(removed)


registry = Registry()


class AppDeclarations:
    """What an app's `privacy.py` uses: `privacy = AppDeclarations("board")`, then
    `privacy.declare(...)`, `@privacy.export_part(...)`, `privacy.retention_rule(...)`."""

    def __init__(self, app: str, target: Registry | None = None):
        self.app = app
        self.registry = target or registry

    def declare(self, model: str, **fields) -> Declaration:
        return self.registry.declare(model, app=self.app, **fields)

    def export_part(self, key: str, *, serialise):
        """Decorates `collect(resident) -> list`."""

        def decorator(collect):
            self.registry.export_part(key, collect=collect, serialise=serialise, app=self.app)
            return collect

        return decorator

    def erasure_part(self, name: str):
        """Decorates `erase(resident, user) -> bool`."""

        def decorator(erase):
            self.registry.erasure_part(name, erase, app=self.app)
            return erase

        return decorator

    def retention_rule(self, key: str, **fields) -> RetentionRule:
        return self.registry.retention_rule(key, app=self.app, **fields)

    def still_active(self, function):
        """Decorates `function(residents, cutoff) -> residents`: those of the queryset who did
        something with this app since `cutoff`, so retention does not count them inactive."""
        self.registry.still_active(function, app=self.app)
        return function


def autodiscover() -> None:
    """Import every installed app's `privacy` module (once; Django's admin does the same)."""
    autodiscover_modules("privacy")


# --- Coverage ------------------------------------------------------------------------------


def _refers_to(model) -> set[str]:
    """The models `model` points at with its own foreign keys, one-to-ones and many-to-manys."""
    return {
        field.related_model._meta.label
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model is not None
        and (field.many_to_one or field.one_to_one or field.many_to_many)
    }


def models_referring_to_people(all_models: Iterable | None = None) -> dict[str, list[str]]:
    """Every model that refers to a resident or an account, directly or through other models,
    with the path it was found by (e.g. ["matching.MatchEvent", "matching.Match",
    "residents.Resident"]). The roots themselves are included. Through tables Django makes for
    a many-to-many are left out: the model that owns the field stands for them."""
    candidates = [
        model
        for model in (all_models if all_models is not None else apps.get_models())
        if not model._meta.auto_created
    ]
    roots = {apps.get_model(label)._meta.label for label in ROOTS}
    resident = apps.get_model(ROOTS[0])._meta.label
    paths: dict[str, list[str]] = {label: [label] for label in roots}
    changed = True
    while changed:  # a fixed point: the graph is small
        changed = False
        for model in candidates:
            label = model._meta.label
            if label in paths:
                continue
            # Through a resident first: "a match of a resident" says more than "made by someone".
            for target in sorted(_refers_to(model), key=lambda t: (t != resident, t)):
                if target in paths:
                    paths[label] = [label, *paths[target]]
                    changed = True
                    break
    return dict(sorted(paths.items()))


@dataclasses.dataclass(frozen=True)
class Coverage:
    model: str
    path: list[str]
    declaration: Declaration | None


def coverage(all_models: Iterable | None = None) -> list[Coverage]:
    """For every model that refers to a person: who declared it (None when nobody did)."""
    return [
        Coverage(model=label, path=path, declaration=registry.declarations.get(label))
        for label, path in models_referring_to_people(all_models).items()
    ]


def uncovered(all_models: Iterable | None = None) -> list[Coverage]:
    return [row for row in coverage(all_models) if row.declaration is None]
