"""Audit entries in words: what was done, to which record, which parts, on which page.

The log stores references (`object_type`, `object_id`, field names, a page name in `note`), never
the data itself. This module turns them into what a person reads: "gewijzigd · de match van Sandra
de Vries met Lampen ophangen · aangenomen door de bewoner op", instead of "match #1 · accepted_at".

`describe_entries(entries, viewer=...)` describes a page of entries with one query per kind of
record on the page (never one per entry): the records named by the entries, by the pages of read
entries ("candidates piece #12") and by list reads ("talent bank search: #3, #8") are fetched in
batches. What it says depends on who reads it (`Viewer`):

- staff (the audit log) read records by name, linked where their role may open them (the access
  rules of `residents.permissions` and the role of the member);
- a resident reading about themselves (`Viewer(resident=...)`) reads "your details", "your match
  with …"; another resident is never named, and nothing is linked.

Field names become the field's `verbose_name` in the active language (`consent.matching` and other
dotted names through `FIELD_WORDS` and `_dotted_field`); page names of read entries through
`PAGES`. `tests/audit/test_describe.py` finds every page name the code passes to `audit.reads` and
fails on one without words, so a new page cannot be forgotten.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtbaan.audit.models import AuditAction


@dataclass
class Viewer:
    """Who reads the log: a member of the bureau (`membership`) or a resident about themselves."""

    membership: object = None
    resident: object = None
    #: The residents named to this viewer so far (`named_residents`), for the log page's read entry.
    named: dict = field(default_factory=dict)

    @property
    def is_staff(self) -> bool:
        return self.resident is None and bool(
            self.membership is not None and self.membership.is_staff_member
        )

    @property
    def bureau_slug(self) -> str:
        if self.membership is not None:
            return self.membership.bureau.slug
        return self.resident.bureau.slug

    def is_self(self, resident_id) -> bool:
        return self.resident is not None and resident_id == self.resident.pk

    def is_own_account(self, user_id) -> bool:
        return (
            self.resident is not None and user_id is not None and user_id == self.resident.user_id
        )

    def sees_profile(self, resident) -> bool:
        from buurtbaan.residents.permissions import can_see_profile

        return self.is_staff and can_see_profile(self.membership, resident)


@dataclass
class Record:
    """A record in words, and where the viewer may open it (None: nowhere)."""

    words: str
    url: str | None = None


@dataclass
class Description:
    """One audit entry in words. `shown` holds the records of a list read (`shown_words` says how
    many: "2 bewoners"); `page` the page a read was on."""

    entry: object
    action: str
    record: Record | None
    fields: list[str] = field(default_factory=list)
    page: str = ""
    shown: list[Record] = field(default_factory=list)
    shown_words: str = ""
    shown_more: int = 0


# --- Records -----------------------------------------------------------------------------------


def _url(name: str, viewer: Viewer, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs={"bureau_slug": viewer.bureau_slug, **kwargs})
    except NoReverseMatch:
        return None


def _resident_name(resident, viewer: Viewer) -> str:
    """A resident as the viewer may read them: staff by name, a resident only themselves."""
    if viewer.is_self(resident.pk):
        return _("you")
    if viewer.is_staff:
        viewer.named[resident.pk] = resident
        return str(resident)
    return _("another resident")


def _user_name(user, viewer: Viewer) -> str:
    if viewer.is_own_account(user.pk):
        return _("you")
    if viewer.is_staff:
        return user.get_full_name() or user.email
    return _("someone at the bureau")


def _resident_url(resident, viewer: Viewer) -> str | None:
    from buurtbaan.residents.permissions import can_see_talent_bank

    if viewer.is_staff and can_see_talent_bank(viewer.membership):
        return _url("residents:resident-detail", viewer, pk=resident.pk)
    return None


def _staff_url(name: str, viewer: Viewer, **kwargs) -> str | None:
    return _url(name, viewer, **kwargs) if viewer.is_staff else None


def _resident_record(obj, viewer: Viewer) -> Record:
    if viewer.is_self(obj.pk):
        return Record(_("your details"), _url("residents:mydata", viewer))
    if not viewer.is_staff:
        return Record(_("another resident"))
    return Record(
        _("resident %(name)s") % {"name": _resident_name(obj, viewer)}, _resident_url(obj, viewer)
    )


def _part_of_resident(mine: str, theirs: str, url_name: str | None = None):
    """A record that belongs to one resident ("your intake" / "the intake of Sandra de Vries"),
    linked to `url_name` (or to the resident) for staff who may see the resident's profile."""

    def describe(obj, viewer: Viewer) -> Record:
        resident = obj.resident
        if viewer.is_self(resident.pk):
            return Record(str(mine))
        words = str(theirs) % {"name": _resident_name(resident, viewer)}
        if not viewer.sees_profile(resident):
            return Record(words)
        if url_name:
            return Record(words, _staff_url(url_name, viewer, pk=obj.pk))
        return Record(words, _resident_url(resident, viewer))

    return describe


