"""The demo's matches: the Netwerkboek stories (seed 002, chapter 2) as proposals and placements.

- Sandra ↔ the caretaker job at Theater De Spijker: proposed, accepted by Sandra herself, a
  kennismaking on the wijkexcursie, started, and completed: a placement with the theatre.
- Peter ↔ the vacancy at Aannemersbedrijf De Vries: the same way to a placement.
- Mr Martinez ↔ walking Sandra's dog: accepted (his coach records it: he has no account) and
  started, a volunteer buurtklus.
- The park: the engine composes a team for "Plan maken met de bewoners rond het plantsoen" and
  proposes it.
- Sandra gets one open proposal of the engine's choice, to answer under "Mijn voorstellen".

The story pairs are proposed by hand, but they are also the engine's own first suggestions: the
demo data (work/demo.py, residents/demo.py) make Sandra and Mr Martinez the best fit for their
pieces and a team of gardeners the best team for the park (tests/matching/test_demo.py).

Also puts the PC4 centroids of Arnhem's areas 6811–6828 in the postcode table (areas are not
personal data; the values come from the open 4pp table), so distances work in the demo.

Idempotent: each step is only taken when the match is not that far yet, the team and Sandra's
open proposal only when there is none, and postcode areas only when missing.
"""

from __future__ import annotations

import contextlib

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from buurtbaan.demo import stories
from buurtbaan.matching import actions, suggestions
from buurtbaan.matching.models import Match, MatchStatus, PostcodeArea
from buurtbaan.matching.postcodes import import_areas
from buurtbaan.residents.models import Resident
from buurtbaan.work.models import PieceOfWork

User = get_user_model()

# (PC4, latitude, longitude) of Arnhem's areas 6811–6828 (4pp table, MIT licence).
ARNHEM_AREAS = [
    ("6811", 51.9810, 5.9066),
    ("6812", 51.9839, 5.8755),
    ("6813", 51.9944, 5.8778),
    ("6814", 51.9878, 5.9031),
    ("6815", 52.0036, 5.9064),
    ("6816", 52.0340, 5.8828),
    ("6821", 51.9939, 5.9128),
    ("6822", 51.9973, 5.9252),
    ("6823", 52.0033, 5.9382),
    ("6824", 51.9914, 5.9373),
    ("6825", 51.9792, 5.9681),
    ("6826", 51.9814, 5.9502),
    ("6827", 51.9700, 5.9394),
    ("6828", 51.9801, 5.9232),
]

ORDER = [
    MatchStatus.PROPOSED,
    MatchStatus.INTRODUCED,
    MatchStatus.STARTED,
    MatchStatus.COMPLETED,
]


def _postcode_areas() -> None:
    known = set(PostcodeArea.objects.values_list("pc4", flat=True))
    missing = [
        PostcodeArea(pc4=pc4, latitude=lat, longitude=lon, place="Arnhem", municipality="Arnhem")
        for pc4, lat, lon in ARNHEM_AREAS
        if pc4 not in known
    ]
    if missing:
        import_areas(missing)


def _user(local_part: str):
    return User.objects.filter(email=f"{local_part}@{stories.EMAIL_DOMAIN}").first()


def _story(piece, resident, *, target, proposer, answerer, note, steps_note) -> Match | None:
    """Walk one pair to `target`, taking only the steps it has not taken yet."""
    if piece is None or resident is None:
        return None
    match = (
        Match.objects.filter(piece=piece, resident=resident)
        .exclude(status__in=[MatchStatus.STOPPED, MatchStatus.DECLINED])
        .first()
    )
    if match is None:
        match = actions.propose_match(actor=proposer, piece=piece, resident=resident, note=note)
    if match.accepted_at is None:
        match = actions.resident_accepts(actor=answerer, match=match)
    if ORDER.index(match.status) < ORDER.index(MatchStatus.INTRODUCED) <= ORDER.index(target):
        match = actions.introduce_match(actor=proposer, match=match, note=steps_note)
    if ORDER.index(match.status) < ORDER.index(MatchStatus.STARTED) <= ORDER.index(target):
        match = actions.start_match(actor=proposer, match=match)
    if ORDER.index(match.status) < ORDER.index(MatchStatus.COMPLETED) <= ORDER.index(target):
        match = actions.complete_match(actor=proposer, match=match)
    return match


def _stories(bureau) -> None:
    residents = {
        (r.first_name, r.last_name): r
        for r in Resident.objects.filter(
            bureau=bureau, first_name__in=["Sandra", "Jorge", "Peter"], is_anonymised=False
        )
    }
    pieces = {
        piece.title: piece
        for piece in PieceOfWork.objects.filter(
            bureau=bureau,
            title__in=[
                "Conciërge en schoonmaak Theater De Spijker",
                "Hond van Sandra uitlaten",
                "Vacature medewerker bouw bij Aannemersbedrijf De Vries",
                "Plan maken met de bewoners rond het plantsoen",
            ],
        )
    }
    coordinator, coach = _user("coordinator"), _user("coach")
    sandra = residents.get(("Sandra", "Willems"))
    sandra_user = sandra.user if sandra is not None and sandra.user_id else coach
    _story(
        pieces.get("Conciërge en schoonmaak Theater De Spijker"),
        sandra,
        target=MatchStatus.COMPLETED,
        proposer=coordinator,
        answerer=sandra_user,
        note="Sandra ontmoette de eigenaar op de wijkexcursie; ze kan goed organiseren.",
        steps_note="Kennismaking tijdens de wijkexcursie langs het theater.",
    )
    _story(
        pieces.get("Vacature medewerker bouw bij Aannemersbedrijf De Vries"),
        residents.get(("Peter", "Bakker")),
        target=MatchStatus.COMPLETED,
        proposer=coordinator,
        answerer=_user("coach2") or coach,
        note="Peter reageerde op de vacature op het prikbord.",
        steps_note="Kennismaking bij De Vries op de bouwplaats.",
    )
    _story(
        pieces.get("Hond van Sandra uitlaten"),
        residents.get(("Jorge", "Martinez")),
        target=MatchStatus.STARTED,
        proposer=coach,
        answerer=coach,
        note="Meneer Martinez wil elke dag wandelen en iets betekenen voor de buurt.",
        steps_note="Kennismaking met Sandra en de hond.",
    )
    park = pieces.get("Plan maken met de bewoners rond het plantsoen")
    if park is not None and not Match.objects.filter(piece=park).exists():
        # The demo goes on without a team rather than fail.
        with contextlib.suppress(ValidationError):
            actions.compose_team_for(actor=coordinator, piece=park)
    theatre = pieces.get("Conciërge en schoonmaak Theater De Spijker")
    if (
        sandra is not None
        and not Match.objects.filter(resident=sandra).exclude(piece=theatre).exists()
    ):
        found = suggestions.work_for_resident(bureau, sandra, k=1)
        if found.candidates:
            actions.propose_match(
                actor=coach,
                piece=found.candidates[0].piece,
                resident=sandra,
                note="Misschien iets voor jou naast het theater?",
            )


@transaction.atomic
def load_demo_data(bureaus: dict) -> None:
    """Add the demo's postcode areas and matches (a dict of slug → Bureau)."""
    _postcode_areas()
    main = bureaus.get("spijkerkwartier")
    if main is not None:
        _stories(main)
