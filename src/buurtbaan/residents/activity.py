"""The audit log as the resident reads it: who at the bureau viewed or changed their data, and when,
in plain words ("Anna de Vries (coach) heeft je gegevens bekeken op 2 dec. 2026").

`activity_lines(entries, resident)` turns audit entries (newest first, from
`queries.audit_entries_about` or, for a released access request, `access.full_audit_entries`) into
`Line`s: one sentence each, with the parts that were viewed or changed in the resident's words, and
repeats of the same thing by the same person on the same day folded into one line ("3 times").
People are named as `export.audit_actor` names them (a name with their role in the bureau, "you",
or "someone at the bureau"), never by e-mail address; record numbers and field names never show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from buurtbaan.audit import describe as audit_describe
from buurtbaan.audit.models import AuditAction
from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.matching.models import MatchStatus
from buurtbaan.residents import export
from buurtbaan.residents.models import ConsentScope, Resident

# (object type, action) → (sentence about someone of the bureau, sentence about the resident).
# Each takes %(who)s and %(date)s; None when there is no sentence for that actor.
SENTENCES = {
    ("residents.resident", AuditAction.VIEW): (
        gettext_lazy("%(who)s viewed your details on %(date)s"),
        gettext_lazy("You viewed your details on %(date)s"),
    ),
    ("residents.resident", AuditAction.CHANGE): (
        gettext_lazy("%(who)s changed your details on %(date)s"),
        gettext_lazy("You changed your details on %(date)s"),
    ),
    ("residents.resident", AuditAction.CREATE): (
        gettext_lazy("%(who)s put you in the talent bank on %(date)s"),
        gettext_lazy("You signed up on %(date)s"),
    ),
    ("residents.resident", AuditAction.EXPORT): (
        gettext_lazy("%(who)s downloaded your data on %(date)s"),
        gettext_lazy("You downloaded your data on %(date)s"),
    ),
    ("residents.barrier", AuditAction.CREATE): (
        gettext_lazy("%(who)s wrote down a barrier on %(date)s"),
        None,
    ),
    ("residents.barrier", AuditAction.CHANGE): (
        gettext_lazy("%(who)s changed a barrier on %(date)s"),
        None,
    ),
    ("residents.intake", AuditAction.CREATE): (
        gettext_lazy("%(who)s started an intake with you on %(date)s"),
        None,
    ),
    ("residents.intake", AuditAction.CHANGE): (
        gettext_lazy("%(who)s wrote in your intake on %(date)s"),
        None,
    ),
    ("residents.intake", AuditAction.VIEW): (
        gettext_lazy("%(who)s viewed your intake on %(date)s"),
        None,
    ),
    ("residents.sensitivenote", AuditAction.CREATE): (
        gettext_lazy("%(who)s wrote a confidential note on %(date)s"),
        None,
    ),
    ("residents.publicprofile", AuditAction.CREATE): (
        gettext_lazy("%(who)s made your public profile on %(date)s"),
        gettext_lazy("You made your public profile on %(date)s"),
    ),
    ("residents.publicprofile", AuditAction.CHANGE): (
        gettext_lazy("%(who)s changed your public profile on %(date)s"),
        gettext_lazy("You changed your public profile on %(date)s"),
    ),
    ("residents.publicprofile", AuditAction.DELETE): (
        gettext_lazy("%(who)s removed your public profile on %(date)s"),
        gettext_lazy("You removed your public profile on %(date)s"),
    ),
    ("residents.erasurerequest", AuditAction.CREATE): (
        gettext_lazy("%(who)s asked for your data to be erased on %(date)s"),
        gettext_lazy("You asked to erase your data on %(date)s"),
    ),
    ("residents.erasurerequest", AuditAction.CHANGE): (
        gettext_lazy("%(who)s decided on your request to erase your data on %(date)s"),
        None,
    ),
    ("residents.accessrequest", AuditAction.CREATE): (
        gettext_lazy("%(who)s registered your request to see all your data on %(date)s"),
        gettext_lazy("You asked to see all your data on %(date)s"),
    ),
    ("residents.accessrequest", AuditAction.CHANGE): (
        gettext_lazy("%(who)s answered your request to see all your data on %(date)s"),
        None,
    ),
    ("residents.accessrequest", AuditAction.EXPORT): (
        gettext_lazy("%(who)s downloaded all your data on %(date)s"),
        gettext_lazy("You downloaded all your data on %(date)s"),
    ),
    ("accounts.user", AuditAction.CHANGE): (
        gettext_lazy("%(who)s changed your account on %(date)s"),
        gettext_lazy("You changed your account on %(date)s"),
    ),
    ("", AuditAction.LOGIN): (None, gettext_lazy("You logged in on %(date)s")),
    ("", AuditAction.LOGOUT): (None, gettext_lazy("You logged out on %(date)s")),
}
# Consent given or withdrawn is a change of the resident with `consent.<scope>` fields.
CONSENT = (
    gettext_lazy("%(who)s recorded your consent on %(date)s"),
    gettext_lazy("You changed your consent on %(date)s"),
)
# The resident's answer to a proposal of work (`matching.actions.resident_accepts` / `_declines`).
ANSWERS = {
    "accepted": (
        gettext_lazy("%(who)s wrote down that you said yes to %(what)s on %(date)s"),
        gettext_lazy("You said yes to %(what)s on %(date)s"),
    ),
    "declined": (
        gettext_lazy("%(who)s wrote down that you said no to %(what)s on %(date)s"),
        gettext_lazy("You said no to %(what)s on %(date)s"),
    ),
}
# Reading the sensitive notes is an entry on the resident with this field (`read_sensitive_notes`).
READ_NOTES = gettext_lazy("%(who)s read the confidential notes about you on %(date)s")
# Anything else, with the record in the resident's words (`audit.describe`): "Anna (coach) changed
# your match with Lampen ophangen on 2 Dec 2026" / "You changed your match with … on …".
ANYTHING = gettext_lazy("%(who)s %(action)s %(what)s on %(date)s")
ANYTHING_OWN = gettext_lazy("You %(action)s %(what)s on %(date)s")
#: Field names in the log that are not fields of a resident, in the resident's words.
PARTS = {
    "all": None,
    "audit_log": gettext_lazy("who viewed or changed your data"),
    "sensitive_notes": gettext_lazy("confidential notes"),
    "network": gettext_lazy("your personal network"),
    "is_active": gettext_lazy("your account confirmed"),
    "talents": gettext_lazy("talents"),
    "dreams": gettext_lazy("dream jobs"),
    "coach": gettext_lazy("coach"),
}


@dataclass
class Line:
    """One sentence of the resident's activity log: `text`, the `parts` concerned, `count` times."""

    at: object
    text: str
    parts: list[str] = field(default_factory=list)
    count: int = 1
    key: tuple = ()
    #: For a read: the page it was on, in words ("the talent bank").
    page: str = ""

    @property
    def month(self) -> str:
        return date_format(timezone.localtime(self.at), "F Y")

    @property
    def count_label(self) -> str:
        return ngettext("%(count)s time", "%(count)s times", self.count) % {"count": self.count}