def _user_record(obj, viewer: Viewer) -> Record:
    if viewer.is_own_account(obj.pk):
        return Record(_("your account"))
    return Record(_("the account of %(name)s") % {"name": _user_name(obj, viewer)})


def _membership_record(obj, viewer: Viewer) -> Record:
    if viewer.is_own_account(obj.user_id):
        return Record(_("your role in the bureau"))
    return Record(
        _("the role of %(name)s") % {"name": _user_name(obj.user, viewer)},
        _staff_url("bureaus:member-list", viewer) if _is_coordinator(viewer) else None,
    )


def _is_coordinator(viewer: Viewer) -> bool:
    return viewer.is_staff and viewer.membership.is_coordinator


def _match_record(obj, viewer: Viewer) -> Record:
    title = obj.piece.title
    if viewer.is_self(obj.resident_id):
        return Record(
            _("the proposal for %(piece)s") % {"piece": title},
            _url("matching:my-proposals", viewer),
        )
    words = _("the match of %(name)s with %(piece)s") % {
        "name": _resident_name(obj.resident, viewer),
        "piece": title,
    }
    if viewer.sees_profile(obj.resident):
        return Record(words, _staff_url("matching:match-detail", viewer, pk=obj.pk))
    return Record(words)


def _titled(words, url_name: str | None = None, title: Callable = lambda obj: obj.title):
    """A record named by its title ("the piece of work Lampen ophangen"), linked for staff."""

    def describe(obj, viewer: Viewer) -> Record:
        text = str(words) % {"title": title(obj)}
        return Record(text, _staff_url(url_name, viewer, pk=obj.pk) if url_name else None)

    return describe


def _quote_record(obj, viewer: Viewer) -> Record:
    words = _("the quote %(title)s") % {"title": obj.title}
    client = obj.client_resident
    if viewer.is_staff and (client is None or viewer.sees_profile(client)):
        return Record(words, _staff_url("quotes:quote-detail", viewer, pk=obj.pk))
    return Record(words)


def _quote_line_record(obj, viewer: Viewer) -> Record:
    record = _quote_record(obj.quote, viewer)
    return Record(_("a line of %(quote)s") % {"quote": record.words}, record.url)


def _response_record(obj, viewer: Viewer) -> Record:
    title = obj.item.title
    if viewer.is_self(obj.resident_id) or viewer.is_own_account(obj.user_id):
        return Record(_("your response to %(title)s") % {"title": title})
    return Record(
        _("a response to %(title)s") % {"title": title},
        _staff_url("board:item-detail", viewer, pk=obj.item_id),
    )


def _introduction_record(obj, viewer: Viewer) -> Record:
    if viewer.is_self(obj.resident_id):
        return Record(
            _("an introduction of you to %(organisation)s") % {"organisation": obj.organisation}
        )
    words = _("the introduction of %(name)s to %(organisation)s") % {
        "name": _resident_name(obj.resident, viewer),
        "organisation": obj.organisation.name,
    }
    return Record(words)


