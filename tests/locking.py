"""Helpers for tests of edit forms under optimistic locking (`buurtbaan.core.locking`): read a
rendered form the way a browser submits it, so a test can open a form, wait, and save it later."""

from __future__ import annotations

import tinyhtml5
from django.core import signing

from buurtbaan.core import locking

_NS = "{http://www.w3.org/1999/xhtml}"


def _forms(html: str):
    return tinyhtml5.parse(html).iter(f"{_NS}form")


def edit_forms(response) -> list[tuple[str, dict[str, list[str]]]]:
    """Every form on the page that carries `opened_as`: its action ("" for the page itself) and
    what the browser would post for it, without any submit button. Values are lists, as in a
    QueryDict."""
    found = []
    if not response.get("Content-Type", "").startswith("text/html"):
        return found
    for form in _forms(response.content.decode()):
        data: dict[str, list[str]] = {}
        for element in form.iter():
            tag = element.tag.removeprefix(_NS)
            name = element.get("name")
            if not name or element.get("disabled") is not None:
                continue
            if tag == "input":
                kind = (element.get("type") or "text").lower()
                if kind in ("submit", "button", "file", "reset", "image"):
                    continue
                if kind in ("checkbox", "radio") and element.get("checked") is None:
                    continue
                default = "on" if kind in ("checkbox", "radio") else ""
                data.setdefault(name, []).append(element.get("value", default))
            elif tag == "textarea":
                # A browser drops the one newline that directly follows <textarea>.
                data.setdefault(name, []).append((element.text or "").removeprefix("\n"))
            elif tag == "select":
                options = list(element.iter(f"{_NS}option"))
                chosen = [o for o in options if o.get("selected") is not None]
                if not chosen and options and element.get("multiple") is None:
                    chosen = options[:1]
                for option in chosen:
                    value = option.get("value")
                    data.setdefault(name, []).append(option.text or "" if value is None else value)
        if any(name.endswith(locking.FIELD_NAME) and value != [""] for name, value in data.items()):
            found.append((form.get("action") or "", data))
    return found


def form_data(response) -> dict[str, list[str]]:
    """What the browser would post for the page's (first) edit form."""
    forms = edit_forms(response)
    assert forms, "The page has no form with an `opened_as` field."
    return forms[0][1]


def changed(data: dict[str, list[str]], **values) -> dict[str, list[str]]:
    """A copy of posted `data` with some fields set to other values (a str or a list)."""
    new = {name: list(value) for name, value in data.items()}
    for name, value in values.items():
        new[name] = list(value) if isinstance(value, list | tuple) else [value]
    return new


def with_stale_token(data: dict[str, list[str]]) -> dict[str, list[str]]:
    """`data` as if every field had looked different when the form was opened: what a form opened
    before someone else saved looks like, without knowing what that someone changed."""
    name = next(name for name in data if name.endswith(locking.FIELD_NAME))
    token = signing.loads(data[name][0], salt=locking._SALT)
    token["f"] = dict.fromkeys(token["f"], "stale")
    stale = signing.dumps(token, salt=locking._SALT, compress=True)
    return changed(data, **{name: stale})


def client_for(user, language="en"):
    """A test client of its own for `user`: two people with two browsers."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client
