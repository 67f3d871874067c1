"""The engine's input: residents, pieces of work, postcodes and settings, read from plain data.

A *scenario* is what the matching engine works on. The Django layer builds one from the database;
the command line reads one from a JSON file (the exchange format in docs/matching.md). Everything is
checked here, once, so the rest of the engine can trust its input. Validation collects every problem
and names where it is (``residents[3].birth_date: not a date (YYYY-MM-DD)``), so a bureau fixing an
export sees all its mistakes at once.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

#: Residents and pieces of work are identified by what the caller uses (a primary key, a slug);
#: the engine echoes ids back exactly as given.
Id = str | int

WANTS_CHOICES = ("paid", "volunteer", "both")
TRAVEL_CHOICES = ("wijk", "fiets", "overal")

#: Accepted spellings of weekdays, mapped to 0 (Monday) … 6 (Sunday). Dutch first, English too.
DAY_NUMBERS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("maandag", "ma", "monday", "mon"),
        ("dinsdag", "di", "tuesday", "tue"),
        ("woensdag", "wo", "wednesday", "wed"),
        ("donderdag", "do", "thursday", "thu"),
        ("vrijdag", "vr", "friday", "fri"),
        ("zaterdag", "za", "saturday", "sat"),
        ("zondag", "zo", "sunday", "sun"),
    )
):
    for _name in _names:
        DAY_NUMBERS[_name] = _number

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})?$")


class ScenarioError(ValueError):
    """The scenario cannot be used; ``errors`` lists every problem with its path."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class Weights:
    """How much each part of the fit score counts, plus the two settings of the round and teams.

    The fit score is the weighted mean of its components (docs/matching.md, "The fit score"), so
    only the ratios between ``talents`` … ``paid`` matter. ``priority_weight`` is the bonus per
    unit of a resident's ``priority`` in a matching round; ``team_coverage`` is the share of
    talent coverage (against individual fit) in a team's value.
    """

    talents: float = 0.30
    skills: float = 0.10
    dream: float = 0.25
    distance: float = 0.15
    hours: float = 0.10
    days: float = 0.05
    paid: float = 0.05
    priority_weight: float = 0.10
    team_coverage: float = 0.5

    #: The components of the fit score, in the order reasons are listed.
    FIT_COMPONENTS = ("talents", "skills", "dream", "distance", "hours", "days", "paid")

    def fit_weights(self) -> dict[str, float]:
        """The weight of each fit component, keyed by component name."""
        return {name: getattr(self, name) for name in self.FIT_COMPONENTS}

    def __post_init__(self) -> None:
        errors = [
            f"weights.{f.name}: not a number >= 0"
            for f in fields(self)
            if not _is_number(getattr(self, f.name)) or getattr(self, f.name) < 0
        ]
        if not errors and sum(self.fit_weights().values()) <= 0:
            components = ", ".join(self.FIT_COMPONENTS)
            errors.append(f"weights: the fit weights ({components}) sum to 0")
        if not errors and self.team_coverage > 1:
            errors.append("weights.team_coverage: not between 0 and 1")
        if errors:
            raise ScenarioError(errors)

    @classmethod
    def from_dict(cls, data: Any) -> Weights:
        """Defaults overridden by ``data``; unknown keys and bad values raise ScenarioError."""
        if not isinstance(data, Mapping):
            raise ScenarioError(["weights: not an object"])
        known = [f.name for f in fields(cls)]
        unknown = [
            f"weights.{key}: unknown weight (known: {', '.join(known)})"
            for key in data
            if key not in known
        ]
        if unknown:
            raise ScenarioError(unknown)
        return cls(**data)


@dataclass(frozen=True)
class Resident:
    """A wijkbewoner as the engine sees them. Words are kept as the resident wrote them."""

    id: Id
    talents: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    dream: str = ""
    postcode: str | None = None
    hours_per_week: float | None = None
    wants: str = "both"
    travel: str = "overal"
    priority: float = 0.0
    birth_date: date | None = None
    consent: bool = True
    days: tuple[int, ...] | None = None
    support_needed: tuple[str, ...] = ()
    #: Optional: False keeps the resident out of every suggestion, team and round (the bureau's
    #: rule of who may be proposed, e.g. no intake yet); ``not_proposable`` names why, as codes.
    proposable: bool = True
    not_proposable: tuple[str, ...] = ()