def _participant_record(obj, viewer: Viewer) -> Record:
    words = _("%(name)s in the impact assignment %(title)s") % {
        "name": _resident_name(obj.resident, viewer),
        "title": obj.assignment.title,
    }
    if viewer.sees_profile(obj.resident):
        return Record(words, _staff_url("impact:participant-list", viewer, pk=obj.assignment_id))
    return Record(words)


def _target_record(obj, viewer: Viewer) -> Record:
    return Record(
        _("a target of the impact assignment %(title)s") % {"title": obj.assignment.title},
        _staff_url("impact:assignment-detail", viewer, pk=obj.assignment_id),
    )


def _round_record(obj, viewer: Viewer) -> Record:
    when = date_format(timezone.localtime(obj.run_at), "j F Y")
    return Record(
        _("the matching round of %(date)s") % {"date": when},
        _staff_url("matching:round-detail", viewer, pk=obj.pk),
    )


def _relation_record(obj, viewer: Viewer) -> Record:
    if viewer.is_self(obj.resident_id):
        return Record(_("someone in your personal network"))
    return Record(
        _("someone in the personal network of %(name)s")
        % {"name": _resident_name(obj.resident, viewer)},
        _resident_url(obj.resident, viewer) if viewer.sees_profile(obj.resident) else None,
    )


@dataclass(frozen=True)
class Kind:
    """How to fetch and name the records of one model (`select_related` for the names)."""

    related: tuple[str, ...]
    describe: Callable


#: Records by `object_type`. A kind not here is named by its model's verbose name ("a quote line").
KINDS: dict[str, Kind] = {
    "residents.resident": Kind((), _resident_record),
    "accounts.user": Kind((), _user_record),
    "bureaus.membership": Kind(("user",), _membership_record),
    "bureaus.bureau": Kind((), _titled(gettext_lazy("the bureau %(title)s"), None, str)),
    "matching.match": Kind(("resident", "piece"), _match_record),
    "matching.matchinground": Kind((), _round_record),
    "work.pieceofwork": Kind(
        (), _titled(gettext_lazy("the piece of work %(title)s"), "work:piece-detail")
    ),
    "work.purpose": Kind((), _titled(gettext_lazy("the purpose %(title)s"), "work:purpose-detail")),
    "board.boarditem": Kind(
        (), _titled(gettext_lazy("the post %(title)s on the bulletin board"), "board:item-detail")
    ),
    "board.response": Kind(("item",), _response_record),
    "board.helprequest": Kind(
        ("organisation",),
        _titled(
            gettext_lazy("a help request of %(title)s"),
            "board:helprequest-detail",
            lambda obj: obj.organisation.name if obj.organisation_id else _("a resident"),
        ),
    ),
    "organisations.organisation": Kind(
        (),
        _titled(
            gettext_lazy("the organisation %(title)s"),
            "organisations:organisation-detail",
            lambda obj: obj.name,
        ),
    ),
    "organisations.personalrelation": Kind(("resident",), _relation_record),
    "pool.introductionrequest": Kind(("resident", "organisation"), _introduction_record),
    "quotes.quote": Kind(("client_resident",), _quote_record),
    "quotes.quoteline": Kind(("quote__client_resident",), _quote_line_record),
    "impact.impactassignment": Kind(
        (),
        _titled(gettext_lazy("the impact assignment %(title)s"), "impact:assignment-detail"),
    ),
    "impact.impacttarget": Kind(("assignment",), _target_record),
    "impact.impactparticipant": Kind(("resident", "assignment"), _participant_record),
    "residents.barrier": Kind(
        ("resident",),
        _part_of_resident(
            gettext_lazy("one of your barriers"), gettext_lazy("a barrier of %(name)s")
        ),
    ),
    "residents.intake": Kind(
        ("resident",),
        _part_of_resident(gettext_lazy("your intake"), gettext_lazy("the intake of %(name)s")),
    ),
    "residents.sensitivenote": Kind(
        ("resident",),
        _part_of_resident(
            gettext_lazy("a confidential note about you"),
            gettext_lazy("a confidential note about %(name)s"),
        ),
    ),
    "residents.publicprofile": Kind(
        ("resident",),
        _part_of_resident(
            gettext_lazy("your public profile"), gettext_lazy("the public profile of %(name)s")
        ),
    ),
    "residents.erasurerequest": Kind(
        ("resident",),
        _part_of_resident(
            gettext_lazy("your request to erase your data"),
            gettext_lazy("the erasure request of %(name)s"),
            "residents:erasure-detail",
        ),
    ),
    "residents.accessrequest": Kind(
        ("resident",),
        _part_of_resident(
            gettext_lazy("your request to see all your data"),
            gettext_lazy("the access request of %(name)s"),
            "residents:access-detail",
        ),
    ),
}


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _kind_words(object_type: str) -> str:
    """What a record is when it cannot be named (removed since, or a kind without a name)."""
    model = _model(object_type)
    if model is None:
        return _("a record")
    return str(model._meta.verbose_name)


