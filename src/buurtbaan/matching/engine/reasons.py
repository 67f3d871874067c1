"""Reasons in words: why a resident and a piece of work fit, or why they are kept apart.

The engine returns *structured* reasons (a code and its parameters) so that any layer can render
them in the reader's language; ``render`` turns one into plain Dutch (B1 level, the default) or
English. Words that people typed themselves (talents, dream words, support) are shown as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("nl", "en")

DAY_NAMES = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


@dataclass(frozen=True)
class Reason:
    """One reason: a ``code`` from ``REASON_CODES`` and the values its sentence needs."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON or a template: {"code": ..., "params": {...}}."""
        return {"code": self.code, "params": dict(self.params)}


def render(reason: Reason, lang: str = "nl") -> str:
    """The reason as a short sentence in ``lang`` ("nl" or "en")."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    return _SENTENCES[reason.code](lang, reason.params)


def render_all(reasons: Iterable[Reason], lang: str = "nl") -> list[str]:
    """Each reason rendered, in order."""
    return [render(reason, lang) for reason in reasons]


def join_words(words: Sequence[str], lang: str) -> str:
    """ "a, b en c" in Dutch, "a, b and c" in English."""
    if len(words) <= 1:
        return "".join(words)
    last = " en " if lang == "nl" else " and "
    return ", ".join(words[:-1]) + last + words[-1]


def format_distance(km: float, lang: str) -> str:
    """ "300 m" under a kilometre (in steps of 50 m), else "2,4 km" / "2.4 km"."""
    if km < 0.975:
        return f"{max(50, round(km * 20) * 50)} m"
    return f"{format_number(round(km, 1), lang)} km"


def format_number(value: float, lang: str) -> str:
    """12.0 → "12"; 7.5 → "7,5" in Dutch and "7.5" in English."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def _words(params: Mapping[str, Any], lang: str) -> str:
    return join_words(list(params["words"]), lang)


def _days(params: Mapping[str, Any], lang: str) -> str:
    return join_words([DAY_NAMES[lang][day] for day in params["days"]], lang)


def _hours(params: Mapping[str, Any], key: str, lang: str) -> str:
    return format_number(params[key], lang)


def _hours_a_week(params: Mapping[str, Any], key: str) -> str:
    """English: "1 hour a week", "1.5 hours a week" (Dutch says "uur" for both)."""
    return f"{_hours(params, key, 'en')} {'hour' if params[key] == 1 else 'hours'} a week"


def _too_far(lang: str, params: Mapping[str, Any]) -> str:
    distance = format_distance(params["km"], lang)
    if lang == "nl":
        limit = "werk in de eigen wijk" if params["travel"] == "wijk" else "de fiets"
        return f"woont {distance} verderop, te ver voor {limit}"
    limit = "work in their own neighbourhood" if params["travel"] == "wijk" else "cycling"
    return f"lives {distance} away, too far for {limit}"


#: The codes of the Django layer's rule of who may be proposed (`matching.eligibility`), for the
#: command line; other codes are shown as given.
_NOT_PROPOSABLE = {
    "no_consent": ("geen toestemming", "no consent"),
    "not_confirmed": ("e-mailadres niet bevestigd", "e-mail address not confirmed"),
    "no_intake": ("nog geen intake", "no intake yet"),
    "nothing_to_match": ("nog geen talenten", "no talents yet"),
    "not_now": ("nu even niet", "not now"),
    "referred": ("doorverwezen", "referred elsewhere"),
    "outside_area": ("niet vanuit hier te plaatsen", "cannot be placed from here"),
}


def _not_proposable(lang: str, params: Mapping[str, Any]) -> str:
    codes = [
        _NOT_PROPOSABLE[code][0 if lang == "nl" else 1] if code in _NOT_PROPOSABLE else code
        for code in params.get("codes") or ()
    ]
    if lang == "nl":
        return "kan nog niet voorgesteld worden" + (f" ({', '.join(codes)})" if codes else "")
    return "cannot be proposed yet" + (f" ({', '.join(codes)})" if codes else "")


def _both(dutch: str, english: str) -> Callable[[str, Mapping[str, Any]], str]:
    """A sentence with no parameters in both languages."""
    return lambda lang, params: dutch if lang == "nl" else english


_SENTENCES: dict[str, Callable[[str, Mapping[str, Any]], str]] = {
    # Why they fit (or how well).
    "shared_talents": lambda lang, p: (
        f"kan goed {_words(p, lang)}" if lang == "nl" else f"is good at {_words(p, lang)}"
    ),
    "shared_skills": lambda lang, p: (
        f"heeft ervaring met {_words(p, lang)}"
        if lang == "nl"
        else f"has experience with {_words(p, lang)}"
    ),
    "missing_talents": lambda lang, p: (
        f"het werk vraagt ook: {_words(p, lang)}"
        if lang == "nl"
        else f"the work also asks for: {_words(p, lang)}"
    ),
    "dream_match": lambda lang, p: (
        f"wil iets met {_words(p, lang)}"
        if lang == "nl"
        else f"wants to do something with {_words(p, lang)}"
    ),
    "same_area": _both("woont in dezelfde buurt", "lives in the same neighbourhood"),
    "distance": lambda lang, p: (
        f"woont {format_distance(p['km'], lang)} verderop"
        if lang == "nl"
        else f"lives {format_distance(p['km'], lang)} away"
    ),
    "distance_unknown": _both("afstand onbekend", "distance unknown"),
    "shared_days": lambda lang, p: (
        f"beschikbaar op {_days(p, lang)}" if lang == "nl" else f"available on {_days(p, lang)}"
    ),
    "no_shared_days": _both(
        "niet beschikbaar op de gevraagde dagen", "not available on the days asked"
    ),
    "enough_hours": lambda lang, p: (
        f"heeft genoeg tijd ({_hours(p, 'resident_hours', lang)} uur per week)"
        if lang == "nl"
        else f"has enough time ({_hours_a_week(p, 'resident_hours')})"
    ),
    "few_hours": lambda lang, p: (
        f"heeft {_hours(p, 'resident_hours', lang)} van de "
        f"{_hours(p, 'work_hours', lang)} uur per week"
        if lang == "nl"
        else f"has {_hours(p, 'resident_hours', lang)} of the {_hours_a_week(p, 'work_hours')}"
    ),
    "wants_paid": _both("wil betaald werk", "wants paid work"),
    "wants_volunteer": _both("wil vrijwilligerswerk doen", "wants to do voluntary work"),
    "prefers_paid": _both("wil liever betaald werk", "would rather have paid work"),
    "prefers_volunteer": _both("wil liever vrijwilligerswerk", "would rather do voluntary work"),
    # Why a pair is excluded (hard constraints).
    "under_18": _both("is jonger dan 18", "is younger than 18"),
    "no_consent": _both("wil niet voorgesteld worden", "does not want to be proposed"),
    "too_few_hours": lambda lang, p: (
        f"heeft te weinig tijd: {_hours(p, 'resident_hours', lang)} van de "
        f"{_hours(p, 'work_hours', lang)} uur per week"
        if lang == "nl"
        else f"has too little time: {_hours(p, 'resident_hours', lang)} of the "
        f"{_hours_a_week(p, 'work_hours')}"
    ),
    "too_far": _too_far,
    "not_proposable": _not_proposable,
    "declined": _both("heeft dit werk eerder afgewezen", "declined this work before"),
}

#: Every reason code the engine produces.
REASON_CODES = frozenset(_SENTENCES)
