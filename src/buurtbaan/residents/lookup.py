"""Pick a resident by searching for their name, instead of a drop-down of every resident.

A form field (`ResidentLookupField`) shows a search box, a "Search" button and, as radio buttons,
the residents whose name matches what was typed (at most `LIMIT`), with the one chosen so far.

- **Without JavaScript** the "Search" button submits the whole form. A form with
  `ResidentLookupFormMixin` then is not valid and has no errors: the view renders it again as
  typed, now with the residents found, and nothing is saved until the user presses the form's own
  button. Views need no change beyond passing `request` to the form.
- **With htmx** the search box asks `residents:resident-lookup` for the matching residents as
  the user types, and swaps only the radio buttons.

Only residents whose profile the member may see (`permissions.visible_profiles_q`) are found or
accepted, unless the form asks for `everyone=True` (every current resident of the bureau, by name
only: a form that always offered all of them, such as a helper in someone's network), and minus
the residents in `exclude` (e.g. those already taking part). A record's current resident that the member may not see is kept as "someone whose profile
you may not see", without a name. Each search that shows residents writes a read entry like other
lists (`audit.reads.log_list_view`), never the typed words.
"""

from __future__ import annotations

import re

from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from buurtbaan.audit.reads import log_list_view
from buurtbaan.residents.models import Resident
from buurtbaan.residents.permissions import visible_profiles_q

#: At most this many residents are shown for one search: type more of the name to narrow it.
LIMIT = 10
#: Searches shorter than this find nobody (one letter matches half the talent bank).
MIN_LENGTH = 2
FIELD_NAME = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


def visible_residents(request) -> QuerySet[Resident]:
    """The current residents of the request's bureau whose profile the member may see."""
    membership = getattr(request, "membership", None)
    return (
        Resident.objects.current()
        .filter(bureau=request.bureau)
        .filter(visible_profiles_q(membership))
        .only("first_name", "last_name", "is_anonymised", "bureau_id")
    )


def bureau_residents(request) -> QuerySet[Resident]:
    """Every current resident of the request's bureau, for forms that name any of them."""
    return (
        Resident.objects.current()
        .filter(bureau=request.bureau)
        .only("first_name", "last_name", "is_anonymised", "bureau_id")
    )


def choosable_residents(request, *, everyone=False, exclude=()) -> QuerySet[Resident]:
    """The residents a lookup field finds and accepts: see the module docstring."""
    residents = bureau_residents(request) if everyone else visible_residents(request)
    excluded = [pk for pk in exclude if str(pk).isdigit()]
    return residents.exclude(pk__in=excluded) if excluded else residents


def lookup_query(*, name, everyone, exclude) -> str:
    """The query string of `residents:resident-lookup` for one field (htmx)."""
    params = [("field", name)]
    if everyone:
        params.append(("everyone", "1"))
    params += [("exclude", pk) for pk in exclude]
    return urlencode(params)


def find_residents(residents: QuerySet[Resident], term: str) -> list[Resident]:
    """Residents whose first or last name holds every word of `term`, by name; at most LIMIT."""
    words = (term or "").split()
    if len("".join(words)) < MIN_LENGTH:
        return []
    for word in words:
        residents = residents.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(residents.order_by("first_name", "last_name", "pk")[:LIMIT])


def lookup_options(matches, selected: Resident | None) -> list[Resident]:
    """What the radio buttons show: the resident chosen so far first, then the ones found."""
    options = [selected] if selected is not None else []
    return options + [r for r in matches if selected is None or r.pk != selected.pk]


class ResidentLookupWidget(forms.Widget):
    """The search box, the Search button and the radio buttons (see the module docstring).
    `ResidentLookupFormMixin` fills in what to show before the form renders."""

    template_name = "residents/widgets/resident_lookup.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.term = ""
        self.options: list[Resident] = []
        self.hidden_current: int | None = None  # the record's resident, hidden from this member
        self.has_searched = False
        self.lookup_url = ""  # with its query string (field, everyone, exclude)
        self.empty_label = _("nobody chosen")

    def id_for_label(self, id_):
        # The field's label names the search box: that is where one starts.
        return f"{id_}_q" if id_ else id_

    def value_from_datadict(self, data, files, name):
        return data.get(name) or None

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget.update(
            search_name=f"{name}_q",
            button_name=f"{name}_search",
            term=self.term,
            has_searched=self.has_searched,
            lookup_url=self.lookup_url,
            hidden_current=self.hidden_current,
            is_hidden_current_chosen=str(self.hidden_current) == str(value),
            is_optional=not self.is_required,
            empty_label=self.empty_label,
            results=results_context(
                name=name,
                html_id=widget["attrs"].get("id") or f"id_{name}",
                options=self.options,
                # Formatted as a string: an unbound form's value is the initial pk, an int.
                value=widget["value"],
                has_searched=self.has_searched,
                term=self.term,
            ),
        )
        return context


