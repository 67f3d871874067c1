"""The engine's reasons in the reader's language, through the translation catalogue.

The engine returns reasons as a code and parameters (`engine.reasons`); a match stores them that
way. Here each code maps to a gettext msgid (English; Dutch comes from `locale/nl`), so the same
stored reason reads "kan goed koken en verbinden" to a Dutch reader and "is good at koken and
verbinden" to an English one. Words people typed themselves (talents, dream words) are shown as
written. `tests/matching/test_reasons.py` checks that every engine code has a sentence here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language, gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.plurals import plural_count
from buurtbaan.matching import eligibility
from buurtbaan.matching.engine.reasons import format_distance, format_number
from buurtbaan.matching.engine.scoring import FAR_KM, WALKING_KM
from buurtbaan.residents.models import Weekday

_WEEKDAYS = [label for _value, label in Weekday.choices]

SENTENCES = {
    "shared_talents": _("is good at %(words)s"),
    "shared_skills": _("has experience with %(words)s"),
    "missing_talents": _("the work also asks for: %(words)s"),
    "dream_match": _("wants to do something with %(words)s"),
    "same_area": _("lives in the same neighbourhood"),
    "distance": _("lives %(distance)s away"),
    "distance_unknown": _("distance unknown"),
    "shared_days": _("available on %(days)s"),
    "no_shared_days": _("not available on the days asked"),
    # The form follows the hours: "1 hour a week", "1,5 hours a week" (plural_count).
    "enough_hours": ngettext_lazy(
        "has enough time (%(hours)s hour a week)",
        "has enough time (%(hours)s hours a week)",
        "hours_count",
    ),
    "few_hours": ngettext_lazy(
        "has %(hours)s of the %(work_hours)s hour a week",
        "has %(hours)s of the %(work_hours)s hours a week",
        "work_hours_count",
    ),
    "wants_paid": _("wants paid work"),
    "wants_volunteer": _("wants to do voluntary work"),
    "prefers_paid": _("would rather have paid work"),
    "prefers_volunteer": _("would rather do voluntary work"),
    "under_18": _("is younger than 18"),
    "no_consent": _("has not agreed to be proposed for work"),
    "too_few_hours": ngettext_lazy(
        "has too little time: %(hours)s of the %(work_hours)s hour a week",
        "has too little time: %(hours)s of the %(work_hours)s hours a week",
        "work_hours_count",
    ),
    "too_far": _("lives %(distance)s away, too far for work in their own neighbourhood"),
    "too_far_cycling": _("lives %(distance)s away, too far to cycle"),
    "declined": _("declined this work before"),
    "not_proposable": _("cannot be proposed yet: %(why)s"),
    "not_proposable_plain": _("cannot be proposed yet"),
}

#: Reasons that, when true, help the pair: they may be shown under "Why it fits".
HELPFUL = frozenset(
    {
        "shared_talents",
        "shared_skills",
        "dream_match",
        "same_area",
        "distance",
        "shared_days",
        "enough_hours",
        "wants_paid",
        "wants_volunteer",
    }
)
#: A distance further than this is a point to watch, not a reason (where the engine's
#: closeness has fallen to half).
HELPFUL_KM = (WALKING_KM + FAR_KM) / 2


def _engine_language() -> str:
    """The engine formats numbers ("2,4 km") as Dutch or English."""
    return "nl" if (get_language() or "nl").startswith("nl") else "en"


def join_words(words: Iterable[str]) -> str:
    """ "a, b and c" in the reader's language."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}


