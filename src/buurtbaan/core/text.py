"""Text as people type it and as we keep it: no control characters, and never unbounded.

One rule for every text that comes in, wherever it comes in (a form, an import, an action):

- **Control characters are stripped, not refused.** C0 and C1 control characters (ESC, NUL,
  BEL, DEL, U+0080–U+009F ...) and the bidirectional embeddings, overrides and isolates
  (U+202A–U+202E, U+2066–U+2069) are invisible: a person who pasted them from a PDF or a chat
  cannot see them, so an error "remove the invisible character" would leave them stuck. They have
  no use in a name, a note or a message; right-to-left text (Arabic, Hebrew) shows correctly
  without them. Stored raw they would colour a terminal (ESC), or turn a file name or a name
  around on screen (U+202E "RIGHT-TO-LEFT OVERRIDE").
- **Line breaks and tabs stay in text areas** (a line break is kept as "\\n"; "\\r\\n" and a lone
  "\\r" become "\\n"). In a single-line field they become a space: a browser cannot type them
  there, only a crafted request can.
- **Every text has a maximum length.** A form field without its own `max_length` gets
  `MAX_LINE_LENGTH` (single line) or `MAX_TEXTAREA_LENGTH` (text area); text that is too long is
  refused with Django's message ("Zorg ervoor dat deze waarde hoogstens ... tekens bevat"), and the
  form shows what was typed. Text areas get no HTML `maxlength`, because a browser silently cuts
  pasted text to it.
- Not touched: passwords (kept exactly as typed, they are only hashed) and JSON fields.

`install_form_text_rules()` (called from `CoreConfig`) applies this to Django's `forms.CharField`,
so every form field for text, in every form of every app and in the admin, follows it without
each form having to remember; `tests/core/test_form_text_rules.py` walks all forms to prove it.
"""

from __future__ import annotations

import re

from django import forms
from django.core.validators import MaxLengthValidator

#: The longest text in a single-line field that does not set its own maximum.
MAX_LINE_LENGTH = 255
#: The longest text in a text area that does not set its own maximum (a good two pages).
MAX_TEXTAREA_LENGTH = 5000

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 controls except tab, line feed and carriage return (handled below), DEL, the C1 controls.
_CONTROLS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_LINE_BREAKS = re.compile(r"\r\n?")
_SINGLE_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """`value` without control characters; with line breaks as "\\n" and tabs when `multiline`,
    otherwise with every run of tabs and line breaks as one space."""
    value = _CONTROLS.sub("", value)
    if multiline:
        return _LINE_BREAKS.sub("\n", value)
    return _SINGLE_LINE_BREAKS.sub(" ", value)


def strip_control_characters(value: str) -> str:
    """`value` without control characters, its tabs and line breaks as they are (for text that
    is already stored, whose kind of field is not known)."""
    return _CONTROLS.sub("", value)


def has_control_characters(value: str) -> bool:
    """Whether `clean_text` would take something out (tabs and line breaks do not count)."""
    return bool(_CONTROLS.search(value))


def is_multiline(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


def _is_exempt(field: forms.Field) -> bool:
    return isinstance(field, forms.JSONField) or isinstance(field.widget, forms.PasswordInput)


def default_max_length(field: forms.Field) -> int | None:
    """The maximum a text field gets when it sets none; None for fields people do not type in."""
    if _is_exempt(field) or field.widget.is_hidden:
        return None
    return MAX_TEXTAREA_LENGTH if is_multiline(field) else MAX_LINE_LENGTH


def install_form_text_rules() -> None:
    """Make `forms.CharField` (and so every text field: e-mail, URL, slug, model text fields ...)
    strip control characters and cap its length, as the module docstring says. Idempotent."""
    char_field = forms.CharField
    if getattr(char_field, "has_buurtbaan_text_rules", False):
        return
    original_init = char_field.__init__
    original_to_python = char_field.to_python

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if self.max_length is None and (limit := default_max_length(self)) is not None:
            self.max_length = limit
            self.validators.append(MaxLengthValidator(limit))
            if not is_multiline(self):
                self.widget.attrs.setdefault("maxlength", str(limit))

    def to_python(self, value):
        if isinstance(value, str) and not _is_exempt(self):
            value = clean_text(value, multiline=is_multiline(self))
        return original_to_python(self, value)

    char_field.__init__ = __init__
    char_field.to_python = to_python
    char_field.has_buurtbaan_text_rules = True