def results_context(*, name, html_id, options, value, has_searched, term="") -> dict:
    """What `residents/widgets/_resident_lookup_results.html` needs (the form and the htmx
    view render the same radio buttons)."""
    return {
        "name": name,
        "id": html_id,
        "has_searched": has_searched,
        "term": term,
        "options": [
            {"value": r.pk, "label": str(r), "id": f"{html_id}_{i}", "checked": str(r.pk) == value}
            for i, r in enumerate(options)
        ],
        "limit": LIMIT,
        "is_full": len(options) >= LIMIT,
    }


class ResidentLookupField(forms.ModelChoiceField):
    """A resident picked by name search; the queryset is set by `ResidentLookupFormMixin`."""

    widget = ResidentLookupWidget

    def __init__(self, **kwargs):
        super().__init__(queryset=Resident.objects.none(), **kwargs)


class ResidentLookupFormMixin:
    """For forms with a `ResidentLookupField`: call `setup_resident_lookup(name, request=...)` in
    `__init__`. The form is not valid (and shows no errors) when its Search button was pressed."""

    is_resident_search = False

    def setup_resident_lookup(
        self,
        name: str,
        *,
        request,
        page: str,
        everyone=False,
        exclude=None,
        empty_label=None,
        log_current=True,
    ) -> None:
        """`everyone`: every current resident of the bureau, not only those whose profile the
        member may see; `exclude`: a queryset (or list) of resident ids that may not be chosen;
        `empty_label`: what choosing nobody is called, when the field is optional;
        `log_current=False` when the page already writes a read entry for the record's resident."""
        field = self.fields[name]
        if not isinstance(field, ResidentLookupField):
            label, help_text = field.label, field.help_text
            field = self.fields[name] = ResidentLookupField(
                label=label, help_text=help_text, required=field.required
            )
        widget = field.widget
        if request is None:
            visible = Resident.objects.none()
            exclude = []
        else:
            # Only ids the member may find anyway go into the page (and the htmx address).
            findable = bureau_residents(request) if everyone else visible_residents(request)
            exclude = (
                list(findable.filter(pk__in=exclude).values_list("pk", flat=True))
                if exclude is not None
                else []
            )
            visible = choosable_residents(request, everyone=everyone, exclude=exclude)
        if empty_label is not None:
            widget.empty_label = empty_label
        current_pk = self.get_initial_for_field(field, name)
        current_pk = getattr(current_pk, "pk", current_pk)
        # The record's own resident may stay even when this member may not see them.
        allowed = Q(pk__in=visible.values("pk"))
        if current_pk:
            allowed |= Q(pk=current_pk)
        field.queryset = Resident.objects.filter(allowed).only(
            "first_name", "last_name", "is_anonymised", "bureau_id"
        )
        key = self.add_prefix(name)
        term = (self.data.get(f"{key}_q") or "").strip() if self.is_bound else ""
        # The Search button, or Enter in the search box on a new name (the form's default
        # button is Save, so Enter in any other field saves).
        searched_before = (self.data.get(f"{key}_searched") or "").strip() if self.is_bound else ""
        self.is_resident_search = self.is_bound and (
            f"{key}_search" in self.data or (bool(term) and term != searched_before)
        )
        chosen_pk = self.data.get(key) if self.is_bound else current_pk
        chosen = visible.filter(pk=chosen_pk).first() if str(chosen_pk or "").isdigit() else None
        if current_pk and not visible.filter(pk=current_pk).exists():
            widget.hidden_current = current_pk
        widget.term = term
        widget.has_searched = bool(term)
        widget.options = lookup_options(find_residents(visible, term), chosen)
        if request is not None:
            url = reverse("residents:resident-lookup", kwargs={"bureau_slug": request.bureau.slug})
            query = lookup_query(name=key, everyone=everyone, exclude=exclude)
            widget.lookup_url = f"{url}?{query}"
            shown = widget.options
            if not log_current:
                # The page logs the record's own resident itself (e.g. a quote's client).
                shown = [r for r in shown if r.pk != current_pk]
            log_list_view(request, shown, page=page)

    def is_valid(self):
        if self.is_resident_search:
            # Show the form again as typed, with the residents found; judge it on saving.
            self._errors = ErrorDict(renderer=self.renderer)
            self.cleaned_data = {}
            return False
        return super().is_valid()


def is_field_name(value: str) -> bool:
    return bool(FIELD_NAME.match(value or ""))