@dataclass(frozen=True)
class Work:
    """A piece of open work (klus, baan, groepswerk) with the places it has."""

    id: Id
    kind: str = ""
    title: str = ""
    description: str = ""
    talents: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    postcode: str | None = None
    hours_per_week: float | None = None
    paid: bool | None = None
    people: int = 1
    days: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Scenario:
    """Everything one matching run needs; build it with ``from_dict`` or ``load_scenario``."""

    residents: tuple[Resident, ...] = ()
    work: tuple[Work, ...] = ()
    postcodes: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    today: date = field(default_factory=date.today)
    declined: tuple[tuple[Id, Id], ...] = ()
    weights: Weights = field(default_factory=Weights)

    @classmethod
    def from_dict(cls, data: Any, *, today: date | None = None) -> Scenario:
        """Validate the exchange format (docs/matching.md) and build a scenario.

        ``today`` is the reference date for ages; the scenario's own ``"today"`` wins over it, and
        without either the engine uses the current date. Extra fields are ignored.
        """
        reader = _Reader()
        scenario = reader.scenario(data, today)
        if reader.errors:
            raise ScenarioError(reader.errors)
        return scenario


def load_scenario(path: str | Path, *, today: date | None = None) -> Scenario:
    """Read and validate a scenario JSON file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ScenarioError([f"{path}: cannot read the file ({error.strerror})"]) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScenarioError([f"{path}: not valid JSON ({error})"]) from error
    return Scenario.from_dict(data, today=today)


def normalize_postcode(postcode: str) -> str | None:
    """``"6828 ab"`` → ``"6828AB"``; None when it is not a Dutch PC4 or PC6."""
    match = _POSTCODE.match(postcode.strip())
    if not match:
        return None
    return match.group(1) + (match.group(2) or "").upper()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_id(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


class _Reader:
    """Reads the exchange format field by field, collecting errors with their paths."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def scenario(self, data: Any, today: date | None) -> Scenario:
        if not isinstance(data, Mapping):
            self.fail("scenario", "not an object")
            return Scenario()
        residents = tuple(
            self.resident(item, f"residents[{n}]")
            for n, item in enumerate(self.list(data, "residents", "residents"))
        )
        work = tuple(
            self.work(item, f"work[{n}]") for n, item in enumerate(self.list(data, "work", "work"))
        )
        self.unique_ids(residents, "residents")
        self.unique_ids(work, "work")
        if "today" in data:
            today = self.date(data["today"], "today")
        weights = Weights()
        if "weights" in data:
            try:
                weights = Weights.from_dict(data["weights"])
            except ScenarioError as error:
                self.errors.extend(error.errors)
        return Scenario(
            residents=residents,
            work=work,
            postcodes=self.postcodes(data.get("postcodes", {})),
            today=today or date.today(),
            declined=self.declined(data.get("declined", []), residents, work),
            weights=weights,
        )

    def resident(self, data: Any, path: str) -> Resident:
        if not isinstance(data, Mapping):
            self.fail(path, "not an object")
            return Resident(id=path)
        return Resident(
            id=self.id(data, path),
            talents=self.words(data, "talents", path),
            skills=self.words(data, "skills", path),
            dream=self.text(data, "dream", path),
            postcode=self.postcode(data, path),
            hours_per_week=self.hours(data, path),
            wants=self.choice(data, "wants", WANTS_CHOICES, "both", path),
            travel=self.choice(data, "travel", TRAVEL_CHOICES, "overal", path),
            priority=self.priority(data, path),
            birth_date=self.date(data.get("birth_date"), f"{path}.birth_date"),
            consent=self.flag(data, "consent", True, path),
            days=self.days(data, path),
            support_needed=self.words(data, "support_needed", path),
            **self.proposable(data, path),
        )

    def proposable(self, data: Mapping, path: str) -> dict[str, Any]:
        """The optional ``proposable`` and ``not_proposable``: without them a resident may be
        proposed (as before these fields existed); reasons given imply ``proposable: false``."""
        reasons = self.words(data, "not_proposable", path)
        return {
            "proposable": self.flag(data, "proposable", not reasons, path),
            "not_proposable": reasons,
        }

    def work(self, data: Any, path: str) -> Work:
        if not isinstance(data, Mapping):
            self.fail(path, "not an object")
            return Work(id=path)
        paid = data.get("paid")
        if paid is not None and not isinstance(paid, bool):
            self.fail(f"{path}.paid", "not true, false or null")
            paid = None
        people = data.get("people", 1)
        if not isinstance(people, int) or isinstance(people, bool) or people < 1:
            self.fail(f"{path}.people", "not a whole number >= 1")
            people = 1
        return Work(
            id=self.id(data, path),
            kind=self.text(data, "kind", path),
            title=self.text(data, "title", path),
            description=self.text(data, "description", path),
            talents=self.words(data, "talents", path),
            skills=self.words(data, "skills", path),
            postcode=self.postcode(data, path),
            hours_per_week=self.hours(data, path),
            paid=paid,
            people=people,
            days=self.days(data, path),
        )

    def list(self, data: Mapping, key: str, path: str) -> list:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(path, "not a list")
            return []
        return value

    def id(self, data: Mapping, path: str) -> Id:
        value = data.get("id")
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.fail(f"{path}.id", "missing, or not a non-empty string or a whole number")
        return path

    def unique_ids(self, items: Sequence[Resident | Work], path: str) -> None:
        seen: set[Id] = set()
        for n, item in enumerate(items):
            if item.id in seen:
                self.fail(f"{path}[{n}].id", f"duplicate id {item.id!r}")
            seen.add(item.id)

    def text(self, data: Mapping, key: str, path: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", "not a string")
            return ""
        return value

    def words(self, data: Mapping, key: str, path: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", "not a list of strings")
            return ()
        words = []
        for n, word in enumerate(value):
            if not isinstance(word, str) or not word.strip():
                self.fail(f"{path}.{key}[{n}]", "not a non-empty string")
            else:
                words.append(word.strip())
        return tuple(words)

    def postcode(self, data: Mapping, path: str) -> str | None:
        value = data.get("postcode")
        if value is None or value == "":
            return None
        normalized = normalize_postcode(value) if isinstance(value, str) else None
        if normalized is None:
            self.fail(f"{path}.postcode", "not a Dutch postcode (1234 or 1234AB)")
        return normalized

    def hours(self, data: Mapping, path: str) -> float | None:
        value = data.get("hours_per_week")
        if value is None:
            return None
        if not _is_number(value) or not 0 <= value <= 168:
            self.fail(f"{path}.hours_per_week", "not a number of hours between 0 and 168")
            return None
        return float(value)

    def choice(
        self, data: Mapping, key: str, choices: Sequence[str], default: str, path: str
    ) -> str:
        value = data.get(key)
        if value is None:
            return default
        if value not in choices:
            self.fail(f"{path}.{key}", f"not one of {', '.join(choices)}")
            return default
        return value

    def priority(self, data: Mapping, path: str) -> float:
        value = data.get("priority")
        if value is None:
            return 0.0
        if not _is_number(value) or not 0 <= value <= 1:
            self.fail(f"{path}.priority", "not a number between 0 and 1")
            return 0.0
        return float(value)

    def flag(self, data: Mapping, key: str, default: bool, path: str) -> bool:
        value = data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", "not true or false")
            return default
        return value

    def date(self, value: Any, path: str) -> date | None:
        if value is None:
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.fail(path, "not a date (YYYY-MM-DD)")
            return None

    def days(self, data: Mapping, path: str) -> tuple[int, ...] | None:
        value = data.get("days")
        if value is None:
            return None
        if not isinstance(value, list):
            self.fail(f"{path}.days", "not a list of weekdays")
            return None
        numbers = set()
        for n, day in enumerate(value):
            number = DAY_NUMBERS.get(day.strip().lower()) if isinstance(day, str) else None
            if number is None:
                self.fail(f"{path}.days[{n}]", "not a weekday (maandag … zondag, or ma … zo)")
            else:
                numbers.add(number)
        return tuple(sorted(numbers))

    def postcodes(self, data: Any) -> dict[str, tuple[float, float]]:
        if not isinstance(data, Mapping):
            self.fail("postcodes", "not an object mapping postcodes to [lat, lon]")
            return {}
        table = {}
        for key, value in data.items():
            path = f"postcodes[{json.dumps(key)}]"
            normalized = normalize_postcode(key) if isinstance(key, str) else None
            if normalized is None:
                self.fail(path, "not a Dutch postcode (1234 or 1234AB)")
                continue
            if (
                not isinstance(value, list | tuple)
                or len(value) != 2
                or not all(_is_number(part) for part in value)
                or not -90 <= value[0] <= 90
                or not -180 <= value[1] <= 180
            ):
                self.fail(path, "not [latitude, longitude] in degrees")
                continue
            table[normalized] = (float(value[0]), float(value[1]))
        return table

    def declined(
        self, data: Any, residents: Sequence[Resident], work: Sequence[Work]
    ) -> tuple[tuple[Id, Id], ...]:
        if not isinstance(data, list):
            self.fail("declined", "not a list of [resident_id, work_id] pairs")
            return ()
        resident_ids = {resident.id for resident in residents}
        work_ids = {piece.id for piece in work}
        pairs = []
        for n, pair in enumerate(data):
            path = f"declined[{n}]"
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                self.fail(path, "not a [resident_id, work_id] pair")
                continue
            resident_id, work_id = pair
            if not _is_id(resident_id) or resident_id not in resident_ids:
                self.fail(f"{path}[0]", f"no resident with id {resident_id!r}")
            elif not _is_id(work_id) or work_id not in work_ids:
                self.fail(f"{path}[1]", f"no work with id {work_id!r}")
            else:
                pairs.append((resident_id, work_id))
        return tuple(pairs)