def _roles(resident: Resident, entries) -> dict[int, str]:
    """The role in the resident's bureau of every actor in `entries`, as a word. One query."""
    actor_ids = {entry.actor_id for entry in entries if entry.actor_id}
    actor_ids.discard(resident.user_id)
    memberships = Membership.objects.filter(bureau_id=resident.bureau_id, user_id__in=actor_ids)
    labels = {}
    for membership in memberships.order_by("is_active"):
        labels[membership.user_id] = str(Role(membership.role).label)
    return labels


def _who(entry, resident: Resident, roles: dict[int, str]) -> str:
    name = export.audit_actor(entry, resident)
    role = roles.get(entry.actor_id)
    if role is None and entry.actor is not None and entry.actor.is_superuser:
        role = str(_("platform administrator"))
    return f"{name} ({role})" if role else name


def _part(name: str, object_type: str = "residents.resident") -> str | None:
    """A field of the log in the resident's words; never the field's name."""
    if name in PARTS:
        return str(PARTS[name]) if PARTS[name] is not None else None
    if name.startswith("consent."):
        scope = name.removeprefix("consent.")
        label = dict(ConsentScope.choices).get(scope, scope)
        return str(label)
    return audit_describe.field_words(object_type or "residents.resident", name)


def _what(entry, words=None) -> str:
    if words is not None and words.record is not None:
        return words.record.words
    try:
        return str(apps.get_model(entry.object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return str(_("your data"))


def _answer_to_proposal(entry) -> str | None:
    """ "accepted" or "declined" when the entry is the resident's answer to a proposal."""
    if (entry.object_type, entry.action) != ("matching.match", AuditAction.CHANGE):
        return None
    if list(entry.fields or []) == ["accepted_at"]:
        return "accepted"
    if entry.note == f"→ {MatchStatus.DECLINED}":
        return "declined"
    return None


def describe(entry, resident: Resident, roles: dict[int, str], words=None) -> Line:
    """One entry as a sentence in the resident's words."""
    is_self = entry.actor_id is not None and entry.actor_id == resident.user_id
    # Nobody logged in creates a record only by signing up on the public form: the resident.
    is_self = is_self or (
        entry.actor_id is None
        and entry.actor_label == "anoniem"
        and (entry.object_type, entry.action) == ("residents.resident", AuditAction.CREATE)
    )
    when = date_format(timezone.localtime(entry.at), "j b Y")
    fields = list(entry.fields or [])
    sentence = None
    if entry.action == AuditAction.VIEW and "sensitive_notes" in fields:
        sentence = READ_NOTES
        fields = [name for name in fields if name != "sensitive_notes"]
    else:
        others, own = SENTENCES.get((entry.object_type, entry.action), (None, None))
        if fields and all(name.startswith("consent.") for name in fields):
            others, own = CONSENT
        answer = _answer_to_proposal(entry)
        if answer is not None:
            (others, own), fields = ANSWERS[answer], []
        sentence = own if is_self and own is not None else others
    who = "" if is_self else _who(entry, resident, roles)
    if sentence is None:
        text = str(ANYTHING_OWN if is_self else ANYTHING) % {
            "who": who,
            "what": _what(entry, words),
            "action": entry.get_action_display(),
            "date": when,
        }
    else:
        text = str(sentence) % {"who": who, "date": when, "what": _what(entry, words)}
    text = text[0].upper() + text[1:]
    parts = [part for part in (_part(name, entry.object_type) for name in fields) if part]
    page = words.page if words is not None and entry.action == AuditAction.VIEW else ""
    key = (
        entry.actor_id,
        entry.actor_label,
        entry.object_type,
        entry.action,
        when,
        tuple(parts),
        page,
    )
    return Line(at=entry.at, text=text, parts=parts, key=key, page=page)


def activity_lines(entries, resident: Resident) -> list[Line]:
    """The entries (newest first) as lines; the same thing by the same person on the same day, one
    after the other, is one line with a count. One query for the actors' roles, and one per kind of
    record the entries name (`audit.describe`)."""
    entries = list(entries)
    roles = _roles(resident, entries)
    viewer = audit_describe.Viewer(resident=resident)
    described = audit_describe.describe_entries(entries, viewer=viewer)
    lines: list[Line] = []
    for entry, words in zip(entries, described, strict=True):
        line = describe(entry, resident, roles, words)
        if lines and lines[-1].key == line.key:
            lines[-1].count += 1
        else:
            lines.append(line)
    return lines