def _for_gone(object_type: str) -> Record:
    return Record(_("%(kind)s (no longer there)") % {"kind": _kind_words(object_type)})


# --- Fields ------------------------------------------------------------------------------------

#: Names in `fields` that are not (or not only) a field of the record's model.
FIELD_WORDS = {
    "all": gettext_lazy("everything"),
    "audit_log": gettext_lazy("who viewed or changed the data"),
    "sensitive_notes": gettext_lazy("confidential notes"),
    "network": gettext_lazy("personal network"),
    "talents": gettext_lazy("talents"),
    "dreams": gettext_lazy("dream jobs"),
    "subsidiarity_answers": gettext_lazy("the five questions about the scale level"),
    "pieces": gettext_lazy("pieces of work"),
    "responses": gettext_lazy("responses"),
    "client": gettext_lazy("client"),
    "pdf": gettext_lazy("PDF"),
    "file": gettext_lazy("file"),
    "user": gettext_lazy("account"),
}
#: `consent.<scope>`: consent given or withdrawn for a scope.
CONSENT_WORDS = {
    "coaches": gettext_lazy("consent to share with the other coaches"),
    "partners": gettext_lazy("consent for the employer pool"),
    "public_profile": gettext_lazy("consent for a public profile"),
    "matching": gettext_lazy("consent for matching"),
}


def _dotted_field(name: str) -> str | None:
    prefix, _dot, rest = name.partition(".")
    if prefix == "consent":
        if rest in CONSENT_WORDS:
            return str(CONSENT_WORDS[rest])
        from buurtbaan.residents.models import ConsentScope

        label = dict(ConsentScope.choices).get(rest)
        return _("consent: %(scope)s") % {"scope": label} if label else str(_("consent"))
    if prefix == "step":
        from buurtbaan.residents.models import INTAKE_STEP_KEYS

        labels = {key: label for step, key in INTAKE_STEP_KEYS.items() for label in [step.label]}
        label = labels.get(rest)
        return (
            _("intake step %(step)s") % {"step": label} if label else str(_("a step of the intake"))
        )
    return None


def field_words(object_type: str, name: str) -> str:
    """A field of a record in the active language: its `verbose_name`, or the words of
    `FIELD_WORDS`; an unknown name becomes words without underscores, never the bare name."""
    if "." in name:
        words = _dotted_field(name)
        if words:
            return words
    if name in FIELD_WORDS:
        return str(FIELD_WORDS[name])
    model = _model(object_type)
    if model is not None:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None
        if model_field is not None:
            if getattr(model_field, "verbose_name", None):
                return str(model_field.verbose_name)
            if model_field.related_model is not None:
                return str(model_field.related_model._meta.verbose_name_plural)
    return name.replace("_", " ").replace(".", " ")


