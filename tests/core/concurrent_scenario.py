"""A neighbourhood on a file database for `test_concurrent_writes.py`, built and read in a process
of its own (the settings come from the environment, as for `buurtbaan serve`).

    python -m tests.core.concurrent_scenario setup    migrate, create the data, print ids (JSON)
    python -m tests.core.concurrent_scenario report   print what the database holds now (JSON)

Sessions are made the way the test client's `force_login` makes them, so the parallel requests
need no password checks (Argon2 would be the bottleneck, not the database).
"""

from __future__ import annotations

import json
import os
import sys

PROPOSALS = 8
CONFIRMS = 4
ACCEPTS = 5


def _session_for(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def setup() -> dict:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)

    from buurtbaan.bureaus.models import Role
    from buurtbaan.matching import actions
    from buurtbaan.residents.models import Talent
    from tests.factories import (
        BureauFactory,
        ConsentFactory,
        MembershipFactory,
        PieceOfWorkFactory,
        ResidentFactory,
        resident_with_account,
    )

    bureau = BureauFactory(slug="spijkerkwartier", postcodes=[("6828", "6828")])
    coordinator = MembershipFactory(bureau=bureau, role=Role.COORDINATOR).user
    cooking, _ = Talent.objects.get_or_create(bureau=bureau, name="koken")

    def matchable(**fields):
        resident = ResidentFactory(
            bureau=bureau,
            hours_per_week=24,
            travel="anywhere",
            is_ready_to_propose=True,  # met by a coach (see matching.eligibility)
            **fields,
        )
        resident.talents.set([cooking])
        ConsentFactory(resident=resident, scope="matching")
        return resident

    def piece():
        work = PieceOfWorkFactory(bureau=bureau, hours_total=None, hours_per_week=8)
        work.talents_needed.set([cooking])
        return work

    # Proposals by hand: one piece and one resident for each parallel request.
    by_hand = [(matchable().pk, piece().pk) for _ in range(PROPOSALS)]

    # Residents who answer their own proposals, each in a session of their own.
    answers = []
    for _ in range(ACCEPTS):
        resident = resident_with_account(
            bureau, hours_per_week=24, travel="anywhere", is_ready_to_propose=True
        )
        resident.talents.set([cooking])
        ConsentFactory(resident=resident, scope="matching")
        match = actions.propose_match(actor=coordinator, piece=piece(), resident=resident)
        answers.append({"match": match.pk, "session": _session_for(resident.user)})

    # A round over residents and work no one else touches: a second bureau.
    other = BureauFactory(slug="klarendal", postcodes=[("6822", "6822")])
    other_coordinator = MembershipFactory(bureau=other, role=Role.COORDINATOR).user
    baking, _ = Talent.objects.get_or_create(bureau=other, name="bakken")
    for _ in range(6):
        resident = ResidentFactory(
            bureau=other,
            postcode="6822AB",
            hours_per_week=24,
            travel="anywhere",
            is_ready_to_propose=True,
        )
        resident.talents.set([baking])
        ConsentFactory(resident=resident, scope="matching")
        work = PieceOfWorkFactory(
            bureau=other, postcode="6822AB", hours_total=None, hours_per_week=8
        )
        work.talents_needed.set([baking])
    matching_round = actions.run_round(actor=other_coordinator, bureau=other)

    return {
        "bureau": bureau.slug,
        "coordinator_session": _session_for(coordinator),
        "by_hand": by_hand,
        "answers": answers,
        "other_bureau": other.slug,
        "other_coordinator_session": _session_for(other_coordinator),
        "round": matching_round.pk,
        "round_version": matching_round.version,
        "round_assignments": len(matching_round.assignments),
    }


def report() -> dict:
    from django.db.models import Count

    from buurtbaan.audit.models import AuditEntry
    from buurtbaan.matching.models import Match, MatchEvent, MatchingRound

    return {
        "matches": Match.objects.count(),
        "pairs": Match.objects.values("resident", "piece").distinct().count(),
        "most_on_one_piece": max(
            Match.objects.values("piece").annotate(n=Count("pk")).values_list("n", flat=True),
            default=0,
        ),
        "accepted": Match.objects.filter(accepted_at__isnull=False).count(),
        "accepted_events": MatchEvent.objects.filter(kind="accepted").count(),
        "proposed_events": MatchEvent.objects.filter(kind="proposed").count(),
        "round_matches": Match.objects.filter(matching_round__isnull=False).count(),
        "rounds": list(MatchingRound.objects.values_list("status", flat=True)),
        "audit_entries": AuditEntry.objects.count(),
    }


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtbaan.settings")
    import django

    django.setup()
    what = {"setup": setup, "report": report}[argv[0]]
    print(json.dumps(what()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