def render(reason: Mapping[str, Any]) -> str:
    """One stored reason ({"code": ..., "params": {...}}) as a sentence; "" for an unknown code."""
    code = reason.get("code", "")
    params = reason.get("params") or {}
    lang = _engine_language()
    values: dict[str, Any] = {}
    if "words" in params:
        values["words"] = join_words(params["words"])
    if "km" in params:
        values["distance"] = format_distance(float(params["km"]), lang)
    if "days" in params:
        values["days"] = join_words(
            str(_WEEKDAYS[day]) for day in params["days"] if 0 <= day < len(_WEEKDAYS)
        )
    if "resident_hours" in params:
        values["hours"] = format_number(float(params["resident_hours"]), lang)
        values["hours_count"] = plural_count(params["resident_hours"])
    if "work_hours" in params:
        values["work_hours"] = format_number(float(params["work_hours"]), lang)
        values["work_hours_count"] = plural_count(params["work_hours"])
    if code == "not_proposable":
        why = eligibility.reasons(params.get("codes") or ())
        if why:
            values["why"] = "; ".join(why)
        else:
            code = "not_proposable_plain"
    if code == "too_far" and params.get("travel") == "fiets":
        code = "too_far_cycling"
    sentence = SENTENCES.get(code)
    if sentence is None:
        return ""
    return str(sentence % values) if values else str(sentence)


def render_all(reasons: Iterable[Mapping[str, Any]]) -> list[str]:
    return [text for text in (render(reason) for reason in reasons or ()) if text]


def score_percent(score: float) -> int:
    """The fit as a whole percentage, as pages show it."""
    return round(max(0.0, min(1.0, float(score))) * 100)


def is_helpful(reason: Mapping[str, Any]) -> bool:
    """Whether a reason says something true that helps the pair. "Would rather have paid work"
    for voluntary work, a missing talent, too few hours or a long way are points to watch."""
    code = reason.get("code", "")
    if code == "distance":
        return float((reason.get("params") or {}).get("km", FAR_KM)) <= HELPFUL_KM
    return code in HELPFUL


def helpful(reasons: Iterable[Mapping[str, Any]]) -> list[str]:
    """The reasons why a pair fits, as sentences."""
    return render_all(reason for reason in reasons or () if is_helpful(reason))


def to_watch(reasons: Iterable[Mapping[str, Any]]) -> list[str]:
    """The points to watch of a pair (what does not fit, or is unknown), as sentences."""
    return render_all(reason for reason in reasons or () if not is_helpful(reason))


@dataclass(frozen=True)
class PairReasons:
    """A pair's reasons in words, as the pages show them: three lists, never run together.

    `helpful`: why it fits; `to_watch`: what does not fit or is unknown (and, for a pair that may
    not be proposed, why not); `support`: the support the resident needs (their open barriers).
    `reasons` and `exclusions` are the engine's structured reasons ({"code", "params"})."""

    score: float
    helpful: list[str] = field(default_factory=list)
    to_watch: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    reasons: list[dict] = field(default_factory=list)
    exclusions: list[dict] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return score_percent(self.score)

    @property
    def is_allowed(self) -> bool:
        return not self.exclusions


def split(reasons, support=(), *, score: float = 0.0, exclusions=()) -> PairReasons:
    """Stored or computed reasons ({"code", "params"}) as a `PairReasons`."""
    reasons = list(reasons or ())
    exclusions = list(exclusions or ())
    return PairReasons(
        score=float(score or 0.0),
        helpful=helpful(reasons),
        to_watch=render_all(exclusions) + to_watch(reasons),
        support=[str(need) for need in support or ()],
        reasons=reasons,
        exclusions=exclusions,
    )


def reasons_for_pair(bureau, resident_id: int, piece_id: int, *, prepared=None):
    """The reasons in words of one pair of the bureau, as the candidates page shows them; None
    when the engine does not know the resident or the piece (erased, or work that is done).

    Pass `prepared` (`suggestions.prepared_engine(bureau)`, or a round's prepared engine) to
    explain many pairs: then no query is made at all."""
    from buurtbaan.matching import suggestions

    explanation = suggestions.explain_ids(bureau, resident_id, piece_id, prepared=prepared)
    if explanation is None:
        return None
    return split(
        explanation.reasons,
        explanation.support,
        score=explanation.score,
        exclusions=explanation.exclusions,
    )