# --- Pages of read entries -----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A page of the read audit in words. `{}` in the page name stands for a number (a record's
    id); `model` says what the first number is, and `words` may name it with `%(record)s`. `plain`
    is for when it cannot be named (a resident reading, a record removed since)."""

    words: object
    plain: object = None
    model: str = ""


#: Page names given to `audit.reads` (`page=`), in words. `{}` matches a number or a word
#: (`f"piece #{piece.pk} story"` is `"piece #{} story"`). Add one for every new page:
#: `tests/audit/test_describe.py` fails on a page name that is not here.
PAGES: dict[str, Page] = {
    "resident detail": Page(gettext_lazy("the resident's file")),
    "resident edit {}": Page(gettext_lazy("editing the resident's file")),
    "talent bank": Page(gettext_lazy("the talent bank")),
    "talent bank search": Page(gettext_lazy("a search in the talent bank")),
    "barrier create": Page(gettext_lazy("adding a barrier")),
    "consents": Page(gettext_lazy("the consents")),
    "intakes": Page(gettext_lazy("the intakes")),
    "intake #{} step {}": Page(gettext_lazy("a step of the intake")),
    "sensitive notes": Page(gettext_lazy("the confidential notes")),
    "possible duplicates": Page(gettext_lazy("the possible duplicates")),
    "erasure requests": Page(gettext_lazy("the list of erasure requests")),
    "erasure request #{}": Page(gettext_lazy("an erasure request")),
    "access requests": Page(gettext_lazy("the list of access requests")),
    "access request": Page(gettext_lazy("an access request")),
    "register access request": Page(gettext_lazy("registering an access request")),
    "access request #{}: review": Page(gettext_lazy("reviewing an access request")),
    "personal network": Page(gettext_lazy("the personal network")),
    "personal relation #{}": Page(gettext_lazy("someone in the personal network")),
    "suggested work": Page(gettext_lazy("the suggested work")),
    "matches": Page(gettext_lazy("the list of matches")),
    "match #{}": Page(gettext_lazy("%(record)s"), gettext_lazy("a match"), "matching.match"),
    "candidates piece #{}": Page(
        gettext_lazy("the candidates for %(record)s"),
        gettext_lazy("the candidates for a piece of work"),
        "work.pieceofwork",
    ),
    "round #{}": Page(
        gettext_lazy("%(record)s"), gettext_lazy("a matching round"), "matching.matchinground"
    ),
    "quotes": Page(gettext_lazy("the list of quotes")),
    "detail quote #{}": Page(gettext_lazy("%(record)s"), gettext_lazy("a quote"), "quotes.quote"),
    "edit quote #{}": Page(
        gettext_lazy("editing %(record)s"), gettext_lazy("editing a quote"), "quotes.quote"
    ),
    "decision quote #{}": Page(
        gettext_lazy("the decision on %(record)s"),
        gettext_lazy("the decision on a quote"),
        "quotes.quote",
    ),
    "print quote #{}": Page(
        gettext_lazy("the print page of %(record)s"),
        gettext_lazy("the print page of a quote"),
        "quotes.quote",
    ),
    "impact participants": Page(gettext_lazy("the participants of the impact assignments")),
    "impact participant #{}": Page(
        gettext_lazy("%(record)s"),
        gettext_lazy("a participant of an impact assignment"),
        "impact.impactparticipant",
    ),
    "impact target #{}": Page(
        gettext_lazy("the figures behind %(record)s"),
        gettext_lazy("the figures behind a target of an impact assignment"),
        "impact.impacttarget",
    ),
    "purposes asked by": Page(gettext_lazy("the mountain of work")),
    "purpose #{} asked by": Page(
        gettext_lazy("%(record)s"), gettext_lazy("a purpose"), "work.purpose"
    ),
    "piece #{} asked by": Page(
        gettext_lazy("%(record)s"), gettext_lazy("a piece of work"), "work.pieceofwork"
    ),
    "employer pool": Page(gettext_lazy("the employer pool")),
    "introduction request": Page(gettext_lazy("asking for an introduction")),
    "audit log": Page(gettext_lazy("the audit log")),
    # The whole story of a resident and of a piece of work (issue 10).
    "resident #{} story": Page(gettext_lazy("the story of the resident")),
    "piece #{} story": Page(
        gettext_lazy("the story of %(record)s"),
        gettext_lazy("the story of a piece of work"),
        "work.pieceofwork",
    ),
    "resident story": Page(gettext_lazy("the story of the resident")),
    # Reviewing a matching round pair by pair (issue 10).
    "round #{} pair": Page(gettext_lazy("a pair of a matching round")),
    # plural-ok: "{}" is the round's id, not a count
    "round #{} pair options": Page(
        gettext_lazy("the other choices for a pair of a matching round")
    ),
    # The resident search field in forms (residents.lookup) and its suggestions.
    "resident lookup": Page(gettext_lazy("a search for a resident")),
    "piece form": Page(gettext_lazy("the form of a piece of work")),
    "purpose form": Page(gettext_lazy("the form of a purpose")),
    "help request piece form": Page(gettext_lazy("turning a help request into work")),
    "impact participant form": Page(gettext_lazy("adding a participant to an impact assignment")),
    "quote form": Page(gettext_lazy("the form of a quote")),
    "personal relation form": Page(gettext_lazy("the form of a helper in the personal network")),
    "introductions": Page(gettext_lazy("the list of introductions")),
    "introduction #{}": Page(
        gettext_lazy("%(record)s"), gettext_lazy("an introduction"), "pool.introductionrequest"
    ),
}


def _pattern(template: str) -> re.Pattern:
    parts = [re.escape(part) for part in template.split("{}")]
    return re.compile("^" + r"(\w+)".join(parts) + "$")


_PATTERNS: list[tuple[re.Pattern, str]] = []


def find_page(name: str) -> tuple[Page, list[str]] | None:
    """The `Page` for a page name as written in the log ("candidates piece #12"), with what its
    `{}` stood for (["12"]); None for a name without words."""
    if len(_PATTERNS) != len(PAGES):
        _PATTERNS[:] = [(_pattern(template), template) for template in PAGES]
    if name in PAGES:
        return PAGES[name], []
    for pattern, template in _PATTERNS:
        match = pattern.match(name)
        if match:
            return PAGES[template], list(match.groups())
    return None


#: A list read's note: "talent bank search: #3, #8" or "… : #3, … +12" (`reads._shown`).
LIST_NOTE = re.compile(r"^(?P<page>.+?):(?P<ids>(?: #\d+,?)*)(?: … \+(?P<more>\d+))?$")
LIST_LABEL = re.compile(r"^(?P<count>\d+) × ")


@dataclass
class _Read:
    page_name: str
    ids: list[int]
    more: int
    count: int


def _parse_read(entry) -> _Read | None:
    """What a read entry says about its page and (for a list) its records."""
    if entry.action != AuditAction.VIEW or not entry.note:
        return None
    if entry.object_id or find_page(entry.note):
        return _Read(entry.note, [], 0, 0)
    match = LIST_NOTE.match(entry.note)
    if match is None:
        return _Read(entry.note, [], 0, 0)
    ids = [int(pk) for pk in re.findall(r"#(\d+)", match["ids"])]
    more = int(match["more"] or 0)
    label = LIST_LABEL.match(entry.object_label or "")
    count = int(label["count"]) if label else len(ids) + more
    return _Read(match["page"], ids, more, count)


def _count_words(object_type: str, count: int) -> str:
    model = _model(object_type)
    if model is None:
        return str(count)
    meta = model._meta
    noun = meta.verbose_name if count == 1 else meta.verbose_name_plural
    return f"{count} {noun}"


# --- Describing a page of entries ---------------------------------------------------------------


def _fetch(wanted: dict[str, set[int]]) -> dict[tuple[str, int], object]:
    """The records wanted, by (object type, id): one query per kind of record."""
    found = {}
    for object_type, ids in wanted.items():
        kind = KINDS.get(object_type)
        model = _model(object_type)
        if kind is None or model is None or not ids:
            continue
        queryset = model._default_manager.filter(pk__in=ids)
        if kind.related:
            queryset = queryset.select_related(*kind.related)
        # The profile rule (`can_see_profile`) reads a resident's consents: fetch them with them.
        consents = [
            f"{name}__consents" for name in kind.related if name.split("__")[-1] in RESIDENT_FIELDS
        ]
        if object_type == "residents.resident":
            consents = ["consents"]
        if consents:
            queryset = queryset.prefetch_related(*consents)
        for obj in queryset:
            found[(object_type, obj.pk)] = obj
    return found


#: Foreign keys to a resident in `Kind.related`.
RESIDENT_FIELDS = {"resident", "client_resident"}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _record(object_type: str, pk, found: dict, viewer: Viewer) -> Record | None:
    if not object_type:
        return None
    pk = _int(pk)
    obj = found.get((object_type, pk))
    if obj is not None:
        return KINDS[object_type].describe(obj, viewer)
    if object_type in KINDS and pk is not None:
        return _for_gone(object_type)
    return Record(_kind_words(object_type))


def _page_words(read: _Read, found: dict, viewer: Viewer) -> str:
    match = find_page(read.page_name)
    if match is None:
        return ""
    page, values = match
    plain = page.plain or page.words
    if not page.model:
        return str(page.words)
    pk = _int(values[0]) if values else None
    obj = found.get((page.model, pk))
    if obj is None or not viewer.is_staff:
        return str(plain)
    return str(page.words) % {"record": KINDS[page.model].describe(obj, viewer).words}


def describe_entries(entries: Iterable, *, viewer: Viewer) -> list[Description]:
    """The entries in words for `viewer`; one query per kind of record named on the page."""
    entries = list(entries)
    reads = {entry.pk: _parse_read(entry) for entry in entries}
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.object_type and entry.object_id and _int(entry.object_id) is not None:
            wanted[entry.object_type].add(int(entry.object_id))
        read = reads[entry.pk]
        if read is None:
            continue
        if read.ids and viewer.is_staff:
            wanted[entry.object_type].update(read.ids)
        match = find_page(read.page_name)
        if match and match[0].model and match[1] and _int(match[1][0]) is not None:
            wanted[match[0].model].add(int(match[1][0]))
    found = _fetch(wanted)
    return [_describe(entry, reads[entry.pk], found, viewer) for entry in entries]


def _describe(entry, read: _Read | None, found: dict, viewer: Viewer) -> Description:
    fields = [field_words(entry.object_type, name) for name in entry.fields or []]
    description = Description(
        entry=entry,
        action=str(entry.get_action_display()),
        record=None,
        fields=[words for words in fields if words],
    )
    if read is not None:
        description.page = _page_words(read, found, viewer)
    if read is not None and not entry.object_id and read.count:
        description.shown_words = _count_words(entry.object_type, read.count)
        if viewer.is_staff:
            description.shown = [_record(entry.object_type, pk, found, viewer) for pk in read.ids]
            description.shown_more = read.more
    elif entry.object_type:
        description.record = _record(entry.object_type, entry.object_id, found, viewer)
    return description


def describe_entry(entry, *, viewer: Viewer) -> Description:
    """One entry in words (a few queries; use `describe_entries` for a page of them)."""
    return describe_entries([entry], viewer=viewer)[0]


def named_residents(viewer: Viewer) -> list:
    """The residents `describe_entries` named to this viewer, for the read audit of a page."""
    return list(viewer.named.values())
